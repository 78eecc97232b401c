// The transaction coordinator through encoded frames: InitProducerId with a transactional id,
// AddPartitionsToTxn (v0-3 and v4's batched form), AddOffsetsToTxn, TxnOffsetCommit, EndTxn,
// Kafka's error codes for requests out of order, fencing, timeouts, markers that wait for a
// leader, and read_committed Fetch / ListOffsets around the last stable offset.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Engine } from '../../../src/engine/engine'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { decodeBatch, encodeBatch, splitBatches } from '../../../src/engine/records'
import { ErrorCode as E } from '../../../src/shared/kafka/error-codes'
import { coordinatorId, txnCoordinatorId, openEngine, send } from './helpers'
import { offsetsTopicRecords, transactionStateRecords } from '../../support/offsets-topic'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function init(engine: Engine, transactionalId: string, version = 4, timeoutMs = 60_000) {
  const res = await send(
    engine,
    txnCoordinatorId(engine, transactionalId),
    ApiKey.InitProducerId,
    version,
    {
      transactionalId,
      transactionTimeoutMs: timeoutMs,
      producerId: -1n,
      producerEpoch: -1
    }
  )
  return res
}

function addPartitions(
  engine: Engine,
  transactionalId: string,
  producerId: bigint,
  producerEpoch: number,
  topics: { name: string; partitions: number[] }[],
  version = 3
) {
  return send(
    engine,
    txnCoordinatorId(engine, transactionalId),
    ApiKey.AddPartitionsToTxn,
    version,
    {
      v3AndBelowTransactionalId: transactionalId,
      v3AndBelowProducerId: producerId,
      v3AndBelowProducerEpoch: producerEpoch,
      v3AndBelowTopics: topics
    }
  )
}

function endTxn(
  engine: Engine,
  transactionalId: string,
  producerId: bigint,
  producerEpoch: number,
  committed: boolean,
  version = 3
) {
  return send(engine, txnCoordinatorId(engine, transactionalId), ApiKey.EndTxn, version, {
    transactionalId,
    producerId,
    producerEpoch,
    committed
  })
}

function partitionCodes(res: {
  resultsByTopicV3AndBelow: {
    name: string
    resultsByPartition: { partitionIndex: number; partitionErrorCode: number }[]
  }[]
}) {
  return res.resultsByTopicV3AndBelow.flatMap((t) =>
    t.resultsByPartition.map((p) => [`${t.name}-${p.partitionIndex}`, p.partitionErrorCode])
  )
}

/** Produces one transactional batch of `values` to a partition through its leader. */
async function produce(
  engine: Engine,
  topic: string,
  partition: number,
  producerId: bigint,
  producerEpoch: number,
  baseSequence: number,
  values: string[]
) {
  const leader = engine.topic(topic)!.partitions[partition].leader
  const records = encodeBatch(
    values.map((v) => ({ value: v })),
    { transactional: true, producerId: Number(producerId), producerEpoch, baseSequence }
  )
  const res = await send(engine, leader, ApiKey.Produce, 9, {
    transactionalId: 'x',
    acks: 1,
    timeoutMs: 1000,
    topicData: [{ name: topic, partitionData: [{ index: partition, records }] }]
  })
  return res.responses[0].partitionResponses[0]
}

/** The producer id, epoch and outcome (true: commit) of each marker of out-0. */
function markerEpochs(engine: Engine) {
  return engine
    .partitionLog(engine.topic('out')!, 0)
    .read(0, 1 << 30)
    .flatMap((b) => splitBatches(b).batches)
    .filter((b) => b.header.isControl)
    .map((b) => {
      // The control record's key: int16 version, int16 type (0 abort, 1 commit).
      const key = decodeBatch(b.bytes).records[0].key as Buffer
      return [b.header.producerId, b.header.producerEpoch, key.readInt16BE(2) === 1]
    })
}

async function fetch(engine: Engine, topic: string, partition: number, isolationLevel: number) {
  const leader = engine.topic(topic)!.partitions[partition].leader
  const res = await send(engine, leader, ApiKey.Fetch, 11, {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 1 << 20,
    isolationLevel,
    topics: [
      {
        topic,
        partitions: [
          {
            partition,
            fetchOffset: 0n,
            partitionMaxBytes: 1 << 20,
            currentLeaderEpoch: -1,
            logStartOffset: -1n
          }
        ]
      }
    ]
  })
  const p = res.responses[0].partitions[0]
  const batches = p.records && p.records.length > 0 ? splitBatches(p.records).batches : []
  return {
    errorCode: p.errorCode,
    highWatermark: Number(p.highWatermark),
    lastStableOffset: Number(p.lastStableOffset),
    aborted: (p.abortedTransactions ?? []).map((a) => [
      Number(a.producerId),
      Number(a.firstOffset)
    ]),
    batches: batches.map((b) => ({
      baseOffset: b.header.baseOffset,
      lastOffset: b.header.lastOffset,
      control: b.header.isControl
    }))
  }
}

async function latest(engine: Engine, topic: string, partition: number, isolationLevel: number) {
  const leader = engine.topic(topic)!.partitions[partition].leader
  const res = await send(engine, leader, ApiKey.ListOffsets, 5, {
    replicaId: -1,
    isolationLevel,
    topics: [
      {
        name: topic,
        partitions: [{ partitionIndex: partition, timestamp: -1n, currentLeaderEpoch: -1 }]
      }
    ]
  })
  return Number(res.topics[0].partitions[0].offset)
}

