// The share group coordinator (KIP-932) on a manual clock: joining with a member id of the
// client's own, epochs, partitions shared among members, leaving, fencing on the session
// timeout, topics created and grown, the group size limit, one group-id namespace with classic
// and consumer groups, and the group kept across a restart.
import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import type { ShareHeartbeatParams } from '../../../src/engine/share-groups/share-heartbeat'
import { heartbeatRequest, joinRequest, memoryDb, setup, type Setup } from '../groups/helpers'

const A = '5f0c5c62-52c5-4bb6-9a3f-2f1d8a0c0001'
const B = '5f0c5c62-52c5-4bb6-9a3f-2f1d8a0c0002'

function request(overrides: Partial<ShareHeartbeatParams> = {}): ShareHeartbeatParams {
  return {
    groupId: 'sg',
    memberId: A,
    memberEpoch: 0,
    rackId: null,
    subscribedTopicNames: ['orders'],
    clientId: 'share-client',
    clientHost: '/127.0.0.1',
    ...overrides
  }
}

/** Heartbeats as a share consumer does: the epoch and assignment it last heard. */
function member(s: Setup, memberId: string, topics: string[] = ['orders']) {
  let epoch = 0
  let assigned: string[] = []
  const beat = (overrides: Partial<ShareHeartbeatParams> = {}) => {
    const r = s.coordinator.shareGroupHeartbeat(
      request({
        memberId,
        memberEpoch: epoch,
        subscribedTopicNames: epoch === 0 ? topics : null,
        ...overrides
      })
    )
    if (r.errorCode === ErrorCode.NONE) {
      epoch = r.memberEpoch
      if (r.assignment)
        assigned = r.assignment.flatMap((t) => t.partitions.map((p) => `${t.topic}-${p}`)).sort()
    }
    return r
  }
  return {
    beat,
    get epoch() {
      return epoch
    },
    partitions: () => assigned
  }
}

