// @platformatic/kafka (flexible API versions only) against the embedded cluster: topics created
// by its admin, an idempotent producer with keys, two consumers sharing a group, and the
// admin's group APIs (ListGroups v5, DescribeGroups v5, OffsetFetch v8+ by group, DeleteGroups).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Admin } from '@platformatic/kafka'
import { murmur2Partition } from '../../../src/engine/producers/murmur2'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import {
  CLASSIC_TIMEOUTS,
  consumeCommitted,
  produceStrings,
  stringConsumer,
  type StringConsumer,
  type StringStream
} from '../../support/platformatic-clients'
import { waitFor } from '../../support/wait-for'

const TOPIC = 'pk-orders'
const GROUP = 'pk-group'
const PARTITIONS = 4

let cluster: TestCluster
let brokers: string[]

beforeAll(async () => {
  cluster = await startTestCluster()
  brokers = cluster.bootstrap.split(',')
})
afterAll(async () => {
  await cluster?.close()
})

const admin = () => new Admin({ clientId: 'it-pk-admin', bootstrapBrokers: brokers, retries: 5 })

describe('@platformatic/kafka', () => {
  it('creates topics', async () => {
    const a = admin()
    try {
      const created = await a.createTopics({
        topics: [TOPIC],
        partitions: PARTITIONS,
        replicas: 3,
        configs: [{ name: 'retention.ms', value: '3600000' }]
      })
      expect(created).toMatchObject([{ name: TOPIC, partitions: PARTITIONS, replicas: 3 }])
      const topic = cluster.engine.topic(TOPIC)
      expect(topic?.partitions).toHaveLength(PARTITIONS)
      expect(topic?.configOverrides['retention.ms']).toBe('3600000')
    } finally {
      await a.close()
    }
  })

  it('produces keyed records and consumes them in a group of two', async () => {
    await produceStrings(
      brokers,
      'it-pk-producer',
      Array.from({ length: 200 }, (_, i) => ({
        topic: TOPIC,
        key: `user-${i % 23}`,
        value: `event-${i}`
      })),
      { idempotent: true }
    )

    const seen = new Map<string, number>()
    const consumers: StringConsumer[] = []
    const streams: StringStream[] = []
    try {
      for (const name of ['one', 'two']) {
        const consumer = stringConsumer(brokers, `it-pk-${name}`, GROUP, CLASSIC_TIMEOUTS)
        consumers.push(consumer)
        const stream = await consumeCommitted(consumer, [TOPIC])
        streams.push(stream)
        stream.on('data', (m) => {
          expect(m.partition).toBe(murmur2Partition(Buffer.from(m.key), PARTITIONS))
          seen.set(m.value, (seen.get(m.value) ?? 0) + 1)
        })
      }
      const assigned = () => consumers.map((c) => c.assignments?.[0]?.partitions ?? [])
      await waitFor('the partitions shared by both members', () => {
        const [a, b] = assigned()
        return a.length > 0 && b.length > 0 && a.length + b.length === PARTITIONS
      })
      expect(assigned().flat().sort()).toEqual([0, 1, 2, 3])
      await waitFor('200 records consumed', () => seen.size === 200)
      expect([...seen.values()].every((n) => n === 1)).toBe(true)

      const a = admin()
      try {
        const groups = await a.listGroups({ types: ['classic'] })
        expect(groups.get(GROUP)).toMatchObject({
          id: GROUP,
          state: 'Stable',
          protocolType: 'consumer'
        })
        const described = (await a.describeGroups({ groups: [GROUP] })).get(GROUP)
        expect(described?.state).toBe('Stable')
        expect(described?.members.size).toBe(2)
        await waitFor('every offset committed', async () => {
          const [g] = await a.listConsumerGroupOffsets({ groups: [GROUP] })
          const total = g.topics
            .flatMap((t) => t.partitions)
            .reduce((sum, p) => sum + Number(p.committedOffset), 0)
          return total === 200
        })
      } finally {
        await a.close()
      }
    } finally {
      for (const s of streams) await s.close()
      for (const c of consumers) await c.close()
    }
  })

  it('deletes the group once its members have left', async () => {
    const a = admin()
    try {
      await waitFor('an empty group', async () => {
        const g = (await a.describeGroups({ groups: [GROUP] })).get(GROUP)
        return g?.state === 'Empty'
      })
      await a.deleteGroups({ groups: [GROUP] })
      const groups = await a.listGroups()
      expect(groups.has(GROUP)).toBe(false)
    } finally {
      await a.close()
    }
  })
})
