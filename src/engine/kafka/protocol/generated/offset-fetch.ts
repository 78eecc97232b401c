// OffsetFetch (key 9): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** OffsetFetch: serves versions 0-10 of the spec's 0-10. */
export const offsetFetchApi: ApiSchema = {
  apiKey: 9,
  name: 'OffsetFetch',
  minVersion: 0,
  maxVersion: 10,
  flexibleFrom: 6,
  request: {
    name: 'OffsetFetchRequest',
    validVersions: '0-10',
    flexibleVersions: '6+',
    fields: [
      { name: 'groupId', type: 'string', versions: '0-7' },
      {
        name: 'topics',
        type: '[]OffsetFetchRequestTopic',
        versions: '0-7',
        nullableVersions: '2-7',
        fields: [
          { name: 'name', type: 'string', versions: '0-7' },
          { name: 'partitionIndexes', type: '[]int32', versions: '0-7' }
        ]
      },
      {
        name: 'groups',
        type: '[]OffsetFetchRequestGroup',
        versions: '8+',
        fields: [
          { name: 'groupId', type: 'string', versions: '8+' },
          {
            name: 'memberId',
            type: 'string',
            versions: '9+',
            nullableVersions: '9+',
            default: 'null'
          },
          { name: 'memberEpoch', type: 'int32', versions: '9+', default: '-1' },
          {
            name: 'topics',
            type: '[]OffsetFetchRequestTopics',
            versions: '8+',
            nullableVersions: '8+',
            fields: [
              { name: 'name', type: 'string', versions: '8-9' },
              { name: 'topicId', type: 'uuid', versions: '10+' },
              { name: 'partitionIndexes', type: '[]int32', versions: '8+' }
            ]
          }
        ]
      },
      { name: 'requireStable', type: 'bool', versions: '7+', default: 'false' }
    ]
  },
  response: {
    name: 'OffsetFetchResponse',
    validVersions: '0-10',
    flexibleVersions: '6+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '3+' },
      {
        name: 'topics',
        type: '[]OffsetFetchResponseTopic',
        versions: '0-7',
        fields: [
          { name: 'name', type: 'string', versions: '0-7' },
          {
            name: 'partitions',
            type: '[]OffsetFetchResponsePartition',
            versions: '0-7',
            fields: [
              { name: 'partitionIndex', type: 'int32', versions: '0-7' },
              { name: 'committedOffset', type: 'int64', versions: '0-7' },
              { name: 'committedLeaderEpoch', type: 'int32', versions: '5-7', default: '-1' },
              { name: 'metadata', type: 'string', versions: '0-7', nullableVersions: '0-7' },
              { name: 'errorCode', type: 'int16', versions: '0-7' }
            ]
          }
        ]
      },
      { name: 'errorCode', type: 'int16', versions: '2-7', default: '0' },
      {
        name: 'groups',
        type: '[]OffsetFetchResponseGroup',
        versions: '8+',
        fields: [
          { name: 'groupId', type: 'string', versions: '8+' },
          {
            name: 'topics',
            type: '[]OffsetFetchResponseTopics',
            versions: '8+',
            fields: [
              { name: 'name', type: 'string', versions: '8-9' },
              { name: 'topicId', type: 'uuid', versions: '10+' },
              {
                name: 'partitions',
                type: '[]OffsetFetchResponsePartitions',
                versions: '8+',
                fields: [
                  { name: 'partitionIndex', type: 'int32', versions: '8+' },
                  { name: 'committedOffset', type: 'int64', versions: '8+' },
                  { name: 'committedLeaderEpoch', type: 'int32', versions: '8+', default: '-1' },
                  { name: 'metadata', type: 'string', versions: '8+', nullableVersions: '8+' },
                  { name: 'errorCode', type: 'int16', versions: '8+' }
                ]
              }
            ]
          },
          { name: 'errorCode', type: 'int16', versions: '8+', default: '0' }
        ]
      }
    ]
  }
}

