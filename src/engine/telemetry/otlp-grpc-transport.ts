// OTLP/gRPC: each payload is one unary call of opentelemetry.proto.collector.metrics.v1.
// MetricsService/Export on the collector (port 4317 by convention), made with @grpc/grpc-js,
// loaded with the first payload. The payload KIP-714 clients push is OTLP's MetricsData, whose
// encoding is the ExportMetricsServiceRequest's (both: field 1, repeated ResourceMetrics), so it
// goes as it is. Headers go as the call's metadata; an https: endpoint uses TLS.
import type { Client, ServiceError } from '@grpc/grpc-js'
import { OTLP_TIMEOUT_MS, type OtlpEndpoint, type OtlpTransport } from './otlp-transport'

export const OTLP_METRICS_EXPORT = '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export'

/**
 * The gRPC status codes OTLP/gRPC retries: CANCELLED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED,
 * ABORTED, OUT_OF_RANGE, UNAVAILABLE and DATA_LOSS.
 */
const RETRYABLE_CODES = new Set([1, 4, 8, 10, 11, 14, 15])

const identity = (b: Buffer) => b

export function otlpGrpcTransport(endpoint: OtlpEndpoint): OtlpTransport {
  let client: Promise<Client> | null = null

  async function open(): Promise<Client> {
    const grpc = await import('@grpc/grpc-js')
    const url = new URL(endpoint.url)
    const port = url.port || (url.protocol === 'https:' ? '443' : '80')
    const credentials =
      url.protocol === 'https:' ? grpc.credentials.createSsl() : grpc.credentials.createInsecure()
    return new grpc.Client(`${url.hostname}:${port}`, credentials)
  }

  async function metadata() {
    const { Metadata } = await import('@grpc/grpc-js')
    const m = new Metadata()
    for (const [name, value] of Object.entries(endpoint.headers ?? {}))
      m.set(name.toLowerCase(), value)
    return m
  }

  return {
    async send(body, signal) {
      client ??= open()
      const c = await client
      const md = await metadata()
      return new Promise((resolve) => {
        const call = c.makeUnaryRequest(
          OTLP_METRICS_EXPORT,
          identity,
          identity,
          body,
          md,
          { deadline: Date.now() + OTLP_TIMEOUT_MS },
          (err: ServiceError | null) => {
            signal.removeEventListener('abort', cancel)
            if (!err) return resolve(null)
            resolve({
              retryable: RETRYABLE_CODES.has(err.code),
              message: `gRPC ${err.code}: ${err.details || err.message}`
            })
          }
        )
        const cancel = () => call.cancel()
        if (signal.aborted) cancel()
        else signal.addEventListener('abort', cancel, { once: true })
      })
    },
    close() {
      void client?.then((c) => c.close())
    }
  }
}
