// SyncGroup: the leader's assignment reaches every member; generation and protocol checks.
import { describe, expect, it } from 'vitest'
import { ErrorCode as E } from '../../../src/shared/kafka/error-codes'
import type { JoinGroupResult } from '../../../src/engine/groups/types'
import { assignment, flush, joinRequest, setup, stableGroup, track, type Setup } from './helpers'

async function joined(s: Setup, n: number, sessionTimeoutMs = 10_000): Promise<JoinGroupResult[]> {
  const joins = Array.from({ length: n }, (_, i) =>
    s.coordinator.joinGroup(joinRequest({ clientId: `c${i}`, sessionTimeoutMs }))
  )
  s.clock.advance(1_000)
  return Promise.all(joins)
}

const sync = (
  s: Setup,
  r: JoinGroupResult,
  assignments: { memberId: string; assignment: Buffer }[] = []
) =>
  s.coordinator.syncGroup({
    groupId: 'g',
    generationId: r.generationId,
    memberId: r.memberId,
    groupInstanceId: null,
    protocolType: 'consumer',
    protocolName: 'range',
    assignments
  })

describe('SyncGroup', () => {
  it('holds followers until the leader sends the assignment, then the group is Stable', async () => {
    const s = setup()
    const [a, b] = await joined(s, 2)
    const leader = a.members.length > 0 ? a : b
    const follower = leader === a ? b : a
    const waiting = track(sync(s, follower))
    await flush()
    expect(waiting.done()).toBe(false)
    const mine = await sync(s, leader, [
      { memberId: leader.memberId, assignment: assignment({ orders: [0, 1] }) },
      { memberId: follower.memberId, assignment: assignment({ orders: [2] }) },
      { memberId: 'not-a-member', assignment: assignment({ payments: [0] }) }
    ])
    await flush()
    expect(mine).toEqual({
      errorCode: 0,
      protocolType: 'consumer',
      protocolName: 'range',
      assignment: assignment({ orders: [0, 1] })
    })
    expect(waiting.value().assignment).toEqual(assignment({ orders: [2] }))
    expect(s.coordinator.group('g')?.state).toBe('Stable')
    // A late SyncGroup in the Stable generation gets the stored assignment.
    expect((await sync(s, follower)).assignment).toEqual(assignment({ orders: [2] }))
  })

  it('gives members the leader left out an empty assignment', async () => {
    const s = setup()
    const [a, b] = await joined(s, 2)
    const leader = a.members.length > 0 ? a : b
    const follower = leader === a ? b : a
    const waiting = sync(s, follower)
    await sync(s, leader, [{ memberId: leader.memberId, assignment: assignment({ orders: [0] }) }])
    expect((await waiting).assignment.length).toBe(0)
  })

  it('checks member, generation and protocol', async () => {
    const s = setup()
    const [r] = await joined(s, 1)
    expect((await sync(s, { ...r, generationId: r.generationId + 1 })).errorCode).toBe(
      E.ILLEGAL_GENERATION
    )
    expect((await sync(s, { ...r, memberId: 'nobody' })).errorCode).toBe(E.UNKNOWN_MEMBER_ID)
    const wrongName = await s.coordinator.syncGroup({
      groupId: 'g',
      generationId: r.generationId,
      memberId: r.memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocolName: 'roundrobin',
      assignments: []
    })
    expect(wrongName.errorCode).toBe(E.INCONSISTENT_GROUP_PROTOCOL)
    const unchecked = await s.coordinator.syncGroup({
      groupId: 'g',
      generationId: r.generationId,
      memberId: r.memberId,
      groupInstanceId: null,
      protocolType: null,
      protocolName: null,
      assignments: []
    })
    expect(unchecked).toMatchObject({ errorCode: 0, protocolName: 'range' })
    expect(
      (
        await s.coordinator.syncGroup({
          ...unchecked,
          groupId: 'other',
          generationId: 1,
          memberId: 'x',
          groupInstanceId: null,
          assignments: []
        })
      ).errorCode
    ).toBe(E.UNKNOWN_MEMBER_ID)
    expect(
      (
        await s.coordinator.syncGroup({
          ...unchecked,
          groupId: '',
          generationId: 1,
          memberId: 'x',
          groupInstanceId: null,
          assignments: []
        })
      ).errorCode
    ).toBe(E.INVALID_GROUP_ID)
  })

  it('answers REBALANCE_IN_PROGRESS while the group prepares a rebalance', async () => {
    const s = setup()
    const g = await stableGroup(s, 2)
    void s.coordinator.joinGroup(joinRequest({ memberId: g.leader }))
    const r = await s.coordinator.syncGroup({
      groupId: 'g',
      generationId: g.generationId,
      memberId: g.members[1],
      groupInstanceId: null,
      protocolType: 'consumer',
      protocolName: 'range',
      assignments: []
    })
    expect(r.errorCode).toBe(E.REBALANCE_IN_PROGRESS)
  })

  it('sends members waiting for their assignment back to JoinGroup when a rebalance starts', async () => {
    const s = setup()
    const [a, b] = await joined(s, 2)
    const follower = a.members.length > 0 ? b : a
    const waiting = sync(s, follower)
    void s.coordinator.joinGroup(joinRequest({ clientId: 'late' }))
    expect(await waiting).toMatchObject({
      errorCode: E.REBALANCE_IN_PROGRESS,
      protocolType: null,
      protocolName: null
    })
  })

  it('removes members that do not sync within the rebalance timeout and rebalances', async () => {
    const s = setup()
    const [a, b] = await joined(s, 2, 60_000)
    const leader = a.members.length > 0 ? a : b
    const follower = leader === a ? b : a
    await sync(s, leader, [])
    expect(s.coordinator.group('g')?.state).toBe('Stable')
    s.clock.advance(29_000)
    // The leader heartbeats; the follower never synced.
    expect(
      s.coordinator.heartbeat({
        groupId: 'g',
        generationId: leader.generationId,
        memberId: leader.memberId,
        groupInstanceId: null
      }).errorCode
    ).toBe(0)
    s.clock.advance(1_000)
    const group = s.coordinator.group('g')
    expect(group?.has(follower.memberId)).toBe(false)
    expect(group?.state).toBe('PreparingRebalance')
  })
})
