// Kafka's coordinator records (keys and values of __consumer_offsets and __transaction_state):
// schemas and types
// generated from Kafka's JSON; do not edit.
import type { MessageSchema } from '../schema'

/** OffsetCommitKey: written after the int16 record type 1, versions 0. */
export const offsetCommitKeySchema: MessageSchema = {
  name: 'OffsetCommitKey',
  validVersions: '0',
  flexibleVersions: 'none',
  fields: [
    { name: 'group', type: 'string', versions: '0' },
    { name: 'topic', type: 'string', versions: '0' },
    { name: 'partition', type: 'int32', versions: '0' }
  ]
}

/** The record type of OffsetCommitKey. */
export const OffsetCommitRecordType = 1

/** OffsetCommitKey body, versions 0-0. */
export interface OffsetCommitKey {
  /** The consumer group id. (versions 0) */
  group: string
  /** The topic name. (versions 0) */
  topic: string
  /** The topic partition index. (versions 0) */
  partition: number
}

/** OffsetCommitValue: written after its int16 version, versions 0-4. */
export const offsetCommitValueSchema: MessageSchema = {
  name: 'OffsetCommitValue',
  validVersions: '0-4',
  flexibleVersions: '4+',
  fields: [
    { name: 'offset', type: 'int64', versions: '0+' },
    { name: 'leaderEpoch', type: 'int32', versions: '3+', default: '-1' },
    { name: 'metadata', type: 'string', versions: '0+' },
    { name: 'commitTimestamp', type: 'int64', versions: '0+' },
    { name: 'expireTimestamp', type: 'int64', versions: '1', default: '-1' },
    { name: 'topicId', type: 'uuid', versions: '4+', taggedVersions: '4+', tag: 0 }
  ]
}

/** OffsetCommitValue body, versions 0-4. */
export interface OffsetCommitValue {
  /** The offset that the consumer wants to store (for this partition). (versions 0+) */
  offset: bigint
  /** The leader epoch of the last consumed record. (versions 3+; default -1) */
  leaderEpoch: number
  /** Any metadata the client wants to keep. (versions 0+) */
  metadata: string
  /** The time at which the commit was added to the log. (versions 0+) */
  commitTimestamp: bigint
  /** The time at which the offset will expire. (versions 1; default -1) */
  expireTimestamp: bigint
  /** The topic id of the committed offset. (versions 4+; tag 0 in 4+) */
  topicId: string
}

/** GroupMetadataKey: written after the int16 record type 2, versions 0. */
export const groupMetadataKeySchema: MessageSchema = {
  name: 'GroupMetadataKey',
  validVersions: '0',
  flexibleVersions: 'none',
  fields: [{ name: 'group', type: 'string', versions: '0' }]
}

/** The record type of GroupMetadataKey. */
export const GroupMetadataRecordType = 2

/** GroupMetadataKey body, versions 0-0. */
export interface GroupMetadataKey {
  /** The group id. (versions 0) */
  group: string
}

/** GroupMetadataValue: written after its int16 version, versions 0-4. */
export const groupMetadataValueSchema: MessageSchema = {
  name: 'GroupMetadataValue',
  validVersions: '0-4',
  flexibleVersions: '4+',
  fields: [
    { name: 'protocolType', type: 'string', versions: '0+' },
    { name: 'generation', type: 'int32', versions: '0+' },
    { name: 'protocol', type: 'string', versions: '0+', nullableVersions: '0+' },
    { name: 'leader', type: 'string', versions: '0+', nullableVersions: '0+' },
    { name: 'currentStateTimestamp', type: 'int64', versions: '2+', default: '-1' },
    {
      name: 'members',
      type: '[]MemberMetadata',
      versions: '0+',
      fields: [
        { name: 'memberId', type: 'string', versions: '0+' },
        {
          name: 'groupInstanceId',
          type: 'string',
          versions: '3+',
          nullableVersions: '3+',
          default: 'null'
        },
        { name: 'clientId', type: 'string', versions: '0+' },
        { name: 'clientHost', type: 'string', versions: '0+' },
        { name: 'rebalanceTimeout', type: 'int32', versions: '1+' },
        { name: 'sessionTimeout', type: 'int32', versions: '0+' },
        { name: 'subscription', type: 'bytes', versions: '0+' },
        { name: 'assignment', type: 'bytes', versions: '0+' }
      ]
    }
  ]
}

