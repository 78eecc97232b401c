// AddOffsetsToTxn at every served version (0-4) through encoded frames. Version 4 (KIP-890) tells
// the coordinator that the client knows TRANSACTION_ABORTABLE; Kafka's coordinator never answers
// it when adding a group (only transaction verification does, for Produce and TxnOffsetCommit),
// so version 4 is answered as 3: the group joins the transaction, and a stale epoch is
// PRODUCER_FENCED from version 2 and INVALID_PRODUCER_EPOCH before, as Kafka translates it.
import { describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { ErrorCode as E } from '../../../src/shared/kafka/error-codes'
import type { Engine } from '../../../src/engine/engine'
import { coordinatorId, openEngine, send, txnCoordinatorId } from './helpers'

async function init(engine: Engine, transactionalId: string) {
  return send(engine, txnCoordinatorId(engine, transactionalId), ApiKey.InitProducerId, 4, {
    transactionalId,
    transactionTimeoutMs: 60_000,
    producerId: -1n,
    producerEpoch: -1
  })
}

function addOffsets(
  engine: Engine,
  transactionalId: string,
  producerId: bigint,
  producerEpoch: number,
  groupId: string,
  version: number
) {
  return send(engine, txnCoordinatorId(engine, transactionalId), ApiKey.AddOffsetsToTxn, version, {
    transactionalId,
    producerId,
    producerEpoch,
    groupId
  })
}

/** TxnOffsetCommit 4's answer: NONE once the group is in the transaction, else TRANSACTION_ABORTABLE. */
async function commitOffset(
  engine: Engine,
  transactionalId: string,
  producerId: bigint,
  producerEpoch: number,
  groupId: string
) {
  const res = await send(engine, coordinatorId(engine, groupId), ApiKey.TxnOffsetCommit, 4, {
    transactionalId,
    groupId,
    producerId,
    producerEpoch,
    generationId: -1,
    memberId: '',
    groupInstanceId: null,
    topics: [
      {
        name: 'in',
        partitions: [
          {
            partitionIndex: 0,
            committedOffset: 7n,
            committedLeaderEpoch: -1,
            committedMetadata: null
          }
        ]
      }
    ]
  })
  return res.topics[0].partitions[0].errorCode
}

describe('AddOffsetsToTxn 0-4', () => {
  it.each([0, 1, 2, 3, 4])('version %i adds the group to the transaction', async (version) => {
    const engine = openEngine()
    engine.createTopic({ name: 'in', partitions: 1, replicationFactor: 1 })
    const p = await init(engine, `tx-${version}`)
    expect(p.errorCode).toBe(E.NONE)
    // Not yet added: the group's coordinator refuses the offsets.
    expect(await commitOffset(engine, `tx-${version}`, p.producerId, 0, 'g')).toBe(
      E.TRANSACTION_ABORTABLE
    )
    const res = await addOffsets(engine, `tx-${version}`, p.producerId, 0, 'g', version)
    expect(res.errorCode).toBe(E.NONE)
    expect(await commitOffset(engine, `tx-${version}`, p.producerId, 0, 'g')).toBe(E.NONE)
    // Again: the group is already in it.
    expect(
      (await addOffsets(engine, `tx-${version}`, p.producerId, 0, 'g', version)).errorCode
    ).toBe(E.NONE)
  })

  it('a fenced producer: PRODUCER_FENCED from version 2 (4 too), INVALID_PRODUCER_EPOCH before', async () => {
    const engine = openEngine()
    const first = await init(engine, 'tx-fenced')
    const second = await init(engine, 'tx-fenced')
    expect(second.producerEpoch).toBe(first.producerEpoch + 1)
    const codes: number[] = []
    for (const version of [0, 1, 2, 3, 4])
      codes.push(
        (await addOffsets(engine, 'tx-fenced', first.producerId, first.producerEpoch, 'g', version))
          .errorCode
      )
    expect(codes).toEqual([
      E.INVALID_PRODUCER_EPOCH,
      E.INVALID_PRODUCER_EPOCH,
      E.PRODUCER_FENCED,
      E.PRODUCER_FENCED,
      E.PRODUCER_FENCED
    ])
  })

  it('version 4 answers what version 3 answers: unknown producer, wrong coordinator, empty id', async () => {
    const engine = openEngine()
    const answers = async (version: number) => {
      const unknown = await addOffsets(engine, 'tx-none', 12345n, 0, 'g', version)
      const coordinator = txnCoordinatorId(engine, 'tx-none')
      const other = engine.listBrokers().find((b) => b.id !== coordinator)
      const elsewhere = other
        ? await send(engine, other.id, ApiKey.AddOffsetsToTxn, version, {
            transactionalId: 'tx-none',
            producerId: 1n,
            producerEpoch: 0,
            groupId: 'g'
          })
        : null
      const empty = await send(engine, coordinator, ApiKey.AddOffsetsToTxn, version, {
        transactionalId: '',
        producerId: 1n,
        producerEpoch: 0,
        groupId: 'g'
      })
      return [unknown.errorCode, elsewhere?.errorCode, empty.errorCode]
    }
    const v4 = await answers(4)
    expect(v4).toEqual(await answers(3))
    expect(v4[0]).toBe(E.INVALID_PRODUCER_ID_MAPPING)
    expect(v4[2]).toBe(E.INVALID_REQUEST)
  })
})
