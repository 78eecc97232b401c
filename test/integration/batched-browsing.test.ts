// Browsing, paging, search and replay of data written by batching clients - kcat with
// linger.ms and batch.num.messages, kafkajs sendBatch, confluent-kafka-python - where every read
// window starts and ends inside stored batches. Includes the two reported cases: copying offsets
// 10..20 of a kcat batch of 100, and the backward page ending at offset 60.
import { CompressionTypes, Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MessageRecord } from '../../src/shared/api/messages'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { kcat, python } from '../support/external-clients'
import { engineInternals } from '../support/engine-internals'
import { operationDone } from '../support/wait-for'

let cluster: TestCluster

beforeAll(async () => {
  cluster = await startTestCluster()
})
afterAll(async () => {
  await cluster?.close()
})

async function createTopic(name: string, partitions = 1) {
  await cluster.service.call('topics.create', { name, partitions, replicationFactor: 3 })
}

/** Produces `count` values `${prefix}-<i>` with kcat, batched and compressed. */
async function kcatProduce(topic: string, prefix: string, count: number, codec: string) {
  const lines = Array.from({ length: count }, (_, i) => `k${i % 13}:${prefix}-${i}`)
  const res = await kcat(
    [
      '-b',
      cluster.bootstrap,
      '-P',
      '-t',
      topic,
      '-K',
      ':',
      '-X',
      'linger.ms=50',
      '-X',
      'batch.num.messages=1000',
      '-X',
      'enable.idempotence=true',
      '-z',
      codec
    ],
    lines.join('\n') + '\n'
  )
  expect(res.code, res.stderr).toBe(0)
}

async function kafkajsProduce(topic: string, prefix: string, count: number) {
  const kafka = new Kafka({
    clientId: 'batched-browsing',
    brokers: cluster.bootstrap.split(','),
    logLevel: logLevel.NOTHING
  })
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  try {
    for (let i = 0; i < count; i += 150)
      await producer.sendBatch({
        compression: CompressionTypes.GZIP,
        topicMessages: [
          {
            topic,
            messages: Array.from({ length: Math.min(150, count - i) }, (_, j) => ({
              key: `k${(i + j) % 13}`,
              value: `${prefix}-${i + j}`
            }))
          }
        ]
      })
  } finally {
    await producer.disconnect()
  }
}

async function confluentProduce(topic: string, prefix: string, count: number) {
  const res = await python(
    `
import sys
from confluent_kafka import Producer
bootstrap, topic, prefix, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
p = Producer({'bootstrap.servers': bootstrap, 'enable.idempotence': True, 'linger.ms': 50,
              'batch.num.messages': 1000, 'compression.type': 'zstd'})
for i in range(count):
    p.produce(topic, key='k%d' % (i % 13), value='%s-%d' % (prefix, i))
assert p.flush(30) == 0
`,
    [cluster.bootstrap, topic, prefix, String(count)]
  )
  expect(res.code, res.stderr).toBe(0)
}

/** Stored batches and records of partition 0: the data must really be batched. */
function storedBatches(topic: string): number {
  const t = cluster.engine.requireTopic(topic)
  return engineInternals(cluster.engine)
    .db.prepare<[number], { n: number }>(
      'SELECT COUNT(*) AS n FROM log_batches WHERE topic_id = ? AND partition = 0'
    )
    .get(t.id)!.n
}

const values = (rs: MessageRecord[]) => rs.map((r) => r.value)
const expected = (prefix: string, from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from) }, (_, i) => `${prefix}-${from + i}`)

async function read(
  topic: string,
  from: Parameters<typeof readParams>[1],
  limit: number,
  back = false
) {
  return cluster.service.call('messages.read', readParams(topic, from, limit, back))
}
function readParams(
  topic: string,
  from: 'earliest' | 'latest' | { offset: number } | { timestamp: number } | { latest: number },
  limit: number,
  back: boolean
) {
  return { topic, partition: 0, from, limit, ...(back ? { direction: 'backward' as const } : {}) }
}

