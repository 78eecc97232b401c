// Crash-test child: runs the embedded cluster on a data directory and prints its bootstrap
// servers; the parent drives Kafka clients against it and SIGKILLs it.
// Usage: node --import tsx test/crash/cluster-child.ts <dataDir>
import { startEmbeddedCluster } from '../../src/engine/embedded-cluster'

const [dataDir] = process.argv.slice(2)
void startEmbeddedCluster({ dataDir, brokers: 3, port: 0, log: () => {} }).then((cluster) => {
  process.stdout.write(`ready ${cluster.listeners.map((l) => `${l.host}:${l.port}`).join(',')}\n`)
})