/** GroupMetadataValue body, versions 0-4. */
export interface GroupMetadataValue {
  /** (versions 0+) */
  protocolType: string
  /** (versions 0+) */
  generation: number
  /** (versions 0+; nullable 0+) */
  protocol: string | null
  /** (versions 0+; nullable 0+) */
  leader: string | null
  /** (versions 2+; default -1) */
  currentStateTimestamp: bigint
  /** (versions 0+) */
  members: GroupMetadataValueMemberMetadata[]
}

/** A struct of GroupMetadataValue. */
export interface GroupMetadataValueMemberMetadata {
  /** (versions 0+) */
  memberId: string
  /** (versions 3+; nullable 3+; default null) */
  groupInstanceId: string | null
  /** (versions 0+) */
  clientId: string
  /** (versions 0+) */
  clientHost: string
  /** (versions 1+) */
  rebalanceTimeout: number
  /** (versions 0+) */
  sessionTimeout: number
  /** (versions 0+) */
  subscription: Buffer
  /** (versions 0+) */
  assignment: Buffer
}

/** ConsumerGroupMetadataKey: written after the int16 record type 3, versions 0. */
export const consumerGroupMetadataKeySchema: MessageSchema = {
  name: 'ConsumerGroupMetadataKey',
  validVersions: '0',
  flexibleVersions: 'none',
  fields: [{ name: 'groupId', type: 'string', versions: '0' }]
}

/** The record type of ConsumerGroupMetadataKey. */
export const ConsumerGroupMetadataRecordType = 3

/** ConsumerGroupMetadataKey body, versions 0-0. */
export interface ConsumerGroupMetadataKey {
  /** The group id. (versions 0) */
  groupId: string
}

/** ConsumerGroupMetadataValue: written after its int16 version, versions 0. */
export const consumerGroupMetadataValueSchema: MessageSchema = {
  name: 'ConsumerGroupMetadataValue',
  validVersions: '0',
  flexibleVersions: '0+',
  fields: [
    { name: 'epoch', type: 'int32', versions: '0+' },
    {
      name: 'metadataHash',
      type: 'int64',
      versions: '0+',
      taggedVersions: '0+',
      tag: 0,
      default: '0'
    }
  ]
}

/** ConsumerGroupMetadataValue body, versions 0-0. */
export interface ConsumerGroupMetadataValue {
  /** The group epoch. (versions 0+) */
  epoch: number
  /**
   * The hash of the subscribed topics' metadata (Kafka 4.1). (versions 0+; tag 0 in 0+; default 0)
   */
  metadataHash: bigint
}

/** ConsumerGroupPartitionMetadataKey: written after the int16 record type 4, versions 0. */
export const consumerGroupPartitionMetadataKeySchema: MessageSchema = {
  name: 'ConsumerGroupPartitionMetadataKey',
  validVersions: '0',
  flexibleVersions: 'none',
  fields: [{ name: 'groupId', type: 'string', versions: '0' }]
}

/** The record type of ConsumerGroupPartitionMetadataKey. */
export const ConsumerGroupPartitionMetadataRecordType = 4

/** ConsumerGroupPartitionMetadataKey body, versions 0-0. */
export interface ConsumerGroupPartitionMetadataKey {
  /** The group id. (versions 0) */
  groupId: string
}

/** ConsumerGroupPartitionMetadataValue: written after its int16 version, versions 0. */
export const consumerGroupPartitionMetadataValueSchema: MessageSchema = {
  name: 'ConsumerGroupPartitionMetadataValue',
  validVersions: '0',
  flexibleVersions: '0+',
  fields: [
    {
      name: 'topics',
      type: '[]TopicMetadata',
      versions: '0+',
      fields: [
        { name: 'topicId', type: 'uuid', versions: '0+' },
        { name: 'topicName', type: 'string', versions: '0+' },
        { name: 'numPartitions', type: 'int32', versions: '0+' },
        {
          name: 'partitionMetadata',
          type: '[]PartitionMetadata',
          versions: '0+',
          fields: [
            { name: 'partition', type: 'int32', versions: '0+' },
            { name: 'racks', type: '[]string', versions: '0+' }
          ]
        }
      ]
    }
  ]
}

