// Contract handlers for the cluster.* and brokers.* methods.
import type { Api } from '../../shared/contract'
import type { ClusterBackend } from './backend'

export function clusterHandlers(
  backend: ClusterBackend
): Pick<Api, 'cluster.describe' | 'brokers.stop' | 'brokers.start'> {
  return {
    'cluster.describe': () => backend.describeCluster(),
    'brokers.stop': async ({ brokerId }) => {
      await backend.stopBroker(brokerId)
      return backend.describeCluster()
    },
    'brokers.start': async ({ brokerId }) => {
      await backend.startBroker(brokerId)
      return backend.describeCluster()
    }
  }
}
