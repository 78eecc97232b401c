// KIP-714 with a client that pushes by itself: librdkafka 2.15.1's share consumer
// (test/support/share-consumer.c) asks `logdeck serve` for a metrics subscription and pushes its
// metrics every second, which the console lists and `--client-metrics-export` sends on to an
// OpenTelemetry collector (a real HTTP server here) as OTLP/HTTP, with KIP-714's broker-added
// resource labels beside the client's own. A collector that goes away costs the broker nothing:
// the failure is reported, and the broker shuts down cleanly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callApi, startServe, type ServeProcess } from '../../support/serve-process'
import type { ShareConsumerProcess } from '../../support/share-consumer'
import { startPushingShareConsumer } from '../../support/pushing-share-consumer'
import {
  attributesOf,
  readMetricsData,
  startCollector,
  type Collector
} from '../../support/otlp-collector'
import { waitFor, waitForValue } from '../../support/wait-for'
import { serveRefusal } from '../../support/serve-refusal'
import type { ClientMetricsView } from '../../../src/shared/api/client-metrics'

let server: ServeProcess
let collector: Collector
let consumer: ShareConsumerProcess | null = null
const call = <T>(method: string, params?: unknown) => callApi<T>(server, method, params)

beforeAll(async () => {
  collector = await startCollector()
  server = await startServe([
    ...['--in-memory', '--port', '0', '--ui-port', '0', '--brokers', '1'],
    ...['--client-metrics-export', collector.url],
    ...['--client-metrics-export-header', 'Authorization=Bearer s3cret']
  ])
}, 60_000)

afterAll(async () => {
  await consumer?.stop()
  await server?.stop()
  await collector?.close()
})

describe('client metrics export', () => {
  it("sends a librdkafka share consumer's own pushes on to the collector, labelled", async () => {
    consumer = await startPushingShareConsumer(server, {
      topic: 'jobs',
      group: 'workers',
      clientId: 'job-runner',
      records: 200
    })

    // The console lists the instance and its share consumer metrics.
    const listed = await waitForValue('the pushed metrics in the console', async () => {
      const view = await call<ClientMetricsView>('clientMetrics.list')
      const client = view.clients.find((c) => c.clientId === 'job-runner' && c.pushes >= 2)
      return client ? { view, client } : undefined
    })
    expect(listed.client).toMatchObject({ softwareName: 'librdkafka', softwareVersion: '2.15.1' })
    expect(listed.client.metrics.some((m) => m.name.startsWith('org.apache.kafka.consumer.'))).toBe(
      true
    )

    // The collector got the same pushes, with the broker's labels and the client's own.
    await waitFor('a payload from the share consumer', () =>
      collector.requests.some((r) =>
        readMetricsData(r.body).resources.some(
          (res) => attributesOf(res.attributes).client_id === 'job-runner'
        )
      )
    )
    const mine = collector.requests
      .map((r) => ({ r, data: readMetricsData(r.body) }))
      .filter(({ data }) =>
        data.resources.some((res) => attributesOf(res.attributes).client_id === 'job-runner')
      )
    const { r, data } = mine[mine.length - 1]
    expect([r.method, r.path, r.headers['content-type'], r.headers.authorization]).toEqual([
      'POST',
      '/v1/metrics',
      'application/x-protobuf',
      'Bearer s3cret'
    ])
    const labels = attributesOf(data.resources[0].attributes)
    expect(labels).toMatchObject({
      client_instance_id: listed.client.clientInstanceId,
      client_id: 'job-runner',
      client_software_name: 'librdkafka',
      client_software_version: '2.15.1',
      client_source_address: '127.0.0.1',
      client_source_port: String(listed.client.sourcePort),
      principal: 'User:ANONYMOUS',
      node_id: String(listed.client.brokerId),
      // The share consumer's own resource label.
      group_id: 'workers'
    })
    expect(
      data.resources[0].metricNames.some((n) => n.startsWith('org.apache.kafka.consumer.share.'))
    ).toBe(true)

    const exported = (await call<ClientMetricsView>('clientMetrics.list')).export
    expect(exported).toMatchObject({ url: collector.url, headers: ['Authorization'], failed: 0 })
    expect(exported!.exported).toBeGreaterThanOrEqual(mine.length)
    expect(JSON.stringify(exported)).not.toContain('s3cret')
  })

  it('reports a collector that went away, keeps serving, and shuts down cleanly', async () => {
    const before = (await call<ClientMetricsView>('clientMetrics.list')).export!
    await collector.close()
    const after = await waitForValue('the failure reported', async () => {
      const status = (await call<ClientMetricsView>('clientMetrics.list')).export!
      return status.lastError && status.lastError.at > (before.lastExportAt ?? 0)
        ? status
        : undefined
    })
    expect(after.lastError!.message).toMatch(/ECONNREFUSED/)
    expect(server.output()).toContain(`client metrics export to ${collector.url} failed:`)
    // The consumer's pushes are still taken: the console's count goes on.
    const pushes = (await call<ClientMetricsView>('clientMetrics.list')).clients.find(
      (c) => c.clientId === 'job-runner'
    )!.pushes
    await waitFor('another push', async () => {
      const view = await call<ClientMetricsView>('clientMetrics.list')
      return view.clients.find((c) => c.clientId === 'job-runner')!.pushes > pushes
    })
    await consumer!.stop()
    consumer = null
    expect(await server.stop()).toBe(0)
    expect(server.output()).not.toMatch(/^\s+at /m)
  })

  it('refuses a collector URL or header it cannot use, naming the flag', () => {
    expect(serveRefusal(['--client-metrics-export', 'grpc://127.0.0.1:4317'])).toBe(
      "--client-metrics-export: grpc://127.0.0.1:4317: the collector's URL must be http: or https:; for OTLP/gRPC choose the protocol grpc and give http://HOST:4317"
    )
    expect(
      serveRefusal([
        '--client-metrics-export',
        'http://127.0.0.1:4318/v1/metrics',
        '--client-metrics-export-header',
        'Authorization'
      ])
    ).toBe("--client-metrics-export-header takes NAME=VALUE, got 'Authorization'")
    expect(serveRefusal(['--client-metrics-export-header', 'A=b'])).toBe(
      '--client-metrics-export-header needs --client-metrics-export URL'
    )
  })
})
