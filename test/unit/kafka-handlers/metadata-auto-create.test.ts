// Metadata auto-creation answered as Kafka 4 (KRaft) answers it: the request that creates a topic
// gets UNKNOWN_TOPIC_OR_PARTITION (no topic id, no partitions) at every version, the next one lists
// it with its leaders; illegal names are INVALID_TOPIC_EXCEPTION whether creation is allowed or not.
import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { ZERO_UUID } from '../../../src/shared/kafka/protocol-constants'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { defaultKafkaSettings } from '../../../src/engine/kafka/request-context'
import { openEngine, send } from './helpers'
import { committedInTopic, offsetsTopicRecords } from '../../support/offsets-topic'

const ask = (names: string[], allowAutoTopicCreation = true) => ({
  topics: names.map((name) => ({ name })),
  allowAutoTopicCreation
})

describe('Metadata auto-creation', () => {
  for (const version of [0, 1, 4, 9, 12]) {
    it(`v${version}: UNKNOWN_TOPIC_OR_PARTITION while created, listed with leaders from the next request`, async () => {
      const engine = openEngine()
      const first = await send(engine, 0, ApiKey.Metadata, version, ask(['fresh']))
      expect(first.topics).toHaveLength(1)
      expect(first.topics[0]).toMatchObject({
        errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        name: 'fresh',
        isInternal: false,
        partitions: []
      })
      if (version >= 10) expect(first.topics[0].topicId).toBe(ZERO_UUID)
      const topic = engine.topic('fresh')
      expect(topic?.partitions).toHaveLength(defaultKafkaSettings.defaultPartitions)

      const next = await send(engine, 0, ApiKey.Metadata, version, ask(['fresh']))
      expect(next.topics[0].errorCode).toBe(ErrorCode.NONE)
      expect(next.topics[0].partitions).toHaveLength(topic!.partitions.length)
      for (const p of next.topics[0].partitions) {
        expect(p.errorCode).toBe(ErrorCode.NONE)
        expect(p.leaderId).toBeGreaterThanOrEqual(0)
      }
      if (version >= 10) expect(next.topics[0].topicId).toBe(topic!.uuid)
    })
  }

  it('an illegal name is INVALID_TOPIC_EXCEPTION, with auto-creation on and off', async () => {
    const engine = openEngine()
    const names = ['has space', '..', 'x'.repeat(250)]
    for (const allow of [true, false]) {
      const res = await send(engine, 0, ApiKey.Metadata, 12, ask(names, allow))
      expect(res.topics.map((t) => t.errorCode)).toEqual(
        names.map(() => ErrorCode.INVALID_TOPIC_EXCEPTION)
      )
    }
    expect(engine.listTopics()).toEqual([])
  })

  it('not created when the request or auto.create.topics.enable says no: UNKNOWN_TOPIC_OR_PARTITION every time', async () => {
    const engine = openEngine()
    const notAllowed = await send(engine, 0, ApiKey.Metadata, 12, ask(['nope'], false))
    expect(notAllowed.topics[0].errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
    const off = { settings: { ...defaultKafkaSettings, autoCreateTopics: false } }
    for (const version of [1, 12]) {
      const res = await send(engine, 0, ApiKey.Metadata, version, ask(['nope']), 'unit', off)
      expect(res.topics[0].errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
    }
    expect(engine.topic('nope')).toBeUndefined()
  })

  it('asking for every topic creates none', async () => {
    const engine = openEngine()
    const res = await send(engine, 0, ApiKey.Metadata, 12, {
      topics: null,
      allowAutoTopicCreation: true
    })
    expect(res.topics).toEqual([])
    expect(engine.listTopics()).toEqual([])
  })

  it("Kafka's internal topics are flagged internal and not created as ordinary topics", async () => {
    const engine = openEngine()
    const res = await send(
      engine,
      0,
      ApiKey.Metadata,
      12,
      ask(['__consumer_offsets', '__transaction_state'])
    )
    for (const t of res.topics)
      expect(t).toMatchObject({ errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, isInternal: true })
    // Both are made as their coordinators make them.
    const offsets = engine.topic('__consumer_offsets')
    expect(offsets).toMatchObject({ internal: true })
    expect(offsets?.partitions).toHaveLength(50)
    expect(engine.topicConfigs(offsets!)['cleanup.policy']).toBe('compact')
    const txns = engine.topic('__transaction_state')
    expect(txns).toMatchObject({ internal: true })
    expect(txns?.partitions).toHaveLength(50)
    // transaction.state.log.min.isr (2) capped by the replicas of a 3-broker cluster's topic (3).
    expect(engine.topicConfigs(txns!)).toMatchObject({
      'cleanup.policy': 'compact',
      'compression.type': 'uncompressed',
      'min.insync.replicas': '2'
    })
    const next = await send(
      engine,
      0,
      ApiKey.Metadata,
      12,
      ask(['__consumer_offsets', '__transaction_state'])
    )
    for (const t of next.topics)
      expect(t).toMatchObject({ errorCode: ErrorCode.NONE, isInternal: true })
    // __share_group_state too, as Kafka's share coordinator makes it.
    const share = await send(engine, 0, ApiKey.Metadata, 12, ask(['__share_group_state']))
    expect(share.topics[0]).toMatchObject({
      errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      isInternal: true
    })
    const shareState = engine.topic('__share_group_state')
    expect(shareState).toMatchObject({ internal: true })
    expect(engine.topicConfigs(shareState!)['cleanup.policy']).toBe('delete')
    // share.coordinator.state.topic.min.isr (2) capped by the replicas of its topic (3).
    expect(engine.topicConfigs(shareState!)['min.insync.replicas']).toBe('2')
  })

  it('__share_group_state takes share.coordinator.state.topic.min.isr', () => {
    const engine = openEngine({
      brokers: 3,
      brokerConfigs: { 'share.coordinator.state.topic.min.isr': '1' }
    })
    engine.createInternalTopic('__share_group_state')
    const topic = engine.topic('__share_group_state')!
    expect(topic.partitions[0].replicas).toHaveLength(3)
    expect(engine.topicConfigs(topic)['min.insync.replicas']).toBe('1')
  })

  it('__transaction_state takes transaction.state.log.*, its leaders coordinating transactional ids', () => {
    const engine = openEngine({
      brokers: 1,
      brokerConfigs: {
        'transaction.state.log.num.partitions': '3',
        'transaction.state.log.replication.factor': '2'
      }
    })
    // The lookup of a coordinator makes the topic, capped at the one broker there is.
    expect(engine.transactionCoordinator('tx')).toBe(0)
    const topic = engine.topic('__transaction_state')!
    expect(topic.partitions.map((p) => p.replicas.length)).toEqual([1, 1, 1])
    expect(engine.topicConfigs(topic)['min.insync.replicas']).toBe('1')
  })

  it('__consumer_offsets takes offsets.topic.* and has no more replicas than brokers', async () => {
    const one = openEngine({ brokers: 1 })
    one.createInternalTopic('__consumer_offsets')
    expect(one.topic('__consumer_offsets')?.partitions.map((p) => p.replicas.length)).toEqual(
      Array(50).fill(1)
    )
    const set = openEngine({
      brokerConfigs: {
        'offsets.topic.num.partitions': '4',
        'offsets.topic.replication.factor': '2'
      }
    })
    set.createInternalTopic('__consumer_offsets')
    expect(set.topic('__consumer_offsets')?.partitions.map((p) => p.replicas.length)).toEqual([
      2, 2, 2, 2
    ])
    // Its leaders are the groups' coordinators: abs(hashCode(group)) % 4.
    const topic = set.topic('__consumer_offsets')!
    expect(set.groupCoordinator('g')).toBe(topic.partitions['g'.charCodeAt(0) % 4].leader)
  })

  it('a name asked twice in one request gets the same answer', async () => {
    const engine = openEngine()
    const res = await send(engine, 0, ApiKey.Metadata, 12, ask(['twice', 'twice']))
    expect(res.topics.map((t) => t.errorCode)).toEqual([
      ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
    ])
    expect(engine.listTopics().map((t) => t.name)).toEqual(['twice'])
  })

  it("a creation the broker refuses is UNKNOWN_TOPIC_OR_PARTITION, as from Kafka 4's broker, with a log line saying why", async () => {
    const engine = openEngine()
    const lines: string[] = []
    const extra = {
      settings: { ...defaultKafkaSettings, defaultReplicationFactor: 4 },
      log: (line: string) => lines.push(line)
    }
    for (let i = 0; i < 2; i++) {
      const res = await send(engine, 0, ApiKey.Metadata, 12, ask(['four-copies']), 'unit', extra)
      expect(res.topics[0].errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
    }
    expect(engine.topic('four-copies')).toBeUndefined()
    expect(lines[0]).toContain(
      "topic 'four-copies' not auto-created: default.replication.factor 4 is larger than the 3 brokers"
    )

    // A name colliding with an existing topic's ('.' for '_').
    engine.createTopic({ name: 'a.b', partitions: 1, replicationFactor: 1 })
    const collides = await send(engine, 0, ApiKey.Metadata, 12, ask(['a_b']), 'unit', {
      log: (line: string) => lines.push(line)
    })
    expect(collides.topics[0].errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
    expect(engine.topic('a_b')).toBeUndefined()
    expect(lines[2]).toMatch(/topic 'a_b' not auto-created: .*a\.b/)
  })
})

describe('__consumer_offsets created after groups committed', () => {
  it("writes out a consumer-protocol group's records kept while it could not be created", () => {
    const engine = openEngine()
    engine.createTopic({ name: 'orders', partitions: 2, replicationFactor: 1 })
    for (const b of [0, 1, 2]) engine.stopBroker(b)
    const r = engine.consumerGroupHeartbeat(
      {
        groupId: 'kip848-early',
        memberId: 'm',
        memberEpoch: 0,
        instanceId: null,
        rackId: null,
        rebalanceTimeoutMs: 30_000,
        subscribedTopicNames: ['orders'],
        subscribedTopicRegex: null,
        serverAssignor: null,
        ownedPartitions: [],
        clientId: 'c',
        clientHost: '/127.0.0.1'
      },
      1
    )
    expect(r.errorCode).toBe(ErrorCode.NONE)
    expect(engine.topic('__consumer_offsets')).toBeUndefined()
    engine.startBroker(1)
    expect(engine.groupCoordinator('kip848-early')).toBe(1)
    const types = offsetsTopicRecords(engine)
      .filter((d) => d.key.data.groupId === 'kip848-early')
      .map((d) => d.key.type)
    // Member, epoch (with the subscribed topics' metadata hash), target, target epoch, current
    // assignment: Kafka 4.2's order, without Kafka 4.0's ConsumerGroupPartitionMetadata (4).
    expect(types).toEqual([5, 3, 7, 6, 8])
  })

  it('writes out the offsets committed while it could not be created', async () => {
    const engine = openEngine()
    engine.createTopic({ name: 'orders', partitions: 2, replicationFactor: 1 })
    for (const b of [0, 1, 2]) engine.stopBroker(b)
    // Every broker stopped: the topic cannot be placed, the commit goes in all the same.
    await engine.resetGroupOffsets({
      groupId: 'early',
      topic: 'orders',
      to: { offset: 0 },
      dryRun: false
    })
    expect(engine.topic('__consumer_offsets')).toBeUndefined()
    expect(engine.groupCoordinator('early')).toBeNull()
    engine.startBroker(1)
    expect(engine.groupCoordinator('early')).toBe(1)
    expect(committedInTopic(engine, 'early')).toEqual(
      new Map([
        ['orders-0', 0],
        ['orders-1', 0]
      ])
    )
  })
})
