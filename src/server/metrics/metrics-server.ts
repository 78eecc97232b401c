// `GET /metrics`: the cluster's state for Prometheus under kafka_exporter's metric names, on a
// port of its own (`--metrics-port`), as kafka_exporter serves them on 9308, so that a
// Prometheus scrape config, Grafana dashboards and lag alerts written for it work unchanged.
// `?connection=ID` scrapes a saved Kafka connection instead of the embedded cluster. Read-only
// and without a token, as Prometheus scrapes; it listens where the Kafka listeners do.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Service } from '../../engine/service/service'
import { ApiError } from '../../shared/errors'
import { kafkaExporterMetrics } from './kafka-exporter-metrics'
import { exposition, PROMETHEUS_CONTENT_TYPE } from './prometheus-text'
import { drainOnClose } from '../../engine/http/draining-server'

export interface RunningMetricsServer {
  /** http://host:port/metrics */
  url: string
  close(): Promise<void>
}

function text(res: ServerResponse, status: number, body: string, headers = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers })
  res.end(body.endsWith('\n') ? body : `${body}\n`)
}

async function answer(service: Service, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://metrics')
  if (url.pathname !== '/metrics') return text(res, 404, 'Not found: the metrics are at /metrics')
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return text(res, 405, `${req.method} is not served: GET /metrics`, { allow: 'GET, HEAD' })
  const connection = url.searchParams.get('connection') ?? undefined
  try {
    const body = exposition(await kafkaExporterMetrics(service, connection))
    res.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE })
    res.end(req.method === 'HEAD' ? undefined : body)
  } catch (err) {
    const status =
      err instanceof ApiError && err.code === 'NOT_FOUND'
        ? 404
        : err instanceof ApiError && err.code === 'BAD_REQUEST'
          ? 400
          : 503
    text(res, status, `The scrape failed: ${err instanceof Error ? err.message : String(err)}`)
  }
}

export async function startMetricsServer(opts: {
  service: Service
  host: string
  port: number
}): Promise<RunningMetricsServer> {
  const server = createServer((req, res) => {
    if (draining.admit(res)) void answer(opts.service, req, res)
  })
  // Scrapes running at shutdown finish; one that comes after is 503, as Prometheus expects.
  const draining = drainOnClose(server, (res) =>
    text(res, 503, 'Logdeck is shutting down and takes no new scrapes')
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host
  return {
    url: `http://${host}:${port}/metrics`,
    close: () => draining.close()
  }
}
