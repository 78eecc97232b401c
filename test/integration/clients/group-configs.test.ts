// GROUP resource configs (KIP-848) through @platformatic/kafka's DescribeConfigs,
// IncrementalAlterConfigs and AlterConfigs (confluent-kafka-python 2.0.2 has no GROUP config
// resource): described with their sources and the broker configs they default to, checked
// against the broker's bounds as Kafka checks them, used by the coordinator for that group's
// members, kept across a restart and when the group is deleted.
import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  alterConfigsV2,
  Connection,
  consumerGroupHeartbeatV0,
  deleteGroupsV2,
  describeConfigsV4,
  incrementalAlterConfigsV1
} from '@platformatic/kafka'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { startTestCluster, type TestCluster } from '../../support/cluster'

const GROUP = 32
const SET = 0
const DELETE = 1

const closing: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close()
})

async function connect(c: TestCluster): Promise<Connection> {
  const connection = new Connection('group-configs')
  await connection.connect(c.listeners[0].host, c.listeners[0].port)
  closing.push(() => connection.close())
  return connection
}

/** A response whose resources carry errors comes back as the rejection's `response`. */
function answered<T>(p: Promise<T>): Promise<T> {
  return p.catch((err: { response?: T }) => {
    if (!err.response) throw err
    return err.response
  })
}

async function describeGroup(connection: Connection, groupId: string) {
  const res = await describeConfigsV4.api.async(
    connection,
    [{ resourceType: GROUP, resourceName: groupId, configurationKeys: null }],
    true,
    true
  )
  const r = res.results[0]
  return {
    errorCode: r.errorCode,
    configs: Object.fromEntries(
      r.configs.map((c) => [
        c.name,
        {
          value: c.value,
          source: c.configSource,
          readOnly: c.readOnly,
          synonyms: c.synonyms.map((s) => [s.name, s.value, s.source])
        }
      ])
    )
  }
}

function setConfigs(connection: Connection, groupId: string, configs: Record<string, string>) {
  return answered(
    incrementalAlterConfigsV1.api.async(
      connection,
      [
        {
          resourceType: GROUP,
          resourceName: groupId,
          configs: Object.entries(configs).map(([name, value]) => ({
            name,
            value,
            configOperation: SET
          }))
        }
      ],
      false
    )
  ).then((r) => r.responses[0])
}

function heartbeat(connection: Connection, groupId: string) {
  return consumerGroupHeartbeatV0.api.async(
    connection,
    groupId,
    '',
    0,
    null,
    null,
    30_000,
    ['orders'],
    null,
    null,
    []
  )
}