/** ConsumerGroupPartitionMetadataValue body, versions 0-0. */
export interface ConsumerGroupPartitionMetadataValue {
  /** The subscribed topics. (versions 0+) */
  topics: ConsumerGroupPartitionMetadataValueTopicMetadata[]
}

/** A struct of ConsumerGroupPartitionMetadataValue. */
export interface ConsumerGroupPartitionMetadataValueTopicMetadata {
  /** The topic id. (versions 0+) */
  topicId: string
  /** The topic name. (versions 0+) */
  topicName: string
  /** The number of partitions of the topic. (versions 0+) */
  numPartitions: number
  /**
   * The racks of each partition; empty where none is known (unused after Kafka 4.0). (versions 0+)
   */
  partitionMetadata: ConsumerGroupPartitionMetadataValuePartitionMetadata[]
}

/** A struct of ConsumerGroupPartitionMetadataValue. */
export interface ConsumerGroupPartitionMetadataValuePartitionMetadata {
  /** The partition number. (versions 0+) */
  partition: number
  /** The racks the partition is on. (versions 0+) */
  racks: string[]
}

/** ConsumerGroupMemberMetadataKey: written after the int16 record type 5, versions 0. */
export const consumerGroupMemberMetadataKeySchema: MessageSchema = {
  name: 'ConsumerGroupMemberMetadataKey',
  validVersions: '0',
  flexibleVersions: 'none',
  fields: [
    { name: 'groupId', type: 'string', versions: '0' },
    { name: 'memberId', type: 'string', versions: '0' }
  ]
}

/** The record type of ConsumerGroupMemberMetadataKey. */
export const ConsumerGroupMemberMetadataRecordType = 5

/** ConsumerGroupMemberMetadataKey body, versions 0-0. */
export interface ConsumerGroupMemberMetadataKey {
  /** The group id. (versions 0) */
  groupId: string
  /** The member id. (versions 0) */
  memberId: string
}

/** ConsumerGroupMemberMetadataValue: written after its int16 version, versions 0. */
export const consumerGroupMemberMetadataValueSchema: MessageSchema = {
  name: 'ConsumerGroupMemberMetadataValue',
  validVersions: '0',
  flexibleVersions: '0+',
  fields: [
    { name: 'instanceId', type: 'string', versions: '0+', nullableVersions: '0+' },
    { name: 'rackId', type: 'string', versions: '0+', nullableVersions: '0+' },
    { name: 'clientId', type: 'string', versions: '0+' },
    { name: 'clientHost', type: 'string', versions: '0+' },
    { name: 'subscribedTopicNames', type: '[]string', versions: '0+' },
    { name: 'subscribedTopicRegex', type: 'string', versions: '0+', nullableVersions: '0+' },
    { name: 'rebalanceTimeoutMs', type: 'int32', versions: '0+', default: '-1' },
    { name: 'serverAssignor', type: 'string', versions: '0+', nullableVersions: '0+' },
    {
      name: 'classicMemberMetadata',
      type: 'ClassicMemberMetadata',
      versions: '0+',
      nullableVersions: '0+',
      taggedVersions: '0+',
      tag: 0,
      default: 'null',
      fields: [
        { name: 'sessionTimeoutMs', type: 'int32', versions: '0+' },
        {
          name: 'supportedProtocols',
          type: '[]ClassicProtocol',
          versions: '0+',
          fields: [
            { name: 'name', type: 'string', versions: '0+' },
            { name: 'metadata', type: 'bytes', versions: '0+' }
          ]
        }
      ]
    }
  ]
}

/** ConsumerGroupMemberMetadataValue body, versions 0-0. */
export interface ConsumerGroupMemberMetadataValue {
  /** The static member's instance id, or null. (versions 0+; nullable 0+) */
  instanceId: string | null
  /** The rack id, or null. (versions 0+; nullable 0+) */
  rackId: string | null
  /** The client id. (versions 0+) */
  clientId: string
  /** The client host. (versions 0+) */
  clientHost: string
  /** The topic names subscribed to. (versions 0+) */
  subscribedTopicNames: string[]
  /** The regular expression subscribed to, or null. (versions 0+; nullable 0+) */
  subscribedTopicRegex: string | null
  /** The rebalance timeout. (versions 0+; default -1) */
  rebalanceTimeoutMs: number
  /** The server assignor the member names, or null. (versions 0+; nullable 0+) */
  serverAssignor: string | null
  /**
   * A member of the classic protocol: its session timeout and protocols; null for the others.
   * (versions 0+; nullable 0+; tag 0 in 0+; default null)
   */
  classicMemberMetadata: ConsumerGroupMemberMetadataValueClassicMemberMetadata | null
}

