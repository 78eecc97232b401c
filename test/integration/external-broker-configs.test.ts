// A real cluster's broker configs through a connection: described with their sources (for every
// broker, or one, per-broker ones told apart), altered for every broker ('') and for one,
// read-only ones refused, over the Kafka protocol only (the cluster here is a second embedded
// one, reached as a Kafka cluster).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { ApiError } from '../../src/shared/errors'
import type { BrokerConfigsResult } from '../../src/shared/api/broker-configs'

describe('broker configs of an external cluster', () => {
  let kafka: TestCluster
  let console_: TestCluster
  let connection: string
  const call = (method: string, params: object) =>
    console_.service.callByName(method, { connection, ...params }) as Promise<BrokerConfigsResult>

  beforeAll(async () => {
    kafka = await startTestCluster({ brokerConfigs: { 'num.partitions': '2' } })
    console_ = await startTestCluster({ brokers: 1 })
    const added = (await console_.service.callByName('connections.add', {
      name: 'Remote',
      bootstrapServers: kafka.bootstrap.split(',')
    })) as { id: string }
    connection = added.id
  })
  afterAll(async () => {
    await console_?.close()
    await kafka?.close()
  })

  it('describes, alters for every broker and for one, and refuses read-only configs', async () => {
    const all = await call('brokers.describeConfigs', {})
    const byName = (r: BrokerConfigsResult, name: string) => r.configs.find((c) => c.name === name)
    expect(byName(all, 'num.partitions')).toMatchObject({
      value: '2',
      source: 'STATIC_BROKER_CONFIG',
      updateMode: 'read-only',
      defaultValue: '1'
    })
    // Kafka says only whether a config is read-only; the catalogue tells per-broker ones.
    expect(byName(all, 'ssl.keystore.location')).toMatchObject({ updateMode: 'per-broker' })
    expect(byName(all, 'num.io.threads')).toMatchObject({
      value: '8',
      updateMode: 'cluster-wide'
    })
    expect(byName(all, 'log.dirs')).toMatchObject({ updateMode: 'read-only' })

    const altered = await call('brokers.alterConfigs', {
      configs: { 'log.retention.ms': '3600000' }
    })
    expect(byName(altered, 'log.retention.ms')).toMatchObject({
      value: '3600000',
      source: 'DYNAMIC_DEFAULT_BROKER_CONFIG'
    })
    expect(kafka.engine.brokerConfig('log.retention.ms')).toBe('3600000')

    const one = await call('brokers.alterConfigs', {
      brokerId: 2,
      configs: { 'max.connections': '300' }
    })
    expect(byName(one, 'max.connections')).toMatchObject({
      value: '300',
      source: 'DYNAMIC_BROKER_CONFIG'
    })
    // For every broker, a value set for one alone is not shown.
    const every = await call('brokers.describeConfigs', { brokerId: null })
    expect(byName(every, 'max.connections')).toMatchObject({
      value: '1000',
      source: 'DEFAULT_CONFIG'
    })
    const removed = await call('brokers.alterConfigs', {
      brokerId: 2,
      configs: { 'max.connections': null }
    })
    expect(byName(removed, 'max.connections')).toMatchObject({ value: '1000' })

    const refused = await call('brokers.alterConfigs', {
      configs: { 'num.partitions': '5' }
    }).catch((err: unknown) => err)
    expect(refused).toBeInstanceOf(ApiError)
    expect((refused as ApiError).code).toBe('BAD_REQUEST')
    expect((refused as ApiError).message).toContain('num.partitions')
  })
})
