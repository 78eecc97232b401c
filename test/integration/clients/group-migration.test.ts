// KIP-848's online migration with real clients: a kafkajs group of the classic protocol
// consuming records kcat produced in batches, then a @platformatic/kafka member of the consumer
// protocol joining it (the group is upgraded; the kafkajs member goes on with JoinGroup, SyncGroup
// and Heartbeat inside the consumer group, its partitions given by the server-side assignor),
// every partition owned once, nothing lost, the committed offsets kept; the consumer-protocol
// member leaving (the group is downgraded to a classic one) or the classic member leaving (the
// group stays a consumer group); a confluent-kafka-python (librdkafka) classic member in a
// mixed group likewise; and group.consumer.migration.policy=disabled refusing the
// consumer-protocol member as Kafka refuses it.
import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel, type Admin, type Consumer, type EachMessagePayload } from 'kafkajs'
import { Connection, consumerGroupHeartbeatV1, findCoordinatorV6 } from '@platformatic/kafka'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat } from '../../support/external-clients'
import {
  consumeCommitted,
  stringConsumer,
  type StringConsumer,
  type StringStream
} from '../../support/platformatic-clients'
import { waitFor } from '../../support/wait-for'

const PARTITIONS = 4

let cluster: TestCluster
let kafka: Kafka
let admin: Admin

beforeAll(async () => {
  cluster = await startTestCluster({
    groups: { consumerHeartbeatIntervalMs: 200, consumerMinHeartbeatIntervalMs: 200 }
  })
  kafka = new Kafka({ brokers: cluster.bootstrap.split(','), logLevel: logLevel.NOTHING })
  admin = kafka.admin()
  await admin.connect()
})

afterAll(async () => {
  await admin?.disconnect()
  await cluster?.close()
})

/** kcat produces `count` keyed records in batches (linger.ms), values `v<from>`... */
async function produce(topic: string, from: number, count: number): Promise<void> {
  const lines = Array.from({ length: count }, (_, i) => `k${from + i}:v${from + i}`).join('\n')
  const r = await kcat(
    ['-P', '-b', cluster.bootstrap, '-t', topic, '-K', ':', '-X', 'linger.ms=20'],
    lines + '\n'
  )
  expect(r.code, r.stderr).toBe(0)
}

interface ClassicMember {
  consumer: Consumer
  /** Partitions of the topic at its last GROUP_JOIN. */
  assigned: number[]
}

/** A kafkajs member of the classic protocol, recording each value it consumes in `seen`. */
async function classicMember(
  topic: string,
  groupId: string,
  seen: Map<string, number>
): Promise<ClassicMember> {
  const consumer = kafka.consumer({
    groupId,
    sessionTimeout: 10_000,
    rebalanceTimeout: 10_000,
    heartbeatInterval: 300,
    maxWaitTimeInMs: 100
  })
  const member: ClassicMember = { consumer, assigned: [] }
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    member.assigned = [...(e.payload.memberAssignment[topic] ?? [])].sort()
  })
  await consumer.connect()
  await consumer.subscribe({ topics: [topic], fromBeginning: true })
  await consumer.run({
    autoCommitInterval: 100,
    eachMessage: async ({ message }: EachMessagePayload) => {
      const value = String(message.value)
      seen.set(value, (seen.get(value) ?? 0) + 1)
    }
  })
  return member
}

/** A @platformatic/kafka member of the consumer protocol, recording into `seen`. */
async function consumerMember(
  topic: string,
  groupId: string,
  seen: Map<string, number>
): Promise<{ consumer: StringConsumer; stream: StringStream }> {
  const consumer = stringConsumer(cluster.bootstrap.split(','), `${groupId}-kip848`, groupId, {
    groupProtocol: 'consumer'
  })
  const stream = await consumeCommitted(consumer, [topic])
  stream.on('data', (m) => seen.set(m.value, (seen.get(m.value) ?? 0) + 1))
  return { consumer, stream }
}

const partitionsOf = (c: StringConsumer) =>
  (c.assignments ?? []).flatMap((a) => a.partitions).sort()

const describeConsumerGroup = (groupId: string) =>
  cluster.engine.consumerGroupDescribe([groupId])[0]