/** A struct of ConsumerGroupMemberMetadataValue. */
export interface ConsumerGroupMemberMetadataValueClassicMemberMetadata {
  /** The session timeout. (versions 0+) */
  sessionTimeoutMs: number
  /** The protocols the member joined with. (versions 0+) */
  supportedProtocols: ConsumerGroupMemberMetadataValueClassicProtocol[]
}

/** A struct of ConsumerGroupMemberMetadataValue. */
export interface ConsumerGroupMemberMetadataValueClassicProtocol {
  /** The protocol name. (versions 0+) */
  name: string
  /** The protocol metadata. (versions 0+) */
  metadata: Buffer
}

/** ConsumerGroupTargetAssignmentMetadataKey: written after the int16 record type 6, versions 0. */
export const consumerGroupTargetAssignmentMetadataKeySchema: MessageSchema = {
  name: 'ConsumerGroupTargetAssignmentMetadataKey',
  validVersions: '0',
  flexibleVersions: 'none',
  fields: [{ name: 'groupId', type: 'string', versions: '0' }]
}

/** The record type of ConsumerGroupTargetAssignmentMetadataKey. */
export const ConsumerGroupTargetAssignmentMetadataRecordType = 6

/** ConsumerGroupTargetAssignmentMetadataKey body, versions 0-0. */
export interface ConsumerGroupTargetAssignmentMetadataKey {
  /** The group id. (versions 0) */
  groupId: string
}

/** ConsumerGroupTargetAssignmentMetadataValue: written after its int16 version, versions 0. */
export const consumerGroupTargetAssignmentMetadataValueSchema: MessageSchema = {
  name: 'ConsumerGroupTargetAssignmentMetadataValue',
  validVersions: '0',
  flexibleVersions: '0+',
  fields: [{ name: 'assignmentEpoch', type: 'int32', versions: '0+' }]
}

/** ConsumerGroupTargetAssignmentMetadataValue body, versions 0-0. */
export interface ConsumerGroupTargetAssignmentMetadataValue {
  /** The assignment epoch. (versions 0+) */
  assignmentEpoch: number
}

/** ConsumerGroupTargetAssignmentMemberKey: written after the int16 record type 7, versions 0. */
export const consumerGroupTargetAssignmentMemberKeySchema: MessageSchema = {
  name: 'ConsumerGroupTargetAssignmentMemberKey',
  validVersions: '0',
  flexibleVersions: 'none',
  fields: [
    { name: 'groupId', type: 'string', versions: '0' },
    { name: 'memberId', type: 'string', versions: '0' }
  ]
}

/** The record type of ConsumerGroupTargetAssignmentMemberKey. */
export const ConsumerGroupTargetAssignmentMemberRecordType = 7

/** ConsumerGroupTargetAssignmentMemberKey body, versions 0-0. */
export interface ConsumerGroupTargetAssignmentMemberKey {
  /** The group id. (versions 0) */
  groupId: string
  /** The member id. (versions 0) */
  memberId: string
}

/** ConsumerGroupTargetAssignmentMemberValue: written after its int16 version, versions 0. */
export const consumerGroupTargetAssignmentMemberValueSchema: MessageSchema = {
  name: 'ConsumerGroupTargetAssignmentMemberValue',
  validVersions: '0',
  flexibleVersions: '0+',
  fields: [
    {
      name: 'topicPartitions',
      type: '[]TopicPartition',
      versions: '0+',
      fields: [
        { name: 'topicId', type: 'uuid', versions: '0+' },
        { name: 'partitions', type: '[]int32', versions: '0+' }
      ]
    }
  ]
}

/** ConsumerGroupTargetAssignmentMemberValue body, versions 0-0. */
export interface ConsumerGroupTargetAssignmentMemberValue {
  /** The assigned partitions. (versions 0+) */
  topicPartitions: ConsumerGroupTargetAssignmentMemberValueTopicPartition[]
}

/** A struct of ConsumerGroupTargetAssignmentMemberValue. */
export interface ConsumerGroupTargetAssignmentMemberValueTopicPartition {
  /** The topic id. (versions 0+) */
  topicId: string
  /** The partitions. (versions 0+) */
  partitions: number[]
}

