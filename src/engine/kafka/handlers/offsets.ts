// ListOffsets (2), DeleteRecords (21) and OffsetForLeaderEpoch (23): offsets by time, moving
// the log start, and the end offset of a leader epoch.
//
// ListOffsets Request (Version: 7) => replica_id isolation_level [topics]
//   topics => name [partitions]   partitions => partition_index current_leader_epoch timestamp
import type {
  DeleteRecordsRequest,
  DeleteRecordsResponse,
  Encodable,
  ListOffsetsRequest,
  ListOffsetsResponse,
  OffsetForLeaderEpochRequest,
  OffsetForLeaderEpochResponse
} from '../protocol'
import { ListOffsetsTimestamp } from '../../log/partition-log'
import { endOffsetForLeaderEpoch } from '../../log/leader-epochs'
import type { PartitionState, Topic } from '../../log/topic-registry'
import { ErrorCode } from '../error-codes'
import type { RequestContext } from '../request-context'

/** The partition when this broker leads it, else the error code to answer with. */
function led(
  ctx: RequestContext,
  topic: Topic | undefined,
  partition: number
): PartitionState | number {
  const p = topic?.partitions[partition]
  if (!topic || !p) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
  if (p.leader !== ctx.broker.id) return ErrorCode.NOT_LEADER_OR_FOLLOWER
  return p
}

export function handleListOffsets(
  body: ListOffsetsRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<ListOffsetsResponse> {
  const { engine } = ctx
  return {
    throttleTimeMs: 0,
    topics: body.topics.map((t) => {
      const topic = engine.topics.get(t.name)
      return {
        name: t.name,
        partitions: t.partitions.map((lp) => {
          const p = led(ctx, topic, lp.partitionIndex)
          const base = {
            partitionIndex: lp.partitionIndex,
            oldStyleOffsets: [],
            timestamp: -1n,
            offset: -1n,
            leaderEpoch: -1
          }
          if (typeof p === 'number') return { ...base, errorCode: p }
          if (lp.currentLeaderEpoch >= 0 && lp.currentLeaderEpoch < p.leaderEpoch)
            return { ...base, errorCode: ErrorCode.FENCED_LEADER_EPOCH }
          const log = engine.logs.log(topic!.id, lp.partitionIndex)
          const ts = Number(lp.timestamp)
          let found: { offset: number; timestamp: number; leaderEpoch: number } | null
          if (ts === ListOffsetsTimestamp.LATEST)
            found = { offset: log.highWatermark, timestamp: -1, leaderEpoch: p.leaderEpoch }
          else if (
            ts === ListOffsetsTimestamp.EARLIEST ||
            ts === ListOffsetsTimestamp.EARLIEST_LOCAL
          )
            found = { offset: log.logStartOffset, timestamp: -1, leaderEpoch: p.leaderEpoch }
          else found = log.offsetForTimestamp(ts, { upTo: log.highWatermark })
          if (apiVersion === 0) {
            const offsets = found ? [BigInt(found.offset)] : []
            return {
              ...base,
              errorCode: ErrorCode.NONE,
              oldStyleOffsets: lp.maxNumOffsets > 0 ? offsets : []
            }
          }
          if (!found) return { ...base, errorCode: ErrorCode.NONE }
          return {
            ...base,
            errorCode: ErrorCode.NONE,
            timestamp: BigInt(found.timestamp),
            offset: BigInt(found.offset),
            leaderEpoch: found.leaderEpoch
          }
        })
      }
    })
  }
}

export function handleDeleteRecords(
  body: DeleteRecordsRequest,
  ctx: RequestContext
): Encodable<DeleteRecordsResponse> {
  const { engine } = ctx
  return {
    throttleTimeMs: 0,
    topics: body.topics.map((t) => {
      const topic = engine.topics.get(t.name)
      return {
        name: t.name,
        partitions: t.partitions.map((dp) => {
          const p = led(ctx, topic, dp.partitionIndex)
          if (typeof p === 'number')
            return { partitionIndex: dp.partitionIndex, lowWatermark: -1n, errorCode: p }
          const log = engine.logs.log(topic!.id, dp.partitionIndex)
          // -1 deletes up to the high watermark.
          const offset = dp.offset === -1n ? log.highWatermark : Number(dp.offset)
          if (offset < 0 || offset > log.highWatermark)
            return {
              partitionIndex: dp.partitionIndex,
              lowWatermark: BigInt(log.logStartOffset),
              errorCode: ErrorCode.OFFSET_OUT_OF_RANGE
            }
          engine.deleteRecordsBefore(topic!, dp.partitionIndex, offset)
          return {
            partitionIndex: dp.partitionIndex,
            lowWatermark: BigInt(log.logStartOffset),
            errorCode: ErrorCode.NONE
          }
        })
      }
    })
  }
}

export function handleOffsetForLeaderEpoch(
  body: OffsetForLeaderEpochRequest,
  ctx: RequestContext
): Encodable<OffsetForLeaderEpochResponse> {
  const { engine } = ctx
  return {
    throttleTimeMs: 0,
    topics: body.topics.map((t) => {
      const topic = engine.topics.get(t.topic)
      return {
        topic: t.topic,
        partitions: t.partitions.map((op) => {
          const p = led(ctx, topic, op.partition)
          const base = { partition: op.partition, leaderEpoch: -1, endOffset: -1n }
          if (typeof p === 'number') return { ...base, errorCode: p }
          if (op.currentLeaderEpoch >= 0 && op.currentLeaderEpoch < p.leaderEpoch)
            return { ...base, errorCode: ErrorCode.FENCED_LEADER_EPOCH }
          const log = engine.logs.log(topic!.id, op.partition)
          const end = endOffsetForLeaderEpoch(
            engine.db,
            topic!.id,
            op.partition,
            op.leaderEpoch,
            p.leaderEpoch,
            log.logEndOffset
          )
          return {
            ...base,
            errorCode: ErrorCode.NONE,
            leaderEpoch: end.leaderEpoch,
            endOffset: BigInt(end.endOffset)
          }
        })
      }
    })
  }
}
