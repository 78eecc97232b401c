// JoinGroup: member ids, the initial rebalance delay, protocol selection and Kafka's errors.
import { describe, expect, it } from 'vitest'
import { ErrorCode as E } from '../../../src/shared/kafka/error-codes'
import { flush, joinRequest, setup, stableGroup, subscription, track } from './helpers'

describe('JoinGroup', () => {
  it('asks a v4+ member without an id to rejoin with one (MEMBER_ID_REQUIRED)', async () => {
    const s = setup()
    const first = await s.coordinator.joinGroup(joinRequest({ requireKnownMemberId: true }))
    expect(first.errorCode).toBe(E.MEMBER_ID_REQUIRED)
    expect(first.memberId).toMatch(/^client-[0-9a-f-]{36}$/)
    expect(s.coordinator.group('g')?.state).toBe('Empty')

    const second = track(
      s.coordinator.joinGroup(joinRequest({ memberId: first.memberId, requireKnownMemberId: true }))
    )
    expect(s.coordinator.group('g')?.state).toBe('PreparingRebalance')
    s.clock.advance(299)
    await flush()
    expect(second.done()).toBe(false)
    s.clock.advance(1)
    await flush()
    expect(second.value()).toMatchObject({
      errorCode: E.NONE,
      generationId: 1,
      protocolType: 'consumer',
      protocolName: 'range',
      leader: first.memberId,
      memberId: first.memberId,
      skipAssignment: false
    })
    expect(second.value().members).toEqual([
      { memberId: first.memberId, groupInstanceId: null, metadata: subscription('orders') }
    ])
    expect(s.coordinator.group('g')?.state).toBe('CompletingRebalance')
  })

  it('expires a member id handed out with MEMBER_ID_REQUIRED after the session timeout', async () => {
    const s = setup()
    const first = await s.coordinator.joinGroup(joinRequest({ requireKnownMemberId: true }))
    expect(s.coordinator.group('g')?.isPendingMember(first.memberId)).toBe(true)
    s.clock.advance(10_000)
    expect(s.coordinator.group('g')?.isPendingMember(first.memberId)).toBe(false)
    const late = await s.coordinator.joinGroup(joinRequest({ memberId: first.memberId }))
    expect(late.errorCode).toBe(E.UNKNOWN_MEMBER_ID)
  })

  it('extends the initial rebalance delay while members keep arriving', async () => {
    const s = setup({ initialRebalanceDelayMs: 300 })
    const a = track(s.coordinator.joinGroup(joinRequest({ clientId: 'a' })))
    s.clock.advance(200)
    const b = track(s.coordinator.joinGroup(joinRequest({ clientId: 'b' })))
    s.clock.advance(100) // first delay over; b arrived: wait another 300
    await flush()
    expect(a.done()).toBe(false)
    s.clock.advance(250)
    const c = track(s.coordinator.joinGroup(joinRequest({ clientId: 'c' })))
    s.clock.advance(50) // second delay over; c arrived: wait again
    await flush()
    expect(a.done()).toBe(false)
    s.clock.advance(300)
    await flush()
    for (const t of [a, b, c]) expect(t.value()).toMatchObject({ errorCode: 0, generationId: 1 })
    expect(a.value().members).toHaveLength(3)
    expect(b.value().members).toEqual([])
    expect(a.value().leader).toBe(a.value().memberId)
  })

  it('never delays the initial rebalance beyond the rebalance timeout', async () => {
    const s = setup({ initialRebalanceDelayMs: 300 })
    const a = track(s.coordinator.joinGroup(joinRequest({ rebalanceTimeoutMs: 1_000 })))
    for (let i = 0; i < 10; i++) {
      s.clock.advance(250)
      void s.coordinator.joinGroup(joinRequest({ clientId: `x${i}`, rebalanceTimeoutMs: 1_000 }))
    }
    await flush()
    expect(a.done()).toBe(true)
    expect(a.value().generationId).toBe(1)
  })

  it('selects a protocol all members support, by vote', async () => {
    const s = setup()
    const p = (...names: string[]) => names.map((name) => ({ name, metadata: Buffer.from(name) }))
    const joins = [
      s.coordinator.joinGroup(joinRequest({ protocols: p('sticky', 'range', 'roundrobin') })),
      s.coordinator.joinGroup(joinRequest({ protocols: p('roundrobin', 'range') })),
      s.coordinator.joinGroup(joinRequest({ protocols: p('roundrobin', 'range', 'sticky') }))
    ]
    s.clock.advance(1_000)
    const results = await Promise.all(joins)
    expect(results.map((r) => r.protocolName)).toEqual(['roundrobin', 'roundrobin', 'roundrobin'])
    const leader = results.find((r) => r.members.length > 0)
    expect(leader?.members.map((m) => m.metadata.toString())).toEqual([
      'roundrobin',
      'roundrobin',
      'roundrobin'
    ])
  })

  it('refuses a member whose protocols the group does not share (INCONSISTENT_GROUP_PROTOCOL)', async () => {
    const s = setup()
    await stableGroup(s, 1)
    const other = await s.coordinator.joinGroup(
      joinRequest({ protocols: [{ name: 'cooperative-sticky', metadata: Buffer.alloc(0) }] })
    )
    expect(other.errorCode).toBe(E.INCONSISTENT_GROUP_PROTOCOL)
    const otherType = await s.coordinator.joinGroup(joinRequest({ protocolType: 'connect' }))
    expect(otherType.errorCode).toBe(E.INCONSISTENT_GROUP_PROTOCOL)
    const none = await s.coordinator.joinGroup(joinRequest({ groupId: 'fresh', protocols: [] }))
    expect(none.errorCode).toBe(E.INCONSISTENT_GROUP_PROTOCOL)
  })

  it('checks the session timeout bounds and the group id', async () => {
    const s = setup({ minSessionTimeoutMs: 6_000, maxSessionTimeoutMs: 60_000 })
    for (const sessionTimeoutMs of [5_999, 60_001])
      expect((await s.coordinator.joinGroup(joinRequest({ sessionTimeoutMs }))).errorCode).toBe(
        E.INVALID_SESSION_TIMEOUT
      )
    expect((await s.coordinator.joinGroup(joinRequest({ groupId: '' }))).errorCode).toBe(
      E.INVALID_GROUP_ID
    )
  })

  it('answers UNKNOWN_MEMBER_ID to a member id the group does not know', async () => {
    const s = setup()
    const noGroup = await s.coordinator.joinGroup(joinRequest({ memberId: 'stale' }))
    expect(noGroup).toMatchObject({ errorCode: E.UNKNOWN_MEMBER_ID, memberId: 'stale' })
    expect(s.coordinator.group('g')).toBeUndefined()
    await stableGroup(s, 1)
    const stale = await s.coordinator.joinGroup(joinRequest({ memberId: 'stale' }))
    expect(stale.errorCode).toBe(E.UNKNOWN_MEMBER_ID)
  })

  it('gives a follower rejoining a Stable group unchanged the current generation', async () => {
    const s = setup()
    const g = await stableGroup(s, 2)
    const follower = g.members.find((m) => m !== g.leader) as string
    const r = await s.coordinator.joinGroup(joinRequest({ memberId: follower, clientId: 'c1' }))
    expect(r).toMatchObject({ errorCode: 0, generationId: g.generationId, leader: g.leader })
    expect(r.members).toEqual([])
    expect(s.coordinator.group('g')?.state).toBe('Stable')
  })

  it('rebalances when the leader rejoins a Stable group, or a member changes metadata', async () => {
    const s = setup()
    const g = await stableGroup(s, 2)
    const follower = g.members.find((m) => m !== g.leader) as string
    const leader = track(s.coordinator.joinGroup(joinRequest({ memberId: g.leader })))
    expect(s.coordinator.group('g')?.state).toBe('PreparingRebalance')
    expect(
      s.coordinator.heartbeat({
        groupId: 'g',
        generationId: g.generationId,
        memberId: follower,
        groupInstanceId: null
      }).errorCode
    ).toBe(E.REBALANCE_IN_PROGRESS)
    const changed = track(
      s.coordinator.joinGroup(
        joinRequest({
          memberId: follower,
          protocols: [{ name: 'range', metadata: subscription('orders', 'payments') }]
        })
      )
    )
    await flush()
    // Everyone rejoined: the join phase completes without waiting for the timeout.
    expect(leader.value()).toMatchObject({ errorCode: 0, generationId: g.generationId + 1 })
    expect(changed.value()).toMatchObject({ errorCode: 0, generationId: g.generationId + 1 })
    expect(leader.value().members.map((m) => m.metadata)).toContainEqual(
      subscription('orders', 'payments')
    )
  })

  it('answers a retried JoinGroup during CompletingRebalance with the same generation', async () => {
    const s = setup()
    const join = s.coordinator.joinGroup(joinRequest())
    s.clock.advance(300)
    const first = await join
    const again = await s.coordinator.joinGroup(joinRequest({ memberId: first.memberId }))
    expect(again).toEqual(first)
  })

  it('answers both copies of a JoinGroup a member sent twice', async () => {
    const s = setup()
    const g = await stableGroup(s, 3)
    const [a, b] = g.members.filter((m) => m !== g.leader)
    void s.coordinator.joinGroup(joinRequest({ memberId: g.leader }))
    const first = s.coordinator.joinGroup(joinRequest({ memberId: a }))
    const retry = s.coordinator.joinGroup(joinRequest({ memberId: a }))
    void s.coordinator.joinGroup(joinRequest({ memberId: b }))
    const [r1, r2] = await Promise.all([first, retry])
    expect(r1).toEqual(r2)
    expect(r1).toMatchObject({ errorCode: 0, generationId: g.generationId + 1, memberId: a })
  })

  it('refuses members beyond group.max.size (GROUP_MAX_SIZE_REACHED)', async () => {
    const s = setup({ maxSize: 2 })
    await stableGroup(s, 2)
    const third = await s.coordinator.joinGroup(joinRequest({ clientId: 'c3' }))
    expect(third).toMatchObject({ errorCode: E.GROUP_MAX_SIZE_REACHED, memberId: '' })
    expect(s.coordinator.group('g')?.size).toBe(2)
  })

  it('uses the session timeout as rebalance timeout for JoinGroup v0 (-1)', async () => {
    const s = setup()
    void s.coordinator.joinGroup(joinRequest({ rebalanceTimeoutMs: -1, sessionTimeoutMs: 7_000 }))
    expect(s.coordinator.group('g')?.rebalanceTimeoutMs).toBe(7_000)
  })
})
