// DescribeTopicPartitions (key 75): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** DescribeTopicPartitions: serves versions 0-0 of the spec's 0. */
export const describeTopicPartitionsApi: ApiSchema = {
  apiKey: 75,
  name: 'DescribeTopicPartitions',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  request: {
    name: 'DescribeTopicPartitionsRequest',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: [
      {
        name: 'topics',
        type: '[]TopicRequest',
        versions: '0+',
        fields: [{ name: 'name', type: 'string', versions: '0+' }]
      },
      { name: 'responsePartitionLimit', type: 'int32', versions: '0+', default: '2000' },
      {
        name: 'cursor',
        type: 'Cursor',
        versions: '0+',
        nullableVersions: '0+',
        default: 'null',
        fields: [
          { name: 'topicName', type: 'string', versions: '0+' },
          { name: 'partitionIndex', type: 'int32', versions: '0+' }
        ]
      }
    ]
  },
  response: {
    name: 'DescribeTopicPartitionsResponse',
    validVersions: '0',
    flexibleVersions: '0+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      {
        name: 'topics',
        type: '[]DescribeTopicPartitionsResponseTopic',
        versions: '0+',
        fields: [
          { name: 'errorCode', type: 'int16', versions: '0+' },
          { name: 'name', type: 'string', versions: '0+', nullableVersions: '0+' },
          { name: 'topicId', type: 'uuid', versions: '0+' },
          { name: 'isInternal', type: 'bool', versions: '0+', default: 'false' },
          {
            name: 'partitions',
            type: '[]DescribeTopicPartitionsResponsePartition',
            versions: '0+',
            fields: [
              { name: 'errorCode', type: 'int16', versions: '0+' },
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
              { name: 'leaderId', type: 'int32', versions: '0+' },
              { name: 'leaderEpoch', type: 'int32', versions: '0+', default: '-1' },
              { name: 'replicaNodes', type: '[]int32', versions: '0+' },
              { name: 'isrNodes', type: '[]int32', versions: '0+' },
              {
                name: 'eligibleLeaderReplicas',
                type: '[]int32',
                versions: '0+',
                nullableVersions: '0+',
                default: 'null'
              },
              {
                name: 'lastKnownElr',
                type: '[]int32',
                versions: '0+',
                nullableVersions: '0+',
                default: 'null'
              },
              { name: 'offlineReplicas', type: '[]int32', versions: '0+' }
            ]
          },
          {
            name: 'topicAuthorizedOperations',
            type: 'int32',
            versions: '0+',
            default: '-2147483648'
          }
        ]
      },
      {
        name: 'nextCursor',
        type: 'Cursor',
        versions: '0+',
        nullableVersions: '0+',
        default: 'null',
        fields: [
          { name: 'topicName', type: 'string', versions: '0+' },
          { name: 'partitionIndex', type: 'int32', versions: '0+' }
        ]
      }
    ]
  }
}

/** DescribeTopicPartitionsRequest body, versions 0-0. */
export interface DescribeTopicPartitionsRequest {
  /** The topics to fetch details for. (versions 0+) */
  topics: DescribeTopicPartitionsRequestTopicRequest[]
  /** The maximum number of partitions included in the response. (versions 0+; default 2000) */
  responsePartitionLimit: number
  /**
   * The first topic and partition index to fetch details for. (versions 0+; nullable 0+; default
   * null)
   */
  cursor: DescribeTopicPartitionsRequestCursor | null
}

/** A struct of DescribeTopicPartitionsRequest. */
export interface DescribeTopicPartitionsRequestTopicRequest {
  /** The topic name. (versions 0+) */
  name: string
}

/** A struct of DescribeTopicPartitionsRequest. */
export interface DescribeTopicPartitionsRequestCursor {
  /** The name for the first topic to process. (versions 0+) */
  topicName: string
  /** The partition index to start with. (versions 0+) */
  partitionIndex: number
}

/** DescribeTopicPartitionsResponse body, versions 0-0. */
export interface DescribeTopicPartitionsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** Each topic in the response. (versions 0+) */
  topics: DescribeTopicPartitionsResponseTopic[]
  /**
   * The next topic and partition index to fetch details for. (versions 0+; nullable 0+; default
   * null)
   */
  nextCursor: DescribeTopicPartitionsResponseCursor | null
}

/** A struct of DescribeTopicPartitionsResponse. */
export interface DescribeTopicPartitionsResponseTopic {
  /** The topic error, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The topic name. (versions 0+; nullable 0+) */
  name: string | null
  /** The topic id. (versions 0+) */
  topicId: string
  /** True if the topic is internal. (versions 0+; default false) */
  isInternal: boolean
  /** Each partition in the topic. (versions 0+) */
  partitions: DescribeTopicPartitionsResponsePartition[]
  /**
   * 32-bit bitfield to represent authorized operations for this topic. (versions 0+; default
   * -2147483648)
   */
  topicAuthorizedOperations: number
}

/** A struct of DescribeTopicPartitionsResponse. */
export interface DescribeTopicPartitionsResponsePartition {
  /** The partition error, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The ID of the leader broker. (versions 0+) */
  leaderId: number
  /** The leader epoch of this partition. (versions 0+; default -1) */
  leaderEpoch: number
  /** The set of all nodes that host this partition. (versions 0+) */
  replicaNodes: number[]
  /** The set of nodes that are in sync with the leader for this partition. (versions 0+) */
  isrNodes: number[]
  /** The new eligible leader replicas otherwise. (versions 0+; nullable 0+; default null) */
  eligibleLeaderReplicas: number[] | null
  /** The last known ELR. (versions 0+; nullable 0+; default null) */
  lastKnownElr: number[] | null
  /** The set of offline replicas of this partition. (versions 0+) */
  offlineReplicas: number[]
}

/** A struct of DescribeTopicPartitionsResponse. */
export interface DescribeTopicPartitionsResponseCursor {
  /** The name for the first topic to process. (versions 0+) */
  topicName: string
  /** The partition index to start with. (versions 0+) */
  partitionIndex: number
}
