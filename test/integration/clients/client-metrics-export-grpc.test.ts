// KIP-714 pushes sent on over OTLP/gRPC: librdkafka 2.15.1's share consumer pushes its metrics to
// `logdeck serve --client-metrics-export-protocol grpc`, which makes one MetricsService/Export call
// a push on a real gRPC collector (@grpc/grpc-js), with the header given as metadata and KIP-714's
// broker-added resource labels; the console shows the export's protocol; the flags refuse an
// address with a path and a protocol they do not know.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callApi, startServe, type ServeProcess } from '../../support/serve-process'
import type { ShareConsumerProcess } from '../../support/share-consumer'
import { startPushingShareConsumer } from '../../support/pushing-share-consumer'
import { attributesOf, readMetricsData } from '../../support/otlp-collector'
import { startGrpcCollector, type GrpcCollector } from '../../support/otlp-grpc-collector'
import { waitForValue } from '../../support/wait-for'
import { serveRefusal } from '../../support/serve-refusal'
import type { ClientMetricsView } from '../../../src/shared/api/client-metrics'

let server: ServeProcess
let collector: GrpcCollector
let consumer: ShareConsumerProcess | null = null
const call = <T>(method: string, params?: unknown) => callApi<T>(server, method, params)

beforeAll(async () => {
  collector = await startGrpcCollector()
  server = await startServe([
    ...['--in-memory', '--port', '0', '--ui-port', '0', '--brokers', '1'],
    ...['--client-metrics-export', collector.url, '--client-metrics-export-protocol', 'grpc'],
    ...['--client-metrics-export-header', 'Authorization=Bearer s3cret']
  ])
}, 60_000)

afterAll(async () => {
  await consumer?.stop()
  await server?.stop()
  await collector?.close()
})

describe('client metrics export over OTLP/gRPC', () => {
  it("sends a librdkafka share consumer's own pushes as Export calls, labelled", async () => {
    consumer = await startPushingShareConsumer(server, {
      topic: 'jobs',
      group: 'grpc-workers',
      clientId: 'grpc-runner',
      records: 150
    })

    const mine = await waitForValue('two Export calls from the share consumer', () => {
      const calls = collector.calls.filter((c) =>
        readMetricsData(c.body).resources.some(
          (r) => attributesOf(r.attributes).client_id === 'grpc-runner'
        )
      )
      return calls.length >= 2 ? calls : undefined
    })
    const last = mine[mine.length - 1]
    expect(last.metadata.authorization).toBe('Bearer s3cret')
    expect(last.metadata['content-type']).toBeUndefined()
    const data = readMetricsData(last.body)
    const view = await call<ClientMetricsView>('clientMetrics.list')
    const client = view.clients.find((c) => c.clientId === 'grpc-runner')!
    expect(attributesOf(data.resources[0].attributes)).toMatchObject({
      client_instance_id: client.clientInstanceId,
      client_id: 'grpc-runner',
      client_software_name: 'librdkafka',
      client_software_version: '2.15.1',
      principal: 'User:ANONYMOUS',
      node_id: String(client.brokerId),
      group_id: 'grpc-workers'
    })
    expect(
      data.resources[0].metricNames.some((n) => n.startsWith('org.apache.kafka.consumer.share.'))
    ).toBe(true)
    expect(view.export).toMatchObject({
      url: collector.url,
      protocol: 'grpc',
      headers: ['Authorization'],
      failed: 0
    })
    expect(view.export!.exported).toBeGreaterThanOrEqual(mine.length)

    // The console's setting is checked as the flag is.
    const refused = await fetch(`${server.apiBase}/api/clientMetrics.setExport`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${collector.url}/v1/metrics`, protocol: 'grpc' })
    })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('an OTLP/gRPC endpoint is the collector')
  })

  it('refuses a gRPC address with a path, and a protocol it does not know, naming the flag', () => {
    expect(
      serveRefusal([
        ...['--client-metrics-export', 'http://127.0.0.1:4317/v1/metrics'],
        ...['--client-metrics-export-protocol', 'grpc']
      ])
    ).toBe(
      "--client-metrics-export: http://127.0.0.1:4317/v1/metrics: an OTLP/gRPC endpoint is the collector's address without a path (e.g. http://127.0.0.1:4317); /v1/metrics is an OTLP/HTTP path"
    )
    expect(
      serveRefusal([
        ...['--client-metrics-export', 'http://127.0.0.1:4317'],
        ...['--client-metrics-export-protocol', 'http/json']
      ])
    ).toBe(
      "--client-metrics-export-protocol: 'http/json' is not an OTLP protocol: http/protobuf or grpc"
    )
    expect(serveRefusal(['--client-metrics-export-protocol', 'grpc'])).toBe(
      '--client-metrics-export-protocol needs --client-metrics-export URL'
    )
  })
})