describe('GROUP resource configs', () => {
  it('describe, alter with Kafka’s checks, the coordinator uses them, kept across a restart and a group deletion', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'logdeck-group-configs-'))
    closing.push(async () => rmSync(dataDir, { recursive: true, force: true }))
    let c = await startTestCluster({
      brokers: 1,
      dataDir,
      brokerConfigs: { 'group.consumer.max.session.timeout.ms': '90000' }
    })
    let closed = false
    closing.push(async () => {
      if (!closed) await c.close()
    })
    await c.service.call('topics.create', { name: 'orders', partitions: 2, replicationFactor: 1 })
    let connection = await connect(c)

    // A group without configs of its own: the broker's values, as DEFAULT_CONFIG (5) or, for a
    // broker config given at start, with its source and synonyms.
    const before = await describeGroup(connection, 'payments')
    expect(before.errorCode).toBe(0)
    expect(before.configs['consumer.session.timeout.ms']).toEqual({
      value: '45000',
      source: 5,
      readOnly: false,
      synonyms: [['group.consumer.session.timeout.ms', '45000', 5]]
    })
    expect(before.configs['consumer.heartbeat.interval.ms']).toMatchObject({
      value: '1000',
      source: 5
    })
    expect((await heartbeat(connection, 'payments')).heartbeatIntervalMs).toBe(1000)

    // Kafka's checks, naming the config; nothing changes on a refusal.
    expect(
      await setConfigs(connection, 'payments', { 'consumer.heartbeat.interval.ms': '500' })
    ).toMatchObject({
      errorCode: ErrorCode.INVALID_CONFIG,
      errorMessage:
        'consumer.heartbeat.interval.ms must be greater than or equal to group.consumer.min.heartbeat.interval.ms'
    })
    expect(
      await setConfigs(connection, 'payments', { 'consumer.session.timeout.ms': '100000' })
    ).toMatchObject({
      errorCode: ErrorCode.INVALID_CONFIG,
      errorMessage:
        'consumer.session.timeout.ms must be less than or equal to group.consumer.max.session.timeout.ms'
    })
    expect(await setConfigs(connection, 'payments', { 'consumer.max.poll': '5' })).toMatchObject({
      errorCode: ErrorCode.INVALID_CONFIG,
      errorMessage: 'Unknown group config name: consumer.max.poll'
    })
    expect(
      await setConfigs(connection, '', { 'consumer.session.timeout.ms': '50000' })
    ).toMatchObject({
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: 'Group name must not be empty'
    })

    const ok = await setConfigs(connection, 'payments', {
      'consumer.session.timeout.ms': '80000',
      'consumer.heartbeat.interval.ms': '2500'
    })
    expect(ok.errorCode).toBe(0)
    const after = await describeGroup(connection, 'payments')
    // GROUP_CONFIG (8), then the broker config it defaults to.
    expect(after.configs['consumer.session.timeout.ms']).toEqual({
      value: '80000',
      source: 8,
      readOnly: false,
      synonyms: [
        ['consumer.session.timeout.ms', '80000', 8],
        ['group.consumer.session.timeout.ms', '45000', 5]
      ]
    })
    // The group's members are told its own interval; another group keeps the broker's.
    const member = await heartbeat(connection, 'payments')
    expect(member.heartbeatIntervalMs).toBe(2500)
    expect((await heartbeat(connection, 'other')).heartbeatIntervalMs).toBe(1000)

    // Kept across a restart.
    await connection.close()
    await c.close()
    closed = true
    c = await startTestCluster({
      brokers: 1,
      dataDir,
      brokerConfigs: { 'group.consumer.max.session.timeout.ms': '90000' }
    })
    closed = false
    connection = await connect(c)
    expect(
      (await describeGroup(connection, 'payments')).configs['consumer.session.timeout.ms']
    ).toMatchObject({
      value: '80000',
      source: 8
    })

    // Deleting the group leaves its configs, as Kafka keeps them apart from the group.
    // A member joins and leaves, and the group is deleted.
    const joined = await heartbeat(connection, 'payments')
    await consumerGroupHeartbeatV0.api.async(
      connection,
      'payments',
      joined.memberId as string,
      -1,
      null,
      null,
      30_000,
      null,
      null,
      null,
      null
    )
    const deleted = await answered(deleteGroupsV2.api.async(connection, ['payments']))
    expect(deleted.results[0].errorCode).toBe(0)
    expect(c.engine.groupSummaries().groups.map((g) => g.groupId)).not.toContain('payments')
    expect(
      (await describeGroup(connection, 'payments')).configs['consumer.heartbeat.interval.ms']
    ).toMatchObject({
      value: '2500',
      source: 8
    })

    // AlterConfigs replaces the whole set; IncrementalAlterConfigs DELETE removes one.
    const replaced = await alterConfigsV2.api.async(
      connection,
      [
        {
          resourceType: GROUP,
          resourceName: 'payments',
          configs: [{ name: 'consumer.heartbeat.interval.ms', value: '3000' }]
        }
      ],
      false
    )
    expect(replaced.responses[0].errorCode).toBe(0)
    let now = await describeGroup(connection, 'payments')
    expect(now.configs['consumer.session.timeout.ms']).toMatchObject({ value: '45000', source: 5 })
    expect(now.configs['consumer.heartbeat.interval.ms']).toMatchObject({
      value: '3000',
      source: 8
    })
    await incrementalAlterConfigsV1.api.async(
      connection,
      [
        {
          resourceType: GROUP,
          resourceName: 'payments',
          configs: [{ name: 'consumer.heartbeat.interval.ms', configOperation: DELETE }]
        }
      ],
      false
    )
    now = await describeGroup(connection, 'payments')
    expect(now.configs['consumer.heartbeat.interval.ms']).toMatchObject({
      value: '1000',
      source: 5
    })
  })

  it('share group configs: Kafka’s defaults and checks, used by the share group coordinator', async () => {
    const c = await startTestCluster({ brokers: 1 })
    closing.push(() => c.close())
    await c.service.call('topics.create', { name: 'orders', partitions: 2, replicationFactor: 1 })
    const connection = await connect(c)
    const before = await describeGroup(connection, 'queue')
    expect(
      Object.fromEntries(
        Object.entries(before.configs)
          .filter(([name]) => name.startsWith('share.'))
          .map(([name, d]) => [name, [d.value, d.source]])
      )
    ).toEqual({
      'share.session.timeout.ms': ['45000', 5],
      'share.heartbeat.interval.ms': ['5000', 5],
      'share.record.lock.duration.ms': ['30000', 5],
      'share.delivery.count.limit': ['5', 5],
      'share.partition.max.record.locks': ['2000', 5],
      'share.auto.offset.reset': ['latest', 5],
      'share.isolation.level': ['read_uncommitted', 5],
      'share.renew.acknowledge.enable': ['true', 5]
    })
    const refused = async (configs: Record<string, string>, errorMessage: string) =>
      expect(await setConfigs(connection, 'queue', configs)).toMatchObject({
        errorCode: ErrorCode.INVALID_CONFIG,
        errorMessage
      })
    await refused(
      { 'share.record.lock.duration.ms': '10000' },
      'share.record.lock.duration.ms must be greater than or equal to group.share.min.record.lock.duration.ms'
    )
    await refused(
      { 'share.delivery.count.limit': '1' },
      'Invalid value 1 for configuration share.delivery.count.limit: Value must be at least 2'
    )
    await refused(
      { 'share.delivery.count.limit': '11' },
      'share.delivery.count.limit must be less than or equal to group.share.max.delivery.count.limit'
    )
    await refused(
      { 'share.auto.offset.reset': 'newest' },
      "Invalid value newest for configuration share.auto.offset.reset: the value must be either 'earliest', 'latest' or of the format 'by_duration:<PnDTnHnMn.nS.>'."
    )
    await refused(
      { 'share.isolation.level': 'committed' },
      'Invalid value committed for configuration share.isolation.level: String must be one of: read_committed, read_uncommitted'
    )
    await refused(
      { 'share.session.timeout.ms': '45000', 'share.heartbeat.interval.ms': '16000' },
      'share.heartbeat.interval.ms must be less than or equal to group.share.max.heartbeat.interval.ms'
    )
    const ok = await setConfigs(connection, 'queue', {
      'share.heartbeat.interval.ms': '7000',
      'share.auto.offset.reset': 'by_duration:PT1H',
      'share.isolation.level': 'read_committed',
      'share.record.lock.duration.ms': '20000'
    })
    expect(ok.errorCode).toBe(0)
    const after = await describeGroup(connection, 'queue')
    expect(after.configs['share.auto.offset.reset']).toMatchObject({
      value: 'by_duration:PT1H',
      source: 8
    })
    expect(c.engine.groupConfigs.value('queue', 'share.record.lock.duration.ms')).toBe('20000')
    // The share group's members are told the group's own heartbeat interval.
    const joined = c.engine.shareGroupHeartbeat({
      groupId: 'queue',
      memberId: 'c3a1e0f4-0000-4000-8000-000000000001',
      memberEpoch: 0,
      rackId: null,
      subscribedTopicNames: ['orders'],
      clientId: 'it',
      clientHost: '127.0.0.1'
    })
    expect(joined.heartbeatIntervalMs).toBe(7000)
  })
})