describe('InitProducerId with a transactional id', () => {
  it('gives the id one producer id; each new instance bumps the epoch', async () => {
    const engine = openEngine()
    const a = await init(engine, 'tx-a')
    expect(a).toMatchObject({ errorCode: E.NONE, producerEpoch: 0 })
    const b = await init(engine, 'tx-a')
    expect(b).toMatchObject({ errorCode: E.NONE, producerId: a.producerId, producerEpoch: 1 })
    const other = await init(engine, 'tx-b')
    expect(other.producerId).not.toBe(a.producerId)
  })

  it('is answered only by the coordinator of the transactional id', async () => {
    const engine = openEngine()
    const coordinator = txnCoordinatorId(engine, 'tx-a')
    const other = engine.listBrokers().find((b) => b.id !== coordinator)!.id
    const res = await send(engine, other, ApiKey.InitProducerId, 4, {
      transactionalId: 'tx-a',
      transactionTimeoutMs: 60_000
    })
    expect(res.errorCode).toBe(E.NOT_COORDINATOR)
  })

  it('refuses a timeout above transaction.max.timeout.ms', async () => {
    const engine = openEngine()
    expect((await init(engine, 'tx-a', 4, 900_001)).errorCode).toBe(E.INVALID_TRANSACTION_TIMEOUT)
  })

  it.each([
    [3, E.INVALID_PRODUCER_EPOCH],
    [4, E.PRODUCER_FENCED],
    [5, E.PRODUCER_FENCED]
  ])('v%i: a resuming producer with an old epoch gets %i', async (version, code) => {
    const engine = openEngine()
    const a = await init(engine, 'tx-a')
    await init(engine, 'tx-a')
    const res = await send(
      engine,
      txnCoordinatorId(engine, 'tx-a'),
      ApiKey.InitProducerId,
      version,
      {
        transactionalId: 'tx-a',
        transactionTimeoutMs: 60_000,
        producerId: a.producerId,
        producerEpoch: a.producerEpoch
      }
    )
    expect(res.errorCode).toBe(code)
  })
})

