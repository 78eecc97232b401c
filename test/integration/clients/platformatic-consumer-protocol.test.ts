// The consumer group protocol (KIP-848) with @platformatic/kafka's groupProtocol 'consumer': two
// members sharing a topic's partitions, one leaving and its partitions moving to the other, the
// committed offsets surviving the group, a regular-expression subscription picking up a new
// topic (through the client's ConsumerGroupHeartbeat v1 API: its Consumer subscribes by name
// only), ListGroups telling classic and consumer groups apart, and OffsetDelete on a consumer
// group (refused for the topics its members subscribe to, allowed for the rest).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Admin, Connection, findCoordinatorV6 } from '@platformatic/kafka'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { HeartbeatingMember } from '../../support/consumer-heartbeats'
import {
  consumeCommitted,
  produceStrings,
  stringConsumer,
  type StringConsumer,
  type StringStream
} from '../../support/platformatic-clients'
import { waitFor } from '../../support/wait-for'
import { committedInTopic } from '../../support/offsets-topic'

const TOPIC = 'kip848-orders'
const GROUP = 'kip848-group'
const PARTITIONS = 4

let cluster: TestCluster
let brokers: string[]

beforeAll(async () => {
  // Expressions resolved again on the first heartbeat after a topic is created (Kafka waits at
  // least 10 s after the last resolution).
  cluster = await startTestCluster({
    groups: {
      consumerHeartbeatIntervalMs: 200,
      consumerMinHeartbeatIntervalMs: 200,
      consumerRegexRefreshMinIntervalMs: 0
    }
  })
  brokers = cluster.bootstrap.split(',')
  const a = admin()
  try {
    await a.createTopics({ topics: [TOPIC], partitions: PARTITIONS, replicas: 1 })
  } finally {
    await a.close()
  }
})
afterAll(async () => {
  await cluster?.close()
})

const admin = () =>
  new Admin({ clientId: 'it-kip848-admin', bootstrapBrokers: brokers, retries: 5 })

const produce = (from: number, count: number, topic = TOPIC) =>
  produceStrings(
    brokers,
    'it-kip848-producer',
    Array.from({ length: count }, (_, i) => ({
      topic,
      key: `k-${from + i}`,
      value: `v-${from + i}`
    }))
  )

const newConsumer = (name: string, groupId = GROUP) =>
  stringConsumer(brokers, `it-kip848-${name}`, groupId, { groupProtocol: 'consumer' })

const partitionsOf = (c: StringConsumer) =>
  (c.assignments ?? []).flatMap((a) => a.partitions).sort()

