// How an OTLP metrics payload reaches a collector: OTLP/HTTP (POST of the protobuf to the
// endpoint's URL) or OTLP/gRPC (the MetricsService's Export call, otlp-grpc-transport.ts), the two
// protocols OTEL_EXPORTER_OTLP_PROTOCOL names. Each answers a failure, saying whether the OTLP
// specification has the payload sent again, or null once the collector took it.

export interface OtlpFailure {
  retryable: boolean
  message: string
}

export interface OtlpTransport {
  send(body: Buffer, signal: AbortSignal): Promise<OtlpFailure | null>
  close(): void
}

export interface OtlpEndpoint {
  url: string
  headers?: Record<string, string>
}

/** How long one request may take before it counts as failed (and is sent again). */
export const OTLP_TIMEOUT_MS = 10_000
/** The statuses OTLP/HTTP retries (the specification's "retryable response codes"). */
const RETRYABLE_STATUS = new Set([429, 502, 503, 504])

export function otlpHttpTransport(endpoint: OtlpEndpoint): OtlpTransport {
  return {
    async send(body, signal) {
      try {
        const res = await fetch(endpoint.url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-protobuf', ...endpoint.headers },
          body,
          signal: AbortSignal.any([signal, AbortSignal.timeout(OTLP_TIMEOUT_MS)])
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
    },
    close() {}
  }
}
