// Lag per partition, the lag-history sampler, and the contract's groups.* views.
import { describe, expect, it } from 'vitest'
import { assignedPartitions, subscribedTopics } from '../../../src/engine/groups/consumer-protocol'
import { GroupsApi } from '../../../src/engine/groups/groups-api'
import { LagSampler } from '../../../src/engine/groups/lag-sampler'
import { partitionLag } from '../../../src/engine/groups/views'
import { ConsumerIsolation } from '../../../src/engine/groups/consumer-isolation'
import { EngineError } from '../../../src/engine/engine-error'
import { assignment, setup, stableGroup, subscription, type Setup } from './helpers'

function withSampler(s: Setup, historyWindowMs = 60_000) {
  const isolation = new ConsumerIsolation()
  const isolationOf = (groupId: string) => isolation.ofGroup(groupId, s.coordinator.group(groupId))
  const sampler = new LagSampler({
    store: s.coordinator.store,
    partitions: s.partitions,
    isolationOf,
    scheduler: s.clock,
    settings: { sampleIntervalMs: 10_000, historyWindowMs }
  })
  return {
    sampler,
    isolation,
    api: new GroupsApi(s.coordinator, sampler, s.partitions, isolationOf)
  }
}

const commitAt = (s: Setup, groupId: string, partition: number, offset: number) =>
  s.coordinator.commitAdminOffsets(groupId, [
    {
      topic: 'orders',
      partition,
      committedOffset: offset,
      leaderEpoch: -1,
      metadata: '',
      commitTimestamp: s.clock.now()
    }
  ])

describe('lag', () => {
  it('is high watermark - committed, with records lost when the log start passed the commit', () => {
    expect(partitionLag(40, { logStartOffset: 0, highWatermark: 100 })).toEqual({
      lag: 60,
      recordsLost: 0,
      position: 40
    })
    expect(partitionLag(5, { logStartOffset: 20, highWatermark: 100 })).toEqual({
      lag: 95,
      recordsLost: 15,
      position: 20
    })
    expect(partitionLag(120, { logStartOffset: 0, highWatermark: 100 })).toEqual({
      lag: 0,
      recordsLost: 0,
      position: 120
    })
  })

  it('resolves the earliest (-2) and latest (-1) markers that admin tools commit', () => {
    expect(partitionLag(-2, { logStartOffset: 20, highWatermark: 100 })).toEqual({
      lag: 80,
      recordsLost: 0,
      position: 20
    })
    expect(partitionLag(-1, { logStartOffset: 20, highWatermark: 100 })).toEqual({
      lag: 0,
      recordsLost: 0,
      position: 100
    })
  })

  it('counts to the last stable offset for read_committed groups, to the high watermark otherwise', () => {
    const p = { logStartOffset: 0, highWatermark: 100, lastStableOffset: 70 }
    expect(partitionLag(40, p, 'read_committed').lag).toBe(30)
    expect(partitionLag(40, p, 'read_uncommitted').lag).toBe(60)
    expect(partitionLag(40, p).lag).toBe(60)
    expect(partitionLag(-1, p, 'read_committed')).toMatchObject({ lag: 0, position: 70 })
    // Where the cluster does not report a last stable offset, the high watermark stands in.
    expect(partitionLag(40, { logStartOffset: 0, highWatermark: 100 }, 'read_committed').lag).toBe(
      60
    )
  })
})

