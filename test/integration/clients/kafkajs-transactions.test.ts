// kafkajs 2.2.x transactions against the embedded cluster: the consume-transform-produce loop
// (transaction, send, sendOffsets, commit) and an abort; a read_committed consumer sees each
// committed record exactly once and nothing of an aborted transaction; a second producer with the
// same transactional id fences the first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel } from 'kafkajs'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { waitFor } from '../../support/wait-for'

const INPUT = 'kjs-txn-input'
const OUTPUT = 'kjs-txn-output'
const GROUP = 'kjs-txn-transformer'
const COUNT = 300

let cluster: TestCluster
let kafka: Kafka

beforeAll(async () => {
  cluster = await startTestCluster()
  kafka = new Kafka({
    clientId: 'it-kjs-txn',
    brokers: cluster.bootstrap.split(','),
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 100, retries: 10 }
  })
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({
    topics: [
      { topic: INPUT, numPartitions: 3, replicationFactor: 2 },
      { topic: OUTPUT, numPartitions: 3, replicationFactor: 2 }
    ]
  })
  await admin.disconnect()
  const producer = kafka.producer()
  await producer.connect()
  // In batches, as a batching client sends them.
  for (let from = 0; from < COUNT; from += 50)
    await producer.sendBatch({
      topicMessages: [
        {
          topic: INPUT,
          messages: Array.from({ length: 50 }, (_, i) => ({
            key: `k-${from + i}`,
            value: `in-${from + i}`
          }))
        }
      ]
    })
  await producer.disconnect()
})
afterAll(async () => {
  await cluster?.close()
})

/** Reads the output topic with read_committed until `expected` records arrived. */
async function readCommitted(topic: string, expected: number, groupId: string) {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, readUncommitted: false })
  const values: string[] = []
  await consumer.connect()
  await consumer.subscribe({ topics: [topic], fromBeginning: true })
  await consumer.run({
    eachMessage: async ({ message }) => {
      values.push(String(message.value))
    }
  })
  await waitFor(`${expected} records read from ${topic}`, () => values.length >= expected)
  return { values, stop: () => consumer.disconnect() }
}

describe('kafkajs transactions', () => {
  it('consume-transform-produce: output holds each input once, offsets move only on commit', async () => {
    const producer = kafka.producer({
      transactionalId: 'kjs-transformer',
      maxInFlightRequests: 1,
      idempotent: true
    })
    await producer.connect()
    const consumer = kafka.consumer({ groupId: GROUP, maxWaitTimeInMs: 100 })
    await consumer.connect()
    await consumer.subscribe({ topics: [INPUT], fromBeginning: true })
    let transformed = 0
    let aborted = 0
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat }) => {
        // Every third batch is first tried in a transaction that aborts.
        if ((transformed + aborted) % 3 === 0) {
          const doomed = await producer.transaction()
          await doomed.send({
            topic: OUTPUT,
            messages: batch.messages.map((m) => ({ key: m.key, value: `aborted-${m.value}` }))
          })
          await doomed.abort()
          aborted++
        }
        const txn = await producer.transaction()
        await txn.send({
          topic: OUTPUT,
          messages: batch.messages.map((m) => ({ key: m.key, value: `out-${m.value}` }))
        })
        const last = batch.messages[batch.messages.length - 1]
        await txn.sendOffsets({
          consumerGroupId: GROUP,
          topics: [
            {
              topic: batch.topic,
              partitions: [{ partition: batch.partition, offset: String(Number(last.offset) + 1) }]
            }
          ]
        })
        await txn.commit()
        transformed += batch.messages.length
        await heartbeat()
      }
    })
    await waitFor(`${COUNT} records transformed`, () => transformed >= COUNT)
    await consumer.disconnect()
    await producer.disconnect()
    expect(aborted).toBeGreaterThan(0)

    const out = await readCommitted(OUTPUT, COUNT, 'kjs-txn-reader')
    await out.stop()
    expect(out.values.filter((v) => v.startsWith('aborted-'))).toEqual([])
    expect(new Set(out.values).size).toBe(out.values.length)
    expect(out.values.sort()).toEqual(Array.from({ length: COUNT }, (_, i) => `out-in-${i}`).sort())

    // The group's committed offsets are the ends of the input partitions.
    const admin = kafka.admin()
    await admin.connect()
    const committed = await admin.fetchOffsets({ groupId: GROUP, topics: [INPUT] })
    const ends = await admin.fetchTopicOffsets(INPUT)
    await admin.disconnect()
    const byPartition = (list: { partition: number; offset: string }[]) =>
      Object.fromEntries(list.map((p) => [p.partition, p.offset]))
    expect(byPartition(committed[0].partitions)).toEqual(byPartition(ends))
  })

  it('an aborted transaction leaves nothing for read_committed, and offsets sent in it are not committed', async () => {
    const producer = kafka.producer({ transactionalId: 'kjs-aborter', maxInFlightRequests: 1 })
    await producer.connect()
    const txn = await producer.transaction()
    await txn.send({ topic: OUTPUT, messages: [{ value: 'never-1' }, { value: 'never-2' }] })
    await txn.sendOffsets({
      consumerGroupId: 'kjs-abort-group',
      topics: [{ topic: INPUT, partitions: [{ partition: 0, offset: '5' }] }]
    })
    await txn.abort()
    const after = await producer.transaction()
    await after.send({ topic: OUTPUT, messages: [{ value: 'after-abort' }] })
    await after.commit()
    await producer.disconnect()

    const out = await readCommitted(OUTPUT, COUNT + 1, 'kjs-abort-reader')
    await out.stop()
    expect(out.values).toContain('after-abort')
    expect(out.values.filter((v) => v.startsWith('never-'))).toEqual([])

    const admin = kafka.admin()
    await admin.connect()
    const offsets = await admin.fetchOffsets({ groupId: 'kjs-abort-group', topics: [INPUT] })
    await admin.disconnect()
    expect(offsets[0].partitions.find((p) => p.partition === 0)?.offset).toBe('-1')
  })

  it('a second producer with the same transactional id fences the first', async () => {
    const first = kafka.producer({ transactionalId: 'kjs-zombie', maxInFlightRequests: 1 })
    await first.connect()
    const open = await first.transaction()
    await open.send({ topic: OUTPUT, messages: [{ value: 'zombie-open' }] })
    const second = kafka.producer({ transactionalId: 'kjs-zombie', maxInFlightRequests: 1 })
    await second.connect()
    // Its InitProducerId aborts the first instance's open transaction and fences its epoch.
    const txn = await second.transaction()
    await expect(open.commit()).rejects.toThrow(/epoch|fenced/i)
    await txn.send({ topic: OUTPUT, messages: [{ value: 'successor' }] })
    await txn.commit()
    await first.disconnect()
    await second.disconnect()
    const out = await readCommitted(OUTPUT, COUNT + 2, 'kjs-zombie-reader')
    await out.stop()
    expect(out.values).toContain('successor')
    expect(out.values).not.toContain('zombie-open')
  })
})
