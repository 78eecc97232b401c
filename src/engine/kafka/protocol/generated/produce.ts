// Produce (key 0): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** Produce: serves versions 3-13 of the spec's 3-13. */
export const produceApi: ApiSchema = {
  apiKey: 0,
  name: 'Produce',
  minVersion: 3,
  maxVersion: 13,
  flexibleFrom: 9,
  request: {
    name: 'ProduceRequest',
    validVersions: '3-13',
    flexibleVersions: '9+',
    fields: [
      {
        name: 'transactionalId',
        type: 'string',
        versions: '3+',
        nullableVersions: '3+',
        default: 'null'
      },
      { name: 'acks', type: 'int16', versions: '0+' },
      { name: 'timeoutMs', type: 'int32', versions: '0+' },
      {
        name: 'topicData',
        type: '[]TopicProduceData',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0-12' },
          { name: 'topicId', type: 'uuid', versions: '13+' },
          {
            name: 'partitionData',
            type: '[]PartitionProduceData',
            versions: '0+',
            fields: [
              { name: 'index', type: 'int32', versions: '0+' },
              { name: 'records', type: 'records', versions: '0+', nullableVersions: '0+' }
            ]
          }
        ]
      }
    ]
  },
  response: {
    name: 'ProduceResponse',
    validVersions: '3-13',
    flexibleVersions: '9+',
    fields: [
      {
        name: 'responses',
        type: '[]TopicProduceResponse',
        versions: '0+',
        fields: [
          { name: 'name', type: 'string', versions: '0-12' },
          { name: 'topicId', type: 'uuid', versions: '13+' },
          {
            name: 'partitionResponses',
            type: '[]PartitionProduceResponse',
            versions: '0+',
            fields: [
              { name: 'index', type: 'int32', versions: '0+' },
              { name: 'errorCode', type: 'int16', versions: '0+' },
              { name: 'baseOffset', type: 'int64', versions: '0+' },
              { name: 'logAppendTimeMs', type: 'int64', versions: '2+', default: '-1' },
              { name: 'logStartOffset', type: 'int64', versions: '5+', default: '-1' },
              {
                name: 'recordErrors',
                type: '[]BatchIndexAndErrorMessage',
                versions: '8+',
                fields: [
                  { name: 'batchIndex', type: 'int32', versions: '8+' },
                  {
                    name: 'batchIndexErrorMessage',
                    type: 'string',
                    versions: '8+',
                    nullableVersions: '8+',
                    default: 'null'
                  }
                ]
              },
              {
                name: 'errorMessage',
                type: 'string',
                versions: '8+',
                nullableVersions: '8+',
                default: 'null'
              },
              {
                name: 'currentLeader',
                type: 'LeaderIdAndEpoch',
                versions: '10+',
                taggedVersions: '10+',
                tag: 0,
                fields: [
                  { name: 'leaderId', type: 'int32', versions: '10+', default: '-1' },
                  { name: 'leaderEpoch', type: 'int32', versions: '10+', default: '-1' }
                ]
              }
            ]
          }
        ]
      },
      { name: 'throttleTimeMs', type: 'int32', versions: '1+', default: '0' },
      {
        name: 'nodeEndpoints',
        type: '[]NodeEndpoint',
        versions: '10+',
        taggedVersions: '10+',
        tag: 0,
        fields: [
          { name: 'nodeId', type: 'int32', versions: '10+' },
          { name: 'host', type: 'string', versions: '10+' },
          { name: 'port', type: 'int32', versions: '10+' },
          {
            name: 'rack',
            type: 'string',
            versions: '10+',
            nullableVersions: '10+',
            default: 'null'
          }
        ]
      }
    ]
  }
}

/** ProduceRequest body, versions 3-13. */
export interface ProduceRequest {
  /**
   * The transactional ID, or null if the producer is not transactional. (versions 3+; nullable 3+;
   * default null)
   */
  transactionalId: string | null
  /**
   * The number of acknowledgments the producer requires the leader to have received before
   * considering a request complete. Allowed values: 0 for no acknowledgments, 1 for only the leader
   * and -1 for the full ISR. (versions 0+)
   */
  acks: number
  /** The timeout to await a response in milliseconds. (versions 0+) */
  timeoutMs: number
  /** Each topic to produce to. (versions 0+) */
  topicData: ProduceRequestTopicProduceData[]
}