describe('lag history', () => {
  it('samples every interval, prunes beyond the window and answers total and per-partition series', () => {
    const s = setup()
    const { sampler } = withSampler(s, 15_000)
    s.partitions.set('orders', 0, { logStartOffset: 0, highWatermark: 100 })
    s.partitions.set('orders', 1, { logStartOffset: 0, highWatermark: 10 })
    commitAt(s, 'g', 0, 40)
    commitAt(s, 'g', 1, 10)
    commitAt(s, 'h', 0, 0)
    const t0 = s.clock.now()
    sampler.start()
    s.clock.advance(10_000)
    s.partitions.set('orders', 0, { logStartOffset: 0, highWatermark: 150 })
    s.clock.advance(10_000)
    commitAt(s, 'g', 0, 150)
    s.clock.advance(10_000)
    const h = sampler.history('g')
    expect(h.groupId).toBe('g')
    // The sample at t0+10 s is older than the 15 s window at t0+30 s: pruned.
    expect(h.total).toEqual([
      [t0 + 20_000, 110],
      [t0 + 30_000, 0]
    ])
    expect(h.partitions).toEqual([
      {
        topic: 'orders',
        partition: 0,
        points: [
          [t0 + 20_000, 110],
          [t0 + 30_000, 0]
        ]
      },
      {
        topic: 'orders',
        partition: 1,
        points: [
          [t0 + 20_000, 0],
          [t0 + 30_000, 0]
        ]
      }
    ])
    expect(sampler.history('g', 5_000).total).toEqual([[t0 + 30_000, 0]])
    expect(sampler.history('h').total.map(([, lag]) => lag)).toEqual([150, 150])
    sampler.stop()
    s.clock.advance(60_000)
    expect(sampler.history('g', 1_000_000).total).toHaveLength(2)
  })
})

