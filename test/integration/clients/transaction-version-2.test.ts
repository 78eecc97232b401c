// Transaction version 2 (KIP-890) as a Kafka 4 Java producer speaks it, sent over
// @platformatic/kafka's connections with the project's generated codecs (no client on this
// machine speaks it): InitProducerId, Produce 12 adding its partitions (no AddPartitionsToTxn),
// EndTxn 5 bumping the epoch at each commit and abort, TxnOffsetCommit 5 adding its group (no
// AddOffsetsToTxn). Independent clients check the outcome: confluent-kafka-python and kcat
// reading read_committed see the committed records and none of the aborted ones,
// confluent-kafka-python sees the group's offset committed with the transaction, a late Produce
// of an old epoch is fenced as Kafka answers it, and kafka-python reads __transaction_state's
// value version 1 with the producer ids and client transaction version decoded in Python.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Connection } from '@platformatic/kafka'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { encodeBatch } from '../../../src/engine/records'
import { generatedApi } from '../../../src/engine/service/external/generated-api'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { startServe, type ServeProcess } from '../../support/serve-process'
import { kcat, python } from '../../support/external-clients'
import { readTopic, readTopicScript } from '../../support/internal-topic-clients'
import { TRANSACTION_LOG_PYTHON } from '../../support/transaction-log-python'

const TOPIC = 'ledger'
const TXN_ID = 'ledger-writer'
const GROUP = 'ledger-app'

let dir: string
let server: ServeProcess
let connection: Connection

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'logdeck-tv2-'))
  server = await startServe(['--data-dir', dir, '--port', '0', '--brokers', '1', '--ui-port', '0'])
  const created = await python(
    String.raw`
import sys
from confluent_kafka.admin import AdminClient, NewTopic
a = AdminClient({'bootstrap.servers': sys.argv[1]})
for f in a.create_topics([NewTopic('${TOPIC}', num_partitions=2, replication_factor=1)]).values():
    f.result(timeout=30)
print('ok')
`,
    [server.bootstrap]
  )
  expect(created.stdout.trim(), created.stderr).toBe('ok')
  const [host, port] = server.bootstrap.split(',')[0].split(':')
  connection = new Connection('transaction-version-2-test')
  await connection.connect(host, Number(port))
})

