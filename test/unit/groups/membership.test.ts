// Heartbeat, LeaveGroup, DescribeGroups, ListGroups and DeleteGroups.
import { describe, expect, it } from 'vitest'
import { ErrorCode as E } from '../../../src/shared/kafka/error-codes'
import { assignment, flush, joinRequest, setup, stableGroup, subscription } from './helpers'

describe('Heartbeat', () => {
  it('checks group, member and generation', async () => {
    const s = setup()
    const g = await stableGroup(s, 1)
    const hb = {
      groupId: 'g',
      generationId: g.generationId,
      memberId: g.leader,
      groupInstanceId: null
    }
    expect(s.coordinator.heartbeat(hb).errorCode).toBe(0)
    expect(s.coordinator.heartbeat({ ...hb, generationId: 0 }).errorCode).toBe(E.ILLEGAL_GENERATION)
    expect(s.coordinator.heartbeat({ ...hb, memberId: 'x' }).errorCode).toBe(E.UNKNOWN_MEMBER_ID)
    expect(s.coordinator.heartbeat({ ...hb, groupId: 'none' }).errorCode).toBe(E.UNKNOWN_MEMBER_ID)
    expect(s.coordinator.heartbeat({ ...hb, groupId: '' }).errorCode).toBe(E.INVALID_GROUP_ID)
  })

  it('renews the session of a member waiting for the leader (CompletingRebalance)', async () => {
    const s = setup()
    const joins = [0, 1].map((i) => s.coordinator.joinGroup(joinRequest({ clientId: `c${i}` })))
    s.clock.advance(1_000)
    const [a] = await Promise.all(joins)
    const hb = {
      groupId: 'g',
      generationId: a.generationId,
      memberId: a.memberId,
      groupInstanceId: null
    }
    expect(s.coordinator.heartbeat(hb).errorCode).toBe(0)
  })
})

describe('LeaveGroup', () => {
  it('removes members in a batch, each with its own error, and rebalances the rest', async () => {
    const s = setup()
    const g = await stableGroup(s, 3)
    const [a, b, c] = g.members
    const r = s.coordinator.leaveGroup({
      groupId: 'g',
      members: [
        { memberId: a, groupInstanceId: null, reason: 'shutdown' },
        { memberId: 'ghost', groupInstanceId: null },
        { memberId: b, groupInstanceId: null }
      ]
    })
    expect(r.errorCode).toBe(0)
    expect(r.members.map((m) => m.errorCode)).toEqual([0, E.UNKNOWN_MEMBER_ID, 0])
    const group = s.coordinator.group('g')
    expect([...(group?.members.keys() ?? [])]).toEqual([c])
    expect(group?.leaderId).toBe(c)
    expect(group?.state).toBe('PreparingRebalance')
    const unknownGroup = s.coordinator.leaveGroup({
      groupId: 'nope',
      members: [{ memberId: a, groupInstanceId: null }]
    })
    expect(unknownGroup).toEqual({
      errorCode: 0,
      members: [{ memberId: a, groupInstanceId: null, errorCode: E.UNKNOWN_MEMBER_ID }]
    })
  })

  it('completes a pending rebalance when the last missing member leaves', async () => {
    const s = setup()
    const g = await stableGroup(s, 2)
    const other = g.members.find((m) => m !== g.leader) as string
    const join = s.coordinator.joinGroup(joinRequest({ memberId: g.leader }))
    s.coordinator.leaveGroup({
      groupId: 'g',
      members: [{ memberId: other, groupInstanceId: null }]
    })
    expect(await join).toMatchObject({ errorCode: 0, generationId: g.generationId + 1 })
  })

  it('lets a pending member (MEMBER_ID_REQUIRED) leave', async () => {
    const s = setup()
    const r = await s.coordinator.joinGroup(joinRequest({ requireKnownMemberId: true }))
    const left = s.coordinator.leaveGroup({
      groupId: 'g',
      members: [{ memberId: r.memberId, groupInstanceId: null }]
    })
    expect(left.members[0].errorCode).toBe(0)
    expect(s.coordinator.group('g')?.isPendingMember(r.memberId)).toBe(false)
  })
})

