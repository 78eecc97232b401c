// __transaction_state as real clients find it: a confluent-kafka-python transactional producer
// (batching) commits one transaction and aborts another; kafka-python reads the topic and decodes
// its records with its own reading of Kafka's TransactionLogKey / TransactionLogValue schemas
// (support/transaction-log-python.ts), showing the transactional id's states in order with their partitions; kcat
// reads the same records, the console's messages.read decodes them, Metadata flags the topic
// internal and a producer is refused as Kafka refuses it.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../../support/serve-process'
import { kcat, python } from '../../support/external-clients'
import {
  apiPost,
  produceOne,
  readTopic,
  readTopicScript
} from '../../support/internal-topic-clients'
import { TRANSACTION_LOG_PYTHON } from '../../support/transaction-log-python'

const TOPIC = 'payments'
const TXN_ID = 'payments-writer'
const STATE = '__transaction_state'
const PARTITIONS = 5
const TOKEN = 'txn-state-token'

let dir: string
let server: ServeProcess

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'logdeck-txn-state-'))
  server = await startServe([
    ...['--data-dir', dir, '--port', '0', '--brokers', '3', '--token', TOKEN, '--ui-port', '0'],
    ...['--broker-config', `transaction.state.log.num.partitions=${PARTITIONS}`]
  ])
})

