// An external connection's backend, loaded on first use: the Kafka client library behind it
// takes over a second to load, and the embedded cluster must start without waiting for it (nor
// stop while it loads: it is loaded a module at a time, kafka-library.ts).
import type { Backend, BackendEventListener } from '../backend'
import type { KafkaTarget } from '../external/clients'
import type { ClosableBackend } from './registry'
import type { ConsoleDb } from './database'
import type { StoredConnection } from './store'

import { clusterParams } from '../../../shared/api/cluster'
import { demoParams } from '../../../shared/api/demo'
import { groupsParams } from '../../../shared/api/groups'
import { messagesParams } from '../../../shared/api/messages'
import { metricsParams } from '../../../shared/api/metrics'
import { partitionsParams } from '../../../shared/api/partitions'
import { topicsParams } from '../../../shared/api/topics'
import { transactionsParams } from '../../../shared/api/transactions'
import { faultsParams } from '../../../shared/api/faults'
import { usersParams } from '../../../shared/api/users'
import { aclsParams } from '../../../shared/api/acls'
import { quotasParams } from '../../../shared/api/quotas'
import { clientMetricsParams } from '../../../shared/api/client-metrics'
import { brokerConfigsParams } from '../../../shared/api/broker-configs'
import { schemasParams } from '../../../shared/api/schemas'

type AreaName = Exclude<keyof Backend, 'kind' | 'subscribe'>
/** Each area's methods, as the contract names them (and the copy's two halves). */
const AREAS: Record<AreaName, string[]> = {
  cluster: Object.keys(clusterParams),
  topics: Object.keys(topicsParams),
  messages: Object.keys(messagesParams),
  groups: Object.keys(groupsParams),
  partitions: Object.keys(partitionsParams),
  metrics: Object.keys(metricsParams),
  transactions: Object.keys(transactionsParams),
  demo: Object.keys(demoParams),
  faults: Object.keys(faultsParams),
  users: Object.keys(usersParams),
  acls: Object.keys(aclsParams),
  quotas: Object.keys(quotasParams),
  clientMetrics: Object.keys(clientMetricsParams),
  brokerConfigs: Object.keys(brokerConfigsParams),
  schemas: Object.keys(schemasParams),
  copy: ['sink', 'start']
}

export function lazyExternalBackend(
  target: KafkaTarget,
  connection: StoredConnection,
  db: ConsoleDb
): ClosableBackend {
  let loaded: Promise<ClosableBackend> | null = null
  const listeners = new Set<BackendEventListener>()
  const load = (): Promise<ClosableBackend> =>
    (loaded ??= import('./kafka-library')
      .then(({ loadKafkaLibrary }) => loadKafkaLibrary())
      .then(() => import('../external'))
      .then(({ externalBackend }) => {
        const backend = externalBackend(target, connection, db)
        backend.subscribe((event, payload) => {
          for (const l of listeners) l(event, payload)
        })
        return backend
      }))
  const area = (name: AreaName): never =>
    Object.fromEntries(
      AREAS[name].map((method) => [
        method,
        async (...args: unknown[]) => {
          const methods = (await load())[name] as unknown as Record<
            string,
            (...a: unknown[]) => Promise<unknown>
          >
          return methods[method](...args)
        }
      ])
    ) as never
  const backend = {
    kind: 'kafka' as const,
    subscribe(listener: BackendEventListener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    collect: async () => (await load()).collect(),
    close: async () => {
      listeners.clear()
      if (loaded) await (await loaded).close()
    }
  }
  for (const name of Object.keys(AREAS) as AreaName[])
    Object.assign(backend, { [name]: area(name) })
  return backend as unknown as ClosableBackend
}