/** ConsumerGroupCurrentMemberAssignmentKey: written after the int16 record type 8, versions 0. */
export const consumerGroupCurrentMemberAssignmentKeySchema: MessageSchema = {
  name: 'ConsumerGroupCurrentMemberAssignmentKey',
  validVersions: '0',
  flexibleVersions: 'none',
  fields: [
    { name: 'groupId', type: 'string', versions: '0' },
    { name: 'memberId', type: 'string', versions: '0' }
  ]
}

/** The record type of ConsumerGroupCurrentMemberAssignmentKey. */
export const ConsumerGroupCurrentMemberAssignmentRecordType = 8

/** ConsumerGroupCurrentMemberAssignmentKey body, versions 0-0. */
export interface ConsumerGroupCurrentMemberAssignmentKey {
  /** The group id. (versions 0) */
  groupId: string
  /** The member id. (versions 0) */
  memberId: string
}

/** ConsumerGroupCurrentMemberAssignmentValue: written after its int16 version, versions 0. */
export const consumerGroupCurrentMemberAssignmentValueSchema: MessageSchema = {
  name: 'ConsumerGroupCurrentMemberAssignmentValue',
  validVersions: '0',
  flexibleVersions: '0+',
  fields: [
    { name: 'memberEpoch', type: 'int32', versions: '0+' },
    { name: 'previousMemberEpoch', type: 'int32', versions: '0+' },
    { name: 'state', type: 'int8', versions: '0+' },
    {
      name: 'assignedPartitions',
      type: '[]TopicPartitions',
      versions: '0+',
      fields: [
        { name: 'topicId', type: 'uuid', versions: '0+' },
        { name: 'partitions', type: '[]int32', versions: '0+' }
      ]
    },
    {
      name: 'partitionsPendingRevocation',
      type: '[]TopicPartitions',
      versions: '0+',
      fields: [
        { name: 'topicId', type: 'uuid', versions: '0+' },
        { name: 'partitions', type: '[]int32', versions: '0+' }
      ]
    }
  ]
}

/** ConsumerGroupCurrentMemberAssignmentValue body, versions 0-0. */
export interface ConsumerGroupCurrentMemberAssignmentValue {
  /** The member epoch. (versions 0+) */
  memberEpoch: number
  /** The member epoch before the last bump. (versions 0+) */
  previousMemberEpoch: number
  /** The member state. (versions 0+) */
  state: number
  /** The partitions the member owns. (versions 0+) */
  assignedPartitions: ConsumerGroupCurrentMemberAssignmentValueTopicPartitions[]
  /** The partitions the member must revoke. (versions 0+) */
  partitionsPendingRevocation: ConsumerGroupCurrentMemberAssignmentValueTopicPartitions[]
}

/** A struct of ConsumerGroupCurrentMemberAssignmentValue. */
export interface ConsumerGroupCurrentMemberAssignmentValueTopicPartitions {
  /** The topic id. (versions 0+) */
  topicId: string
  /** The partitions. (versions 0+) */
  partitions: number[]
}

/** ConsumerGroupRegularExpressionKey: written after the int16 record type 16, versions 0. */
export const consumerGroupRegularExpressionKeySchema: MessageSchema = {
  name: 'ConsumerGroupRegularExpressionKey',
  validVersions: '0',
  flexibleVersions: 'none',
  fields: [
    { name: 'groupId', type: 'string', versions: '0' },
    { name: 'regularExpression', type: 'string', versions: '0' }
  ]
}

/** The record type of ConsumerGroupRegularExpressionKey. */
export const ConsumerGroupRegularExpressionRecordType = 16

/** ConsumerGroupRegularExpressionKey body, versions 0-0. */
export interface ConsumerGroupRegularExpressionKey {
  /** The group id. (versions 0) */
  groupId: string
  /** The regular expression. (versions 0) */
  regularExpression: string
}

/** ConsumerGroupRegularExpressionValue: written after its int16 version, versions 0. */
export const consumerGroupRegularExpressionValueSchema: MessageSchema = {
  name: 'ConsumerGroupRegularExpressionValue',
  validVersions: '0',
  flexibleVersions: '0+',
  fields: [
    { name: 'topics', type: '[]string', versions: '0+' },
    { name: 'version', type: 'int64', versions: '0+' },
    { name: 'timestamp', type: 'int64', versions: '0+' }
  ]
}