/** OffsetFetchRequest body, versions 0-10. */
export interface OffsetFetchRequest {
  /** The group to fetch offsets for. (versions 0-7) */
  groupId: string
  /**
   * Each topic we would like to fetch offsets for, or null to fetch offsets for all topics.
   * (versions 0-7; nullable 2-7)
   */
  topics: OffsetFetchRequestTopic[] | null
  /** Each group we would like to fetch offsets for. (versions 8+) */
  groups: OffsetFetchRequestGroup[]
  /**
   * Whether broker should hold on returning unstable offsets but set a retriable error code for the
   * partitions. (versions 7+; default false)
   */
  requireStable: boolean
}

/** A struct of OffsetFetchRequest. */
export interface OffsetFetchRequestTopic {
  /** The topic name. (versions 0-7) */
  name: string
  /** The partition indexes we would like to fetch offsets for. (versions 0-7) */
  partitionIndexes: number[]
}

/** A struct of OffsetFetchRequest. */
export interface OffsetFetchRequestGroup {
  /** The group ID. (versions 8+) */
  groupId: string
  /** The member id. (versions 9+; nullable 9+; default null) */
  memberId: string | null
  /** The member epoch if using the new consumer protocol (KIP-848). (versions 9+; default -1) */
  memberEpoch: number
  /**
   * Each topic we would like to fetch offsets for, or null to fetch offsets for all topics.
   * (versions 8+; nullable 8+)
   */
  topics: OffsetFetchRequestTopics[] | null
}

/** A struct of OffsetFetchRequest. */
export interface OffsetFetchRequestTopics {
  /** The topic name. (versions 8-9) */
  name: string
  /** The topic ID. (versions 10+) */
  topicId: string
  /** The partition indexes we would like to fetch offsets for. (versions 8+) */
  partitionIndexes: number[]
}

/** OffsetFetchResponse body, versions 0-10. */
export interface OffsetFetchResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 3+)
   */
  throttleTimeMs: number
  /** The responses per topic. (versions 0-7) */
  topics: OffsetFetchResponseTopic[]
  /** The top-level error code, or 0 if there was no error. (versions 2-7; default 0) */
  errorCode: number
  /** The responses per group id. (versions 8+) */
  groups: OffsetFetchResponseGroup[]
}

/** A struct of OffsetFetchResponse. */
export interface OffsetFetchResponseTopic {
  /** The topic name. (versions 0-7) */
  name: string
  /** The responses per partition. (versions 0-7) */
  partitions: OffsetFetchResponsePartition[]
}

/** A struct of OffsetFetchResponse. */
export interface OffsetFetchResponsePartition {
  /** The partition index. (versions 0-7) */
  partitionIndex: number
  /** The committed message offset. (versions 0-7) */
  committedOffset: bigint
  /** The leader epoch. (versions 5-7; default -1) */
  committedLeaderEpoch: number
  /** The partition metadata. (versions 0-7; nullable 0-7) */
  metadata: string | null
  /** The error code, or 0 if there was no error. (versions 0-7) */
  errorCode: number
}

/** A struct of OffsetFetchResponse. */
export interface OffsetFetchResponseGroup {
  /** The group ID. (versions 8+) */
  groupId: string
  /** The responses per topic. (versions 8+) */
  topics: OffsetFetchResponseTopics[]
  /** The group-level error code, or 0 if there was no error. (versions 8+; default 0) */
  errorCode: number
}

/** A struct of OffsetFetchResponse. */
export interface OffsetFetchResponseTopics {
  /** The topic name. (versions 8-9) */
  name: string
  /** The topic ID. (versions 10+) */
  topicId: string
  /** The responses per partition. (versions 8+) */
  partitions: OffsetFetchResponsePartitions[]
}

/** A struct of OffsetFetchResponse. */
export interface OffsetFetchResponsePartitions {
  /** The partition index. (versions 8+) */
  partitionIndex: number
  /** The committed message offset. (versions 8+) */
  committedOffset: bigint
  /** The leader epoch. (versions 8+; default -1) */
  committedLeaderEpoch: number
  /** The partition metadata. (versions 8+; nullable 8+) */
  metadata: string | null
  /** The partition-level error code, or 0 if there was no error. (versions 8+) */
  errorCode: number
}
