// Contract area: the cluster and its brokers.
import { z } from 'zod'
import { brokerIdNumber, empty, int, partitionIndex, topicName } from '../schema-parts'
import type { ClusterInfo } from '../model'

export const clusterParams = {
  'cluster.describe': empty,
  'brokers.stop': z.object({ brokerId: brokerIdNumber }).strict(),
  'brokers.start': z.object({ brokerId: brokerIdNumber }).strict(),
  /** Simulates a slow follower: how long its replicas take to copy, and how fast they copy. */
  'brokers.configure': z
    .object({
      brokerId: brokerIdNumber,
      replicationDelayMs: int(0, 3_600_000).optional(),
      replicationRecordsPerSec: int(0, 1_000_000_000).optional(),
      /** leader.replication.throttled.rate (bytes/s, 0: none): reassigned replicas it leads. */
      leaderThrottledRate: int(0, 1_000_000_000_000).optional(),
      /** follower.replication.throttled.rate (bytes/s, 0: none): its reassigned replicas. */
      followerThrottledRate: int(0, 1_000_000_000_000).optional()
    })
    .strict(),
  /** The KRaft metadata quorum (Kafka's DescribeQuorum): leader, epoch, voters and observers. */
  'cluster.quorum': empty,
  /** Supported and finalized features (ApiVersions v3+: metadata.version, group.version ...). */
  'cluster.features': empty,
  /** Leadership and ISR changes, newest first. */
  'cluster.history': z.object({ limit: int(1, 10_000).optional() }).strict(),
  /** Preferred-leader election: the first replica leads again where it is in sync. */
  'partitions.electLeaders': z
    .object({ topic: topicName.optional(), partitions: z.array(partitionIndex).optional() })
    .strict(),
  /**
   * Moves a partition's replicas (Kafka's AlterPartitionReassignments): the new ones copy the
   * log, join the ISR, then the old ones leave; null replicas cancel the move in flight.
   * throttleBytesPerSec sets the leader's and the new replicas' brokers' throttled rates, as
   * kafka-reassign-partitions --throttle does, and takes them off once the move is over, as its
   * --verify does.
   */
  'partitions.reassign': z
    .object({
      topic: topicName,
      partition: partitionIndex,
      replicas: z.array(brokerIdNumber).min(1).max(100).nullable(),
      throttleBytesPerSec: int(0, 1_000_000_000_000).optional()
    })
    .strict(),
  /**
   * Moves a partition's load from one broker to another: its leadership when `to` holds a
   * replica (the replicas reordered, then a preferred-leader election), else `from`'s replica
   * (a reassignment putting `to` first, so that it leads once it has caught up).
   */
  'partitions.move': z
    .object({
      topic: topicName,
      partition: partitionIndex,
      from: brokerIdNumber,
      to: brokerIdNumber,
      throttleBytesPerSec: int(0, 1_000_000_000_000).optional()
    })
    .strict(),
  /** Reassignments in flight (Kafka's ListPartitionReassignments), of one topic or all. */
  'partitions.reassignments': z.object({ topic: topicName.optional() }).strict()
} as const

export interface PartitionReassignment {
  topic: string
  partition: number
  /** The target replicas followed by those leaving. */
  replicas: number[]
  addingReplicas: number[]
  removingReplicas: number[]
}

export type ClusterChangeKind =
  | 'broker-stopped'
  | 'broker-started'
  | 'leader-elected'
  | 'isr-shrunk'
  | 'isr-expanded'
  | 'unclean-election'
  | 'truncated'
  /** A fault injected, hit or cleared (faults.*). */
  | 'fault'
  /** A partition's replicas being moved (partitions.reassign, AlterPartitionReassignments). */
  | 'reassignment-started'
  | 'reassignment-completed'
  | 'reassignment-cancelled'
  /** The replication throttle the console set for moves now done, taken off again. */
  | 'throttle-removed'

export interface ClusterChange {
  timestamp: number
  kind: ClusterChangeKind
  brokerId?: number
  topic?: string
  partition?: number
  leader?: number
  leaderEpoch?: number
  isr?: number[]
  /** The replica set after a reassignment's step. */
  replicas?: number[]
  /** Records lost to an unclean election or a truncation. */
  recordsLost?: number
  message: string
}

/** A replica of the metadata log, as the quorum's leader knows it (-1: not known). */
export interface QuorumReplica {
  replicaId: number
  logEndOffset: number
  lastFetchTimestamp: number
  lastCaughtUpTimestamp: number
}

/** The KRaft quorum of the __cluster_metadata log (kafka-metadata-quorum describe). */
export interface QuorumInfo {
  leaderId: number
  leaderEpoch: number
  highWatermark: number
  voters: QuorumReplica[]
  observers: QuorumReplica[]
}

/** A feature's supported levels and the level the cluster runs at (0: off). */
export interface ClusterFeature {
  name: string
  minVersion: number
  maxVersion: number
  finalizedLevel: number
}

export interface FeaturesInfo {
  features: ClusterFeature[]
  /** FinalizedFeaturesEpoch: the metadata offset the finalized levels are from. */
  epoch: number
}

export interface ClusterResults {
  'cluster.describe': ClusterInfo
  'brokers.stop': ClusterInfo
  'brokers.start': ClusterInfo
  'brokers.configure': ClusterInfo
  'cluster.history': { changes: ClusterChange[] }
  'cluster.quorum': QuorumInfo
  'cluster.features': FeaturesInfo
  'partitions.electLeaders': {
    elected: { topic: string; partition: number; leader: number; leaderEpoch: number }[]
    /**
     * Partitions whose election the cluster refused, with Kafka's error (a Kafka cluster's
     * PREFERRED_LEADER_NOT_AVAILABLE ...); ELECTION_NOT_NEEDED is not listed.
     */
    failed?: { topic: string; partition: number; error: string; message: string }[]
  }
  'partitions.reassign': { reassignments: PartitionReassignment[] }
  'partitions.move': {
    /** What moved: the leadership at once, or the replica (a reassignment under way). */
    moved: 'leader' | 'replica'
    replicas: number[]
    reassignments: PartitionReassignment[]
  }
  'partitions.reassignments': { reassignments: PartitionReassignment[] }
}
