// DescribeShareGroupOffsets (key 90): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** DescribeShareGroupOffsets: serves versions 0-1 of the spec's 0-1. */
export const describeShareGroupOffsetsApi: ApiSchema = {
  apiKey: 90,
  name: 'DescribeShareGroupOffsets',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 0,
  request: {
    name: 'DescribeShareGroupOffsetsRequest',
    validVersions: '0-1',
    flexibleVersions: '0+',
    fields: [
      {
        name: 'groups',
        type: '[]DescribeShareGroupOffsetsRequestGroup',
        versions: '0+',
        fields: [
          { name: 'groupId', type: 'string', versions: '0+' },
          {
            name: 'topics',
            type: '[]DescribeShareGroupOffsetsRequestTopic',
            versions: '0+',
            nullableVersions: '0+',
            fields: [
              { name: 'topicName', type: 'string', versions: '0+' },
              { name: 'partitions', type: '[]int32', versions: '0+' }
            ]
          }
        ]
      }
    ]
  },
  response: {
    name: 'DescribeShareGroupOffsetsResponse',
    validVersions: '0-1',
    flexibleVersions: '0+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      {
        name: 'groups',
        type: '[]DescribeShareGroupOffsetsResponseGroup',
        versions: '0+',
        fields: [
          { name: 'groupId', type: 'string', versions: '0+' },
          {
            name: 'topics',
            type: '[]DescribeShareGroupOffsetsResponseTopic',
            versions: '0+',
            fields: [
              { name: 'topicName', type: 'string', versions: '0+' },
              { name: 'topicId', type: 'uuid', versions: '0+' },
              {
                name: 'partitions',
                type: '[]DescribeShareGroupOffsetsResponsePartition',
                versions: '0+',
                fields: [
                  { name: 'partitionIndex', type: 'int32', versions: '0+' },
                  { name: 'startOffset', type: 'int64', versions: '0+' },
                  { name: 'leaderEpoch', type: 'int32', versions: '0+' },
                  { name: 'lag', type: 'int64', versions: '1+', default: '-1' },
                  { name: 'errorCode', type: 'int16', versions: '0+' },
                  {
                    name: 'errorMessage',
                    type: 'string',
                    versions: '0+',
                    nullableVersions: '0+',
                    default: 'null'
                  }
                ]
              }
            ]
          },
          { name: 'errorCode', type: 'int16', versions: '0+' },
          {
            name: 'errorMessage',
            type: 'string',
            versions: '0+',
            nullableVersions: '0+',
            default: 'null'
          }
        ]
      }
    ]
  }
}

/** DescribeShareGroupOffsetsRequest body, versions 0-1. */
export interface DescribeShareGroupOffsetsRequest {
  /** The groups to describe offsets for. (versions 0+) */
  groups: DescribeShareGroupOffsetsRequestGroup[]
}

/** A struct of DescribeShareGroupOffsetsRequest. */
export interface DescribeShareGroupOffsetsRequestGroup {
  /** The group identifier. (versions 0+) */
  groupId: string
  /**
   * The topics to describe offsets for, or null for all topic-partitions. (versions 0+; nullable
   * 0+)
   */
  topics: DescribeShareGroupOffsetsRequestTopic[] | null
}

/** A struct of DescribeShareGroupOffsetsRequest. */
export interface DescribeShareGroupOffsetsRequestTopic {
  /** The topic name. (versions 0+) */
  topicName: string
  /** The partitions. (versions 0+) */
  partitions: number[]
}

/** DescribeShareGroupOffsetsResponse body, versions 0-1. */
export interface DescribeShareGroupOffsetsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The results for each group. (versions 0+) */
  groups: DescribeShareGroupOffsetsResponseGroup[]
}

/** A struct of DescribeShareGroupOffsetsResponse. */
export interface DescribeShareGroupOffsetsResponseGroup {
  /** The group identifier. (versions 0+) */
  groupId: string
  /** The results for each topic. (versions 0+) */
  topics: DescribeShareGroupOffsetsResponseTopic[]
  /** The group-level error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /**
   * The group-level error message, or null if there was no error. (versions 0+; nullable 0+;
   * default null)
   */
  errorMessage: string | null
}

/** A struct of DescribeShareGroupOffsetsResponse. */
export interface DescribeShareGroupOffsetsResponseTopic {
  /** The topic name. (versions 0+) */
  topicName: string
  /** The unique topic ID. (versions 0+) */
  topicId: string
  /** (versions 0+) */
  partitions: DescribeShareGroupOffsetsResponsePartition[]
}

/** A struct of DescribeShareGroupOffsetsResponse. */
export interface DescribeShareGroupOffsetsResponsePartition {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The share-partition start offset. (versions 0+) */
  startOffset: bigint
  /** The leader epoch of the partition. (versions 0+) */
  leaderEpoch: number
  /** The share-partition lag, or -1 if it is not known. (versions 1+; default -1) */
  lag: bigint
  /** The partition-level error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /**
   * The partition-level error message, or null if there was no error. (versions 0+; nullable 0+;
   * default null)
   */
  errorMessage: string | null
}
