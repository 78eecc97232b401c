// A stand-in OpenTelemetry collector for export tests: a real HTTP server on loopback that keeps
// every request it is sent (path, headers, body) and answers each with the next status queued
// (200 once the queue is empty), or holds its answers until released. Bodies are read as OTLP
// MetricsData with protobufjs.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import protobuf from 'protobufjs'
import { OTLP_METRICS_PROTO } from '../../src/engine/telemetry/otlp-metrics-proto'

const MetricsData = protobuf
  .parse(OTLP_METRICS_PROTO)
  .root.lookupType('opentelemetry.proto.metrics.v1.MetricsData')

export interface CollectedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: Buffer
}

interface KeyValue {
  key: string
  value?: { stringValue?: string }
}

/** A MetricsData payload as the test reads it: each resource's attributes and metric names. */
export interface CollectedMetrics {
  resources: { attributes: KeyValue[]; metricNames: string[] }[]
}

export function readMetricsData(body: Uint8Array): CollectedMetrics {
  const data = MetricsData.toObject(MetricsData.decode(body), { longs: String }) as {
    resourceMetrics?: {
      resource?: { attributes?: KeyValue[] }
      scopeMetrics?: { metrics?: { name: string }[] }[]
    }[]
  }
  return {
    resources: (data.resourceMetrics ?? []).map((rm) => ({
      attributes: rm.resource?.attributes ?? [],
      metricNames: (rm.scopeMetrics ?? []).flatMap((s) => (s.metrics ?? []).map((m) => m.name))
    }))
  }
}

/** A resource's string attributes as an object (a repeated key shows as an array). */
export function attributesOf(attributes: KeyValue[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const a of attributes) {
    const value = a.value?.stringValue ?? ''
    const seen = out[a.key]
    out[a.key] = seen === undefined ? value : [...[seen].flat(), value]
  }
  return out
}

export interface Collector {
  /** The OTLP/HTTP metrics endpoint: http://127.0.0.1:PORT/v1/metrics */
  url: string
  requests: CollectedRequest[]
  /** Answers the next requests with these statuses, in order. */
  answerWith(...statuses: number[]): void
  /** Keeps answers back until release() (requests are still recorded as they come). */
  hold(): void
  release(): void
  close(): Promise<void>
}

export async function startCollector(): Promise<Collector> {
  const requests: CollectedRequest[] = []
  const statuses: number[] = []
  const held: (() => void)[] = []
  let holding = false
  const answer = (res: ServerResponse) => {
    const status = statuses.shift() ?? 200
    res.writeHead(status, { 'content-type': 'application/x-protobuf' })
    res.end(status === 200 ? '' : `status ${status} from the test collector`)
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks)
      })
      if (holding) held.push(() => answer(res))
      else answer(res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v1/metrics`,
    requests,
    answerWith: (...s) => statuses.push(...s),
    hold: () => (holding = true),
    release: () => {
      holding = false
      for (const send of held.splice(0)) send()
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const send of held.splice(0)) send()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
