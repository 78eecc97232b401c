// The consumer protocol's coordinator (KIP-848) on a manual clock: epochs, a partition revoked by
// its owner before another member gets it, leaving, fencing, regular expressions (resolved for
// the group, with the rights of the member that asked, at most every 10 s), assignors and the
// line between classic and consumer groups.
import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import type { ConsumerHeartbeatParams } from '../../../src/engine/groups'
import { heartbeatRequest, joinRequest, memoryDb, setup, type Setup } from './helpers'

const hb = heartbeatRequest

type Owned = { topic: string; partitions: number[] }[]

/** Heartbeats as a client does: what it last heard is what it owns. */
function member(s: Setup, memberId: string, extra: Partial<ConsumerHeartbeatParams> = {}) {
  let epoch = 0
  let owned: Owned = []
  const beat = (overrides: Partial<ConsumerHeartbeatParams> = {}) => {
    const r = s.coordinator.consumerGroupHeartbeat(
      hb({ memberId, memberEpoch: epoch, ownedPartitions: owned, ...extra, ...overrides }),
      1
    )
    if (r.errorCode === ErrorCode.NONE) {
      epoch = r.memberEpoch
      if (r.assignment) owned = r.assignment
    }
    return r
  }
  return {
    beat,
    get epoch() {
      return epoch
    },
    partitions: () => owned.flatMap((t) => t.partitions.map((p) => `${t.topic}-${p}`)).sort()
  }
}

