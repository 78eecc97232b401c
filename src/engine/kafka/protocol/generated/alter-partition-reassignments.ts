// AlterPartitionReassignments (key 45): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** AlterPartitionReassignments: serves versions 0-1 of the spec's 0-1. */
export const alterPartitionReassignmentsApi: ApiSchema = {
  apiKey: 45,
  name: 'AlterPartitionReassignments',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 0,
  request: {
    name: 'AlterPartitionReassignmentsRequest',
    validVersions: '0-1',
    flexibleVersions: '0+',
    fields: [
      { name: 'timeoutMs', type: 'int32', versions: '0+', default: '60000' },
      { name: 'allowReplicationFactorChange', type: 'bool', versions: '1+', default: 'true' },
      {
        name: 'topics',
        type: '[]ReassignableTopic',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          {
            name: 'partitions',
            type: '[]ReassignablePartition',
            versions: '0+',
            fields: [
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
              {
                name: 'replicas',
                type: '[]int32',
                versions: '0+',
                nullableVersions: '0+',
                default: 'null'
              }
            ]
          }
        ]
      }
    ]
  },
  response: {
    name: 'AlterPartitionReassignmentsResponse',
    validVersions: '0-1',
    flexibleVersions: '0+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'allowReplicationFactorChange', type: 'bool', versions: '1+', default: 'true' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
      {
        name: 'responses',
        type: '[]ReassignableTopicResponse',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          {
            name: 'partitions',
            type: '[]ReassignablePartitionResponse',
            versions: '0+',
            fields: [
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
              { name: 'errorCode', type: 'int16', versions: '0+' },
              { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' }
            ]
          }
        ]
      }
    ]
  }
}

/** AlterPartitionReassignmentsRequest body, versions 0-1. */
export interface AlterPartitionReassignmentsRequest {
  /** The time in ms to wait for the request to complete. (versions 0+; default 60000) */
  timeoutMs: number
  /**
   * The option indicating whether changing the replication factor of any given partition as part of
   * this request is a valid move. (versions 1+; default true)
   */
  allowReplicationFactorChange: boolean
  /** The topics to reassign. (versions 0+) */
  topics: AlterPartitionReassignmentsRequestReassignableTopic[]
}

/** A struct of AlterPartitionReassignmentsRequest. */
export interface AlterPartitionReassignmentsRequestReassignableTopic {
  /** The topic name. (versions 0+) */
  name: string
  /** The partitions to reassign. (versions 0+) */
  partitions: AlterPartitionReassignmentsRequestReassignablePartition[]
}

/** A struct of AlterPartitionReassignmentsRequest. */
export interface AlterPartitionReassignmentsRequestReassignablePartition {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /**
   * The replicas to place the partitions on, or null to cancel a pending reassignment for this
   * partition. (versions 0+; nullable 0+; default null)
   */
  replicas: number[] | null
}

/** AlterPartitionReassignmentsResponse body, versions 0-1. */
export interface AlterPartitionReassignmentsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /**
   * The option indicating whether changing the replication factor of any given partition as part of
   * the request was allowed. (versions 1+; default true)
   */
  allowReplicationFactorChange: boolean
  /** The top-level error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The top-level error message, or null if there was no error. (versions 0+; nullable 0+) */
  errorMessage: string | null
  /** The responses to topics to reassign. (versions 0+) */
  responses: AlterPartitionReassignmentsResponseReassignableTopicResponse[]
}

/** A struct of AlterPartitionReassignmentsResponse. */
export interface AlterPartitionReassignmentsResponseReassignableTopicResponse {
  /** The topic name. (versions 0+) */
  name: string
  /** The responses to partitions to reassign. (versions 0+) */
  partitions: AlterPartitionReassignmentsResponseReassignablePartitionResponse[]
}

/** A struct of AlterPartitionReassignmentsResponse. */
export interface AlterPartitionReassignmentsResponseReassignablePartitionResponse {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The error code for this partition, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /**
   * The error message for this partition, or null if there was no error. (versions 0+; nullable 0+)
   */
  errorMessage: string | null
}
