// topics.deleteMany on a cluster real clients write to: the topics named go (a Kafka client no
// longer sees them), each failure is reported on its own topic without stopping the others, and
// bad requests are refused naming the field.
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../src/shared/errors'
import { startTestCluster, type TestCluster } from '../support/cluster'

let cluster: TestCluster
let kafka: Kafka

beforeAll(async () => {
  cluster = await startTestCluster()
  kafka = new Kafka({ brokers: cluster.bootstrap.split(','), logLevel: logLevel.NOTHING })
})
afterAll(async () => {
  await cluster?.close()
})

async function produce(topic: string, n: number) {
  const producer = kafka.producer()
  await producer.connect()
  await producer.sendBatch({
    topicMessages: [
      { topic, messages: Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) }
    ]
  })
  await producer.disconnect()
}

describe('topics.deleteMany', () => {
  it('deletes the topics named and reports the ones it could not, each on its own', async () => {
    const names = ['bulk.a', 'bulk.b', 'bulk.c', 'bulk.keep']
    for (const name of names)
      await cluster.service.call('topics.create', { name, partitions: 3, replicationFactor: 3 })
    for (const name of names) await produce(name, 50)

    const r = await cluster.service.call('topics.deleteMany', {
      names: ['bulk.a', 'bulk.missing', 'bulk.b', 'bulk.c']
    })
    expect(r.topics.map((t) => [t.name, t.deleted, t.error?.code])).toEqual([
      ['bulk.a', true, undefined],
      ['bulk.missing', false, 'NOT_FOUND'],
      ['bulk.b', true, undefined],
      ['bulk.c', true, undefined]
    ])
    expect(r.topics[1].error?.message).toContain('bulk.missing')

    const listed = (await cluster.service.call('topics.list', {})).topics.map((t) => t.name)
    expect(listed).toContain('bulk.keep')
    for (const gone of ['bulk.a', 'bulk.b', 'bulk.c']) expect(listed).not.toContain(gone)

    const admin = kafka.admin()
    await admin.connect()
    const seen = await admin.listTopics()
    await admin.disconnect()
    expect(seen).toContain('bulk.keep')
    for (const gone of ['bulk.a', 'bulk.b', 'bulk.c']) expect(seen).not.toContain(gone)

    // The name is free again: a topic created under it starts empty.
    await cluster.service.call('topics.create', {
      name: 'bulk.a',
      partitions: 1,
      replicationFactor: 1
    })
    const d = await cluster.service.call('topics.describe', { name: 'bulk.a' })
    expect(d.partitions.map((p) => p.highWatermark)).toEqual([0])
  })

  it('refuses an empty list and a topic named twice, naming the field', async () => {
    const refused = async (names: string[]) => {
      try {
        await cluster.service.call('topics.deleteMany', { names })
      } catch (err) {
        return err as ApiError
      }
      throw new Error('accepted')
    }
    const empty = await refused([])
    expect(empty.code).toBe('BAD_REQUEST')
    expect(empty.field).toBe('names')
    await cluster.service.call('topics.create', {
      name: 'bulk.twice',
      partitions: 1,
      replicationFactor: 1
    })
    const twice = await refused(['bulk.twice', 'bulk.twice'])
    expect(twice.field).toBe('names.1')
    expect(twice.message).toContain("'bulk.twice' is named twice")
    // Nothing was deleted by the refused request.
    const listed = (await cluster.service.call('topics.list', {})).topics.map((t) => t.name)
    expect(listed).toContain('bulk.twice')
  })
})
