// __consumer_offsets: Kafka's internal topic of group coordinator records (coordinator-records.ts),
// written through the internal-topic machinery (cluster/internal-topic.ts). A group's coordinator
// is the leader of partition abs(String.hashCode(groupId)) % offsets.topic.num.partitions.
import type { InternalTopicSpec } from '../cluster/internal-topic'

export const OFFSETS_TOPIC = '__consumer_offsets'

/** The topic, as Kafka creates it (offsets.topic.segment.bytes's default). */
export const OFFSETS_TOPIC_SPEC: InternalTopicSpec = {
  name: OFFSETS_TOPIC,
  configs: {
    'cleanup.policy': 'compact',
    'compression.type': 'producer',
    'segment.bytes': '104857600'
  }
}
