// ListConfigResources v1 (KIP-1142, Kafka 4.1) with a real client, @platformatic/kafka's
// listConfigResourcesV1: the topics, the running brokers (as BROKER and BROKER_LOGGER
// resources), the CLIENT_METRICS subscriptions and the groups with configs of their own (also a
// group that has never had a member), filtered by the types asked for, every type when none is;
// a type it does not list is UNSUPPORTED_VERSION; version 0 (ListClientMetricsResources) still
// lists only the subscriptions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  Connection,
  listClientMetricsResourcesV0,
  listConfigResourcesV1
} from '@platformatic/kafka'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'

const TOPIC = 2
const BROKER = 4
const BROKER_LOGGER = 8
const CLIENT_METRICS = 16
const GROUP = 32

let cluster: TestCluster
let connection: Connection

beforeAll(async () => {
  cluster = await startTestCluster({ brokers: 3 })
  const call = cluster.service.call
  for (const name of ['orders', 'audit'])
    await call('topics.create', { name, partitions: 2, replicationFactor: 1 })
  await call('clientMetrics.setSubscription', { name: 'producers', metrics: ['*'], match: [] })
  // A group that does not exist yet, with a config of its own: what KIP-1142 lets be listed.
  await call('groups.alterConfigs', {
    groupId: 'future-workers',
    configs: { 'consumer.session.timeout.ms': '50000' }
  })
  await call('brokers.stop', { brokerId: 2 })
  connection = new Connection('list-config-resources')
  await connection.connect(cluster.listeners[0].host, cluster.listeners[0].port)
})

afterAll(async () => {
  await connection?.close()
  await cluster?.close()
})

type Types = Parameters<typeof listConfigResourcesV1.api.async>[1]

/** The answer's resources as type -> sorted names, or the error code the client threw on. */
async function list(types: number[]): Promise<Record<number, string[]> | { errorCode: number }> {
  try {
    // The client's type names only the types Kafka defines; 1 (none) is sent as it is.
    const res = await listConfigResourcesV1.api.async(connection, types as Types)
    const byType: Record<number, string[]> = {}
    for (const r of res.configResources) (byType[r.resourceType] ??= []).push(r.resourceName)
    for (const names of Object.values(byType)) names.sort()
    return byType
  } catch (err) {
    const response = (err as { response?: { errorCode: number } }).response
    if (!response) throw err
    return { errorCode: response.errorCode }
  }
}

describe('ListConfigResources', () => {
  it('lists every type when none is named', async () => {
    expect(await list([])).toEqual({
      [TOPIC]: ['audit', 'orders'],
      [BROKER]: ['0', '1'],
      [BROKER_LOGGER]: ['0', '1'],
      [CLIENT_METRICS]: ['producers'],
      [GROUP]: ['future-workers']
    })
  })

  it('lists only the types asked for', async () => {
    expect(await list([TOPIC])).toEqual({ [TOPIC]: ['audit', 'orders'] })
    expect(await list([GROUP, BROKER])).toEqual({
      [BROKER]: ['0', '1'],
      [GROUP]: ['future-workers']
    })
  })

  it('answers UNSUPPORTED_VERSION for a type it does not list, and v0 lists subscriptions', async () => {
    expect(await list([TOPIC, 1])).toEqual({ errorCode: ErrorCode.UNSUPPORTED_VERSION })
    const v0 = await listClientMetricsResourcesV0.api.async(connection)
    expect(v0.configResources.map((r) => r.resourceName)).toEqual(['producers'])
  })
})