describe('requests out of order', () => {
  it('AddPartitionsToTxn before InitProducerId: INVALID_PRODUCER_ID_MAPPING', async () => {
    const engine = openEngine()
    engine.createTopic({ name: 'out', partitions: 1, replicationFactor: 1 })
    const res = await addPartitions(engine, 'tx-none', 7n, 0, [{ name: 'out', partitions: [0] }])
    expect(partitionCodes(res)).toEqual([['out-0', E.INVALID_PRODUCER_ID_MAPPING]])
  })

  it('EndTxn without a transaction: INVALID_TXN_STATE', async () => {
    const engine = openEngine()
    const a = await init(engine, 'tx-a')
    const res = await endTxn(engine, 'tx-a', a.producerId, a.producerEpoch, true)
    expect(res.errorCode).toBe(E.INVALID_TXN_STATE)
  })

  it.each([
    [1, E.INVALID_PRODUCER_EPOCH],
    [2, E.PRODUCER_FENCED],
    [3, E.PRODUCER_FENCED]
  ])('AddPartitionsToTxn v%i with a stale epoch: %i', async (version, code) => {
    const engine = openEngine()
    engine.createTopic({ name: 'out', partitions: 1, replicationFactor: 1 })
    const a = await init(engine, 'tx-a')
    await init(engine, 'tx-a')
    const res = await addPartitions(
      engine,
      'tx-a',
      a.producerId,
      a.producerEpoch,
      [{ name: 'out', partitions: [0] }],
      version
    )
    expect(partitionCodes(res)).toEqual([['out-0', code]])
  })

  it('an unknown partition fails the request; the others are not attempted', async () => {
    const engine = openEngine()
    engine.createTopic({ name: 'out', partitions: 1, replicationFactor: 1 })
    const a = await init(engine, 'tx-a')
    const res = await addPartitions(engine, 'tx-a', a.producerId, 0, [
      { name: 'out', partitions: [0, 4] }
    ])
    expect(partitionCodes(res)).toEqual([
      ['out-0', E.OPERATION_NOT_ATTEMPTED],
      ['out-4', E.UNKNOWN_TOPIC_OR_PARTITION]
    ])
  })

  it('a transactional batch to a partition not in the transaction (Produce 9): INVALID_TXN_STATE', async () => {
    const engine = openEngine()
    engine.createTopic({ name: 'out', partitions: 2, replicationFactor: 1 })
    const a = await init(engine, 'tx-a')
    await addPartitions(engine, 'tx-a', a.producerId, 0, [{ name: 'out', partitions: [0] }])
    expect((await produce(engine, 'out', 1, a.producerId, 0, 0, ['x'])).errorCode).toBe(
      E.INVALID_TXN_STATE
    )
    expect((await produce(engine, 'out', 0, a.producerId, 0, 0, ['x'])).errorCode).toBe(E.NONE)
  })

  it('TxnOffsetCommit without AddOffsetsToTxn: TRANSACTION_ABORTABLE from v4, INVALID_TXN_STATE before', async () => {
    const engine = openEngine()
    engine.createTopic({ name: 'in', partitions: 1, replicationFactor: 1 })
    const a = await init(engine, 'tx-a')
    const commit = (version: number) =>
      send(engine, coordinatorId(engine, 'g'), ApiKey.TxnOffsetCommit, version, {
        transactionalId: 'tx-a',
        groupId: 'g',
        producerId: a.producerId,
        producerEpoch: 0,
        generationId: -1,
        memberId: '',
        groupInstanceId: null,
        topics: [
          {
            name: 'in',
            partitions: [
              {
                partitionIndex: 0,
                committedOffset: 3n,
                committedLeaderEpoch: -1,
                committedMetadata: null
              }
            ]
          }
        ]
      })
    const codes = async (version: number) =>
      (await commit(version)).topics[0].partitions[0].errorCode
    expect(await codes(0)).toBe(E.INVALID_TXN_STATE)
    expect(await codes(3)).toBe(E.INVALID_TXN_STATE)
    expect(await codes(4)).toBe(E.TRANSACTION_ABORTABLE)
    // Transaction version 2's TxnOffsetCommit 5 adds the group itself.
    expect(await codes(5)).toBe(E.NONE)
  })

  it('a transactional batch to a partition not in the transaction: TRANSACTION_ABORTABLE for Produce 11+', async () => {
    const engine = openEngine()
    engine.createTopic({ name: 'out', partitions: 2, replicationFactor: 1 })
    const a = await init(engine, 'tx-a')
    await addPartitions(engine, 'tx-a', a.producerId, 0, [{ name: 'out', partitions: [0] }])
    const records = encodeBatch([{ value: 'x' }], {
      transactional: true,
      producerId: Number(a.producerId),
      producerEpoch: 0,
      baseSequence: 0
    })
    const codes: number[] = []
    for (const version of [3, 9, 10, 11]) {
      const res = await send(
        engine,
        engine.topic('out')!.partitions[1].leader,
        ApiKey.Produce,
        version,
        {
          transactionalId: 'tx-a',
          acks: 1,
          timeoutMs: 1000,
          topicData: [{ name: 'out', partitionData: [{ index: 1, records }] }]
        }
      )
      codes.push(res.responses[0].partitionResponses[0].errorCode)
    }
    expect(codes).toEqual([
      E.INVALID_TXN_STATE,
      E.INVALID_TXN_STATE,
      E.INVALID_TXN_STATE,
      E.TRANSACTION_ABORTABLE
    ])
  })

  it('an empty transactional id is INVALID_REQUEST on every broker, as Kafka answers it', async () => {
    const engine = openEngine()
    engine.createTopic({ name: 'out', partitions: 1, replicationFactor: 1 })
    const group = coordinatorId(engine, 'g')
    for (const broker of [0, 1, 2]) {
      const init = await send(engine, broker, ApiKey.InitProducerId, 4, {
        transactionalId: '',
        transactionTimeoutMs: 60_000,
        producerId: -1n,
        producerEpoch: -1
      })
      expect(init).toMatchObject({
        errorCode: E.INVALID_REQUEST,
        producerId: -1n,
        producerEpoch: -1
      })
      const add = await send(engine, broker, ApiKey.AddPartitionsToTxn, 3, {
        v3AndBelowTransactionalId: '',
        v3AndBelowProducerId: 1n,
        v3AndBelowProducerEpoch: 0,
        v3AndBelowTopics: [{ name: 'out', partitions: [0] }]
      })
      expect(partitionCodes(add)).toEqual([['out-0', E.INVALID_REQUEST]])
      const batched = await send(engine, broker, ApiKey.AddPartitionsToTxn, 4, {
        transactions: [
          {
            transactionalId: '',
            producerId: 1n,
            producerEpoch: 0,
            verifyOnly: true,
            topics: [{ name: 'out', partitions: [0] }]
          }
        ]
      })
      expect(
        batched.resultsByTransaction[0].topicResults[0].resultsByPartition[0].partitionErrorCode
      ).toBe(E.INVALID_REQUEST)
      const offsets = await send(engine, broker, ApiKey.AddOffsetsToTxn, 3, {
        transactionalId: '',
        producerId: 1n,
        producerEpoch: 0,
        groupId: 'g'
      })
      expect(offsets.errorCode).toBe(E.INVALID_REQUEST)
      const described = await send(engine, broker, ApiKey.DescribeTransactions, 0, {
        transactionalIds: ['']
      })
      expect(described.transactionStates[0].errorCode).toBe(E.INVALID_REQUEST)
      for (const version of [3, 5]) {
        const end = await send(engine, broker, ApiKey.EndTxn, version, {
          transactionalId: '',
          producerId: 1n,
          producerEpoch: 0,
          committed: true
        })
        expect(end).toMatchObject({ errorCode: E.INVALID_REQUEST })
      }
    }
    // An unknown partition is answered before the empty id, as KafkaApis checks topics first.
    const unknown = await send(engine, 0, ApiKey.AddPartitionsToTxn, 3, {
      v3AndBelowTransactionalId: '',
      v3AndBelowProducerId: 1n,
      v3AndBelowProducerEpoch: 0,
      v3AndBelowTopics: [{ name: 'out', partitions: [0, 7] }]
    })
    expect(partitionCodes(unknown)).toEqual([
      ['out-0', E.OPERATION_NOT_ATTEMPTED],
      ['out-7', E.UNKNOWN_TOPIC_OR_PARTITION]
    ])
    // TxnOffsetCommit: the group's coordinator answers the verification's INVALID_REQUEST; an
    // empty group id is INVALID_GROUP_ID and a partition the cluster does not have its own code.
    const txnCommit = (transactionalId: string, groupId: string, broker: number) =>
      send(engine, broker, ApiKey.TxnOffsetCommit, 3, {
        transactionalId,
        groupId,
        producerId: 1n,
        producerEpoch: 0,
        generationId: -1,
        memberId: '',
        groupInstanceId: null,
        topics: [
          {
            name: 'out',
            partitions: [0, 3].map((partitionIndex) => ({
              partitionIndex,
              committedOffset: 1n,
              committedLeaderEpoch: -1,
              committedMetadata: null
            }))
          }
        ]
      })
    const commitCodes = async (transactionalId: string, groupId: string, broker = group) =>
      (await txnCommit(transactionalId, groupId, broker)).topics[0].partitions.map(
        (p) => p.errorCode
      )
    expect(await commitCodes('', 'g')).toEqual([E.INVALID_REQUEST, E.UNKNOWN_TOPIC_OR_PARTITION])
    expect(await commitCodes('', '')).toEqual([E.INVALID_GROUP_ID, E.UNKNOWN_TOPIC_OR_PARTITION])
    expect(await commitCodes('', 'g', (group + 1) % 3)).toEqual([
      E.NOT_COORDINATOR,
      E.UNKNOWN_TOPIC_OR_PARTITION
    ])
  })

  it("InitProducerId naming the producer's id and epoch: a bump, its retry answered again, as Kafka's lastProducerEpoch", async () => {
    const engine = openEngine()
    engine.createTopic({ name: 'out', partitions: 1, replicationFactor: 1 })
    const again = (producerId: bigint, producerEpoch: number, version = 4) =>
      send(engine, txnCoordinatorId(engine, 'tx-a'), ApiKey.InitProducerId, version, {
        transactionalId: 'tx-a',
        transactionTimeoutMs: 60_000,
        producerId,
        producerEpoch
      })
    const a = await init(engine, 'tx-a')
    const pid = a.producerId
    // KIP-360: the producer bumps its own epoch; a lost answer's retry gets the same epoch.
    expect(await again(pid, 0)).toMatchObject({
      errorCode: E.NONE,
      producerId: pid,
      producerEpoch: 1
    })
    expect(await again(pid, 0)).toMatchObject({
      errorCode: E.NONE,
      producerId: pid,
      producerEpoch: 1
    })
    expect(await again(pid, 1)).toMatchObject({ errorCode: E.NONE, producerEpoch: 2 })
    expect((await again(pid, 0)).errorCode).toBe(E.PRODUCER_FENCED)
    expect((await again(pid, 0, 3)).errorCode).toBe(E.INVALID_PRODUCER_EPOCH)
    expect((await again(pid + 100n, 2)).errorCode).toBe(E.PRODUCER_FENCED)
    // A new instance (no id) bumps and forgets the last epoch.
    expect(await again(-1n, -1)).toMatchObject({ errorCode: E.NONE, producerEpoch: 3 })
    expect((await again(pid, 2)).errorCode).toBe(E.PRODUCER_FENCED)
    // With its own transaction open, the coordinator aborts it and the producer is fenced, as
    // Kafka's is (its Java client sends EndTxn first for that reason).
    await addPartitions(engine, 'tx-a', pid, 3, [{ name: 'out', partitions: [0] }])
    await produce(engine, 'out', 0, pid, 3, 0, ['a'])
    expect((await again(pid, 3)).errorCode).toBe(E.PRODUCER_FENCED)
    expect(engine.describeTransaction('tx-a')).toMatchObject({
      state: 'CompleteAbort',
      producerEpoch: 5
    })
    expect(markerEpochs(engine)).toEqual([[Number(pid), 5, false]])
    // The epochs run out: a new producer id, and the retry naming the old one gets it again.
    engine.describeTransaction('tx-a')!.producerEpoch = 32_766
    const rotated = await again(pid, 32_766)
    expect(rotated).toMatchObject({ errorCode: E.NONE, producerEpoch: 0 })
    expect(rotated.producerId).not.toBe(pid)
    expect(await again(pid, 32_766)).toMatchObject({
      errorCode: E.NONE,
      producerId: rotated.producerId,
      producerEpoch: 0
    })
  })

  it("InitProducerId naming the epoch before a transaction version 2 EndTxn's bump is answered as a retry", async () => {
    const engine = openEngine()
    engine.createTopic({ name: 'out', partitions: 1, replicationFactor: 1 })
    const a = await init(engine, 'tx-a', 5)
    const pid = a.producerId
    await addPartitions(engine, 'tx-a', pid, 0, [{ name: 'out', partitions: [0] }])
    const ended = await endTxn(engine, 'tx-a', pid, 0, true, 5)
    expect(ended).toMatchObject({ errorCode: E.NONE, producerEpoch: 1 })
    const again = (producerEpoch: number) =>
      send(engine, txnCoordinatorId(engine, 'tx-a'), ApiKey.InitProducerId, 5, {
        transactionalId: 'tx-a',
        transactionTimeoutMs: 60_000,
        producerId: pid,
        producerEpoch
      })
    // Kafka's prepareAbortOrCommit remembers the epoch it bumped from.
    expect(await again(0)).toMatchObject({ errorCode: E.NONE, producerEpoch: 1 })
    expect(await again(1)).toMatchObject({ errorCode: E.NONE, producerEpoch: 2 })
  })

  it('InitProducerId with a producer id but no epoch (or an epoch but no id): INVALID_REQUEST', async () => {
    const engine = openEngine()
    for (const [producerId, producerEpoch] of [
      [-1n, 0],
      [5n, -1]
    ] as const) {
      for (const transactionalId of ['tx-a', null]) {
        const res = await send(
          engine,
          transactionalId ? txnCoordinatorId(engine, transactionalId) : 0,
          ApiKey.InitProducerId,
          4,
          { transactionalId, transactionTimeoutMs: 60_000, producerId, producerEpoch }
        )
        expect(res.errorCode).toBe(E.INVALID_REQUEST)
      }
    }
    // Version 2 has neither field.
    const v2 = await send(engine, txnCoordinatorId(engine, 'tx-a'), ApiKey.InitProducerId, 2, {
      transactionalId: 'tx-a',
      transactionTimeoutMs: 60_000
    })
    expect(v2.errorCode).toBe(E.NONE)
  })
  it("TxnOffsetCommit is verified as Kafka's transaction verification does, before the group's checks", async () => {
    const engine = openEngine()
    engine.createTopic({ name: 'in', partitions: 1, replicationFactor: 1 })
    const a = await init(engine, 'tx-a')
    const add = await send(engine, txnCoordinatorId(engine, 'tx-a'), ApiKey.AddOffsetsToTxn, 3, {
      transactionalId: 'tx-a',
      producerId: a.producerId,
      producerEpoch: 0,
      groupId: 'g'
    })
    expect(add.errorCode).toBe(E.NONE)
    // A consumer generation the group does not have (it has none).
    const commit = async (transactionalId: string, producerId: bigint, producerEpoch: number) => {
      const res = await send(engine, coordinatorId(engine, 'g'), ApiKey.TxnOffsetCommit, 3, {
        transactionalId,
        groupId: 'g',
        producerId,
        producerEpoch,
        generationId: 4,
        memberId: 'consumer-1',
        groupInstanceId: null,
        topics: [
          {
            name: 'in',
            partitions: [{ partitionIndex: 0, committedOffset: 3n, committedMetadata: null }]
          }
        ]
      })
      return res.topics[0].partitions[0].errorCode
    }
    // Kafka's transaction coordinator answers the verification of an unknown transactional id,
    // or of a producer id it does not have, INVALID_PRODUCER_ID_MAPPING (kafkajs's suite expects
    // Kafka 2.4, before KIP-890, which did not check); an older epoch is fenced.
    expect(await commit('foo', 999n, 999)).toBe(E.INVALID_PRODUCER_ID_MAPPING)
    expect(await commit('tx-a', a.producerId + 1n, 0)).toBe(E.INVALID_PRODUCER_ID_MAPPING)
    const again = await init(engine, 'tx-a')
    expect(await commit('tx-a', a.producerId, 0)).toBe(E.INVALID_PRODUCER_EPOCH)
    // Verified, the group checks the member the offsets are committed for.
    await send(engine, txnCoordinatorId(engine, 'tx-a'), ApiKey.AddOffsetsToTxn, 3, {
      transactionalId: 'tx-a',
      producerId: again.producerId,
      producerEpoch: again.producerEpoch,
      groupId: 'g'
    })
    expect(await commit('tx-a', again.producerId, again.producerEpoch)).toBe(E.ILLEGAL_GENERATION)
  })
})

