// kafkajs 2.2.x against the embedded cluster: an idempotent producer with keys, a consumer group
// of three members over six partitions that rebalances when one leaves, commits honoured after
// the consumers restart, the admin's group operations, and a coordinator failover.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel, type Consumer, type EachMessagePayload } from 'kafkajs'
import { murmur2Partition } from '../../../src/engine/producers/murmur2'
import { coordinatorFor } from '../../../src/engine/kafka/handlers/cluster-info'
import type { RequestContext } from '../../../src/engine/kafka/request-context'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { waitFor } from '../../support/wait-for'
import { engineInternals } from '../../support/engine-internals'

const TOPIC = 'kjs-group-orders'
const GROUP = 'kjs-group'
const PARTITIONS = 6

let cluster: TestCluster
let kafka: Kafka

beforeAll(async () => {
  cluster = await startTestCluster()
  kafka = new Kafka({
    clientId: 'it-kjs-groups',
    brokers: cluster.bootstrap.split(','),
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 100, retries: 10 }
  })
})
afterAll(async () => {
  await cluster?.close()
})

/** Polls `check` until it holds; fails with `what` after `timeoutMs`. */

interface Member {
  consumer: Consumer
  /** Partitions of TOPIC assigned at the last GROUP_JOIN. */
  assigned: number[]
}

/** Every record consumed, by "partition:offset", with the number of times it was seen. */
const seen = new Map<string, number>()
/** The key and value of each record consumed, by "partition:offset". */
const records = new Map<string, { key: string; value: string }>()

async function startMember(): Promise<Member> {
  const consumer = kafka.consumer({
    groupId: GROUP,
    sessionTimeout: 6000,
    rebalanceTimeout: 6000,
    heartbeatInterval: 500,
    maxWaitTimeInMs: 100,
    retry: { initialRetryTime: 100, retries: 10 }
  })
  const member: Member = { consumer, assigned: [] }
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    member.assigned = [...(e.payload.memberAssignment[TOPIC] ?? [])].sort()
  })
  await consumer.connect()
  await consumer.subscribe({ topics: [TOPIC], fromBeginning: true })
  await consumer.run({
    eachMessage: async ({ partition, message }: EachMessagePayload) => {
      const at = `${partition}:${message.offset}`
      seen.set(at, (seen.get(at) ?? 0) + 1)
      records.set(at, { key: String(message.key), value: String(message.value) })
    }
  })
  return member
}

async function produce(from: number, count: number) {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  try {
    const messages = Array.from({ length: count }, (_, i) => ({
      key: `customer-${(from + i) % 37}`,
      value: `order-${from + i}`
    }))
    await producer.send({ topic: TOPIC, messages })
  } finally {
    await producer.disconnect()
  }
}

/** Sum of the committed offsets of the group over the topic, read through the admin API. */
async function committedTotal(): Promise<number> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    const [t] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] })
    return t.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0)
  } finally {
    await admin.disconnect()
  }
}

const duplicates = () => [...seen].filter(([, n]) => n > 1).map(([at]) => at)

