// Metadata (key 3): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** Metadata: serves versions 0-13 of the spec's 0-13. */
export const metadataApi: ApiSchema = {
  apiKey: 3,
  name: 'Metadata',
  minVersion: 0,
  maxVersion: 13,
  flexibleFrom: 9,
  request: {
    name: 'MetadataRequest',
    validVersions: '0-13',
    flexibleVersions: '9+',
    fields: [
      {
        name: 'topics',
        type: '[]MetadataRequestTopic',
        versions: '0+',
        nullableVersions: '1+',
        fields: [
          { name: 'topicId', type: 'uuid', versions: '10+' },
          { name: 'name', type: 'string', versions: '0+', nullableVersions: '10+' }
        ]
      },
      { name: 'allowAutoTopicCreation', type: 'bool', versions: '4+', default: 'true' },
      { name: 'includeClusterAuthorizedOperations', type: 'bool', versions: '8-10' },
      { name: 'includeTopicAuthorizedOperations', type: 'bool', versions: '8+' }
    ]
  },
  response: {
    name: 'MetadataResponse',
    validVersions: '0-13',
    flexibleVersions: '9+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '3+' },
      {
        name: 'brokers',
        type: '[]MetadataResponseBroker',
        versions: '0+',
        fields: [
          { name: 'nodeId', type: 'int32', versions: '0+' },
          { name: 'host', type: 'string', versions: '0+' },
          { name: 'port', type: 'int32', versions: '0+' },
          { name: 'rack', type: 'string', versions: '1+', nullableVersions: '1+', default: 'null' }
        ]
      },
      {
        name: 'clusterId',
        type: 'string',
        versions: '2+',
        nullableVersions: '2+',
        default: 'null'
      },
      { name: 'controllerId', type: 'int32', versions: '1+', default: '-1' },
      {
        name: 'topics',
        type: '[]MetadataResponseTopic',
        versions: '0+',
        fields: [
          { name: 'errorCode', type: 'int16', versions: '0+' },
          { name: 'name', type: 'string', versions: '0+', nullableVersions: '12+' },
          { name: 'topicId', type: 'uuid', versions: '10+' },
          { name: 'isInternal', type: 'bool', versions: '1+', default: 'false' },
          {
            name: 'partitions',
            type: '[]MetadataResponsePartition',
            versions: '0+',
            fields: [
              { name: 'errorCode', type: 'int16', versions: '0+' },
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
              { name: 'leaderId', type: 'int32', versions: '0+' },
              { name: 'leaderEpoch', type: 'int32', versions: '7+', default: '-1' },
              { name: 'replicaNodes', type: '[]int32', versions: '0+' },
              { name: 'isrNodes', type: '[]int32', versions: '0+' },
              { name: 'offlineReplicas', type: '[]int32', versions: '5+' }
            ]
          },
          {
            name: 'topicAuthorizedOperations',
            type: 'int32',
            versions: '8+',
            default: '-2147483648'
          }
        ]
      },
      {
        name: 'clusterAuthorizedOperations',
        type: 'int32',
        versions: '8-10',
        default: '-2147483648'
      },
      { name: 'errorCode', type: 'int16', versions: '13+' }
    ]
  }
}

/** MetadataRequest body, versions 0-13. */
export interface MetadataRequest {
  /** The topics to fetch metadata for. (versions 0+; nullable 1+) */
  topics: MetadataRequestTopic[] | null
  /**
   * If this is true, the broker may auto-create topics that we requested which do not already
   * exist, if it is configured to do so. (versions 4+; default true)
   */
  allowAutoTopicCreation: boolean
  /** Whether to include cluster authorized operations. (versions 8-10) */
  includeClusterAuthorizedOperations: boolean
  /** Whether to include topic authorized operations. (versions 8+) */
  includeTopicAuthorizedOperations: boolean
}

/** A struct of MetadataRequest. */
export interface MetadataRequestTopic {
  /** The topic id. (versions 10+) */
  topicId: string
  /** The topic name. (versions 0+; nullable 10+) */
  name: string | null
}

/** MetadataResponse body, versions 0-13. */
export interface MetadataResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 3+)
   */
  throttleTimeMs: number
  /** A list of brokers present in the cluster. (versions 0+) */
  brokers: MetadataResponseBroker[]
  /** The cluster ID that responding broker belongs to. (versions 2+; nullable 2+; default null) */
  clusterId: string | null
  /** The ID of the controller broker. (versions 1+; default -1) */
  controllerId: number
  /** Each topic in the response. (versions 0+) */
  topics: MetadataResponseTopic[]
  /**
   * 32-bit bitfield to represent authorized operations for this cluster. (versions 8-10; default
   * -2147483648)
   */
  clusterAuthorizedOperations: number
  /** The top-level error code, or 0 if there was no error. (versions 13+) */
  errorCode: number
}

/** A struct of MetadataResponse. */
export interface MetadataResponseBroker {
  /** The broker ID. (versions 0+) */
  nodeId: number
  /** The broker hostname. (versions 0+) */
  host: string
  /** The broker port. (versions 0+) */
  port: number
  /**
   * The rack of the broker, or null if it has not been assigned to a rack. (versions 1+; nullable
   * 1+; default null)
   */
  rack: string | null
}

/** A struct of MetadataResponse. */
export interface MetadataResponseTopic {
  /** The topic error, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /**
   * The topic name. Null for non-existing topics queried by ID. This is never null when ErrorCode
   * is zero. One of Name and TopicId is always populated. (versions 0+; nullable 12+)
   */
  name: string | null
  /**
   * The topic id. Zero for non-existing topics queried by name. This is never zero when ErrorCode
   * is zero. One of Name and TopicId is always populated. (versions 10+)
   */
  topicId: string
  /** True if the topic is internal. (versions 1+; default false) */
  isInternal: boolean
  /** Each partition in the topic. (versions 0+) */
  partitions: MetadataResponsePartition[]
  /**
   * 32-bit bitfield to represent authorized operations for this topic. (versions 8+; default
   * -2147483648)
   */
  topicAuthorizedOperations: number
}

/** A struct of MetadataResponse. */
export interface MetadataResponsePartition {
  /** The partition error, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The ID of the leader broker. (versions 0+) */
  leaderId: number
  /** The leader epoch of this partition. (versions 7+; default -1) */
  leaderEpoch: number
  /** The set of all nodes that host this partition. (versions 0+) */
  replicaNodes: number[]
  /** The set of nodes that are in sync with the leader for this partition. (versions 0+) */
  isrNodes: number[]
  /** The set of offline replicas of this partition. (versions 5+) */
  offlineReplicas: number[]
}