describe('commit and abort', () => {
  it('read_committed sees a transaction only once its commit marker is below the high watermark', async () => {
    const engine = openEngine()
    engine.createTopic({ name: 'out', partitions: 1, replicationFactor: 1 })
    const a = await init(engine, 'tx-a')
    await addPartitions(engine, 'tx-a', a.producerId, 0, [{ name: 'out', partitions: [0] }])
    await produce(engine, 'out', 0, a.producerId, 0, 0, ['a', 'b', 'c'])
    let committed = await fetch(engine, 'out', 0, 1)
    expect(committed).toMatchObject({ highWatermark: 3, lastStableOffset: 0, batches: [] })
    expect((await fetch(engine, 'out', 0, 0)).batches).toHaveLength(1)
    expect(await latest(engine, 'out', 0, 1)).toBe(0)
    expect(await latest(engine, 'out', 0, 0)).toBe(3)

    expect((await endTxn(engine, 'tx-a', a.producerId, 0, true)).errorCode).toBe(E.NONE)
    committed = await fetch(engine, 'out', 0, 1)
    expect(committed).toMatchObject({ highWatermark: 4, lastStableOffset: 4, aborted: [] })
    expect(committed.batches).toEqual([
      { baseOffset: 0, lastOffset: 2, control: false },
      { baseOffset: 3, lastOffset: 3, control: true }
    ])
    expect(await latest(engine, 'out', 0, 1)).toBe(4)
    // A retried EndTxn of the same outcome succeeds; the other outcome is refused.
    expect((await endTxn(engine, 'tx-a', a.producerId, 0, true)).errorCode).toBe(E.NONE)
    expect((await endTxn(engine, 'tx-a', a.producerId, 0, false)).errorCode).toBe(
      E.INVALID_TXN_STATE
    )
  })

  it('an abort lists the transaction among the aborted ones of a read_committed fetch', async () => {
    const engine = openEngine()
    engine.createTopic({ name: 'out', partitions: 1, replicationFactor: 1 })
    const a = await init(engine, 'tx-a')
    await addPartitions(engine, 'tx-a', a.producerId, 0, [{ name: 'out', partitions: [0] }])
    await produce(engine, 'out', 0, a.producerId, 0, 0, ['a', 'b'])
    expect((await endTxn(engine, 'tx-a', a.producerId, 0, false)).errorCode).toBe(E.NONE)
    await addPartitions(engine, 'tx-a', a.producerId, 0, [{ name: 'out', partitions: [0] }])
    await produce(engine, 'out', 0, a.producerId, 0, 2, ['c'])
    expect((await endTxn(engine, 'tx-a', a.producerId, 0, true)).errorCode).toBe(E.NONE)
    const f = await fetch(engine, 'out', 0, 1)
    expect(f.lastStableOffset).toBe(5)
    expect(f.aborted).toEqual([[Number(a.producerId), 0]])
    expect(f.batches.map((b) => b.control)).toEqual([false, true, false, true])
    // read_uncommitted gets no list.
    expect((await fetch(engine, 'out', 0, 0)).aborted).toEqual([])
  })

  it("offsets sent in a transaction become the group's on commit only", async () => {
    const engine = openEngine()
    engine.createTopic({ name: 'in', partitions: 1, replicationFactor: 1 })
    const group = 'g-txn'
    const commitIn = async (txId: string, offset: bigint, commit: boolean) => {
      const a = await init(engine, txId)
      const add = await send(engine, txnCoordinatorId(engine, txId), ApiKey.AddOffsetsToTxn, 3, {
        transactionalId: txId,
        producerId: a.producerId,
        producerEpoch: a.producerEpoch,
        groupId: group
      })
      expect(add.errorCode).toBe(E.NONE)
      const res = await send(engine, coordinatorId(engine, group), ApiKey.TxnOffsetCommit, 3, {
        transactionalId: txId,
        groupId: group,
        producerId: a.producerId,
        producerEpoch: a.producerEpoch,
        topics: [
          {
            name: 'in',
            partitions: [{ partitionIndex: 0, committedOffset: offset, committedMetadata: 'm' }]
          }
        ]
      })
      expect(res.topics[0].partitions[0].errorCode).toBe(E.NONE)
      const fetchOffset = () =>
        engine.fetchOffsets({ groupId: group, topics: [{ name: 'in', partitionIndexes: [0] }] })
          .topics[0].partitions[0].committedOffset
      const before = fetchOffset()
      expect((await endTxn(engine, txId, a.producerId, a.producerEpoch, commit)).errorCode).toBe(
        E.NONE
      )
      return { before, after: fetchOffset() }
    }
    expect(await commitIn('tx-o', 5n, false)).toEqual({ before: -1, after: -1 })
    // The aborted offset never reached __consumer_offsets; the committed one did, once.
    const commits = () =>
      offsetsTopicRecords(engine)
        .filter((r) => r.key.type === 1 && r.key.data.group === group)
        .map((r) => r.value?.data.offset)
    expect(commits()).toEqual([])
    expect(await commitIn('tx-o', 7n, true)).toEqual({ before: -1, after: 7 })
    expect(commits()).toEqual([7])
  })

  it('AddPartitionsToTxn v4 adds partitions for several transactional ids at once', async () => {
    const engine = openEngine()
    engine.createTopic({ name: 'out', partitions: 2, replicationFactor: 1 })
    // Two ids with the same coordinator.
    const c = txnCoordinatorId(engine, 'tx-0')
    const ids = ['tx-0']
    for (let i = 1; ids.length < 2; i++)
      if (txnCoordinatorId(engine, `tx-${i}`) === c) ids.push(`tx-${i}`)
    const inits = await Promise.all(ids.map((id) => init(engine, id)))
    const res = await send(engine, c, ApiKey.AddPartitionsToTxn, 4, {
      transactions: ids.map((id, i) => ({
        transactionalId: id,
        producerId: inits[i].producerId,
        producerEpoch: 0,
        verifyOnly: false,
        topics: [{ name: 'out', partitions: [i] }]
      }))
    })
    expect(res.errorCode).toBe(E.NONE)
    expect(
      res.resultsByTransaction.map((t) => [
        t.transactionalId,
        t.topicResults[0].resultsByPartition[0].partitionErrorCode
      ])
    ).toEqual(ids.map((id) => [id, E.NONE]))
    expect(engine.describeTransaction(ids[1])?.partitions).toEqual([{ topic: 'out', partition: 1 }])
  })
})

