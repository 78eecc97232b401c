// ElectLeaders (key 43): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** ElectLeaders: serves versions 0-2 of the spec's 0-2. */
export const electLeadersApi: ApiSchema = {
  apiKey: 43,
  name: 'ElectLeaders',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  request: {
    name: 'ElectLeadersRequest',
    validVersions: '0-2',
    flexibleVersions: '2+',
    fields: [
      { name: 'electionType', type: 'int8', versions: '1+' },
      {
        name: 'topicPartitions',
        type: '[]TopicPartitions',
        versions: '0+',
        nullableVersions: '0+',
        fields: [
          { name: 'topic', type: 'string', versions: '0+' },
          { name: 'partitions', type: '[]int32', versions: '0+' }
        ]
      },
      { name: 'timeoutMs', type: 'int32', versions: '0+', default: '60000' }
    ]
  },
  response: {
    name: 'ElectLeadersResponse',
    validVersions: '0-2',
    flexibleVersions: '2+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '1+' },
      {
        name: 'replicaElectionResults',
        type: '[]ReplicaElectionResult',
        versions: '0+',
        fields: [
          { name: 'topic', type: 'string', versions: '0+' },
          {
            name: 'partitionResult',
            type: '[]PartitionResult',
            versions: '0+',
            fields: [
              { name: 'partitionId', type: 'int32', versions: '0+' },
              { name: 'errorCode', type: 'int16', versions: '0+' },
              { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' }
            ]
          }
        ]
      }
    ]
  }
}

/** ElectLeadersRequest body, versions 0-2. */
export interface ElectLeadersRequest {
  /**
   * Type of elections to conduct for the partition. A value of '0' elects the preferred replica. A
   * value of '1' elects the first live replica if there are no in-sync replica. (versions 1+)
   */
  electionType: number
  /** The topic partitions to elect leaders. (versions 0+; nullable 0+) */
  topicPartitions: ElectLeadersRequestTopicPartitions[] | null
  /** The time in ms to wait for the election to complete. (versions 0+; default 60000) */
  timeoutMs: number
}

/** A struct of ElectLeadersRequest. */
export interface ElectLeadersRequestTopicPartitions {
  /** The name of a topic. (versions 0+) */
  topic: string
  /** The partitions of this topic whose leader should be elected. (versions 0+) */
  partitions: number[]
}

/** ElectLeadersResponse body, versions 0-2. */
export interface ElectLeadersResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The top level response error code. (versions 1+) */
  errorCode: number
  /**
   * The election results, or an empty array if the requester did not have permission and the
   * request asks for all partitions. (versions 0+)
   */
  replicaElectionResults: ElectLeadersResponseReplicaElectionResult[]
}

/** A struct of ElectLeadersResponse. */
export interface ElectLeadersResponseReplicaElectionResult {
  /** The topic name. (versions 0+) */
  topic: string
  /** The results for each partition. (versions 0+) */
  partitionResult: ElectLeadersResponsePartitionResult[]
}

/** A struct of ElectLeadersResponse. */
export interface ElectLeadersResponsePartitionResult {
  /** The partition id. (versions 0+) */
  partitionId: number
  /** The result error, or zero if there was no error. (versions 0+) */
  errorCode: number
  /** The result message, or null if there was no error. (versions 0+; nullable 0+) */
  errorMessage: string | null
}
