// The records Kafka 4.2's group coordinator writes to __consumer_offsets for a group of the
// consumer protocol (KIP-848), as GroupCoordinatorRecordHelpers makes them: the group's epoch and
// the hash of its subscribed topics' metadata (ConsumerGroupMetadata with KIP-1101's MetadataHash,
// which took the place of Kafka 4.0's ConsumerGroupPartitionMetadata: a group that has one from
// an older data directory gets its tombstone), each member's
// subscription (ConsumerGroupMemberMetadata), the target assignment (one
// ConsumerGroupTargetAssignmentMember per member and ConsumerGroupTargetAssignmentMetadata with
// its epoch), each member's current assignment (ConsumerGroupCurrentMemberAssignment) and the
// resolution of each subscribed expression (ConsumerGroupRegularExpression). consumerGroupRecords
// gives the whole state as records; group-records.ts writes what changed since the last time.
import {
  ConsumerGroupCurrentMemberAssignmentRecordType,
  ConsumerGroupMemberMetadataRecordType,
  ConsumerGroupMetadataRecordType,
  ConsumerGroupPartitionMetadataRecordType,
  ConsumerGroupRegularExpressionRecordType,
  ConsumerGroupTargetAssignmentMemberRecordType,
  ConsumerGroupTargetAssignmentMetadataRecordType,
  consumerGroupCurrentMemberAssignmentKeySchema,
  consumerGroupCurrentMemberAssignmentValueSchema,
  consumerGroupMemberMetadataKeySchema,
  consumerGroupMemberMetadataValueSchema,
  consumerGroupMetadataKeySchema,
  consumerGroupPartitionMetadataKeySchema,
  consumerGroupMetadataValueSchema,
  consumerGroupRegularExpressionKeySchema,
  consumerGroupRegularExpressionValueSchema,
  consumerGroupTargetAssignmentMemberKeySchema,
  consumerGroupTargetAssignmentMemberValueSchema,
  consumerGroupTargetAssignmentMetadataKeySchema,
  consumerGroupTargetAssignmentMetadataValueSchema,
  ShareGroupCurrentMemberAssignmentRecordType,
  ShareGroupMemberMetadataRecordType,
  ShareGroupMetadataRecordType,
  ShareGroupTargetAssignmentMemberRecordType,
  ShareGroupTargetAssignmentMetadataRecordType
} from '../kafka/protocol/generated/coordinator-records'
import type { CoordinatorRecordBytes } from '../cluster/internal-topic'
import { byMemberId, groupStateKey as key, groupStateValue as value } from './coordinator-records'
import type { ConsumerGroup, ConsumerMember, MemberState, TopicPartitions } from './consumer-group'

/** Kafka's MemberState values, as the current assignment record stores them. */
const MEMBER_STATE: Record<MemberState, number> = {
  stable: 0,
  unrevoked_partitions: 1,
  unreleased_partitions: 2
}

/** What the records need of the cluster: topic ids, and the subscribed topics' metadata hash. */
export interface ConsumerGroupRecordTopics {
  /** The topic's id (RFC 4122 form), or undefined when it does not exist (any more). */
  topicId(topic: string): string | undefined
  /** KIP-1101's hash of the existing topics the group's members subscribe to (metadata-hash.ts). */
  metadataHash: bigint
}

/** A record of a group's own state, with its key type (which orders writes and tombstones). */
export interface GroupStateRecord extends CoordinatorRecordBytes {
  type: number
  value: Buffer
}

export const consumerGroupMetadataKey = (groupId: string): Buffer =>
  key(ConsumerGroupMetadataRecordType, consumerGroupMetadataKeySchema, { groupId })

/**
 * The key of Kafka 4.0's ConsumerGroupPartitionMetadata, which Kafka 4.2 no longer writes but
 * still tombstones when it deletes a group (ConsumerGroup.createGroupTombstoneRecords).
 */
export const consumerGroupPartitionMetadataKey = (groupId: string): Buffer =>
  key(ConsumerGroupPartitionMetadataRecordType, consumerGroupPartitionMetadataKeySchema, {
    groupId
  })

