// DescribeLogDirs (key 35): schema and body types generated from Kafka's JSON; do not edit.
import type { ApiSchema } from '../schema'

/** DescribeLogDirs: serves versions 0-4 of the spec's 0-4. */
export const describeLogDirsApi: ApiSchema = {
  apiKey: 35,
  name: 'DescribeLogDirs',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 2,
  request: {
    name: 'DescribeLogDirsRequest',
    validVersions: '0-4',
    flexibleVersions: '2+',
    fields: [
      {
        name: 'topics',
        type: '[]DescribableLogDirTopic',
        versions: '0+',
        nullableVersions: '0+',
        fields: [
          { name: 'topic', type: 'string', versions: '0+' },
          { name: 'partitions', type: '[]int32', versions: '0+' }
        ]
      }
    ]
  },
  response: {
    name: 'DescribeLogDirsResponse',
    validVersions: '0-4',
    flexibleVersions: '2+',
    fields: [
      { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
      { name: 'errorCode', type: 'int16', versions: '3+' },
      {
        name: 'results',
        type: '[]DescribeLogDirsResult',
        versions: '0+',
        fields: [
          { name: 'errorCode', type: 'int16', versions: '0+' },
          { name: 'logDir', type: 'string', versions: '0+' },
          {
            name: 'topics',
            type: '[]DescribeLogDirsTopic',
            versions: '0+',
            fields: [
              { name: 'name', type: 'string', versions: '0+' },
              {
                name: 'partitions',
                type: '[]DescribeLogDirsPartition',
                versions: '0+',
                fields: [
                  { name: 'partitionIndex', type: 'int32', versions: '0+' },
                  { name: 'partitionSize', type: 'int64', versions: '0+' },
                  { name: 'offsetLag', type: 'int64', versions: '0+' },
                  { name: 'isFutureKey', type: 'bool', versions: '0+' }
                ]
              }
            ]
          },
          { name: 'totalBytes', type: 'int64', versions: '4+', default: '-1' },
          { name: 'usableBytes', type: 'int64', versions: '4+', default: '-1' }
        ]
      }
    ]
  }
}

/** DescribeLogDirsRequest body, versions 0-4. */
export interface DescribeLogDirsRequest {
  /**
   * Each topic that we want to describe log directories for, or null for all topics. (versions 0+;
   * nullable 0+)
   */
  topics: DescribeLogDirsRequestDescribableLogDirTopic[] | null
}

/** A struct of DescribeLogDirsRequest. */
export interface DescribeLogDirsRequestDescribableLogDirTopic {
  /** The topic name. (versions 0+) */
  topic: string
  /** The partition indexes. (versions 0+) */
  partitions: number[]
}

/** DescribeLogDirsResponse body, versions 0-4. */
export interface DescribeLogDirsResponse {
  /**
   * The duration in milliseconds for which the request was throttled due to a quota violation, or
   * zero if the request did not violate any quota. (versions 0+)
   */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. (versions 3+) */
  errorCode: number
  /** The log directories. (versions 0+) */
  results: DescribeLogDirsResponseDescribeLogDirsResult[]
}

/** A struct of DescribeLogDirsResponse. */
export interface DescribeLogDirsResponseDescribeLogDirsResult {
  /** The error code, or 0 if there was no error. (versions 0+) */
  errorCode: number
  /** The absolute log directory path. (versions 0+) */
  logDir: string
  /** Each topic. (versions 0+) */
  topics: DescribeLogDirsResponseDescribeLogDirsTopic[]
  /** The total size in bytes of the volume the log directory is in. (versions 4+; default -1) */
  totalBytes: bigint
  /** The usable size in bytes of the volume the log directory is in. (versions 4+; default -1) */
  usableBytes: bigint
}

/** A struct of DescribeLogDirsResponse. */
export interface DescribeLogDirsResponseDescribeLogDirsTopic {
  /** The topic name. (versions 0+) */
  name: string
  /** (versions 0+) */
  partitions: DescribeLogDirsResponseDescribeLogDirsPartition[]
}

/** A struct of DescribeLogDirsResponse. */
export interface DescribeLogDirsResponseDescribeLogDirsPartition {
  /** The partition index. (versions 0+) */
  partitionIndex: number
  /** The size of the log segments in this partition in bytes. (versions 0+) */
  partitionSize: bigint
  /**
   * The lag of the log's LEO w.r.t. partition's HW (if it is the current log for the partition) or
   * current replica's LEO (if it is the future log for the partition). (versions 0+)
   */
  offsetLag: bigint
  /**
   * True if this log is created by AlterReplicaLogDirsRequest and will replace the current log of
   * the replica in the future. (versions 0+)
   */
  isFutureKey: boolean
}
