// OffsetCommit (key 8): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** OffsetCommit: serves versions 0-10 of the spec's 0-10. */
export const offsetCommitApi: ApiSchema = {
  apiKey: 8,
  name: 'OffsetCommit',
  minVersion: 0,
  maxVersion: 10,
  flexibleFrom: 8,
  request: {
    name: 'OffsetCommitRequest',
    validVersions: '0-10',
    flexibleVersions: '8+',
    fields: [
      { name: 'groupId', type: 'string', versions: '0+' },
      { name: 'generationIdOrMemberEpoch', type: 'int32', versions: '1+', default: '-1' },
      { name: 'memberId', type: 'string', versions: '1+' },
      {
        name: 'groupInstanceId',
        type: 'string',
        versions: '7+',
        nullableVersions: '7+',
        default: 'null'
      },
      { name: 'retentionTimeMs', type: 'int64', versions: '2-4', default: '-1' },
      {
        name: 'topics',
        type: '[]OffsetCommitRequestTopic',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0-9' },
          { name: 'topicId', type: 'uuid', versions: '10+' },
          {
            name: 'partitions',
            type: '[]OffsetCommitRequestPartition',
            versions: '0+',
            fields: [
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
              { name: 'committedOffset', type: 'int64', versions: '0+' },
              { name: 'committedLeaderEpoch', type: 'int32', versions: '6+', default: '-1' },
              { name: 'commitTimestamp', type: 'int64', versions: '1', default: '-1' },
              { name: 'committedMetadata', type: 'string', versions: '0+', nullableVersions: '0+' }
            ]
          }
        ]
      }
    ]
  },
  response: {
    name: 'OffsetCommitResponse',
    validVersions: '0-10',
    flexibleVersions: '8+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '3+' },
      {
        name: 'topics',
        type: '[]OffsetCommitResponseTopic',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0-9' },
          { name: 'topicId', type: 'uuid', versions: '10+' },
          {
            name: 'partitions',
            type: '[]OffsetCommitResponsePartition',
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

/** OffsetCommitRequest body, versions 0-10. */
export interface OffsetCommitRequest {
  /** The unique group identifier. (versions 0+) */
  groupId: string
  /**
   * The generation of the group if using the classic group protocol or the member epoch if using
   * the consumer protocol. (versions 1+; default -1)
   */
  generationIdOrMemberEpoch: number
  /** The member ID assigned by the group coordinator. (versions 1+) */
  memberId: string
  /**
   * The unique identifier of the consumer instance provided by end user. (versions 7+; nullable 7+;
   * default null)
   */
  groupInstanceId: string | null
  /** The time period in ms to retain the offset. (versions 2-4; default -1) */
  retentionTimeMs: bigint
  /** The topics to commit offsets for. (versions 0+) */
  topics: OffsetCommitRequestTopic[]
}

/** A struct of OffsetCommitRequest. */
export interface OffsetCommitRequestTopic {
  /** The topic name. (versions 0-9) */
  name: string
  /** The topic ID. (versions 10+) */
  topicId: string
  /** Each partition to commit offsets for. (versions 0+) */
  partitions: OffsetCommitRequestPartition[]
}

/** A struct of OffsetCommitRequest. */
export interface OffsetCommitRequestPartition {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The message offset to be committed. (versions 0+) */
  committedOffset: bigint
  /** The leader epoch of this partition. (versions 6+; default -1) */
  committedLeaderEpoch: number
  /** The timestamp of the commit. (versions 1; default -1) */
  commitTimestamp: bigint
  /** Any associated metadata the client wants to keep. (versions 0+; nullable 0+) */
  committedMetadata: string | null
}

/** OffsetCommitResponse body, versions 0-10. */
export interface OffsetCommitResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 3+)
   */
  throttleTimeMs: number
  /** The responses for each topic. (versions 0+) */
  topics: OffsetCommitResponseTopic[]
}

/** A struct of OffsetCommitResponse. */
export interface OffsetCommitResponseTopic {
  /** The topic name. (versions 0-9) */
  name: string
  /** The topic ID. (versions 10+) */
  topicId: string
  /** The responses for each partition in the topic. (versions 0+) */
  partitions: OffsetCommitResponsePartition[]
}

/** A struct of OffsetCommitResponse. */
export interface OffsetCommitResponsePartition {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
}