/** ConsumerGroupRegularExpressionValue body, versions 0-0. */
export interface ConsumerGroupRegularExpressionValue {
  /** The topics the expression resolved to. (versions 0+) */
  topics: string[]
  /** The metadata version the resolution was made at. (versions 0+) */
  version: bigint
  /** When the resolution was made. (versions 0+) */
  timestamp: bigint
}

/** ShareGroupMemberMetadataKey: written after the int16 record type 10, versions 0. */
export const shareGroupMemberMetadataKeySchema: MessageSchema = {
  name: 'ShareGroupMemberMetadataKey',
  validVersions: '0',
  flexibleVersions: 'none',
  fields: [
    { name: 'groupId', type: 'string', versions: '0' },
    { name: 'memberId', type: 'string', versions: '0' }
  ]
}

/** The record type of ShareGroupMemberMetadataKey. */
export const ShareGroupMemberMetadataRecordType = 10

/** ShareGroupMemberMetadataKey body, versions 0-0. */
export interface ShareGroupMemberMetadataKey {
  /** The group id. (versions 0) */
  groupId: string
  /** The member id. (versions 0) */
  memberId: string
}

/** ShareGroupMemberMetadataValue: written after its int16 version, versions 0. */
export const shareGroupMemberMetadataValueSchema: MessageSchema = {
  name: 'ShareGroupMemberMetadataValue',
  validVersions: '0',
  flexibleVersions: '0+',
  fields: [
    { name: 'rackId', type: 'string', versions: '0+', nullableVersions: '0+' },
    { name: 'clientId', type: 'string', versions: '0+' },
    { name: 'clientHost', type: 'string', versions: '0+' },
    { name: 'subscribedTopicNames', type: '[]string', versions: '0+' }
  ]
}

/** ShareGroupMemberMetadataValue body, versions 0-0. */
export interface ShareGroupMemberMetadataValue {
  /** The rack id, or null. (versions 0+; nullable 0+) */
  rackId: string | null
  /** The client id. (versions 0+) */
  clientId: string
  /** The client host. (versions 0+) */
  clientHost: string
  /** The topic names subscribed to. (versions 0+) */
  subscribedTopicNames: string[]
}

/** ShareGroupMetadataKey: written after the int16 record type 11, versions 0. */
export const shareGroupMetadataKeySchema: MessageSchema = {
  name: 'ShareGroupMetadataKey',
  validVersions: '0',
  flexibleVersions: 'none',
  fields: [{ name: 'groupId', type: 'string', versions: '0' }]
}

/** The record type of ShareGroupMetadataKey. */
export const ShareGroupMetadataRecordType = 11

/** ShareGroupMetadataKey body, versions 0-0. */
export interface ShareGroupMetadataKey {
  /** The group id. (versions 0) */
  groupId: string
}

/** ShareGroupMetadataValue: written after its int16 version, versions 0. */
export const shareGroupMetadataValueSchema: MessageSchema = {
  name: 'ShareGroupMetadataValue',
  validVersions: '0',
  flexibleVersions: '0+',
  fields: [
    { name: 'epoch', type: 'int32', versions: '0+' },
    { name: 'metadataHash', type: 'int64', versions: '0+' }
  ]
}

/** ShareGroupMetadataValue body, versions 0-0. */
export interface ShareGroupMetadataValue {
  /** The group epoch. (versions 0+) */
  epoch: number
  /** The hash of the subscribed topics' metadata. (versions 0+) */
  metadataHash: bigint
}

/** ShareGroupTargetAssignmentMetadataKey: written after the int16 record type 12, versions 0. */
export const shareGroupTargetAssignmentMetadataKeySchema: MessageSchema = {
  name: 'ShareGroupTargetAssignmentMetadataKey',
  validVersions: '0',
  flexibleVersions: 'none',
  fields: [{ name: 'groupId', type: 'string', versions: '0' }]
}

/** The record type of ShareGroupTargetAssignmentMetadataKey. */
export const ShareGroupTargetAssignmentMetadataRecordType = 12

/** ShareGroupTargetAssignmentMetadataKey body, versions 0-0. */
export interface ShareGroupTargetAssignmentMetadataKey {
  /** The group id. (versions 0) */
  groupId: string
}

