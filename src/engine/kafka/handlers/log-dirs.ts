// DescribeLogDirs (key 35): the size of each replica this broker holds and how far its log end
// trails the high watermark, with the disk's total and usable bytes (v4).
//
// DescribeLogDirs Request (Version: 4) => [topics]
//   topics => topic [partitions]
//
// The simulated brokers share one data directory and one physical log per partition, so each
// broker names that directory and reports, for every replica it holds, the partition's log size
// (in proportion to what it has copied, for a replica a reassignment is adding).
// OffsetLag is Kafka's: max(high watermark - this replica's log end offset, 0).
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { Topic } from '../../log/topic-registry'
import type { DescribeLogDirsRequest, DescribeLogDirsResponse, Encodable } from '../protocol'
import type { RequestContext } from '../request-context'

/** The directory named when the cluster keeps everything in memory. */
export const IN_MEMORY_LOG_DIR = ':memory:'

export function handleDescribeLogDirs(
  body: DescribeLogDirsRequest,
  ctx: RequestContext
): Encodable<DescribeLogDirsResponse> {
  const { engine, broker } = ctx
  // null asks for every topic; topics or partitions unknown here are left out, as Kafka does.
  const wanted: { topic: Topic; partitions: number[] }[] = []
  if (body.topics === null)
    for (const topic of engine.listTopics())
      wanted.push({ topic, partitions: topic.partitions.map((p) => p.partition) })
  else
    for (const t of body.topics) {
      const topic = engine.topic(t.topic)
      if (topic) wanted.push({ topic, partitions: t.partitions })
    }
  const topics = wanted.flatMap(({ topic, partitions }) => {
    const held = partitions.flatMap((i) => {
      const p = topic.partitions[i]
      if (!p || !p.replicas.includes(broker.id)) return []
      const log = engine.partitionLog(topic, i)
      const leo = engine.replicaLogEnd(topic, p, broker.id)
      return [
        {
          partitionIndex: i,
          partitionSize: BigInt(engine.replicaSizeBytes(topic, p, broker.id)),
          offsetLag: BigInt(Math.max(log.highWatermark - leo, 0)),
          isFutureKey: false
        }
      ]
    })
    return held.length === 0 ? [] : [{ name: topic.name, partitions: held }]
  })
  const storage = engine.storageStatus()
  return {
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    results: [
      {
        errorCode: ErrorCode.NONE,
        logDir: storage.dataDir ?? IN_MEMORY_LOG_DIR,
        topics,
        totalBytes: BigInt(storage.totalBytes ?? -1),
        usableBytes: BigInt(storage.freeBytes ?? -1)
      }
    ]
  }
}