/** The group's committed offsets of the topic, summed. */
async function committed(groupId: string, topic: string): Promise<number> {
  const [t] = await admin.fetchOffsets({ groupId, topics: [topic] })
  return t.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0)
}

/**
 * Waits until the mixed group is Stable with one member of each protocol, each owning its
 * target, every partition owned once; returns the classic member's and the other's partitions.
 */
async function sharedOnce(
  groupId: string,
  classic: Pick<ClassicMember, 'assigned'>,
  other: StringConsumer
) {
  await waitFor(
    'both members reconciled, every partition owned once',
    () => {
      const d = describeConsumerGroup(groupId)
      if (d.errorCode !== ErrorCode.NONE || d.groupState !== 'Stable') return false
      if (d.members.length !== 2) return false
      const owned = d.members.flatMap((m) => m.assignment.flatMap((a) => a.partitions))
      const mine = d.members.find((m) => m.memberType === 'classic')
      return (
        mine !== undefined &&
        owned.length === PARTITIONS &&
        new Set(owned).size === PARTITIONS &&
        classic.assigned.join() === mine.assignment.flatMap((a) => a.partitions).join() &&
        partitionsOf(other).length + classic.assigned.length === PARTITIONS
      )
    },
    60_000
  )
  return { classic: classic.assigned, other: partitionsOf(other) }
}

/** A first ConsumerGroupHeartbeat (v1) of @platformatic/kafka; the error response it gets. */
function refusedHeartbeat(connection: Connection, groupId: string, topic: string) {
  return consumerGroupHeartbeatV1.api
    .async(connection, groupId, 'kip848-member', 0, null, null, 10_000, [topic], null, null, [])
    .then(
      () => null,
      (err: { response?: { errorCode: number; errorMessage: string | null } }) => err.response
    )
}

/**
 * A confluent-kafka-python (librdkafka) classic member: prints `assigned <partitions>` at each
 * assignment and `value <value>` for each record, and leaves the group when told `stop`.
 */
const PYTHON_MEMBER = `
import select, sys
from confluent_kafka import Consumer
c = Consumer({'bootstrap.servers': sys.argv[1], 'group.id': sys.argv[2],
              'auto.offset.reset': 'earliest', 'auto.commit.interval.ms': 100,
              'session.timeout.ms': 10000, 'heartbeat.interval.ms': 300})
def on_assign(consumer, partitions):
    print('assigned ' + ','.join(str(p.partition) for p in sorted(partitions, key=lambda p: p.partition)), flush=True)
c.subscribe([sys.argv[3]], on_assign=on_assign)
while not select.select([sys.stdin], [], [], 0)[0]:
    m = c.poll(0.1)
    if m is not None and m.error() is None:
        print('value ' + m.value().decode(), flush=True)
c.close()
print('closed', flush=True)
`

function pythonMember(groupId: string, topic: string, seen: Map<string, number>) {
  const child = spawn(
    '/usr/bin/python3',
    ['-c', PYTHON_MEMBER, cluster.bootstrap, groupId, topic],
    {
      stdio: ['pipe', 'pipe', 'pipe']
    }
  )
  const member = {
    assigned: [] as number[],
    closed: false,
    stderr: '',
    stop: () => child.stdin.end('stop\n')
  }
  let buffer = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    buffer += d
    const lines = buffer.split('\n')
    buffer = lines.pop() ?? ''
    for (const line of lines) {
      if (line.startsWith('assigned '))
        member.assigned = line.slice(9).split(',').filter(Boolean).map(Number)
      else if (line.startsWith('value ')) {
        const value = line.slice(6)
        seen.set(value, (seen.get(value) ?? 0) + 1)
      } else if (line === 'closed') member.closed = true
    }
  })
  child.stderr.setEncoding('utf8').on('data', (d: string) => (member.stderr += d))
  return { member, child }
}

