// DescribeQuorum (key 55): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** DescribeQuorum: serves versions 0-2 of the spec's 0-2. */
export const describeQuorumApi: ApiSchema = {
  apiKey: 55,
  name: 'DescribeQuorum',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 0,
  request: {
    name: 'DescribeQuorumRequest',
    validVersions: '0-2',
    flexibleVersions: '0+',
    fields: [
      {
        name: 'topics',
        type: '[]TopicData',
        versions: '0+',
        fields: [
          { name: 'topicName', type: 'string', versions: '0+' },
          {
            name: 'partitions',
            type: '[]PartitionData',
            versions: '0+',
            fields: [{ name: 'partitionIndex', type: 'int32', versions: '0+' }]
          }
        ]
      }
    ]
  },
  response: {
    name: 'DescribeQuorumResponse',
    validVersions: '0-2',
    flexibleVersions: '0+',
    fields: [
      { name: 'errorCode', type: 'int16', versions: '0+' },
      { name: 'errorMessage', type: 'string', versions: '2+', nullableVersions: '2+' },
      {
        name: 'topics',
        type: '[]TopicData',
        versions: '0+',
        fields: [
          { name: 'topicName', type: 'string', versions: '0+' },
          {
            name: 'partitions',
            type: '[]PartitionData',
            versions: '0+',
            fields: [
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
              { name: 'errorCode', type: 'int16', versions: '0+' },
              { name: 'errorMessage', type: 'string', versions: '2+', nullableVersions: '2+' },
              { name: 'leaderId', type: 'int32', versions: '0+' },
              { name: 'leaderEpoch', type: 'int32', versions: '0+' },
              { name: 'highWatermark', type: 'int64', versions: '0+' },
              {
                name: 'currentVoters',
                type: '[]ReplicaState',
                versions: '0+',
                fields: [
                  { name: 'replicaId', type: 'int32', versions: '0+' },
                  { name: 'replicaDirectoryId', type: 'uuid', versions: '2+' },
                  { name: 'logEndOffset', type: 'int64', versions: '0+' },
                  { name: 'lastFetchTimestamp', type: 'int64', versions: '1+', default: '-1' },
                  { name: 'lastCaughtUpTimestamp', type: 'int64', versions: '1+', default: '-1' }
                ]
              },
              {
                name: 'observers',
                type: '[]ReplicaState',
                versions: '0+',
                fields: [
                  { name: 'replicaId', type: 'int32', versions: '0+' },
                  { name: 'replicaDirectoryId', type: 'uuid', versions: '2+' },
                  { name: 'logEndOffset', type: 'int64', versions: '0+' },
                  { name: 'lastFetchTimestamp', type: 'int64', versions: '1+', default: '-1' },
                  { name: 'lastCaughtUpTimestamp', type: 'int64', versions: '1+', default: '-1' }
                ]
              }
            ]
          }
        ]
      },
      {
        name: 'nodes',
        type: '[]Node',
        versions: '2+',
        fields: [
          { name: 'nodeId', type: 'int32', versions: '2+' },
          {
            name: 'listeners',
            type: '[]Listener',
            versions: '2+',
            fields: [
              { name: 'name', type: 'string', versions: '2+' },
              { name: 'host', type: 'string', versions: '2+' },
              { name: 'port', type: 'uint16', versions: '2+' }
            ]
          }
        ]
      }
    ]
  }
}

/** DescribeQuorumRequest body, versions 0-2. */
export interface DescribeQuorumRequest {
  /** (versions 0+) */
  topics: DescribeQuorumRequestTopicData[]
}

/** A struct of DescribeQuorumRequest. */
export interface DescribeQuorumRequestTopicData {
  /** The topic name. (versions 0+) */
  topicName: string
  /** (versions 0+) */
  partitions: DescribeQuorumRequestPartitionData[]
}

/** A struct of DescribeQuorumRequest. */
export interface DescribeQuorumRequestPartitionData {
  /** The partition index. (versions 0+) */
  partitionIndex: number
}

/** DescribeQuorumResponse body, versions 0-2. */
export interface DescribeQuorumResponse {
  /** The top level error code. (versions 0+) */
  errorCode: number
  /** The error message, or null if there was no error. (versions 2+; nullable 2+) */
  errorMessage: string | null
  /** (versions 0+) */
  topics: DescribeQuorumResponseTopicData[]
  /** (versions 2+) */
  nodes: DescribeQuorumResponseNode[]
}

/** A struct of DescribeQuorumResponse. */
export interface DescribeQuorumResponseTopicData {
  /** The topic name. (versions 0+) */
  topicName: string
  /** (versions 0+) */
  partitions: DescribeQuorumResponsePartitionData[]
}

/** A struct of DescribeQuorumResponse. */
export interface DescribeQuorumResponsePartitionData {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** (versions 0+) */
  errorCode: number
  /** The error message, or null if there was no error. (versions 2+; nullable 2+) */
  errorMessage: string | null
  /** The ID of the current leader or -1 if the leader is unknown. (versions 0+) */
  leaderId: number
  /** The latest known leader epoch. (versions 0+) */
  leaderEpoch: number
  /** (versions 0+) */
  highWatermark: bigint
  /** (versions 0+) */
  currentVoters: DescribeQuorumResponseReplicaState[]
  /** (versions 0+) */
  observers: DescribeQuorumResponseReplicaState[]
}

/** A struct of DescribeQuorumResponse. */
export interface DescribeQuorumResponseReplicaState {
  /** (versions 0+) */
  replicaId: number
  /** (versions 2+) */
  replicaDirectoryId: string
  /** The last known log end offset of the follower or -1 if it is unknown. (versions 0+) */
  logEndOffset: bigint
  /**
   * The last known leader wall clock time time when a follower fetched from the leader. This is
   * reported as -1 both for the current leader or if it is unknown for a voter. (versions 1+;
   * default -1)
   */
  lastFetchTimestamp: bigint
  /**
   * The leader wall clock append time of the offset for which the follower made the most recent
   * fetch request. This is reported as the current time for the leader and -1 if unknown for a
   * voter. (versions 1+; default -1)
   */
  lastCaughtUpTimestamp: bigint
}

/** A struct of DescribeQuorumResponse. */
export interface DescribeQuorumResponseNode {
  /** The ID of the associated node. (versions 2+) */
  nodeId: number
  /** The listeners of this controller. (versions 2+) */
  listeners: DescribeQuorumResponseListener[]
}

/** A struct of DescribeQuorumResponse. */
export interface DescribeQuorumResponseListener {
  /** The name of the endpoint. (versions 2+) */
  name: string
  /** The hostname. (versions 2+) */
  host: string
  /** The port. (versions 2+) */
  port: number
}
