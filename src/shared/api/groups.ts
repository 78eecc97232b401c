// Contract area: consumer groups, committed offsets, lag and offset resets.
import { z } from 'zod'
import { groupId, int, offset, partitionIndex, timestampMs, topicName } from '../schema-parts'
import type { BrokerConfigSource } from '../kafka/broker-config-def'

export const groupsParams = {
  'groups.list': z.object({}).strict(),
  'groups.describe': z.object({ groupId }).strict(),
  /** Moves committed offsets; refused with 409 while the group has members, as in Kafka. */
  'groups.resetOffsets': z
    .object({
      groupId,
      topic: topicName,
      partitions: z.array(partitionIndex).optional(),
      to: z.union([
        z.object({ earliest: z.literal(true) }).strict(),
        z.object({ latest: z.literal(true) }).strict(),
        z.object({ offset }).strict(),
        z.object({ timestamp: timestampMs }).strict(),
        z.object({ shiftBy: int(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) }).strict()
      ]),
      dryRun: z.boolean().optional()
    })
    .strict(),
  'groups.delete': z.object({ groupId }).strict(),
  /**
   * Forgets a share group's state of a topic (kafka-share-groups.sh --delete-offsets,
   * DeleteShareGroupOffsets): its share partitions start over where share.auto.offset.reset says
   * when the group next fetches them. Only while the group has no members (409, as in Kafka).
   */
  'groups.deleteShareOffsets': z.object({ groupId, topic: topicName }).strict(),
  /** Lag over time from the persisted samples. */
  'groups.lagHistory': z
    .object({ groupId, windowMs: int(1000, 30 * 86_400_000).optional() })
    .strict(),
  /** A group's configs (KIP-848's GROUP resource: consumer.session.timeout.ms ...). */
  'groups.describeConfigs': z.object({ groupId }).strict(),
  /**
   * Sets (a string) or removes (null: back to the broker's value) a group's configs, all or
   * nothing, checked as Kafka checks them; a refusal names the config.
   */
  'groups.alterConfigs': z
    .object({
      groupId,
      configs: z
        .record(z.string().min(1).max(255), z.string().max(255).nullable())
        .refine((c) => Object.keys(c).length > 0, { message: 'Name at least one config' })
    })
    .strict()
} as const

/** One config of a group: its own value, else the broker config's it defaults to. */
export interface GroupConfigInfo {
  name: string
  value: string
  /** GROUP_CONFIG: set on the group; else where the broker config's value comes from. */
  source: 'GROUP_CONFIG' | BrokerConfigSource
  /** The broker config it defaults to, and that config's value. */
  brokerConfig: string | null
  brokerValue: string | null
  doc: string
}

export interface GroupConfigsResult {
  groupId: string
  configs: GroupConfigInfo[]
}

/** Classic groups' states, and Assigning / Reconciling of consumer-protocol (KIP-848) groups. */
export type GroupState =
  | 'Empty'
  | 'PreparingRebalance'
  | 'CompletingRebalance'
  | 'Assigning'
  | 'Reconciling'
  | 'Stable'
  | 'Dead'
  | 'Unknown'

/**
 * Which protocol a group speaks: classic (JoinGroup/SyncGroup), consumer (KIP-848) or share
 * (KIP-932: share groups, whose members share partitions and acknowledge records one by one).
 */
export type GroupType = 'classic' | 'consumer' | 'share'

type TopicPartitionsView = { topic: string; partitions: number[] }[]

/** How a group's consumers read: read_committed ones stop at the last stable offset. */
export type IsolationLevel = 'read_committed' | 'read_uncommitted'

export interface GroupSummary {
  groupId: string
  state: GroupState
  /** Where the cluster says (ListGroups v5+). */
  groupType?: GroupType
  protocolType: string
  members: number
  topics: string[]
  totalLag: number
  lagMs: number
  atRisk: boolean
  recordsLost: number
  /** What the group's consumers fetch with, where the cluster lets it be seen; null: not seen. */
  isolationLevel?: IsolationLevel | null
}

