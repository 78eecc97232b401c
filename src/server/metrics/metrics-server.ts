// `GET /metrics` for Prometheus on a port of its own: the cluster's state under kafka_exporter's
// metric names (`--metrics-port`), as kafka_exporter serves them on 9308, so that a Prometheus
// scrape config, Grafana dashboards and lag alerts written for it work unchanged; there
// `?connection=ID` scrapes a saved Kafka connection instead of the embedded cluster. A broker's
// own metrics are served the same way, one such server per broker (broker-metrics-servers.ts).
// Read-only and without a token, as Prometheus scrapes; it listens where the Kafka listeners do.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Service } from '../../engine/service/service'
import { ApiError } from '../../shared/errors'
import { kafkaExporterMetrics } from './kafka-exporter-metrics'
import { exposition, PROMETHEUS_CONTENT_TYPE, type Gauge } from './prometheus-text'
import { drainOnClose } from '../../engine/http/draining-server'
import { listen } from '../../engine/http/listen'

/** The metrics a scrape answers, from the request's query; throwing fails the scrape. */
export type Scrape = (query: URLSearchParams) => Gauge[] | Promise<Gauge[]>

export interface RunningMetricsServer {
  /** http://host:port/metrics */
  url: string
  close(): Promise<void>
}

function text(res: ServerResponse, status: number, body: string, headers = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers })
  res.end(body.endsWith('\n') ? body : `${body}\n`)
}

async function answer(scrape: Scrape, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://metrics')
  if (url.pathname !== '/metrics') return text(res, 404, 'Not found: the metrics are at /metrics')
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return text(res, 405, `${req.method} is not served: GET /metrics`, { allow: 'GET, HEAD' })
  try {
    const body = exposition(await scrape(url.searchParams))
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

/** kafka_exporter's metrics of the embedded cluster, or of the saved connection `?connection=`. */
export function startMetricsServer(opts: {
  service: Service
  host: string
  port: number
}): Promise<RunningMetricsServer> {
  return serveMetrics({
    what: 'the metrics server',
    host: opts.host,
    port: opts.port,
    scrape: (query) => kafkaExporterMetrics(opts.service, query.get('connection') ?? undefined)
  })
}

/** Serves what `scrape` gives at `GET /metrics`. */
export async function serveMetrics(opts: {
  /** What it serves, as an error names it: "the metrics server", "broker 2's metrics server". */
  what: string
  host: string
  port: number
  scrape: Scrape
}): Promise<RunningMetricsServer> {
  const server = createServer((req, res) => {
    if (draining.admit(res)) void answer(opts.scrape, req, res)
  })
  // Scrapes running at shutdown finish; one that comes after is 503, as Prometheus expects.
  const draining = drainOnClose(server, (res) =>
    text(res, 503, 'Logdeck is shutting down and takes no new scrapes')
  )
  const { port } = await listen(server, opts.what, opts)
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host
  return {
    url: `http://${host}:${port}/metrics`,
    close: () => draining.close()
  }
}
