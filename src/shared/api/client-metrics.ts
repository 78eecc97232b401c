// Contract area: client telemetry (KIP-714). The client instances that asked the embedded cluster
// for a metrics subscription, the last metrics each pushed, and the CLIENT_METRICS subscriptions
// (what IncrementalAlterConfigs on resource type 16 manages) that decide what they push.
import { z } from 'zod'

const subscriptionName = z.string().min(1).max(255)

export const clientMetricsParams = {
  /** The client instances heard from lately with their last metrics, and every subscription. */
  'clientMetrics.list': z.object({}).strict(),
  /** Creates a subscription or replaces its configs; checked as Kafka checks them. */
  'clientMetrics.setSubscription': z
    .object({
      name: subscriptionName,
      /** Metric name prefixes; '*' for every metric; none subscribes to nothing. */
      metrics: z.array(z.string().max(1000)).max(1000),
      /** The push interval, 100 ms to one hour (5 minutes when left out). */
      intervalMs: z.number().int().optional(),
      /** Selectors `name=regex` on client_id, client_software_name ...; all must match. */
      match: z.array(z.string().max(1000)).max(100)
    })
    .strict(),
  /** Deletes a subscription (its every config). */
  'clientMetrics.deleteSubscription': z.object({ name: subscriptionName }).strict(),
  /**
   * Sends what clients push on to an OpenTelemetry collector from now on (url null: nowhere),
   * over OTLP/HTTP (the default) or OTLP/gRPC; kept in the data directory for the next start.
   */
  'clientMetrics.setExport': z
    .object({
      url: z.string().min(1).max(2000).nullable(),
      protocol: z.enum(['http/protobuf', 'grpc']).optional(),
      headers: z.record(z.string().min(1).max(255), z.string().max(8192)).optional()
    })
    .strict()
} as const

export interface ClientMetricsSubscriptionInfo {
  name: string
  metrics: string[]
  intervalMs: number | null
  match: string[]
}

export interface ClientMetricInfo {
  name: string
  kind: 'gauge' | 'sum' | 'histogram' | 'exponentialHistogram' | 'summary'
  unit: string
  description: string
  attributes: Record<string, string>
  /** A gauge's or sum's last value; a histogram's or summary's sum. */
  value: number | null
  count?: number
  temporality?: 'delta' | 'cumulative'
  /** Delta sums: every value pushed since the instance was first seen, added up. */
  total?: number
  time: number
}

export interface ClientInstanceInfo {
  clientInstanceId: string
  clientId: string | null
  softwareName: string | null
  softwareVersion: string | null
  sourceAddress: string
  sourcePort: number | null
  brokerId: number
  /** Whether its connection is open and it asked within its expiry time. */
  connected: boolean
  subscriptionId: number
  pushIntervalMs: number
  requestedMetrics: string[]
  firstSeen: number
  lastSeen: number
  lastPush: number | null
  pushes: number
  terminating: boolean
  resource: Record<string, string>
  metrics: ClientMetricInfo[]
}

/** Where pushed metrics are sent on (`--client-metrics-export`), and how that goes. */
export interface ClientMetricsExportStatus {
  /** The collector's endpoint: the OTLP/HTTP metrics URL, or the OTLP/gRPC address. */
  url: string
  /** OTEL_EXPORTER_OTLP_PROTOCOL's name of how payloads go. */
  protocol: 'http/protobuf' | 'grpc'
  /** The names of the headers sent with each request (their values are not shown). */
  headers: string[]
  /** Payloads the collector took. */
  exported: number
  /** Payloads it refused, or that failed every retry. */
  failed: number
  /** Payloads left out: the queue was full, or the broker shut down before they went. */
  dropped: number
  /** Payloads waiting or being sent. */
  pending: number
  lastExportAt: number | null
  lastError: { at: number; message: string } | null
}

export interface ClientMetricsView {
  clients: ClientInstanceInfo[]
  subscriptions: ClientMetricsSubscriptionInfo[]
  /** The export of pushed metrics to a collector; null when there is none. */
  export: ClientMetricsExportStatus | null
}

export interface ClientMetricsResults {
  'clientMetrics.list': ClientMetricsView
  'clientMetrics.setSubscription': ClientMetricsView
  'clientMetrics.deleteSubscription': ClientMetricsView
  'clientMetrics.setExport': ClientMetricsView
}
