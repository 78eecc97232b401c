// Committed offsets expire as Kafka's offset expiration task expires them (KIP-211): counted from
// the moment an Empty classic group emptied, else from each offset's commit for groups without
// members and for topics no member subscribes to; never while a transaction holds them.
import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { GroupCoordinator } from '../../../src/engine/groups/coordinator'
import { expiredOffsets } from '../../../src/engine/groups/offset-expiry'
import type { OffsetCommitParams } from '../../../src/engine/groups/types'
import {
  FakePartitions,
  ManualScheduler,
  flush,
  heartbeatRequest,
  memoryDb,
  setup,
  stableGroup,
  subscription,
  type Setup
} from './helpers'

const MINUTE = 60_000
/**
 * offsets.retention.minutes 10, checked every minute; sessions of 30 minutes, so that members stay
 * while the clock moves on without heartbeats.
 */
const settings = {
  offsetsRetentionMinutes: 10,
  offsetsRetentionCheckIntervalMs: MINUTE,
  consumerSessionTimeoutMs: 30 * MINUTE,
  consumerMaxSessionTimeoutMs: 30 * MINUTE
}
const longSession = { sessionTimeoutMs: 30 * MINUTE }

function commit(
  s: { coordinator: GroupCoordinator },
  groupId: string,
  partitions: { topic: string; partition: number; offset: number }[],
  member: Partial<OffsetCommitParams> = {}
) {
  const r = s.coordinator.offsetCommit({
    groupId,
    generationId: -1,
    memberId: '',
    groupInstanceId: null,
    ...member,
    topics: [...new Set(partitions.map((p) => p.topic))].map((name) => ({
      name,
      partitions: partitions
        .filter((p) => p.topic === name)
        .map((p) => ({
          partitionIndex: p.partition,
          committedOffset: p.offset,
          committedLeaderEpoch: -1,
          committedMetadata: null
        }))
    }))
  })
  const codes = r.topics.flatMap((t) => t.partitions.map((p) => p.errorCode))
  expect(
    codes.every((c) => c === ErrorCode.NONE),
    `commit codes ${codes}`
  ).toBe(true)
}

const kept = (s: Setup, groupId: string) =>
  s.coordinator.store
    .offsets(groupId)
    .map((o) => `${o.topic}-${o.partition}`)
    .sort()

/**
 * Group g, Stable, its one member subscribed to orders, with offsets committed by that member for
 * orders-0 and payments-0.
 */
async function ordersGroupCommitted(extra: Partial<OffsetCommitParams>): Promise<Setup> {
  const s = setup(settings)
  const g = await stableGroup(s, 1, () => ({
    ...longSession,
    protocols: [{ name: 'range', metadata: subscription('orders') }]
  }))
  commit(
    s,
    'g',
    [
      { topic: 'orders', partition: 0, offset: 1 },
      { topic: 'payments', partition: 0, offset: 2 }
    ],
    { generationId: g.generationId, memberId: g.leader, ...extra }
  )
  return s
}

