// ShareAcknowledge (key 79): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** ShareAcknowledge: serves versions 1-2 of the spec's 1-2. */
export const shareAcknowledgeApi: ApiSchema = {
  apiKey: 79,
  name: 'ShareAcknowledge',
  minVersion: 1,
  maxVersion: 2,
  flexibleFrom: 1,
  request: {
    name: 'ShareAcknowledgeRequest',
    validVersions: '1-2',
    flexibleVersions: '0+',
    fields: [
      { name: 'groupId', type: 'string', versions: '0+', nullableVersions: '0+', default: 'null' },
      { name: 'memberId', type: 'string', versions: '0+', nullableVersions: '0+' },
      { name: 'shareSessionEpoch', type: 'int32', versions: '0+' },
      { name: 'isRenewAck', type: 'bool', versions: '2+', default: 'false' },
      {
        name: 'topics',
        type: '[]AcknowledgeTopic',
        versions: '0+',
        fields: [
          { name: 'topicId', type: 'uuid', versions: '0+' },
          {
            name: 'partitions',
            type: '[]AcknowledgePartition',
            versions: '0+',
            fields: [
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
              {
                name: 'acknowledgementBatches',
                type: '[]AcknowledgementBatch',
                versions: '0+',
                fields: [
                  { name: 'firstOffset', type: 'int64', versions: '0+' },
                  { name: 'lastOffset', type: 'int64', versions: '0+' },
                  { name: 'acknowledgeTypes', type: '[]int8', versions: '0+' }
                ]
              }
            ]
          }
        ]
      }
    ]
  },
  response: {
    name: 'ShareAcknowledgeResponse',
    validVersions: '1-2',
    flexibleVersions: '0+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '0+' },
      {
        name: 'errorMessage',
        type: 'string',
        versions: '0+',
        nullableVersions: '0+',
        default: 'null'
      },
      { name: 'acquisitionLockTimeoutMs', type: 'int32', versions: '2+' },
      {
        name: 'responses',
        type: '[]ShareAcknowledgeTopicResponse',
        versions: '0+',
        fields: [
          { name: 'topicId', type: 'uuid', versions: '0+' },
          {
            name: 'partitions',
            type: '[]PartitionData',
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
                name: 'currentLeader',
                type: 'LeaderIdAndEpoch',
                versions: '0+',
                fields: [
                  { name: 'leaderId', type: 'int32', versions: '0+' },
                  { name: 'leaderEpoch', type: 'int32', versions: '0+' }
                ]
              }
            ]
          }
        ]
      },
      {
        name: 'nodeEndpoints',
        type: '[]NodeEndpoint',
        versions: '0+',
        fields: [
          { name: 'nodeId', type: 'int32', versions: '0+' },
          { name: 'host', type: 'string', versions: '0+' },
          { name: 'port', type: 'int32', versions: '0+' },
          { name: 'rack', type: 'string', versions: '0+', nullableVersions: '0+', default: 'null' }
        ]
      }
    ]
  }
}

/** ShareAcknowledgeRequest body, versions 1-2. */
export interface ShareAcknowledgeRequest {
  /** The group identifier. (versions 0+; nullable 0+; default null) */
  groupId: string | null
  /** The member ID. (versions 0+; nullable 0+) */
  memberId: string | null
  /**
   * The current share session epoch: 0 to open a share session; -1 to close it; otherwise
   * increments for consecutive requests. (versions 0+)
   */
  shareSessionEpoch: number
  /**
   * Whether Renew type acknowledgements present in AcknowledgementBatches. (versions 2+; default
   * false)
   */
  isRenewAck: boolean
  /** The topics containing records to acknowledge. (versions 0+) */
  topics: ShareAcknowledgeRequestAcknowledgeTopic[]
}

/** A struct of ShareAcknowledgeRequest. */
export interface ShareAcknowledgeRequestAcknowledgeTopic {
  /** The unique topic ID. (versions 0+) */
  topicId: string
  /** The partitions containing records to acknowledge. (versions 0+) */
  partitions: ShareAcknowledgeRequestAcknowledgePartition[]
}

/** A struct of ShareAcknowledgeRequest. */
export interface ShareAcknowledgeRequestAcknowledgePartition {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** Record batches to acknowledge. (versions 0+) */
  acknowledgementBatches: ShareAcknowledgeRequestAcknowledgementBatch[]
}

/** A struct of ShareAcknowledgeRequest. */
export interface ShareAcknowledgeRequestAcknowledgementBatch {
  /** First offset of batch of records to acknowledge. (versions 0+) */
  firstOffset: bigint
  /** Last offset (inclusive) of batch of records to acknowledge. (versions 0+) */
  lastOffset: bigint
  /** Array of acknowledge types - 0:Gap,1:Accept,2:Release,3:Reject,4:Renew. (versions 0+) */
  acknowledgeTypes: number[]
}

/** ShareAcknowledgeResponse body, versions 1-2. */
export interface ShareAcknowledgeResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The top level response error code. (versions 0+) */
  errorCode: number
  /**
   * The top-level error message, or null if there was no error. (versions 0+; nullable 0+; default
   * null)
   */
  errorMessage: string | null
  /** The time in milliseconds for which the acquired records are locked. (versions 2+) */
  acquisitionLockTimeoutMs: number
  /** The response topics. (versions 0+) */
  responses: ShareAcknowledgeResponseShareAcknowledgeTopicResponse[]
  /**
   * Endpoints for all current leaders enumerated in PartitionData with error
   * NOT_LEADER_OR_FOLLOWER. (versions 0+)
   */
  nodeEndpoints: ShareAcknowledgeResponseNodeEndpoint[]
}

/** A struct of ShareAcknowledgeResponse. */
export interface ShareAcknowledgeResponseShareAcknowledgeTopicResponse {
  /** The unique topic ID. (versions 0+) */
  topicId: string
  /** The topic partitions. (versions 0+) */
  partitions: ShareAcknowledgeResponsePartitionData[]
}

/** A struct of ShareAcknowledgeResponse. */
export interface ShareAcknowledgeResponsePartitionData {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The error message, or null if there was no error. (versions 0+; nullable 0+; default null) */
  errorMessage: string | null
  /** (versions 0+) */
  currentLeader: ShareAcknowledgeResponseLeaderIdAndEpoch
}

/** A struct of ShareAcknowledgeResponse. */
export interface ShareAcknowledgeResponseLeaderIdAndEpoch {
  /** The ID of the current leader or -1 if the leader is unknown. (versions 0+) */
  leaderId: number
  /** The latest known leader epoch. (versions 0+) */
  leaderEpoch: number
}

/** A struct of ShareAcknowledgeResponse. */
export interface ShareAcknowledgeResponseNodeEndpoint {
  /** The ID of the associated node. (versions 0+) */
  nodeId: number
  /** The node's hostname. (versions 0+) */
  host: string
  /** The node's port. (versions 0+) */
  port: number
  /**
   * The rack of the node, or null if it has not been assigned to a rack. (versions 0+; nullable 0+;
   * default null)
   */
  rack: string | null
}
