// `logdeck serve --broker-metrics-port`: each broker's own metrics, one scrape target per broker,
// under the names the Prometheus JMX exporter gives Kafka's MBeans with Strimzi's rules. On 3
// brokers with a second listener: kcat (linger.ms batches) and kafkajs (sendBatch) produce into
// two topics, a kafkajs group consumes one of them over the second listener. Per broker, the
// records counted in are those of the partitions it leads (topics.describe's high watermarks),
// its requests are those kafkajs saw it answer, its partition and leader counts are Metadata's,
// its connections are counted on the listener they came to; a stopped broker's target answers
// 503 while the others report its partitions under-replicated, and started again it counts from
// zero. Every sample line is read strictly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel } from 'kafkajs'
import {
  callApi,
  listenerBootstrap,
  startServe,
  type ServeProcess
} from '../../support/serve-process'
import { waitFor, waitForValue } from '../../support/wait-for'
import { pick, scrapeMetrics, value, type Sample } from '../../support/prometheus-scrape'
import { kcat } from '../../support/external-clients'
import { sendKeyedOrders } from '../../support/keyed-orders'
import type { TopicDescription } from '../../../src/shared/model'

let server: ServeProcess
/** Each broker's metrics URL, by broker id. */
let urls: string[]

const call = <T>(method: string, params: unknown = {}) => callApi<T>(server, method, params)

const scrapeAll = async () =>
  Promise.all(urls.map(async (url) => (await scrapeMetrics(url)).samples))

/** The requests of one API a broker counted, over every version. */
const requests = (samples: Sample[], request: string) =>
  pick(samples, 'kafka_network_requestmetrics_requests_total', { request }).reduce(
    (n, s) => n + s.value,
    0
  )

/** A topic's series of a BrokerTopicMetrics meter: absent (0) until the topic has traffic. */
const requestsOf = (samples: Sample[], meter: string, topic: string) =>
  pick(samples, meter, { topic }).reduce((n, s) => n + s.value, 0)

const METERS = [
  'messagesin',
  'bytesin',
  'bytesout',
  'totalproducerequests',
  'failedproducerequests',
  'totalfetchrequests',
  'failedfetchrequests'
].map((m) => `kafka_server_brokertopicmetrics_${m}_total`)

/** Kafka's RequestMetrics times, as the exporter names them. */
const TIMES = [
  'totaltimems',
  'requestqueuetimems',
  'localtimems',
  'remotetimems',
  'responsequeuetimems',
  'responsesendtimems'
]

const describeTopic = (name: string) => call<TopicDescription>('topics.describe', { name })

/** Every partition of every topic, internal ones too, as the console describes them. */
async function allPartitions() {
  const { topics } = await call<{ topics: { name: string }[] }>('topics.list', {
    includeInternal: true
  })
  const described = await Promise.all(topics.map((t) => describeTopic(t.name)))
  return described.flatMap((t) => t.partitions)
}