export interface GroupMember {
  memberId: string
  groupInstanceId: string | null
  clientId: string
  clientHost: string
  assignments: TopicPartitionsView
  /** Consumer-protocol members: their epoch (-2: a static member away), subscription and target. */
  memberEpoch?: number
  subscribedTopics?: string[]
  subscribedTopicRegex?: string | null
  /** Where the member is headed; differs from assignments while it reconciles. */
  targetAssignments?: TopicPartitionsView
  /**
   * Consumer-protocol groups: the protocol the member speaks, 'classic' for a member that
   * joined with JoinGroup (KIP-848's online migration between the protocols).
   */
  protocol?: 'classic' | 'consumer'
}

export interface GroupOffset {
  topic: string
  partition: number
  /** A share group's: the share-partition start offset (records before it are done with). */
  committedOffset: number
  highWatermark: number
  logStartOffset: number
  /** Where the cluster reports it: read_committed consumers read up to here. */
  lastStableOffset?: number
  /** Records the group has yet to read: up to the last stable offset for read_committed groups. */
  lag: number
  metadata: string | null
  commitTimestamp: number | null
  /** Records deleted by retention before the group read them (committed < log start). */
  recordsLost: number
  /** Age of the oldest record the group has not consumed yet; 0 when caught up. */
  lagMs: number
  /** Time until retention deletes that record at the current produce rate; null: no deadline. */
  timeToLossMs: number | null
}

/** Whether a group keeps up, and how close its unconsumed records are to being deleted. */
export interface GroupHealth {
  /** Largest lag in time over the group's partitions. */
  lagMs: number
  /** Records/s produced into the group's partitions (last minute). */
  produceRatePerSec: number
  /** Records/s the group consumed (commits), from the lag history and the produce rate. */
  consumeRatePerSec: number | null
  trend: 'caught-up' | 'catching-up' | 'falling-behind' | 'steady' | 'unknown'
  /** At the current rates, when the group will have caught up; null when it will not. */
  catchUpInMs: number | null
  /** Smallest time until unconsumed records are deleted by retention; null: none at risk. */
  timeToLossMs: number | null
  /** The partition that deadline belongs to, and why (retention.ms or retention.bytes). */
  lossPartition: {
    topic: string
    partition: number
    reason: 'retention.ms' | 'retention.bytes'
  } | null
  /** Unconsumed records will be deleted within an hour or a tenth of the retention. */
  atRisk: boolean
  /** Records already deleted before the group read them. */
  recordsLost: number
}

export interface GroupDescription {
  groupId: string
  state: GroupState
  groupType?: GroupType
  protocolType: string
  /** The classic protocol's selected assignor, or a consumer-protocol group's server assignor. */
  protocol: string
  /** Consumer-protocol groups: the group epoch and the epoch of its target assignment. */
  groupEpoch?: number
  assignmentEpoch?: number
  /** null where the cluster does not say (DescribeGroups carries no generation). */
  generationId: number | null
  members: GroupMember[]
  offsets: GroupOffset[]
  totalLag: number
  health: GroupHealth
  /** What the group's consumers fetch with, where the cluster lets it be seen; null: not seen. */
  isolationLevel?: IsolationLevel | null
}

export interface OffsetResetPlan {
  groupId: string
  dryRun: boolean
  offsets: {
    topic: string
    partition: number
    previousOffset: number | null
    newOffset: number
    lag: number
  }[]
}

export interface LagSeries {
  topic: string
  partition: number
  points: [timestamp: number, lag: number][]
}

export interface GroupsResults {
  'groups.list': { groups: GroupSummary[] }
  'groups.describe': GroupDescription
  'groups.resetOffsets': OffsetResetPlan
  'groups.delete': { groupId: string; deleted: true }
  'groups.deleteShareOffsets': { groupId: string; topic: string; deleted: true }
  'groups.lagHistory': { groupId: string; total: [number, number][]; partitions: LagSeries[] }
  'groups.describeConfigs': GroupConfigsResult
  'groups.alterConfigs': GroupConfigsResult
}