describe('GroupsApi (contract views)', () => {
  it('lists groups with members, topics and total lag', async () => {
    const s = setup()
    const { api } = withSampler(s)
    s.partitions.set('orders', 0, { logStartOffset: 0, highWatermark: 12 })
    await stableGroup(s, 2)
    commitAt(s, 'simple', 0, 2)
    expect(api.list()).toEqual({
      groups: [
        {
          groupId: 'g',
          state: 'Stable',
          groupType: 'classic',
          protocolType: 'consumer',
          members: 2,
          topics: ['orders'],
          totalLag: 0,
          lagMs: 0,
          atRisk: false,
          recordsLost: 0,
          isolationLevel: null
        },
        {
          groupId: 'simple',
          state: 'Empty',
          groupType: 'classic',
          protocolType: '',
          members: 0,
          topics: ['orders'],
          totalLag: 10,
          lagMs: 0,
          atRisk: false,
          recordsLost: 0,
          isolationLevel: null
        }
      ]
    })
  })

  it('describes members with decoded assignments and offsets with lag', async () => {
    const s = setup()
    const { api } = withSampler(s)
    s.partitions.set('orders', 0, { logStartOffset: 5, highWatermark: 12 })
    const g = await stableGroup(s, 2)
    s.coordinator.offsetCommit({
      groupId: 'g',
      generationId: g.generationId,
      memberId: g.leader,
      groupInstanceId: null,
      topics: [
        {
          name: 'orders',
          partitions: [
            {
              partitionIndex: 0,
              committedOffset: 3,
              committedLeaderEpoch: 0,
              committedMetadata: 'hello'
            }
          ]
        }
      ]
    })
    const d = api.describe('g')
    expect(d).toMatchObject({
      groupId: 'g',
      state: 'Stable',
      protocolType: 'consumer',
      protocol: 'range',
      generationId: 1,
      totalLag: 9
    })
    expect(d.members[1]).toEqual({
      memberId: g.members[1],
      groupInstanceId: null,
      clientId: 'c1',
      clientHost: '/127.0.0.1',
      assignments: [{ topic: 'orders', partitions: [1] }]
    })
    expect(d.offsets).toEqual([
      {
        topic: 'orders',
        partition: 0,
        committedOffset: 3,
        highWatermark: 12,
        logStartOffset: 5,
        lag: 9,
        metadata: 'hello',
        commitTimestamp: s.clock.now(),
        recordsLost: 2,
        lagMs: 0,
        timeToLossMs: null
      }
    ])
    // Records already deleted put the group at risk, even without a deadline.
    expect(d.health).toMatchObject({
      recordsLost: 2,
      atRisk: true,
      trend: 'unknown',
      timeToLossMs: null
    })
    expect(() => api.describe('nope')).toThrow(EngineError)
  })

  it('measures a group against the last stable offset once one of its members fetches read_committed', async () => {
    const s = setup()
    const { api, sampler, isolation } = withSampler(s)
    s.partitions.set('orders', 0, { logStartOffset: 0, highWatermark: 50, lastStableOffset: 20 })
    const g = await stableGroup(s, 2)
    s.coordinator.offsetCommit({
      groupId: 'g',
      generationId: g.generationId,
      memberId: g.leader,
      groupInstanceId: null,
      topics: [
        {
          name: 'orders',
          partitions: [
            {
              partitionIndex: 0,
              committedOffset: 20,
              committedLeaderEpoch: 0,
              committedMetadata: ''
            }
          ]
        }
      ]
    })
    // Not seen fetching yet: the high watermark, as for any group.
    expect(api.describe('g')).toMatchObject({ isolationLevel: null, totalLag: 30 })
    isolation.noteFetch('c0', '/127.0.0.1', false)
    expect(api.describe('g')).toMatchObject({ isolationLevel: 'read_uncommitted', totalLag: 30 })
    isolation.noteFetch('c1', '/127.0.0.1', true)
    expect(api.describe('g')).toMatchObject({ isolationLevel: 'read_committed', totalLag: 0 })
    expect(api.describe('g').offsets[0]).toMatchObject({ lastStableOffset: 20, lag: 0 })
    // Another host's client of the same id is another client.
    isolation.noteFetch('c1', '/10.0.0.9', false)
    expect(api.describe('g').isolationLevel).toBe('read_committed')
    sampler.sample()
    expect(sampler.history('g').total.map(([, lag]) => lag)).toEqual([0])
    // Once its members are gone, the group keeps the level it was last seen with.
    for (const memberId of g.members)
      s.coordinator.leaveGroup({ groupId: 'g', members: [{ memberId, groupInstanceId: null }] })
    expect(api.describe('g')).toMatchObject({ state: 'Empty', isolationLevel: 'read_committed' })
    expect(api.list().groups[0]).toMatchObject({ isolationLevel: 'read_committed', totalLag: 0 })
  })

  it('deletes empty groups and refuses active ones with CONFLICT', async () => {
    const s = setup()
    const { api } = withSampler(s)
    await stableGroup(s, 1)
    commitAt(s, 'old', 0, 1)
    expect(api.delete('old')).toEqual({ groupId: 'old', deleted: true })
    expect(() => api.delete('old')).toThrow(expect.objectContaining({ reason: 'not-found' }))
    expect(() => api.delete('g')).toThrow(expect.objectContaining({ reason: 'group-not-empty' }))
  })

  it('answers lag history, NOT_FOUND for an unknown group', () => {
    const s = setup()
    const { api, sampler } = withSampler(s)
    commitAt(s, 'g', 0, 0)
    sampler.sample()
    expect(api.lagHistory({ groupId: 'g' }).partitions).toHaveLength(1)
    expect(() => api.lagHistory({ groupId: 'x' })).toThrow(
      expect.objectContaining({ reason: 'not-found' })
    )
  })
})

describe('consumer protocol', () => {
  it('reads subscribed topics and assignments, and nothing from malformed bytes', () => {
    expect(subscribedTopics(subscription('a', 'b'))).toEqual(['a', 'b'])
    expect(assignedPartitions(assignment({ a: [0, 2], b: [1] }))).toEqual([
      { topic: 'a', partitions: [0, 2] },
      { topic: 'b', partitions: [1] }
    ])
    expect(assignedPartitions(Buffer.alloc(0))).toEqual([])
    expect(assignedPartitions(Buffer.from([0, 0, 0x7f, 0xff, 0xff, 0xff]))).toEqual([])
    expect(subscribedTopics(Buffer.from([0, 1, 0, 0, 0, 1, 0, 9, 65]))).toEqual([])
  })
})
