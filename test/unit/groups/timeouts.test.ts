// Session and rebalance timeouts: members that stop heartbeating or do not rejoin are removed.
import { describe, expect, it } from 'vitest'
import { ErrorCode as E } from '../../../src/shared/kafka/error-codes'
import { flush, joinRequest, setup, stableGroup, track } from './helpers'

describe('session timeout', () => {
  it('keeps members that heartbeat and removes one that stops, triggering a rebalance', async () => {
    const s = setup()
    const g = await stableGroup(s, 2)
    const [alive, silent] = [g.leader, g.members.find((m) => m !== g.leader) as string]
    const beat = (memberId: string) =>
      s.coordinator.heartbeat({
        groupId: 'g',
        generationId: g.generationId,
        memberId,
        groupInstanceId: null
      }).errorCode
    for (let i = 0; i < 3; i++) {
      s.clock.advance(4_000)
      expect([beat(alive), beat(silent)]).toEqual([E.NONE, E.NONE])
    }
    s.clock.advance(4_000)
    expect(beat(alive)).toBe(0)
    s.clock.advance(5_999)
    expect(s.coordinator.group('g')?.has(silent)).toBe(true)
    s.clock.advance(1) // 10 s since silent's last heartbeat
    const group = s.coordinator.group('g')
    expect(group?.has(silent)).toBe(false)
    expect(group?.state).toBe('PreparingRebalance')
    expect(beat(silent)).toBe(E.UNKNOWN_MEMBER_ID)
    expect(beat(alive)).toBe(E.REBALANCE_IN_PROGRESS)
    const rejoin = await s.coordinator.joinGroup(joinRequest({ memberId: alive }))
    expect(rejoin).toMatchObject({ errorCode: 0, generationId: g.generationId + 1 })
    expect(rejoin.members.map((m) => m.memberId)).toEqual([alive])
    await flush()
    expect(s.changes).toContain('g')
  })

  it('empties the group when the last member expires', async () => {
    const s = setup()
    const g = await stableGroup(s, 1)
    s.clock.advance(10_000)
    const group = s.coordinator.group('g')
    expect(group?.size).toBe(0)
    expect(group?.state).toBe('Empty')
    expect(group?.generationId).toBe(g.generationId + 1)
    expect(group?.protocolName).toBeNull()
  })

  it('does not expire members while they wait in a rebalance', async () => {
    const s = setup()
    const session = { sessionTimeoutMs: 5_000 }
    const g = await stableGroup(s, 3, () => session)
    const [f1, f2] = g.members.filter((m) => m !== g.leader)
    const leader = track(s.coordinator.joinGroup(joinRequest({ memberId: g.leader, ...session })))
    const first = track(s.coordinator.joinGroup(joinRequest({ memberId: f1, ...session })))
    // f2 heartbeats (and is told to rejoin) but never rejoins: the join phase waits 30 s.
    for (let t = 2_000; t < 30_000; t += 2_000) {
      s.clock.advance(2_000)
      expect(
        s.coordinator.heartbeat({
          groupId: 'g',
          generationId: g.generationId,
          memberId: f2,
          groupInstanceId: null
        }).errorCode
      ).toBe(E.REBALANCE_IN_PROGRESS)
    }
    await flush()
    expect(leader.done()).toBe(false)
    expect(s.coordinator.group('g')?.size).toBe(3)
    s.clock.advance(1_999)
    await flush()
    expect(leader.done()).toBe(false)
    s.clock.advance(1)
    await flush()
    expect(leader.value()).toMatchObject({ errorCode: 0, generationId: g.generationId + 1 })
    expect(
      leader
        .value()
        .members.map((m) => m.memberId)
        .sort()
    ).toEqual([g.leader, f1].sort())
    expect(first.value().errorCode).toBe(0)
    expect(s.coordinator.group('g')?.has(f2)).toBe(false)
  })

  it('drops a new member whose JoinGroup waits longer than the new-member join timeout', async () => {
    const s = setup({ newMemberJoinTimeoutMs: 60_000 })
    const g = await stableGroup(s, 1, () => ({
      rebalanceTimeoutMs: 300_000,
      sessionTimeoutMs: 100_000
    }))
    // Keep the leader alive without rejoining: the rebalance waits for it.
    const newcomer = track(
      s.coordinator.joinGroup(joinRequest({ clientId: 'new', rebalanceTimeoutMs: 300_000 }))
    )
    s.clock.advance(60_000)
    await flush()
    expect(newcomer.value()).toMatchObject({ errorCode: E.UNKNOWN_MEMBER_ID, memberId: '' })
    expect(s.coordinator.group('g')?.size).toBe(1)
    expect(g.members).toHaveLength(1)
  })
})

describe('rebalance timeout', () => {
  it('removes dynamic members that do not rejoin in time and completes without them', async () => {
    const s = setup()
    const g = await stableGroup(s, 3, () => ({ sessionTimeoutMs: 60_000 }))
    const [, b, c] = g.members
    const leader = track(
      s.coordinator.joinGroup(joinRequest({ memberId: g.leader, sessionTimeoutMs: 60_000 }))
    )
    const bJoin = track(
      s.coordinator.joinGroup(
        joinRequest({ memberId: b === g.leader ? c : b, sessionTimeoutMs: 60_000 })
      )
    )
    s.clock.advance(29_999)
    await flush()
    expect(leader.done()).toBe(false)
    s.clock.advance(1)
    await flush()
    expect(leader.value().generationId).toBe(g.generationId + 1)
    expect(leader.value().members).toHaveLength(2)
    expect(bJoin.value().errorCode).toBe(0)
    expect(s.coordinator.group('g')?.size).toBe(2)
  })

  it('elects a rejoined member as leader when the leader does not rejoin', async () => {
    const s = setup()
    const g = await stableGroup(s, 2, () => ({ sessionTimeoutMs: 60_000 }))
    const follower = g.members.find((m) => m !== g.leader) as string
    const join = track(
      s.coordinator.joinGroup(
        joinRequest({
          memberId: follower,
          protocols: [{ name: 'range', metadata: Buffer.from('changed') }],
          sessionTimeoutMs: 60_000
        })
      )
    )
    s.clock.advance(30_000)
    await flush()
    expect(join.value()).toMatchObject({ errorCode: 0, leader: follower })
    expect(join.value().members).toHaveLength(1)
  })
})
