// TxnOffsetCommit (key 28): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** TxnOffsetCommit: serves versions 0-5 of the spec's 0-5. */
export const txnOffsetCommitApi: ApiSchema = {
  apiKey: 28,
  name: 'TxnOffsetCommit',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 3,
  request: {
    name: 'TxnOffsetCommitRequest',
    validVersions: '0-5',
    flexibleVersions: '3+',
    fields: [
      { name: 'transactionalId', type: 'string', versions: '0+' },
      { name: 'groupId', type: 'string', versions: '0+' },
      { name: 'producerId', type: 'int64', versions: '0+' },
      { name: 'producerEpoch', type: 'int16', versions: '0+' },
      { name: 'generationId', type: 'int32', versions: '3+', default: '-1' },
      { name: 'memberId', type: 'string', versions: '3+', default: '' },
      {
        name: 'groupInstanceId',
        type: 'string',
        versions: '3+',
        nullableVersions: '3+',
        default: 'null'
      },
      {
        name: 'topics',
        type: '[]TxnOffsetCommitRequestTopic',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          {
            name: 'partitions',
            type: '[]TxnOffsetCommitRequestPartition',
            versions: '0+',
            fields: [
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
              { name: 'committedOffset', type: 'int64', versions: '0+' },
              { name: 'committedLeaderEpoch', type: 'int32', versions: '2+', default: '-1' },
              { name: 'committedMetadata', type: 'string', versions: '0+', nullableVersions: '0+' }
            ]
          }
        ]
      }
    ]
  },
  response: {
    name: 'TxnOffsetCommitResponse',
    validVersions: '0-5',
    flexibleVersions: '3+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      {
        name: 'topics',
        type: '[]TxnOffsetCommitResponseTopic',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          {
            name: 'partitions',
            type: '[]TxnOffsetCommitResponsePartition',
            versions: '0+',
            fields: [
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
              { name: 'errorCode', type: 'int16', versions: '0+' }
            ]
          }
        ]
      }
    ]
  }
}

/** TxnOffsetCommitRequest body, versions 0-5. */
export interface TxnOffsetCommitRequest {
  /** The ID of the transaction. (versions 0+) */
  transactionalId: string
  /** The ID of the group. (versions 0+) */
  groupId: string
  /** The current producer ID in use by the transactional ID. (versions 0+) */
  producerId: bigint
  /** The current epoch associated with the producer ID. (versions 0+) */
  producerEpoch: number
  /** The generation of the consumer. (versions 3+; default -1) */
  generationId: number
  /** The member ID assigned by the group coordinator. (versions 3+; default ) */
  memberId: string
  /**
   * The unique identifier of the consumer instance provided by end user. (versions 3+; nullable 3+;
   * default null)
   */
  groupInstanceId: string | null
  /** Each topic that we want to commit offsets for. (versions 0+) */
  topics: TxnOffsetCommitRequestTopic[]
}

/** A struct of TxnOffsetCommitRequest. */
export interface TxnOffsetCommitRequestTopic {
  /** The topic name. (versions 0+) */
  name: string
  /** The partitions inside the topic that we want to commit offsets for. (versions 0+) */
  partitions: TxnOffsetCommitRequestPartition[]
}

/** A struct of TxnOffsetCommitRequest. */
export interface TxnOffsetCommitRequestPartition {
  /** The index of the partition within the topic. (versions 0+) */
  partitionIndex: number
  /** The message offset to be committed. (versions 0+) */
  committedOffset: bigint
  /** The leader epoch of the last consumed record. (versions 2+; default -1) */
  committedLeaderEpoch: number
  /** Any associated metadata the client wants to keep. (versions 0+; nullable 0+) */
  committedMetadata: string | null
}

/** TxnOffsetCommitResponse body, versions 0-5. */
export interface TxnOffsetCommitResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The responses for each topic. (versions 0+) */
  topics: TxnOffsetCommitResponseTopic[]
}

/** A struct of TxnOffsetCommitResponse. */
export interface TxnOffsetCommitResponseTopic {
  /** The topic name. (versions 0+) */
  name: string
  /** The responses for each partition in the topic. (versions 0+) */
  partitions: TxnOffsetCommitResponsePartition[]
}

/** A struct of TxnOffsetCommitResponse. */
export interface TxnOffsetCommitResponsePartition {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
}
