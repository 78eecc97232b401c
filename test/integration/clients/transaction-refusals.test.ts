// What the transaction coordinator and the partition leaders refuse, as Kafka 4 refuses it, sent
// over @platformatic/kafka's connections with the project's generated codecs to each broker of a
// three-broker cluster: an empty transactional id is INVALID_REQUEST on every broker (not
// NOT_COORDINATOR); a batch or offsets outside the transaction are TRANSACTION_ABORTABLE for
// Produce 11 and TxnOffsetCommit 4, INVALID_TXN_STATE for the versions before them; a transaction
// version 2 producer whose transaction timed out, or was aborted from the console, finds its epoch
// bumped twice (fenced, then ended as transaction version 2 ends a transaction), so its EndTxn 5
// and its InitProducerId naming the old epoch are fenced; its EndTxn 5 aborting a transaction that
// added nothing bumps the epoch. kcat and confluent-kafka-python reading read_committed check what
// consumers see.
import { Connection } from '@platformatic/kafka'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { encodeBatch } from '../../../src/engine/records'
import { generatedApi } from '../../../src/engine/service/external/generated-api'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import type { TransactionSummary } from '../../../src/shared/api/transactions'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat, python } from '../../support/external-clients'
import { waitFor, waitForValue } from '../../support/wait-for'

const TOPIC = 'refusals'

let cluster: TestCluster
/** A connection to each broker, by broker id. */
const connections = new Map<number, Connection>()

beforeAll(async () => {
  cluster = await startTestCluster({ brokers: 3 })
  await cluster.service.callByName('topics.create', {
    name: TOPIC,
    partitions: 2,
    replicationFactor: 3
  })
  for (const l of cluster.listeners) {
    const c = new Connection(`transaction-refusals-${l.brokerId}`)
    await c.connect(l.host, l.port)
    connections.set(l.brokerId, c)
  }
})

afterAll(async () => {
  for (const c of connections.values()) await c.close()
  await cluster?.close()
})

const on = (brokerId: number) => connections.get(brokerId)!

/** The broker FindCoordinator names for a key (0 a group, 1 a transactional id). */
function coordinator(key: string, keyType: 0 | 1): Promise<number> {
  return waitForValue(`the coordinator of ${key}`, async () => {
    const res = await generatedApi(ApiKey.FindCoordinator, 4).async(on(0), {
      keyType,
      coordinatorKeys: [key]
    })
    const c = res.coordinators[0]
    return c.errorCode === ErrorCode.NONE ? c.nodeId : undefined
  })
}

interface Producer {
  producerId: bigint
  producerEpoch: number
}

async function initProducerId(
  transactionalId: string,
  version: number,
  timeoutMs = 60_000,
  current: Producer = { producerId: -1n, producerEpoch: -1 }
) {
  return generatedApi(ApiKey.InitProducerId, version).async(
    on(await coordinator(transactionalId, 1)),
    { transactionalId, transactionTimeoutMs: timeoutMs, ...current }
  )
}

async function endTxn(transactionalId: string, p: Producer, committed: boolean, version: number) {
  return generatedApi(ApiKey.EndTxn, version).async(on(await coordinator(transactionalId, 1)), {
    transactionalId,
    ...p,
    committed
  })
}

/** One transactional batch of `values` to a partition, sent to its leader. */
async function produce(
  transactionalId: string,
  p: Producer,
  partition: number,
  values: string[],
  sequence: number,
  version: number
) {
  const leader = cluster.engine.topic(TOPIC)!.partitions[partition].leader
  const res = await generatedApi(ApiKey.Produce, version).async(on(leader), {
    transactionalId,
    acks: -1,
    timeoutMs: 5000,
    topicData: [
      {
        name: TOPIC,
        partitionData: [
          {
            index: partition,
            records: encodeBatch(
              values.map((value) => ({ value })),
              {
                transactional: true,
                producerId: Number(p.producerId),
                producerEpoch: p.producerEpoch,
                baseSequence: sequence
              }
            )
          }
        ]
      }
    ]
  })
  return res.responses[0].partitionResponses[0].errorCode
}

