// ShareFetch (key 78): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** ShareFetch: serves versions 1-2 of the spec's 1-2. */
export const shareFetchApi: ApiSchema = {
  apiKey: 78,
  name: 'ShareFetch',
  minVersion: 1,
  maxVersion: 2,
  flexibleFrom: 1,
  request: {
    name: 'ShareFetchRequest',
    validVersions: '1-2',
    flexibleVersions: '0+',
    fields: [
      { name: 'groupId', type: 'string', versions: '0+', nullableVersions: '0+', default: 'null' },
      { name: 'memberId', type: 'string', versions: '0+', nullableVersions: '0+' },
      { name: 'shareSessionEpoch', type: 'int32', versions: '0+' },
      { name: 'maxWaitMs', type: 'int32', versions: '0+' },
      { name: 'minBytes', type: 'int32', versions: '0+' },
      { name: 'maxBytes', type: 'int32', versions: '0+', default: '0x7fffffff' },
      { name: 'maxRecords', type: 'int32', versions: '1+' },
      { name: 'batchSize', type: 'int32', versions: '1+' },
      { name: 'shareAcquireMode', type: 'int8', versions: '2+', default: '0' },
      { name: 'isRenewAck', type: 'bool', versions: '2+', default: 'false' },
      {
        name: 'topics',
        type: '[]FetchTopic',
        versions: '0+',
        fields: [
          { name: 'topicId', type: 'uuid', versions: '0+' },
          {
            name: 'partitions',
            type: '[]FetchPartition',
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
      },
      {
        name: 'forgottenTopicsData',
        type: '[]ForgottenTopic',
        versions: '0+',
        fields: [
          { name: 'topicId', type: 'uuid', versions: '0+' },
          { name: 'partitions', type: '[]int32', versions: '0+' }
        ]
      }
    ]
  },
  response: {
    name: 'ShareFetchResponse',
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
      { name: 'acquisitionLockTimeoutMs', type: 'int32', versions: '0+' },
      {
        name: 'responses',
        type: '[]ShareFetchableTopicResponse',
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
              { name: 'acknowledgeErrorCode', type: 'int16', versions: '0+' },
              {
                name: 'acknowledgeErrorMessage',
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
              },
              { name: 'records', type: 'records', versions: '0+', nullableVersions: '0+' },
              {
                name: 'acquiredRecords',
                type: '[]AcquiredRecords',
                versions: '0+',
                fields: [
                  { name: 'firstOffset', type: 'int64', versions: '0+' },
                  { name: 'lastOffset', type: 'int64', versions: '0+' },
                  { name: 'deliveryCount', type: 'int16', versions: '0+' }
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

/** ShareFetchRequest body, versions 1-2. */
export interface ShareFetchRequest {
  /** The group identifier. (versions 0+; nullable 0+; default null) */
  groupId: string | null
  /** The member ID. (versions 0+; nullable 0+) */
  memberId: string | null
  /**
   * The current share session epoch: 0 to open a share session; -1 to close it; otherwise
   * increments for consecutive requests. (versions 0+)
   */
  shareSessionEpoch: number
  /** The maximum time in milliseconds to wait for the response. (versions 0+) */
  maxWaitMs: number
  /** The minimum bytes to accumulate in the response. (versions 0+) */
  minBytes: number
  /**
   * The maximum bytes to fetch. See KIP-74 for cases where this limit may not be honored. (versions
   * 0+; default 0x7fffffff)
   */
  maxBytes: number
  /**
   * The maximum number of records to fetch. This limit can be exceeded for alignment of batch
   * boundaries. (versions 1+)
   */
  maxRecords: number
  /**
   * The optimal number of records for batches of acquired records and acknowledgements. (versions
   * 1+)
   */
  batchSize: number
  /**
   * The acquire mode to control the fetch behavior - 0:batch-optimized,1:record-limit. (versions
   * 2+; default 0)
   */
  shareAcquireMode: number
  /**
   * Whether Renew type acknowledgements present in AcknowledgementBatches. (versions 2+; default
   * false)
   */
  isRenewAck: boolean
  /** The topics to fetch. (versions 0+) */
  topics: ShareFetchRequestFetchTopic[]
  /** The partitions to remove from this share session. (versions 0+) */
  forgottenTopicsData: ShareFetchRequestForgottenTopic[]
}

/** A struct of ShareFetchRequest. */
export interface ShareFetchRequestFetchTopic {
  /** The unique topic ID. (versions 0+) */
  topicId: string
  /** The partitions to fetch. (versions 0+) */
  partitions: ShareFetchRequestFetchPartition[]
}

/** A struct of ShareFetchRequest. */
export interface ShareFetchRequestFetchPartition {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** Record batches to acknowledge. (versions 0+) */
  acknowledgementBatches: ShareFetchRequestAcknowledgementBatch[]
}

/** A struct of ShareFetchRequest. */
export interface ShareFetchRequestAcknowledgementBatch {
  /** First offset of batch of records to acknowledge. (versions 0+) */
  firstOffset: bigint
  /** Last offset (inclusive) of batch of records to acknowledge. (versions 0+) */
  lastOffset: bigint
  /** Array of acknowledge types - 0:Gap,1:Accept,2:Release,3:Reject,4:Renew. (versions 0+) */
  acknowledgeTypes: number[]
}

/** A struct of ShareFetchRequest. */
export interface ShareFetchRequestForgottenTopic {
  /** The unique topic ID. (versions 0+) */
  topicId: string
  /** The partitions indexes to forget. (versions 0+) */
  partitions: number[]
}

/** ShareFetchResponse body, versions 1-2. */
export interface ShareFetchResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The top-level response error code. (versions 0+) */
  errorCode: number
  /**
   * The top-level error message, or null if there was no error. (versions 0+; nullable 0+; default
   * null)
   */
  errorMessage: string | null
  /** The time in milliseconds for which the acquired records are locked. (versions 0+) */
  acquisitionLockTimeoutMs: number
  /** The response topics. (versions 0+) */
  responses: ShareFetchResponseShareFetchableTopicResponse[]
  /**
   * Endpoints for all current leaders enumerated in PartitionData with error
   * NOT_LEADER_OR_FOLLOWER. (versions 0+)
   */
  nodeEndpoints: ShareFetchResponseNodeEndpoint[]
}

/** A struct of ShareFetchResponse. */
export interface ShareFetchResponseShareFetchableTopicResponse {
  /** The unique topic ID. (versions 0+) */
  topicId: string
  /** The topic partitions. (versions 0+) */
  partitions: ShareFetchResponsePartitionData[]
}

/** A struct of ShareFetchResponse. */
export interface ShareFetchResponsePartitionData {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The fetch error code, or 0 if there was no fetch error. (versions 0+) */
  errorCode: number
  /**
   * The fetch error message, or null if there was no fetch error. (versions 0+; nullable 0+;
   * default null)
   */
  errorMessage: string | null
  /** The acknowledge error code, or 0 if there was no acknowledge error. (versions 0+) */
  acknowledgeErrorCode: number
  /**
   * The acknowledge error message, or null if there was no acknowledge error. (versions 0+;
   * nullable 0+; default null)
   */
  acknowledgeErrorMessage: string | null
  /** (versions 0+) */
  currentLeader: ShareFetchResponseLeaderIdAndEpoch
  /** The record data. (versions 0+; nullable 0+) */
  records: Buffer | null
  /** The acquired records. (versions 0+) */
  acquiredRecords: ShareFetchResponseAcquiredRecords[]
}

/** A struct of ShareFetchResponse. */
export interface ShareFetchResponseLeaderIdAndEpoch {
  /** The ID of the current leader or -1 if the leader is unknown. (versions 0+) */
  leaderId: number
  /** The latest known leader epoch. (versions 0+) */
  leaderEpoch: number
}

/** A struct of ShareFetchResponse. */
export interface ShareFetchResponseAcquiredRecords {
  /** The earliest offset in this batch of acquired records. (versions 0+) */
  firstOffset: bigint
  /** The last offset of this batch of acquired records. (versions 0+) */
  lastOffset: bigint
  /** The delivery count of this batch of acquired records. (versions 0+) */
  deliveryCount: number
}

/** A struct of ShareFetchResponse. */
export interface ShareFetchResponseNodeEndpoint {
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
