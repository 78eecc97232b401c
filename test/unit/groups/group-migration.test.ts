// KIP-848's online migration between the classic and the consumer protocol, as Kafka 4's group
// coordinator makes it: a classic group with members upgraded when a consumer-protocol member
// joins, its classic members served inside the consumer group with assignments from the
// server-side assignor, and the downgrade when the last consumer-protocol member leaves; each
// as group.consumer.migration.policy allows.
import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import type { ConsumerHeartbeatParams } from '../../../src/engine/groups/consumer-heartbeat'
import { assignedPartitions } from '../../../src/engine/groups/consumer-protocol'
import { groupSettingsFrom, type MigrationPolicy } from '../../../src/engine/groups/settings'
import { heartbeatRequest, joinRequest, setup, stableGroup, type Setup } from './helpers'

function consumerJoin(s: Setup, memberId: string, extra: Partial<ConsumerHeartbeatParams> = {}) {
  return s.coordinator.consumerGroupHeartbeat(
    heartbeatRequest({ groupId: 'g', memberId, clientId: 'new-consumer', ...extra }),
    1
  )
}

/** A classic member's rejoin and SyncGroup inside the consumer group: its partitions of orders. */
async function rejoin(
  s: Setup,
  memberId: string
): Promise<{ generation: number; orders: number[] }> {
  const join = await s.coordinator.joinGroup(joinRequest({ memberId }))
  expect(join.errorCode).toBe(ErrorCode.NONE)
  expect(join.leader).toBe('')
  const sync = await s.coordinator.syncGroup({
    groupId: 'g',
    generationId: join.generationId,
    memberId,
    groupInstanceId: null,
    protocolType: 'consumer',
    protocolName: 'range',
    assignments: []
  })
  expect(sync.errorCode).toBe(ErrorCode.NONE)
  const orders = assignedPartitions(sync.assignment).find((t) => t.topic === 'orders')
  return { generation: join.generationId, orders: orders?.partitions ?? [] }
}

const heartbeat = (s: Setup, memberId: string, generationId: number) =>
  s.coordinator.heartbeat({ groupId: 'g', memberId, generationId, groupInstanceId: null }).errorCode

async function upgraded(policy: MigrationPolicy = 'bidirectional') {
  const s = setup({ consumerMigrationPolicy: policy })
  const classic = await stableGroup(s, 2)
  const r = consumerJoin(s, 'kip848-member')
  return { s, classic, r }
}

describe('group.consumer.migration.policy', () => {
  it('upgrades a classic group with members when a consumer-protocol member joins it', async () => {
    const { s, classic, r } = await upgraded()
    expect(r.errorCode).toBe(ErrorCode.NONE)
    const group = s.coordinator.consumerGroup('g')
    expect(group?.groupEpoch).toBe(classic.generationId + 1)
    expect(s.coordinator.group('g')).toBeUndefined()
    expect(s.coordinator.listGroups().groups).toEqual([
      { groupId: 'g', protocolType: 'consumer', groupState: 'Reconciling', groupType: 'consumer' }
    ])
    // The classic members keep their last assignment (orders-0, orders-1) until they rejoin;
    // the new member gets what nobody owns.
    expect(r.assignment).toEqual([{ topic: 'orders', partitions: [2] }])
    for (const m of classic.members)
      expect(heartbeat(s, m, classic.generationId)).toBe(ErrorCode.REBALANCE_IN_PROGRESS)
    const owned = []
    for (const m of classic.members) {
      const { generation, orders } = await rejoin(s, m)
      expect(generation).toBe(classic.generationId + 1)
      expect(heartbeat(s, m, generation)).toBe(ErrorCode.NONE)
      owned.push(...orders)
    }
    expect([...owned, 2].sort()).toEqual([0, 1, 2])
    expect(s.coordinator.consumerGroup('g')?.state).toBe('Stable')
    const [described] = s.coordinator.consumerGroupDescribe(['g'])
    expect(described.members.map((m) => m.memberType).sort()).toEqual([
      'classic',
      'classic',
      'consumer'
    ])
  })

  it('downgrades the group when its last consumer-protocol member leaves, and rebalances it', async () => {
    const { s, classic } = await upgraded()
    const epochs = []
    for (const m of classic.members) epochs.push((await rejoin(s, m)).generation)
    const left = consumerJoin(s, 'kip848-member', { memberEpoch: -1 })
    expect(left.errorCode).toBe(ErrorCode.NONE)
    expect(s.coordinator.consumerGroup('g')).toBeUndefined()
    const group = s.coordinator.group('g')
    expect(group?.state).toBe('PreparingRebalance')
    expect([...(group?.members.keys() ?? [])].sort()).toEqual([...classic.members].sort())
    const generation = group?.generationId ?? -1
    // At the group epoch, which the leaving member does not bump.
    expect(generation).toBe(Math.max(...epochs))
    expect(heartbeat(s, classic.members[0], generation)).toBe(ErrorCode.REBALANCE_IN_PROGRESS)
    // Both rejoin as in any classic rebalance and the group is Stable again.
    const stable = await stableGroup(s, 2, (i) => ({ memberId: classic.members[i] }))
    expect(stable.generationId).toBe(generation + 1)
    expect(s.coordinator.group('g')?.state).toBe('Stable')
  })

  it('refuses a consumer-protocol member to a classic group with members under disabled, as Kafka refuses it', async () => {
    const { s, classic, r } = await upgraded('disabled')
    expect(r.errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND)
    expect(r.errorMessage).toBe('Group g is not a consumer group.')
    expect(s.coordinator.group('g')?.state).toBe('Stable')
    expect(heartbeat(s, classic.members[0], classic.generationId)).toBe(ErrorCode.NONE)
  })

  it('keeps a consumer group of classic members under upgrade when the last consumer-protocol member leaves', async () => {
    const { s, classic } = await upgraded('upgrade')
    consumerJoin(s, 'kip848-member', { memberEpoch: -1 })
    const group = s.coordinator.consumerGroup('g')
    expect([...(group?.members.keys() ?? [])].sort()).toEqual([...classic.members].sort())
    const { orders } = await rejoin(s, classic.members[0])
    expect(orders.length).toBeGreaterThan(0)
  })

  it('takes a classic member into a consumer group with members, and lets it leave', async () => {
    const s = setup()
    expect(consumerJoin(s, 'kip848-member').errorCode).toBe(ErrorCode.NONE)
    const first = await s.coordinator.joinGroup(joinRequest({ requireKnownMemberId: true }))
    expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED)
    const other = await s.coordinator.joinGroup(joinRequest({ protocolType: 'connect' }))
    expect(other.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL)
    const joined = await s.coordinator.joinGroup(joinRequest({ memberId: first.memberId }))
    expect(joined.errorCode).toBe(ErrorCode.NONE)
    // The consumer member gives up partitions for the classic one at its next heartbeats.
    const group = s.coordinator.consumerGroup('g')
    expect(group?.target.get(first.memberId)?.get('orders')?.size).toBeGreaterThan(0)
    const left = s.coordinator.leaveGroup({
      groupId: 'g',
      members: [{ memberId: first.memberId, groupInstanceId: null }]
    })
    expect(left.members).toEqual([
      { memberId: first.memberId, groupInstanceId: null, errorCode: ErrorCode.NONE }
    ])
    expect([...(s.coordinator.consumerGroup('g')?.members.keys() ?? [])]).toEqual(['kip848-member'])
  })
})