describe('online migration between the classic and the consumer protocol (KIP-848)', () => {
  it('upgrades a kafkajs group when a consumer-protocol member joins, and downgrades it when that member leaves', async () => {
    const topic = 'migration-orders'
    const groupId = 'migration-group'
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }] })
    const seen = new Map<string, number>()
    await produce(topic, 0, 200)
    const classic = await classicMember(topic, groupId, seen)
    let kip848: Awaited<ReturnType<typeof consumerMember>> | null = null
    try {
      await waitFor('the classic member to consume 200 records', () => seen.size === 200, 60_000)
      expect(classic.assigned).toEqual([0, 1, 2, 3])
      await waitFor('200 offsets committed', async () => (await committed(groupId, topic)) === 200)

      kip848 = await consumerMember(topic, groupId, seen)
      const split = await sharedOnce(groupId, classic, kip848.consumer)
      expect([...split.classic, ...split.other].sort()).toEqual([0, 1, 2, 3])
      expect(split.classic.length).toBe(2)
      const upgraded = describeConsumerGroup(groupId)
      expect(upgraded.members.map((m) => m.memberType).sort()).toEqual(['classic', 'consumer'])
      // ListGroups and DescribeGroups answer as Kafka does for a consumer group.
      const listed = (await admin.listGroups()).groups.find((g) => g.groupId === groupId)
      expect(listed?.protocolType).toBe('consumer')
      const [viaDescribeGroups] = (await admin.describeGroups([groupId])).groups
      expect(viaDescribeGroups.state).toBe('Dead')

      await produce(topic, 200, 200)
      await waitFor('400 records consumed', () => seen.size === 400, 60_000)
      await waitFor('400 offsets committed', async () => (await committed(groupId, topic)) === 400)

      // The consumer-protocol member leaves: the group is a classic group again, the kafkajs
      // member rebalances into owning every partition.
      await kip848.stream.close()
      await kip848.consumer.close()
      kip848 = null
      await waitFor(
        'the classic member to own every partition of the classic group again',
        () =>
          cluster.engine.describeGroups([groupId])[0].groupState === 'Stable' &&
          classic.assigned.length === PARTITIONS,
        60_000
      )
      const [downgraded] = (await admin.describeGroups([groupId])).groups
      expect(downgraded).toMatchObject({ state: 'Stable', protocolType: 'consumer' })
      expect(downgraded.members).toHaveLength(1)
      await produce(topic, 400, 100)
      await waitFor('500 records consumed', () => seen.size === 500, 60_000)
      await waitFor('500 offsets committed', async () => (await committed(groupId, topic)) === 500)
      expect([...seen.keys()].sort()).toEqual(Array.from({ length: 500 }, (_, i) => `v${i}`).sort())
    } finally {
      if (kip848) {
        await kip848.stream.close()
        await kip848.consumer.close()
      }
      await classic.consumer.disconnect()
    }
  }, 240_000)

  it('keeps the consumer group when its last classic member leaves', async () => {
    const topic = 'migration-payments'
    const groupId = 'migration-group-2'
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }] })
    const seen = new Map<string, number>()
    await produce(topic, 0, 100)
    const classic = await classicMember(topic, groupId, seen)
    await waitFor('the classic member to consume 100 records', () => seen.size === 100, 60_000)
    const kip848 = await consumerMember(topic, groupId, seen)
    try {
      await sharedOnce(groupId, classic, kip848.consumer)
      await classic.consumer.disconnect()
      await waitFor(
        'the consumer-protocol member to own every partition',
        () => partitionsOf(kip848.consumer).length === PARTITIONS,
        60_000
      )
      const d = describeConsumerGroup(groupId)
      expect(d.members.map((m) => m.memberType)).toEqual(['consumer'])
      await produce(topic, 100, 100)
      await waitFor('200 records consumed', () => seen.size === 200, 60_000)
      await waitFor('200 offsets committed', async () => (await committed(groupId, topic)) === 200)
    } finally {
      await kip848.stream.close()
      await kip848.consumer.close()
    }
  }, 240_000)

  it('serves a confluent-kafka-python (librdkafka) classic member beside a consumer-protocol member', async () => {
    const topic = 'migration-shipments'
    const groupId = 'migration-group-3'
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }] })
    const seen = new Map<string, number>()
    await produce(topic, 0, 100)
    const { member: classic, child } = pythonMember(groupId, topic, seen)
    let kip848: Awaited<ReturnType<typeof consumerMember>> | null = null
    try {
      await waitFor('the librdkafka member to consume 100 records', () => seen.size === 100, 60_000)
      expect(classic.assigned).toEqual([0, 1, 2, 3])
      kip848 = await consumerMember(topic, groupId, seen)
      const consumer = kip848.consumer
      await sharedOnce(groupId, classic, consumer)
      expect(classic.assigned.length).toBe(2)
      await produce(topic, 100, 100)
      await waitFor('200 records consumed', () => seen.size === 200, 60_000)
      await waitFor('200 offsets committed', async () => (await committed(groupId, topic)) === 200)
      classic.stop()
      await waitFor('the librdkafka member to leave', () => classic.closed, 60_000)
      await waitFor(
        'the consumer-protocol member to own every partition',
        () => partitionsOf(consumer).length === PARTITIONS,
        60_000
      )
      expect(describeConsumerGroup(groupId).members.map((m) => m.memberType)).toEqual(['consumer'])
    } finally {
      if (!classic.closed) child.kill('SIGKILL')
      if (kip848) {
        await kip848.stream.close()
        await kip848.consumer.close()
      }
    }
    expect(classic.stderr).not.toContain('Traceback')
  }, 240_000)
})