afterAll(async () => {
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

interface Decoded {
  partition: number
  offset: number
  key: { type: number; data: { transactionalId: string } }
  value: {
    version: number
    data: {
      producerId: number
      producerEpoch: number
      transactionTimeoutMs: number
      transactionStatus: number
      transactionPartitions: { topic: string; partitionIds: number[] }[] | null
      transactionLastUpdateTimestampMs: number
      transactionStartTimestampMs: number
      previousProducerId?: number
      nextProducerId?: number
      clientTransactionVersion?: number
    }
  } | null
}

// One transaction committed (records to partitions 0 and 1), one aborted (partition 2), each
// batched by librdkafka (linger.ms) into few produce requests.
const TRANSACT = String.raw`
import sys
from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient, NewTopic
a = AdminClient({'bootstrap.servers': sys.argv[1]})
for f in a.create_topics([NewTopic('${TOPIC}', num_partitions=3, replication_factor=1)]).values():
    f.result(timeout=30)
p = Producer({'bootstrap.servers': sys.argv[1], 'transactional.id': '${TXN_ID}',
              'linger.ms': 50, 'batch.num.messages': 100})
p.init_transactions(30)
p.begin_transaction()
for i in range(200):
    p.produce('${TOPIC}', key=b'k%d' % i, value=b'committed-%d' % i, partition=i % 2)
p.commit_transaction(30)
p.begin_transaction()
for i in range(50):
    p.produce('${TOPIC}', key=b'k%d' % i, value=b'aborted-%d' % i, partition=2)
p.flush(30)
p.abort_transaction(30)
print('done')
`

// kafka-python reads every partition to its end and decodes each record as Kafka's schemas lay
// it out (TransactionLogKey, TransactionLogValue), independently of Logdeck's codec.
const READ_STATE = readTopicScript(STATE, TRANSACTION_LOG_PYTHON)

/** Kafka's TransactionState ids. */
const EMPTY = 0
const ONGOING = 1
const PREPARE_COMMIT = 2
const PREPARE_ABORT = 3
const COMPLETE_COMMIT = 4
const COMPLETE_ABORT = 5

const post = <T>(method: string, body: unknown) => apiPost<T>(server, TOKEN, method, body)

describe('__transaction_state', () => {
  let mine: Decoded[]

  it('holds each state of a committed and an aborted transaction, in order, with its partitions', async () => {
    const t = await python(TRANSACT, [server.bootstrap])
    expect(t.stdout.trim(), t.stderr).toBe('done')
    const all = await readTopic<Decoded>(server.bootstrap, READ_STATE)
    mine = all.filter((d) => d.key.data.transactionalId === TXN_ID)
    expect(mine.length).toBe(all.length)
    // One partition holds a transactional id's records.
    expect(new Set(mine.map((d) => d.partition)).size).toBe(1)
    const states = mine.map((d) => d.value!.data.transactionStatus)
    // Ongoing is written again for each AddPartitionsToTxn; the rest once each.
    const steps = states.filter((s, i) => i === 0 || s !== states[i - 1])
    expect(steps).toEqual([
      EMPTY,
      ONGOING,
      PREPARE_COMMIT,
      COMPLETE_COMMIT,
      ONGOING,
      PREPARE_ABORT,
      COMPLETE_ABORT
    ])
    const at = (state: number) => mine.find((d) => d.value!.data.transactionStatus === state)!
    const partitionsOf = (state: number) =>
      at(state)
        .value!.data.transactionPartitions?.flatMap((p) =>
          p.partitionIds.map((id) => `${p.topic}-${id}`)
        )
        .sort()
    expect(at(EMPTY).value!.data.transactionPartitions).toBeNull()
    expect(partitionsOf(PREPARE_COMMIT)).toEqual([`${TOPIC}-0`, `${TOPIC}-1`])
    expect(partitionsOf(PREPARE_ABORT)).toEqual([`${TOPIC}-2`])
    expect(partitionsOf(COMPLETE_COMMIT)).toEqual([])
    expect(partitionsOf(COMPLETE_ABORT)).toEqual([])
    // One producer id and epoch throughout, the timeout librdkafka asks for, times that move on.
    expect(new Set(mine.map((d) => d.value!.data.producerId)).size).toBe(1)
    expect(new Set(mine.map((d) => d.value!.data.producerEpoch)).size).toBe(1)
    expect(at(EMPTY).value!.data.transactionTimeoutMs).toBe(60_000)
    // Value version 1, as Kafka writes it at transaction.version 2 (a new cluster's); librdkafka
    // is a client of transaction version 0, so no epoch bump and no client version are written.
    expect(new Set(mine.map((d) => d.value!.version))).toEqual(new Set([1]))
    for (const d of mine) {
      expect(d.value!.data.previousProducerId).toBe(d.value!.data.producerId)
      expect(d.value!.data).not.toHaveProperty('nextProducerId')
      expect(d.value!.data).not.toHaveProperty('clientTransactionVersion')
    }
    const updates = mine.map((d) => d.value!.data.transactionLastUpdateTimestampMs)
    expect(updates).toEqual([...updates].sort((a, b) => a - b))
    expect(at(PREPARE_COMMIT).value!.data.transactionStartTimestampMs).toBeGreaterThan(0)

    // kcat (librdkafka) reads the same records.
    const k = await kcat([
      ...['-C', '-b', server.bootstrap, '-t', STATE, '-e', '-q', '-o', 'beginning'],
      ...['-f', '%p %o\n']
    ])
    expect(k.code, k.stderr).toBe(0)
    expect(k.stdout.trim().split('\n').sort()).toEqual(
      mine.map((d) => `${d.partition} ${d.offset}`).sort()
    )
  })

  it("is decoded by the console's message browser as Kafka's TransactionLogMessageFormatter prints it", async () => {
    const page = await post<{
      records: {
        offset: number
        key: string
        value: string | null
        coordinatorRecord?: { type: string; error?: string }
      }[]
    }>('messages.read', {
      topic: STATE,
      partition: mine[0].partition,
      from: 'earliest',
      limit: 1000
    })
    expect(page.records.map((r) => r.offset)).toEqual(mine.map((d) => d.offset))
    page.records.forEach((r, i) => {
      expect(r.coordinatorRecord).toEqual({ type: 'TransactionLog' })
      expect(JSON.parse(r.key)).toEqual(mine[i].key)
      expect(JSON.parse(r.value!)).toEqual(mine[i].value)
    })
  })

  it('is listed as internal and refuses producers', async () => {
    const meta = await python(
      String.raw`
import sys, json
from kafka.admin import KafkaAdminClient
a = KafkaAdminClient(bootstrap_servers=sys.argv[1].split(','))
t = [t for t in a.describe_topics(['${STATE}'])][0]
print(json.dumps({'is_internal': t['is_internal'], 'partitions': len(t['partitions']),
  'replicas': len(t['partitions'][0]['replicas'])}))
`,
      [server.bootstrap]
    )
    expect(meta.code, meta.stderr).toBe(0)
    expect(JSON.parse(meta.stdout)).toEqual({
      is_internal: true,
      partitions: PARTITIONS,
      replicas: 3
    })
    const refused = await produceOne(server.bootstrap, STATE)
    expect(refused.stdout.trim(), refused.stderr).toBe('TOPIC_EXCEPTION')
  })
})
