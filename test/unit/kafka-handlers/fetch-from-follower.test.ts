// Fetching from followers (KIP-392) through encoded frames: brokers carry their broker.rack into
// Metadata, DescribeCluster and DescribeConfigs; with replica.selector.class set to Kafka's
// RackAwareReplicaSelector, a leader answers a consumer's Fetch 11+ from another rack with the
// in-sync follower of its rack as preferred read replica and no records; the follower serves a
// consumer's Fetch 11+ up to its own high watermark and answers OFFSET_OUT_OF_RANGE past its log
// end; older versions, replica fetches and ListOffsets stay with the leader. New topics spread
// their replicas over the racks.
import { describe, expect, it } from 'vitest'
import type { Engine } from '../../../src/engine/engine'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { ErrorCode as E } from '../../../src/shared/kafka/error-codes'
import { RACK_AWARE_REPLICA_SELECTOR } from '../../../src/shared/kafka/rack-broker-configs'
import { openEngine, produceValues, send } from './helpers'

const RACKS = ['rack-a', 'rack-b', 'rack-c']

function setup(selector = true) {
  const engine = openEngine({
    brokers: 3,
    brokerRacks: RACKS,
    brokerConfigs: selector ? { 'replica.selector.class': RACK_AWARE_REPLICA_SELECTOR } : {}
  })
  // Broker 0 leads; 1 and 2 follow.
  engine.createTopic({
    name: 'orders',
    partitions: 1,
    replicationFactor: 3,
    assignment: [[0, 1, 2]]
  })
  return engine
}

const produce = (engine: Engine, values: string[]) => produceValues(engine, 'orders', 0, values)

async function fetchFrom(
  engine: Engine,
  brokerId: number,
  opts: {
    rack?: string
    offset?: number
    version?: number
    replicaId?: number
    epoch?: number
  } = {}
) {
  const version = opts.version ?? 12
  const body = {
    replicaId: opts.replicaId ?? -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 1 << 20,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [
      {
        topic: 'orders',
        partitions: [
          {
            partition: 0,
            fetchOffset: BigInt(opts.offset ?? 0),
            partitionMaxBytes: 1 << 20,
            currentLeaderEpoch: opts.epoch ?? -1
          }
        ]
      }
    ],
    forgottenTopicsData: [],
    rackId: opts.rack ?? ''
  }
  const res = await send(engine, brokerId, ApiKey.Fetch, version, body)
  const p = res.responses[0].partitions[0]
  return {
    errorCode: p.errorCode,
    preferredReadReplica: p.preferredReadReplica,
    highWatermark: Number(p.highWatermark),
    bytes: p.records?.length ?? 0
  }
}

