// Client metrics export: every payload KIP-714 clients push is sent on to an OpenTelemetry
// collector over OTLP/HTTP (POST, application/x-protobuf) or OTLP/gRPC, with the broker-added
// resource labels.
// This is the role of Kafka's ClientTelemetryReceiver plugin. Payloads go one at a time, in the
// order they were pushed. A collector that is down or answers 429, 502, 503 or 504 gets the
// payload again after 1, 2 and 4 s (over gRPC: UNAVAILABLE and the other statuses OTLP retries);
// any other refusal drops it. At most MAX_PENDING payloads
// (MAX_PENDING_BYTES) wait; beyond that the oldest go. A failing collector never slows the
// broker, and what was exported, failed and dropped is counted for the console.
import { setTimeout as sleep } from 'node:timers/promises'
import type { ClientMetricsExportStatus } from '../../shared/api/client-metrics'
import { EngineError } from '../engine-error'
import { attributesOf, type ClientInstance, type TelemetryReceiver } from './client-metrics-manager'
import { otlpGrpcTransport } from './otlp-grpc-transport'
import { withResourceLabels } from './otlp-resource-labels'
import { otlpHttpTransport, type OtlpTransport } from './otlp-transport'

/** OTEL_EXPORTER_OTLP_PROTOCOL's names for OTLP/HTTP with protobuf and for OTLP/gRPC. */
export const OTLP_PROTOCOLS = ['http/protobuf', 'grpc'] as const
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number]

export interface ClientMetricsExportOptions {
  /**
   * The collector's endpoint: over OTLP/HTTP its metrics URL (http://127.0.0.1:4318/v1/metrics),
   * over gRPC its address (http://127.0.0.1:4317; https: for TLS).
   */
  url: string
  /** http/protobuf (the default) or grpc. */
  protocol?: OtlpProtocol
  /** Headers sent with every request (an Authorization a hosted collector asks for ...). */
  headers?: Record<string, string>
}

