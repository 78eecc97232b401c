// CreateTopics (key 19): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** CreateTopics: serves versions 0-7 of the spec's 0-7. */
export const createTopicsApi: ApiSchema = {
  apiKey: 19,
  name: 'CreateTopics',
  minVersion: 0,
  maxVersion: 7,
  flexibleFrom: 5,
  request: {
    name: 'CreateTopicsRequest',
    validVersions: '0-7',
    flexibleVersions: '5+',
    fields: [
      {
        name: 'topics',
        type: '[]CreatableTopic',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          { name: 'numPartitions', type: 'int32', versions: '0+' },
          { name: 'replicationFactor', type: 'int16', versions: '0+' },
          {
            name: 'assignments',
            type: '[]CreatableReplicaAssignment',
            versions: '0+',
            fields: [
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
              { name: 'brokerIds', type: '[]int32', versions: '0+' }
            ]
          },
          {
            name: 'configs',
            type: '[]CreatableTopicConfig',
            versions: '0+',
            fields: [
              { name: 'name', type: 'string', versions: '0+' },
              { name: 'value', type: 'string', versions: '0+', nullableVersions: '0+' }
            ]
          }
        ]
      },
      { name: 'timeoutMs', type: 'int32', versions: '0+', default: '60000' },
      { name: 'validateOnly', type: 'bool', versions: '1+', default: 'false' }
    ]
  },
  response: {
    name: 'CreateTopicsResponse',
    validVersions: '0-7',
    flexibleVersions: '5+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '2+' },
      {
        name: 'topics',
        type: '[]CreatableTopicResult',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0+' },
          { name: 'topicId', type: 'uuid', versions: '7+' },
          { name: 'errorCode', type: 'int16', versions: '0+' },
          { name: 'errorMessage', type: 'string', versions: '1+', nullableVersions: '0+' },
          {
            name: 'topicConfigErrorCode',
            type: 'int16',
            versions: '5+',
            taggedVersions: '5+',
            tag: 0
          },
          { name: 'numPartitions', type: 'int32', versions: '5+', default: '-1' },
          { name: 'replicationFactor', type: 'int16', versions: '5+', default: '-1' },
          {
            name: 'configs',
            type: '[]CreatableTopicConfigs',
            versions: '5+',
            nullableVersions: '5+',
            fields: [
              { name: 'name', type: 'string', versions: '5+' },
              { name: 'value', type: 'string', versions: '5+', nullableVersions: '5+' },
              { name: 'readOnly', type: 'bool', versions: '5+' },
              { name: 'configSource', type: 'int8', versions: '5+', default: '-1' },
              { name: 'isSensitive', type: 'bool', versions: '5+' }
            ]
          }
        ]
      }
    ]
  }
}

/** CreateTopicsRequest body, versions 0-7. */
export interface CreateTopicsRequest {
  /** The topics to create. (versions 0+) */
  topics: CreateTopicsRequestCreatableTopic[]
  /**
   * How long to wait in milliseconds before timing out the request. (versions 0+; default 60000)
   */
  timeoutMs: number
  /**
   * If true, check that the topics can be created as specified, but don't create anything.
   * (versions 1+; default false)
   */
  validateOnly: boolean
}

/** A struct of CreateTopicsRequest. */
export interface CreateTopicsRequestCreatableTopic {
  /** The topic name. (versions 0+) */
  name: string
  /**
   * The number of partitions to create in the topic, or -1 if we are either specifying a manual
   * partition assignment or using the default partitions. (versions 0+)
   */
  numPartitions: number
  /**
   * The number of replicas to create for each partition in the topic, or -1 if we are either
   * specifying a manual partition assignment or using the default replication factor. (versions 0+)
   */
  replicationFactor: number
  /**
   * The manual partition assignment, or the empty array if we are using automatic assignment.
   * (versions 0+)
   */
  assignments: CreateTopicsRequestCreatableReplicaAssignment[]
  /** The custom topic configurations to set. (versions 0+) */
  configs: CreateTopicsRequestCreatableTopicConfig[]
}

/** A struct of CreateTopicsRequest. */
export interface CreateTopicsRequestCreatableReplicaAssignment {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The brokers to place the partition on. (versions 0+) */
  brokerIds: number[]
}

/** A struct of CreateTopicsRequest. */
export interface CreateTopicsRequestCreatableTopicConfig {
  /** The configuration name. (versions 0+) */
  name: string
  /** The configuration value. (versions 0+; nullable 0+) */
  value: string | null
}

/** CreateTopicsResponse body, versions 0-7. */
export interface CreateTopicsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 2+)
   */
  throttleTimeMs: number
  /** Results for each topic we tried to create. (versions 0+) */
  topics: CreateTopicsResponseCreatableTopicResult[]
}

/** A struct of CreateTopicsResponse. */
export interface CreateTopicsResponseCreatableTopicResult {
  /** The topic name. (versions 0+) */
  name: string
  /** The unique topic ID. (versions 7+) */
  topicId: string
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The error message, or null if there was no error. (versions 1+; nullable 0+) */
  errorMessage: string | null
  /**
   * Optional topic config error returned if configs are not returned in the response. (versions 5+;
   * tag 0 in 5+)
   */
  topicConfigErrorCode: number
  /** Number of partitions of the topic. (versions 5+; default -1) */
  numPartitions: number
  /** Replication factor of the topic. (versions 5+; default -1) */
  replicationFactor: number
  /** Configuration of the topic. (versions 5+; nullable 5+) */
  configs: CreateTopicsResponseCreatableTopicConfigs[] | null
}

/** A struct of CreateTopicsResponse. */
export interface CreateTopicsResponseCreatableTopicConfigs {
  /** The configuration name. (versions 5+) */
  name: string
  /** The configuration value. (versions 5+; nullable 5+) */
  value: string | null
  /** True if the configuration is read-only. (versions 5+) */
  readOnly: boolean
  /** The configuration source. (versions 5+; default -1) */
  configSource: number
  /** True if this configuration is sensitive. (versions 5+) */
  isSensitive: boolean
}
