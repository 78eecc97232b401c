// Transaction version 2 (KIP-890's second part) through encoded frames: Produce 12 adds its
// partitions to the transaction, EndTxn 5 bumps the producer epoch at every commit and abort and
// answers the next transaction's producer id and epoch (a new producer id when the epoch runs
// out), markers carry the bumped epoch, a stale epoch's late requests are fenced, retries of an
// EndTxn are answered again, TxnOffsetCommit 5 adds its group, AddPartitionsToTxn 5 verify_only
// batches are answered as Kafka 4 answers them, __transaction_state holds value version 1 with
// the tagged fields; with transaction.version below 2 the new versions keep the old protocol. A
// transaction the coordinator aborts itself (its timeout, the console) is fenced and then ended
// as transaction version 2 ends it, so its producer's EndTxn 5 is fenced, not taken for a retry.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Engine } from '../../../src/engine/engine'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { decodeBatch, encodeBatch, splitBatches } from '../../../src/engine/records'
import { ErrorCode as E } from '../../../src/shared/kafka/error-codes'
import { coordinatorId, openEngine, send, txnCoordinatorId } from './helpers'
import { transactionStateRecords } from '../../support/offsets-topic'

async function init(engine: Engine, transactionalId: string) {
  const res = await send(
    engine,
    txnCoordinatorId(engine, transactionalId),
    ApiKey.InitProducerId,
    5,
    {
      transactionalId,
      transactionTimeoutMs: 60_000,
      producerId: -1n,
      producerEpoch: -1
    }
  )
  expect(res.errorCode).toBe(E.NONE)
  return { producerId: res.producerId, producerEpoch: res.producerEpoch }
}

async function produce(
  engine: Engine,
  transactionalId: string,
  producer: { producerId: bigint; producerEpoch: number },
  partition: number,
  baseSequence: number,
  version = 12
) {
  const leader = engine.topic('out')!.partitions[partition].leader
  const records = encodeBatch([{ value: `v${baseSequence}` }], {
    transactional: true,
    producerId: Number(producer.producerId),
    producerEpoch: producer.producerEpoch,
    baseSequence
  })
  const res = await send(engine, leader, ApiKey.Produce, version, {
    transactionalId,
    acks: -1,
    timeoutMs: 1000,
    topicData: [{ name: 'out', partitionData: [{ index: partition, records }] }]
  })
  return res.responses[0].partitionResponses[0].errorCode
}

function endTxn(
  engine: Engine,
  transactionalId: string,
  producer: { producerId: bigint; producerEpoch: number },
  committed: boolean,
  version = 5
) {
  return send(engine, txnCoordinatorId(engine, transactionalId), ApiKey.EndTxn, version, {
    transactionalId,
    ...producer,
    committed
  })
}

/** The control batches of a partition: producer id, epoch, and commit or abort. */
function markers(engine: Engine, partition: number) {
  const topic = engine.topic('out')!
  const log = engine.partitionLog(topic, partition)
  return log
    .read(0, 1 << 30)
    .flatMap((b) => splitBatches(b).batches)
    .filter((b) => b.header.isControl)
    .map((b) => {
      // The control record's key: int16 version, int16 type (0 abort, 1 commit).
      const key = decodeBatch(b.bytes).records[0].key as Buffer
      return [b.header.producerId, b.header.producerEpoch, key.readInt16BE(2) === 1]
    })
}

function withTopic(): Engine {
  const engine = openEngine()
  engine.createTopic({ name: 'out', partitions: 2, replicationFactor: 1 })
  return engine
}

