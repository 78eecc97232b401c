// DescribeProducers (key 61): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** DescribeProducers: serves versions 0-0 of the spec's 0. */
export const describeProducersApi: ApiSchema = {
  apiKey: 61,
  name: 'DescribeProducers',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  request: {
    name: 'DescribeProducersRequest',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: [
      {
        name: 'topics',
        type: '[]TopicRequest',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          { name: 'partitionIndexes', type: '[]int32', versions: '0+' }
        ]
      }
    ]
  },
  response: {
    name: 'DescribeProducersResponse',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      {
        name: 'topics',
        type: '[]TopicResponse',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          {
            name: 'partitions',
            type: '[]PartitionResponse',
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
              },
              {
                name: 'activeProducers',
                type: '[]ProducerState',
                versions: '0+',
                fields: [
                  { name: 'producerId', type: 'int64', versions: '0+' },
                  { name: 'producerEpoch', type: 'int32', versions: '0+' },
                  { name: 'lastSequence', type: 'int32', versions: '0+', default: '-1' },
                  { name: 'lastTimestamp', type: 'int64', versions: '0+', default: '-1' },
                  { name: 'coordinatorEpoch', type: 'int32', versions: '0+' },
                  { name: 'currentTxnStartOffset', type: 'int64', versions: '0+', default: '-1' }
                ]
              }
            ]
          }
        ]
      }
    ]
  }
}

/** DescribeProducersRequest body, versions 0-0. */
export interface DescribeProducersRequest {
  /** (versions 0+) */
  topics: DescribeProducersRequestTopicRequest[]
}

/** A struct of DescribeProducersRequest. */
export interface DescribeProducersRequestTopicRequest {
  /** The topic name. (versions 0+) */
  name: string
  /** The indexes of the partitions to list producers for. (versions 0+) */
  partitionIndexes: number[]
}

/** DescribeProducersResponse body, versions 0-0. */
export interface DescribeProducersResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** Each topic in the response. (versions 0+) */
  topics: DescribeProducersResponseTopicResponse[]
}

/** A struct of DescribeProducersResponse. */
export interface DescribeProducersResponseTopicResponse {
  /** The topic name. (versions 0+) */
  name: string
  /** Each partition in the response. (versions 0+) */
  partitions: DescribeProducersResponsePartitionResponse[]
}

/** A struct of DescribeProducersResponse. */
export interface DescribeProducersResponsePartitionResponse {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The partition error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /**
   * The partition error message, which may be null if no additional details are available.
   * (versions 0+; nullable 0+; default null)
   */
  errorMessage: string | null
  /** (versions 0+) */
  activeProducers: DescribeProducersResponseProducerState[]
}

/** A struct of DescribeProducersResponse. */
export interface DescribeProducersResponseProducerState {
  /** (versions 0+) */
  producerId: bigint
  /** (versions 0+) */
  producerEpoch: number
  /** (versions 0+; default -1) */
  lastSequence: number
  /** (versions 0+; default -1) */
  lastTimestamp: bigint
  /** (versions 0+) */
  coordinatorEpoch: number
  /** (versions 0+; default -1) */
  currentTxnStartOffset: bigint
}
