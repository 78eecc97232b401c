// OffsetDelete (key 47): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** OffsetDelete: serves versions 0-0 of the spec's 0. */
export const offsetDeleteApi: ApiSchema = {
  apiKey: 47,
  name: 'OffsetDelete',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: null,
  request: {
    name: 'OffsetDeleteRequest',
    validVersions: '0',
    flexibleVersions: 'none',
    fields: [
      { name: 'groupId', type: 'string', versions: '0+' },
      {
        name: 'topics',
        type: '[]OffsetDeleteRequestTopic',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          {
            name: 'partitions',
            type: '[]OffsetDeleteRequestPartition',
            versions: '0+',
            fields: [{ name: 'partitionIndex', type: 'int32', versions: '0+' }]
          }
        ]
      }
    ]
  },
  response: {
    name: 'OffsetDeleteResponse',
    validVersions: '0',
    flexibleVersions: 'none',
    fields: [
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      {
        name: 'topics',
        type: '[]OffsetDeleteResponseTopic',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          {
            name: 'partitions',
            type: '[]OffsetDeleteResponsePartition',
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

/** OffsetDeleteRequest body, versions 0-0. */
export interface OffsetDeleteRequest {
  /** The unique group identifier. (versions 0+) */
  groupId: string
  /** The topics to delete offsets for. (versions 0+) */
  topics: OffsetDeleteRequestTopic[]
}

/** A struct of OffsetDeleteRequest. */
export interface OffsetDeleteRequestTopic {
  /** The topic name. (versions 0+) */
  name: string
  /** Each partition to delete offsets for. (versions 0+) */
  partitions: OffsetDeleteRequestPartition[]
}

/** A struct of OffsetDeleteRequest. */
export interface OffsetDeleteRequestPartition {
  /** The partition index. (versions 0+) */
  partitionIndex: number
}

/** OffsetDeleteResponse body, versions 0-0. */
export interface OffsetDeleteResponse {
  /** The top-level error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The responses for each topic. (versions 0+) */
  topics: OffsetDeleteResponseTopic[]
}

/** A struct of OffsetDeleteResponse. */
export interface OffsetDeleteResponseTopic {
  /** The topic name. (versions 0+) */
  name: string
  /** The responses for each partition in the topic. (versions 0+) */
  partitions: OffsetDeleteResponsePartition[]
}

/** A struct of OffsetDeleteResponse. */
export interface OffsetDeleteResponsePartition {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
}
