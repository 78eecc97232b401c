// Contract area: the cluster and its brokers.
import { z } from 'zod'
import { empty, int, partitionIndex, topicName } from '../schema-parts'
import type { ClusterInfo } from '../model'

export const clusterParams = {
  'cluster.describe': empty,
  'brokers.stop': z.object({ brokerId: int(0, 1_000_000) }).strict(),
  'brokers.start': z.object({ brokerId: int(0, 1_000_000) }).strict(),
  /** Simulates a slow follower: how long its replicas take to copy, and how fast they copy. */
  'brokers.configure': z
    .object({
      brokerId: int(0, 1_000_000),
      replicationDelayMs: int(0, 3_600_000).optional(),
      replicationRecordsPerSec: int(0, 1_000_000_000).optional()
    })
    .strict(),
  /** Leadership and ISR changes, newest first. */
  'cluster.history': z.object({ limit: int(1, 10_000).optional() }).strict(),
  /** Preferred-leader election: the first replica leads again where it is in sync. */
  'partitions.electLeaders': z
    .object({ topic: topicName.optional(), partitions: z.array(partitionIndex).optional() })
    .strict()
} as const

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

export interface ClusterChange {
  timestamp: number
  kind: ClusterChangeKind
  brokerId?: number
  topic?: string
  partition?: number
  leader?: number
  leaderEpoch?: number
  isr?: number[]
  /** Records lost to an unclean election or a truncation. */
  recordsLost?: number
  message: string
}

export interface ClusterResults {
  'cluster.describe': ClusterInfo
  'brokers.stop': ClusterInfo
  'brokers.start': ClusterInfo
  'brokers.configure': ClusterInfo
  'cluster.history': { changes: ClusterChange[] }
  'partitions.electLeaders': {
    elected: { topic: string; partition: number; leader: number; leaderEpoch: number }[]
  }
}
