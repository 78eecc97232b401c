// AlterReplicaLogDirs (key 34): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** AlterReplicaLogDirs: serves versions 0-2 of the spec's 0-2. */
export const alterReplicaLogDirsApi: ApiSchema = {
  apiKey: 34,
  name: 'AlterReplicaLogDirs',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  request: {
    name: 'AlterReplicaLogDirsRequest',
    validVersions: '0-2',
    flexibleVersions: '2+',
    fields: [
      {
        name: 'dirs',
        type: '[]AlterReplicaLogDir',
        versions: '0+',
        fields: [
          { name: 'path', type: 'string', versions: '0+' },
          {
            name: 'topics',
            type: '[]AlterReplicaLogDirTopic',
            versions: '0+',
            fields: [
              { name: 'name', type: 'string', versions: '0+' },
              { name: 'partitions', type: '[]int32', versions: '0+' }
            ]
          }
        ]
      }
    ]
  },
  response: {
    name: 'AlterReplicaLogDirsResponse',
    validVersions: '0-2',
    flexibleVersions: '2+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      {
        name: 'results',
        type: '[]AlterReplicaLogDirTopicResult',
        versions: '0+',
        fields: [
          { name: 'topicName', type: 'string', versions: '0+' },
          {
            name: 'partitions',
            type: '[]AlterReplicaLogDirPartitionResult',
            versions: '0+',
            fields: [
              { name: 'partitionIndex', type: 'int32', versions: '0+' },
              { name: 'errorCode', type: 'int16', versions: '0+' }
            ]
          }
        ]
      }
    ]
  }
}

/** AlterReplicaLogDirsRequest body, versions 0-2. */
export interface AlterReplicaLogDirsRequest {
  /** The alterations to make for each directory. (versions 0+) */
  dirs: AlterReplicaLogDirsRequestAlterReplicaLogDir[]
}

/** A struct of AlterReplicaLogDirsRequest. */
export interface AlterReplicaLogDirsRequestAlterReplicaLogDir {
  /** The absolute directory path. (versions 0+) */
  path: string
  /** The topics to add to the directory. (versions 0+) */
  topics: AlterReplicaLogDirsRequestAlterReplicaLogDirTopic[]
}

/** A struct of AlterReplicaLogDirsRequest. */
export interface AlterReplicaLogDirsRequestAlterReplicaLogDirTopic {
  /** The topic name. (versions 0+) */
  name: string
  /** The partition indexes. (versions 0+) */
  partitions: number[]
}

/** AlterReplicaLogDirsResponse body, versions 0-2. */
export interface AlterReplicaLogDirsResponse {
  /**
   * Duration in milliseconds for which the request was throttled due to a quota violation, or zero
   * if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The results for each topic. (versions 0+) */
  results: AlterReplicaLogDirsResponseAlterReplicaLogDirTopicResult[]
}

/** A struct of AlterReplicaLogDirsResponse. */
export interface AlterReplicaLogDirsResponseAlterReplicaLogDirTopicResult {
  /** The name of the topic. (versions 0+) */
  topicName: string
  /** The results for each partition. (versions 0+) */
  partitions: AlterReplicaLogDirsResponseAlterReplicaLogDirPartitionResult[]
}

/** A struct of AlterReplicaLogDirsResponse. */
export interface AlterReplicaLogDirsResponseAlterReplicaLogDirPartitionResult {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
}
