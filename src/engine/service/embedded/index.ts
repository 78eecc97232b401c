// The embedded engine as a contract backend.
import { eventNames } from '../../../shared/contract'
import type { Engine } from '../../engine'
import type { Backend, BackendEventListener } from '../backend'
import { embeddedCluster } from './cluster'
import { embeddedTopics } from './topics'
import { notAvailable } from './not-available'

export function embeddedBackend(engine: Engine): Backend {
  const needsLog = 'it needs the partition log'
  return {
    kind: 'embedded',
    cluster: embeddedCluster(engine),
    topics: embeddedTopics(engine),
    messages: {
      'messages.read': notAvailable('messages.read', needsLog),
      'messages.produce': notAvailable('messages.produce', needsLog),
      'messages.search': notAvailable('messages.search', needsLog),
      'messages.searchResults': notAvailable('messages.searchResults', needsLog),
      'messages.copy': notAvailable('messages.copy', needsLog)
    },
    groups: {
      'groups.list': async () => ({ groups: [] }),
      'groups.describe': notAvailable('groups.describe', 'consumer groups need the Kafka protocol'),
      'groups.resetOffsets': notAvailable(
        'groups.resetOffsets',
        'consumer groups need the Kafka protocol'
      ),
      'groups.delete': notAvailable('groups.delete', 'consumer groups need the Kafka protocol'),
      'groups.lagHistory': notAvailable(
        'groups.lagHistory',
        'consumer groups need the Kafka protocol'
      )
    },
    partitions: {
      'partitions.skew': notAvailable('partitions.skew', needsLog),
      'partitions.whatIf': notAvailable('partitions.whatIf', needsLog)
    },
    metrics: {
      'metrics.produceRate': notAvailable('metrics.produceRate', needsLog),
      'operations.cancel': notAvailable('operations.cancel', 'no operation runs yet'),
      'operations.list': async () => ({ operations: [] }),
      'demo.load': notAvailable('demo.load', 'demo data needs the Kafka protocol')
    },
    subscribe(listener: BackendEventListener) {
      const offs = eventNames.map((name) => engine.on(name, (payload) => listener(name, payload)))
      return () => offs.forEach((off) => off())
    }
  }
}