describe('transaction version 2', () => {
  it('is finalized on a new cluster, as Kafka 4.0 starts one', () => {
    expect(withTopic().finalizedFeatures().levels['transaction.version']).toBe(2)
  })

  it('adds partitions with Produce 12 and bumps the epoch at every EndTxn 5', async () => {
    const engine = withTopic()
    const p = await init(engine, 'tx')
    // No AddPartitionsToTxn: the Produce adds its partitions.
    expect(await produce(engine, 'tx', p, 0, 0)).toBe(E.NONE)
    expect(await produce(engine, 'tx', p, 1, 0)).toBe(E.NONE)
    expect(engine.describeTransaction('tx')).toMatchObject({
      state: 'Ongoing',
      partitions: [
        { topic: 'out', partition: 0 },
        { topic: 'out', partition: 1 }
      ]
    })
    const committed = await endTxn(engine, 'tx', p, true)
    expect(committed).toMatchObject({
      errorCode: E.NONE,
      producerId: p.producerId,
      producerEpoch: p.producerEpoch + 1
    })
    // The markers carry the bumped epoch.
    expect(markers(engine, 0)).toEqual([[Number(p.producerId), p.producerEpoch + 1, true]])

    // A retry of the EndTxn with the old epoch is answered again; anything else of it is fenced.
    expect(await endTxn(engine, 'tx', p, true)).toMatchObject({
      errorCode: E.NONE,
      producerEpoch: p.producerEpoch + 1
    })
    expect((await endTxn(engine, 'tx', p, false)).errorCode).toBe(E.INVALID_TXN_STATE)
    expect(await produce(engine, 'tx', p, 0, 1)).toBe(E.INVALID_PRODUCER_EPOCH)
    expect(await produce(engine, 'tx', p, 0, 1, 11)).toBe(E.INVALID_PRODUCER_EPOCH)

    // The next transaction runs at the new epoch, its sequences from 0, and its abort bumps again.
    const next = { producerId: committed.producerId, producerEpoch: committed.producerEpoch }
    expect(await produce(engine, 'tx', next, 0, 0)).toBe(E.NONE)
    const aborted = await endTxn(engine, 'tx', next, false)
    expect(aborted).toMatchObject({ errorCode: E.NONE, producerEpoch: next.producerEpoch + 1 })
    expect(markers(engine, 0)).toEqual([
      [Number(p.producerId), p.producerEpoch + 1, true],
      [Number(p.producerId), p.producerEpoch + 2, false]
    ])
    expect(markers(engine, 1)).toEqual([[Number(p.producerId), p.producerEpoch + 1, true]])
    // An old epoch's EndTxn, not a retry: fenced.
    expect((await endTxn(engine, 'tx', p, false)).errorCode).toBe(E.PRODUCER_FENCED)
  })

  it('aborts a transaction that added nothing with a bump, as Kafka 4 does for EndTxn 5', async () => {
    const engine = withTopic()
    const p = await init(engine, 'tx')
    const e = p.producerEpoch
    // Empty: a commit is refused, an abort bumps the epoch and writes no marker.
    expect((await endTxn(engine, 'tx', p, true)).errorCode).toBe(E.INVALID_TXN_STATE)
    const first = await endTxn(engine, 'tx', p, false)
    expect(first).toMatchObject({
      errorCode: E.NONE,
      producerId: p.producerId,
      producerEpoch: e + 1
    })
    expect(engine.describeTransaction('tx')).toMatchObject({
      state: 'CompleteAbort',
      producerEpoch: e + 1,
      partitions: []
    })
    // Its retry is answered again; at the current epoch it is a new empty abort.
    expect(await endTxn(engine, 'tx', p, false)).toMatchObject({
      errorCode: E.NONE,
      producerEpoch: e + 1
    })
    expect((await endTxn(engine, 'tx', p, true)).errorCode).toBe(E.INVALID_TXN_STATE)
    const second = await endTxn(engine, 'tx', first, false)
    expect(second).toMatchObject({ errorCode: E.NONE, producerEpoch: e + 2 })
    // After a commit: the commit's retry is answered, another commit at the new epoch refused,
    // an abort at it bumps; the committed partition gets no second marker.
    expect(await produce(engine, 'tx', second, 0, 0)).toBe(E.NONE)
    const committed = await endTxn(engine, 'tx', second, true)
    expect(committed).toMatchObject({ errorCode: E.NONE, producerEpoch: e + 3 })
    expect((await endTxn(engine, 'tx', second, true)).errorCode).toBe(E.NONE)
    expect((await endTxn(engine, 'tx', committed, true)).errorCode).toBe(E.INVALID_TXN_STATE)
    expect(await endTxn(engine, 'tx', committed, false)).toMatchObject({
      errorCode: E.NONE,
      producerEpoch: e + 4
    })
    expect(markers(engine, 0)).toEqual([[Number(p.producerId), e + 3, true]])
    expect(markers(engine, 1)).toEqual([])
    // __transaction_state: each empty abort is a PrepareAbort without partitions, then a
    // CompleteAbort, at the bumped epoch.
    const states = transactionStateRecords(engine)
      .filter((x) => x.key.data.transactionalId === 'tx')
      .map((x) => [x.value?.data.transactionStatus, x.value?.data.producerEpoch])
    expect(states).toEqual([
      [0, e],
      [3, e + 1],
      [5, e + 1],
      [3, e + 2],
      [5, e + 2],
      [1, e + 2],
      [2, e + 3],
      [4, e + 3],
      [3, e + 4],
      [5, e + 4]
    ])
    // EndTxn 4 keeps the old rules: an abort after an abort is answered again, with no bump.
    const now = { producerId: p.producerId, producerEpoch: e + 4 }
    expect((await endTxn(engine, 'tx', now, false, 4)).errorCode).toBe(E.NONE)
    expect(engine.describeTransaction('tx')?.producerEpoch).toBe(e + 4)
  })

  it('answers the EndTxn 5 of a producer whose markers still wait CONCURRENT_TRANSACTIONS, not fenced', async () => {
    const engine = openEngine()
    const c = txnCoordinatorId(engine, 'tx')
    const away = engine.listBrokers().find((b) => b.id !== c)!.id
    engine.createTopic({ name: 'out', partitions: 1, replicationFactor: 1, assignment: [[away]] })
    const p = await init(engine, 'tx')
    expect(await produce(engine, 'tx', p, 0, 0)).toBe(E.NONE)
    engine.stopBroker(away)
    const committed = await endTxn(engine, 'tx', p, true)
    expect(committed).toMatchObject({ errorCode: E.NONE, producerEpoch: p.producerEpoch + 1 })
    expect(engine.describeTransaction('tx')?.state).toBe('PrepareCommit')
    // The next transaction's empty abort, at the epoch the commit answered, and the commit's
    // retry both wait for the markers (KAFKA-18464).
    expect((await endTxn(engine, 'tx', committed, false)).errorCode).toBe(E.CONCURRENT_TRANSACTIONS)
    expect((await endTxn(engine, 'tx', p, true)).errorCode).toBe(E.CONCURRENT_TRANSACTIONS)
    engine.startBroker(away)
    engine.checkTransactions()
    expect(engine.describeTransaction('tx')?.state).toBe('CompleteCommit')
    expect(await endTxn(engine, 'tx', committed, false)).toMatchObject({
      errorCode: E.NONE,
      producerEpoch: p.producerEpoch + 2
    })
  })

  it("fences a timed-out transaction's producer and bumps again as its end, at any epoch", async () => {
    await fc.assert(
      fc.asyncProperty(
        // Any epoch a producer can hold (Kafka never hands out 32767).
        fc.oneof(fc.integer({ min: 0, max: 32_766 }), fc.constantFrom(0, 32_764, 32_765, 32_766)),
        fc.constantFrom(1, 2),
        fc.constantFrom('timeout', 'console'),
        fc.boolean(),
        async (epoch, level, how, committed) => {
          const engine = withTopic()
          engine.updateFeatures([{ feature: 'transaction.version', level, upgradeType: 2 }])
          const p = await init(engine, 'tx')
          engine.describeTransaction('tx')!.producerEpoch = epoch
          const old = { producerId: p.producerId, producerEpoch: epoch }
          const added = await send(
            engine,
            txnCoordinatorId(engine, 'tx'),
            ApiKey.AddPartitionsToTxn,
            3,
            {
              v3AndBelowTransactionalId: 'tx',
              v3AndBelowProducerId: p.producerId,
              v3AndBelowProducerEpoch: epoch,
              v3AndBelowTopics: [{ name: 'out', partitions: [0] }]
            }
          )
          expect(added.resultsByTopicV3AndBelow[0].resultsByPartition[0].partitionErrorCode).toBe(
            E.NONE
          )
          expect(await produce(engine, 'tx', old, 0, 0, 11)).toBe(E.NONE)
          if (how === 'timeout') engine.checkTransactions(Date.now() + 120_000)
          else expect(engine.abortTransaction('tx')).toBe(E.NONE)
          // Fenced once, never past 32767; at transaction.version 2 bumped again by the end.
          const fenced = Math.min(epoch + 1, 32_767)
          const ended = level >= 2 ? Math.min(fenced + 1, 32_767) : fenced
          expect(engine.describeTransaction('tx')).toMatchObject({
            state: 'CompleteAbort',
            producerId: Number(p.producerId),
            producerEpoch: ended
          })
          // The marker closes the old producer id's batch, at the last bump.
          expect(markers(engine, 0)).toEqual([[Number(p.producerId), ended, false]])
          // The producer's EndTxn 5 of its old epoch is fenced, unless the epochs ran out and the
          // abort's bump stopped at 32767, one above it: Kafka's coordinator then takes it for a
          // retry of that abort (answered again; a commit is INVALID_TXN_STATE). EndTxn 4 is fenced.
          const looksLikeRetry = level >= 2 && ended === epoch + 1
          expect((await endTxn(engine, 'tx', old, committed)).errorCode).toBe(
            !looksLikeRetry ? E.PRODUCER_FENCED : committed ? E.INVALID_TXN_STATE : E.NONE
          )
          expect((await endTxn(engine, 'tx', old, committed, 4)).errorCode).toBe(E.PRODUCER_FENCED)
          // Its InitProducerId naming the old epoch too; a new instance gets the next epoch, or a
          // new producer id once the epochs run out.
          const again = (producerId: bigint, producerEpoch: number) =>
            send(engine, txnCoordinatorId(engine, 'tx'), ApiKey.InitProducerId, 5, {
              transactionalId: 'tx',
              transactionTimeoutMs: 60_000,
              producerId,
              producerEpoch
            })
          if (epoch !== ended)
            expect((await again(p.producerId, epoch)).errorCode).toBe(E.PRODUCER_FENCED)
          const next = await again(-1n, -1)
          expect(next.errorCode).toBe(E.NONE)
          if (ended >= 32_766) expect(next).toMatchObject({ producerEpoch: 0 })
          else expect(next).toMatchObject({ producerId: p.producerId, producerEpoch: ended + 1 })
          await engine.close()
        }
      ),
      { numRuns: 40 }
    )
  })

  it('hands out a new producer id when the bump uses the last epoch', async () => {
    const engine = withTopic()
    const p = await init(engine, 'tx')
    // The transactional id at its last usable epoch, as 32766 InitProducerIds would leave it.
    engine.describeTransaction('tx')!.producerEpoch = 32_766
    const last = { producerId: p.producerId, producerEpoch: 32_766 }
    expect(await produce(engine, 'tx', last, 0, 0)).toBe(E.NONE)
    const r = await endTxn(engine, 'tx', last, true)
    expect(r.errorCode).toBe(E.NONE)
    expect(r.producerId).not.toBe(p.producerId)
    expect(r.producerEpoch).toBe(0)
    // The marker is the old producer id's, at the bumped epoch.
    expect(markers(engine, 0)).toEqual([[Number(p.producerId), 32_767, true]])
    // The retry with the old id is answered with the new one.
    expect(await endTxn(engine, 'tx', last, true)).toMatchObject({
      errorCode: E.NONE,
      producerId: r.producerId,
      producerEpoch: 0
    })
    const records = transactionStateRecords(engine).filter(
      (x) => x.key.data.transactionalId === 'tx'
    )
    const prepare = records.find((x) => x.value?.data.transactionStatus === 2)!.value!
    expect(prepare.version).toBe(1)
    expect(prepare.data).toMatchObject({
      producerId: Number(p.producerId),
      producerEpoch: 32_767,
      nextProducerId: Number(r.producerId),
      clientTransactionVersion: 2
    })
    const complete = records.find((x) => x.value?.data.transactionStatus === 4)!.value!
    expect(complete.data).toMatchObject({
      producerId: Number(r.producerId),
      producerEpoch: 0,
      previousProducerId: Number(p.producerId),
      clientTransactionVersion: 2
    })
    // The new producer id writes the next transaction.
    const next = { producerId: r.producerId, producerEpoch: 0 }
    expect(await produce(engine, 'tx', next, 0, 0)).toBe(E.NONE)
    expect(await produce(engine, 'tx', last, 1, 0)).toBe(E.INVALID_PRODUCER_ID_MAPPING)
  })

  it('keeps what a retried EndTxn 5 is checked against across a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'logdeck-tv2-'))
    let engine = Engine.open({ dataDir: dir, brokers: 1 })
    try {
      engine.createTopic({ name: 'out', partitions: 2, replicationFactor: 1 })
      const p = await init(engine, 'tx')
      engine.describeTransaction('tx')!.producerEpoch = 32_766
      const last = { producerId: p.producerId, producerEpoch: 32_766 }
      expect(await produce(engine, 'tx', last, 0, 0)).toBe(E.NONE)
      const r = await endTxn(engine, 'tx', last, true)
      await engine.close()
      engine = Engine.open({ dataDir: dir, brokers: 1 })
      expect(engine.describeTransaction('tx')).toMatchObject({
        producerId: Number(r.producerId),
        producerEpoch: 0,
        previousProducerId: Number(p.producerId),
        nextProducerId: -1,
        clientTransactionVersion: 2
      })
      // The retry of the overflowing EndTxn is still recognized.
      expect(await endTxn(engine, 'tx', last, true)).toMatchObject({
        errorCode: E.NONE,
        producerId: r.producerId,
        producerEpoch: 0
      })
    } finally {
      await engine.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('adds the group with TxnOffsetCommit 5', async () => {
    const engine = withTopic()
    const p = await init(engine, 'tx')
    const group = 'g'
    const res = await send(engine, coordinatorId(engine, group), ApiKey.TxnOffsetCommit, 5, {
      transactionalId: 'tx',
      groupId: group,
      ...p,
      generationId: -1,
      memberId: '',
      groupInstanceId: null,
      topics: [
        {
          name: 'out',
          partitions: [
            {
              partitionIndex: 0,
              committedOffset: 5n,
              committedLeaderEpoch: -1,
              committedMetadata: null
            }
          ]
        }
      ]
    })
    expect(res.topics[0].partitions[0].errorCode).toBe(E.NONE)
    expect(engine.describeTransaction('tx')).toMatchObject({ state: 'Ongoing', groups: [group] })
    expect((await endTxn(engine, 'tx', p, true)).errorCode).toBe(E.NONE)
  })

  it('answers AddPartitionsToTxn 5 verify_only batches as Kafka 4 coordinators do', async () => {
    const engine = withTopic()
    // Three ids the same broker coordinates.
    const c = txnCoordinatorId(engine, 'tx-0')
    const ids = ['tx-0']
    for (let i = 1; ids.length < 3; i++)
      if (txnCoordinatorId(engine, `tx-${i}`) === c) ids.push(`tx-${i}`)
    const [a, b] = [await init(engine, ids[0]), await init(engine, ids[1])]
    expect(await produce(engine, ids[0], a, 0, 0)).toBe(E.NONE)
    const res = await send(engine, c, ApiKey.AddPartitionsToTxn, 5, {
      transactions: [
        {
          transactionalId: ids[0],
          ...a,
          verifyOnly: true,
          topics: [{ name: 'out', partitions: [0, 1] }]
        },
        {
          transactionalId: ids[1],
          producerId: b.producerId,
          producerEpoch: b.producerEpoch + 1,
          verifyOnly: true,
          topics: [{ name: 'out', partitions: [0] }]
        },
        {
          transactionalId: ids[2],
          ...a,
          verifyOnly: true,
          topics: [{ name: 'out', partitions: [0] }]
        }
      ]
    })
    expect(res.errorCode).toBe(E.NONE)
    expect(
      res.resultsByTransaction.map((t) =>
        t.topicResults[0].resultsByPartition.map((p) => p.partitionErrorCode)
      )
    ).toEqual([
      // In the transaction; not in it.
      [E.NONE, E.TRANSACTION_ABORTABLE],
      [E.PRODUCER_FENCED],
      [E.INVALID_PRODUCER_ID_MAPPING]
    ])
    // Verifying adds nothing.
    expect(engine.describeTransaction(ids[0])?.partitions).toEqual([{ topic: 'out', partition: 0 }])
  })

  it('keeps the old protocol below transaction version 2', async () => {
    const engine = withTopic()
    engine.updateFeatures([{ feature: 'transaction.version', level: 1, upgradeType: 2 }])
    const p = await init(engine, 'tx')
    // Produce 12 does not add the partition: AddPartitionsToTxn must. Verification's
    // TRANSACTION_ABORTABLE goes to Produce 11 and newer, INVALID_TXN_STATE to older versions.
    expect(await produce(engine, 'tx', p, 0, 0)).toBe(E.TRANSACTION_ABORTABLE)
    expect(await produce(engine, 'tx', p, 0, 0, 11)).toBe(E.TRANSACTION_ABORTABLE)
    expect(await produce(engine, 'tx', p, 0, 0, 10)).toBe(E.INVALID_TXN_STATE)
    expect(await produce(engine, 'tx', p, 0, 0, 3)).toBe(E.INVALID_TXN_STATE)
    const added = await send(engine, txnCoordinatorId(engine, 'tx'), ApiKey.AddPartitionsToTxn, 3, {
      v3AndBelowTransactionalId: 'tx',
      v3AndBelowProducerId: p.producerId,
      v3AndBelowProducerEpoch: p.producerEpoch,
      v3AndBelowTopics: [{ name: 'out', partitions: [0] }]
    })
    expect(added.resultsByTopicV3AndBelow[0].resultsByPartition[0].partitionErrorCode).toBe(E.NONE)
    expect(await produce(engine, 'tx', p, 0, 0)).toBe(E.NONE)
    // EndTxn 5 keeps the epoch, and names it.
    expect(await endTxn(engine, 'tx', p, true)).toMatchObject({
      errorCode: E.NONE,
      producerId: p.producerId,
      producerEpoch: p.producerEpoch
    })
    expect(markers(engine, 0)).toEqual([[Number(p.producerId), p.producerEpoch, true]])
    // Transaction version 1 still writes the flexible value version.
    const values = transactionStateRecords(engine).map((x) => x.value?.version)
    expect(new Set(values)).toEqual(new Set([1]))
  })

  it('keeps EndTxn 4 of an older client as it was at transaction version 2', async () => {
    const engine = withTopic()
    const p = await init(engine, 'tx')
    const added = await send(engine, txnCoordinatorId(engine, 'tx'), ApiKey.AddPartitionsToTxn, 3, {
      v3AndBelowTransactionalId: 'tx',
      v3AndBelowProducerId: p.producerId,
      v3AndBelowProducerEpoch: p.producerEpoch,
      v3AndBelowTopics: [{ name: 'out', partitions: [0] }]
    })
    expect(added.resultsByTopicV3AndBelow[0].resultsByPartition[0].partitionErrorCode).toBe(E.NONE)
    expect(await produce(engine, 'tx', p, 0, 0, 11)).toBe(E.NONE)
    expect((await endTxn(engine, 'tx', p, true, 4)).errorCode).toBe(E.NONE)
    expect(markers(engine, 0)).toEqual([[Number(p.producerId), p.producerEpoch, true]])
    expect(engine.describeTransaction('tx')).toMatchObject({
      producerEpoch: p.producerEpoch,
      clientTransactionVersion: 0
    })
    // The same epoch goes on to the next transaction, which must add the partition again.
    expect(await produce(engine, 'tx', p, 0, 1, 11)).toBe(E.TRANSACTION_ABORTABLE)
    expect(await produce(engine, 'tx', p, 0, 1, 10)).toBe(E.INVALID_TXN_STATE)
  })
})
