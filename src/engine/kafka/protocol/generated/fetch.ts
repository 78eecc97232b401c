// Fetch (key 1): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** Fetch: serves versions 4-17 of the spec's 0-17. */
export const fetchApi: ApiSchema = {
  apiKey: 1,
  name: 'Fetch',
  minVersion: 4,
  maxVersion: 17,
  flexibleFrom: 12,
  request: {
    name: 'FetchRequest',
    validVersions: '0-17',
    flexibleVersions: '12+',
    fields: [
      {
        name: 'clusterId',
        type: 'string',
        versions: '12+',
        nullableVersions: '12+',
        taggedVersions: '12+',
        tag: 0,
        default: 'null'
      },
      { name: 'replicaId', type: 'int32', versions: '0-14', default: '-1' },
      {
        name: 'replicaState',
        type: 'ReplicaState',
        versions: '15+',
        taggedVersions: '15+',
        tag: 1,
        fields: [
          { name: 'replicaId', type: 'int32', versions: '15+', default: '-1' },
          { name: 'replicaEpoch', type: 'int64', versions: '15+', default: '-1' }
        ]
      },
      { name: 'maxWaitMs', type: 'int32', versions: '0+' },
      { name: 'minBytes', type: 'int32', versions: '0+' },
      { name: 'maxBytes', type: 'int32', versions: '3+', default: '0x7fffffff' },
      { name: 'isolationLevel', type: 'int8', versions: '4+', default: '0' },
      { name: 'sessionId', type: 'int32', versions: '7+', default: '0' },
      { name: 'sessionEpoch', type: 'int32', versions: '7+', default: '-1' },
      {
        name: 'topics',
        type: '[]FetchTopic',
        versions: '0+',
        fields: [
          { name: 'topic', type: 'string', versions: '0-12' },
          { name: 'topicId', type: 'uuid', versions: '13+' },
          {
            name: 'partitions',
            type: '[]FetchPartition',
            versions: '0+',
            fields: [
              { name: 'partition', type: 'int32', versions: '0+' },
              { name: 'currentLeaderEpoch', type: 'int32', versions: '9+', default: '-1' },
              { name: 'fetchOffset', type: 'int64', versions: '0+' },
              { name: 'lastFetchedEpoch', type: 'int32', versions: '12+', default: '-1' },
              { name: 'logStartOffset', type: 'int64', versions: '5+', default: '-1' },
              { name: 'partitionMaxBytes', type: 'int32', versions: '0+' },
              {
                name: 'replicaDirectoryId',
                type: 'uuid',
                versions: '17+',
                taggedVersions: '17+',
                tag: 0
              }
            ]
          }
        ]
      },
      {
        name: 'forgottenTopicsData',
        type: '[]ForgottenTopic',
        versions: '7+',
        fields: [
          { name: 'topic', type: 'string', versions: '7-12' },
          { name: 'topicId', type: 'uuid', versions: '13+' },
          { name: 'partitions', type: '[]int32', versions: '7+' }
        ]
      },
      { name: 'rackId', type: 'string', versions: '11+', default: '' }
    ]
  },
  response: {
    name: 'FetchResponse',
    validVersions: '0-17',
    flexibleVersions: '12+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '1+' },
      { name: 'errorCode', type: 'int16', versions: '7+' },
      { name: 'sessionId', type: 'int32', versions: '7+', default: '0' },
      {
        name: 'responses',
        type: '[]FetchableTopicResponse',
        versions: '0+',
        fields: [
          { name: 'topic', type: 'string', versions: '0-12' },
          { name: 'topicId', type: 'uuid', versions: '13+' },
          {
            name: 'partitions',
            type: '[]PartitionData',
            versions: '0+',
            fields: [
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
              { name: 'errorCode', type: 'int16', versions: '0+' },
              { name: 'highWatermark', type: 'int64', versions: '0+' },
              { name: 'lastStableOffset', type: 'int64', versions: '4+', default: '-1' },
              { name: 'logStartOffset', type: 'int64', versions: '5+', default: '-1' },
              {
                name: 'divergingEpoch',
                type: 'EpochEndOffset',
                versions: '12+',
                taggedVersions: '12+',
                tag: 0,
                fields: [
                  { name: 'epoch', type: 'int32', versions: '12+', default: '-1' },
                  { name: 'endOffset', type: 'int64', versions: '12+', default: '-1' }
                ]
              },
              {
                name: 'currentLeader',
                type: 'LeaderIdAndEpoch',
                versions: '12+',
                taggedVersions: '12+',
                tag: 1,
                fields: [
                  { name: 'leaderId', type: 'int32', versions: '12+', default: '-1' },
                  { name: 'leaderEpoch', type: 'int32', versions: '12+', default: '-1' }
                ]
              },
              {
                name: 'snapshotId',
                type: 'SnapshotId',
                versions: '12+',
                taggedVersions: '12+',
                tag: 2,
                fields: [
                  { name: 'endOffset', type: 'int64', versions: '0+', default: '-1' },
                  { name: 'epoch', type: 'int32', versions: '0+', default: '-1' }
                ]
              },
              {
                name: 'abortedTransactions',
                type: '[]AbortedTransaction',
                versions: '4+',
                nullableVersions: '4+',
                fields: [
                  { name: 'producerId', type: 'int64', versions: '4+' },
                  { name: 'firstOffset', type: 'int64', versions: '4+' }
                ]
              },
              { name: 'preferredReadReplica', type: 'int32', versions: '11+', default: '-1' },
              { name: 'records', type: 'records', versions: '0+', nullableVersions: '0+' }
            ]
          }
        ]
      },
      {
        name: 'nodeEndpoints',
        type: '[]NodeEndpoint',
        versions: '16+',
        taggedVersions: '16+',
        tag: 0,
        fields: [
          { name: 'nodeId', type: 'int32', versions: '16+' },
          { name: 'host', type: 'string', versions: '16+' },
          { name: 'port', type: 'int32', versions: '16+' },
          {
            name: 'rack',
            type: 'string',
            versions: '16+',
            nullableVersions: '16+',
            default: 'null'
          }
        ]
      }
    ]
  }
}

