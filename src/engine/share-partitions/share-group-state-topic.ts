// __share_group_state: Kafka's internal topic of share coordinator records (KIP-932), whose
// partitions place the share coordinators: the coordinator of a share partition's state, keyed
// "groupId:topicId:partition" (the topic id as Kafka prints it), is the leader of partition
// abs(String.hashCode(key)) % share.coordinator.state.topic.num.partitions, which FindCoordinator
// answers for key type 2 (SHARE). Logdeck keeps share-partition state in SQLite (share-partitions.ts)
// and writes no records to the topic.
import type { InternalTopicSpec } from '../cluster/internal-topic'

export const SHARE_GROUP_STATE_TOPIC = '__share_group_state'

/** The topic, as Kafka's ShareCoordinatorService makes it (share.coordinator.state.topic.segment.bytes's default). */
export const SHARE_GROUP_STATE_TOPIC_SPEC: InternalTopicSpec = {
  name: SHARE_GROUP_STATE_TOPIC,
  configs: {
    'cleanup.policy': 'delete',
    'compression.type': 'producer',
    'segment.bytes': '104857600'
  }
}

/**
 * Why a FindCoordinator key of type 2 is not a share partition key, as Kafka's
 * SharePartitionKey.validate says it ("groupId:topicId:partition"); null when it is one.
 */
export function sharePartitionKeyProblem(key: string): string | null {
  const parts = key.split(':')
  if (parts.length !== 3)
    return `Invalid key format: expected - groupId:topicId:partition, found - ${key}`
  const [groupId, topicId, partition] = parts
  if (groupId === '') return 'Group id must be non-empty'
  if (!/^[A-Za-z0-9_-]{22}$/.test(topicId)) return `Invalid topic ID: ${topicId}`
  if (!/^\d+$/.test(partition) || Number(partition) > 2147483647)
    return `Invalid partition: ${partition}`
  return null
}