/** Topics by id with sorted partitions, as Kafka's records list them (unknown topics left out). */
export function byTopicId(
  tp: TopicPartitions,
  topicId: (topic: string) => string | undefined
): { topicId: string; partitions: number[] }[] {
  const out: { topicId: string; partitions: number[] }[] = []
  for (const topic of [...tp.keys()].sort()) {
    const id = topicId(topic)
    const partitions = [...(tp.get(topic) ?? [])].sort((a, b) => a - b)
    if (id !== undefined && partitions.length > 0) out.push({ topicId: id, partitions })
  }
  return out
}

function memberMetadata(groupId: string, m: ConsumerMember): GroupStateRecord {
  const type = ConsumerGroupMemberMetadataRecordType
  return {
    type,
    key: key(type, consumerGroupMemberMetadataKeySchema, { groupId, memberId: m.memberId }),
    value: value(consumerGroupMemberMetadataValueSchema, {
      instanceId: m.instanceId,
      rackId: m.rackId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      subscribedTopicNames: [...m.subscribedTopicNames].sort(),
      subscribedTopicRegex: m.subscribedTopicRegex,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs,
      serverAssignor: m.serverAssignor,
      classicMemberMetadata: m.classic
        ? {
            sessionTimeoutMs: m.classic.sessionTimeoutMs,
            supportedProtocols: m.classic.protocols.map((p) => ({
              name: p.name,
              metadata: p.metadata
            }))
          }
        : null
    })
  }
}

/**
 * The records of the group's whole state, in the order Kafka writes them in a heartbeat: members'
 * subscriptions, expressions' resolutions, the group epoch with its metadata hash, the target
 * assignment and its epoch, the members' current assignments. No ConsumerGroupPartitionMetadata:
 * one written before (by a Kafka 4.0 broker, or Logdeck before) is no longer in the state, so it
 * gets its tombstone, as Kafka 4.1 and later write one for a group that has it.
 */
export function consumerGroupRecords(
  group: ConsumerGroup,
  topics: ConsumerGroupRecordTopics,
  /**
   * Only this member's records beside the group's own (its expressions, subscribed topics and
   * epochs), in the same order: what a heartbeat that changed nothing else can change.
   */
  only?: string
): GroupStateRecord[] {
  const { groupId } = group
  const one = only === undefined ? undefined : group.members.get(only)
  const members = only === undefined ? byMemberId(group.members.values()) : one ? [one] : []
  const records: GroupStateRecord[] = members.map((m) => memberMetadata(groupId, m))
  const regexType = ConsumerGroupRegularExpressionRecordType
  for (const [regularExpression, resolved] of group.regexes.resolutions())
    records.push({
      type: regexType,
      key: key(regexType, consumerGroupRegularExpressionKeySchema, { groupId, regularExpression }),
      value: value(consumerGroupRegularExpressionValueSchema, {
        topics: [...resolved.topics].sort(),
        version: 0n,
        timestamp: BigInt(resolved.timestamp)
      })
    })
  records.push({
    type: ConsumerGroupMetadataRecordType,
    key: consumerGroupMetadataKey(groupId),
    value: value(consumerGroupMetadataValueSchema, {
      epoch: group.groupEpoch,
      metadataHash: topics.metadataHash
    })
  })
  const targetType = ConsumerGroupTargetAssignmentMemberRecordType
  const targets =
    only === undefined ? [...group.target.keys()].sort() : group.target.has(only) ? [only] : []
  for (const memberId of targets)
    records.push({
      type: targetType,
      key: key(targetType, consumerGroupTargetAssignmentMemberKeySchema, { groupId, memberId }),
      value: value(consumerGroupTargetAssignmentMemberValueSchema, {
        topicPartitions: byTopicId(group.target.get(memberId) ?? new Map(), topics.topicId)
      })
    })
  const targetEpochType = ConsumerGroupTargetAssignmentMetadataRecordType
  records.push({
    type: targetEpochType,
    key: key(targetEpochType, consumerGroupTargetAssignmentMetadataKeySchema, { groupId }),
    value: value(consumerGroupTargetAssignmentMetadataValueSchema, {
      assignmentEpoch: group.assignmentEpoch
    })
  })
  const currentType = ConsumerGroupCurrentMemberAssignmentRecordType
  for (const m of members)
    records.push({
      type: currentType,
      key: key(currentType, consumerGroupCurrentMemberAssignmentKeySchema, {
        groupId,
        memberId: m.memberId
      }),
      value: value(consumerGroupCurrentMemberAssignmentValueSchema, {
        memberEpoch: m.memberEpoch,
        previousMemberEpoch: m.previousMemberEpoch,
        state: MEMBER_STATE[m.state],
        assignedPartitions: byTopicId(m.assigned, topics.topicId),
        partitionsPendingRevocation: byTopicId(m.pendingRevocation, topics.topicId)
      })
    })
  return records
}

