// `--broker-metrics-port PORT`: each broker's own metrics under the JMX exporter's names
// (broker-jmx-metrics.ts), one scrape target per broker as each Kafka broker runs its own
// exporter: the i-th broker in id order on PORT + i, or free ports with 0. A stopped broker's target answers 503
// (its JVM would be down); started again, it counts from zero.
import type { Engine } from '../../engine/engine'
import { brokerJmxMetrics } from './broker-jmx-metrics'
import { serveMetrics, type RunningMetricsServer } from './metrics-server'

export interface RunningBrokerMetrics {
  /** `http://host:port/metrics` of each broker, in broker id order. */
  urls: string[]
  close(): Promise<void>
}

export async function startBrokerMetricsServers(opts: {
  engine: Engine
  host: string
  /** The first broker's port; the i-th's (in id order) is port + i; 0: free ports. */
  port: number
}): Promise<RunningBrokerMetrics> {
  const servers: RunningMetricsServer[] = []
  const closeAll = async () => {
    await Promise.all(servers.map((s) => s.close()))
  }
  try {
    for (const b of opts.engine.listBrokers())
      servers.push(
        await serveMetrics({
          what: `broker ${b.id}'s metrics server`,
          host: opts.host,
          port: opts.port === 0 ? 0 : opts.port + b.index,
          scrape: () => brokerJmxMetrics(opts.engine, b.id)
        })
      )
  } catch (err) {
    await closeAll()
    throw err
  }
  return { urls: servers.map((s) => s.url), close: closeAll }
}
