// A real cluster's client metrics subscriptions (KIP-714) through a connection, over the Kafka
// protocol only (the cluster here is another embedded one, reached as a Kafka cluster): what the
// console creates, changes and deletes is what the cluster holds and what a client pushing
// telemetry to it is asked for; Kafka's refusals name the field; the client instances are not
// the console's to know; a cluster without the APIs (librdkafka's mock cluster) says so.
import { spawn, type ChildProcess } from 'node:child_process'
import { gzipSync } from 'node:zlib'
import {
  apiVersionsV4,
  Connection,
  describeConfigsV4,
  getTelemetrySubscriptionsV0,
  pushTelemetryV0
} from '@platformatic/kafka'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { producerMetrics } from '../support/otlp-payload'
import { ApiError } from '../../src/shared/errors'
import type { ClientMetricsView } from '../../src/shared/api/client-metrics'

const ZERO_UUID = '00000000-0000-0000-0000-000000000000'
const GZIP = 1

/** A 1-broker librdkafka mock cluster inside a kcat producer kept open. */
function startMock(): Promise<{ child: ChildProcess; bootstrap: string }> {
  const child = spawn(
    'kcat',
    ['-b', '127.0.0.1:1', '-X', 'test.mock.num.brokers=1', '-P', '-t', 'keepalive'],
    { stdio: ['pipe', 'ignore', 'pipe'] }
  )
  let err = ''
  return new Promise((resolve, reject) => {
    child.stderr!.setEncoding('utf8').on('data', (s: string) => {
      err += s
      const m = /replaced with (\S+)/.exec(err)
      if (m) resolve({ child, bootstrap: m[1] })
    })
    child.once('exit', (code) => reject(new Error(`kcat exited with ${code}: ${err}`)))
  })
}