/** The keys of a member's own records: its subscription, target and current assignment. */
export function memberRecordKeys(groupId: string, memberId: string): Buffer[] {
  return [
    key(ConsumerGroupMemberMetadataRecordType, consumerGroupMemberMetadataKeySchema, {
      groupId,
      memberId
    }),
    key(
      ConsumerGroupTargetAssignmentMemberRecordType,
      consumerGroupTargetAssignmentMemberKeySchema,
      { groupId, memberId }
    ),
    key(
      ConsumerGroupCurrentMemberAssignmentRecordType,
      consumerGroupCurrentMemberAssignmentKeySchema,
      { groupId, memberId }
    )
  ]
}

/** Whether a record is one of a member's own (subscription, target or current assignment). */
export function isMemberRecord(type: number): boolean {
  return (
    type === ConsumerGroupMemberMetadataRecordType ||
    type === ConsumerGroupTargetAssignmentMemberRecordType ||
    type === ConsumerGroupCurrentMemberAssignmentRecordType
  )
}

/**
 * The order a group's records are written in, as Kafka writes them in a heartbeat: subscriptions,
 * expressions, epoch, target assignment and its epoch, current assignments (and where Kafka 4.0
 * wrote the subscribed topics, for such a record kept from before).
 */
export const WRITE_ORDER: readonly number[] = [
  ConsumerGroupMemberMetadataRecordType,
  ShareGroupMemberMetadataRecordType,
  ConsumerGroupRegularExpressionRecordType,
  ConsumerGroupPartitionMetadataRecordType,
  ConsumerGroupMetadataRecordType,
  ShareGroupMetadataRecordType,
  ConsumerGroupTargetAssignmentMemberRecordType,
  ShareGroupTargetAssignmentMemberRecordType,
  ConsumerGroupTargetAssignmentMetadataRecordType,
  ShareGroupTargetAssignmentMetadataRecordType,
  ConsumerGroupCurrentMemberAssignmentRecordType,
  ShareGroupCurrentMemberAssignmentRecordType
]

/**
 * The order tombstones of a group's records go out in, as Kafka deletes a group or a member:
 * current assignments, target assignments and their epoch, subscriptions, expressions, the
 * subscribed topics (Kafka 4.0's), the group epoch last (a share group's records likewise).
 */
export const TOMBSTONE_ORDER: readonly number[] = [
  ConsumerGroupCurrentMemberAssignmentRecordType,
  ShareGroupCurrentMemberAssignmentRecordType,
  ConsumerGroupTargetAssignmentMemberRecordType,
  ShareGroupTargetAssignmentMemberRecordType,
  ConsumerGroupTargetAssignmentMetadataRecordType,
  ShareGroupTargetAssignmentMetadataRecordType,
  ConsumerGroupMemberMetadataRecordType,
  ShareGroupMemberMetadataRecordType,
  ConsumerGroupRegularExpressionRecordType,
  ConsumerGroupPartitionMetadataRecordType,
  ConsumerGroupMetadataRecordType,
  ShareGroupMetadataRecordType
]