describe('group.consumer.migration.policy=disabled', () => {
  it('refuses a consumer-protocol member to a classic group with members, as Kafka refuses it', async () => {
    const strict = await startTestCluster({
      brokers: 1,
      brokerConfigs: { 'group.consumer.migration.policy': 'DISABLED' }
    })
    const strictKafka = new Kafka({ brokers: [strict.bootstrap], logLevel: logLevel.NOTHING })
    const consumer = strictKafka.consumer({ groupId: 'strict-group', heartbeatInterval: 300 })
    const [host, port] = strict.bootstrap.split(':')
    const connection = new Connection('it-migration-disabled')
    try {
      const a = strictKafka.admin()
      await a.connect()
      await a.createTopics({ topics: [{ topic: 'strict-topic', numPartitions: 2 }] })
      await a.disconnect()
      let joined = false
      consumer.on(consumer.events.GROUP_JOIN, () => (joined = true))
      await consumer.connect()
      await consumer.subscribe({ topics: ['strict-topic'] })
      await consumer.run({ eachMessage: async () => {} })
      await waitFor('the classic member to join', () => joined, 60_000)
      await connection.connect(host, Number(port))
      const found = await findCoordinatorV6.api.async(connection, 0, ['strict-group'])
      expect(found.coordinators[0].errorCode).toBe(0)
      const refused = await refusedHeartbeat(connection, 'strict-group', 'strict-topic')
      expect(refused).toMatchObject({
        errorCode: ErrorCode.GROUP_ID_NOT_FOUND,
        errorMessage: 'Group strict-group is not a consumer group.'
      })
      expect(strict.engine.describeGroups(['strict-group'])[0].groupState).toBe('Stable')
      const configs = strictKafka.admin()
      await configs.connect()
      try {
        const { resources } = await configs.describeConfigs({
          resources: [{ type: 4, name: '0', configNames: ['group.consumer.migration.policy'] }],
          includeSynonyms: false
        })
        expect(resources[0].configEntries).toMatchObject([
          { configName: 'group.consumer.migration.policy', configValue: 'DISABLED' }
        ])
      } finally {
        await configs.disconnect()
      }
    } finally {
      await connection.close()
      await consumer.disconnect()
      await strict.close()
    }
  }, 120_000)
})

describe('group.coordinator.rebalance.protocols=classic', () => {
  it('answers ConsumerGroupHeartbeat UNSUPPORTED_VERSION, as Kafka does without the consumer protocol', async () => {
    const classicOnly = await startTestCluster({
      brokers: 1,
      brokerConfigs: { 'group.coordinator.rebalance.protocols': 'classic' }
    })
    const [host, port] = classicOnly.bootstrap.split(':')
    const connection = new Connection('it-classic-only')
    try {
      await connection.connect(host, Number(port))
      const refused = await refusedHeartbeat(connection, 'any-group', 't')
      expect(refused?.errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION)
      expect(refused?.errorMessage).toContain('group.coordinator.rebalance.protocols')
    } finally {
      await connection.close()
      await classicOnly.close()
    }
  })
})
