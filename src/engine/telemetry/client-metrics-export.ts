// Client metrics export: every payload KIP-714 clients push is sent on to an OpenTelemetry
// collector as OTLP/HTTP (POST, application/x-protobuf), with the broker-added resource labels.
// This is the role of Kafka's ClientTelemetryReceiver plugin. Payloads go one at a time, in the
// order they were pushed. A collector that is down or answers 429, 502, 503 or 504 gets the
// payload again after 1, 2 and 4 s; any other refusal drops it. At most MAX_PENDING payloads
// (MAX_PENDING_BYTES) wait; beyond that the oldest go. A failing collector never slows the
// broker, and what was exported, failed and dropped is counted for the console.
import { setTimeout as sleep } from 'node:timers/promises'
import type { ClientMetricsExportStatus } from '../../shared/api/client-metrics'
import { EngineError } from '../engine-error'
import { attributesOf, type ClientInstance, type TelemetryReceiver } from './client-metrics-manager'
import { withResourceLabels } from './otlp-resource-labels'

export interface ClientMetricsExportOptions {
  /** The collector's OTLP/HTTP metrics endpoint, e.g. http://127.0.0.1:4318/v1/metrics. */
  url: string
  /** Headers sent with every request (an Authorization a hosted collector asks for ...). */
  headers?: Record<string, string>
}

const MAX_PENDING = 1000
const MAX_PENDING_BYTES = 16 * 1024 * 1024
const TIMEOUT_MS = 10_000
const RETRY_DELAYS_MS = [1000, 2000, 4000]
const RETRYABLE_STATUS = new Set([429, 502, 503, 504])
/** How long closing waits for the payloads still to send. */
const CLOSE_FLUSH_MS = 2000
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** The options, checked: an http(s) URL without credentials and valid headers; else EngineError. */
export function checkClientMetricsExport(
  options: ClientMetricsExportOptions
): ClientMetricsExportOptions {
  const field = 'clientMetricsExport'
  let url: URL
  try {
    url = new URL(options.url)
  } catch {
    throw new EngineError('invalid-argument', `${options.url} is not a URL`, `${field}.url`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new EngineError(
      'invalid-argument',
      `${options.url}: the collector's URL must be http: or https: (OTLP/HTTP)`,
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
  return { url: url.href, headers: { ...options.headers } }
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

interface Failure {
  retryable: boolean
  message: string
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

  constructor(
    private readonly options: ClientMetricsExportOptions,
    private readonly log: (line: string) => void = () => {}
  ) {}

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
      const failure = await this.post(body)
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

  private async post(body: Buffer): Promise<Failure | null> {
    try {
      const res = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-protobuf', ...this.options.headers },
        body,
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(TIMEOUT_MS)])
      })
      const text = await res.text().catch(() => '')
      if (res.ok) return null
      const detail = text.trim().slice(0, 200)
      return {
        retryable: RETRYABLE_STATUS.has(res.status),
        message: `HTTP ${res.status}${detail ? `: ${detail}` : ''}`
      }
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err
      return { retryable: true, message: cause instanceof Error ? cause.message : String(cause) }
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
