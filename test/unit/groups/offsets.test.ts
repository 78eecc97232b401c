// OffsetCommit / OffsetFetch: Kafka's checks, metadata round trip, persistence across a reopen.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ErrorCode as E } from '../../../src/shared/kafka/error-codes'
import type { OffsetCommitParams } from '../../../src/engine/groups/types'
import { openDatabase } from '../../../src/engine/storage/database'
import { joinRequest, setup, stableGroup, type Setup } from './helpers'

const commit = (
  s: Setup,
  over: Partial<OffsetCommitParams>,
  partitions: { topic?: string; partition: number; offset: number; metadata?: string | null }[]
) =>
  s.coordinator.offsetCommit({
    groupId: 'g',
    generationId: -1,
    memberId: '',
    groupInstanceId: null,
    ...over,
    topics: [...new Set(partitions.map((p) => p.topic ?? 'orders'))].map((name) => ({
      name,
      partitions: partitions
        .filter((p) => (p.topic ?? 'orders') === name)
        .map((p) => ({
          partitionIndex: p.partition,
          committedOffset: p.offset,
          committedLeaderEpoch: 3,
          committedMetadata: p.metadata ?? null
        }))
    }))
  })

const codes = (r: ReturnType<typeof commit>) =>
  r.topics.flatMap((t) => t.partitions.map((p) => p.errorCode))

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('OffsetCommit', () => {
  it('accepts commits of the current generation from members', async () => {
    const s = setup()
    const g = await stableGroup(s, 1)
    const r = commit(s, { generationId: g.generationId, memberId: g.leader }, [
      { partition: 0, offset: 10, metadata: 'm0' },
      { partition: 1, offset: 20 }
    ])
    expect(codes(r)).toEqual([0, 0])
    const fetched = s.coordinator.offsetFetch({ groupId: 'g', topics: null })
    expect(fetched).toEqual({
      errorCode: 0,
      topics: [
        {
          name: 'orders',
          partitions: [
            {
              partitionIndex: 0,
              committedOffset: 10,
              committedLeaderEpoch: 3,
              metadata: 'm0',
              errorCode: 0
            },
            {
              partitionIndex: 1,
              committedOffset: 20,
              committedLeaderEpoch: 3,
              metadata: '',
              errorCode: 0
            }
          ]
        }
      ]
    })
    expect(s.coordinator.store.offset('g', 'orders', 0)?.commitTimestamp).toBe(s.clock.now())
  })

  it('refuses stale generations, unknown members and outsiders of an active group', async () => {
    const s = setup()
    const g = await stableGroup(s, 1)
    const p = [{ partition: 0, offset: 1 }]
    expect(codes(commit(s, { generationId: g.generationId + 1, memberId: g.leader }, p))).toEqual([
      E.ILLEGAL_GENERATION
    ])
    expect(codes(commit(s, { generationId: g.generationId, memberId: 'x' }, p))).toEqual([
      E.UNKNOWN_MEMBER_ID
    ])
    expect(codes(commit(s, { generationId: -1, memberId: '' }, p))).toEqual([E.UNKNOWN_MEMBER_ID])
    expect(codes(commit(s, { groupId: 'other', generationId: 4, memberId: 'x' }, p))).toEqual([
      E.ILLEGAL_GENERATION
    ])
    expect(s.coordinator.store.offsets('g')).toEqual([])
  })

  it('lets a group without members commit with generation -1 (simple consumers, admin tools)', () => {
    const s = setup()
    expect(codes(commit(s, {}, [{ partition: 2, offset: 7 }]))).toEqual([0])
    expect(s.coordinator.group('g')?.state).toBe('Empty')
    expect(s.coordinator.listGroups().groups).toEqual([
      { groupId: 'g', protocolType: '', groupState: 'Empty', groupType: 'classic' }
    ])
  })

  it('answers REBALANCE_IN_PROGRESS while the group completes a rebalance', async () => {
    const s = setup()
    const join = s.coordinator.joinGroup(joinRequest())
    s.clock.advance(1_000)
    const r = await join
    expect(
      codes(
        commit(s, { generationId: r.generationId, memberId: r.memberId }, [
          { partition: 0, offset: 1 }
        ])
      )
    ).toEqual([E.REBALANCE_IN_PROGRESS])
  })

  it('accepts commits while a rebalance is being prepared, and renews the session', async () => {
    const s = setup()
    const g = await stableGroup(s, 2)
    const other = g.members.find((m) => m !== g.leader) as string
    void s.coordinator.joinGroup(joinRequest({ memberId: g.leader }))
    s.clock.advance(9_000)
    expect(
      codes(
        commit(s, { generationId: g.generationId, memberId: other }, [{ partition: 0, offset: 1 }])
      )
    ).toEqual([0])
    s.clock.advance(9_000)
    expect(s.coordinator.group('g')?.has(other)).toBe(true)
  })

  it('refuses metadata over offset.metadata.max.bytes and unknown partitions, per partition', () => {
    const s = setup()
    const r = commit(s, {}, [
      { partition: 0, offset: 1, metadata: 'x'.repeat(4096) },
      { partition: 1, offset: 1, metadata: 'é'.repeat(2049) },
      { partition: 3, offset: 1 },
      { topic: 'missing', partition: 0, offset: 1 }
    ])
    expect(codes(r)).toEqual([
      0,
      E.OFFSET_METADATA_TOO_LARGE,
      E.UNKNOWN_TOPIC_OR_PARTITION,
      E.UNKNOWN_TOPIC_OR_PARTITION
    ])
    expect(s.coordinator.store.offsets('g').map((o) => o.partition)).toEqual([0])
  })

  it('fetches listed partitions with -1 where nothing was committed', () => {
    const s = setup()
    commit(s, {}, [{ partition: 1, offset: 42, metadata: 'meta' }])
    expect(
      s.coordinator.offsetFetch({
        groupId: 'g',
        topics: [
          { name: 'orders', partitionIndexes: [0, 1] },
          { name: 'missing', partitionIndexes: [0] }
        ]
      })
    ).toEqual({
      errorCode: 0,
      topics: [
        {
          name: 'orders',
          partitions: [
            {
              partitionIndex: 0,
              committedOffset: -1,
              committedLeaderEpoch: -1,
              metadata: '',
              errorCode: 0
            },
            {
              partitionIndex: 1,
              committedOffset: 42,
              committedLeaderEpoch: 3,
              metadata: 'meta',
              errorCode: 0
            }
          ]
        },
        {
          name: 'missing',
          partitions: [
            {
              partitionIndex: 0,
              committedOffset: -1,
              committedLeaderEpoch: -1,
              metadata: '',
              errorCode: 0
            }
          ]
        }
      ]
    })
    expect(s.coordinator.offsetFetch({ groupId: 'nobody', topics: null })).toEqual({
      errorCode: 0,
      topics: []
    })
  })

  it('keeps offsets and lists their groups as Empty after a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logdeck-groups-'))
    dirs.push(dir)
    const db1 = openDatabase({ dataDir: dir })
    const s1 = setup({}, db1)
    const g = await stableGroup(s1, 1)
    commit(s1, { generationId: g.generationId, memberId: g.leader }, [
      { partition: 0, offset: 99, metadata: 'kept' }
    ])
    void s1.coordinator.joinGroup(joinRequest({ groupId: 'no-offsets' }))
    s1.clock.advance(1_000)
    s1.coordinator.close()
    db1.close()

    const db2 = openDatabase({ dataDir: dir })
    const s2 = setup({}, db2)
    expect(s2.coordinator.listGroups().groups).toEqual([
      { groupId: 'g', protocolType: 'consumer', groupState: 'Empty', groupType: 'classic' }
    ])
    expect(s2.coordinator.group('g')?.generationId).toBe(g.generationId)
    expect(
      s2.coordinator.offsetFetch({
        groupId: 'g',
        topics: [{ name: 'orders', partitionIndexes: [0] }]
      }).topics[0].partitions[0]
    ).toMatchObject({
      committedOffset: 99,
      committedLeaderEpoch: 3,
      metadata: 'kept'
    })
    // The old member id is gone; the consumer rejoins and gets the next generation.
    expect((await s2.coordinator.joinGroup(joinRequest({ memberId: g.leader }))).errorCode).toBe(
      E.UNKNOWN_MEMBER_ID
    )
    const again = s2.coordinator.joinGroup(joinRequest())
    s2.clock.advance(1_000)
    expect((await again).generationId).toBe(g.generationId + 1)
  })

  it('drops the offsets of a deleted topic', () => {
    const s = setup()
    s.db.prepare("INSERT INTO topics (name, uuid, created_at) VALUES ('orders', 'u1', 0)").run()
    commit(s, {}, [
      { partition: 0, offset: 5 },
      { topic: 'payments', partition: 0, offset: 6 }
    ])
    s.db.prepare("DELETE FROM topics WHERE name = 'orders'").run()
    expect(s.coordinator.store.offsets('g').map((o) => o.topic)).toEqual(['payments'])
  })
})
