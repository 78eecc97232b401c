// Static membership (group.instance.id): rejoins without a rebalance, fencing of old member ids.
import { describe, expect, it } from 'vitest'
import { ErrorCode as E } from '../../../src/shared/kafka/error-codes'
import { assignment, flush, joinRequest, setup, stableGroup, subscription, track } from './helpers'

const staticIds = (i: number) => ({ groupInstanceId: `instance-${i}` })

describe('static membership', () => {
  it('gives a restarted instance its place back without a rebalance and fences the old id', async () => {
    const s = setup()
    const g = await stableGroup(s, 2, staticIds)
    const follower = g.members[1] === g.leader ? g.members[0] : g.members[1]
    const instance = g.members[0] === follower ? 'instance-0' : 'instance-1'
    const rejoin = await s.coordinator.joinGroup(
      joinRequest({ groupInstanceId: instance, clientId: 'restarted' })
    )
    expect(rejoin).toMatchObject({
      errorCode: 0,
      generationId: g.generationId,
      protocolName: 'range',
      leader: g.leader,
      skipAssignment: false,
      members: []
    })
    expect(rejoin.memberId).toMatch(new RegExp(`^${instance}-`))
    expect(rejoin.memberId).not.toBe(follower)
    const group = s.coordinator.group('g')
    expect(group?.state).toBe('Stable')
    const sync = await s.coordinator.syncGroup({
      groupId: 'g',
      generationId: g.generationId,
      memberId: rejoin.memberId,
      groupInstanceId: instance,
      protocolType: 'consumer',
      protocolName: 'range',
      assignments: []
    })
    // The new member id inherits the old one's assignment.
    expect(sync.assignment).toEqual(assignment({ orders: [g.members.indexOf(follower)] }))

    const old = {
      groupId: 'g',
      generationId: g.generationId,
      memberId: follower,
      groupInstanceId: instance
    }
    expect(s.coordinator.heartbeat(old).errorCode).toBe(E.FENCED_INSTANCE_ID)
    expect(
      (
        await s.coordinator.syncGroup({
          ...old,
          protocolType: null,
          protocolName: null,
          assignments: []
        })
      ).errorCode
    ).toBe(E.FENCED_INSTANCE_ID)
    expect(
      (
        await s.coordinator.joinGroup(
          joinRequest({ memberId: follower, groupInstanceId: instance })
        )
      ).errorCode
    ).toBe(E.FENCED_INSTANCE_ID)
    expect(
      s.coordinator.leaveGroup({
        groupId: 'g',
        members: [{ memberId: follower, groupInstanceId: instance }]
      }).members[0].errorCode
    ).toBe(E.FENCED_INSTANCE_ID)
    expect(
      s.coordinator.offsetCommit({
        groupId: 'g',
        generationId: g.generationId,
        memberId: follower,
        groupInstanceId: instance,
        topics: [
          {
            name: 'orders',
            partitions: [
              {
                partitionIndex: 0,
                committedOffset: 1,
                committedLeaderEpoch: -1,
                committedMetadata: null
              }
            ]
          }
        ]
      }).topics[0].partitions[0].errorCode
    ).toBe(E.FENCED_INSTANCE_ID)
    expect(s.coordinator.heartbeat({ ...old, groupInstanceId: 'unknown-instance' }).errorCode).toBe(
      E.UNKNOWN_MEMBER_ID
    )
  })

  it('fences a JoinGroup the old member id still has pending', async () => {
    const s = setup()
    const g = await stableGroup(s, 2, staticIds)
    const leaderInstance = g.members[0] === g.leader ? 'instance-0' : 'instance-1'
    const old = track(
      s.coordinator.joinGroup(joinRequest({ memberId: g.leader, groupInstanceId: leaderInstance }))
    )
    const replacement = track(
      s.coordinator.joinGroup(joinRequest({ groupInstanceId: leaderInstance }))
    )
    await flush()
    expect(old.value()).toMatchObject({ errorCode: E.FENCED_INSTANCE_ID, memberId: g.leader })
    // The group was rebalancing: the replacement waits for the join phase like everyone else.
    expect(replacement.done()).toBe(false)
  })

  it('tells a static leader rejoining with JoinGroup v9 to skip the assignment', async () => {
    const s = setup()
    const g = await stableGroup(s, 2, staticIds)
    const leaderInstance = g.members[0] === g.leader ? 'instance-0' : 'instance-1'
    const v9 = await s.coordinator.joinGroup(
      joinRequest({ groupInstanceId: leaderInstance, supportSkippingAssignment: true })
    )
    expect(v9).toMatchObject({ errorCode: 0, generationId: g.generationId, skipAssignment: true })
    expect(v9.leader).toBe(v9.memberId)
    expect(v9.members).toHaveLength(2)
    // Before v9 the old leader id comes back, so the new member does not think it leads.
    const old = await s.coordinator.joinGroup(joinRequest({ groupInstanceId: leaderInstance }))
    expect(old).toMatchObject({
      errorCode: 0,
      skipAssignment: false,
      leader: v9.memberId,
      members: []
    })
    expect(s.coordinator.group('g')?.leaderId).toBe(old.memberId)
  })

  it('rebalances when the rejoin changes the protocol the group would select', async () => {
    const s = setup()
    const both = [
      { name: 'range', metadata: subscription('orders') },
      { name: 'roundrobin', metadata: subscription('orders') }
    ]
    const g = await stableGroup(s, 1, () => ({ groupInstanceId: 'solo', protocols: both }))
    // Same selected protocol, new subscription: no rebalance (as in Kafka).
    const same = await s.coordinator.joinGroup(
      joinRequest({
        groupInstanceId: 'solo',
        protocols: [both[0], { name: 'roundrobin', metadata: subscription('payments') }]
      })
    )
    expect(same).toMatchObject({ errorCode: 0, generationId: g.generationId })
    expect(s.coordinator.group('g')?.state).toBe('Stable')
    const other = track(
      s.coordinator.joinGroup(
        joinRequest({ groupInstanceId: 'solo', protocols: [both[1], both[0]] })
      )
    )
    await flush()
    expect(other.value()).toMatchObject({
      errorCode: 0,
      generationId: g.generationId + 1,
      protocolName: 'roundrobin'
    })
  })

  it('rebalances when a static member rejoins while the group completes a rebalance', async () => {
    const s = setup()
    const joins = [0, 1].map((i) => s.coordinator.joinGroup(joinRequest(staticIds(i))))
    s.clock.advance(1_000)
    const [a] = await Promise.all(joins)
    expect(s.coordinator.group('g')?.state).toBe('CompletingRebalance')
    void s.coordinator.joinGroup(joinRequest(staticIds(0)))
    expect(s.coordinator.group('g')?.state).toBe('PreparingRebalance')
    expect(s.coordinator.group('g')?.has(a.memberId)).toBe(false)
  })

  it('keeps static members that miss a rebalance until they miss the sync as well', async () => {
    const s = setup()
    const g = await stableGroup(s, 2, (i) => ({ ...staticIds(i), sessionTimeoutMs: 120_000 }))
    const other = g.members.find((m) => m !== g.leader) as string
    const join = track(
      s.coordinator.joinGroup(
        joinRequest({
          memberId: g.leader,
          groupInstanceId: g.members[0] === g.leader ? 'instance-0' : 'instance-1',
          sessionTimeoutMs: 120_000
        })
      )
    )
    s.clock.advance(30_000)
    await flush()
    // The rebalance timeout passed: the static member that did not rejoin stays in the group.
    expect(join.value()).toMatchObject({ errorCode: 0, generationId: g.generationId + 1 })
    expect(join.value().members.map((m) => m.memberId)).toContain(other)
    await s.coordinator.syncGroup({
      groupId: 'g',
      generationId: join.value().generationId,
      memberId: g.leader,
      groupInstanceId: g.members[0] === g.leader ? 'instance-0' : 'instance-1',
      protocolType: 'consumer',
      protocolName: 'range',
      assignments: []
    })
    // It does not sync in time either: now it is removed and the group rebalances.
    s.clock.advance(30_000)
    expect(s.coordinator.group('g')?.has(other)).toBe(false)
    expect(s.coordinator.group('g')?.state).toBe('PreparingRebalance')
  })

  it('lets an admin remove a static member by group instance id (LeaveGroup v3+)', async () => {
    const s = setup()
    const g = await stableGroup(s, 2, staticIds)
    const r = s.coordinator.leaveGroup({
      groupId: 'g',
      members: [
        { memberId: '', groupInstanceId: 'instance-1' },
        { memberId: '', groupInstanceId: 'instance-9' }
      ]
    })
    expect(r).toEqual({
      errorCode: 0,
      members: [
        { memberId: '', groupInstanceId: 'instance-1', errorCode: 0 },
        { memberId: '', groupInstanceId: 'instance-9', errorCode: E.UNKNOWN_MEMBER_ID }
      ]
    })
    const group = s.coordinator.group('g')
    expect(group?.has(g.members[1])).toBe(false)
    expect(group?.staticMembers.has('instance-1')).toBe(false)
    expect(group?.state).toBe('PreparingRebalance')
  })
})