describe('offsets.retention.minutes', () => {
  it('expires a standalone consumer’s offsets each that long after its commit, then forgets the group', async () => {
    const s = setup(settings)
    commit(s, 'standalone', [{ topic: 'orders', partition: 0, offset: 5 }])
    s.clock.advance(5 * MINUTE)
    commit(s, 'standalone', [{ topic: 'orders', partition: 1, offset: 7 }])
    s.clock.advance(5 * MINUTE)
    expect(kept(s, 'standalone')).toEqual(['orders-1'])
    s.changes.length = 0
    await flush()
    s.clock.advance(5 * MINUTE)
    expect(kept(s, 'standalone')).toEqual([])
    expect(s.coordinator.group('standalone')).toBeUndefined()
    await flush()
    expect(s.changes).toContain('standalone')
  })

  it('counts from the moment a classic group became Empty, not from the commits', async () => {
    const s = setup(settings)
    const g = await stableGroup(s, 1, () => longSession)
    commit(s, 'g', [{ topic: 'orders', partition: 0, offset: 3 }], {
      generationId: g.generationId,
      memberId: g.leader
    })
    // Stable and subscribed to orders: kept however old.
    s.clock.advance(20 * MINUTE)
    expect(kept(s, 'g')).toEqual(['orders-0'])
    s.coordinator.leaveGroup({
      groupId: 'g',
      members: [{ memberId: g.leader, groupInstanceId: null }]
    })
    expect(s.coordinator.group('g')?.state).toBe('Empty')
    s.clock.advance(9 * MINUTE)
    expect(kept(s, 'g')).toEqual(['orders-0'])
    s.clock.advance(2 * MINUTE)
    expect(kept(s, 'g')).toEqual([])
    expect(s.coordinator.group('g')).toBeUndefined()
  })

  it('expires a Stable classic group’s offsets of topics its members no longer subscribe to', async () => {
    const s = await ordersGroupCommitted({})
    s.clock.advance(11 * MINUTE)
    expect(kept(s, 'g')).toEqual(['orders-0'])
    expect(s.coordinator.group('g')?.state).toBe('Stable')
  })

  it('keeps every offset of a group whose offsets do not expire now', () => {
    const old = { committedOffset: 1, leaderEpoch: -1, metadata: '', commitTimestamp: 0 }
    const offsets = [{ topic: 'payments', partition: 1, ...old }]
    const none = new Set<string>()
    expect(expiredOffsets(offsets, { base: null, subscribed: none }, [], 1e12, MINUTE)).toEqual([])
    expect(
      expiredOffsets(offsets, { base: { from: 'commit' }, subscribed: none }, [], 1e12, MINUTE)
    ).toEqual(offsets)
  })

  it('keeps a consumer-protocol group’s subscribed topics and expires the others after their commit', () => {
    const s = setup(settings)
    const r = s.coordinator.consumerGroupHeartbeat(heartbeatRequest({ memberId: 'member-1' }), 1)
    expect(r.errorCode).toBe(ErrorCode.NONE)
    commit(
      s,
      'cg',
      [
        { topic: 'orders', partition: 2, offset: 9 },
        { topic: 'payments', partition: 0, offset: 8 }
      ],
      { generationId: r.memberEpoch, memberId: 'member-1' }
    )
    s.clock.advance(10 * MINUTE)
    expect(kept(s, 'cg')).toEqual(['orders-2'])
  })

  it('never expires a partition whose offset a transaction holds', () => {
    const db = memoryDb()
    const clock = new ManualScheduler()
    const held = [{ topic: 'orders', partition: 0 }]
    const coordinator = new GroupCoordinator({
      db,
      partitions: new FakePartitions().add('orders', 3),
      scheduler: clock,
      settings,
      pendingTransactionalOffsets: (groupId) => (groupId === 'tx' ? held : [])
    })
    try {
      commit({ coordinator }, 'tx', [
        { topic: 'orders', partition: 0, offset: 1 },
        { topic: 'orders', partition: 1, offset: 1 }
      ])
      clock.advance(20 * MINUTE)
      expect(coordinator.store.offsets('tx').map((o) => o.partition)).toEqual([0])
    } finally {
      coordinator.close()
    }
  })
})

describe('OffsetCommit retention_time_ms (v2-4)', () => {
  it('expires an offset committed with a retention time that long after its commit, whatever offsets.retention.minutes says', () => {
    const s = setup(settings)
    commit(s, 'standalone', [{ topic: 'orders', partition: 0, offset: 5 }], {
      retentionTimeMs: 2 * MINUTE
    })
    commit(s, 'standalone', [{ topic: 'orders', partition: 1, offset: 6 }], {
      retentionTimeMs: 30 * MINUTE
    })
    commit(s, 'standalone', [{ topic: 'orders', partition: 2, offset: 7 }], {
      retentionTimeMs: -1
    })
    s.clock.advance(2 * MINUTE)
    expect(kept(s, 'standalone')).toEqual(['orders-1', 'orders-2'])
    // -1 leaves it to offsets.retention.minutes (10); the 30-minute one outlives it.
    s.clock.advance(8 * MINUTE)
    expect(kept(s, 'standalone')).toEqual(['orders-1'])
    s.clock.advance(20 * MINUTE)
    expect(kept(s, 'standalone')).toEqual([])
  })

  it('forgets the retention time when the offset is committed again without one', () => {
    const s = setup(settings)
    commit(s, 'standalone', [{ topic: 'orders', partition: 0, offset: 5 }], {
      retentionTimeMs: MINUTE
    })
    expect(s.coordinator.store.offset('standalone', 'orders', 0)?.expireTimestamp).toBe(
      s.clock.now() + MINUTE
    )
    commit(s, 'standalone', [{ topic: 'orders', partition: 0, offset: 6 }])
    expect(s.coordinator.store.offset('standalone', 'orders', 0)?.expireTimestamp).toBeUndefined()
    s.clock.advance(5 * MINUTE)
    expect(kept(s, 'standalone')).toEqual(['orders-0'])
  })

  it('keeps an offset past its retention time while a Stable group’s members subscribe to its topic, as Kafka 4 does', async () => {
    const s = await ordersGroupCommitted({ retentionTimeMs: MINUTE })
    s.clock.advance(2 * MINUTE)
    expect(kept(s, 'g')).toEqual(['orders-0'])
  })
})