/** Every read path over partition 0, which holds `${prefix}-0 .. ${prefix}-(count-1)`. */
async function checkAllReads(topic: string, prefix: string, count: number) {
  expect(storedBatches(topic)).toBeLessThan(count / 5)
  // Paging forward over the whole partition.
  const forward: MessageRecord[] = []
  let page = await read(topic, 'earliest', 37)
  while (page.records.length) {
    forward.push(...page.records)
    page = await read(topic, { offset: page.nextOffsets[0] }, 37)
  }
  expect(values(forward)).toEqual(expected(prefix, 0, count))
  expect(forward.map((r) => r.offset)).toEqual(expected('', 0, count).map((_, i) => i))
  // Paging backward from the latest page.
  const backward: MessageRecord[][] = []
  page = await read(topic, 'latest', 41)
  while (page.records.length) {
    backward.unshift(page.records)
    page = await read(topic, { offset: page.firstOffsets[0] }, 41, true)
  }
  expect(values(backward.flat())).toEqual(expected(prefix, 0, count))
  // Windows starting and ending mid-batch.
  for (const [a, n] of [
    [1, 10],
    [count >> 1, 33],
    [count - 3, 10],
    [7, count]
  ]) {
    expect(values((await read(topic, { offset: a }, n)).records)).toEqual(
      expected(prefix, a, Math.min(count, a + n))
    )
    expect(values((await read(topic, { offset: a }, n, true)).records)).toEqual(
      expected(prefix, Math.max(0, a - n), a)
    )
  }
  expect(values((await read(topic, { latest: 25 }, 100)).records)).toEqual(
    expected(prefix, count - 25, count)
  )
  // By time: from the first record at or after a record's timestamp.
  const pivot = forward[count >> 2]
  const firstAt = forward.findIndex((r) => r.timestamp >= pivot.timestamp)
  expect(values((await read(topic, { timestamp: pivot.timestamp }, 20)).records)).toEqual(
    expected(prefix, firstAt, Math.min(count, firstAt + 20))
  )
  // Search over a mid-batch window, one filter matching every record of it.
  const [a, b] = [3, Math.min(count, 3 + 57)]
  const search = await cluster.service.call('messages.search', {
    topic,
    from: { offset: a },
    untilOffset: b,
    filters: [{ field: 'value', op: 'contains', value: `${prefix}-` }],
    limit: 1000
  })
  expect((await operationDone(cluster.service, search.operationId)).error).toBeUndefined()
  const found = await cluster.service.call('messages.searchResults', search)
  expect(values(found.records)).toEqual(expected(prefix, a, b))
  // Replay of a mid-batch range: counted first, then exactly those records.
  const target = `${topic}.replay`
  await createTopic(target)
  const copy = { source: topic, target, fromOffset: a, untilOffset: b }
  expect((await cluster.service.call('messages.copyCount', copy)).records).toBe(b - a)
  const op = await operationDone(
    cluster.service,
    (await cluster.service.call('messages.copy', copy)).operationId
  )
  expect(op.matched).toBe(b - a)
  expect(op.warning).toBeUndefined()
  expect(
    values(
      (
        await cluster.service.call('messages.read', {
          topic: target,
          partition: 0,
          from: 'earliest',
          limit: 1000
        })
      ).records
    )
  ).toEqual(expected(prefix, a, b))
}

describe('reads on data from batching clients', () => {
  it('kcat, one batch of 100: copying offsets 10..20 copies those ten, and reading back from 60 gives 40..59', async () => {
    await createTopic('orders.dlq')
    await kcatProduce('orders.dlq', 'order', 100, 'none')
    expect(storedBatches('orders.dlq')).toBe(1)
    await createTopic('orders.retry')
    const copy = { source: 'orders.dlq', target: 'orders.retry', fromOffset: 10, untilOffset: 20 }
    const op = await operationDone(
      cluster.service,
      (await cluster.service.call('messages.copy', copy)).operationId
    )
    expect(op.matched).toBe(10)
    const copied = await read('orders.retry', 'earliest', 100)
    expect(values(copied.records)).toEqual(expected('order', 10, 20))
    const back = await read('orders.dlq', { offset: 60 }, 20, true)
    expect(back.records.map((r) => r.offset)).toEqual(expected('', 40, 60).map((_, i) => 40 + i))
  })

  for (const codec of ['lz4', 'zstd', 'snappy', 'gzip']) {
    it(`kcat with linger.ms and batch.num.messages, ${codec}`, async () => {
      await createTopic(`kcat.${codec}`)
      await kcatProduce(`kcat.${codec}`, codec, 600, codec)
      await checkAllReads(`kcat.${codec}`, codec, 600)
    })
  }

  it('kafkajs sendBatch, gzip', async () => {
    await createTopic('kafkajs.batches')
    await kafkajsProduce('kafkajs.batches', 'js', 450)
    await checkAllReads('kafkajs.batches', 'js', 450)
  })

  it('confluent-kafka-python with linger.ms, zstd', async () => {
    await createTopic('python.batches')
    await confluentProduce('python.batches', 'py', 500)
    await checkAllReads('python.batches', 'py', 500)
  })

  it('replays records selected on several partitions, and warns when nothing is copied', async () => {
    await createTopic('multi', 3)
    for (let i = 0; i < 3; i++) {
      const res = await kcat(
        [
          '-b',
          cluster.bootstrap,
          '-P',
          '-t',
          'multi',
          '-p',
          String(i),
          '-X',
          'linger.ms=50',
          '-z',
          'lz4'
        ],
        expected(`p${i}`, 0, 80).join('\n') + '\n'
      )
      expect(res.code, res.stderr).toBe(0)
    }
    await createTopic('multi.replay', 3)
    const records = [
      { partition: 2, offset: 79 },
      { partition: 0, offset: 5 },
      { partition: 0, offset: 6 },
      { partition: 1, offset: 40 }
    ]
    const params = { source: 'multi', target: 'multi.replay', records, keepPartition: true }
    const count = await cluster.service.call('messages.copyCount', params)
    expect(count).toEqual({
      records: 4,
      partitions: { 0: 2, 1: 1, 2: 1 },
      filtered: false,
      missing: 0
    })
    const op = await operationDone(
      cluster.service,
      (await cluster.service.call('messages.copy', params)).operationId
    )
    expect(op.matched).toBe(4)
    const got = await Promise.all(
      [0, 1, 2].map(async (p) =>
        values(
          (
            await cluster.service.call('messages.read', {
              topic: 'multi.replay',
              partition: p,
              from: 'earliest',
              limit: 10
            })
          ).records
        )
      )
    )
    expect(got).toEqual([['p0-5', 'p0-6'], ['p1-40'], ['p2-79']])
    const empty = { source: 'multi', target: 'multi.replay', fromOffset: 80, untilOffset: 90 }
    expect((await cluster.service.call('messages.copyCount', empty)).records).toBe(0)
    const none = await operationDone(
      cluster.service,
      (await cluster.service.call('messages.copy', empty)).operationId
    )
    expect(none.matched).toBe(0)
    expect(none.warning).toMatch(/Nothing was copied/)
  })
})