describe('ConsumerGroupHeartbeat', () => {
  it('gives a first member every partition at epoch 1', () => {
    const s = setup()
    const a = member(s, 'a')
    const r = a.beat()
    expect(r).toMatchObject({ errorCode: 0, memberId: 'a', memberEpoch: 1 })
    expect(r.heartbeatIntervalMs).toBeGreaterThan(0)
    expect(a.partitions()).toEqual(['orders-0', 'orders-1', 'orders-2'])
    expect(s.coordinator.consumerGroupDescribe(['cg'])[0]).toMatchObject({
      groupState: 'Stable',
      groupEpoch: 1,
      assignmentEpoch: 1,
      assignorName: 'uniform'
    })
  })

  it('names a v0 member that joins without an id', () => {
    const s = setup()
    const r = s.coordinator.consumerGroupHeartbeat(hb(), 0)
    expect(r.errorCode).toBe(0)
    expect(r.memberId).toMatch(/^[0-9a-f-]{36}$/)
    expect(s.coordinator.consumerGroupHeartbeat(hb(), 1).errorCode).toBe(ErrorCode.INVALID_REQUEST)
  })

  it('revokes from the old owner before the new member gets a partition', () => {
    const s = setup()
    s.partitions.add('orders', 4)
    const a = member(s, 'a')
    a.beat()
    expect(a.partitions()).toHaveLength(4)
    const b = member(s, 'b')
    b.beat()
    // The target gives b two partitions, but a still owns them: b gets nothing yet.
    expect(b.epoch).toBe(2)
    expect(b.partitions()).toEqual([])
    expect(s.coordinator.consumerGroupDescribe(['cg'])[0].groupState).toBe('Reconciling')
    // a is told to keep two and stays at epoch 1 until it has revoked the others.
    const r = a.beat()
    expect(r.memberEpoch).toBe(1)
    expect(a.partitions()).toHaveLength(2)
    b.beat()
    expect(b.partitions()).toEqual([])
    // a's next heartbeat owns only what it kept: revoked, so it moves to epoch 2.
    expect(a.beat().memberEpoch).toBe(2)
    b.beat()
    expect(b.partitions()).toHaveLength(2)
    expect([...a.partitions(), ...b.partitions()].sort()).toEqual([
      'orders-0',
      'orders-1',
      'orders-2',
      'orders-3'
    ])
    expect(s.coordinator.consumerGroupDescribe(['cg'])[0].groupState).toBe('Stable')
  })

  it('gives a leaving member’s partitions to the others with the next epoch', () => {
    const s = setup()
    const a = member(s, 'a')
    const b = member(s, 'b')
    a.beat()
    b.beat()
    a.beat()
    a.beat()
    b.beat()
    expect(a.partitions().length + b.partitions().length).toBe(3)
    const left = s.coordinator.consumerGroupHeartbeat(hb({ memberId: 'b', memberEpoch: -1 }), 1)
    expect(left).toMatchObject({ errorCode: 0, memberEpoch: -1 })
    a.beat()
    expect(a.partitions()).toEqual(['orders-0', 'orders-1', 'orders-2'])
    expect(a.epoch).toBe(3)
  })

  it('fences a member after its session timeout and a wrong epoch', () => {
    const s = setup({ consumerSessionTimeoutMs: 5_000 })
    const a = member(s, 'a')
    const b = member(s, 'b')
    a.beat()
    b.beat()
    s.clock.advance(3_000)
    a.beat()
    s.clock.advance(3_000)
    // b's session ran out: it is gone, and a is given everything.
    expect(b.beat().errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID)
    a.beat()
    expect(a.partitions()).toHaveLength(3)
    expect(a.beat({ memberEpoch: 99 }).errorCode).toBe(ErrorCode.FENCED_MEMBER_EPOCH)
  })

  it("uses the group's own consumer.session.timeout.ms and consumer.heartbeat.interval.ms", () => {
    const s = setup({ consumerSessionTimeoutMs: 5_000, consumerMinSessionTimeoutMs: 1_000 })
    const a = member(s, 'a')
    const b = member(s, 'b')
    expect(a.beat().heartbeatIntervalMs).toBe(1_000)
    s.coordinator.groupConfigs.alter({
      groupId: 'cg',
      set: { 'consumer.session.timeout.ms': '20000', 'consumer.heartbeat.interval.ms': '4000' },
      remove: []
    })
    expect(a.beat().heartbeatIntervalMs).toBe(4_000)
    b.beat()
    s.clock.advance(15_000)
    // Past the broker's 5 s, within the group's 20 s: both are still members.
    expect(a.beat().errorCode).toBe(ErrorCode.NONE)
    s.clock.advance(6_000)
    expect(b.beat().errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID)
    // A value outside the broker's bounds is refused, naming the config.
    expect(() =>
      s.coordinator.groupConfigs.alter({
        groupId: 'cg',
        set: { 'consumer.session.timeout.ms': '500' },
        remove: []
      })
    ).toThrow(
      'consumer.session.timeout.ms must be greater than or equal to group.consumer.min.session.timeout.ms'
    )
  })

  it('fences a member that does not revoke within its rebalance timeout', () => {
    const s = setup()
    const a = member(s, 'a', { rebalanceTimeoutMs: 2_000 })
    a.beat()
    const b = member(s, 'b')
    b.beat()
    a.beat() // told to revoke
    s.clock.advance(2_500)
    expect(a.beat().errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID)
    b.beat()
    expect(b.partitions()).toHaveLength(3)
  })

  it('subscribes by regular expression and picks up a new matching topic', () => {
    const s = setup()
    s.partitions.add('events-a', 2)
    const a = member(s, 'a', { subscribedTopicNames: null, subscribedTopicRegex: 'events-.*' })
    a.beat({ subscribedTopicNames: [] })
    expect(a.partitions()).toEqual(['events-a-0', 'events-a-1'])
    s.partitions.add('events-b', 1)
    s.partitions.add('not-events', 1)
    // Kafka resolves a group's expressions again at most every 10 s.
    s.clock.advance(10_000)
    a.beat()
    expect(a.partitions()).toEqual(['events-a-0', 'events-a-1'])
    s.clock.advance(1)
    a.beat()
    expect(a.partitions()).toEqual(['events-a-0', 'events-a-1', 'events-b-0'])
    const bad = s.coordinator.consumerGroupHeartbeat(
      hb({ groupId: 'other', memberId: 'x', subscribedTopicRegex: '(' }),
      1
    )
    expect(bad.errorCode).toBe(ErrorCode.INVALID_REGULAR_EXPRESSION)
  })

  it('resolves an expression once for the group, with the rights of the member that asked', () => {
    // group.consumer.regex.refresh.interval.ms shorter than the session timeout (45 s).
    const s = setup({ consumerRegexRefreshIntervalMs: 20_000 })
    s.partitions.add('rx-open', 2).add('rx-hidden', 2)
    const regex = { subscribedTopicNames: null, subscribedTopicRegex: 'rx-.*' }
    const bob = member(s, 'bob', { ...regex, mayDescribe: (t) => t !== 'rx-hidden' })
    const alice = member(s, 'alice', { ...regex, mayDescribe: () => true })
    bob.beat({ subscribedTopicNames: [] })
    expect(bob.partitions()).toEqual(['rx-open-0', 'rx-open-1'])
    // Alice may describe rx-hidden, but the group's resolution (bob's) stands.
    alice.beat({ subscribedTopicNames: [] })
    const settle = () => {
      for (let i = 0; i < 3; i++) for (const m of [bob, alice]) m.beat()
    }
    settle()
    expect(alice.partitions()).toHaveLength(1)
    expect([...bob.partitions(), ...alice.partitions()].sort()).toEqual(['rx-open-0', 'rx-open-1'])
    // Once the resolution is older than the refresh interval, alice's heartbeat resolves it
    // again, with her rights: rx-hidden comes in for both members.
    s.clock.advance(20_001)
    alice.beat()
    settle()
    expect([...bob.partitions(), ...alice.partitions()].sort()).toEqual([
      'rx-hidden-0',
      'rx-hidden-1',
      'rx-open-0',
      'rx-open-1'
    ])
  })

  it('resolves a new expression at once, unless the last resolution is under 10 s old', () => {
    const s = setup()
    s.partitions.add('a-1', 1).add('b-1', 1)
    const a = member(s, 'a', { subscribedTopicNames: null, subscribedTopicRegex: 'a-.*' })
    const b = member(s, 'b', { subscribedTopicNames: null, subscribedTopicRegex: 'b-.*' })
    a.beat({ subscribedTopicNames: [] })
    expect(a.partitions()).toEqual(['a-1-0'])
    s.clock.advance(5_000)
    b.beat({ subscribedTopicNames: [] })
    expect(b.partitions()).toEqual([])
    s.clock.advance(5_001)
    b.beat()
    a.beat()
    b.beat()
    expect(b.partitions()).toEqual(['b-1-0'])
    expect(a.partitions()).toEqual(['a-1-0'])
  })

  it('assigns contiguous ranges with the range assignor and refuses unknown ones', () => {
    const s = setup()
    s.partitions.add('orders', 5)
    const a = member(s, 'a', { serverAssignor: 'range' })
    const b = member(s, 'b', { serverAssignor: 'range' })
    a.beat()
    b.beat()
    a.beat()
    a.beat()
    b.beat()
    expect(a.partitions()).toEqual(['orders-0', 'orders-1', 'orders-2'])
    expect(b.partitions()).toEqual(['orders-3', 'orders-4'])
    expect(s.coordinator.consumerGroupDescribe(['cg'])[0].assignorName).toBe('range')
    const r = s.coordinator.consumerGroupHeartbeat(
      hb({ groupId: 'x', memberId: 'x', serverAssignor: 'sticky' }),
      1
    )
    expect(r.errorCode).toBe(ErrorCode.UNSUPPORTED_ASSIGNOR)
  })

  it('keeps classic and consumer groups apart', async () => {
    const s = setup()
    member(s, 'a').beat()
    // Only members of the consumer protocol type mix (KIP-848's online migration).
    const join = await s.coordinator.joinGroup(
      joinRequest({ groupId: 'cg', protocolType: 'connect' })
    )
    expect(join.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL)
    void s.coordinator.joinGroup(joinRequest({ groupId: 'classic', protocolType: 'connect' }))
    const r = s.coordinator.consumerGroupHeartbeat(hb({ groupId: 'classic', memberId: 'x' }), 1)
    expect(r.errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND)
    expect(s.coordinator.consumerGroupDescribe(['classic', 'none'])).toMatchObject([
      {
        errorCode: ErrorCode.GROUP_ID_NOT_FOUND,
        errorMessage: 'Group classic is not a consumer group.'
      },
      { errorCode: ErrorCode.GROUP_ID_NOT_FOUND }
    ])
    const listed = s.coordinator.listGroups([], ['consumer']).groups
    expect(listed).toEqual([
      { groupId: 'cg', protocolType: 'consumer', groupState: 'Stable', groupType: 'consumer' }
    ])
    expect(s.coordinator.listGroups([], ['classic']).groups.map((g) => g.groupId)).toEqual([
      'classic'
    ])
  })

  it('takes commits at the member epoch and keeps the group type across a restart', () => {
    const db = memoryDb()
    const s = setup({}, db)
    const a = member(s, 'a')
    a.beat()
    const commit = (generationId: number, memberId = 'a') =>
      s.coordinator.offsetCommit({
        groupId: 'cg',
        generationId,
        memberId,
        groupInstanceId: null,
        topics: [
          {
            name: 'orders',
            partitions: [
              {
                partitionIndex: 0,
                committedOffset: 5,
                committedLeaderEpoch: -1,
                committedMetadata: null
              }
            ]
          }
        ]
      }).topics[0].partitions[0].errorCode
    expect(commit(a.epoch)).toBe(0)
    expect(commit(a.epoch + 1)).toBe(ErrorCode.STALE_MEMBER_EPOCH)
    expect(commit(a.epoch, 'nobody')).toBe(ErrorCode.UNKNOWN_MEMBER_ID)
    s.coordinator.close()
    const again = setup({}, db)
    expect(again.coordinator.listGroups([], ['consumer']).groups).toEqual([
      { groupId: 'cg', protocolType: 'consumer', groupState: 'Empty', groupType: 'consumer' }
    ])
    // The member's next heartbeat finds it gone and it joins again, at a later epoch.
    expect(member(again, 'a').beat()).toMatchObject({ errorCode: 0, memberEpoch: 2 })
  })
})