afterAll(async () => {
  await connection?.close()
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

interface Producer {
  producerId: bigint
  producerEpoch: number
}

/** One transactional batch per partition, each of `values`, sent in one Produce request. */
async function produce(
  p: Producer,
  partitions: number[],
  values: string[],
  sequence: number,
  version = 12
) {
  const res = await generatedApi(ApiKey.Produce, version).async(connection, {
    transactionalId: TXN_ID,
    acks: -1,
    timeoutMs: 5000,
    topicData: [
      {
        name: TOPIC,
        partitionData: partitions.map((index) => ({
          index,
          records: encodeBatch(
            values.map((v) => ({ value: `${v}-p${index}` })),
            {
              transactional: true,
              producerId: Number(p.producerId),
              producerEpoch: p.producerEpoch,
              baseSequence: sequence
            }
          )
        }))
      }
    ]
  })
  return res.responses[0].partitionResponses.map((r) => r.errorCode)
}

async function endTxn(p: Producer, committed: boolean): Promise<Producer> {
  const res = await generatedApi(ApiKey.EndTxn, 5).async(connection, {
    transactionalId: TXN_ID,
    ...p,
    committed
  })
  expect(res.errorCode).toBe(ErrorCode.NONE)
  return { producerId: res.producerId, producerEpoch: res.producerEpoch }
}

const values = (prefix: string) => Array.from({ length: 20 }, (_, i) => `${prefix}-${i}`)

// read_committed consumers, librdkafka's (confluent-kafka-python) and kcat.
const READ_COMMITTED = String.raw`
import sys, json
from confluent_kafka import Consumer, TopicPartition
c = Consumer({'bootstrap.servers': sys.argv[1], 'group.id': 'tv2-reader', 'isolation.level': 'read_committed',
              'enable.auto.commit': False})
c.assign([TopicPartition('${TOPIC}', p, 0) for p in (0, 1)])
out, idle = [], 0
while idle < 5:
    m = c.poll(1.0)
    if m is None: idle += 1; continue
    if m.error(): raise SystemExit(str(m.error()))
    out.append(m.value().decode())
c.close()
print(json.dumps(sorted(out)))
`

describe('transaction version 2 (KIP-890)', () => {
  let first: Producer
  let expected: string[]

  it('commits and aborts with an epoch bump at each EndTxn 5, Produce 12 adding partitions', async () => {
    const init = await generatedApi(ApiKey.InitProducerId, 5).async(connection, {
      transactionalId: TXN_ID,
      transactionTimeoutMs: 60_000,
      producerId: -1n,
      producerEpoch: -1
    })
    expect(init.errorCode).toBe(ErrorCode.NONE)
    first = { producerId: init.producerId, producerEpoch: init.producerEpoch }

    expect(await produce(first, [0, 1], values('committed-a'), 0)).toEqual([0, 0])
    const second = await endTxn(first, true)
    expect(second).toEqual({ producerId: first.producerId, producerEpoch: first.producerEpoch + 1 })

    expect(await produce(second, [0], values('aborted'), 0)).toEqual([0])
    const third = await endTxn(second, false)
    expect(third.producerEpoch).toBe(first.producerEpoch + 2)

    // Late requests of the older epochs are fenced, at Produce 12 and at Produce 11.
    expect(await produce(first, [1], values('late'), 20)).toEqual([
      ErrorCode.INVALID_PRODUCER_EPOCH
    ])
    expect(await produce(second, [0], values('late'), 20, 11)).toEqual([
      ErrorCode.INVALID_PRODUCER_EPOCH
    ])

    expect(await produce(third, [1], values('committed-b'), 0)).toEqual([0])
    // TxnOffsetCommit 5 adds the group to the transaction (no AddOffsetsToTxn); its offset is
    // committed with the transaction.
    const offsets = await generatedApi(ApiKey.TxnOffsetCommit, 5).async(connection, {
      transactionalId: TXN_ID,
      groupId: GROUP,
      ...third,
      generationId: -1,
      memberId: '',
      groupInstanceId: null,
      topics: [
        {
          name: TOPIC,
          partitions: [
            {
              partitionIndex: 0,
              committedOffset: 42n,
              committedLeaderEpoch: -1,
              committedMetadata: null
            }
          ]
        }
      ]
    })
    expect(offsets.topics[0].partitions[0].errorCode).toBe(ErrorCode.NONE)
    await endTxn(third, true)
    expected = [
      ...values('committed-a').flatMap((v) => [`${v}-p0`, `${v}-p1`]),
      ...values('committed-b').map((v) => `${v}-p1`)
    ].sort()
  })

  it('shows read_committed consumers the committed records only', async () => {
    const r = await python(READ_COMMITTED, [server.bootstrap])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual(expected)

    const k = await kcat([
      ...['-C', '-b', server.bootstrap, '-t', TOPIC, '-e', '-q', '-o', 'beginning'],
      ...['-X', 'isolation.level=read_committed', '-f', '%s\n']
    ])
    expect(k.code, k.stderr).toBe(0)
    expect(k.stdout.trim().split('\n').sort()).toEqual(expected)
  })

  it("commits the group's offset sent with TxnOffsetCommit 5", async () => {
    const r = await python(
      String.raw`
import sys
from confluent_kafka import Consumer, TopicPartition
c = Consumer({'bootstrap.servers': sys.argv[1], 'group.id': '${GROUP}', 'enable.auto.commit': False})
print(c.committed([TopicPartition('${TOPIC}', 0)], timeout=30)[0].offset)
c.close()
`,
      [server.bootstrap]
    )
    expect(r.stdout.trim(), r.stderr).toBe('42')
  })

  it('writes __transaction_state value version 1 with the bumped epochs and client version 2', async () => {
    type Value = {
      version: number
      data: Record<string, number | null | unknown[]>
    }
    const all = await readTopic<{ key: { data: { transactionalId: string } }; value: Value }>(
      server.bootstrap,
      readTopicScript('__transaction_state', TRANSACTION_LOG_PYTHON)
    )
    const mine = all.filter((d) => d.key.data.transactionalId === TXN_ID).map((d) => d.value)
    expect(new Set(mine.map((v) => v.version))).toEqual(new Set([1]))
    // Each EndTxn: PrepareX and CompleteX at the bumped epoch, written by a version 2 client.
    const ends = mine
      .filter((v) => [2, 3, 4, 5].includes(v.data.transactionStatus as number))
      .map((v) => [v.data.transactionStatus, v.data.producerEpoch, v.data.clientTransactionVersion])
    const e = first.producerEpoch
    expect(ends).toEqual([
      [2, e + 1, 2],
      [4, e + 1, 2],
      [3, e + 2, 2],
      [5, e + 2, 2],
      [2, e + 3, 2],
      [4, e + 3, 2]
    ])
    for (const v of mine) expect(v.data.previousProducerId).toBe(Number(first.producerId))
  })
})
