// Offsets committed in a transaction, as the group sees them before the transaction ends:
// OffsetFetch with require_stable answers UNSTABLE_OFFSET_COMMIT for them (v7, and v8's per-group
// form), without it the last committed offset; and TxnOffsetCommit v3's checks on the member
// and generation it names (KIP-447), which older versions cannot make.
import { describe, expect, it } from 'vitest'
import type { Engine } from '../../../src/engine/engine'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { ErrorCode as E } from '../../../src/shared/kafka/error-codes'
import { coordinatorId, txnCoordinatorId, openEngine, send, subscription } from './helpers'

const TOPIC = 'in'

function withTopic(): Engine {
  const engine = openEngine()
  engine.createTopic({ name: TOPIC, partitions: 2, replicationFactor: 1 })
  return engine
}

/** A transactional producer with the group added to its transaction. */
async function producerFor(engine: Engine, transactionalId: string, groupId: string) {
  const init = await send(
    engine,
    txnCoordinatorId(engine, transactionalId),
    ApiKey.InitProducerId,
    4,
    {
      transactionalId,
      transactionTimeoutMs: 60_000,
      producerId: -1n,
      producerEpoch: -1
    }
  )
  const added = await send(
    engine,
    txnCoordinatorId(engine, transactionalId),
    ApiKey.AddOffsetsToTxn,
    3,
    {
      transactionalId,
      producerId: init.producerId,
      producerEpoch: init.producerEpoch,
      groupId
    }
  )
  expect(added.errorCode).toBe(E.NONE)
  return { transactionalId, producerId: init.producerId, producerEpoch: init.producerEpoch }
}

type Producer = Awaited<ReturnType<typeof producerFor>>

async function txnCommit(
  engine: Engine,
  p: Producer,
  groupId: string,
  offset: bigint,
  version = 3,
  member: { generationId?: number; memberId?: string; groupInstanceId?: string | null } = {}
) {
  const res = await send(engine, coordinatorId(engine, groupId), ApiKey.TxnOffsetCommit, version, {
    transactionalId: p.transactionalId,
    groupId,
    producerId: p.producerId,
    producerEpoch: p.producerEpoch,
    ...member,
    topics: [
      {
        name: TOPIC,
        partitions: [{ partitionIndex: 0, committedOffset: offset, committedMetadata: 'txn' }]
      }
    ]
  })
  return res.topics[0].partitions[0].errorCode
}

function endTxn(engine: Engine, p: Producer, committed: boolean) {
  return send(engine, txnCoordinatorId(engine, p.transactionalId), ApiKey.EndTxn, 3, {
    transactionalId: p.transactionalId,
    producerId: p.producerId,
    producerEpoch: p.producerEpoch,
    committed
  })
}

/** A plain commit of both partitions, outside group management. */
async function commit(engine: Engine, groupId: string, offset: bigint) {
  const res = await send(engine, coordinatorId(engine, groupId), ApiKey.OffsetCommit, 2, {
    groupId,
    generationIdOrMemberEpoch: -1,
    memberId: '',
    topics: [
      {
        name: TOPIC,
        partitions: [0, 1].map((partitionIndex) => ({
          partitionIndex,
          committedOffset: offset,
          committedMetadata: ''
        }))
      }
    ]
  })
  for (const p of res.topics[0].partitions) expect(p.errorCode).toBe(E.NONE)
}

/** OffsetFetch v7 of both partitions: [offset, error code] per partition. */
async function fetchV7(engine: Engine, groupId: string, requireStable: boolean) {
  const res = await send(engine, coordinatorId(engine, groupId), ApiKey.OffsetFetch, 7, {
    groupId,
    topics: [{ name: TOPIC, partitionIndexes: [0, 1] }],
    requireStable
  })
  expect(res.errorCode).toBe(E.NONE)
  return res.topics[0].partitions.map((p) => [Number(p.committedOffset), p.errorCode])
}