describe('client metrics subscriptions of an external cluster', () => {
  let kafka: TestCluster
  let console_: TestCluster
  let mock: { child: ChildProcess; bootstrap: string }
  const connections: Connection[] = []
  const ids: Record<string, string> = {}
  const call = <T>(method: string, params: object, connection = ids.kafka) =>
    console_.service.callByName(method, { connection, ...params }) as Promise<T>
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (err: unknown) => err
    )

  /** A client as the cluster sees it: connected, its software named in ApiVersions. */
  async function client(clientId: string) {
    const connection = new Connection(clientId)
    connections.push(connection)
    await connection.connect(kafka.listeners[0].host, kafka.listeners[0].port)
    await apiVersionsV4.api.async(connection, 'logdeck-test', '1.2.3')
    return connection
  }

  /** The subscription's configs as the cluster describes them to any Kafka client. */
  async function describedConfigs(name: string): Promise<Record<string, unknown>> {
    const connection = await client('describer')
    const answer = await describeConfigsV4.api.async(
      connection,
      [{ resourceType: 16, resourceName: name }],
      false,
      false
    )
    return Object.fromEntries(answer.results[0]!.configs.map((c) => [c.name, c.value]))
  }

  beforeAll(async () => {
    kafka = await startTestCluster({ brokers: 2 })
    console_ = await startTestCluster({})
    mock = await startMock()
    for (const [key, name, bootstrap] of [
      ['kafka', 'Kafka', kafka.bootstrap],
      ['mock', 'librdkafka mock', mock.bootstrap]
    ] as const) {
      const added = (await console_.service.callByName('connections.add', {
        name,
        bootstrapServers: bootstrap.split(','),
        historyIntervalMs: 0
      })) as { id: string }
      ids[key] = added.id
    }
  })
  afterAll(async () => {
    for (const c of connections) await c.close()
    await console_?.close()
    await kafka?.close()
    mock?.child.stdin?.end()
    mock?.child.kill()
  })

  it('creates, lists, changes and deletes subscriptions the cluster holds and clients get', async () => {
    // A Kafka cluster's connection: no instances, and no export (its brokers' plugin has them).
    expect(await call<ClientMetricsView>('clientMetrics.list', {})).toEqual({
      clients: [],
      subscriptions: [],
      export: null
    })
    const exportRefused = await failure(
      call('clientMetrics.setExport', { url: 'http://127.0.0.1:4318/v1/metrics' })
    )
    expect((exportRefused as ApiError).message).toContain(
      "sending pushed metrics to a collector (a Kafka cluster's brokers hand them to their ClientTelemetryReceiver plugin) is only possible on the embedded cluster"
    )
    const producer = await client('orders-producer')
    const before = await getTelemetrySubscriptionsV0.api.async(producer, ZERO_UUID)
    expect(before.requestedMetrics).toEqual([])

    const set = await call<ClientMetricsView>('clientMetrics.setSubscription', {
      name: 'producers',
      metrics: ['org.apache.kafka.producer.'],
      intervalMs: 60_000,
      match: ['client_software_name=logdeck-.*', 'client_id=orders-.*']
    })
    expect(set).toEqual({
      clients: [],
      export: null,
      subscriptions: [
        {
          name: 'producers',
          metrics: ['org.apache.kafka.producer.'],
          intervalMs: 60_000,
          match: ['client_software_name=logdeck-.*', 'client_id=orders-.*']
        }
      ]
    })
    expect(kafka.engine.clientMetricsConfigs('producers')).toEqual({
      metrics: 'org.apache.kafka.producer.',
      'interval.ms': '60000',
      match: 'client_software_name=logdeck-.*,client_id=orders-.*'
    })

    // The client is asked for the subscription's metrics at its interval, and its push is kept.
    const sub = await getTelemetrySubscriptionsV0.api.async(producer, before.clientInstanceId)
    expect(sub.requestedMetrics).toEqual(['org.apache.kafka.producer.'])
    expect(sub.pushIntervalMs).toBe(60_000)
    const pushed = await pushTelemetryV0.api.async(
      producer,
      sub.clientInstanceId,
      sub.subscriptionId,
      false,
      GZIP,
      gzipSync(producerMetrics('orders-producer', 12.5, 40))
    )
    expect(pushed.errorCode).toBe(0)
    const [seen] = kafka.engine.clientTelemetry()
    expect(seen).toMatchObject({ clientId: 'orders-producer', pushes: 1 })
    expect(seen!.metrics.map((m) => m.name)).toContain('org.apache.kafka.producer.record.send.rate')
    // What the target's brokers heard stays theirs: the console's list names no instance.
    expect((await call<ClientMetricsView>('clientMetrics.list', {})).clients).toEqual([])

    // Changed: every metric, no interval (Kafka's default), no selector.
    const changed = await call<ClientMetricsView>('clientMetrics.setSubscription', {
      name: 'producers',
      metrics: ['*'],
      match: []
    })
    expect(changed.subscriptions).toEqual([
      { name: 'producers', metrics: ['*'], intervalMs: null, match: [] }
    ])
    expect(await describedConfigs('producers')).toEqual({ metrics: '*', match: '' })
    const resubscribed = await getTelemetrySubscriptionsV0.api.async(producer, sub.clientInstanceId)
    expect(resubscribed.requestedMetrics).toEqual(['*'])
    expect(resubscribed.pushIntervalMs).toBe(300_000)

    await call('clientMetrics.setSubscription', { name: 'consumers', metrics: [], match: [] })
    const listed = await call<ClientMetricsView>('clientMetrics.list', {})
    expect(listed.subscriptions.map((s) => s.name)).toEqual(['consumers', 'producers'])

    const deleted = await call<ClientMetricsView>('clientMetrics.deleteSubscription', {
      name: 'producers'
    })
    expect(deleted.subscriptions.map((s) => s.name)).toEqual(['consumers'])
    expect(kafka.engine.clientMetricsResources()).toEqual(['consumers'])
    expect(await describedConfigs('producers')).toEqual({})
  })

  it('names the field Kafka refuses, and changes nothing', async () => {
    const interval = await failure(
      call('clientMetrics.setSubscription', {
        name: 'too-fast',
        metrics: ['*'],
        intervalMs: 10,
        match: []
      })
    )
    expect(interval).toBeInstanceOf(ApiError)
    expect(interval).toMatchObject({ code: 'BAD_REQUEST', field: 'intervalMs' })
    expect((interval as ApiError).message).toContain('interval.ms')
    const match = await failure(
      call('clientMetrics.setSubscription', {
        name: 'metrics-bad-match',
        metrics: ['*'],
        match: ['no_such_selector=x']
      })
    )
    expect(match).toMatchObject({ code: 'BAD_REQUEST', field: 'match' })
    expect(kafka.engine.clientMetricsResources()).not.toContain('too-fast')
    expect(kafka.engine.clientMetricsResources()).not.toContain('metrics-bad-match')
  })

  it('says a cluster without the KIP-714 APIs does not offer subscriptions', async () => {
    for (const [method, params] of [
      ['clientMetrics.list', {}],
      ['clientMetrics.setSubscription', { name: 's', metrics: ['*'], match: [] }],
      ['clientMetrics.deleteSubscription', { name: 's' }]
    ] as const) {
      const refused = await failure(call(method, params, ids.mock))
      expect(refused).toBeInstanceOf(ApiError)
      expect(refused).toMatchObject({ code: 'BAD_REQUEST' })
      expect((refused as ApiError).message).toContain('does not offer client metrics subscriptions')
      // Its ApiVersions (v0: it refuses v3) lists no ListClientMetricsResources.
      expect((refused as ApiError).message).toContain('ListClientMetricsResources (API key 74)')
    }
  })
})
