// A real cluster's group configs (KIP-848's GROUP resource) through a connection, over the Kafka
// protocol only (the cluster here is a second embedded one, reached as a Kafka cluster): described
// with the broker config each defaults to, set and removed, a refusal naming the config; and the
// same through the embedded cluster's own backend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { ApiError } from '../../src/shared/errors'
import type { GroupConfigsResult } from '../../src/shared/api/groups'

describe('group configs through the contract', () => {
  let kafka: TestCluster
  let console_: TestCluster
  let connection: string

  beforeAll(async () => {
    kafka = await startTestCluster({
      brokerConfigs: { 'group.consumer.session.timeout.ms': '50000' }
    })
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

  const backends = {
    external: (method: string, params: object) =>
      console_.service.callByName(method, { connection, ...params }) as Promise<GroupConfigsResult>,
    embedded: (method: string, params: object) =>
      kafka.service.callByName(method, params) as Promise<GroupConfigsResult>
  }

  for (const [kind, call] of Object.entries(backends))
    it(`${kind}: describes, sets, refuses naming the config, and removes`, async () => {
      const groupId = `${kind}-group`
      const byName = (r: GroupConfigsResult, name: string) => r.configs.find((c) => c.name === name)
      const before = await call('groups.describeConfigs', { groupId })
      expect(byName(before, 'consumer.session.timeout.ms')).toMatchObject({
        value: '50000',
        source: 'STATIC_BROKER_CONFIG',
        brokerConfig: 'group.consumer.session.timeout.ms',
        brokerValue: '50000'
      })
      const set = await call('groups.alterConfigs', {
        groupId,
        configs: { 'consumer.heartbeat.interval.ms': '4000' }
      })
      expect(byName(set, 'consumer.heartbeat.interval.ms')).toMatchObject({
        value: '4000',
        source: 'GROUP_CONFIG',
        brokerConfig: 'group.consumer.heartbeat.interval.ms',
        brokerValue: '1000'
      })
      expect(kafka.engine.groupConfigs.configsOf(groupId)).toEqual({
        'consumer.heartbeat.interval.ms': '4000'
      })
      const refused = await call('groups.alterConfigs', {
        groupId,
        configs: { 'consumer.session.timeout.ms': '3000' }
      }).catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(ApiError)
      expect((refused as ApiError).code).toBe('BAD_REQUEST')
      expect((refused as ApiError).message).toContain(
        'consumer.session.timeout.ms must be greater than or equal to group.consumer.min.session.timeout.ms'
      )
      const removed = await call('groups.alterConfigs', {
        groupId,
        configs: { 'consumer.heartbeat.interval.ms': null }
      })
      expect(byName(removed, 'consumer.heartbeat.interval.ms')).toMatchObject({
        value: '1000',
        source: 'DEFAULT_CONFIG'
      })
    })
})