/** ShareGroupTargetAssignmentMetadataValue: written after its int16 version, versions 0. */
export const shareGroupTargetAssignmentMetadataValueSchema: MessageSchema = {
  name: 'ShareGroupTargetAssignmentMetadataValue',
  validVersions: '0',
  flexibleVersions: '0+',
  fields: [{ name: 'assignmentEpoch', type: 'int32', versions: '0+' }]
}

/** ShareGroupTargetAssignmentMetadataValue body, versions 0-0. */
export interface ShareGroupTargetAssignmentMetadataValue {
  /** The assignment epoch. (versions 0+) */
  assignmentEpoch: number
}

/** ShareGroupTargetAssignmentMemberKey: written after the int16 record type 13, versions 0. */
export const shareGroupTargetAssignmentMemberKeySchema: MessageSchema = {
  name: 'ShareGroupTargetAssignmentMemberKey',
  validVersions: '0',
  flexibleVersions: 'none',
  fields: [
    { name: 'groupId', type: 'string', versions: '0' },
    { name: 'memberId', type: 'string', versions: '0' }
  ]
}

/** The record type of ShareGroupTargetAssignmentMemberKey. */
export const ShareGroupTargetAssignmentMemberRecordType = 13

/** ShareGroupTargetAssignmentMemberKey body, versions 0-0. */
export interface ShareGroupTargetAssignmentMemberKey {
  /** The group id. (versions 0) */
  groupId: string
  /** The member id. (versions 0) */
  memberId: string
}

/** ShareGroupTargetAssignmentMemberValue: written after its int16 version, versions 0. */
export const shareGroupTargetAssignmentMemberValueSchema: MessageSchema = {
  name: 'ShareGroupTargetAssignmentMemberValue',
  validVersions: '0',
  flexibleVersions: '0+',
  fields: [
    {
      name: 'topicPartitions',
      type: '[]TopicPartition',
      versions: '0+',
      fields: [
        { name: 'topicId', type: 'uuid', versions: '0+' },
        { name: 'partitions', type: '[]int32', versions: '0+' }
      ]
    }
  ]
}

/** ShareGroupTargetAssignmentMemberValue body, versions 0-0. */
export interface ShareGroupTargetAssignmentMemberValue {
  /** The assigned partitions. (versions 0+) */
  topicPartitions: ShareGroupTargetAssignmentMemberValueTopicPartition[]
}

/** A struct of ShareGroupTargetAssignmentMemberValue. */
export interface ShareGroupTargetAssignmentMemberValueTopicPartition {
  /** The topic id. (versions 0+) */
  topicId: string
  /** The partitions. (versions 0+) */
  partitions: number[]
}

/** ShareGroupCurrentMemberAssignmentKey: written after the int16 record type 14, versions 0. */
export const shareGroupCurrentMemberAssignmentKeySchema: MessageSchema = {
  name: 'ShareGroupCurrentMemberAssignmentKey',
  validVersions: '0',
  flexibleVersions: 'none',
  fields: [
    { name: 'groupId', type: 'string', versions: '0' },
    { name: 'memberId', type: 'string', versions: '0' }
  ]
}

/** The record type of ShareGroupCurrentMemberAssignmentKey. */
export const ShareGroupCurrentMemberAssignmentRecordType = 14

/** ShareGroupCurrentMemberAssignmentKey body, versions 0-0. */
export interface ShareGroupCurrentMemberAssignmentKey {
  /** The group id. (versions 0) */
  groupId: string
  /** The member id. (versions 0) */
  memberId: string
}

/** ShareGroupCurrentMemberAssignmentValue: written after its int16 version, versions 0. */
export const shareGroupCurrentMemberAssignmentValueSchema: MessageSchema = {
  name: 'ShareGroupCurrentMemberAssignmentValue',
  validVersions: '0',
  flexibleVersions: '0+',
  fields: [
    { name: 'memberEpoch', type: 'int32', versions: '0+' },
    { name: 'previousMemberEpoch', type: 'int32', versions: '0+' },
    { name: 'state', type: 'int8', versions: '0+' },
    {
      name: 'assignedPartitions',
      type: '[]TopicPartitions',
      versions: '0+',
      fields: [
        { name: 'topicId', type: 'uuid', versions: '0+' },
        { name: 'partitions', type: '[]int32', versions: '0+' }
      ]
    }
  ]
}

