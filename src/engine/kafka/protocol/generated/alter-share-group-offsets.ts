// AlterShareGroupOffsets (key 91): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** AlterShareGroupOffsets: serves versions 0-0 of the spec's 0. */
export const alterShareGroupOffsetsApi: ApiSchema = {
  apiKey: 91,
  name: 'AlterShareGroupOffsets',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  request: {
    name: 'AlterShareGroupOffsetsRequest',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: [
      { name: 'groupId', type: 'string', versions: '0+' },
      {
        name: 'topics',
        type: '[]AlterShareGroupOffsetsRequestTopic',
        versions: '0+',
        fields: [
          { name: 'topicName', type: 'string', versions: '0+' },
          {
            name: 'partitions',
            type: '[]AlterShareGroupOffsetsRequestPartition',
            versions: '0+',
            fields: [
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
              { name: 'startOffset', type: 'int64', versions: '0+' }
            ]
          }
        ]
      }
    ]
  },
  response: {
    name: 'AlterShareGroupOffsetsResponse',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      {
        name: 'errorMessage',
        type: 'string',
        versions: '0+',
        nullableVersions: '0+',
        default: 'null'
      },
      {
        name: 'responses',
        type: '[]AlterShareGroupOffsetsResponseTopic',
        versions: '0+',
        fields: [
          { name: 'topicName', type: 'string', versions: '0+' },
          { name: 'topicId', type: 'uuid', versions: '0+' },
          {
            name: 'partitions',
            type: '[]AlterShareGroupOffsetsResponsePartition',
            versions: '0+',
            fields: [
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
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
    ]
  }
}

/** AlterShareGroupOffsetsRequest body, versions 0-0. */
export interface AlterShareGroupOffsetsRequest {
  /** The group identifier. (versions 0+) */
  groupId: string
  /** The topics to alter offsets for. (versions 0+) */
  topics: AlterShareGroupOffsetsRequestTopic[]
}

/** A struct of AlterShareGroupOffsetsRequest. */
export interface AlterShareGroupOffsetsRequestTopic {
  /** The topic name. (versions 0+) */
  topicName: string
  /** Each partition to alter offsets for. (versions 0+) */
  partitions: AlterShareGroupOffsetsRequestPartition[]
}

/** A struct of AlterShareGroupOffsetsRequest. */
export interface AlterShareGroupOffsetsRequestPartition {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The share-partition start offset. (versions 0+) */
  startOffset: bigint
}

/** AlterShareGroupOffsetsResponse body, versions 0-0. */
export interface AlterShareGroupOffsetsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The top-level error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /**
   * The top-level error message, or null if there was no error. (versions 0+; nullable 0+; default
   * null)
   */
  errorMessage: string | null
  /** The results for each topic. (versions 0+) */
  responses: AlterShareGroupOffsetsResponseTopic[]
}

/** A struct of AlterShareGroupOffsetsResponse. */
export interface AlterShareGroupOffsetsResponseTopic {
  /** The topic name. (versions 0+) */
  topicName: string
  /** The unique topic ID. (versions 0+) */
  topicId: string
  /** (versions 0+) */
  partitions: AlterShareGroupOffsetsResponsePartition[]
}

/** A struct of AlterShareGroupOffsetsResponse. */
export interface AlterShareGroupOffsetsResponsePartition {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The error message, or null if there was no error. (versions 0+; nullable 0+; default null) */
  errorMessage: string | null
}
