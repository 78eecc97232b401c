// OffsetCommit and OffsetFetch through encoded frames: every version's fields and error layout.
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { ZERO_UUID } from '../../../src/shared/kafka/protocol-constants'
import { describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/engine/kafka/protocol'

import type { Engine } from '../../../src/engine/engine'
import { coordinatorId, groupOn, openEngine, otherBroker, send, subscription } from './helpers'
import { engineInternals } from '../../support/engine-internals'

function withTopic(): Engine {
  const engine = openEngine()
  engine.createTopic({ name: 'orders', partitions: 3, replicationFactor: 1 })
  return engine
}

/** Commits offsets for a group outside group management (generation -1), at v2. */
async function commit(engine: Engine, groupId: string, offsets: Record<number, number>) {
  const res = await send(engine, coordinatorId(engine, groupId), ApiKey.OffsetCommit, 2, {
    groupId,
    generationIdOrMemberEpoch: -1,
    memberId: '',
    topics: [
      {
        name: 'orders',
        partitions: Object.entries(offsets).map(([p, o]) => ({
          partitionIndex: Number(p),
          committedOffset: BigInt(o),
          committedMetadata: `m${p}`
        }))
      }
    ]
  })
  for (const p of res.topics[0].partitions) expect(p.errorCode).toBe(ErrorCode.NONE)
}

describe('OffsetCommit', () => {
  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])('v%i commits for a group without members', async (v) => {
    const engine = withTopic()
    const res = await send(engine, coordinatorId(engine, 'g'), ApiKey.OffsetCommit, v, {
      groupId: 'g',
      generationIdOrMemberEpoch: -1,
      memberId: '',
      retentionTimeMs: 60_000n,
      topics: [
        {
          name: 'orders',
          partitions: [
            {
              partitionIndex: 1,
              committedOffset: 42n,
              committedLeaderEpoch: 3,
              commitTimestamp: 1_600_000_000_000n,
              committedMetadata: 'meta'
            },
            { partitionIndex: 7, committedOffset: 1n, committedMetadata: null }
          ]
        },
        { name: 'nope', partitions: [{ partitionIndex: 0, committedOffset: 1n }] }
      ]
    })
    expect(res.throttleTimeMs).toBe(0)
    expect(res.topics).toEqual([
      {
        name: 'orders',
        topicId: ZERO_UUID, // from v10, which names topics by id only
        partitions: [
          { partitionIndex: 1, errorCode: ErrorCode.NONE },
          { partitionIndex: 7, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION }
        ]
      },
      {
        name: 'nope',
        topicId: ZERO_UUID,
        partitions: [{ partitionIndex: 0, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION }]
      }
    ])
    const [stored] = engineInternals(engine).coordinator.store.offsets('g')
    expect(stored).toMatchObject({ topic: 'orders', partition: 1, committedOffset: 42 })
    expect(stored.metadata).toBe('meta')
    // The leader epoch travels from v6; the commit timestamp only in v1.
    expect(stored.leaderEpoch).toBe(v >= 6 ? 3 : -1)
    if (v === 1) expect(stored.commitTimestamp).toBe(1_600_000_000_000)
    else expect(stored.commitTimestamp).not.toBe(1_600_000_000_000)
  })

  it('checks the generation and member of a group member (v1+)', async () => {
    const engine = withTopic()
    const broker = coordinatorId(engine, 'g')
    const join = (memberId: string) =>
      send(engine, broker, ApiKey.JoinGroup, 5, {
        groupId: 'g',
        sessionTimeoutMs: 6000,
        rebalanceTimeoutMs: 6000,
        memberId,
        protocolType: 'consumer',
        protocols: [{ name: 'range', metadata: subscription(['orders']) }]
      })
    const first = await join('')
    const joined = await join(first.memberId)
    await send(engine, broker, ApiKey.SyncGroup, 3, {
      groupId: 'g',
      generationId: joined.generationId,
      memberId: joined.memberId,
      assignments: [{ memberId: joined.memberId, assignment: Buffer.alloc(0) }]
    })
    const commitAs = async (v: number, generationIdOrMemberEpoch: number, memberId: string) => {
      const res = await send(engine, broker, ApiKey.OffsetCommit, v, {
        groupId: 'g',
        generationIdOrMemberEpoch,
        memberId,
        topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 5n }] }]
      })
      return res.topics[0].partitions[0].errorCode
    }
    expect(await commitAs(8, joined.generationId, joined.memberId)).toBe(ErrorCode.NONE)
    expect(await commitAs(8, joined.generationId + 1, joined.memberId)).toBe(
      ErrorCode.ILLEGAL_GENERATION
    )
    expect(await commitAs(3, joined.generationId, 'stranger')).toBe(ErrorCode.UNKNOWN_MEMBER_ID)
    // v0 has no generation or member: a group with members refuses it.
    expect(await commitAs(0, joined.generationId, joined.memberId)).toBe(
      ErrorCode.UNKNOWN_MEMBER_ID
    )
  })

  it.each([0, 8])('v%i at another broker: NOT_COORDINATOR on every partition', async (v) => {
    const engine = withTopic()
    const res = await send(engine, otherBroker(engine, 'g'), ApiKey.OffsetCommit, v, {
      groupId: 'g',
      topics: [
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 0, committedOffset: 1n },
            { partitionIndex: 1, committedOffset: 1n }
          ]
        }
      ]
    })
    expect(res.topics[0].partitions.map((p) => p.errorCode)).toEqual([
      ErrorCode.NOT_COORDINATOR,
      ErrorCode.NOT_COORDINATOR
    ])
    expect(engineInternals(engine).coordinator.store.offsets('g')).toEqual([])
  })
})

