// Embedded backend, metrics area: produce-rate series and the long operations.
import type { metricsParams } from '../../../shared/api/metrics'
import type { Engine } from '../../engine'
import type { Area } from '../backend'
import type { Operations } from '../operations'

export function embeddedMetrics(engine: Engine, ops: Operations): Area<typeof metricsParams> {
  return {
    'metrics.produceRate': async ({ topic, perPartition, windowMs }) => {
      const window = windowMs ?? 300_000
      if (topic) engine.requireTopic(topic)
      if (topic && perPartition) {
        const t = engine.requireTopic(topic)
        return {
          series: t.partitions.map((p) => ({
            name: `${topic}-${p.partition}`,
            partition: p.partition,
            points: engine.produceRateSeries(window, (tn, pn) => tn === topic && pn === p.partition)
          }))
        }
      }
      return {
        series: [
          {
            name: topic ?? '*',
            points: engine.produceRateSeries(window, (tn) => topic === undefined || tn === topic)
          }
        ]
      }
    },
    'operations.cancel': async ({ operationId }) => ops.cancel(operationId),
    'operations.list': async () => ({ operations: ops.list() })
  }
}
