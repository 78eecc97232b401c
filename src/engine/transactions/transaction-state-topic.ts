// __transaction_state: Kafka's internal topic of transaction coordinator records
// (transaction-log-records.ts), written through the internal-topic machinery
// (cluster/internal-topic.ts). A transactional id's coordinator is the leader of partition
// abs(String.hashCode(transactionalId)) % transaction.state.log.num.partitions.
import type { InternalTopicSpec } from '../cluster/internal-topic'

export const TRANSACTION_STATE_TOPIC = '__transaction_state'

/**
 * The topic, as Kafka's TransactionStateManager creates it (min.insync.replicas comes from
 * transaction.state.log.min.isr when it is made).
 */
export const TRANSACTION_STATE_TOPIC_SPEC: InternalTopicSpec = {
  name: TRANSACTION_STATE_TOPIC,
  configs: {
    'cleanup.policy': 'compact',
    'compression.type': 'uncompressed',
    'segment.bytes': '104857600',
    'unclean.leader.election.enable': 'false'
  }
}