const MAX_PENDING = 1000
const MAX_PENDING_BYTES = 16 * 1024 * 1024
const RETRY_DELAYS_MS = [1000, 2000, 4000]
/** How long closing waits for the payloads still to send. */
const CLOSE_FLUSH_MS = 2000
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** The options, checked: an http(s) URL without credentials and valid headers; else EngineError. */
export function checkClientMetricsExport(
  options: ClientMetricsExportOptions
): ClientMetricsExportOptions {
  const field = 'clientMetricsExport'
  const protocol = options.protocol ?? 'http/protobuf'
  if (!OTLP_PROTOCOLS.includes(protocol))
    throw new EngineError(
      'invalid-argument',
      `'${String(protocol)}' is not an OTLP protocol: http/protobuf or grpc`,
      `${field}.protocol`
    )
  let url: URL
  try {
    url = new URL(options.url)
  } catch {
    throw new EngineError('invalid-argument', `${options.url} is not a URL`, `${field}.url`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new EngineError(
      'invalid-argument',
      `${options.url}: the collector's URL must be http: or https:` +
        (protocol === 'grpc'
          ? ' (https: for gRPC over TLS)'
          : '; for OTLP/gRPC choose the protocol grpc and give http://HOST:4317'),
      `${field}.url`
    )
  if (protocol === 'grpc' && url.pathname !== '/')
    throw new EngineError(
      'invalid-argument',
      `${options.url}: an OTLP/gRPC endpoint is the collector's address without a path (e.g. http://127.0.0.1:4317); ${url.pathname} is an OTLP/HTTP path`,
      `${field}.url`
    )
  if (url.username || url.password)
    throw new EngineError(
      'invalid-argument',
      `${url.origin}: give credentials as a header (Authorization), not in the URL`,
      `${field}.url`
    )
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (!HEADER_NAME.test(name))
      throw new EngineError(
        'invalid-argument',
        `'${name}' is not a header name`,
        `${field}.headers`
      )
    if (/[\r\n\0]/.test(value))
      throw new EngineError(
        'invalid-argument',
        `the value of header ${name} holds a line break`,
        `${field}.headers`
      )
  }
  // A gRPC address is its origin (http://HOST:PORT), without the path URL gives it.
  return {
    url: protocol === 'grpc' ? url.origin : url.href,
    protocol,
    headers: { ...options.headers }
  }
}

/**
 * KIP-714's broker-added resource labels for what an instance pushed: the attributes its
 * subscriptions match on (those it has), its principal and the receiving broker.
 */
export function brokerAddedLabels(instance: ClientInstance): Record<string, string> {
  const labels: Record<string, string> = {}
  for (const [name, value] of Object.entries(attributesOf(instance.id, instance.client)))
    if (value !== null) labels[name] = value
  labels.principal = instance.client.principal
  labels.node_id = String(instance.client.brokerId)
  return labels
}

export class ClientMetricsExporter implements TelemetryReceiver {
  private readonly pending: Buffer[] = []
  private pendingBytes = 0
  /** The loop sending payloads, while it runs. */
  private sending: Promise<void> | null = null
  private closed = false
  private failing = false
  private readonly abort = new AbortController()
  private readonly counts = { exported: 0, failed: 0, dropped: 0 }
  private lastExportAt: number | null = null
  private lastError: { at: number; message: string } | null = null
  private readonly transport: OtlpTransport

  constructor(
    private readonly options: ClientMetricsExportOptions,
    private readonly log: (line: string) => void = () => {}
  ) {
    this.transport =
      options.protocol === 'grpc' ? otlpGrpcTransport(options) : otlpHttpTransport(options)
  }

  seen(): void {}

  pushed(instance: ClientInstance, _metrics: unknown, _now: number, payload: Uint8Array): void {
    if (this.closed || payload.length === 0) return
    const body = withResourceLabels(payload, brokerAddedLabels(instance))
    this.pending.push(body)
    this.pendingBytes += body.length
    while (this.pending.length > MAX_PENDING || this.pendingBytes > MAX_PENDING_BYTES) {
      this.pendingBytes -= this.pending.shift()!.length
      this.counts.dropped++
    }
    this.sending ??= this.pump()
  }

  status(): ClientMetricsExportStatus {
    return {
      url: this.options.url,
      protocol: this.options.protocol ?? 'http/protobuf',
      headers: Object.keys(this.options.headers ?? {}),
      ...this.counts,
      pending: this.pending.length + (this.sending ? 1 : 0),
      lastExportAt: this.lastExportAt,
      lastError: this.lastError
    }
  }

  /** Sends what is waiting for up to CLOSE_FLUSH_MS, then stops; what is left is dropped. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    if (this.sending)
      await Promise.race([this.sending, sleep(CLOSE_FLUSH_MS, undefined, { ref: false })])
    this.abort.abort()
    this.counts.dropped += this.pending.length
    this.pending.length = 0
    this.pendingBytes = 0
    await this.sending
    this.transport.close()
  }

  private async pump(): Promise<void> {
    try {
      while (this.pending.length > 0 && !this.abort.signal.aborted) {
        const body = this.pending.shift()!
        this.pendingBytes -= body.length
        await this.deliver(body)
      }
    } finally {
      this.sending = null
    }
  }

  /** Sends one payload, again after each retry delay while the failure is retryable. */
  private async deliver(body: Buffer): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const failure = await this.transport.send(body, this.abort.signal)
      if (this.abort.signal.aborted) {
        if (failure) this.counts.dropped++
        else this.exported()
        return
      }
      if (!failure) return this.exported()
      const retry = failure.retryable && attempt < RETRY_DELAYS_MS.length
      this.failed(failure.message, retry)
      if (!retry) return
      try {
        await sleep(RETRY_DELAYS_MS[attempt], undefined, { signal: this.abort.signal, ref: false })
      } catch {
        this.counts.dropped++
        return
      }
    }
  }

  private exported(): void {
    this.counts.exported++
    this.lastExportAt = Date.now()
    if (this.failing) this.log(`client metrics export to ${this.options.url} works again`)
    this.failing = false
  }

  private failed(message: string, retrying: boolean): void {
    this.lastError = { at: Date.now(), message }
    if (!retrying) this.counts.failed++
    if (!this.failing)
      this.log(
        `client metrics export to ${this.options.url} failed: ${message}` +
          (retrying ? ' (sending again)' : ' (payload dropped)')
      )
    this.failing = true
  }
}