describe('OffsetFetch', () => {
  it.each([0, 1, 2, 3, 4, 5, 6, 7])('v%i reads one group', async (v) => {
    const engine = withTopic()
    await commit(engine, 'g', { 0: 10, 2: 30 })
    const res = await send(engine, coordinatorId(engine, 'g'), ApiKey.OffsetFetch, v, {
      groupId: 'g',
      topics: [{ name: 'orders', partitionIndexes: [0, 1, 2] }],
      requireStable: true
    })
    expect(res.errorCode).toBe(ErrorCode.NONE)
    expect(res.groups).toEqual([])
    const epoch = -1
    expect(res.topics).toEqual([
      {
        name: 'orders',
        partitions: [
          {
            partitionIndex: 0,
            committedOffset: 10n,
            committedLeaderEpoch: epoch,
            metadata: 'm0',
            errorCode: 0
          },
          {
            partitionIndex: 1,
            committedOffset: -1n,
            committedLeaderEpoch: epoch,
            metadata: '',
            errorCode: 0
          },
          {
            partitionIndex: 2,
            committedOffset: 30n,
            committedLeaderEpoch: epoch,
            metadata: 'm2',
            errorCode: 0
          }
        ]
      }
    ])
  })

  it.each([5, 7, 8])('v%i returns the committed leader epoch', async (v) => {
    const engine = withTopic()
    await send(engine, coordinatorId(engine, 'g'), ApiKey.OffsetCommit, 7, {
      groupId: 'g',
      generationIdOrMemberEpoch: -1,
      topics: [
        {
          name: 'orders',
          partitions: [{ partitionIndex: 0, committedOffset: 4n, committedLeaderEpoch: 9 }]
        }
      ]
    })
    const res = await send(engine, coordinatorId(engine, 'g'), ApiKey.OffsetFetch, v, {
      groupId: 'g',
      topics: [{ name: 'orders', partitionIndexes: [0] }],
      groups: [{ groupId: 'g', topics: [{ name: 'orders', partitionIndexes: [0] }] }]
    })
    const partition = v >= 8 ? res.groups[0].topics[0].partitions[0] : res.topics[0].partitions[0]
    expect(partition.committedOffset).toBe(4n)
    expect(partition.committedLeaderEpoch).toBe(9)
  })

  it.each([2, 5, 7])('v%i with null topics returns every committed offset', async (v) => {
    const engine = withTopic()
    await commit(engine, 'g', { 1: 5 })
    const res = await send(engine, coordinatorId(engine, 'g'), ApiKey.OffsetFetch, v, {
      groupId: 'g',
      topics: null
    })
    expect(res.topics).toHaveLength(1)
    expect(res.topics[0].partitions).toMatchObject([{ partitionIndex: 1, committedOffset: 5n }])
  })

  it.each([0, 1])('v%i at another broker: NOT_COORDINATOR on every partition', async (v) => {
    const engine = withTopic()
    const res = await send(engine, otherBroker(engine, 'g'), ApiKey.OffsetFetch, v, {
      groupId: 'g',
      topics: [{ name: 'orders', partitionIndexes: [0, 1] }]
    })
    expect(res.topics[0].partitions).toMatchObject([
      { partitionIndex: 0, committedOffset: -1n, errorCode: ErrorCode.NOT_COORDINATOR },
      { partitionIndex: 1, committedOffset: -1n, errorCode: ErrorCode.NOT_COORDINATOR }
    ])
  })

  it.each([2, 3, 6, 7])('v%i at another broker: NOT_COORDINATOR at the top level', async (v) => {
    const engine = withTopic()
    const res = await send(engine, otherBroker(engine, 'g'), ApiKey.OffsetFetch, v, {
      groupId: 'g',
      topics: [{ name: 'orders', partitionIndexes: [0, 1] }]
    })
    expect(res.errorCode).toBe(ErrorCode.NOT_COORDINATOR)
    expect(res.topics).toEqual([])
  })

  it.each([8, 9])('v%i reads several groups, each with its own error code', async (v) => {
    const engine = withTopic()
    const broker = 0
    const here1 = groupOn(engine, broker, 'here')
    const here2 = groupOn(engine, broker, `${here1}-b`)
    const elsewhere = groupOn(engine, broker, 'there', true)
    await commit(engine, here1, { 0: 1 })
    await commit(engine, here2, { 1: 2, 2: 3 })
    await commit(engine, elsewhere, { 0: 9 })
    const res = await send(engine, broker, ApiKey.OffsetFetch, v, {
      groups: [
        { groupId: here1, topics: [{ name: 'orders', partitionIndexes: [0] }] },
        { groupId: here2, topics: null, memberId: null, memberEpoch: -1 },
        { groupId: elsewhere, topics: null }
      ],
      requireStable: false
    })
    expect(res.topics).toEqual([])
    expect(res.groups).toEqual([
      {
        groupId: here1,
        errorCode: 0,
        topics: [
          {
            name: 'orders',
            topicId: ZERO_UUID,
            partitions: [
              {
                partitionIndex: 0,
                committedOffset: 1n,
                committedLeaderEpoch: -1,
                metadata: 'm0',
                errorCode: 0
              }
            ]
          }
        ]
      },
      {
        groupId: here2,
        errorCode: 0,
        topics: [
          {
            name: 'orders',
            topicId: ZERO_UUID,
            partitions: [
              {
                partitionIndex: 1,
                committedOffset: 2n,
                committedLeaderEpoch: -1,
                metadata: 'm1',
                errorCode: 0
              },
              {
                partitionIndex: 2,
                committedOffset: 3n,
                committedLeaderEpoch: -1,
                metadata: 'm2',
                errorCode: 0
              }
            ]
          }
        ]
      },
      { groupId: elsewhere, errorCode: ErrorCode.NOT_COORDINATOR, topics: [] }
    ])
  })
})
