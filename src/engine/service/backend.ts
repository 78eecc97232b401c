// The seam between the contract and a cluster: a backend serves each area of the contract.
// The embedded engine is one backend; a real Kafka cluster reached through a client library
// is another. Params arrive validated.
import type { Api, ClusterEvents, EventName } from '../../shared/contract'
import type { clusterParams } from '../../shared/api/cluster'
import type { topicsParams } from '../../shared/api/topics'
import type { messagesParams } from '../../shared/api/messages'
import type { groupsParams } from '../../shared/api/groups'
import type { partitionsParams } from '../../shared/api/partitions'
import type { metricsParams } from '../../shared/api/metrics'
import type { demoParams } from '../../shared/api/demo'
import type { transactionsParams } from '../../shared/api/transactions'
import type { faultsParams } from '../../shared/api/faults'
import type { usersParams } from '../../shared/api/users'
import type { CopyHalves } from './copy'
import type { aclsParams } from '../../shared/api/acls'
import type { quotasParams } from '../../shared/api/quotas'
import type { clientMetricsParams } from '../../shared/api/client-metrics'
import type { brokerConfigsParams } from '../../shared/api/broker-configs'
import type { schemasParams } from '../../shared/api/schemas'

export type Area<P> = Pick<Api, keyof P & keyof Api>

/** An area whose every method fails with the error `refusal` makes (what a backend cannot do). */
export function refusingArea<P extends object>(params: P, refusal: () => Error): Area<P> {
  const methods = Object.keys(params).map((method) => [
    method,
    async () => {
      throw refusal()
    }
  ])
  return Object.fromEntries(methods) as unknown as Area<P>
}

export type BackendEventListener = <E extends EventName>(
  event: E,
  payload: ClusterEvents[E]
) => void

export interface Backend {
  readonly kind: 'embedded' | 'kafka'
  readonly cluster: Area<typeof clusterParams>
  readonly topics: Area<typeof topicsParams>
  readonly messages: Area<typeof messagesParams>
  readonly groups: Area<typeof groupsParams>
  readonly partitions: Area<typeof partitionsParams>
  readonly metrics: Area<typeof metricsParams>
  readonly transactions: Area<typeof transactionsParams>
  /** messages.copy in halves, so that a copy can read here and write into another cluster. */
  readonly copy: CopyHalves
  /** The demo's clients; only the embedded cluster has them. */
  readonly demo: Area<typeof demoParams>
  /** Faults injected into Kafka requests; only the embedded cluster takes them. */
  readonly faults: Area<typeof faultsParams>
  /** SASL users; only the embedded cluster's are managed here. */
  readonly users: Area<typeof usersParams>
  /** ACLs; only the embedded cluster's are managed here. */
  readonly acls: Area<typeof aclsParams>
  /** Client quotas; only the embedded cluster's are managed here. */
  readonly quotas: Area<typeof quotasParams>
  /** Client telemetry (KIP-714); only the embedded cluster's clients are seen here. */
  readonly clientMetrics: Area<typeof clientMetricsParams>
  /** Broker configs; only the embedded cluster's are managed here. */
  readonly brokerConfigs: Area<typeof brokerConfigsParams>
  /** The schema registry: the built-in one for the embedded cluster. */
  readonly schemas: Area<typeof schemasParams>
  /** Push events; returns the unsubscribe function. */
  subscribe(listener: BackendEventListener): () => void
}