beforeAll(async () => {
  server = await startServe([
    ...['--in-memory', '--port', '0', '--ui-port', '0', '--brokers', '3'],
    ...['--no-schema-registry', '--listener', 'INTERNAL=plaintext:0'],
    ...['--broker-metrics-port', '0']
  ])
  const line = /^Broker metrics: (.*)$/m.exec(server.output())![1]
  urls = [...line.matchAll(/broker (\d) at (http[^,\s]+)/g)].map((m) => m[2])
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

describe("Broker metrics (the JMX exporter's names, one target per broker)", () => {
  it('starts every count at zero and names each listener', async () => {
    expect(urls).toHaveLength(3)
    const { text, type } = await scrapeMetrics(urls[0])
    expect(type).toBe('text/plain; version=0.0.4; charset=utf-8')
    expect(text).toContain('# TYPE kafka_server_brokertopicmetrics_messagesin_total counter')
    expect(text).toContain('# TYPE kafka_server_replicamanager_leadercount gauge')
    for (const samples of await scrapeAll()) {
      for (const meter of METERS) expect(value(samples, meter)).toBe(0)
      expect(pick(samples, 'kafka_network_requestmetrics_requests_total')).toEqual([])
      for (const listener of ['PLAINTEXT', 'INTERNAL'])
        expect(
          value(samples, 'kafka_server_socket_server_metrics_connection_count', {
            listener,
            networkProcessor: '0'
          })
        ).toBe(0)
      expect(value(samples, 'kafka_server_kafkaserver_brokerstate')).toBe(3)
    }
  })

  it("counts each broker's produce traffic and requests as its clients sent them", async () => {
    for (const name of ['clicks', 'orders'])
      await call('topics.create', { name, partitions: 3, replicationFactor: 3 })
    const lines = Array.from({ length: 420 }, (_, i) => `user-${i % 17}:click-${i}`)
    const kcatRun = await kcat(
      [
        ...['-b', server.bootstrap, '-P', '-t', 'clicks', '-K', ':'],
        ...['-X', 'linger.ms=20', '-X', 'batch.num.messages=32']
      ],
      lines.join('\n') + '\n'
    )
    expect(kcatRun.code).toBe(0)
    const beforeKafkajs = await scrapeAll()

    // kafkajs reports each request it had answered, with the broker that answered it.
    const brokerOf = new Map(server.bootstrap.split(',').map((hostPort, id) => [hostPort, id]))
    const seen = [0, 1, 2].map(() => new Map<string, number>())
    const versions = new Map<string, Set<number>>()
    const kafka = new Kafka({
      brokers: server.bootstrap.split(','),
      clientId: 'broker-metrics-test',
      logLevel: logLevel.NOTHING
    })
    const producer = kafka.producer()
    producer.on(producer.events.REQUEST, ({ payload }) => {
      const counts = seen[brokerOf.get(payload.broker)!]
      counts.set(payload.apiName, (counts.get(payload.apiName) ?? 0) + 1)
      versions.set(
        payload.apiName,
        (versions.get(payload.apiName) ?? new Set()).add(payload.apiVersion)
      )
    })
    await producer.connect()
    await sendKeyedOrders(producer, 0, 300)
    await producer.disconnect()

    const after = await scrapeAll()
    const clicks = await describeTopic('clicks')
    const orders = await describeTopic('orders')
    expect(clicks.partitions.reduce((n, p) => n + p.highWatermark, 0)).toBe(420)
    expect(orders.partitions.reduce((n, p) => n + p.highWatermark, 0)).toBe(300)
    for (const [b, samples] of after.entries()) {
      for (const t of [clicks, orders]) {
        const led = t.partitions.filter((p) => p.leader === b)
        const records = led.reduce((n, p) => n + p.highWatermark, 0)
        const topic = { topic: t.name }
        expect(value(samples, 'kafka_server_brokertopicmetrics_messagesin_total', topic)).toBe(
          records
        )
        const bytesIn = value(samples, 'kafka_server_brokertopicmetrics_bytesin_total', topic)
        if (records > 0) expect(bytesIn).toBeGreaterThan(records * 10)
        else expect(bytesIn).toBe(0)
        expect(
          value(samples, 'kafka_server_brokertopicmetrics_failedproducerequests_total', topic)
        ).toBe(0)
      }
      // The all-topics series is the sum of the topics' series, meter by meter.
      for (const meter of METERS)
        expect(value(samples, meter)).toBe(
          pick(samples, meter)
            .filter((s) => s.labels.topic !== undefined)
            .reduce((n, s) => n + s.value, 0)
        )
      // Exactly the Produce and Metadata requests kafkajs had answered by this broker.
      for (const api of ['Produce', 'Metadata'])
        expect([b, api, requests(samples, api) - requests(beforeKafkajs[b], api)]).toEqual([
          b,
          api,
          seen[b].get(api) ?? 0
        ])
      // Each of its Produce requests carried one partition of orders, or more.
      const produced = seen[b].get('Produce') ?? 0
      const meter = 'kafka_server_brokertopicmetrics_totalproducerequests_total'
      const partitionsIn =
        requestsOf(samples, meter, 'orders') - requestsOf(beforeKafkajs[b], meter, 'orders')
      expect(partitionsIn).toBeGreaterThanOrEqual(produced)
      expect(partitionsIn).toBeLessThanOrEqual(produced * 3)
      expect(produced > 0).toBe(orders.partitions.some((p) => p.leader === b))
      // Every Produce request timed, each part of its time (Kafka's RequestMetrics) no more
      // than the whole, quantile by quantile.
      const produceTimes = (time: string) =>
        pick(samples, `kafka_network_requestmetrics_${time}`, { request: 'Produce' })
      const total = produceTimes('totaltimems')
      expect(total.map((s) => s.labels.quantile)).toEqual([
        '0.50',
        '0.75',
        '0.95',
        '0.98',
        '0.99',
        '0.999'
      ])
      for (const time of TIMES) {
        expect([
          time,
          value(samples, `kafka_network_requestmetrics_${time}_count`, { request: 'Produce' })
        ]).toEqual([time, requests(samples, 'Produce')])
        for (const [i, s] of produceTimes(time).entries())
          expect(s.value).toBeLessThanOrEqual(total[i].value)
      }
    }
    // The version label is the version the client spoke.
    const produceVersions = after.flatMap((samples) =>
      pick(samples, 'kafka_network_requestmetrics_requests_total', { request: 'Produce' })
        .filter((s) => s.value > 0)
        .map((s) => Number(s.labels.version))
    )
    for (const v of versions.get('Produce')!) expect(produceVersions).toContain(v)
  })

  it("gives each broker's partitions, leaders and the controller as Metadata does", async () => {
    const kafka = new Kafka({ brokers: server.bootstrap.split(','), logLevel: logLevel.NOTHING })
    const admin = kafka.admin()
    await admin.connect()
    const { topics } = await admin.fetchTopicMetadata()
    const { controller } = await admin.describeCluster()
    await admin.disconnect()
    const partitions = topics.flatMap((t) => t.partitions)
    expect(partitions.length).toBeGreaterThanOrEqual(6)
    const scrapes = await scrapeAll()
    for (const [b, samples] of scrapes.entries()) {
      expect([b, value(samples, 'kafka_server_replicamanager_partitioncount')]).toEqual([
        b,
        partitions.filter((p) => p.replicas.includes(b)).length
      ])
      expect([b, value(samples, 'kafka_server_replicamanager_leadercount')]).toEqual([
        b,
        partitions.filter((p) => p.leader === b).length
      ])
      expect(value(samples, 'kafka_server_replicamanager_underreplicatedpartitions')).toBe(0)
      const controls = b === controller ? 1 : 0
      expect(value(samples, 'kafka_controller_kafkacontroller_activecontrollercount')).toBe(
        controls
      )
      expect(value(samples, 'kafka_controller_kafkacontroller_globaltopiccount')).toBe(
        controls * topics.length
      )
      expect(value(samples, 'kafka_controller_kafkacontroller_globalpartitioncount')).toBe(
        controls * partitions.length
      )
      expect(value(samples, 'kafka_controller_kafkacontroller_offlinepartitionscount')).toBe(0)
    }
  })

  it('counts a consumer group’s fetches and its connections on the listener it uses', async () => {
    const kafka = new Kafka({
      brokers: listenerBootstrap(server, 'INTERNAL').split(','),
      clientId: 'billing-app',
      logLevel: logLevel.NOTHING
    })
    const consumer = kafka.consumer({ groupId: 'billing' })
    await consumer.connect()
    await consumer.subscribe({ topic: 'orders', fromBeginning: true })
    let consumed = 0
    await consumer.run({ eachBatch: async ({ batch }) => void (consumed += batch.messages.length) })
    await waitFor('the group to read all 300 orders', () => consumed >= 300)

    const orders = await describeTopic('orders')
    const connected = await scrapeAll()
    let joins = 0
    for (const [b, samples] of connected.entries()) {
      const at = (listener: string) =>
        value(samples, 'kafka_server_socket_server_metrics_connection_count', {
          listener,
          networkProcessor: '0'
        })
      // The consumer fetches from every leader, over INTERNAL only.
      expect([b, at('INTERNAL') > 0, at('PLAINTEXT')]).toEqual([b, true, 0])
      const topic = { topic: 'orders' }
      const leads = orders.partitions.some((p) => p.leader === b)
      const fetched = value(
        samples,
        'kafka_server_brokertopicmetrics_totalfetchrequests_total',
        topic
      )
      expect([b, fetched > 0]).toEqual([b, leads])
      expect(requests(samples, 'Fetch') > 0).toBe(leads)
      // Whole stored batches go out as they came in: at least every byte appended once.
      expect(
        value(samples, 'kafka_server_brokertopicmetrics_bytesout_total', topic)
      ).toBeGreaterThanOrEqual(
        value(samples, 'kafka_server_brokertopicmetrics_bytesin_total', topic)
      )
      expect(
        value(samples, 'kafka_server_brokertopicmetrics_failedfetchrequests_total', topic)
      ).toBe(0)
      joins += requests(samples, 'JoinGroup')
      // Each replica's log, as its broker holds it.
      for (const p of orders.partitions) {
        const where = { topic: 'orders', partition: String(p.partition) }
        expect(value(samples, 'kafka_log_log_size', where)).toBeGreaterThan(0)
      }
    }
    expect(joins).toBeGreaterThanOrEqual(1)

    await consumer.disconnect()
    await waitFor('the consumer’s connections to close', async () =>
      (await scrapeAll()).every(
        (samples) =>
          value(samples, 'kafka_server_socket_server_metrics_connection_count', {
            listener: 'INTERNAL',
            networkProcessor: '0'
          }) === 0
      )
    )
    for (const samples of await scrapeAll())
      expect(
        value(samples, 'kafka_server_socket_server_metrics_connection_creation_total', {
          listener: 'INTERNAL',
          networkProcessor: '0'
        })
      ).toBeGreaterThan(0)
  })

  it('answers 503 for a stopped broker, and a restarted one counts from zero', async () => {
    await call('brokers.stop', { brokerId: 2 })
    const stopped = await fetch(urls[2])
    expect(stopped.status).toBe(503)
    expect(await stopped.text()).toMatch(/^The scrape failed: Broker 2 is stopped/)

    // Every partition with a replica on broker 2 is under-replicated on its new leader.
    const held = (await allPartitions()).filter((p) => p.replicas.includes(2))
    const scrapes = await waitForValue('the leaders to report their ISR shrunk', async () => {
      const samples = await Promise.all(
        urls.slice(0, 2).map(async (u) => (await scrapeMetrics(u)).samples)
      )
      const under = samples.reduce(
        (n, s) => n + value(s, 'kafka_server_replicamanager_underreplicatedpartitions'),
        0
      )
      return under === held.length ? samples : undefined
    })
    const described = await allPartitions()
    for (const [b, samples] of scrapes.entries()) {
      const under = described.filter(
        (p) => p.leader === b && p.isr.length < p.replicas.length
      ).length
      expect([b, value(samples, 'kafka_server_replicamanager_underreplicatedpartitions')]).toEqual([
        b,
        under
      ])
      expect(
        pick(samples, 'kafka_cluster_partition_underreplicated').filter((s) => s.value === 1)
      ).toHaveLength(under)
    }

    await call('brokers.start', { brokerId: 2 })
    const restarted = (await scrapeMetrics(urls[2])).samples
    for (const meter of METERS) expect(value(restarted, meter)).toBe(0)
    expect(value(restarted, 'kafka_server_replicamanager_partitioncount')).toBe(held.length)
    expect(pick(restarted, 'kafka_network_requestmetrics_requests_total')).toEqual([])
  })
})
