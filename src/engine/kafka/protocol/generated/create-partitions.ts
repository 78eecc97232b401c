// CreatePartitions (key 37): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** CreatePartitions: serves versions 0-3 of the spec's 0-3. */
export const createPartitionsApi: ApiSchema = {
  apiKey: 37,
  name: 'CreatePartitions',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 2,
  request: {
    name: 'CreatePartitionsRequest',
    validVersions: '0-3',
    flexibleVersions: '2+',
    fields: [
      {
        name: 'topics',
        type: '[]CreatePartitionsTopic',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          { name: 'count', type: 'int32', versions: '0+' },
          {
            name: 'assignments',
            type: '[]CreatePartitionsAssignment',
            versions: '0+',
            nullableVersions: '0+',
            fields: [{ name: 'brokerIds', type: '[]int32', versions: '0+' }]
          }
        ]
      },
      { name: 'timeoutMs', type: 'int32', versions: '0+' },
      { name: 'validateOnly', type: 'bool', versions: '0+' }
    ]
  },
  response: {
    name: 'CreatePartitionsResponse',
    validVersions: '0-3',
    flexibleVersions: '2+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      {
        name: 'results',
        type: '[]CreatePartitionsTopicResult',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
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

/** CreatePartitionsRequest body, versions 0-3. */
export interface CreatePartitionsRequest {
  /** Each topic that we want to create new partitions inside. (versions 0+) */
  topics: CreatePartitionsRequestCreatePartitionsTopic[]
  /** The time in ms to wait for the partitions to be created. (versions 0+) */
  timeoutMs: number
  /**
   * If true, then validate the request, but don't actually increase the number of partitions.
   * (versions 0+)
   */
  validateOnly: boolean
}

/** A struct of CreatePartitionsRequest. */
export interface CreatePartitionsRequestCreatePartitionsTopic {
  /** The topic name. (versions 0+) */
  name: string
  /** The new partition count. (versions 0+) */
  count: number
  /** The new partition assignments. (versions 0+; nullable 0+) */
  assignments: CreatePartitionsRequestCreatePartitionsAssignment[] | null
}

/** A struct of CreatePartitionsRequest. */
export interface CreatePartitionsRequestCreatePartitionsAssignment {
  /** The assigned broker IDs. (versions 0+) */
  brokerIds: number[]
}

/** CreatePartitionsResponse body, versions 0-3. */
export interface CreatePartitionsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The partition creation results for each topic. (versions 0+) */
  results: CreatePartitionsResponseCreatePartitionsTopicResult[]
}

/** A struct of CreatePartitionsResponse. */
export interface CreatePartitionsResponseCreatePartitionsTopicResult {
  /** The topic name. (versions 0+) */
  name: string
  /** The result error, or zero if there was no error. (versions 0+) */
  errorCode: number
  /** The result message, or null if there was no error. (versions 0+; nullable 0+; default null) */
  errorMessage: string | null
}