describe('KIP-848 consumer groups with @platformatic/kafka', () => {
  it('shares partitions between two members, moves them when one leaves, keeps offsets', async () => {
    await produce(0, 100)
    const seen = new Map<string, number>()
    const one = newConsumer('one')
    const two = newConsumer('two')
    const streams: StringStream[] = []
    try {
      for (const c of [one, two]) {
        const stream = await consumeCommitted(c, [TOPIC])
        stream.on('data', (m) => seen.set(m.value, (seen.get(m.value) ?? 0) + 1))
        streams.push(stream)
      }
      await waitFor('both members with two partitions each', () => {
        const [a, b] = [partitionsOf(one), partitionsOf(two)]
        return a.length === 2 && b.length === 2
      })
      expect([...partitionsOf(one), ...partitionsOf(two)].sort()).toEqual([0, 1, 2, 3])
      await waitFor('100 records consumed', () => seen.size === 100)

      const [described] = cluster.engine.consumerGroupDescribe([GROUP])
      expect(described.groupState).toBe('Stable')
      expect(described.members).toHaveLength(2)
      for (const m of described.members) {
        expect(m.memberEpoch).toBe(described.assignmentEpoch)
        expect(m.assignment).toEqual(m.targetAssignment)
      }

      const a = admin()
      try {
        const consumerGroups = await a.listGroups({ types: ['consumer'] })
        expect(consumerGroups.get(GROUP)).toMatchObject({ id: GROUP, groupType: 'consumer' })
        expect((await a.listGroups({ types: ['classic'] })).has(GROUP)).toBe(false)
      } finally {
        await a.close()
      }

      // The second member leaves (epoch -1): the first one is given its partitions.
      const epochBefore = described.groupEpoch
      await streams[1].close()
      await two.close()
      await waitFor(
        'the remaining member owning every partition',
        () => partitionsOf(one).length === PARTITIONS
      )
      const [after] = cluster.engine.consumerGroupDescribe([GROUP])
      expect(after.members).toHaveLength(1)
      expect(after.groupEpoch).toBeGreaterThan(epochBefore)

      await produce(100, 40)
      await waitFor('140 records consumed', () => seen.size === 140)
      await waitFor('every offset committed', () => {
        const committed = cluster.engine
          .fetchOffsets({ groupId: GROUP, topics: null })
          .topics.flatMap((t) => t.partitions)
          .reduce((sum, p) => sum + p.committedOffset, 0)
        return committed === 140
      })
      // Each commit went out to __consumer_offsets: its last OffsetCommit record of each
      // partition is what OffsetFetch answers.
      const fetched = cluster.engine.fetchOffsets({ groupId: GROUP, topics: null })
      expect(committedInTopic(cluster.engine, GROUP)).toEqual(
        new Map(
          fetched.topics.flatMap((t) =>
            t.partitions.map((p) => [`${t.name}-${p.partitionIndex}`, p.committedOffset])
          )
        )
      )
    } finally {
      for (const s of streams) if (!s.closed) await s.close()
      await one.close()
      await two.close()
    }

    // A new member of the emptied group starts from the committed offsets: nothing twice.
    await produce(140, 10)
    const three = newConsumer('three')
    try {
      const stream = await consumeCommitted(three, [TOPIC])
      stream.on('data', (m) => seen.set(m.value, (seen.get(m.value) ?? 0) + 1))
      await waitFor('150 records consumed', () => seen.size === 150)
      expect([...seen.values()].every((n) => n === 1)).toBe(true)
      await stream.close()
    } finally {
      await three.close()
    }
  })

  it('picks up a new topic that matches a regular-expression subscription', async () => {
    const a = admin()
    const connection = new Connection('it-kip848-regex')
    try {
      await a.createTopics({ topics: ['kip848-rx-a'], partitions: 2, replicas: 1 })
      const groupId = 'kip848-regex-group'
      const lookup = new Connection('it-kip848-lookup')
      try {
        const [first] = brokers[0].split(':')
        await lookup.connect(first, Number(brokers[0].split(':')[1]))
        const found = await findCoordinatorV6.api.async(lookup, 0, [groupId])
        const { host, port } = found.coordinators[0]
        await connection.connect(host, port)
      } finally {
        await lookup.close()
      }
      const member = new HeartbeatingMember(
        connection,
        groupId,
        'rx-member',
        (id) => cluster.engine.topicById(id)?.name
      )
      const beat = (regex: string | null) => member.beat(regex)
      expect(await beat('kip848-rx-.*')).toEqual(['kip848-rx-a-0', 'kip848-rx-a-1'])
      const firstEpoch = member.epoch
      await a.createTopics({ topics: ['kip848-rx-b', 'kip848-other'], partitions: 1, replicas: 1 })
      expect(await beat(null)).toEqual(['kip848-rx-a-0', 'kip848-rx-a-1', 'kip848-rx-b-0'])
      expect(member.epoch).toBeGreaterThan(firstEpoch)
      const [described] = cluster.engine.consumerGroupDescribe([groupId])
      expect(described.members[0]).toMatchObject({ subscribedTopicRegex: 'kip848-rx-.*' })
      // Leaving: epoch -1.
      member.epoch = -1
      await beat(null)
      expect(cluster.engine.consumerGroupDescribe([groupId])[0].groupState).toBe('Empty')
    } finally {
      await connection.close()
      await a.close()
    }
  })

  it('OffsetDelete keeps the offsets of topics the members subscribe to and deletes the rest', async () => {
    const groupId = 'kip848-od-group'
    const [live, old] = ['kip848-od-live', 'kip848-od-old']
    const a = admin()
    await a.createTopics({ topics: [live, old], partitions: 1, replicas: 1 })
    const committedTopics = () =>
      cluster.engine
        .fetchOffsets({ groupId, topics: null })
        .topics.filter((t) => t.partitions.some((p) => p.committedOffset >= 0))
        .map((t) => t.name)
        .sort()
    /** Consumes `count` records of `topic` in the group, committing them, until `done`. */
    const consumeFrom = async (name: string, topic: string, count: number) => {
      const consumer = newConsumer(name, groupId)
      const stream = await consumeCommitted(consumer, [topic])
      let seen = 0
      stream.on('data', () => seen++)
      await waitFor(`${count} records of ${topic}`, () => seen === count)
      await waitFor(`the offsets of ${topic} committed`, () =>
        cluster.engine
          .fetchOffsets({ groupId, topics: null })
          .topics.some((t) => t.name === topic && t.partitions[0]?.committedOffset === count)
      )
      return {
        close: async () => {
          await stream.close()
          await consumer.close()
        }
      }
    }
    const deleteOffsets = (topic: string) =>
      a
        .deleteConsumerGroupOffsets({ groupId, topics: [{ name: topic, partitionIndexes: [0] }] })
        .then(
          () => ErrorCode.NONE,
          (err: {
            errors?: { response?: { topics: { partitions: { errorCode: number }[] }[] } }[]
          }) => err.errors?.[0]?.response?.topics[0]?.partitions[0]?.errorCode
        )
    try {
      await produce(0, 5, old)
      await produce(0, 5, live)
      await (await consumeFrom('od-old', old, 5)).close()
      const running = await consumeFrom('od-live', live, 5)
      try {
        expect(committedTopics()).toEqual([live, old])
        expect(await deleteOffsets(live)).toBe(ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC)
        expect(await deleteOffsets(old)).toBe(ErrorCode.NONE)
        expect(committedTopics()).toEqual([live])
      } finally {
        await running.close()
      }
      await waitFor(
        'an empty group',
        () => cluster.engine.consumerGroupDescribe([groupId])[0].groupState === 'Empty'
      )
      expect(await deleteOffsets(live)).toBe(ErrorCode.NONE)
      expect(committedTopics()).toEqual([])
    } finally {
      await a.close()
    }
  })
})