/** ShareGroupCurrentMemberAssignmentValue body, versions 0-0. */
export interface ShareGroupCurrentMemberAssignmentValue {
  /** The member epoch. (versions 0+) */
  memberEpoch: number
  /** The member epoch before the last bump. (versions 0+) */
  previousMemberEpoch: number
  /** The member state. (versions 0+) */
  state: number
  /** The partitions the member consumes. (versions 0+) */
  assignedPartitions: ShareGroupCurrentMemberAssignmentValueTopicPartitions[]
}

/** A struct of ShareGroupCurrentMemberAssignmentValue. */
export interface ShareGroupCurrentMemberAssignmentValueTopicPartitions {
  /** The topic id. (versions 0+) */
  topicId: string
  /** The partitions. (versions 0+) */
  partitions: number[]
}

/** TransactionLogKey: written after the int16 record type 0, versions 0. */
export const transactionLogKeySchema: MessageSchema = {
  name: 'TransactionLogKey',
  validVersions: '0',
  flexibleVersions: 'none',
  fields: [{ name: 'transactionalId', type: 'string', versions: '0' }]
}

/** The record type of TransactionLogKey. */
export const TransactionLogRecordType = 0

/** TransactionLogKey body, versions 0-0. */
export interface TransactionLogKey {
  /** The transactional id of the transaction. (versions 0) */
  transactionalId: string
}

/** TransactionLogValue: written after its int16 version, versions 0-1. */
export const transactionLogValueSchema: MessageSchema = {
  name: 'TransactionLogValue',
  validVersions: '0-1',
  flexibleVersions: '1+',
  fields: [
    { name: 'producerId', type: 'int64', versions: '0+' },
    {
      name: 'previousProducerId',
      type: 'int64',
      versions: '1+',
      taggedVersions: '1+',
      tag: 0,
      default: '-1'
    },
    {
      name: 'nextProducerId',
      type: 'int64',
      versions: '1+',
      taggedVersions: '1+',
      tag: 1,
      default: '-1'
    },
    { name: 'producerEpoch', type: 'int16', versions: '0+' },
    { name: 'transactionTimeoutMs', type: 'int32', versions: '0+' },
    { name: 'transactionStatus', type: 'int8', versions: '0+' },
    {
      name: 'transactionPartitions',
      type: '[]PartitionsSchema',
      versions: '0+',
      nullableVersions: '0+',
      fields: [
        { name: 'topic', type: 'string', versions: '0+' },
        { name: 'partitionIds', type: '[]int32', versions: '0+' }
      ]
    },
    { name: 'transactionLastUpdateTimestampMs', type: 'int64', versions: '0+' },
    { name: 'transactionStartTimestampMs', type: 'int64', versions: '0+' },
    {
      name: 'clientTransactionVersion',
      type: 'int16',
      versions: '1+',
      taggedVersions: '1+',
      tag: 2,
      default: '0'
    }
  ]
}

/** TransactionLogValue body, versions 0-1. */
export interface TransactionLogValue {
  /** Producer id in use by the transactional id. (versions 0+) */
  producerId: bigint
  /** Producer id used by the last committed transaction. (versions 1+; tag 0 in 1+; default -1) */
  previousProducerId: bigint
  /**
   * Latest producer ID sent to the producer for the given transactional id. (versions 1+; tag 1 in
   * 1+; default -1)
   */
  nextProducerId: bigint
  /** Epoch associated with the producer id. (versions 0+) */
  producerEpoch: number
  /** Transaction timeout in milliseconds. (versions 0+) */
  transactionTimeoutMs: number
  /** TransactionState the transaction is in. (versions 0+) */
  transactionStatus: number
  /** Partitions involved in the transaction. (versions 0+; nullable 0+) */
  transactionPartitions: TransactionLogValuePartitionsSchema[] | null
  /** Time the transaction was last updated. (versions 0+) */
  transactionLastUpdateTimestampMs: bigint
  /** Time the transaction was started. (versions 0+) */
  transactionStartTimestampMs: bigint
  /** The transaction version used by the client. (versions 1+; tag 2 in 1+; default 0) */
  clientTransactionVersion: number
}

/** A struct of TransactionLogValue. */
export interface TransactionLogValuePartitionsSchema {
  /** Topic involved in the transaction. (versions 0+) */
  topic: string
  /** Partition ids involved in the transaction. (versions 0+) */
  partitionIds: number[]
}
