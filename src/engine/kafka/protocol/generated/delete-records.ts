// DeleteRecords (key 21): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** DeleteRecords: serves versions 0-2 of the spec's 0-2. */
export const deleteRecordsApi: ApiSchema = {
  apiKey: 21,
  name: 'DeleteRecords',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  request: {
    name: 'DeleteRecordsRequest',
    validVersions: '0-2',
    flexibleVersions: '2+',
    fields: [
      {
        name: 'topics',
        type: '[]DeleteRecordsTopic',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          {
            name: 'partitions',
            type: '[]DeleteRecordsPartition',
            versions: '0+',
            fields: [
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
              { name: 'offset', type: 'int64', versions: '0+' }
            ]
          }
        ]
      },
      { name: 'timeoutMs', type: 'int32', versions: '0+' }
    ]
  },
  response: {
    name: 'DeleteRecordsResponse',
    validVersions: '0-2',
    flexibleVersions: '2+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      {
        name: 'topics',
        type: '[]DeleteRecordsTopicResult',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          {
            name: 'partitions',
            type: '[]DeleteRecordsPartitionResult',
            versions: '0+',
            fields: [
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
              { name: 'lowWatermark', type: 'int64', versions: '0+' },
              { name: 'errorCode', type: 'int16', versions: '0+' }
            ]
          }
        ]
      }
    ]
  }
}

/** DeleteRecordsRequest body, versions 0-2. */
export interface DeleteRecordsRequest {
  /** Each topic that we want to delete records from. (versions 0+) */
  topics: DeleteRecordsRequestDeleteRecordsTopic[]
  /** How long to wait for the deletion to complete, in milliseconds. (versions 0+) */
  timeoutMs: number
}

/** A struct of DeleteRecordsRequest. */
export interface DeleteRecordsRequestDeleteRecordsTopic {
  /** The topic name. (versions 0+) */
  name: string
  /** Each partition that we want to delete records from. (versions 0+) */
  partitions: DeleteRecordsRequestDeleteRecordsPartition[]
}

/** A struct of DeleteRecordsRequest. */
export interface DeleteRecordsRequestDeleteRecordsPartition {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The deletion offset. (versions 0+) */
  offset: bigint
}

/** DeleteRecordsResponse body, versions 0-2. */
export interface DeleteRecordsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** Each topic that we wanted to delete records from. (versions 0+) */
  topics: DeleteRecordsResponseDeleteRecordsTopicResult[]
}

/** A struct of DeleteRecordsResponse. */
export interface DeleteRecordsResponseDeleteRecordsTopicResult {
  /** The topic name. (versions 0+) */
  name: string
  /** Each partition that we wanted to delete records from. (versions 0+) */
  partitions: DeleteRecordsResponseDeleteRecordsPartitionResult[]
}

/** A struct of DeleteRecordsResponse. */
export interface DeleteRecordsResponseDeleteRecordsPartitionResult {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The partition low water mark. (versions 0+) */
  lowWatermark: bigint
  /** The deletion error code, or 0 if the deletion succeeded. (versions 0+) */
  errorCode: number
}
