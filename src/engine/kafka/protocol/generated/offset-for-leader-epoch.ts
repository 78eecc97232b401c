// OffsetForLeaderEpoch (key 23): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** OffsetForLeaderEpoch: serves versions 0-4 of the spec's 0-4. */
export const offsetForLeaderEpochApi: ApiSchema = {
  apiKey: 23,
  name: 'OffsetForLeaderEpoch',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 4,
  request: {
    name: 'OffsetForLeaderEpochRequest',
    validVersions: '0-4',
    flexibleVersions: '4+',
    fields: [
      { name: 'replicaId', type: 'int32', versions: '3+', default: '-2' },
      {
        name: 'topics',
        type: '[]OffsetForLeaderTopic',
        versions: '0+',
        fields: [
          { name: 'topic', type: 'string', versions: '0+' },
          {
            name: 'partitions',
            type: '[]OffsetForLeaderPartition',
            versions: '0+',
            fields: [
              { name: 'partition', type: 'int32', versions: '0+' },
              { name: 'currentLeaderEpoch', type: 'int32', versions: '2+', default: '-1' },
              { name: 'leaderEpoch', type: 'int32', versions: '0+' }
            ]
          }
        ]
      }
    ]
  },
  response: {
    name: 'OffsetForLeaderEpochResponse',
    validVersions: '0-4',
    flexibleVersions: '4+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '2+' },
      {
        name: 'topics',
        type: '[]OffsetForLeaderTopicResult',
        versions: '0+',
        fields: [
          { name: 'topic', type: 'string', versions: '0+' },
          {
            name: 'partitions',
            type: '[]EpochEndOffset',
            versions: '0+',
            fields: [
              { name: 'errorCode', type: 'int16', versions: '0+' },
              { name: 'partition', type: 'int32', versions: '0+' },
              { name: 'leaderEpoch', type: 'int32', versions: '1+', default: '-1' },
              { name: 'endOffset', type: 'int64', versions: '0+', default: '-1' }
            ]
          }
        ]
      }
    ]
  }
}

/** OffsetForLeaderEpochRequest body, versions 0-4. */
export interface OffsetForLeaderEpochRequest {
  /**
   * The broker ID of the follower, of -1 if this request is from a consumer. (versions 3+; default
   * -2)
   */
  replicaId: number
  /** Each topic to get offsets for. (versions 0+) */
  topics: OffsetForLeaderEpochRequestOffsetForLeaderTopic[]
}

/** A struct of OffsetForLeaderEpochRequest. */
export interface OffsetForLeaderEpochRequestOffsetForLeaderTopic {
  /** The topic name. (versions 0+) */
  topic: string
  /** Each partition to get offsets for. (versions 0+) */
  partitions: OffsetForLeaderEpochRequestOffsetForLeaderPartition[]
}

/** A struct of OffsetForLeaderEpochRequest. */
export interface OffsetForLeaderEpochRequestOffsetForLeaderPartition {
  /** The partition index. (versions 0+) */
  partition: number
  /**
   * An epoch used to fence consumers/replicas with old metadata. If the epoch provided by the
   * client is larger than the current epoch known to the broker, then the UNKNOWN_LEADER_EPOCH
   * error code will be returned. If the provided epoch is smaller, then the FENCED_LEADER_EPOCH
   * error code will be returned. (versions 2+; default -1)
   */
  currentLeaderEpoch: number
  /** The epoch to look up an offset for. (versions 0+) */
  leaderEpoch: number
}

/** OffsetForLeaderEpochResponse body, versions 0-4. */
export interface OffsetForLeaderEpochResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 2+)
   */
  throttleTimeMs: number
  /** Each topic we fetched offsets for. (versions 0+) */
  topics: OffsetForLeaderEpochResponseOffsetForLeaderTopicResult[]
}

/** A struct of OffsetForLeaderEpochResponse. */
export interface OffsetForLeaderEpochResponseOffsetForLeaderTopicResult {
  /** The topic name. (versions 0+) */
  topic: string
  /** Each partition in the topic we fetched offsets for. (versions 0+) */
  partitions: OffsetForLeaderEpochResponseEpochEndOffset[]
}

/** A struct of OffsetForLeaderEpochResponse. */
export interface OffsetForLeaderEpochResponseEpochEndOffset {
  /** The error code 0, or if there was no error. (versions 0+) */
  errorCode: number
  /** The partition index. (versions 0+) */
  partition: number
  /** The leader epoch of the partition. (versions 1+; default -1) */
  leaderEpoch: number
  /** The end offset of the epoch. (versions 0+; default -1) */
  endOffset: bigint
}