describe('timeouts, leaders and restarts', () => {
  it('transaction.timeout.ms aborts an abandoned transaction and fences its producer', async () => {
    const engine = openEngine()
    engine.createTopic({ name: 'out', partitions: 1, replicationFactor: 1 })
    const a = await init(engine, 'tx-a', 4, 1000)
    await addPartitions(engine, 'tx-a', a.producerId, 0, [{ name: 'out', partitions: [0] }])
    await produce(engine, 'out', 0, a.producerId, 0, 0, ['a'])
    engine.checkTransactions(Date.now() + 500)
    expect(engine.describeTransaction('tx-a')?.state).toBe('Ongoing')
    engine.checkTransactions(Date.now() + 1500)
    // transaction.version 2 (finalized on a new cluster): Kafka's coordinator fences the epoch,
    // then ends the transaction as transaction version 2 does, bumping it again (the cluster's
    // version decides, whatever the client's); the abort marker carries the second bump.
    expect(engine.describeTransaction('tx-a')).toMatchObject({
      state: 'CompleteAbort',
      producerEpoch: 2
    })
    expect(markerEpochs(engine)).toEqual([[Number(a.producerId), 2, false]])
    const f = await fetch(engine, 'out', 0, 1)
    expect(f).toMatchObject({ lastStableOffset: 2, aborted: [[Number(a.producerId), 0]] })
    expect((await endTxn(engine, 'tx-a', a.producerId, 0, true)).errorCode).toBe(E.PRODUCER_FENCED)
    expect((await produce(engine, 'out', 0, a.producerId, 0, 1, ['late'])).errorCode).toBe(
      E.INVALID_PRODUCER_EPOCH
    )
    // The producer's new instance: one more bump.
    expect(await init(engine, 'tx-a', 4, 1000)).toMatchObject({
      errorCode: E.NONE,
      producerId: a.producerId,
      producerEpoch: 3
    })
  })

  it('transaction.timeout.ms at transaction.version 1 fences the epoch once', async () => {
    const engine = openEngine()
    engine.updateFeatures([{ feature: 'transaction.version', level: 1, upgradeType: 2 }])
    engine.createTopic({ name: 'out', partitions: 1, replicationFactor: 1 })
    const a = await init(engine, 'tx-a', 4, 1000)
    await addPartitions(engine, 'tx-a', a.producerId, 0, [{ name: 'out', partitions: [0] }])
    await produce(engine, 'out', 0, a.producerId, 0, 0, ['a'])
    engine.checkTransactions(Date.now() + 1500)
    expect(engine.describeTransaction('tx-a')).toMatchObject({
      state: 'CompleteAbort',
      producerEpoch: 1
    })
    expect(markerEpochs(engine)).toEqual([[Number(a.producerId), 1, false]])
    expect((await endTxn(engine, 'tx-a', a.producerId, 0, false)).errorCode).toBe(E.PRODUCER_FENCED)
    // A new instance of a producer whose transaction is open: fenced once, aborted, bumped.
    await addPartitions(engine, 'tx-a', a.producerId, 1, [{ name: 'out', partitions: [0] }])
    expect(await init(engine, 'tx-a', 4, 1000)).toMatchObject({ producerEpoch: 3 })
    expect(markerEpochs(engine)).toEqual([
      [Number(a.producerId), 1, false],
      [Number(a.producerId), 2, false]
    ])
  })

  it('transactional.id.expiration.ms forgets an id without a transaction, a tombstone in __transaction_state', async () => {
    const engine = openEngine({ brokerConfigs: { 'transactional.id.expiration.ms': '10000' } })
    engine.createTopic({ name: 'out', partitions: 2, replicationFactor: 1 })
    const a = await init(engine, 'tx-a')
    await addPartitions(engine, 'tx-a', a.producerId, 0, [{ name: 'out', partitions: [1, 0] }])
    await produce(engine, 'out', 0, a.producerId, 0, 0, ['a'])
    expect((await endTxn(engine, 'tx-a', a.producerId, 0, true)).errorCode).toBe(E.NONE)
    // An open transaction never expires, whatever its age: only its timeout ends it.
    const b = await init(engine, 'tx-b', 4, 900_000)
    await addPartitions(engine, 'tx-b', b.producerId, 0, [{ name: 'out', partitions: [1] }])
    engine.checkTransactions(Date.now() + 5_000)
    expect(engine.describeTransaction('tx-a')?.state).toBe('CompleteCommit')
    engine.checkTransactions(Date.now() + 20_000)
    expect(engine.describeTransaction('tx-a')).toBeUndefined()
    expect(engine.describeTransaction('tx-b')?.state).toBe('Ongoing')

    const records = transactionStateRecords(engine).filter(
      (r) => r.key.data.transactionalId === 'tx-a'
    )
    expect(records.map((r) => r.value?.data.transactionStatus ?? 'tombstone')).toEqual([
      0,
      1,
      2,
      4,
      'tombstone'
    ])
    expect(records[2].value?.data.transactionPartitions).toEqual([
      { topic: 'out', partitionIds: [1, 0] }
    ])
    // Its next InitProducerId starts it again, with a new producer id.
    const again = await init(engine, 'tx-a')
    expect(again.errorCode).toBe(E.NONE)
    expect(again.producerId).not.toBe(a.producerId)
    expect(engine.describeTransaction('tx-a')?.state).toBe('Empty')
  })

  it('markers wait for a partition without a leader: CONCURRENT_TRANSACTIONS until they are written', async () => {
    const engine = openEngine()
    const c = txnCoordinatorId(engine, 'tx-a')
    const away = engine.listBrokers().find((b) => b.id !== c)!.id
    engine.createTopic({ name: 'out', partitions: 1, replicationFactor: 1, assignment: [[away]] })
    const a = await init(engine, 'tx-a')
    await addPartitions(engine, 'tx-a', a.producerId, 0, [{ name: 'out', partitions: [0] }])
    await produce(engine, 'out', 0, a.producerId, 0, 0, ['a'])
    engine.stopBroker(away)
    expect((await endTxn(engine, 'tx-a', a.producerId, 0, true)).errorCode).toBe(E.NONE)
    expect(engine.describeTransaction('tx-a')?.state).toBe('PrepareCommit')
    expect((await endTxn(engine, 'tx-a', a.producerId, 0, true)).errorCode).toBe(
      E.CONCURRENT_TRANSACTIONS
    )
    expect((await init(engine, 'tx-a')).errorCode).toBe(E.CONCURRENT_TRANSACTIONS)
    engine.startBroker(away)
    engine.checkTransactions()
    expect(engine.describeTransaction('tx-a')?.state).toBe('CompleteCommit')
    expect(await fetch(engine, 'out', 0, 1)).toMatchObject({ lastStableOffset: 2, aborted: [] })
  })

  it('coordinator state and open transactions survive a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'logdeck-txn-'))
    dirs.push(dir)
    let engine = Engine.open({ dataDir: dir, brokers: 3 })
    engine.createTopic({ name: 'out', partitions: 1, replicationFactor: 1 })
    const a = await init(engine, 'tx-a')
    await addPartitions(engine, 'tx-a', a.producerId, 0, [{ name: 'out', partitions: [0] }])
    await produce(engine, 'out', 0, a.producerId, 0, 0, ['a', 'b'])
    await engine.close()
    engine = Engine.open({ dataDir: dir, brokers: 3 })
    try {
      expect(engine.describeTransaction('tx-a')).toMatchObject({
        state: 'Ongoing',
        producerId: Number(a.producerId),
        partitions: [{ topic: 'out', partition: 0 }]
      })
      expect((await fetch(engine, 'out', 0, 1)).lastStableOffset).toBe(0)
      expect((await endTxn(engine, 'tx-a', a.producerId, 0, true)).errorCode).toBe(E.NONE)
      expect((await fetch(engine, 'out', 0, 1)).lastStableOffset).toBe(3)
      expect((await init(engine, 'tx-a')).producerEpoch).toBe(1)
    } finally {
      await engine.close()
    }
  })
})