async function txnOffsetCommit(
  transactionalId: string,
  groupId: string,
  p: Producer,
  version: number
) {
  const res = await generatedApi(ApiKey.TxnOffsetCommit, version).async(
    on(await coordinator(groupId, 0)),
    {
      transactionalId,
      groupId,
      ...p,
      generationId: -1,
      memberId: '',
      groupInstanceId: null,
      topics: [
        {
          name: TOPIC,
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
    }
  )
  return res.topics[0].partitions[0].errorCode
}

async function transaction(transactionalId: string): Promise<TransactionSummary | undefined> {
  const { transactions } = (await cluster.service.callByName('transactions.list', {})) as {
    transactions: TransactionSummary[]
  }
  return transactions.find((t) => t.transactionalId === transactionalId)
}

/** What a read_committed consumer reads of the topic: kcat's and librdkafka's, sorted. */
async function readCommitted(): Promise<string[]> {
  const k = await kcat([
    ...['-C', '-b', cluster.bootstrap, '-t', TOPIC, '-e', '-q', '-o', 'beginning'],
    ...['-X', 'isolation.level=read_committed', '-f', '%s\n']
  ])
  expect(k.code, k.stderr).toBe(0)
  const fromKcat = k.stdout
    .split('\n')
    .filter((l) => l !== '')
    .sort()
  const r = await python(
    String.raw`
import sys, json
from confluent_kafka import Consumer, TopicPartition
c = Consumer({'bootstrap.servers': sys.argv[1], 'group.id': 'refusals-reader',
              'isolation.level': 'read_committed', 'enable.auto.commit': False})
c.assign([TopicPartition('${TOPIC}', p, 0) for p in (0, 1)])
out, idle = [], 0
while idle < 5:
    m = c.poll(1.0)
    if m is None: idle += 1; continue
    if m.error(): raise SystemExit(str(m.error()))
    out.append(m.value().decode())
c.close()
print(json.dumps(sorted(out)))
`,
    [cluster.bootstrap]
  )
  expect(r.code, r.stderr).toBe(0)
  expect(JSON.parse(r.stdout)).toEqual(fromKcat)
  return fromKcat
}

const committed: string[] = []

describe('transactional requests Kafka refuses', () => {
  it('answers an empty transactional id INVALID_REQUEST on every broker', async () => {
    const none = { producerId: 1n, producerEpoch: 0 }
    for (const [brokerId, c] of connections) {
      const init = await generatedApi(ApiKey.InitProducerId, 5).async(c, {
        transactionalId: '',
        transactionTimeoutMs: 60_000,
        producerId: -1n,
        producerEpoch: -1
      })
      expect([brokerId, init.errorCode]).toEqual([brokerId, ErrorCode.INVALID_REQUEST])
      const add = await generatedApi(ApiKey.AddPartitionsToTxn, 3).async(c, {
        v3AndBelowTransactionalId: '',
        v3AndBelowProducerId: 1n,
        v3AndBelowProducerEpoch: 0,
        v3AndBelowTopics: [{ name: TOPIC, partitions: [0] }]
      })
      expect(add.resultsByTopicV3AndBelow[0].resultsByPartition[0].partitionErrorCode).toBe(
        ErrorCode.INVALID_REQUEST
      )
      const offsets = await generatedApi(ApiKey.AddOffsetsToTxn, 3).async(c, {
        transactionalId: '',
        ...none,
        groupId: 'refusals-app'
      })
      expect(offsets.errorCode).toBe(ErrorCode.INVALID_REQUEST)
      const described = await generatedApi(ApiKey.DescribeTransactions, 0).async(c, {
        transactionalIds: ['']
      })
      expect(described.transactionStates[0].errorCode).toBe(ErrorCode.INVALID_REQUEST)
      for (const version of [1, 4, 5]) {
        const end = await generatedApi(ApiKey.EndTxn, version).async(c, {
          transactionalId: '',
          ...none,
          committed: true
        })
        expect([version, end.errorCode]).toEqual([version, ErrorCode.INVALID_REQUEST])
      }
    }
    // TxnOffsetCommit: the group's coordinator, whose transaction verification the empty id fails.
    expect(await txnOffsetCommit('', 'refusals-app', none, 3)).toBe(ErrorCode.INVALID_REQUEST)
  })

  it('answers a batch or offsets outside the transaction TRANSACTION_ABORTABLE to the versions that know it', async () => {
    const id = 'refusals-v1-writer'
    const init = await initProducerId(id, 4)
    expect(init.errorCode).toBe(ErrorCode.NONE)
    const p = { producerId: init.producerId, producerEpoch: init.producerEpoch }
    const added = await generatedApi(ApiKey.AddPartitionsToTxn, 3).async(
      on(await coordinator(id, 1)),
      {
        v3AndBelowTransactionalId: id,
        v3AndBelowProducerId: p.producerId,
        v3AndBelowProducerEpoch: p.producerEpoch,
        v3AndBelowTopics: [{ name: TOPIC, partitions: [0] }]
      }
    )
    expect(added.resultsByTopicV3AndBelow[0].resultsByPartition[0].partitionErrorCode).toBe(
      ErrorCode.NONE
    )
    // Partition 1 was not added: Produce 11 knows TRANSACTION_ABORTABLE, Produce 10 does not.
    expect(await produce(id, p, 1, ['outside-10'], 0, 10)).toBe(ErrorCode.INVALID_TXN_STATE)
    expect(await produce(id, p, 1, ['outside-11'], 0, 11)).toBe(ErrorCode.TRANSACTION_ABORTABLE)
    // Nor was the group: TxnOffsetCommit 4 knows it, 3 does not.
    expect(await txnOffsetCommit(id, 'refusals-app', p, 3)).toBe(ErrorCode.INVALID_TXN_STATE)
    expect(await txnOffsetCommit(id, 'refusals-app', p, 4)).toBe(ErrorCode.TRANSACTION_ABORTABLE)
    expect(await produce(id, p, 0, ['inside-a', 'inside-b'], 0, 11)).toBe(ErrorCode.NONE)
    expect((await endTxn(id, p, true, 3)).errorCode).toBe(ErrorCode.NONE)
    committed.push('inside-a', 'inside-b')
    expect(await readCommitted()).toEqual([...committed].sort())
  })

  it("answers a retried InitProducerId naming the producer's epoch again (KIP-360)", async () => {
    const id = 'refusals-kip-360'
    const init = await initProducerId(id, 4)
    const p = { producerId: init.producerId, producerEpoch: init.producerEpoch }
    const bumped = await initProducerId(id, 4, 60_000, p)
    expect(bumped).toMatchObject({
      errorCode: ErrorCode.NONE,
      producerId: p.producerId,
      producerEpoch: p.producerEpoch + 1
    })
    // The same request again (its answer lost): the same epoch, no second bump.
    expect(await initProducerId(id, 4, 60_000, p)).toMatchObject({
      errorCode: ErrorCode.NONE,
      producerEpoch: p.producerEpoch + 1
    })
    expect((await initProducerId(id, 4, 60_000, { ...p, producerEpoch: 7 })).errorCode).toBe(
      ErrorCode.PRODUCER_FENCED
    )
  })

  it('aborts a transaction version 2 transaction that added nothing, bumping the epoch', async () => {
    const id = 'refusals-tv2-empty'
    const init = await initProducerId(id, 5)
    const p = { producerId: init.producerId, producerEpoch: init.producerEpoch }
    // The Java client 4.x aborts with EndTxn 5 even when its Produce requests added nothing.
    expect((await endTxn(id, p, true, 5)).errorCode).toBe(ErrorCode.INVALID_TXN_STATE)
    const aborted = await endTxn(id, p, false, 5)
    expect(aborted).toMatchObject({
      errorCode: ErrorCode.NONE,
      producerId: p.producerId,
      producerEpoch: p.producerEpoch + 1
    })
    const q = { producerId: aborted.producerId, producerEpoch: aborted.producerEpoch }
    expect(await produce(id, q, 0, ['after-empty-abort'], 0, 12)).toBe(ErrorCode.NONE)
    expect(await endTxn(id, q, true, 5)).toMatchObject({
      errorCode: ErrorCode.NONE,
      producerEpoch: p.producerEpoch + 2
    })
    committed.push('after-empty-abort')
    expect(await readCommitted()).toEqual([...committed].sort())
  })

  for (const how of ['timeout', 'console abort'] as const)
    it(`fences a transaction version 2 producer whose transaction ended by its ${how}`, async () => {
      const id = `refusals-tv2-${how.replace(' ', '-')}`
      // A 1 s transaction.timeout.ms for the one that times out.
      const init = await initProducerId(id, 5, how === 'timeout' ? 1000 : 60_000)
      expect(init.errorCode).toBe(ErrorCode.NONE)
      const p = { producerId: init.producerId, producerEpoch: init.producerEpoch }
      const e = p.producerEpoch
      expect(await produce(id, p, 0, [`${how}-lost-1`, `${how}-lost-2`], 0, 12)).toBe(
        ErrorCode.NONE
      )
      if (how === 'console abort')
        await cluster.service.callByName('transactions.abort', { transactionalId: id })
      await waitFor(`${id} aborted`, async () => (await transaction(id))?.state === 'CompleteAbort')
      // Fenced (e + 1), then ended as transaction version 2 ends it (e + 2).
      expect(await transaction(id)).toMatchObject({
        producerId: Number(p.producerId),
        producerEpoch: e + 2
      })
      // The producer's EndTxn 5 of its epoch is not a retry of the abort (that would be e + 1).
      expect((await endTxn(id, p, false, 5)).errorCode).toBe(ErrorCode.PRODUCER_FENCED)
      expect((await endTxn(id, p, true, 5)).errorCode).toBe(ErrorCode.PRODUCER_FENCED)
      expect(await produce(id, p, 1, [`${how}-late`], 2, 12)).toBe(ErrorCode.INVALID_PRODUCER_EPOCH)
      expect((await initProducerId(id, 5, 60_000, p)).errorCode).toBe(ErrorCode.PRODUCER_FENCED)
      // A new instance gets the epoch after them, and commits.
      const next = await initProducerId(id, 5)
      expect(next).toMatchObject({
        errorCode: ErrorCode.NONE,
        producerId: p.producerId,
        producerEpoch: e + 3
      })
      const q = { producerId: next.producerId, producerEpoch: next.producerEpoch }
      expect(await produce(id, q, 1, [`${how}-kept`], 0, 12)).toBe(ErrorCode.NONE)
      expect(await endTxn(id, q, true, 5)).toMatchObject({
        errorCode: ErrorCode.NONE,
        producerEpoch: e + 4
      })
      committed.push(`${how}-kept`)
      expect(await readCommitted()).toEqual([...committed].sort())
    })
})
