// ListOffsets (2), DeleteRecords (21) and OffsetForLeaderEpoch (23): offsets by time, moving
// the log start, and the end offset of a leader epoch.
//
// ListOffsets Request (Version: 11) => replica_id isolation_level [topics] timeout_ms
//   (read_committed: the latest offset is the last stable offset; versions 0-11: 1-11 as Kafka 4.2,
//   and 0, which Kafka 4.0 dropped (KIP-896), for older clients: partitions => ... max_num_offsets,
//   answered with old_style_offsets)
//   topics => name [partitions]   partitions => partition_index current_leader_epoch timestamp
import { ErrorCode } from '../../../shared/kafka/error-codes'
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

import type { RequestContext } from '../request-context'
import { resolveLeaderPartition } from '../leader-partition'

/** KIP-1005's latest tiered offset (ListOffsets 9+) and KIP-1023's earliest pending upload (11+). */
const LATEST_TIERED = -5
const EARLIEST_PENDING_UPLOAD = -6
/**
 * The first version that may ask for each special timestamp, Kafka's ReplicaManager
 * timestampMinSupportedVersion (KAFKA-17331): another negative timestamp, or one asked of an
 * older version, is UNSUPPORTED_VERSION. Version 0 knows only -1 and -2, as Kafka's handler of
 * version 0 answered.
 */
const TIMESTAMP_SINCE = new Map<number, number>([
  [ListOffsetsTimestamp.LATEST, 0],
  [ListOffsetsTimestamp.EARLIEST, 0],
  [ListOffsetsTimestamp.MAX_TIMESTAMP, 7],
  [ListOffsetsTimestamp.EARLIEST_LOCAL, 8],
  [LATEST_TIERED, 9],
  [EARLIEST_PENDING_UPLOAD, 11]
])

/** Whether a version may ask for a timestamp: any time, or a special one from its version. */
function listOffsetsTimestampSupported(timestamp: bigint, apiVersion: number): boolean {
  if (timestamp >= 0n) return true
  const since = TIMESTAMP_SINCE.get(Number(timestamp))
  return since !== undefined && apiVersion >= since
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
      const topic = engine.topic(t.name)
      return {
        name: t.name,
        partitions: t.partitions.map((lp) => {
          const base = {
            partitionIndex: lp.partitionIndex,
            oldStyleOffsets: [],
            timestamp: -1n,
            offset: -1n,
            leaderEpoch: -1
          }
          // Checked before the partition is looked for, as Kafka checks it.
          if (!listOffsetsTimestampSupported(lp.timestamp, apiVersion))
            return { ...base, errorCode: ErrorCode.UNSUPPORTED_VERSION }
          const led = resolveLeaderPartition(ctx, topic, lp.partitionIndex, lp.currentLeaderEpoch)
          if (led.kind !== 'led') return { ...base, errorCode: led.errorCode }
          const { log, state: p } = led
          const ts = Number(lp.timestamp)
          // read_committed (isolation level 1) sees up to the last stable offset.
          const upTo =
            body.isolationLevel === 1
              ? engine.lastStableOffset(led.topic, lp.partitionIndex)
              : log.highWatermark
          let found: { offset: number; timestamp: number; leaderEpoch: number } | null
          // Without tiered storage nothing is in remote storage or waiting for it: Kafka answers
          // -1 (its UnifiedLog without remote storage), as here.
          if (ts === LATEST_TIERED || ts === EARLIEST_PENDING_UPLOAD)
            return { ...base, errorCode: ErrorCode.NONE }
          if (ts === ListOffsetsTimestamp.LATEST)
            found = { offset: upTo, timestamp: -1, leaderEpoch: p.leaderEpoch }
          else if (
            ts === ListOffsetsTimestamp.EARLIEST ||
            ts === ListOffsetsTimestamp.EARLIEST_LOCAL
          )
            found = { offset: log.logStartOffset, timestamp: -1, leaderEpoch: p.leaderEpoch }
          else found = log.offsetForTimestamp(ts, { upTo })
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
      const topic = engine.topic(t.name)
      return {
        name: t.name,
        partitions: t.partitions.map((dp) => {
          const led = resolveLeaderPartition(ctx, topic, dp.partitionIndex)
          if (led.kind !== 'led')
            return {
              partitionIndex: dp.partitionIndex,
              lowWatermark: -1n,
              errorCode: led.errorCode
            }
          // As Kafka's replica manager: an internal topic's records are not deleted this way.
          if (led.topic.internal)
            return {
              partitionIndex: dp.partitionIndex,
              lowWatermark: -1n,
              errorCode: ErrorCode.POLICY_VIOLATION
            }
          const { log } = led
          // -1 deletes up to the high watermark.
          const offset = dp.offset === -1n ? log.highWatermark : Number(dp.offset)
          if (offset < 0 || offset > log.highWatermark)
            return {
              partitionIndex: dp.partitionIndex,
              lowWatermark: BigInt(log.logStartOffset),
              errorCode: ErrorCode.OFFSET_OUT_OF_RANGE
            }
          engine.freeingSpace(() => log.deleteRecordsBefore(offset))
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
      const topic = engine.topic(t.topic)
      return {
        topic: t.topic,
        partitions: t.partitions.map((op) => {
          const led = resolveLeaderPartition(ctx, topic, op.partition, op.currentLeaderEpoch)
          const base = { partition: op.partition, leaderEpoch: -1, endOffset: -1n }
          if (led.kind !== 'led') return { ...base, errorCode: led.errorCode }
          const end = engine.endOffsetForLeaderEpoch(led.topic, op.partition, op.leaderEpoch)
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
