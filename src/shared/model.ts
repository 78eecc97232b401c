// Shapes returned by the contract: what a cluster, broker, topic and partition look like to
// the UI, whichever backend (embedded engine or a real Kafka cluster) serves them.

export type BrokerStatus = 'online' | 'stopped'

export interface BrokerInfo {
  id: number
  host: string
  port: number
  status: BrokerStatus
  /**
   * Its address on each of the cluster's listeners (Kafka's `listeners`), the first (`host`,
   * `port`) first; absent where the console does not know them (a Kafka cluster).
   */
  endpoints?: BrokerEndpointInfo[]
  isController: boolean
  /** Its broker.rack (Metadata names it); null when it has none. */
  rack: string | null
  leaderCount: number
  replicaCount: number
  /** Simulated time this broker's follower replicas take to copy an append (ms). */
  replicationDelayMs: number
  /** Simulated copy rate of its follower replicas; 0 means no limit. */
  replicationRecordsPerSec: number
  /** leader.replication.throttled.rate in bytes/s (0: none; absent where unknown). */
  leaderThrottledRate?: number
  /** follower.replication.throttled.rate in bytes/s (0: none; absent where unknown). */
  followerThrottledRate?: number
  /**
   * Bytes per second written to the partitions it leads: the produce load it takes, the sum of
   * their rates as topics.describe gives them (on the embedded cluster over the last 10 seconds;
   * on a Kafka cluster over the last minute of the console's own samples of the partitions'
   * sizes, absent until there are two).
   */
  bytesInPerSec?: number
  /** Bytes of the replicas it holds; null where the cluster does not say (DescribeLogDirs). */
  sizeBytes: number | null
  /** Size and usable space of the disk its logs are on; null when unknown. */
  diskTotalBytes: number | null
  diskUsableBytes: number | null
}

export interface BrokerEndpointInfo {
  /** The listener's name. */
  listener: string
  /** PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. */
  securityProtocol: string
  host: string
  port: number
  /**
   * Where clients are told to connect when it differs from where the broker listens (Kafka's
   * `advertised.listeners`: a proxy or port mapping in front).
   */
  advertised?: { host: string; port: number }
}

export interface ClusterInfo {
  clusterId: string
  kind: 'embedded' | 'kafka'
  name: string
  controllerId: number
  brokers: BrokerInfo[]
  topicCount: number
  partitionCount: number
  /** Partitions with a leader and fewer in-sync replicas than replicas. */
  underReplicatedPartitions: number
  /** Partitions without a leader: nothing can be read or written there. */
  offlinePartitions: number
  /** Every broker's address, comma-separated. */
  bootstrapServers: string
  /** The data directory's disk (embedded cluster on disk; absent elsewhere). */
  storage?: StorageStatus
}

/** ok; low (nearly full); full (new records are refused until space returns). */
export type StorageState = 'ok' | 'low' | 'full'

export interface StorageStatus {
  state: StorageState
  /** Free bytes on the data directory's disk, beyond the reserve; null when unknown. */
  freeBytes: number | null
  totalBytes: number | null
  /** Bytes held in reserve for deletes (released when the disk fills). */
  reserveBytes: number
  dataDir: string | null
  /** What to do about it; empty when ok. */
  advice: string
}

export interface HotPartition {
  partition: number
  /** Its share of the topic's load, 0..1. */
  share: number
  /** Its load over the mean partition's. */
  maxOverMean: number
  /** Load measured as the recent write rate, or (with no recent writes) the records held. */
  basis: 'writes' | 'records'
}

export interface TopicSummary {
  name: string
  internal: boolean
  partitions: number
  replicationFactor: number
  messages: number
  /** Bytes on disk (one copy of each partition); null where the cluster does not say. */
  sizeBytes: number | null
  recordsPerSec: number
  /** null until the size of the partitions has been sampled twice. */
  bytesPerSec: number | null
  /** Partitions with a leader and fewer in-sync replicas than replicas. */
  underReplicatedPartitions: number
  /** Partitions without a leader. */
  offlinePartitions: number
  /** The partition taking far more than its share (1.5x the mean or more), if any. */
  hotPartition: HotPartition | null
  cleanupPolicy: string
}

export interface PartitionInfo {
  partition: number
  leader: number
  leaderEpoch: number
  replicas: number[]
  isr: number[]
  offlineReplicas: number[]
  /** A reassignment in flight: the replicas it adds and those it removes. */
  addingReplicas?: number[]
  removingReplicas?: number[]
  logStartOffset: number
  highWatermark: number
  logEndOffset: number
  /** Bytes of the leader's copy; null where the cluster does not say. */
  sizeBytes: number | null
  recordsPerSec: number
  bytesPerSec: number | null
  /**
   * Log end offset of each replica, by broker id (followers trail the leader); null where the
   * cluster cannot tell (a real cluster reports only how far a replica trails its own view of
   * the high watermark).
   */
  replicaLogEndOffsets: Record<number, number | null>
  /**
   * Where read_committed consumers stop: the first offset of the oldest open transaction, at
   * most the high watermark (topics.describe on the embedded cluster).
   */
  lastStableOffset?: number
  /** The open transaction holding the last stable offset back, if one does. */
  openTransaction?: OpenTransaction | null
}

export interface OpenTransaction {
  /** Null when the producer's transactional id is not known (its state was lost). */
  transactionalId: string | null
  producerId: number
  /** Offset of its first record in the partition: the last stable offset. */
  firstOffset: number
  /** When the transaction began; null when not known. */
  startedAt: number | null
}

export type ConfigSource = 'default' | 'topic'

export interface ConfigEntry {
  name: string
  value: string
  source: ConfigSource
  defaultValue: string
  documentation: string
}

export interface TopicDescription {
  name: string
  topicId: string
  internal: boolean
  partitions: PartitionInfo[]
  configs: Record<string, string>
  configEntries: ConfigEntry[]
}