describe('OffsetFetch while a transaction holds offsets of the group', () => {
  it('require_stable: UNSTABLE_OFFSET_COMMIT for the pending partition until the transaction ends', async () => {
    const engine = withTopic()
    await commit(engine, 'g', 3n)
    const p = await producerFor(engine, 'tx', 'g')
    expect(await txnCommit(engine, p, 'g', 10n)).toBe(E.NONE)

    expect(await fetchV7(engine, 'g', true)).toEqual([
      [-1, E.UNSTABLE_OFFSET_COMMIT],
      [3, E.NONE]
    ])
    // A read_uncommitted consumer does not ask for stability: the last committed offset.
    expect(await fetchV7(engine, 'g', false)).toEqual([
      [3, E.NONE],
      [3, E.NONE]
    ])
    // All of the group's offsets (topics null, v8's per-group form) say the same.
    const all = await send(engine, coordinatorId(engine, 'g'), ApiKey.OffsetFetch, 8, {
      groups: [{ groupId: 'g', topics: null }],
      requireStable: true
    })
    expect(all.groups[0].errorCode).toBe(E.NONE)
    expect(all.groups[0].topics[0].partitions.map((x) => [x.partitionIndex, x.errorCode])).toEqual([
      [0, E.UNSTABLE_OFFSET_COMMIT],
      [1, E.NONE]
    ])

    expect((await endTxn(engine, p, true)).errorCode).toBe(E.NONE)
    expect(await fetchV7(engine, 'g', true)).toEqual([
      [10, E.NONE],
      [3, E.NONE]
    ])
  })

  it('an abort leaves the offset committed before it, stable again', async () => {
    const engine = withTopic()
    await commit(engine, 'g', 3n)
    const p = await producerFor(engine, 'tx', 'g')
    expect(await txnCommit(engine, p, 'g', 10n)).toBe(E.NONE)
    expect((await fetchV7(engine, 'g', true))[0]).toEqual([-1, E.UNSTABLE_OFFSET_COMMIT])
    expect((await endTxn(engine, p, false)).errorCode).toBe(E.NONE)
    expect(await fetchV7(engine, 'g', true)).toEqual([
      [3, E.NONE],
      [3, E.NONE]
    ])
  })
})

describe('TxnOffsetCommit v3: the member and generation it names', () => {
  async function stableGroup(engine: Engine, groupId: string, groupInstanceId: string | null) {
    const broker = coordinatorId(engine, groupId)
    const body = {
      groupId,
      sessionTimeoutMs: 6000,
      rebalanceTimeoutMs: 6000,
      memberId: '',
      groupInstanceId,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: subscription([TOPIC]) }]
    }
    let joined = await send(engine, broker, ApiKey.JoinGroup, 5, body)
    if (joined.errorCode === E.MEMBER_ID_REQUIRED)
      joined = await send(engine, broker, ApiKey.JoinGroup, 5, {
        ...body,
        memberId: joined.memberId
      })
    expect(joined.errorCode).toBe(E.NONE)
    const synced = await send(engine, broker, ApiKey.SyncGroup, 3, {
      groupId,
      generationId: joined.generationId,
      memberId: joined.memberId,
      groupInstanceId,
      assignments: [{ memberId: joined.memberId, assignment: Buffer.alloc(0) }]
    })
    expect(synced.errorCode).toBe(E.NONE)
    return joined
  }

  it('the current member in its generation commits; a stale generation or a stranger is refused', async () => {
    const engine = withTopic()
    const m = await stableGroup(engine, 'g', null)
    const p = await producerFor(engine, 'tx', 'g')
    const as = (generationId: number, memberId: string, version = 3) =>
      txnCommit(engine, p, 'g', 5n, version, { generationId, memberId, groupInstanceId: null })
    expect(await as(m.generationId + 1, m.memberId)).toBe(E.ILLEGAL_GENERATION)
    expect(await as(m.generationId, 'stranger')).toBe(E.UNKNOWN_MEMBER_ID)
    expect(await as(-1, 'stranger')).toBe(E.UNKNOWN_MEMBER_ID)
    expect(await as(m.generationId, m.memberId)).toBe(E.NONE)
    // A producer that names no consumer (v3 with defaults, or v0-2) may commit for the group.
    expect(await as(-1, '')).toBe(E.NONE)
    expect(await as(m.generationId + 1, 'stranger', 2)).toBe(E.NONE)
    // A refused commit left nothing pending: only the accepted one is.
    expect(engine.pendingTransactionalOffsets('g')).toEqual([{ topic: TOPIC, partition: 0 }])
  })

  it('a static member with another member id is fenced', async () => {
    const engine = withTopic()
    const m = await stableGroup(engine, 'g', 'instance-1')
    const p = await producerFor(engine, 'tx', 'g')
    const as = (memberId: string, groupInstanceId: string | null) =>
      txnCommit(engine, p, 'g', 5n, 3, { generationId: m.generationId, memberId, groupInstanceId })
    expect(await as('older-member', 'instance-1')).toBe(E.FENCED_INSTANCE_ID)
    expect(await as(m.memberId, 'instance-unknown')).toBe(E.UNKNOWN_MEMBER_ID)
    expect(await as(m.memberId, 'instance-1')).toBe(E.NONE)
  })

  it('a group that does not exist: a generation is ILLEGAL_GENERATION, none is taken', async () => {
    const engine = withTopic()
    const p = await producerFor(engine, 'tx', 'new-group')
    expect(await txnCommit(engine, p, 'new-group', 5n, 3, { generationId: 1, memberId: 'm' })).toBe(
      E.ILLEGAL_GENERATION
    )
    expect(await txnCommit(engine, p, 'new-group', 5n, 3)).toBe(E.NONE)
  })
})
