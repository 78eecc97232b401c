// A real Kafka cluster as a contract backend, reached with @platformatic/kafka. What only the
// embedded cluster can do (broker stop/start, slow followers, demo data) answers an error
// saying so.
import { EventEmitter } from 'node:events'
import type { demoParams } from '../../../shared/api/demo'
import type { faultsParams } from '../../../shared/api/faults'
import type { metricsParams } from '../../../shared/api/metrics'
import { schemasParams } from '../../../shared/api/schemas'
import { externalClientMetrics } from './client-metrics'
import { externalBrokerConfigs } from './broker-configs'
import { externalAcls } from './acls'
import { externalQuotas } from './quotas'
import type { ClusterEvents, EventName } from '../../../shared/contract'
import { refusingArea, type Area, type BackendEventListener } from '../backend'
import type { ClosableBackend } from '../connections/registry'
import type { ConsoleDb } from '../connections/database'
import type { StoredConnection } from '../connections/store'
import { KafkaClients, type KafkaTarget } from './clients'
import { externalCluster } from './cluster'
import { embeddedOnly, noRegistry, type ExternalContext } from './context'
import { PartitionFetcher } from './fetch'
import { externalGroups } from './groups'
import { OffsetHistory } from './history'
import { ThrottledMoves } from './throttled-moves'
import { externalMessages } from './messages'
import { ExternalOperations } from './operations'
import { externalPartitions } from './partitions'
import { externalTopics } from './topics'
import { externalTransactions } from './transactions'
import { externalUsers } from './users'
import { externalTokens } from './tokens'
import { externalTokenRequests } from './token-requests'
import { externalSchemas } from './schemas'
import { RemoteRegistry } from '../../registry/remote/remote-registry'
import { coordinatorMessages } from '../coordinator-messages'
import { typedMessages } from '../typed-messages'
import { collectOnce } from './collect'

export interface ExternalBackend extends ClosableBackend {
  readonly context: ExternalContext
}

export function externalBackend(
  target: KafkaTarget,
  connection: StoredConnection,
  db: ConsoleDb
): ExternalBackend {
  const events = new EventEmitter()
  const ctx: ExternalContext = {
    id: connection.id,
    name: connection.name,
    clients: new KafkaClients(target),
    history: new OffsetHistory(db, connection.id),
    moves: new ThrottledMoves(db, connection.id, (change) =>
      emit('cluster.changed', { reason: change.kind, change })
    )
  }
  const fetcher = new PartitionFetcher(ctx.clients)
  const emit = <E extends EventName>(event: E, payload: ClusterEvents[E]) =>
    events.emit(event, payload)
  // The connection's schema registry, when it names one: records decode against it (in reads,
  // search and replay filters) and the schema views show it.
  const remote = connection.schemaRegistry
    ? new RemoteRegistry({
        ...connection.schemaRegistry,
        password: target.secrets.registryPassword
      })
    : undefined
  const ops = new ExternalOperations(ctx, fetcher, (p) => emit('operation.progress', p), remote)
  const messages = externalMessages(ctx, fetcher, ops)
  const topicNames = async () =>
    new Set(await ctx.clients.run('schemas topics', () => ctx.clients.admin().listTopics()))
  const metrics: Area<typeof metricsParams> = {
    'metrics.produceRate': async (params) => ({ series: ctx.history.produceRate(params) }),
    'operations.cancel': async ({ operationId }) => ops.cancel(operationId),
    'operations.list': async () => ({ operations: ops.list() })
  }
  const demo: Area<typeof demoParams> = {
    'demo.load': async () => {
      throw embeddedOnly(ctx, 'loading demo data')
    },
    'demo.status': async () => ({ loaded: false, producer: null, consumers: [] }),
    'demo.pauseGroup': async () => {
      throw embeddedOnly(ctx, 'pausing a demo group')
    },
    'demo.resumeGroup': async () => {
      throw embeddedOnly(ctx, 'resuming a demo group')
    }
  }
  const faults: Area<typeof faultsParams> = {
    'faults.inject': async () => {
      throw embeddedOnly(ctx, 'injecting faults')
    },
    'faults.list': async () => ({ faults: [] }),
    'faults.clear': async () => ({ cleared: 0 })
  }
  return {
    kind: 'kafka',
    context: ctx,
    cluster: externalCluster(ctx),
    topics: externalTopics(ctx),
    messages: remote
      ? typedMessages(coordinatorMessages(messages), remote)
      : coordinatorMessages(messages),
    groups: externalGroups(ctx, fetcher),
    partitions: externalPartitions(ctx, fetcher),
    metrics,
    transactions: externalTransactions(ctx),
    copy: {
      sink: (topic) => ops.sink(topic),
      start: (params, sink, intoAnotherCluster) => ops.copy(params, sink, intoAnotherCluster)
    },
    demo,
    faults,
    users: {
      ...externalUsers(ctx),
      ...externalTokens(ctx),
      ...externalTokenRequests(ctx)
    },
    acls: externalAcls(ctx),
    quotas: externalQuotas(ctx),
    clientMetrics: externalClientMetrics(ctx),
    brokerConfigs: externalBrokerConfigs(ctx),
    schemas: remote
      ? externalSchemas(remote, topicNames)
      : refusingArea(schemasParams, () => noRegistry(ctx)),
    subscribe(listener: BackendEventListener) {
      const progress = (payload: ClusterEvents['operation.progress']) =>
        listener('operation.progress', payload)
      const changed = (payload: ClusterEvents['cluster.changed']) =>
        listener('cluster.changed', payload)
      events.on('operation.progress', progress)
      events.on('cluster.changed', changed)
      return () => {
        events.off('operation.progress', progress)
        events.off('cluster.changed', changed)
      }
    },
    collect: () => collectOnce(ctx),
    close: () => ctx.clients.close()
  }
}
