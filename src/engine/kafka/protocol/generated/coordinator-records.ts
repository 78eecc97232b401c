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
    { name: 'expireTimestamp', type: 'int64', versions: '1', default: '-1' }
  ]
}

/** OffsetCommitValue body, versions 0-4. */
export interface OffsetCommitValue {
  /** (versions 0+) */
  offset: bigint
  /** (versions 3+; default -1) */
  leaderEpoch: number
  /** (versions 0+) */
  metadata: string
  /** (versions 0+) */
  commitTimestamp: bigint
  /** (versions 1; default -1) */
  expireTimestamp: bigint
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