/** FetchRequest body, versions 4-17. */
export interface FetchRequest {
  /**
   * The clusterId if known. This is used to validate metadata fetches prior to broker registration.
   * (versions 12+; nullable 12+; tag 0 in 12+; default null)
   */
  clusterId: string | null
  /**
   * The broker ID of the follower, of -1 if this request is from a consumer. (versions 0-14;
   * default -1)
   */
  replicaId: number
  /** (versions 15+; tag 1 in 15+) */
  replicaState: FetchRequestReplicaState
  /** The maximum time in milliseconds to wait for the response. (versions 0+) */
  maxWaitMs: number
  /** The minimum bytes to accumulate in the response. (versions 0+) */
  minBytes: number
  /**
   * The maximum bytes to fetch. See KIP-74 for cases where this limit may not be honored. (versions
   * 3+; default 0x7fffffff)
   */
  maxBytes: number
  /**
   * This setting controls the visibility of transactional records. Using READ_UNCOMMITTED
   * (isolation_level = 0) makes all records visible. With READ_COMMITTED (isolation_level = 1),
   * non-transactional and COMMITTED transactional records are visible. To be more concrete,
   * READ_COMMITTED returns all data from offsets smaller than the current LSO (last stable offset),
   * and enables the inclusion of the list of aborted transactions in the result, which allows
   * consumers to discard ABORTED transactional records. (versions 4+; default 0)
   */
  isolationLevel: number
  /** The fetch session ID. (versions 7+; default 0) */
  sessionId: number
  /**
   * The fetch session epoch, which is used for ordering requests in a session. (versions 7+;
   * default -1)
   */
  sessionEpoch: number
  /** The topics to fetch. (versions 0+) */
  topics: FetchRequestFetchTopic[]
  /** In an incremental fetch request, the partitions to remove. (versions 7+) */
  forgottenTopicsData: FetchRequestForgottenTopic[]
  /** Rack ID of the consumer making this request. (versions 11+; default ) */
  rackId: string
}

/** A struct of FetchRequest. */
export interface FetchRequestReplicaState {
  /**
   * The replica ID of the follower, or -1 if this request is from a consumer. (versions 15+;
   * default -1)
   */
  replicaId: number
  /** The epoch of this follower, or -1 if not available. (versions 15+; default -1) */
  replicaEpoch: bigint
}

/** A struct of FetchRequest. */
export interface FetchRequestFetchTopic {
  /** The name of the topic to fetch. (versions 0-12) */
  topic: string
  /** The unique topic ID. (versions 13+) */
  topicId: string
  /** The partitions to fetch. (versions 0+) */
  partitions: FetchRequestFetchPartition[]
}

/** A struct of FetchRequest. */
export interface FetchRequestFetchPartition {
  /** The partition index. (versions 0+) */
  partition: number
  /** The current leader epoch of the partition. (versions 9+; default -1) */
  currentLeaderEpoch: number
  /** The message offset. (versions 0+) */
  fetchOffset: bigint
  /** The epoch of the last fetched record or -1 if there is none. (versions 12+; default -1) */
  lastFetchedEpoch: number
  /**
   * The earliest available offset of the follower replica. The field is only used when the request
   * is sent by the follower. (versions 5+; default -1)
   */
  logStartOffset: bigint
  /**
   * The maximum bytes to fetch from this partition. See KIP-74 for cases where this limit may not
   * be honored. (versions 0+)
   */
  partitionMaxBytes: number
  /** The directory id of the follower fetching. (versions 17+; tag 0 in 17+) */
  replicaDirectoryId: string
}

