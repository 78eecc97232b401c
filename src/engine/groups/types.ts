// Request and result shapes of the coordinator's Kafka-facing API, in the wire messages' terms.
// Offsets are JS numbers (the handlers convert int64 fields with Number()).

export type GroupStateName =
  'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead'

/** Kafka's ConsumerGroupState names. */
export type ConsumerGroupState = 'Empty' | 'Assigning' | 'Reconciling' | 'Stable' | 'Dead'

export interface GroupProtocol {
  name: string
  metadata: Buffer
}

export interface JoinGroupParams {
  groupId: string
  /** '' for a member without an id yet. */
  memberId: string
  groupInstanceId: string | null
  clientId: string
  clientHost: string
  sessionTimeoutMs: number
  /** -1 (JoinGroup v0) means: the session timeout. */
  rebalanceTimeoutMs: number
  protocolType: string
  protocols: GroupProtocol[]
  /** JoinGroup v4+ without a group instance id: a first join gets MEMBER_ID_REQUIRED. */
  requireKnownMemberId: boolean
  /** JoinGroup v9+: a static leader that rejoins a stable group is told to skip the assignment. */
  supportSkippingAssignment?: boolean
  reason?: string | null
}

export interface JoinGroupMember {
  memberId: string
  groupInstanceId: string | null
  metadata: Buffer
}

export interface JoinGroupResult {
  errorCode: number
  generationId: number
  protocolType: string | null
  /** null where the wire needs '' (JoinGroup v0-6): the handler maps it. */
  protocolName: string | null
  leader: string
  skipAssignment: boolean
  memberId: string
  /** Only for the leader: every member with its metadata for the selected protocol. */
  members: JoinGroupMember[]
}

export interface SyncGroupParams {
  groupId: string
  generationId: number
  memberId: string
  groupInstanceId: string | null
  /** SyncGroup v5+; null for older versions (not checked). */
  protocolType: string | null
  protocolName: string | null
  /** The leader's assignment; empty for followers. */
  assignments: { memberId: string; assignment: Buffer }[]
}

export interface SyncGroupResult {
  errorCode: number
  protocolType: string | null
  protocolName: string | null
  assignment: Buffer
}

export interface HeartbeatParams {
  groupId: string
  generationId: number
  memberId: string
  groupInstanceId: string | null
}

export interface LeaveGroupParams {
  groupId: string
  /** LeaveGroup v0-2: one member built from the request's memberId. */
  members: { memberId: string; groupInstanceId: string | null; reason?: string | null }[]
}

export interface LeaveGroupResult {
  errorCode: number
  members: { memberId: string; groupInstanceId: string | null; errorCode: number }[]
}

export interface DescribedGroup {
  errorCode: number
  groupId: string
  groupState: GroupStateName
  protocolType: string
  /** The selected protocol while Stable, '' otherwise (as Kafka answers). */
  protocolData: string
  members: {
    memberId: string
    groupInstanceId: string | null
    clientId: string
    clientHost: string
    memberMetadata: Buffer
    memberAssignment: Buffer
  }[]
}

export interface ListedGroup {
  groupId: string
  protocolType: string
  groupState: GroupStateName | ConsumerGroupState
  groupType: 'classic' | 'consumer' | 'share'
}

export interface OffsetCommitParams {
  groupId: string
  /** -1 for a commit from outside group management (admin tools, assign()-based consumers). */
  generationId: number
  memberId: string
  groupInstanceId: string | null
  /**
   * OffsetCommit v2-4: how long to keep these offsets; -1 or absent: as offsets.retention.minutes
   * says.
   */
  retentionTimeMs?: number
  topics: {
    name: string
    /** OffsetCommit v10 names topics by id: written in the OffsetCommit record (Kafka 4.2). */
    topicId?: string
    partitions: {
      partitionIndex: number
      committedOffset: number
      /** -1 when unknown. */
      committedLeaderEpoch: number
      committedMetadata: string | null
      /** OffsetCommit v1 only; -1 or absent means now. */
      commitTimestamp?: number
    }[]
  }[]
}

export interface OffsetCommitResult {
  topics: { name: string; partitions: { partitionIndex: number; errorCode: number }[] }[]
}

/** Who a TxnOffsetCommit (v3+) says it commits for; v0-2 say nothing (generation -1). */
export interface TxnCommitMember {
  generationId: number
  memberId: string
  groupInstanceId: string | null
}

export interface OffsetFetchParams {
  groupId: string
  /** null: every committed offset of the group. */
  topics: { name: string; partitionIndexes: number[] }[] | null
}

export interface OffsetFetchPartition {
  partitionIndex: number
  /** -1 where the group has no committed offset. */
  committedOffset: number
  committedLeaderEpoch: number
  /** '' where none was committed (Kafka's NO_METADATA). */
  metadata: string
  errorCode: number
}

export interface OffsetFetchResult {
  errorCode: number
  topics: { name: string; partitions: OffsetFetchPartition[] }[]
}

/** What the coordinator needs to know about topics; implemented by the engine over its log. */
export interface PartitionOffsets {
  logStartOffset: number
  highWatermark: number
  /** Where the cluster knows it: the first offset of the oldest open transaction, at most the HW. */
  lastStableOffset?: number
}

export interface PartitionSource {
  /** Partition count of a topic, or undefined when it does not exist. */
  partitionCount(topic: string): number | undefined
  /** Every topic a consumer may subscribe to (internal ones left out). */
  topicNames?(): string[]
  /** A topic's id (RFC 4122 form), or undefined when it does not exist. */
  topicId?(topic: string): string | undefined
  /** The racks of a partition's replicas' brokers, those without a rack left out. */
  partitionRacks?(topic: string, partition: number): string[]
  /** KIP-1101's hash of a topic (metadata-hash.ts), or undefined when it does not exist. */
  topicHash?(topic: string): bigint | undefined
  /** Log start offset and high watermark of a partition, or undefined when it does not exist. */
  partitionOffsets(topic: string, partition: number): PartitionOffsets | undefined
  /** First offset whose record timestamp is >= `timestamp`, or null when there is none. */
  offsetForTimestamp(topic: string, partition: number, timestamp: number): number | null
  /** What lag in time and retention risk need; without it they read as 0 and no risk. */
  partitionHealth?(
    topic: string,
    partition: number,
    offset: number
  ): PartitionHealthInput | undefined
}

/** A partition's retention, size and produce rate, and the timestamp of one record. */
export interface PartitionHealthInput {
  /** Timestamp of the record at the given offset; null when there is none. */
  recordTimestamp: number | null
  /** Whether cleanup.policy includes delete (else nothing is deleted by retention). */
  deleteEnabled: boolean
  retentionMs: number
  retentionBytes: number
  sizeBytes: number
  recordsPerSec: number
  bytesPerSec: number
}