describe('DescribeGroups, ListGroups, DeleteGroups', () => {
  it('describes members with metadata and assignment once Stable', async () => {
    const s = setup()
    const g = await stableGroup(s, 2)
    const [d] = s.coordinator.describeGroups(['g'])
    expect(d).toMatchObject({
      errorCode: 0,
      groupId: 'g',
      groupState: 'Stable',
      protocolType: 'consumer',
      protocolData: 'range'
    })
    expect(d.members.map((m) => m.memberId)).toEqual(g.members)
    expect(d.members[1]).toMatchObject({
      clientId: 'c1',
      clientHost: '/127.0.0.1',
      memberMetadata: subscription('orders'),
      memberAssignment: assignment({ orders: [1] })
    })
    void s.coordinator.joinGroup(joinRequest({ memberId: g.leader }))
    const [preparing] = s.coordinator.describeGroups(['g'])
    expect(preparing).toMatchObject({ groupState: 'PreparingRebalance', protocolData: '' })
    expect(preparing.members[0].memberAssignment.length).toBe(0)
    expect(s.coordinator.describeGroups(['unknown'])[0]).toEqual({
      errorCode: 0,
      groupId: 'unknown',
      groupState: 'Dead',
      protocolType: '',
      protocolData: '',
      members: []
    })
  })

  it('lists groups, filtered by state case-insensitively and by type', async () => {
    const s = setup()
    await stableGroup(s, 1)
    void s.coordinator.joinGroup(joinRequest({ groupId: 'other' }))
    const all = s.coordinator.listGroups()
    expect(all.groups).toEqual([
      { groupId: 'g', protocolType: 'consumer', groupState: 'Stable', groupType: 'classic' },
      {
        groupId: 'other',
        protocolType: 'consumer',
        groupState: 'PreparingRebalance',
        groupType: 'classic'
      }
    ])
    expect(s.coordinator.listGroups(['stable']).groups.map((g) => g.groupId)).toEqual(['g'])
    expect(s.coordinator.listGroups(['Empty']).groups).toEqual([])
    expect(s.coordinator.listGroups([], ['consumer']).groups).toEqual([])
    expect(s.coordinator.listGroups([], ['Classic']).groups).toHaveLength(2)
  })

  it('deletes only empty groups, with their offsets', async () => {
    const s = setup()
    await stableGroup(s, 1)
    s.coordinator.offsetCommit({
      groupId: 'simple',
      generationId: -1,
      memberId: '',
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
    })
    expect(s.coordinator.deleteGroups(['g', 'simple', 'missing'])).toEqual([
      { groupId: 'g', errorCode: E.NON_EMPTY_GROUP },
      { groupId: 'simple', errorCode: 0 },
      { groupId: 'missing', errorCode: E.GROUP_ID_NOT_FOUND }
    ])
    expect(s.coordinator.group('simple')).toBeUndefined()
    expect(s.coordinator.store.offsets('simple')).toEqual([])
    await flush()
    expect(s.changes).toContain('simple')
  })

  it('forgets Empty groups without committed offsets at the cleanup interval', async () => {
    const s = setup({ offsetsRetentionCheckIntervalMs: 60_000 })
    const g = await stableGroup(s, 1)
    s.coordinator.leaveGroup({
      groupId: 'g',
      members: [{ memberId: g.leader, groupInstanceId: null }]
    })
    expect(s.coordinator.group('g')?.state).toBe('Empty')
    s.clock.advance(60_000)
    expect(s.coordinator.group('g')).toBeUndefined()
  })

  it('answers COORDINATOR_NOT_AVAILABLE after close and NOT_COORDINATOR to pending joins', async () => {
    const s = setup()
    const pending = s.coordinator.joinGroup(joinRequest())
    s.coordinator.close()
    expect((await pending).errorCode).toBe(E.NOT_COORDINATOR)
    expect((await s.coordinator.joinGroup(joinRequest())).errorCode).toBe(
      E.COORDINATOR_NOT_AVAILABLE
    )
    expect(s.coordinator.listGroups().errorCode).toBe(E.COORDINATOR_NOT_AVAILABLE)
    expect(s.clock.pending).toBe(0)
  })
})
