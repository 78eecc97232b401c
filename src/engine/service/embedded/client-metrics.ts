// Embedded backend, client metrics area: the client instances the Kafka listeners heard from,
// their last pushed metrics, and the CLIENT_METRICS subscriptions.
import type { ClientMetricsView, clientMetricsParams } from '../../../shared/api/client-metrics'
import type { Engine } from '../../engine'
import { parseConfigList } from '../../telemetry/client-metrics-configs'
import type { Area } from '../backend'

function viewOf(engine: Engine): ClientMetricsView {
  return {
    clients: engine.clientTelemetry(),
    subscriptions: engine.clientMetricsResources().map((name) => {
      const configs = engine.clientMetricsConfigs(name)
      const interval = configs['interval.ms']
      return {
        name,
        metrics: parseConfigList(configs.metrics ?? ''),
        intervalMs: interval === undefined ? null : Number(interval),
        match: parseConfigList(configs.match ?? '')
      }
    }),
    export: engine.clientMetricsExport()
  }
}

export function embeddedClientMetrics(engine: Engine): Area<typeof clientMetricsParams> {
  return {
    'clientMetrics.list': async () => viewOf(engine),
    'clientMetrics.setSubscription': async ({ name, metrics, intervalMs, match }) => {
      const set: Record<string, string> = { metrics: metrics.join(','), match: match.join(',') }
      if (intervalMs !== undefined) set['interval.ms'] = String(intervalMs)
      const remove = Object.keys(engine.clientMetricsConfigs(name)).filter((k) => !(k in set))
      engine.alterClientMetrics({ name, set, remove })
      return viewOf(engine)
    },
    'clientMetrics.setExport': async ({ url, protocol, headers }) => {
      await engine.setClientMetricsExport(
        url === null ? null : { url, protocol: protocol ?? 'http/protobuf', headers: headers ?? {} }
      )
      return viewOf(engine)
    },
    'clientMetrics.deleteSubscription': async ({ name }) => {
      const remove = Object.keys(engine.clientMetricsConfigs(name))
      engine.alterClientMetrics({ name, set: {}, remove })
      return viewOf(engine)
    }
  }
}
