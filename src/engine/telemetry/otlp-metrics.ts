// OTLP metrics (opentelemetry/proto/metrics/v1, MetricsData) as KIP-714 clients push them:
// decoded with protobufjs from the subset of the OTLP messages written out below, and flattened
// to one point per metric and attribute set (the last data point of each). protobufjs is loaded
// with the first push, so a broker no client pushes metrics to never loads it.
import { createRequire } from 'node:module'
import type * as Protobuf from 'protobufjs'

/** The OTLP metrics messages, with OTLP's field numbers; fields left out are skipped unread. */
export const OTLP_METRICS_PROTO = `
syntax = "proto3";
package opentelemetry.proto.metrics.v1;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message InstrumentationScope {
  string name = 1;
  string version = 2;
  repeated KeyValue attributes = 3;
  uint32 dropped_attributes_count = 4;
}

message MetricsData { repeated ResourceMetrics resource_metrics = 1; }
message ResourceMetrics {
  Resource resource = 1;
  repeated ScopeMetrics scope_metrics = 2;
  string schema_url = 3;
}
message ScopeMetrics {
  InstrumentationScope scope = 1;
  repeated Metric metrics = 2;
  string schema_url = 3;
}
message Metric {
  string name = 1;
  string description = 2;
  string unit = 3;
  oneof data {
    Gauge gauge = 5;
    Sum sum = 7;
    Histogram histogram = 9;
    ExponentialHistogram exponential_histogram = 10;
    Summary summary = 11;
  }
}
enum AggregationTemporality {
  AGGREGATION_TEMPORALITY_UNSPECIFIED = 0;
  AGGREGATION_TEMPORALITY_DELTA = 1;
  AGGREGATION_TEMPORALITY_CUMULATIVE = 2;
}
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum {
  repeated NumberDataPoint data_points = 1;
  AggregationTemporality aggregation_temporality = 2;
  bool is_monotonic = 3;
}
message Histogram {
  repeated HistogramDataPoint data_points = 1;
  AggregationTemporality aggregation_temporality = 2;
}
message ExponentialHistogram {
  repeated ExponentialHistogramDataPoint data_points = 1;
  AggregationTemporality aggregation_temporality = 2;
}
message Summary { repeated SummaryDataPoint data_points = 1; }
message NumberDataPoint {
  repeated KeyValue attributes = 7;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  oneof value {
    double as_double = 4;
    sfixed64 as_int = 6;
  }
  uint32 flags = 8;
}
message HistogramDataPoint {
  repeated KeyValue attributes = 9;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  fixed64 count = 4;
  optional double sum = 5;
  repeated fixed64 bucket_counts = 6;
  repeated double explicit_bounds = 7;
  uint32 flags = 10;
  optional double min = 11;
  optional double max = 12;
}
message ExponentialHistogramDataPoint {
  repeated KeyValue attributes = 1;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  fixed64 count = 4;
  optional double sum = 5;
  uint32 flags = 10;
  optional double min = 12;
  optional double max = 13;
}
message SummaryDataPoint {
  repeated KeyValue attributes = 7;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  fixed64 count = 4;
  double sum = 5;
  message ValueAtQuantile { double quantile = 1; double value = 2; }
  repeated ValueAtQuantile quantile_values = 6;
  uint32 flags = 8;
}
`

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
