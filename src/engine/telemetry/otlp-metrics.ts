// OTLP metrics (opentelemetry/proto/metrics/v1, MetricsData) as KIP-714 clients push them:
// decoded with protobufjs from the OTLP messages of otlp-metrics-proto.ts, and flattened to one
// point per metric and attribute set (the last data point of each). protobufjs is loaded with
// the first push, so a broker no client pushes metrics to never loads it.
import { createRequire } from 'node:module'
import type * as Protobuf from 'protobufjs'
import { OTLP_METRICS_PROTO } from './otlp-metrics-proto'

export type MetricKind = 'gauge' | 'sum' | 'histogram' | 'exponentialHistogram' | 'summary'

/** One metric's latest data point for one set of attributes. */
export interface MetricPoint {
  name: string
  kind: MetricKind
  unit: string
  description: string
  /** Data point attributes, values as strings. */
  attributes: Record<string, string>
  /** A gauge's or sum's value; a histogram's or summary's sum (null when not sent). */
  value: number | null
  /** Histograms and summaries: how many values were recorded. */
  count?: number
  /** Sums: delta (what changed since the last push) or cumulative. */
  temporality?: 'delta' | 'cumulative'
  /** When the point was taken, in ms since the epoch (0 when not sent). */
  time: number
}

/** The payload as a whole: the resource's attributes (the client's identity) and the points. */
export interface DecodedMetrics {
  resource: Record<string, string>
  points: MetricPoint[]
}

let metricsDataType: Protobuf.Type | undefined

/** The MetricsData message type, parsed from the text above on first use. */
function metricsData(): Protobuf.Type {
  if (metricsDataType) return metricsDataType
  const protobuf = createRequire(import.meta.url)('protobufjs') as typeof Protobuf
  const root = protobuf.parse(OTLP_METRICS_PROTO, { keepCase: false }).root
  return (metricsDataType = root.lookupType('opentelemetry.proto.metrics.v1.MetricsData'))
}

interface AnyValueObject {
  stringValue?: string
  boolValue?: boolean
  intValue?: string
  doubleValue?: number
  arrayValue?: { values?: AnyValueObject[] }
  kvlistValue?: { values?: KeyValueObject[] }
  bytesValue?: string
}
interface KeyValueObject {
  key?: string
  value?: AnyValueObject
}
interface PointObject {
  attributes?: KeyValueObject[]
  timeUnixNano?: string
  asDouble?: number
  asInt?: string
  count?: string
  sum?: number
}
interface MetricObject {
  name?: string
  description?: string
  unit?: string
  gauge?: { dataPoints?: PointObject[] }
  sum?: { dataPoints?: PointObject[]; aggregationTemporality?: number }
  histogram?: { dataPoints?: PointObject[] }
  exponentialHistogram?: { dataPoints?: PointObject[] }
  summary?: { dataPoints?: PointObject[] }
}
interface MetricsDataObject {
  resourceMetrics?: {
    resource?: { attributes?: KeyValueObject[] }
    scopeMetrics?: { metrics?: MetricObject[] }[]
  }[]
}

function anyValueText(v: AnyValueObject | undefined): string {
  if (!v) return ''
  if (v.stringValue !== undefined) return v.stringValue
  if (v.boolValue !== undefined) return String(v.boolValue)
  if (v.intValue !== undefined) return v.intValue
  if (v.doubleValue !== undefined) return String(v.doubleValue)
  if (v.bytesValue !== undefined) return v.bytesValue
  if (v.arrayValue) return `[${(v.arrayValue.values ?? []).map(anyValueText).join(', ')}]`
  if (v.kvlistValue) return JSON.stringify(attributesOf(v.kvlistValue.values))
  return ''
}

function attributesOf(list: KeyValueObject[] | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const kv of list ?? []) if (kv.key !== undefined) out[kv.key] = anyValueText(kv.value)
  return out
}

const nanosToMs = (nanos: string | undefined) =>
  nanos === undefined ? 0 : Number(BigInt(nanos) / 1_000_000n)

/** Decodes a MetricsData payload; throws on bytes that are not one. */
export function decodeMetricsData(payload: Uint8Array): DecodedMetrics {
  const MetricsData = metricsData()
  const message = MetricsData.decode(payload)
  const data = MetricsData.toObject(message, {
    longs: String,
    bytes: String,
    defaults: false,
    oneofs: false
  }) as MetricsDataObject
  const resource: Record<string, string> = {}
  const points: MetricPoint[] = []
  for (const rm of data.resourceMetrics ?? []) {
    Object.assign(resource, attributesOf(rm.resource?.attributes))
    for (const sm of rm.scopeMetrics ?? [])
      for (const m of sm.metrics ?? []) {
        const base = { name: m.name ?? '', unit: m.unit ?? '', description: m.description ?? '' }
        const each = (kind: MetricKind, dps: PointObject[] | undefined, extra = {}) => {
          for (const dp of dps ?? []) {
            const numeric = kind === 'gauge' || kind === 'sum'
            points.push({
              ...base,
              kind,
              attributes: attributesOf(dp.attributes),
              value: numeric
                ? dp.asDouble !== undefined
                  ? dp.asDouble
                  : dp.asInt !== undefined
                    ? Number(dp.asInt)
                    : null
                : (dp.sum ?? null),
              ...(numeric ? {} : { count: Number(dp.count ?? 0) }),
              time: nanosToMs(dp.timeUnixNano),
              ...extra
            })
          }
        }
        if (m.gauge) each('gauge', m.gauge.dataPoints)
        else if (m.sum)
          each('sum', m.sum.dataPoints, {
            temporality: m.sum.aggregationTemporality === 1 ? 'delta' : 'cumulative'
          })
        else if (m.histogram) each('histogram', m.histogram.dataPoints)
        else if (m.exponentialHistogram)
          each('exponentialHistogram', m.exponentialHistogram.dataPoints)
        else if (m.summary) each('summary', m.summary.dataPoints)
      }
  }
  return { resource, points }
}
