// AlterReplicaLogDirs (key 34): moves replicas between a broker's log directories
// (kafka-reassign-partitions with log dirs). Each simulated broker has one log directory, the
// one DescribeLogDirs names, so a replica can only be "moved" to the directory it is in, which
// succeeds and changes nothing. Each partition is answered as Kafka's ReplicaManager answers it:
// a directory the broker does not have is LOG_DIR_NOT_FOUND (checked first), a topic or partition
// the cluster does not have UNKNOWN_TOPIC_OR_PARTITION, a partition with no replica on this
// broker REPLICA_NOT_AVAILABLE, and a topic name too long for a future log's directory name
// INVALID_TOPIC_EXCEPTION.
//
// AlterReplicaLogDirs Request (Version: 2) => [dirs]
//   dirs => path [topics]
//     topics => name [partitions]
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type {
  AlterReplicaLogDirsRequest,
  AlterReplicaLogDirsResponse,
  Encodable
} from '../protocol'
import type { RequestContext } from '../request-context'
import { IN_MEMORY_LOG_DIR } from './log-dirs'

/** Kafka's future log directory name: `<topic>-<partition>.<32 hex digits>-future`. */
const futureDirNameLength = (topic: string, partition: number) =>
  `${topic}-${partition}`.length + 1 + 32 + '-future'.length

export function handleAlterReplicaLogDirs(
  body: AlterReplicaLogDirsRequest,
  ctx: RequestContext
): Encodable<AlterReplicaLogDirsResponse> {
  const { engine, broker } = ctx
  const logDir = engine.storageStatus().dataDir ?? IN_MEMORY_LOG_DIR
  const errorOf = (path: string, name: string, partition: number): number => {
    if (futureDirNameLength(name, partition) > 255) return ErrorCode.INVALID_TOPIC_EXCEPTION
    if (path !== logDir) return ErrorCode.LOG_DIR_NOT_FOUND
    const p = engine.topic(name)?.partitions[partition]
    if (!p) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
    if (!p.replicas.includes(broker.id)) return ErrorCode.REPLICA_NOT_AVAILABLE
    return ErrorCode.NONE
  }
  // Answered per topic, in the order topics are first named.
  const results = new Map<string, { partitionIndex: number; errorCode: number }[]>()
  for (const dir of body.dirs)
    for (const t of dir.topics) {
      let partitions = results.get(t.name)
      if (!partitions) results.set(t.name, (partitions = []))
      for (const partition of t.partitions)
        partitions.push({
          partitionIndex: partition,
          errorCode: errorOf(dir.path, t.name, partition)
        })
    }
  return {
    throttleTimeMs: 0,
    results: [...results].map(([topicName, partitions]) => ({ topicName, partitions }))
  }
}
