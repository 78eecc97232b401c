// Client telemetry (KIP-714) with a real client, @platformatic/kafka's GetTelemetrySubscriptions
// and PushTelemetry: an instance id for a client that has none, the subscription its CLIENT_METRICS
// resources give it (and a new subscription id when they change), a real OTLP payload pushed
// gzip-compressed and read back, and Kafka's refusals: too frequent, an old subscription id, too
// large, an unreadable payload, anything after a terminating push.
import { afterEach, describe, expect, it } from 'vitest'
import { gzipSync } from 'node:zlib'
import {
  apiVersionsV4,
  Connection,
  getTelemetrySubscriptionsV0,
  incrementalAlterConfigsV1,
  pushTelemetryV0
} from '@platformatic/kafka'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { producerMetrics } from '../../support/otlp-payload'

const ZERO_UUID = '00000000-0000-0000-0000-000000000000'
const GZIP = 1
const closing: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close()
})

async function cluster(options: Parameters<typeof startTestCluster>[0] = {}): Promise<TestCluster> {
  const c = await startTestCluster(options)
  closing.push(() => c.close())
  return c
}

/** A connection that named its software in ApiVersions, as clients do. */
async function client(c: TestCluster, clientId: string, software = 'logdeck-test') {
  const connection = new Connection(clientId)
  await connection.connect(c.listeners[0].host, c.listeners[0].port)
  closing.push(() => connection.close())
  await apiVersionsV4.api.async(connection, software, '1.2.3')
  return connection
}

// The client throws on an error code; the response it carries says which.
const answered = <T>(p: Promise<T>): Promise<T> =>
  p.catch((err: { response?: T }) => {
    if (!err.response) throw err
    return err.response
  })

const subscriptions = (connection: Connection, id = ZERO_UUID) =>
  answered(getTelemetrySubscriptionsV0.api.async(connection, id))

const push = (
  connection: Connection,
  id: string,
  subscriptionId: number,
  metrics: Buffer,
  { terminating = false, compression = GZIP as 0 | 1 | 2 | 3 | 4 } = {}
) =>
  answered(
    pushTelemetryV0.api.async(connection, id, subscriptionId, terminating, compression, metrics)
  )

async function subscribe(c: TestCluster, name: string, configs: Record<string, string>) {
  const connection = await client(c, 'admin')
  await incrementalAlterConfigsV1.api.async(
    connection,
    [
      {
        resourceType: 16,
        resourceName: name,
        configs: Object.entries(configs).map(([n, value]) => ({
          name: n,
          configOperation: 0 as const,
          value
        }))
      }
    ],
    false
  )
}

