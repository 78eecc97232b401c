// `logdeck serve --metrics-port`: the cluster's state for Prometheus under kafka_exporter's metric
// names. kafkajs produces 300 keyed records in batches into a topic of 3 partitions on 3 brokers,
// a kafkajs group commits all of them and leaves, 50 more arrive: the scrape's offsets and lag
// are the console's (topics.describe, groups.describe), partition by partition. A stopped broker
// shows as under-replicated partitions and one broker fewer, as an alert on kafka_exporter's
// metrics would see it; `?connection=ID` scrapes a saved connection (a second `logdeck serve`,
// reached only over the Kafka protocol).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel } from 'kafkajs'
import { callApi, startServe, type ServeProcess } from '../../support/serve-process'
import { waitForValue } from '../../support/wait-for'
import { pick, scrapeMetrics, value } from '../../support/prometheus-scrape'
import { sendKeyedOrders } from '../../support/keyed-orders'
import type { GroupDescription } from '../../../src/shared/api/groups'
import type { TopicDescription } from '../../../src/shared/model'

let server: ServeProcess
let external: ServeProcess
let metricsUrl: string

const call = <T>(method: string, params: unknown = {}) => callApi<T>(server, method, params)

/** A scrape of the kafka_exporter port, each sample line read strictly. */
const scrape = (query = '') => scrapeMetrics(metricsUrl + query)

beforeAll(async () => {
  server = await startServe([
    ...['--in-memory', '--port', '0', '--ui-port', '0', '--brokers', '3'],
    ...['--metrics-port', '0']
  ])
  metricsUrl = /^Metrics: (http\S+) /m.exec(server.output())![1]
  external = await startServe(['--in-memory', '--port', '0', '--no-ui', '--brokers', '1'])
}, 60_000)

afterAll(async () => {
  await server?.stop()
  await external?.stop()
})

describe('Prometheus metrics (kafka_exporter names)', () => {
  it("gives the console's offsets and lag, partition by partition", async () => {
    await call('topics.create', { name: 'orders', partitions: 3, replicationFactor: 3 })
    const kafka = new Kafka({
      brokers: server.bootstrap.split(','),
      clientId: 'metrics-test',
      logLevel: logLevel.NOTHING
    })
    const producer = kafka.producer()
    await producer.connect()
    const send = (from: number, count: number) => sendKeyedOrders(producer, from, count)
    await send(0, 300)
    const consumer = kafka.consumer({ groupId: 'billing' })
    await consumer.connect()
    await consumer.subscribe({ topic: 'orders', fromBeginning: true })
    let seen = 0
    await consumer.run({ eachBatch: async ({ batch }) => void (seen += batch.messages.length) })
    await waitForValue('the group to commit all 300', async () => {
      const g = await call<GroupDescription>('groups.describe', { groupId: 'billing' })
      const committed = g.offsets.reduce((n, o) => n + o.committedOffset, 0)
      return committed === 300 ? true : undefined
    })
    await consumer.disconnect()
    await send(300, 50)
    await producer.disconnect()

    const { samples, text, type } = await scrape()
    expect(type).toBe('text/plain; version=0.0.4; charset=utf-8')
    expect(text).toContain('# TYPE kafka_consumergroup_lag gauge')
    expect(value(samples, 'kafka_brokers')).toBe(3)
    expect(pick(samples, 'kafka_broker_info').map((s) => s.labels.id)).toEqual(['0', '1', '2'])
    expect(value(samples, 'kafka_topic_partitions', { topic: 'orders' })).toBe(3)

    const topic = await call<TopicDescription>('topics.describe', { name: 'orders' })
    const group = await call<GroupDescription>('groups.describe', { groupId: 'billing' })
    for (const p of topic.partitions) {
      const at = { topic: 'orders', partition: String(p.partition) }
      expect(value(samples, 'kafka_topic_partition_current_offset', at)).toBe(p.highWatermark)
      expect(value(samples, 'kafka_topic_partition_oldest_offset', at)).toBe(0)
      expect(value(samples, 'kafka_topic_partition_leader', at)).toBe(p.leader)
      expect(value(samples, 'kafka_topic_partition_replicas', at)).toBe(3)
      expect(value(samples, 'kafka_topic_partition_in_sync_replica', at)).toBe(3)
      expect(value(samples, 'kafka_topic_partition_under_replicated_partition', at)).toBe(0)
      expect(value(samples, 'kafka_topic_partition_leader_is_preferred', at)).toBe(1)
      const o = group.offsets.find((x) => x.partition === p.partition)!
      const g = { consumergroup: 'billing', ...at }
      expect(value(samples, 'kafka_consumergroup_current_offset', g)).toBe(o.committedOffset)
      expect(value(samples, 'kafka_consumergroup_lag', g)).toBe(o.lag)
    }
    expect(topic.partitions.reduce((n, p) => n + p.highWatermark, 0)).toBe(350)
    const sums = { consumergroup: 'billing', topic: 'orders' }
    expect(value(samples, 'kafka_consumergroup_lag_sum', sums)).toBe(50)
    expect(value(samples, 'kafka_consumergroup_current_offset_sum', sums)).toBe(300)
    expect(value(samples, 'kafka_consumergroup_members', { consumergroup: 'billing' })).toBe(0)
    expect(seen).toBeGreaterThanOrEqual(300)
  })

  it('shows a stopped broker as one broker fewer and under-replicated partitions', async () => {
    await call('brokers.stop', { brokerId: 2 })
    const samples = await waitForValue('the ISR to shrink', async () => {
      const { samples } = await scrape()
      const under = pick(samples, 'kafka_topic_partition_under_replicated_partition', {
        topic: 'orders'
      })
      return under.every((s) => s.value === 1) ? samples : undefined
    })
    expect(value(samples, 'kafka_brokers')).toBe(2)
    for (const s of pick(samples, 'kafka_topic_partition_in_sync_replica', { topic: 'orders' }))
      expect(s.value).toBe(2)
    await call('brokers.start', { brokerId: 2 })
  })

  it('scrapes a saved connection, and says why a scrape cannot be made', async () => {
    await call('connections.add', {
      id: 'staging',
      name: 'Staging',
      bootstrapServers: external.bootstrap.split(','),
      historyIntervalMs: 0
    })
    await call('topics.create', {
      connection: 'staging',
      name: 'invoices',
      partitions: 2,
      replicationFactor: 1
    })
    const { samples } = await scrape('?connection=staging')
    expect(value(samples, 'kafka_brokers')).toBe(1)
    expect(value(samples, 'kafka_topic_partitions', { topic: 'invoices' })).toBe(2)
    expect(pick(samples, 'kafka_topic_partitions', { topic: 'orders' })).toEqual([])

    const unknown = await fetch(`${metricsUrl}?connection=nowhere`)
    expect(unknown.status).toBe(404)
    expect(await unknown.text()).toMatch(/^The scrape failed: .*nowhere/)
    const elsewhere = await fetch(metricsUrl.replace(/\/metrics$/, '/api/cluster.describe'))
    expect([elsewhere.status, await elsewhere.text()]).toEqual([
      404,
      'Not found: the metrics are at /metrics\n'
    ])
  })
})
