// Partition reassignment on a real cluster through a connection, over Kafka's
// AlterPartitionReassignments / ListPartitionReassignments only (the cluster here is a second
// embedded one with 3 brokers, reached as a Kafka cluster): a partition moves from broker 0 to
// broker 2 while kcat produces with linger.ms batching, the move is listed while the new replica
// copies (the target cluster throttles it), and nothing kcat had acknowledged is lost. Moves of a
// hot partition (leadership, or a replica), cancels, and refusals that name their field. The move
// of an empty partition by kafkajs's admin is listed until its new replica has fetched, as in
// Kafka; the throttle the console set for a move comes off once it sees the move over, leaving
// what the user set (read back by kafkajs's DescribeConfigs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigResourceTypes, Kafka, logLevel, type Admin } from 'kafkajs'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { kcat } from '../support/external-clients'
import { waitFor, waitForValue } from '../support/wait-for'
import { ApiError } from '../../src/shared/errors'
import type { ClusterResults } from '../../src/shared/api/cluster'
import type { TopicDescription } from '../../src/shared/model'

type Listed = ClusterResults['partitions.reassignments']

describe('partition reassignment on an external cluster', () => {
  let kafka: TestCluster
  let console_: TestCluster
  let connection: string
  const call = (method: string, params: object) =>
    console_.service.callByName(method, { connection, ...params })
  const refusal = (method: string, params: object) =>
    call(method, params).then(
      () => {
        throw new Error(`${method} was not refused`)
      },
      (err: unknown) => {
        expect(err).toBeInstanceOf(ApiError)
        return err as ApiError
      }
    )
  const throttle = (bytesPerSec: number) => {
    for (const b of [0, 1, 2])
      kafka.engine.configureBroker(b, {
        leaderThrottledRate: bytesPerSec,
        followerThrottledRate: bytesPerSec
      })
  }
  const partitionOf = (topic: string, p: number) => kafka.engine.topic(topic)!.partitions[p]
  /** A topic of one partition with replicas on brokers 0 and 1, broker 0 leading. */
  const createOnBrokers01 = (name: string) =>
    kafka.engine.createTopic({ name, partitions: 1, replicationFactor: 2, assignment: [[0, 1]] })

  function produce(topic: string, from: number, count: number) {
    const lines = Array.from({ length: count }, (_, i) => `k${(from + i) % 97}:v${from + i}`)
    return kcat(
      [
        '-b',
        kafka.bootstrap,
        '-P',
        '-t',
        topic,
        '-p',
        '0',
        '-K',
        ':',
        '-X',
        'linger.ms=20',
        '-X',
        'enable.idempotence=true'
      ],
      lines.join('\n') + '\n',
      180_000
    )
  }

  let admin: Admin
  /** The configs `names` of a resource as kafkajs's DescribeConfigs reads them, by name. */
  async function describedConfigs(
    type: ConfigResourceTypes,
    name: string,
    names: string[]
  ): Promise<Map<string, { value: string; source: number }>> {
    const { resources } = await admin.describeConfigs({
      resources: [{ type, name, configNames: names }],
      includeSynonyms: false
    })
    return new Map(
      resources[0].configEntries.map((e) => [
        e.configName,
        { value: e.configValue, source: e.configSource as number }
      ])
    )
  }

  /** Cancels the move of a topic's partition 0 in flight. */
  const cancel = (topic: string) =>
    call('partitions.reassign', { topic, partition: 0, replicas: null }) as Promise<
      ClusterResults['partitions.reassign']
    >
  /** Moves a new topic's partition (`records` long) from brokers [0, 1] to [2, 1], throttled. */
  async function throttledMoveOf(topic: string, records: number, bytesPerSec: number) {
    createOnBrokers01(topic)
    const first = await produce(topic, 0, records)
    expect(first.code, first.stderr).toBe(0)
    await call('partitions.reassign', {
      topic,
      partition: 0,
      replicas: [2, 1],
      throttleBytesPerSec: bytesPerSec
    })
  }

  beforeAll(async () => {
    kafka = await startTestCluster()
    admin = new Kafka({
      clientId: 'reassign-kafkajs',
      brokers: kafka.bootstrap.split(','),
      logLevel: logLevel.NOTHING
    }).admin()
    await admin.connect()
    console_ = await startTestCluster({ brokers: 1 })
    const added = (await console_.service.callByName('connections.add', {
      name: 'Remote',
      bootstrapServers: kafka.bootstrap.split(',')
    })) as { id: string }
    connection = added.id
  })
  afterAll(async () => {
    await admin?.disconnect()
    await console_?.close()
    await kafka?.close()
  })

  it('moves a partition from broker 0 to broker 2 under kcat produce, listing it meanwhile', async () => {
    const TOPIC = 'moves'
    createOnBrokers01(TOPIC)
    const first = await produce(TOPIC, 0, 10_000)
    expect(first.code, first.stderr).toBe(0)

    // The target cluster throttles reassigned replicas enough that the copy is still under way.
    throttle(20_000)
    const second = produce(TOPIC, 10_000, 10_000)
    const logEnd = () => kafka.engine.partitionLog(kafka.engine.topic(TOPIC)!, 0).logEndOffset
    await waitFor('kcat to be producing', () => logEnd() > 10_000)

    const started = (await call('partitions.reassign', {
      topic: TOPIC,
      partition: 0,
      replicas: [2, 1]
    })) as ClusterResults['partitions.reassign']
    const inFlight = {
      topic: TOPIC,
      partition: 0,
      replicas: [2, 1, 0],
      addingReplicas: [2],
      removingReplicas: [0]
    }
    expect(started.reassignments).toEqual([inFlight])
    const listed = (await call('partitions.reassignments', {})) as Listed
    expect(listed.reassignments).toEqual([inFlight])
    expect(
      ((await call('partitions.reassignments', { topic: 'other' })) as Listed).reassignments
    ).toEqual([])
    expect(partitionOf(TOPIC, 0).isr).not.toContain(2)
    // The replica map's source shows the move in flight.
    const during = (await call('topics.describe', { name: TOPIC })) as TopicDescription
    expect(during.partitions[0]).toMatchObject({ addingReplicas: [2], removingReplicas: [0] })

    throttle(0)
    await waitFor('the reassignment to complete', async () => {
      const r = (await call('partitions.reassignments', { topic: TOPIC })) as Listed
      return r.reassignments.length === 0
    })
    const moved = partitionOf(TOPIC, 0)
    expect(moved.replicas).toEqual([2, 1])
    expect(moved.isr).not.toContain(0)
    expect(moved.leader).toBe(2)
    // Metadata says so to the console too.
    const described = (await call('topics.describe', { name: TOPIC })) as TopicDescription
    expect(described.partitions[0]).toMatchObject({ replicas: [2, 1], leader: 2 })

    const produced = await second
    expect(produced.code, produced.stderr).toBe(0)
    const consumed = await waitForValue('kcat to read all 20,000 records', async () => {
      const r = await kcat([
        '-b',
        kafka.bootstrap,
        '-C',
        '-t',
        TOPIC,
        '-p',
        '0',
        '-e',
        '-f',
        '%s\n'
      ])
      const values = r.stdout.split('\n').filter((l) => l.length > 0)
      return new Set(values).size >= 20_000 ? values : undefined
    })
    const expected = Array.from({ length: 20_000 }, (_, i) => `v${i}`)
    expect(new Set(consumed)).toEqual(new Set(expected))
  })

  it('cancels a move in flight with null replicas', async () => {
    const TOPIC = 'cancelled'
    createOnBrokers01(TOPIC)
    const first = await produce(TOPIC, 0, 2_000)
    expect(first.code, first.stderr).toBe(0)
    throttle(1_000)
    try {
      await call('partitions.reassign', { topic: TOPIC, partition: 0, replicas: [2, 1] })
      expect(partitionOf(TOPIC, 0).replicas).toEqual([2, 1, 0])
      const cancelled = await cancel(TOPIC)
      expect(cancelled.reassignments).toEqual([])
      expect(partitionOf(TOPIC, 0).replicas).toEqual([1, 0])
    } finally {
      throttle(0)
    }
    // Nothing to cancel now: Kafka's NO_REASSIGNMENT_IN_PROGRESS.
    const none = await refusal('partitions.reassign', {
      topic: TOPIC,
      partition: 0,
      replicas: null
    })
    expect(none).toMatchObject({ code: 'CONFLICT', field: 'replicas' })
    expect(none.message).toContain('NO_REASSIGNMENT_IN_PROGRESS')
  })

  it('moves a hot partition: its leadership to an in-sync replica, else a replica', async () => {
    const TOPIC = 'hot'
    createOnBrokers01(TOPIC)
    const first = await produce(TOPIC, 0, 1_000)
    expect(first.code, first.stderr).toBe(0)
    await waitFor('both replicas in sync', () => partitionOf(TOPIC, 0).isr.length === 2)

    const leader = (await call('partitions.move', {
      topic: TOPIC,
      partition: 0,
      from: 0,
      to: 1
    })) as ClusterResults['partitions.move']
    expect(leader).toEqual({ moved: 'leader', replicas: [1, 0], reassignments: [] })
    expect(partitionOf(TOPIC, 0)).toMatchObject({ leader: 1, replicas: [1, 0] })

    const replica = (await call('partitions.move', {
      topic: TOPIC,
      partition: 0,
      from: 1,
      to: 2
    })) as ClusterResults['partitions.move']
    expect(replica).toMatchObject({ moved: 'replica', replicas: [2, 0] })
    await waitFor('broker 2 to lead', () => partitionOf(TOPIC, 0).leader === 2)
    expect(partitionOf(TOPIC, 0).replicas).toEqual([2, 0])
  })

  it("throttles a move as kafka-reassign-partitions --throttle does, with the brokers' throttled rates", async () => {
    const TOPIC = 'throttled'
    await throttledMoveOf(TOPIC, 2_000, 1_000)
    try {
      // The target cluster keeps them as broker configs, and its replication obeys them.
      for (const b of [0, 2]) {
        const configs = kafka.engine.describeBrokerConfigs(b)
        for (const name of [
          'leader.replication.throttled.rate',
          'follower.replication.throttled.rate'
        ])
          expect(configs.find((c) => c.name === name)).toMatchObject({
            value: '1000',
            source: 'DYNAMIC_BROKER_CONFIG'
          })
        expect(kafka.engine.brokerReplication(b)).toMatchObject({
          leaderThrottledRate: 1_000,
          followerThrottledRate: 1_000
        })
      }
      expect(kafka.engine.topic(TOPIC)!.configOverrides).toMatchObject({
        'leader.replication.throttled.replicas': expect.stringContaining('0:'),
        'follower.replication.throttled.replicas': expect.stringContaining('0:2')
      })
      // About 60 KB at 1,000 bytes a second: the new replica is still copying.
      const listed = (await call('partitions.reassignments', { topic: TOPIC })) as Listed
      expect(listed.reassignments).toMatchObject([{ partition: 0, addingReplicas: [2] }])
      expect(partitionOf(TOPIC, 0).isr).not.toContain(2)
    } finally {
      throttle(0)
    }
    await waitFor('the reassignment to complete', () => partitionOf(TOPIC, 0).isr.includes(2))
    // Removed again (configureBroker's 0), the broker is back to Kafka's default: no limit.
    expect(
      kafka.engine
        .describeBrokerConfigs(2)
        .find((c) => c.name === 'leader.replication.throttled.rate')
    ).toMatchObject({ value: '9223372036854775807', source: 'DEFAULT_CONFIG' })
  })

  it("lists the move of an empty partition until the new replica has fetched (kafkajs's admin)", async () => {
    const TOPIC = 'empty-move'
    createOnBrokers01(TOPIC)
    await admin.alterPartitionReassignments({
      topics: [{ topic: TOPIC, partitionAssignment: [{ partition: 0, replicas: [2, 1] }] }]
    })
    // kafkajs answers in the protocol's own names (its typings say topic and partitionIndex).
    const listed = (await admin.listPartitionReassignments({})) as unknown as { topics: unknown[] }
    expect(listed.topics).toEqual([
      {
        name: TOPIC,
        partitions: [
          { partition: 0, replicas: [2, 1, 0], addingReplicas: [2], removingReplicas: [0] }
        ]
      }
    ])
    await waitFor('the reassignment to complete', async () => {
      const r = await admin.listPartitionReassignments({})
      return r.topics.length === 0
    })
    const [meta] = (await admin.fetchTopicMetadata({ topics: [TOPIC] })).topics
    expect(meta.partitions[0]).toMatchObject({ partitionId: 0, replicas: [2, 1], leader: 2 })
    expect([...meta.partitions[0].isr].sort()).toEqual([1, 2])
    // The timeline of the target cluster shows the move start, then end.
    const kinds = kafka.engine
      .history(50)
      .filter((c) => c.topic === TOPIC)
      .map((c) => c.kind)
    expect(kinds).toEqual(['reassignment-completed', 'isr-expanded', 'reassignment-started'])
  })

  it('takes the throttle it set off once the move is over, leaving what the user set', async () => {
    const TOPIC = 'throttle-off'
    createOnBrokers01(TOPIC)
    const first = await produce(TOPIC, 0, 300)
    expect(first.code, first.stderr).toBe(0)
    // Set by the user: a topic config, a pair of the follower list, broker 1's follower rate.
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: TOPIC,
          configEntries: [
            { name: 'retention.ms', value: '3600000' },
            { name: 'follower.replication.throttled.replicas', value: '0:1' }
          ]
        },
        {
          type: ConfigResourceTypes.BROKER,
          name: '1',
          configEntries: [{ name: 'follower.replication.throttled.rate', value: '7000' }]
        }
      ]
    })
    const bytes = kafka.engine.partitionLog(kafka.engine.topic(TOPIC)!, 0).sizeBytes
    // About two seconds of copying.
    const rate = Math.ceil(bytes / 2)
    const started = (await call('partitions.move', {
      topic: TOPIC,
      partition: 0,
      from: 0,
      to: 2,
      throttleBytesPerSec: rate
    })) as ClusterResults['partitions.move']
    expect(started).toMatchObject({ moved: 'replica', replicas: [2, 1] })
    expect(started.reassignments).toMatchObject([{ partition: 0, addingReplicas: [2] }])
    const rates = ['leader.replication.throttled.rate', 'follower.replication.throttled.rate']
    for (const b of ['0', '2']) {
      const during = await describedConfigs(ConfigResourceTypes.BROKER, b, rates)
      for (const name of rates) expect(during.get(name)).toEqual({ value: String(rate), source: 2 })
    }
    const lists = [
      'leader.replication.throttled.replicas',
      'follower.replication.throttled.replicas'
    ]
    const topicDuring = await describedConfigs(ConfigResourceTypes.TOPIC, TOPIC, lists)
    expect(topicDuring.get(lists[0])?.value).toBe('0:0,0:1')
    expect(topicDuring.get(lists[1])?.value).toBe('0:1,0:2')

    await waitFor('the reassignment to complete', async () => {
      const r = (await call('partitions.reassignments', { topic: TOPIC })) as Listed
      return r.reassignments.length === 0
    })
    expect(partitionOf(TOPIC, 0)).toMatchObject({ replicas: [2, 1], leader: 2 })
    // What the console set is gone: the brokers are back to Kafka's default (no limit) ...
    for (const b of ['0', '2']) {
      const after = await describedConfigs(ConfigResourceTypes.BROKER, b, rates)
      for (const name of rates)
        expect(after.get(name)).toEqual({ value: '9223372036854775807', source: 5 })
    }
    // ... and the topic's lists hold what the user had put there, nothing more.
    const topicAfter = await describedConfigs(ConfigResourceTypes.TOPIC, TOPIC, [
      ...lists,
      'retention.ms'
    ])
    expect(topicAfter.get(lists[0])).toMatchObject({ value: '', source: 5 })
    expect(topicAfter.get(lists[1])).toEqual({ value: '0:1', source: 1 })
    expect(topicAfter.get('retention.ms')).toEqual({ value: '3600000', source: 1 })
    const broker1 = await describedConfigs(ConfigResourceTypes.BROKER, '1', rates)
    expect(broker1.get(rates[1])).toEqual({ value: '7000', source: 2 })
    // The console says so in the cluster's history.
    const { changes } = (await call('cluster.history', {})) as ClusterResults['cluster.history']
    expect(changes[0]).toMatchObject({ kind: 'throttle-removed', topic: TOPIC, partition: 0 })
    expect(changes[0].message).toContain(`${TOPIC}-0: no longer moving`)
    expect(changes[0].message).toContain('throttled.rate on broker 0, 2')
    await call('brokers.alterConfigs', { brokerId: 1, configs: { [rates[1]]: null } })
  })

  it('takes the throttle off a move it cancels', async () => {
    const TOPIC = 'throttle-cancelled'
    // Kafka's 0 stops the copy: the move stays in flight until cancelled.
    await throttledMoveOf(TOPIC, 300, 0)
    const rates = ['leader.replication.throttled.rate', 'follower.replication.throttled.rate']
    expect((await describedConfigs(ConfigResourceTypes.BROKER, '2', rates)).get(rates[1])).toEqual({
      value: '0',
      source: 2
    })
    const cancelled = await cancel(TOPIC)
    // The answer's own ListPartitionReassignments finds the move over.
    expect(cancelled.reassignments).toEqual([])
    for (const b of ['0', '2']) {
      const after = await describedConfigs(ConfigResourceTypes.BROKER, b, rates)
      for (const name of rates) expect(after.get(name)?.source).toBe(5)
    }
    const lists = await describedConfigs(ConfigResourceTypes.TOPIC, TOPIC, [
      'leader.replication.throttled.replicas',
      'follower.replication.throttled.replicas'
    ])
    expect([...lists.values()].map((c) => c.value)).toEqual(['', ''])
  })

  it('refuses bad input naming the field', async () => {
    const TOPIC = 'refusals'
    createOnBrokers01(TOPIC)
    const reassign = (params: object) =>
      refusal('partitions.reassign', { topic: TOPIC, partition: 0, ...params })

    // An unknown broker: the cluster's INVALID_REPLICA_ASSIGNMENT, about the replicas.
    const unknown = await reassign({ replicas: [0, 7] })
    expect(unknown).toMatchObject({ code: 'BAD_REQUEST', field: 'replicas' })
    expect(unknown.message).toContain('INVALID_REPLICA_ASSIGNMENT')
    expect(await reassign({ replicas: [] })).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'replicas'
    })
    expect(await reassign({ replicas: [2, 2] })).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'replicas'
    })
    expect(await reassign({ partition: 5, replicas: [2, 1] })).toMatchObject({
      code: 'NOT_FOUND',
      field: 'partition'
    })
    expect(await reassign({ topic: 'nope', replicas: [2, 1] })).toMatchObject({
      code: 'NOT_FOUND',
      field: 'topic'
    })
    expect(partitionOf(TOPIC, 0).replicas).toEqual([0, 1])
    // A throttle Kafka refuses (a negative rate never reaches it: the contract refuses it).
    expect(await reassign({ replicas: [2, 1], throttleBytesPerSec: -1 })).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'throttleBytesPerSec'
    })
    expect(partitionOf(TOPIC, 0).replicas).toEqual([0, 1])

    const move = (params: object) =>
      refusal('partitions.move', { topic: TOPIC, partition: 0, from: 0, to: 2, ...params })
    expect(await move({ from: 2, to: 1 })).toMatchObject({ code: 'BAD_REQUEST', field: 'from' })
    expect(await move({ to: 9 })).toMatchObject({ code: 'BAD_REQUEST', field: 'to' })
    expect(partitionOf(TOPIC, 0).replicas).toEqual([0, 1])
  })
})