describe('client telemetry', () => {
  it('gives an instance id and, with no subscription matching, no metrics to push', async () => {
    const c = await cluster()
    const connection = await client(c, 'quiet')
    const first = await subscriptions(connection)
    expect(first.errorCode).toBe(0)
    expect(first.clientInstanceId).not.toBe(ZERO_UUID)
    expect(first).toMatchObject({
      requestedMetrics: [],
      pushIntervalMs: 300_000,
      acceptedCompressionTypes: [4, 3, 1, 2], // zstd, lz4, gzip, snappy
      telemetryMaxBytes: 1024 * 1024,
      deltaTemporality: true
    })
    // Asked again before the push interval: refused, as Kafka throttles it.
    const again = await subscriptions(connection, first.clientInstanceId)
    expect(again.errorCode).toBe(89) // THROTTLING_QUOTA_EXCEEDED
  })

  it('subscribes matching clients, pushes real OTLP metrics and reads them back', async () => {
    const c = await cluster()
    const connection = await client(c, 'orders-producer')
    const before = await subscriptions(connection)
    await subscribe(c, 'producers', {
      metrics: 'org.apache.kafka.producer.',
      'interval.ms': '60000',
      match: 'client_software_name=logdeck-.*,client_id=orders-.*'
    })
    await subscribe(c, 'others', { metrics: '*', match: 'client_software_name=other' })
    // The subscriptions changed: the client is answered at once, with a new subscription id.
    const sub = await subscriptions(connection, before.clientInstanceId)
    expect(sub.errorCode).toBe(0)
    expect(sub.clientInstanceId).toBe(before.clientInstanceId)
    expect(sub.subscriptionId).not.toBe(before.subscriptionId)
    expect(sub.requestedMetrics).toEqual(['org.apache.kafka.producer.'])
    expect(sub.pushIntervalMs).toBe(60_000)

    const pushed = await push(
      connection,
      sub.clientInstanceId,
      sub.subscriptionId,
      gzipSync(producerMetrics('orders-producer', 12.5, 40))
    )
    expect(pushed.errorCode).toBe(0)
    // Read back through the contract, as the console reads it.
    const view = await c.service.call('clientMetrics.list', {})
    expect(view.subscriptions.map((s) => s.name)).toEqual(['others', 'producers'])
    const [kept] = view.clients
    expect(kept).toMatchObject({
      clientInstanceId: sub.clientInstanceId,
      clientId: 'orders-producer',
      softwareName: 'logdeck-test',
      softwareVersion: '1.2.3',
      sourceAddress: '127.0.0.1',
      connected: true,
      pushes: 1,
      resource: { client_id: 'orders-producer', client_rack: 'rack-a' }
    })
    expect(kept!.lastPush).not.toBeNull()
    const byName = Object.fromEntries(kept!.metrics.map((m) => [m.name, m]))
    expect(byName['org.apache.kafka.producer.record.send.rate']).toMatchObject({
      kind: 'gauge',
      value: 12.5,
      unit: '1/s',
      attributes: { topic: 'orders' }
    })
    expect(byName['org.apache.kafka.producer.record.send.total']).toMatchObject({
      kind: 'sum',
      value: 40,
      temporality: 'delta',
      total: 40
    })
    expect(byName['org.apache.kafka.producer.request.latency']).toMatchObject({
      kind: 'histogram',
      count: 4,
      value: 10
    })

    // Pushed again before the interval: PUSH too frequent is THROTTLING_QUOTA_EXCEEDED in Kafka.
    const tooSoon = await push(
      connection,
      sub.clientInstanceId,
      sub.subscriptionId,
      Buffer.alloc(0)
    )
    expect(tooSoon.errorCode).toBe(89)
    // A terminating push is taken whatever the interval; nothing is taken after it.
    const last = await push(
      connection,
      sub.clientInstanceId,
      sub.subscriptionId,
      gzipSync(producerMetrics('orders-producer', 0, 2)),
      { terminating: true }
    )
    expect(last.errorCode).toBe(0)
    const total = (await c.service.call('clientMetrics.list', {})).clients[0]!.metrics.find(
      (m) => m.kind === 'sum'
    )?.total
    expect(total).toBe(42)
    const after = await push(connection, sub.clientInstanceId, sub.subscriptionId, Buffer.alloc(0))
    expect(after.errorCode).toBe(42) // INVALID_REQUEST

    // Another client's software matches neither selector set fully: no metrics for it.
    const other = await client(c, 'orders-consumer', 'another-client')
    expect((await subscriptions(other)).requestedMetrics).toEqual([])
  })

  it('refuses an old subscription id, a payload too large or unreadable, and a zero instance id', async () => {
    const c = await cluster({ brokerConfigs: { 'telemetry.max.bytes': '400' } })
    await subscribe(c, 'all', { metrics: '*', 'interval.ms': '60000' })
    const pushOnce = async (name: string, metrics: Buffer, wrongId = false, compression = GZIP) => {
      const connection = await client(c, name)
      const sub = await subscriptions(connection)
      expect(sub.errorCode).toBe(0)
      expect(sub.telemetryMaxBytes).toBe(400)
      const id = sub.subscriptionId + (wrongId ? 1 : 0)
      return (
        await push(connection, sub.clientInstanceId, id, metrics, {
          compression: compression as 0
        })
      ).errorCode
    }
    const small = gzipSync(producerMetrics('a', 1, 1))
    expect(small.length).toBeLessThanOrEqual(400)
    expect(await pushOnce('a', small)).toBe(0)
    expect(await pushOnce('b', small, true)).toBe(117) // UNKNOWN_SUBSCRIPTION_ID
    expect(await pushOnce('c', Buffer.alloc(401, 1))).toBe(118) // TELEMETRY_TOO_LARGE
    expect(await pushOnce('d', Buffer.from([0x0a, 0xff, 0xff]), false, 0)).toBe(87) // INVALID_RECORD
    expect(await pushOnce('e', small, false, 7)).toBe(76) // UNSUPPORTED_COMPRESSION_TYPE
    const connection = await client(c, 'f')
    expect((await push(connection, ZERO_UUID, 0, small)).errorCode).toBe(42)
    // Only the good push was kept; refused ones leave their instances without metrics.
    const { clients } = await c.service.call('clientMetrics.list', {})
    const withMetrics = clients.filter((t) => t.metrics.length > 0)
    expect(withMetrics.map((t) => t.clientId)).toEqual(['a'])
  })

  it('clientMetrics.setSubscription refuses as Kafka does, naming the config', async () => {
    const c = await cluster()
    const refusal = (
      params: Parameters<typeof c.service.call<'clientMetrics.setSubscription'>>[1]
    ) =>
      c.service.call('clientMetrics.setSubscription', params).then(
        () => null,
        (err: { field?: string; message: string }) => [err.field, err.message]
      )
    expect(await refusal({ name: 'bad', metrics: ['*'], match: ['client_id=('] })).toEqual([
      'match',
      'Illegal client matching pattern: client_id=('
    ])
    expect(await refusal({ name: 'bad', metrics: ['*'], intervalMs: 50, match: [] })).toEqual([
      'interval.ms',
      'Invalid value 50 for interval.ms, interval must be between 100 and 3600000 (1 hour)'
    ])
    const view = await c.service.call('clientMetrics.setSubscription', {
      name: 'ok',
      metrics: ['a.', 'b.'],
      intervalMs: 1000,
      match: ['client_id=x']
    })
    expect(view.subscriptions).toEqual([
      { name: 'ok', metrics: ['a.', 'b.'], intervalMs: 1000, match: ['client_id=x'] }
    ])
    const deleted = await c.service.call('clientMetrics.deleteSubscription', { name: 'ok' })
    expect(deleted.subscriptions).toEqual([])
  })
})
