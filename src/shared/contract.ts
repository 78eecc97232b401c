// The API contract: one typed map of method -> (params, result) and one of push events.
// IPC handlers, the preload bridge, HTTP routes and the renderer client all derive from it.
import type { ApiErrorBody } from './errors'
import type { ClusterChange, ClusterResults } from './api/cluster'
import type { TopicsResults } from './api/topics'
import type { MessageRecord, MessagesResults } from './api/messages'
import type { GroupsResults } from './api/groups'
import type { PartitionsResults } from './api/partitions'
import type { MetricsResults, OperationStatus } from './api/metrics'
import type { DemoResults } from './api/demo'
import type { ConnectionsResults } from './api/connections'
import type { FaultsResults } from './api/faults'
import type { TransactionsResults } from './api/transactions'
import type { UsersResults } from './api/users'
import type { AclsResults } from './api/acls'
import type { QuotasResults } from './api/quotas'
import type { ClientMetricsResults } from './api/client-metrics'
import type { BrokerConfigsResults } from './api/broker-configs'
import type { SchemasResults } from './api/schemas'
import type { ParamsOf } from './schemas'
import type { EventName, MethodName } from './methods'

export type ApiResults = ClusterResults &
  TopicsResults &
  MessagesResults &
  GroupsResults &
  PartitionsResults &
  MetricsResults &
  DemoResults &
  ConnectionsResults &
  TransactionsResults &
  FaultsResults &
  UsersResults &
  AclsResults &
  QuotasResults &
  ClientMetricsResults &
  BrokerConfigsResults &
  SchemasResults

export type ApiContract = {
  [M in MethodName]: { params: ParamsOf<M>; result: ApiResults[M] }
}

export type Params<M extends MethodName> = ApiContract[M]['params']
export type Result<M extends MethodName> = ApiContract[M]['result']

/** The whole API as an object of functions, one per method. */
export type Api = { [M in MethodName]: (params: Params<M>) => Promise<Result<M>> }

interface EventPayloads {
  'topics.changed': { reason: 'created' | 'deleted' | 'altered'; name: string }
  'cluster.changed': { reason: string; brokerId?: number; change?: ClusterChange }
  'groups.changed': { groupId: string }
  /** Progress of a long operation; a search also carries the matches found since the last. */
  'operation.progress': OperationStatus & { records?: MessageRecord[] }
}

/** Events as one cluster's backend emits them (a missing payload type fails to compile). */
export type ClusterEvents = { [E in EventName]: EventPayloads[E] }

/**
 * Push events to every open UI, each tagged with the connection whose cluster it belongs to,
 * so that a console shows only its current cluster's.
 */
export type ApiEvents = { [E in EventName]: EventPayloads[E] & { connection: string } }

export type { EventName, MethodName } from './methods'
export { eventNames, methodNames } from './methods'

/** What crosses the Electron IPC boundary: errors travel as data, not as thrown objects. */
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ApiErrorBody }

/** The preload bridge exposed to the renderer as `window.logdeck`. */
export interface LogdeckBridge {
  api: { [M in MethodName]: (params: Params<M>) => Promise<Envelope<Result<M>>> }
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void
}
