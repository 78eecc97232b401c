// What the cluster's replication and leadership need from the engine, and nothing more: the
// database (for transactions), the topics, each partition's log and which brokers run.
import type { Db } from '../storage/database'
import type { PartitionLog } from '../log/partition-log'
import type { TopicRegistry, Topic } from '../log/topic-registry'

export interface ClusterParts {
  readonly db: Db
  readonly topics: TopicRegistry
  /** The log of one partition of a topic. */
  log(topic: Topic, partition: number): PartitionLog
  isOnline(brokerId: number): boolean
}
