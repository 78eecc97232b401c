// ListPartitionReassignments (key 46): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** ListPartitionReassignments: serves versions 0-0 of the spec's 0. */
export const listPartitionReassignmentsApi: ApiSchema = {
  apiKey: 46,
  name: 'ListPartitionReassignments',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  request: {
    name: 'ListPartitionReassignmentsRequest',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: [
      { name: 'timeoutMs', type: 'int32', versions: '0+', default: '60000' },
      {
        name: 'topics',
        type: '[]ListPartitionReassignmentsTopics',
        versions: '0+',
        nullableVersions: '0+',
        default: 'null',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          { name: 'partitionIndexes', type: '[]int32', versions: '0+' }
        ]
      }
    ]
  },
  response: {
    name: 'ListPartitionReassignmentsResponse',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
      {
        name: 'topics',
        type: '[]OngoingTopicReassignment',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          {
            name: 'partitions',
            type: '[]OngoingPartitionReassignment',
            versions: '0+',
            fields: [
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
              { name: 'replicas', type: '[]int32', versions: '0+' },
              { name: 'addingReplicas', type: '[]int32', versions: '0+' },
              { name: 'removingReplicas', type: '[]int32', versions: '0+' }
            ]
          }
        ]
      }
    ]
  }
}

/** ListPartitionReassignmentsRequest body, versions 0-0. */
export interface ListPartitionReassignmentsRequest {
  /** The time in ms to wait for the request to complete. (versions 0+; default 60000) */
  timeoutMs: number
  /**
   * The topics to list partition reassignments for, or null to list everything. (versions 0+;
   * nullable 0+; default null)
   */
  topics: ListPartitionReassignmentsRequestListPartitionReassignmentsTopics[] | null
}

/** A struct of ListPartitionReassignmentsRequest. */
export interface ListPartitionReassignmentsRequestListPartitionReassignmentsTopics {
  /** The topic name. (versions 0+) */
  name: string
  /** The partitions to list partition reassignments for. (versions 0+) */
  partitionIndexes: number[]
}

/** ListPartitionReassignmentsResponse body, versions 0-0. */
export interface ListPartitionReassignmentsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The top-level error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The top-level error message, or null if there was no error. (versions 0+; nullable 0+) */
  errorMessage: string | null
  /** The ongoing reassignments for each topic. (versions 0+) */
  topics: ListPartitionReassignmentsResponseOngoingTopicReassignment[]
}

/** A struct of ListPartitionReassignmentsResponse. */
export interface ListPartitionReassignmentsResponseOngoingTopicReassignment {
  /** The topic name. (versions 0+) */
  name: string
  /** The ongoing reassignments for each partition. (versions 0+) */
  partitions: ListPartitionReassignmentsResponseOngoingPartitionReassignment[]
}

/** A struct of ListPartitionReassignmentsResponse. */
export interface ListPartitionReassignmentsResponseOngoingPartitionReassignment {
  /** The index of the partition. (versions 0+) */
  partitionIndex: number
  /** The current replica set. (versions 0+) */
  replicas: number[]
  /** The set of replicas we are currently adding. (versions 0+) */
  addingReplicas: number[]
  /** The set of replicas we are currently removing. (versions 0+) */
  removingReplicas: number[]
}