describe('DescribeTransactions, ListTransactions, DescribeProducers', () => {
  it('show an open transaction, its partitions and the producer holding the partition', async () => {
    const engine = openEngine()
    engine.createTopic({ name: 'out', partitions: 2, replicationFactor: 1 })
    const a = await init(engine, 'tx-a')
    await init(engine, 'tx-idle')
    await addPartitions(engine, 'tx-a', a.producerId, 0, [{ name: 'out', partitions: [1, 0] }])
    await produce(engine, 'out', 1, a.producerId, 0, 0, ['a', 'b'])
    const c = txnCoordinatorId(engine, 'tx-a')
    const described = await send(engine, c, ApiKey.DescribeTransactions, 0, {
      transactionalIds: ['tx-a', 'tx-missing']
    })
    const missingOwn = txnCoordinatorId(engine, 'tx-missing') === c
    expect(described.transactionStates.map((t) => [t.transactionalId, t.errorCode])).toEqual([
      ['tx-a', E.NONE],
      ['tx-missing', missingOwn ? E.TRANSACTIONAL_ID_NOT_FOUND : E.NOT_COORDINATOR]
    ])
    expect(described.transactionStates[0]).toMatchObject({
      transactionState: 'Ongoing',
      producerId: a.producerId,
      transactionTimeoutMs: 60_000,
      topics: [{ topic: 'out', partitions: [1, 0] }]
    })
    expect(described.transactionStates[0].transactionStartTimeMs).toBeGreaterThan(0n)

    const listed = await send(engine, c, ApiKey.ListTransactions, 1, {
      stateFilters: ['Ongoing', 'Bogus'],
      producerIdFilters: [],
      durationFilter: -1n
    })
    expect(listed.unknownStateFilters).toEqual(['Bogus'])
    expect(listed.transactionStates).toEqual([
      { transactionalId: 'tx-a', producerId: a.producerId, transactionState: 'Ongoing' }
    ])

    const leader = engine.topic('out')!.partitions[1].leader
    const producers = await send(engine, leader, ApiKey.DescribeProducers, 0, {
      topics: [{ name: 'out', partitionIndexes: [1] }]
    })
    expect(producers.topics[0].partitions[0].activeProducers).toMatchObject([
      { producerId: a.producerId, producerEpoch: 0, lastSequence: 1, currentTxnStartOffset: 0n }
    ])
  })
})