describe('classic members of a consumer group', () => {
  it('removes a member asked to rejoin that does not within its rebalance timeout, as Kafka’s join timeout', async () => {
    const { s, classic } = await upgraded()
    const [stays, lags] = classic.members
    await rejoin(s, stays)
    expect(heartbeat(s, lags, classic.generationId)).toBe(ErrorCode.REBALANCE_IN_PROGRESS)
    // It heartbeats on (its session stays alive) but never rejoins: 30 s of rebalance timeout.
    for (let i = 0; i < 5; i++) {
      s.clock.advance(5_000)
      expect(heartbeat(s, lags, classic.generationId)).toBe(ErrorCode.REBALANCE_IN_PROGRESS)
      expect(heartbeat(s, stays, s.coordinator.consumerGroup('g')?.groupEpoch ?? -1)).toBe(
        ErrorCode.NONE
      )
    }
    s.clock.advance(5_000)
    expect(s.coordinator.consumerGroup('g')?.members.has(lags)).toBe(false)
    expect(s.coordinator.consumerGroup('g')?.members.has(stays)).toBe(true)
  })

  it('removes a member that joined and sends no SyncGroup within its rebalance timeout', async () => {
    const s = setup()
    expect(consumerJoin(s, 'kip848-member').errorCode).toBe(ErrorCode.NONE)
    const joined = await s.coordinator.joinGroup(joinRequest({ memberId: 'classic-member' }))
    expect(joined.errorCode).toBe(ErrorCode.NONE)
    s.clock.advance(9_000)
    expect(s.coordinator.consumerGroup('g')?.members.has('classic-member')).toBe(true)
    // Its heartbeats keep the session (10 s) alive, but the SyncGroup it owes never comes.
    expect(heartbeat(s, 'classic-member', joined.generationId)).not.toBe(
      ErrorCode.UNKNOWN_MEMBER_ID
    )
    s.clock.advance(9_000)
    expect(heartbeat(s, 'classic-member', joined.generationId)).not.toBe(
      ErrorCode.UNKNOWN_MEMBER_ID
    )
    s.clock.advance(9_000)
    heartbeat(s, 'classic-member', joined.generationId)
    s.clock.advance(5_000)
    expect(s.coordinator.consumerGroup('g')?.members.has('classic-member')).toBe(false)
  })
})

describe('group.coordinator.rebalance.protocols', () => {
  const settingsWith = (protocols: string) =>
    groupSettingsFrom((name) =>
      name === 'group.coordinator.rebalance.protocols'
        ? protocols
        : name === 'group.consumer.assignors'
          ? 'uniform'
          : name === 'group.consumer.migration.policy'
            ? 'UPGRADE'
            : name.includes('heartbeat')
              ? '5000'
              : '45000'
    )

  it('turns the consumer protocol off without consumer, and refuses to go without classic', () => {
    expect(settingsWith('classic,consumer').consumerProtocolAccepted).toBe(true)
    expect(settingsWith('classic').consumerProtocolAccepted).toBe(false)
    expect(settingsWith('classic').consumerMigrationPolicy).toBe('upgrade')
    expect(() => settingsWith('consumer')).toThrow(
      "Disabling the 'classic' protocol is not supported."
    )
  })
})
