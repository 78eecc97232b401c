// A read-process-write loop of @platformatic/kafka, which negotiates the newest version of each API
// it has that the broker lists: its consumer fetches with Fetch 17 (KIP-853's version), its
// transactional producer adds the group with AddOffsetsToTxn 4 (KIP-890's) and commits the group's
// offsets in the transaction, and its admin asks ListOffsets 9 for the latest tiered offset (-5),
// which a broker without tiered storage answers with -1. The versions sent are read from the
// client's own diagnostics channel; kcat reading read_committed sees the processed records and
// the group's committed offsets are the ones the transaction carried.
import { tracingChannel } from 'node:diagnostics_channel'
import { Admin, Producer, stringSerializers, type Message } from '@platformatic/kafka'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat } from '../../support/external-clients'
import { produceStrings, stringConsumer } from '../../support/platformatic-clients'
import { waitFor } from '../../support/wait-for'

const IN = 'rpw-in'
const OUT = 'rpw-out'
const GROUP = 'rpw-group'

let cluster: TestCluster
let brokers: string[]

/** Every [apiKey, apiVersion] the client sent, from its 'plt:kafka:connections:api' channel. */
const sent: [number, number][] = []
const api = tracingChannel('plt:kafka:connections:api')
const onStart = (ctx: unknown) => {
  const c = ctx as { apiKey?: number; apiVersion?: number }
  if (typeof c.apiKey === 'number' && typeof c.apiVersion === 'number')
    sent.push([c.apiKey, c.apiVersion])
}
const subscribers = {
  start: onStart,
  end: () => {},
  asyncStart: () => {},
  asyncEnd: () => {},
  error: () => {}
}

const versionsOf = (key: number) => [...new Set(sent.filter(([k]) => k === key).map(([, v]) => v))]

beforeAll(async () => {
  cluster = await startTestCluster({ brokers: 1 })
  brokers = cluster.bootstrap.split(',')
  cluster.engine.createTopic({ name: IN, partitions: 2, replicationFactor: 1 })
  cluster.engine.createTopic({ name: OUT, partitions: 1, replicationFactor: 1 })
  api.subscribe(subscribers)
})
afterAll(async () => {
  api.unsubscribe(subscribers)
  await cluster?.close()
})

describe('@platformatic/kafka read-process-write', () => {
  it('fetches with Fetch 17 and adds its offsets with AddOffsetsToTxn 4', async () => {
    const inputs = ['a', 'b', 'c', 'd', 'e', 'f']
    await produceStrings(
      brokers,
      'rpw-source',
      inputs.map((value, i) => ({ topic: IN, key: `k${i % 2}`, value }))
    )
    const consumer = stringConsumer(brokers, 'rpw-consumer', GROUP)
    const producer = new Producer({
      clientId: 'rpw-producer',
      bootstrapBrokers: brokers,
      idempotent: true,
      transactionalId: 'rpw-writer',
      serializers: stringSerializers
    })
    const read: Message<string, string, string, string>[] = []
    try {
      const stream = await consumer.consume({
        topics: [IN],
        mode: 'committed',
        fallbackMode: 'earliest',
        autocommit: false
      })
      stream.on('data', (m) => read.push(m))
      await waitFor('every input read', () => read.length === inputs.length)
      await stream.close()

      const tx = await producer.beginTransaction()
      await tx.send({
        messages: read.map((m) => ({ topic: OUT, key: m.key, value: m.value.toUpperCase() }))
      })
      await tx.addConsumer(consumer)
      // The last record read of each partition: the offset after it is committed.
      const last = new Map<number, Message<string, string, string, string>>()
      for (const m of read) last.set(m.partition, m)
      for (const m of last.values()) await tx.addOffset(m)
      await tx.commit()

      const admin = new Admin({ clientId: 'rpw-admin', bootstrapBrokers: brokers })
      try {
        const [group] = await admin.listConsumerGroupOffsets({ groups: [GROUP] })
        const committed = group.topics
          .flatMap((t) => t.partitions.map((p) => [t.name, p.partitionIndex, p.committedOffset]))
          .sort()
        expect(committed).toEqual(
          [...last.values()].map((m) => [IN, m.partition, m.offset + 1n]).sort()
        )
        // ListOffsets 9's latest tiered offset: none without tiered storage.
        const tiered = await admin.listOffsets({
          topics: [{ name: IN, partitions: [{ partitionIndex: 0, timestamp: -5n }] }]
        })
        expect(tiered[0].partitions[0]).toMatchObject({ offset: -1n, timestamp: -1n })
      } finally {
        await admin.close()
      }
    } finally {
      await consumer.close(true)
      await producer.close()
    }

    const out = await kcat([
      ...['-C', '-b', cluster.bootstrap, '-t', OUT, '-e', '-q', '-o', 'beginning'],
      ...['-X', 'isolation.level=read_committed', '-f', '%s\n']
    ])
    expect(out.code, out.stderr).toBe(0)
    expect(out.stdout.trim().split('\n').sort()).toEqual(inputs.map((v) => v.toUpperCase()))

    expect(versionsOf(ApiKey.Fetch)).toEqual([17])
    expect(versionsOf(ApiKey.AddOffsetsToTxn)).toEqual([4])
    expect(versionsOf(ApiKey.ListOffsets)).toContain(9)
    expect(Math.max(...versionsOf(ApiKey.ListOffsets))).toBe(9)
  })
})