describe('fetching from followers (KIP-392)', () => {
  it("names each broker's rack in Metadata, DescribeCluster and DescribeConfigs; broker.rack is read only", async () => {
    const engine = setup()
    const md = await send(engine, 1, ApiKey.Metadata, 12, {
      topics: null,
      allowAutoTopicCreation: false,
      includeTopicAuthorizedOperations: false
    })
    expect(md.brokers.map((b) => [b.nodeId, b.rack])).toEqual([
      [0, 'rack-a'],
      [1, 'rack-b'],
      [2, 'rack-c']
    ])
    const dc = await send(engine, 0, ApiKey.DescribeCluster, 0, {
      includeClusterAuthorizedOperations: false
    })
    expect(dc.brokers.map((b) => b.rack)).toEqual(RACKS)
    const entry = engine.describeBrokerConfigs(1).find((c) => c.name === 'broker.rack')
    expect(entry).toMatchObject({ value: 'rack-b', source: 'STATIC_BROKER_CONFIG', readOnly: true })
    expect(() =>
      engine.alterBrokerConfigs({ brokerId: 1, set: { 'broker.rack': 'x' }, remove: [] })
    ).toThrow(/Cannot update these configs dynamically: Set\(broker.rack\)/)
    // A broker without a rack of its own has the one every broker was given, or none.
    const plain = openEngine({ brokers: 2, brokerRacks: ['r0', null] })
    expect([plain.brokerRack(0), plain.brokerRack(1)]).toEqual(['r0', null])
    const shared = openEngine({
      brokers: 2,
      brokerRacks: [null, 'own'],
      brokerConfigs: { 'broker.rack': 'all' }
    })
    expect([shared.brokerRack(0), shared.brokerRack(1)]).toEqual(['all', 'own'])
  })

  it('refuses racks that do not fit the brokers, naming brokerRacks', () => {
    expect(() => openEngine({ brokers: 3, brokerRacks: ['a', 'b'] })).toThrow(
      /brokerRacks must list one rack \(or null\) for each of the 3 brokers/
    )
    expect(() => openEngine({ brokers: 2, brokerRacks: ['a', ' '] })).toThrow(/brokerRacks\[1\]/)
    expect(() =>
      openEngine({ brokerConfigs: { 'replica.selector.class': 'com.example.MySelector' } })
    ).toThrow(
      /replica.selector.class.*must be one of org.apache.kafka.common.replica.RackAwareReplicaSelector/
    )
  })

  it("the leader names the in-sync follower of the client's rack, without records; a follower serves Fetch 11+", async () => {
    const engine = setup()
    await produce(engine, ['a', 'b', 'c'])
    expect(await fetchFrom(engine, 0, { rack: 'rack-b' })).toEqual({
      errorCode: E.NONE,
      preferredReadReplica: 1,
      highWatermark: 3,
      bytes: 0
    })
    expect((await fetchFrom(engine, 0, { rack: 'rack-c' })).preferredReadReplica).toBe(2)
    // The leader's own rack, an unknown rack and no rack: the leader serves.
    for (const rack of ['rack-a', 'elsewhere', '']) {
      const res = await fetchFrom(engine, 0, { rack })
      expect(res.preferredReadReplica, rack).toBe(-1)
      expect(res.bytes, rack).toBeGreaterThan(0)
    }
    // Fetch 11 is the first to carry the rack.
    expect((await fetchFrom(engine, 0, { rack: 'rack-b', version: 11 })).preferredReadReplica).toBe(
      1
    )
    expect((await fetchFrom(engine, 0, { rack: 'rack-b', version: 10 })).bytes).toBeGreaterThan(0)

    const fromFollower = await fetchFrom(engine, 1, { rack: 'rack-b' })
    expect(fromFollower).toMatchObject({
      errorCode: E.NONE,
      preferredReadReplica: -1,
      highWatermark: 3
    })
    expect(fromFollower.bytes).toBeGreaterThan(0)
    // Before Fetch 11, and for a replica's own fetch, only the leader serves.
    expect((await fetchFrom(engine, 1, { version: 10 })).errorCode).toBe(E.NOT_LEADER_OR_FOLLOWER)
    expect((await fetchFrom(engine, 1, { replicaId: 2 })).errorCode).toBe(E.NOT_LEADER_OR_FOLLOWER)
    // Leader epochs are checked on a follower as on the leader.
    expect((await fetchFrom(engine, 1, { epoch: 5 })).errorCode).toBe(E.UNKNOWN_LEADER_EPOCH)
    // ListOffsets stays with the leader.
    const lo = await send(engine, 1, ApiKey.ListOffsets, 7, {
      replicaId: -1,
      isolationLevel: 0,
      topics: [
        {
          name: 'orders',
          partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1n }]
        }
      ]
    })
    expect(lo.topics[0].partitions[0].errorCode).toBe(E.NOT_LEADER_OR_FOLLOWER)
  })

  it('a follower serves up to what it holds and answers OFFSET_OUT_OF_RANGE past its log end; the leader skips it there', async () => {
    const engine = setup()
    await produce(engine, ['a', 'b', 'c'])
    // Broker 2 copies nothing more for a while: it holds offsets 0-2 of 0-5.
    engine.configureBroker(2, { replicationDelayMs: 600_000 })
    await produce(engine, ['d', 'e', 'f'])
    expect(
      engine.replicaLogEnd(engine.topic('orders')!, engine.topic('orders')!.partitions[0], 2)
    ).toBe(3)
    expect(await fetchFrom(engine, 2, { offset: 3 })).toMatchObject({
      errorCode: E.NONE,
      highWatermark: 3,
      bytes: 0
    })
    expect(await fetchFrom(engine, 2, { offset: 4 })).toMatchObject({
      errorCode: E.OFFSET_OUT_OF_RANGE,
      highWatermark: 3
    })
    // Broker 2 does not hold offset 4: the leader keeps a rack-c client.
    expect((await fetchFrom(engine, 0, { rack: 'rack-c', offset: 4 })).preferredReadReplica).toBe(
      -1
    )
    expect((await fetchFrom(engine, 0, { rack: 'rack-c', offset: 2 })).preferredReadReplica).toBe(2)
  })

  it('followers out of the ISR or stopped are not chosen; without a selector the leader serves every rack', async () => {
    const engine = setup()
    await produce(engine, ['a', 'b'])
    engine.injectFault({ target: { brokerId: 1 }, action: { type: 'leaveIsr' } })
    await produce(engine, ['c'])
    expect(engine.topic('orders')!.partitions[0].isr).toEqual([0, 2])
    const res = await fetchFrom(engine, 0, { rack: 'rack-b' })
    expect(res.preferredReadReplica).toBe(-1)
    expect(res.bytes).toBeGreaterThan(0)
    // Out of the ISR, broker 1 still serves what it holds, as a Kafka follower does.
    expect((await fetchFrom(engine, 1, { rack: 'rack-b' })).errorCode).toBe(E.NONE)

    engine.stopBroker(2)
    expect((await fetchFrom(engine, 0, { rack: 'rack-c' })).preferredReadReplica).toBe(-1)

    const plain = setup(false)
    await produce(plain, ['a'])
    expect((await fetchFrom(plain, 0, { rack: 'rack-b' })).preferredReadReplica).toBe(-1)
  })

  it("spreads a new topic's replicas over the racks, as Kafka's rack-aware assignment does", async () => {
    const engine = openEngine({ brokers: 4, brokerRacks: ['east', 'east', 'west', 'west'] })
    const res = await send(engine, 0, ApiKey.CreateTopics, 7, {
      topics: [
        { name: 'spread', numPartitions: 12, replicationFactor: 2, assignments: [], configs: [] }
      ],
      timeoutMs: 1000
    })
    expect(res.topics[0].errorCode).toBe(E.NONE)
    for (const p of engine.topic('spread')!.partitions)
      expect(new Set(p.replicas.map((b) => engine.brokerRack(b)))).toEqual(
        new Set(['east', 'west'])
      )
  })
})
