// Topic auto-creation as Kafka 4 (KRaft) answers it, through every client: each producer sends a
// batch to a topic that does not exist yet, the Metadata request that creates it is answered
// UNKNOWN_TOPIC_OR_PARTITION, the client asks again and gets the topic with its leaders, and a
// consumer then reads every record exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel } from 'kafkajs'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { handlers } from '../../../src/engine/kafka/handlers'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat, python } from '../../support/external-clients'
import {
  consumeCommitted,
  produceStrings,
  stringConsumer,
  type StringConsumer
} from '../../support/platformatic-clients'
import { waitFor } from '../../support/wait-for'

const RECORDS = 500
const PARTITIONS = 3
const expected = Array.from({ length: RECORDS }, (_, i) => `v-${i}`)

let cluster: TestCluster
/** Per topic name, the error codes the Metadata answers gave it, in order. */
const answers = new Map<string, number[]>()
const metadata = handlers[ApiKey.Metadata]!

beforeAll(async () => {
  cluster = await startTestCluster({ brokerConfigs: { 'num.partitions': String(PARTITIONS) } })
  // Notes each answer of the real handler.
  handlers[ApiKey.Metadata] = async (body, ctx, version) => {
    const res = await metadata(body, ctx, version)
    for (const t of res?.topics ?? [])
      if (t.name) answers.set(t.name, [...(answers.get(t.name) ?? []), t.errorCode ?? 0])
    return res
  }
})
afterAll(async () => {
  handlers[ApiKey.Metadata] = metadata
  await cluster?.close()
})

/** The topic was first answered UNKNOWN_TOPIC_OR_PARTITION (created then), later listed. */
function expectCreatedAsKafkaAnswers(topic: string) {
  const codes = answers.get(topic) ?? []
  expect(codes[0]).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
  expect(codes).toContain(ErrorCode.NONE)
  const t = cluster.engine.topic(topic)!
  expect(t.partitions).toHaveLength(PARTITIONS)
  expect(t.partitions.every((p) => p.leader >= 0)).toBe(true)
}

function expectAllOnce(values: string[]) {
  expect(values).toHaveLength(RECORDS)
  expect([...values].sort()).toEqual([...expected].sort())
}

const PYTHON_CONFLUENT = `
import json, sys, time
from confluent_kafka import Producer, Consumer
bootstrap, topic, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
errors = []
def delivered(err, msg):
    if err is not None:
        errors.append(err.str())
p = Producer({'bootstrap.servers': bootstrap, 'linger.ms': 100})
for i in range(n):
    p.produce(topic, key=b'k-%d' % i, value=b'v-%d' % i, on_delivery=delivered)
left = p.flush(60)
c = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'auto-confluent',
              'auto.offset.reset': 'earliest', 'enable.auto.commit': False})
c.subscribe([topic])
values = []
deadline = time.time() + 60
while len(values) < n and time.time() < deadline:
    m = c.poll(0.5)
    if m is None or m.error():
        continue
    values.append(m.value().decode())
c.close()
print(json.dumps({'errors': errors, 'left': left, 'values': values}))
`

const PYTHON_KAFKA = `
import json, sys, time
from kafka import KafkaProducer, KafkaConsumer
bootstrap, topic, n = sys.argv[1].split(','), sys.argv[2], int(sys.argv[3])
p = KafkaProducer(bootstrap_servers=bootstrap, linger_ms=100)
sent = [p.send(topic, key=b'k-%d' % i, value=b'v-%d' % i) for i in range(n)]
p.flush(60)
errors = [str(f.exception) for f in sent if f.failed()]
p.close()
c = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id='auto-kafka-python',
                  auto_offset_reset='earliest', enable_auto_commit=False)
values = []
deadline = time.time() + 60
while len(values) < n and time.time() < deadline:
    for records in c.poll(timeout_ms=500).values():
        values.extend(r.value.decode() for r in records)
c.close()
print(json.dumps({'errors': errors, 'values': values}))
`

describe('producing to a topic that does not exist yet', () => {
  it('kcat (batched, linger.ms) creates it on its second Metadata and reads everything back', async () => {
    const topic = 'auto-kcat'
    const lines = expected.map((v, i) => `k-${i}:${v}\n`).join('')
    const produced = await kcat(
      ['-b', cluster.bootstrap, '-P', '-t', topic, '-K', ':', '-X', 'linger.ms=100'],
      lines
    )
    expect(produced.code, produced.stderr).toBe(0)
    expectCreatedAsKafkaAnswers(topic)
    const readAll = '-C -o beginning -e -q -f %s\n'.split(' ')
    const consumed = await kcat(['-b', cluster.bootstrap, '-t', topic, ...readAll])
    expect(consumed.code, consumed.stderr).toBe(0)
    expectAllOnce(consumed.stdout.split('\n').filter(Boolean))
  })

  it('kafkajs', async () => {
    const topic = 'auto-kafkajs'
    const kafka = new Kafka({
      clientId: 'auto-kafkajs',
      brokers: cluster.bootstrap.split(','),
      logLevel: logLevel.NOTHING
    })
    const producer = kafka.producer()
    await producer.connect()
    try {
      await producer.send({
        topic,
        messages: expected.map((value, i) => ({ key: `k-${i}`, value }))
      })
    } finally {
      await producer.disconnect()
    }
    expectCreatedAsKafkaAnswers(topic)
    const consumer = kafka.consumer({ groupId: 'auto-kafkajs', maxWaitTimeInMs: 100 })
    const values: string[] = []
    await consumer.connect()
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true })
      await consumer.run({
        eachMessage: async ({ message }) => void values.push(String(message.value))
      })
      await waitFor(`${RECORDS} records consumed`, () => values.length >= RECORDS, 60_000)
    } finally {
      await consumer.disconnect()
    }
    expectAllOnce(values)
  })

  it('@platformatic/kafka', async () => {
    const topic = 'auto-platformatic'
    const brokers = cluster.bootstrap.split(',')
    await produceStrings(
      brokers,
      'auto-platformatic',
      expected.map((value, i) => ({ topic, key: `k-${i}`, value })),
      // Its producer does not ask for auto-creation unless told.
      { autocreateTopics: true }
    )
    expectCreatedAsKafkaAnswers(topic)
    const consumer: StringConsumer = stringConsumer(
      brokers,
      'auto-platformatic',
      'auto-platformatic'
    )
    const values: string[] = []
    try {
      const stream = await consumeCommitted(consumer, [topic])
      stream.on('data', (m) => values.push(m.value))
      await waitFor(`${RECORDS} records consumed`, () => values.length >= RECORDS, 60_000)
      await stream.close()
    } finally {
      await consumer.close(true)
    }
    expectAllOnce(values)
  })

  it('confluent-kafka-python (linger.ms)', async () => {
    const topic = 'auto-confluent'
    const r = await python(PYTHON_CONFLUENT, [cluster.bootstrap, topic, String(RECORDS)], 150_000)
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as { errors: string[]; left: number; values: string[] }
    expect(out.errors).toEqual([])
    expect(out.left).toBe(0)
    expectCreatedAsKafkaAnswers(topic)
    expectAllOnce(out.values)
  })

  it('kafka-python (linger_ms)', async () => {
    const topic = 'auto-kafka-python'
    const r = await python(PYTHON_KAFKA, [cluster.bootstrap, topic, String(RECORDS)], 150_000)
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as { errors: string[]; values: string[] }
    expect(out.errors).toEqual([])
    expectCreatedAsKafkaAnswers(topic)
    expectAllOnce(out.values)
  })
})
