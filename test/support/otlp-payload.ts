// OTLP MetricsData payloads as a KIP-714 client pushes them, encoded with protobufjs from the
// broker's own OTLP metrics schema.
import protobuf from 'protobufjs'
import { OTLP_METRICS_PROTO } from '../../src/engine/telemetry/otlp-metrics-proto'

const MetricsData = protobuf
  .parse(OTLP_METRICS_PROTO)
  .root.lookupType('opentelemetry.proto.metrics.v1.MetricsData')

const text = (key: string, value: string) => ({ key, value: { stringValue: value } })

/** A producer's metrics: a gauge per topic and a delta sum, with the client's resource. */
export function producerMetrics(clientId: string, sendRate: number, sendTotal: number): Buffer {
  const now = `${BigInt(Date.now()) * 1_000_000n}`
  const message = MetricsData.fromObject({
    resourceMetrics: [
      {
        resource: { attributes: [text('client_id', clientId), text('client_rack', 'rack-a')] },
        scopeMetrics: [
          {
            metrics: [
              {
                name: 'org.apache.kafka.producer.record.send.rate',
                unit: '1/s',
                gauge: {
                  dataPoints: [
                    { asDouble: sendRate, timeUnixNano: now, attributes: [text('topic', 'orders')] }
                  ]
                }
              },
              {
                name: 'org.apache.kafka.producer.record.send.total',
                sum: {
                  aggregationTemporality: 1,
                  isMonotonic: true,
                  dataPoints: [{ asInt: sendTotal, timeUnixNano: now }]
                }
              },
              {
                name: 'org.apache.kafka.producer.request.latency',
                unit: 'ms',
                histogram: {
                  aggregationTemporality: 1,
                  dataPoints: [{ count: 4, sum: 10, timeUnixNano: now }]
                }
              }
            ]
          }
        ]
      }
    ]
  })
  return Buffer.from(MetricsData.encode(message).finish())
}