describe('ShareGroupHeartbeat', () => {
  it('gives a first member every partition at epoch 1, under the id it chose', () => {
    const s = setup()
    const a = member(s, A)
    const r = a.beat()
    expect(r).toMatchObject({ errorCode: 0, memberId: A, memberEpoch: 1 })
    expect(r.heartbeatIntervalMs).toBe(5000)
    expect(a.partitions()).toEqual(['orders-0', 'orders-1', 'orders-2'])
    expect(s.coordinator.shareGroupDescribe(['sg'])[0]).toMatchObject({
      errorCode: 0,
      groupState: 'Stable',
      groupEpoch: 1,
      assignmentEpoch: 1,
      assignorName: 'simple',
      members: [{ memberId: A, memberEpoch: 1, clientId: 'share-client' }]
    })
  })

  it('splits the partitions when a second member joins, the first hearing it at once', () => {
    const s = setup()
    const a = member(s, A)
    const b = member(s, B)
    a.beat()
    expect(b.beat().memberEpoch).toBe(2)
    // No revocation step: the first member takes its new assignment on its next heartbeat.
    const r = a.beat()
    expect(r.memberEpoch).toBe(2)
    expect(r.assignment).not.toBeNull()
    expect([...a.partitions(), ...b.partitions()].sort()).toEqual([
      'orders-0',
      'orders-1',
      'orders-2'
    ])
    expect(a.partitions().filter((p) => b.partitions().includes(p))).toEqual([])
    // Nothing changed since: no assignment in the answer.
    expect(a.beat().assignment).toBeNull()
  })

  it('shares a partition between members when they outnumber the partitions', () => {
    const s = setup()
    const ids = [A, B, '5f0c5c62-52c5-4bb6-9a3f-2f1d8a0c0003']
    const ms = ids.map((id) => member(s, id, ['payments']))
    for (const m of ms) m.beat()
    for (const m of ms) m.beat()
    for (const m of ms) expect(m.partitions().length).toBeGreaterThanOrEqual(1)
    const holders = (p: string) => ms.filter((m) => m.partitions().includes(p)).length
    expect(holders('payments-0')).toBe(2)
    expect(holders('payments-1')).toBe(2)
  })

  it('gives a leaving member’s partitions to the others, with the next epoch', () => {
    const s = setup()
    const a = member(s, A)
    const b = member(s, B)
    a.beat()
    b.beat()
    a.beat()
    const left = b.beat({ memberEpoch: -1 })
    expect(left).toMatchObject({ errorCode: 0, memberId: B, memberEpoch: -1 })
    const r = a.beat()
    expect(r.memberEpoch).toBe(3)
    expect(a.partitions()).toEqual(['orders-0', 'orders-1', 'orders-2'])
    expect(b.beat({ memberEpoch: 2 }).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID)
  })

  it('fences a member whose session times out', () => {
    const s = setup({ shareSessionTimeoutMs: 45_000 })
    const a = member(s, A)
    const b = member(s, B)
    a.beat()
    b.beat()
    s.clock.advance(30_000)
    a.beat()
    s.clock.advance(30_000)
    // b has been silent for 60 s: gone; a heartbeated 30 s ago: still in.
    expect(s.coordinator.shareGroupDescribe(['sg'])[0].members.map((m) => m.memberId)).toEqual([A])
    expect(b.beat().errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID)
    a.beat()
    expect(a.partitions()).toEqual(['orders-0', 'orders-1', 'orders-2'])
  })

  it('fences epochs it does not know, accepts the previous one, and takes a rejoin', () => {
    const s = setup()
    const a = member(s, A)
    const b = member(s, B)
    a.beat()
    b.beat()
    a.beat() // a: epoch 2, previous 1
    expect(a.beat({ memberEpoch: 5 })).toMatchObject({
      errorCode: ErrorCode.FENCED_MEMBER_EPOCH,
      errorMessage: expect.stringContaining('greater member epoch (5)')
    })
    expect(a.beat({ memberEpoch: 1 })).toMatchObject({ errorCode: 0, memberEpoch: 2 })
    // Fenced, it rejoins with epoch 0 under the same id and hears its assignment again.
    expect(a.beat({ memberEpoch: 4 }).errorCode).toBe(ErrorCode.FENCED_MEMBER_EPOCH)
    const rejoined = a.beat({ memberEpoch: 0, subscribedTopicNames: ['orders'] })
    expect(rejoined).toMatchObject({ errorCode: 0, memberId: A, memberEpoch: 2 })
    expect(rejoined.assignment).not.toBeNull()
    expect(s.coordinator.shareGroupDescribe(['sg'])[0].members).toHaveLength(2)
  })

  it('reflects topics created, grown and deleted in the assignment', () => {
    const s = setup()
    const a = member(s, A, ['orders', 'later'])
    a.beat()
    expect(a.partitions()).toEqual(['orders-0', 'orders-1', 'orders-2'])
    s.partitions.add('later', 1)
    expect(a.beat().memberEpoch).toBe(2)
    expect(a.partitions()).toEqual(['later-0', 'orders-0', 'orders-1', 'orders-2'])
    s.partitions.add('orders', 4)
    a.beat()
    expect(a.partitions()).toContain('orders-3')
    s.partitions.topics.delete('later')
    a.beat()
    expect(a.partitions()).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3'])
  })

  it('refuses bad requests as Kafka does', () => {
    const s = setup()
    const bad = (o: Partial<ShareHeartbeatParams>) => s.coordinator.shareGroupHeartbeat(request(o))
    expect(bad({ groupId: '' })).toMatchObject({
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: "GroupId can't be empty."
    })
    expect(bad({ memberId: '' }).errorMessage).toBe("MemberId can't be empty.")
    expect(bad({ subscribedTopicNames: null }).errorMessage).toBe(
      'SubscribedTopicNames must be set in first request.'
    )
    expect(bad({ subscribedTopicNames: [] }).errorCode).toBe(ErrorCode.INVALID_REQUEST)
    expect(bad({ memberEpoch: -2 }).errorMessage).toBe('MemberEpoch is invalid.')
    expect(bad({ rackId: '' }).errorMessage).toBe("RackId can't be empty.")
    expect(bad({ memberEpoch: 3 })).toMatchObject({
      errorCode: ErrorCode.GROUP_ID_NOT_FOUND,
      errorMessage: 'Share group sg not found.'
    })
    expect(bad({ memberEpoch: -1 }).errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND)
  })

  it('holds group.share.max.size members', () => {
    const s = setup({ shareMaxSize: 1 })
    member(s, A).beat()
    expect(member(s, B).beat()).toMatchObject({
      errorCode: ErrorCode.GROUP_MAX_SIZE_REACHED,
      errorMessage: 'The share group has reached its maximum capacity of 1 members.'
    })
  })

  it('shares one group-id namespace with classic and consumer groups', async () => {
    const s = setup()
    member(s, A).beat()
    // A classic member and a consumer-protocol member are turned away from the share group.
    const join = await s.coordinator.joinGroup(joinRequest({ groupId: 'sg' }))
    expect(join.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL)
    const consumer = s.coordinator.consumerGroupHeartbeat(
      heartbeatRequest({ groupId: 'sg', memberId: B }),
      1
    )
    expect(consumer).toMatchObject({
      errorCode: ErrorCode.GROUP_ID_NOT_FOUND,
      errorMessage: 'Group sg is not a consumer group.'
    })
    expect(
      s.coordinator.offsetCommit({
        groupId: 'sg',
        generationId: -1,
        memberId: '',
        groupInstanceId: null,
        topics: [
          {
            name: 'orders',
            partitions: [
              { partitionIndex: 0, committedOffset: 1n, committedLeaderEpoch: -1, metadata: null }
            ]
          }
        ]
      } as never).topics[0].partitions[0].errorCode
    ).toBe(ErrorCode.GROUP_ID_NOT_FOUND)
    // And a share member is turned away from a consumer group.
    s.coordinator.consumerGroupHeartbeat(heartbeatRequest({ groupId: 'cg', memberId: B }), 1)
    expect(s.coordinator.shareGroupHeartbeat(request({ groupId: 'cg' }))).toMatchObject({
      errorCode: ErrorCode.GROUP_ID_NOT_FOUND,
      errorMessage: 'Group cg is not a share group.'
    })
    expect(s.coordinator.shareGroupDescribe(['cg'])[0]).toMatchObject({
      errorCode: ErrorCode.GROUP_ID_NOT_FOUND,
      errorMessage: 'Group cg is not a share group.'
    })
    expect(
      s.coordinator
        .listGroups([], ['share'])
        .groups.map((g) => [g.groupId, g.groupType, g.groupState])
    ).toEqual([['sg', 'share', 'Stable']])
    expect(s.coordinator.describeGroups(['sg'])[0]).toMatchObject({
      groupState: 'Dead',
      members: []
    })
  })

  it('deletes only an empty share group', () => {
    const s = setup()
    const a = member(s, A)
    a.beat()
    expect(s.coordinator.deleteGroups(['sg'])[0].errorCode).toBe(ErrorCode.NON_EMPTY_GROUP)
    a.beat({ memberEpoch: -1 })
    expect(s.coordinator.listGroups([], ['share']).groups[0].groupState).toBe('Empty')
    expect(s.coordinator.deleteGroups(['sg'])[0].errorCode).toBe(ErrorCode.NONE)
    expect(s.coordinator.shareGroupDescribe(['sg'])[0].errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND)
  })

  it('keeps the group and its epoch across a restart; members rejoin', () => {
    const db = memoryDb()
    const s = setup({}, db)
    const a = member(s, A)
    a.beat()
    member(s, B).beat()
    s.coordinator.close()
    const again = setup({}, db)
    expect(again.coordinator.listGroups([], ['share']).groups).toEqual([
      { groupId: 'sg', protocolType: 'share', groupState: 'Empty', groupType: 'share' }
    ])
    expect(again.coordinator.shareGroupHeartbeat(request({ memberId: A })).memberEpoch).toBe(3)
  })
})
