// ListOffsets by timestamp: Kafka's time index answered from the batch table's covering index,
// decoding only the one batch that holds the answer.
import { decodeBatch } from '../records'
import type { LogQueries } from '../storage/log-queries'
import { batchBoundAfter } from './batch-bounds'
import type { Segment } from './segments'

/** Special timestamps of ListOffsets, as Kafka numbers them. */
export const ListOffsetsTimestamp = {
  LATEST: -1,
  EARLIEST: -2,
  MAX_TIMESTAMP: -3,
  EARLIEST_LOCAL: -4
} as const

export interface OffsetAndTimestamp {
  offset: number
  /** The record's timestamp; -1 for the earliest and latest offsets. */
  timestamp: number
  /** partitionLeaderEpoch of the batch holding the record; -1 when no record is involved. */
  leaderEpoch: number
}

interface LogView {
  topicId: number
  partition: number
  logStartOffset: number
  segments: readonly Segment[]
}

/**
 * The first record, in offset order, at or after the log start and below `upTo` whose timestamp
 * is >= ts. Leading segments whose newest record is older are skipped without reading them.
 * `upTo` may lie inside a batch; control batches (transaction markers) hold no record to find.
 */
export function findOffsetByTimestamp(
  q: LogQueries,
  log: LogView,
  ts: number,
  upTo: number
): OffsetAndTimestamp | null {
  const start = log.logStartOffset
  let from = start
  for (const s of log.segments) {
    if (s.maxTimestamp >= ts) break
    from = Math.max(from, s.lastOffset + 1)
  }
  const end = batchBoundAfter(q, log.topicId, log.partition, upTo)
  while (from < upTo) {
    const hit = q.batchesFindByTimestamp.get(log.topicId, log.partition, from, end, ts)
    const row = hit && q.batchesSelectEndingAt.get(log.topicId, log.partition, hit.last_offset)
    if (!row) return null
    // A batch's stored max timestamp can overstate what compaction left in it, or belong to
    // records past upTo: then look on.
    const { header, records } = decodeBatch(row.data, { verifyCrc: false })
    const found = header.isControl
      ? undefined
      : records.find((r) => r.offset >= start && r.offset < upTo && r.timestamp >= ts)
    if (found) {
      return { offset: found.offset, timestamp: found.timestamp, leaderEpoch: row.leader_epoch }
    }
    from = row.last_offset + 1
  }
  return null
}

/** The first record holding the largest timestamp in [logStart, upTo); null when there is none. */
export function findMaxTimestamp(
  q: LogQueries,
  topicId: number,
  partition: number,
  logStart: number,
  upTo: number
): OffsetAndTimestamp | null {
  const hit = q.batchesFindMaxTimestamp.get(topicId, partition, logStart, upTo)
  const row = hit && q.batchesSelectEndingAt.get(topicId, partition, hit.last_offset)
  if (!row) return null
  const records = decodeBatch(row.data, { verifyCrc: false }).records.filter(
    (r) => r.offset >= logStart
  )
  if (records.length === 0) return null
  let best = records[0]
  for (const r of records) if (r.timestamp > best.timestamp) best = r
  return { offset: best.offset, timestamp: best.timestamp, leaderEpoch: row.leader_epoch }
}
