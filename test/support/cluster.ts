// An embedded cluster in the test process, on free loopback ports, for real Kafka clients.
import {
  startEmbeddedCluster,
  type EmbeddedCluster,
  type EmbeddedClusterOptions
} from '../../src/engine/embedded-cluster'

export interface TestCluster extends EmbeddedCluster {
  bootstrap: string
  logs: string[]
}

export async function startTestCluster(
  options: Partial<EmbeddedClusterOptions> = {}
): Promise<TestCluster> {
  const logs: string[] = []
  const cluster = await startEmbeddedCluster({
    dataDir: ':memory:',
    brokers: 3,
    port: 0,
    log: (line) => logs.push(line),
    ...options
  })
  const bootstrap = cluster.listeners.map((l) => `${l.host}:${l.port}`).join(',')
  return Object.assign(cluster, { bootstrap, logs })
}