describe('kafkajs consumer group', () => {
  it('creates the topic', async () => {
    const admin = kafka.admin()
    await admin.connect()
    try {
      await admin.createTopics({
        topics: [{ topic: TOPIC, numPartitions: PARTITIONS, replicationFactor: 3 }],
        waitForLeaders: true
      })
    } finally {
      await admin.disconnect()
    }
  })

  let members: Member[] = []

  it('shares six partitions between three members, each record consumed once', async () => {
    members = [await startMember(), await startMember(), await startMember()]
    await waitFor('an assignment of 2 partitions to each member', () =>
      members.every((m) => m.assigned.length === 2)
    )
    expect(members.flatMap((m) => m.assigned).sort()).toEqual([0, 1, 2, 3, 4, 5])

    // The idempotent producer places keys as the Java client does.
    await produce(0, 300)
    await waitFor('300 records consumed', () => seen.size === 300)
    for (const [at, { key }] of records)
      expect(Number(at.split(':')[0])).toBe(murmur2Partition(Buffer.from(key), PARTITIONS))
    expect(new Set([...records.values()].map((r) => r.value)).size).toBe(300)
    await waitFor('300 offsets committed', async () => (await committedTotal()) === 300)
    expect(duplicates()).toEqual([])
  })

  it('rebalances when a member leaves and loses nothing', async () => {
    const leaving = members.pop()!
    await leaving.consumer.disconnect()
    await waitFor('3 partitions for each remaining member', () =>
      members.every((m) => m.assigned.length === 3)
    )
    expect(members.flatMap((m) => m.assigned).sort()).toEqual([0, 1, 2, 3, 4, 5])
    await produce(300, 300)
    await waitFor('600 records consumed', () => seen.size === 600)
    await waitFor('600 offsets committed', async () => (await committedTotal()) === 600)
    expect(duplicates()).toEqual([])
  })

  it('describes and lists the group', async () => {
    const admin = kafka.admin()
    await admin.connect()
    try {
      const { groups } = await admin.describeGroups([GROUP])
      expect(groups[0]).toMatchObject({ groupId: GROUP, state: 'Stable', protocolType: 'consumer' })
      expect(groups[0].protocol).toBe('RoundRobinAssigner')
      expect(groups[0].members).toHaveLength(2)
      for (const m of groups[0].members) expect(m.clientId).toBe('it-kjs-groups')
      const listed = await admin.listGroups()
      expect(listed.groups).toContainEqual({ groupId: GROUP, protocolType: 'consumer' })
      // Each broker lists the groups it coordinates: no group is listed twice.
      expect(listed.groups.filter((g) => g.groupId === GROUP)).toHaveLength(1)
    } finally {
      await admin.disconnect()
    }
  })

  it('honours committed offsets after the consumers restart', async () => {
    for (const m of members.splice(0)) await m.consumer.disconnect()
    await produce(600, 150)
    members = [await startMember(), await startMember()]
    await waitFor('the 150 new records consumed', () => seen.size === 750)
    await waitFor('750 offsets committed', async () => (await committedTotal()) === 750)
    // Records before the committed offsets were not read again.
    expect(duplicates()).toEqual([])
    for (const m of members.splice(0)) await m.consumer.disconnect()
  })

  it('fetches and resets offsets with the admin client', async () => {
    const admin = kafka.admin()
    await admin.connect()
    try {
      const { groups } = await admin.describeGroups([GROUP])
      expect(groups[0].state).toBe('Empty')
      const ends = await admin.fetchTopicOffsets(TOPIC)
      const [before] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] })
      expect(before.partitions.sort((a, b) => a.partition - b.partition)).toEqual(
        ends
          .sort((a, b) => a.partition - b.partition)
          .map((e) => ({ partition: e.partition, offset: e.offset, metadata: null }))
      )

      // kafkajs commits the earliest-offset sentinel (-2) through a member of the group.
      await admin.resetOffsets({ groupId: GROUP, topic: TOPIC, earliest: true })
      const [after] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] })
      expect(after.partitions.map((p) => p.offset)).toEqual(Array(PARTITIONS).fill('-2'))
    } finally {
      await admin.disconnect()
    }

    // A consumer of the reset group reads the topic again from the start.
    seen.clear()
    const member = await startMember()
    await waitFor('750 records consumed again', () => seen.size === 750)
    expect(duplicates()).toEqual([])
    await member.consumer.disconnect()
  })

  it('deletes the group once it is empty', async () => {
    const admin = kafka.admin()
    await admin.connect()
    try {
      await admin.deleteGroups([GROUP])
      const listed = await admin.listGroups()
      expect(listed.groups.map((g) => g.groupId)).not.toContain(GROUP)
      const [t] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] })
      for (const p of t.partitions) expect(p.offset).toBe('-1')
    } finally {
      await admin.disconnect()
    }
  })
})

describe('kafkajs consumer group across a coordinator failover', () => {
  const topic = 'kjs-failover'
  const groupId = 'kjs-failover-group'

  it('follows the group to its new coordinator when the broker stops', async () => {
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({
      topics: [{ topic, numPartitions: 3, replicationFactor: 3 }],
      waitForLeaders: true
    })
    await admin.disconnect()
    const consumed = new Set<string>()
    const consumers = [0, 1].map(() =>
      kafka.consumer({
        groupId,
        sessionTimeout: 6000,
        rebalanceTimeout: 6000,
        heartbeatInterval: 300,
        maxWaitTimeInMs: 100,
        // kafkajs retries the stopped broker until its retries run out, then restarts the
        // consumer, which looks the coordinator up again: keep that short.
        retry: { initialRetryTime: 100, retries: 3 }
      })
    )
    for (const c of consumers) {
      await c.connect()
      await c.subscribe({ topics: [topic], fromBeginning: true })
      await c.run({
        eachMessage: async ({ message }) => void consumed.add(String(message.value))
      })
    }
    // A producer per batch: kafkajs 2.2.4 drops the records of a partition whose leader moved
    // to a broker that already answered the same send (sendMessages.js, responsePerBroker).
    const send = async (from: number) => {
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
      await producer.connect()
      await producer.send({
        topic,
        messages: Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: `v${from + i}` }))
      })
      await producer.disconnect()
    }
    try {
      await send(0)
      await waitFor('the first 50 records', () => consumed.size === 50)
      const ctx = { engine: cluster.engine } as RequestContext
      const before = coordinatorFor(ctx, groupId)!.id
      cluster.engine.stopBroker(before)
      try {
        const after = coordinatorFor(ctx, groupId)!.id
        expect(after).not.toBe(before)
        await send(50)
        await waitFor('the next 50 records', () => consumed.size === 100)
        // Commits after the stop reach the group only through its new coordinator.
        const committed = () =>
          engineInternals(cluster.engine)
            .coordinator.store.offsets(groupId)
            .reduce((sum, o) => sum + o.committedOffset, 0)
        await waitFor('100 offsets committed', () => committed() === 100)
        const group = engineInternals(cluster.engine).coordinator.group(groupId)
        await waitFor('a stable group of two', () => group?.state === 'Stable' && group.size === 2)
      } finally {
        cluster.engine.startBroker(before)
      }
    } finally {
      for (const c of consumers) await c.disconnect()
    }
  })
})
