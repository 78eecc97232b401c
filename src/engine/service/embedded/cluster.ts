// Embedded backend, cluster area: describe, broker stop/start, history, leader elections.
import type { Engine } from '../../engine'
import type { Area } from '../backend'
import type { clusterParams } from '../../../shared/api/cluster'
import { clusterInfo } from './views'

export function embeddedCluster(engine: Engine): Area<typeof clusterParams> {
  return {
    'cluster.describe': async () => clusterInfo(engine),
    'brokers.stop': async ({ brokerId }) => {
      engine.stopBroker(brokerId)
      return clusterInfo(engine)
    },
    'brokers.configure': async ({ brokerId, replicationDelayMs, replicationRecordsPerSec }) => {
      engine.configureBroker(brokerId, { replicationDelayMs, replicationRecordsPerSec })
      return clusterInfo(engine)
    },
    'brokers.start': async ({ brokerId }) => {
      engine.startBroker(brokerId)
      return clusterInfo(engine)
    },
    'cluster.history': async ({ limit }) => ({ changes: engine.history(limit ?? 500) }),
    'partitions.electLeaders': async ({ topic, partitions }) => ({
      elected: engine.electPreferredLeaders(topic, partitions)
    })
  }
}
