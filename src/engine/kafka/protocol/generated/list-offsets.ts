// ListOffsets (key 2): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** ListOffsets: serves versions 0-11 of the spec's 0-11. */
export const listOffsetsApi: ApiSchema = {
  apiKey: 2,
  name: 'ListOffsets',
  minVersion: 0,
  maxVersion: 11,
  flexibleFrom: 6,
  request: {
    name: 'ListOffsetsRequest',
    validVersions: '0-11',
    flexibleVersions: '6+',
    fields: [
      { name: 'replicaId', type: 'int32', versions: '0+' },
      { name: 'isolationLevel', type: 'int8', versions: '2+' },
      {
        name: 'topics',
        type: '[]ListOffsetsTopic',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          {
            name: 'partitions',
            type: '[]ListOffsetsPartition',
            versions: '0+',
            fields: [
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
              { name: 'currentLeaderEpoch', type: 'int32', versions: '4+', default: '-1' },
              { name: 'timestamp', type: 'int64', versions: '0+' },
              { name: 'maxNumOffsets', type: 'int32', versions: '0', default: '1' }
            ]
          }
        ]
      },
      { name: 'timeoutMs', type: 'int32', versions: '10+' }
    ]
  },
  response: {
    name: 'ListOffsetsResponse',
    validVersions: '0-11',
    flexibleVersions: '6+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '2+' },
      {
        name: 'topics',
        type: '[]ListOffsetsTopicResponse',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          {
            name: 'partitions',
            type: '[]ListOffsetsPartitionResponse',
            versions: '0+',
            fields: [
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
              { name: 'errorCode', type: 'int16', versions: '0+' },
              { name: 'oldStyleOffsets', type: '[]int64', versions: '0' },
              { name: 'timestamp', type: 'int64', versions: '1+', default: '-1' },
              { name: 'offset', type: 'int64', versions: '1+', default: '-1' },
              { name: 'leaderEpoch', type: 'int32', versions: '4+', default: '-1' }
            ]
          }
        ]
      }
    ]
  }
}

/** ListOffsetsRequest body, versions 0-11. */
export interface ListOffsetsRequest {
  /**
   * The broker ID of the requester, or -1 if this request is being made by a normal consumer.
   * (versions 0+)
   */
  replicaId: number
  /**
   * This setting controls the visibility of transactional records. Using READ_UNCOMMITTED
   * (isolation_level = 0) makes all records visible. With READ_COMMITTED (isolation_level = 1),
   * non-transactional and COMMITTED transactional records are visible. To be more concrete,
   * READ_COMMITTED returns all data from offsets smaller than the current LSO (last stable offset),
   * and enables the inclusion of the list of aborted transactions in the result, which allows
   * consumers to discard ABORTED transactional records. (versions 2+)
   */
  isolationLevel: number
  /** Each topic in the request. (versions 0+) */
  topics: ListOffsetsRequestListOffsetsTopic[]
  /**
   * The timeout to await a response in milliseconds for requests that require reading from remote
   * storage for topics enabled with tiered storage. (versions 10+)
   */
  timeoutMs: number
}

/** A struct of ListOffsetsRequest. */
export interface ListOffsetsRequestListOffsetsTopic {
  /** The topic name. (versions 0+) */
  name: string
  /** Each partition in the request. (versions 0+) */
  partitions: ListOffsetsRequestListOffsetsPartition[]
}

/** A struct of ListOffsetsRequest. */
export interface ListOffsetsRequestListOffsetsPartition {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The current leader epoch. (versions 4+; default -1) */
  currentLeaderEpoch: number
  /** The current timestamp. (versions 0+) */
  timestamp: bigint
  /** The maximum number of offsets to report. (versions 0; default 1) */
  maxNumOffsets: number
}

/** ListOffsetsResponse body, versions 0-11. */
export interface ListOffsetsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 2+)
   */
  throttleTimeMs: number
  /** Each topic in the response. (versions 0+) */
  topics: ListOffsetsResponseListOffsetsTopicResponse[]
}

/** A struct of ListOffsetsResponse. */
export interface ListOffsetsResponseListOffsetsTopicResponse {
  /** The topic name. (versions 0+) */
  name: string
  /** Each partition in the response. (versions 0+) */
  partitions: ListOffsetsResponseListOffsetsPartitionResponse[]
}

/** A struct of ListOffsetsResponse. */
export interface ListOffsetsResponseListOffsetsPartitionResponse {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The partition error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The result offsets. (versions 0) */
  oldStyleOffsets: bigint[]
  /** The timestamp associated with the returned offset. (versions 1+; default -1) */
  timestamp: bigint
  /** The returned offset. (versions 1+; default -1) */
  offset: bigint
  /** The leader epoch associated with the returned offset. (versions 4+; default -1) */
  leaderEpoch: number
}