/** A struct of ProduceRequest. */
export interface ProduceRequestTopicProduceData {
  /** The topic name. (versions 0-12) */
  name: string
  /** The unique topic ID. (versions 13+) */
  topicId: string
  /** Each partition to produce to. (versions 0+) */
  partitionData: ProduceRequestPartitionProduceData[]
}

/** A struct of ProduceRequest. */
export interface ProduceRequestPartitionProduceData {
  /** The partition index. (versions 0+) */
  index: number
  /** The record data to be produced. (versions 0+; nullable 0+) */
  records: Buffer | null
}

/** ProduceResponse body, versions 3-13. */
export interface ProduceResponse {
  /** Each produce response. (versions 0+) */
  responses: ProduceResponseTopicProduceResponse[]
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 1+; default 0)
   */
  throttleTimeMs: number
  /**
   * Endpoints for all current-leaders enumerated in PartitionProduceResponses, with errors
   * NOT_LEADER_OR_FOLLOWER. (versions 10+; tag 0 in 10+)
   */
  nodeEndpoints: ProduceResponseNodeEndpoint[]
}

/** A struct of ProduceResponse. */
export interface ProduceResponseTopicProduceResponse {
  /** The topic name. (versions 0-12) */
  name: string
  /** The unique topic ID. (versions 13+) */
  topicId: string
  /** Each partition that we produced to within the topic. (versions 0+) */
  partitionResponses: ProduceResponsePartitionProduceResponse[]
}

/** A struct of ProduceResponse. */
export interface ProduceResponsePartitionProduceResponse {
  /** The partition index. (versions 0+) */
  index: number
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The base offset. (versions 0+) */
  baseOffset: bigint
  /**
   * The timestamp returned by broker after appending the messages. If CreateTime is used for the
   * topic, the timestamp will be -1. If LogAppendTime is used for the topic, the timestamp will be
   * the broker local time when the messages are appended. (versions 2+; default -1)
   */
  logAppendTimeMs: bigint
  /** The log start offset. (versions 5+; default -1) */
  logStartOffset: bigint
  /** The batch indices of records that caused the batch to be dropped. (versions 8+) */
  recordErrors: ProduceResponseBatchIndexAndErrorMessage[]
  /**
   * The global error message summarizing the common root cause of the records that caused the batch
   * to be dropped. (versions 8+; nullable 8+; default null)
   */
  errorMessage: string | null
  /**
   * The leader broker that the producer should use for future requests. (versions 10+; tag 0 in
   * 10+)
   */
  currentLeader: ProduceResponseLeaderIdAndEpoch
}

/** A struct of ProduceResponse. */
export interface ProduceResponseBatchIndexAndErrorMessage {
  /** The batch index of the record that caused the batch to be dropped. (versions 8+) */
  batchIndex: number
  /**
   * The error message of the record that caused the batch to be dropped. (versions 8+; nullable 8+;
   * default null)
   */
  batchIndexErrorMessage: string | null
}

/** A struct of ProduceResponse. */
export interface ProduceResponseLeaderIdAndEpoch {
  /** The ID of the current leader or -1 if the leader is unknown. (versions 10+; default -1) */
  leaderId: number
  /** The latest known leader epoch. (versions 10+; default -1) */
  leaderEpoch: number
}

/** A struct of ProduceResponse. */
export interface ProduceResponseNodeEndpoint {
  /** The ID of the associated node. (versions 10+) */
  nodeId: number
  /** The node's hostname. (versions 10+) */
  host: string
  /** The node's port. (versions 10+) */
  port: number
  /**
   * The rack of the node, or null if it has not been assigned to a rack. (versions 10+; nullable
   * 10+; default null)
   */
  rack: string | null
}