/** A struct of FetchRequest. */
export interface FetchRequestForgottenTopic {
  /** The topic name. (versions 7-12) */
  topic: string
  /** The unique topic ID. (versions 13+) */
  topicId: string
  /** The partitions indexes to forget. (versions 7+) */
  partitions: number[]
}

/** FetchResponse body, versions 4-17. */
export interface FetchResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 1+)
   */
  throttleTimeMs: number
  /** The top level response error code. (versions 7+) */
  errorCode: number
  /** The fetch session ID, or 0 if this is not part of a fetch session. (versions 7+; default 0) */
  sessionId: number
  /** The response topics. (versions 0+) */
  responses: FetchResponseFetchableTopicResponse[]
  /**
   * Endpoints for all current-leaders enumerated in PartitionData, with errors
   * NOT_LEADER_OR_FOLLOWER & FENCED_LEADER_EPOCH. (versions 16+; tag 0 in 16+)
   */
  nodeEndpoints: FetchResponseNodeEndpoint[]
}

/** A struct of FetchResponse. */
export interface FetchResponseFetchableTopicResponse {
  /** The topic name. (versions 0-12) */
  topic: string
  /** The unique topic ID. (versions 13+) */
  topicId: string
  /** The topic partitions. (versions 0+) */
  partitions: FetchResponsePartitionData[]
}

/** A struct of FetchResponse. */
export interface FetchResponsePartitionData {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The error code, or 0 if there was no fetch error. (versions 0+) */
  errorCode: number
  /** The current high water mark. (versions 0+) */
  highWatermark: bigint
  /**
   * The last stable offset (or LSO) of the partition. This is the last offset such that the state
   * of all transactional records prior to this offset have been decided (ABORTED or COMMITTED).
   * (versions 4+; default -1)
   */
  lastStableOffset: bigint
  /** The current log start offset. (versions 5+; default -1) */
  logStartOffset: bigint
  /**
   * In case divergence is detected based on the `LastFetchedEpoch` and `FetchOffset` in the
   * request, this field indicates the largest epoch and its end offset such that subsequent records
   * are known to diverge. (versions 12+; tag 0 in 12+)
   */
  divergingEpoch: FetchResponseEpochEndOffset
  /** (versions 12+; tag 1 in 12+) */
  currentLeader: FetchResponseLeaderIdAndEpoch
  /**
   * In the case of fetching an offset less than the LogStartOffset, this is the end offset and
   * epoch that should be used in the FetchSnapshot request. (versions 12+; tag 2 in 12+)
   */
  snapshotId: FetchResponseSnapshotId
  /** The aborted transactions. (versions 4+; nullable 4+) */
  abortedTransactions: FetchResponseAbortedTransaction[] | null
  /**
   * The preferred read replica for the consumer to use on its next fetch request. (versions 11+;
   * default -1)
   */
  preferredReadReplica: number
  /** The record data. (versions 0+; nullable 0+) */
  records: Buffer | null
}

/** A struct of FetchResponse. */
export interface FetchResponseEpochEndOffset {
  /** (versions 12+; default -1) */
  epoch: number
  /** (versions 12+; default -1) */
  endOffset: bigint
}

/** A struct of FetchResponse. */
export interface FetchResponseLeaderIdAndEpoch {
  /** The ID of the current leader or -1 if the leader is unknown. (versions 12+; default -1) */
  leaderId: number
  /** The latest known leader epoch. (versions 12+; default -1) */
  leaderEpoch: number
}

/** A struct of FetchResponse. */
export interface FetchResponseSnapshotId {
  /** (versions 0+; default -1) */
  endOffset: bigint
  /** (versions 0+; default -1) */
  epoch: number
}

/** A struct of FetchResponse. */
export interface FetchResponseAbortedTransaction {
  /** The producer id associated with the aborted transaction. (versions 4+) */
  producerId: bigint
  /** The first offset in the aborted transaction. (versions 4+) */
  firstOffset: bigint
}

/** A struct of FetchResponse. */
export interface FetchResponseNodeEndpoint {
  /** The ID of the associated node. (versions 16+) */
  nodeId: number
  /** The node's hostname. (versions 16+) */
  host: string
  /** The node's port. (versions 16+) */
  port: number
  /**
   * The rack of the node, or null if it has not been assigned to a rack. (versions 16+; nullable
   * 16+; default null)
   */
  rack: string | null
}
