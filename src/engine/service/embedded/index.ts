// The embedded engine as a contract backend.
import { alterGroupConfigs, describeGroupConfigs } from './group-configs'
import { eventNames } from '../../../shared/contract'
import type { Engine } from '../../engine'
import { refusingArea, type Backend, type BackendEventListener } from '../backend'
import { embeddedCluster } from './cluster'
import { embeddedTopics } from './topics'
import { embeddedMessages } from './messages'
import { embeddedCopy } from './copy'
import { typedSchemas } from './typed-schemas'
import { embeddedPartitions } from './partitions'
import { embeddedMetrics } from './metrics'
import { Operations } from '../operations'
import { embeddedDemo, type DemoControl } from './demo'
import { embeddedTransactions } from './transactions'
import { embeddedFaults } from './faults'
import { embeddedUsers } from './users'
import type { ListenerProtocol } from '../../../shared/api/users'
import { embeddedAcls } from './acls'
import { embeddedQuotas } from './quotas'
import { embeddedClientMetrics } from './client-metrics'
import { embeddedBrokerConfigs } from './broker-configs'
import type { AuthorizerSettings } from '../../security/authorizer'
import { embeddedSchemas } from './schemas'
import { coordinatorMessages } from '../coordinator-messages'
import { typedMessages } from '../typed-messages'
import type { SchemaRegistry } from '../../registry/registry'
import { ApiError } from '../../../shared/errors'
import { schemasParams } from '../../../shared/api/schemas'

export interface EmbeddedBackendOptions {
  /** The demo topics, producer and consumer groups (they need the Kafka listeners). */
  demo?: DemoControl
  /** The Kafka listeners and what each asks of clients (one PLAINTEXT listener when absent). */
  listeners?: readonly ListenerProtocol[]
  /** The SASL mechanisms the listeners offer (none when absent). */
  saslMechanisms?: readonly string[]
  /** The built-in schema registry's store (without it, the schemas area answers UNAVAILABLE). */
  registry?: SchemaRegistry
  /** Set when the brokers enforce ACLs. */
  authorizer?: AuthorizerSettings
}

const noRegistry = refusingArea(
  schemasParams,
  () => new ApiError('UNAVAILABLE', 'This cluster has no schema registry')
)

export function embeddedBackend(engine: Engine, options: EmbeddedBackendOptions = {}): Backend {
  const ops = new Operations((payload) => engine.emit('operation.progress', payload))
  // A search or copy still running when the engine closes is cancelled before its database shuts.
  engine.beforeClose(() => ops.cancelAll())
  const typed = typedSchemas(options.registry)
  const copy = embeddedCopy(engine, ops, typed)
  const listeners = options.listeners?.length
    ? options.listeners
    : [{ name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT' }]
  return {
    kind: 'embedded',
    cluster: embeddedCluster(engine),
    topics: embeddedTopics(engine),
    messages: options.registry
      ? typedMessages(
          coordinatorMessages(embeddedMessages(engine, ops, copy, typed)),
          options.registry
        )
      : coordinatorMessages(embeddedMessages(engine, ops, copy, typed)),
    copy,
    groups: {
      'groups.list': async () => engine.groupSummaries(),
      'groups.describe': async ({ groupId }) => engine.groupDescription(groupId),
      'groups.resetOffsets': async (params) => engine.resetGroupOffsets(params),
      'groups.delete': async ({ groupId }) => engine.deleteGroup(groupId),
      'groups.deleteShareOffsets': async (params) => engine.deleteShareGroupOffsets(params),
      'groups.lagHistory': async (params) => engine.groupLagHistory(params),
      'groups.describeConfigs': async ({ groupId }) => describeGroupConfigs(engine, groupId),
      'groups.alterConfigs': async ({ groupId, configs }) =>
        alterGroupConfigs(engine, groupId, configs)
    },
    partitions: embeddedPartitions(engine),
    metrics: embeddedMetrics(engine, ops),
    transactions: embeddedTransactions(engine),
    demo: embeddedDemo(options.demo),
    faults: embeddedFaults(engine),
    users: embeddedUsers(engine, listeners, options.saslMechanisms ?? []),
    acls: embeddedAcls(engine, listeners[0].securityProtocol, options.authorizer),
    quotas: embeddedQuotas(engine),
    clientMetrics: embeddedClientMetrics(engine),
    brokerConfigs: embeddedBrokerConfigs(engine),
    schemas: options.registry ? embeddedSchemas(engine, options.registry) : noRegistry,
    subscribe(listener: BackendEventListener) {
      const offs = eventNames.map((name) => engine.on(name, (payload) => listener(name, payload)))
      return () => offs.forEach((off) => off())
    }
  }
}
