// Offset assignment for validated batches: the rows to insert and the segment changes they
// make, worked out before the transaction so memory changes only once it has committed.
import { Attribute, setBaseOffset, setLogAppendTime, setPartitionLeaderEpoch } from '../records'
import type { BatchInsertParams } from '../storage/log-queries'
import type { ValidatedBatch } from './append-validation'
import type { LogConfig } from './log-config'
import { type Segment, emptySegment, shouldRoll } from './segments'

export interface AppendPlan {
  rows: BatchInsertParams[]
  /** The active segment before the append, as it is in memory. */
  prev: Segment | undefined
  /** A copy of it with this append's batches counted in (unchanged if none went there). */
  head: Segment | undefined
  /** Segments this append starts. */
  added: Segment[]
  nextOffset: number
  recordCount: number
}

interface LogPosition {
  topicId: number
  partition: number
  logEndOffset: number
  segments: readonly Segment[]
}

/**
 * Assigns offsets from the log end: rewrites each batch's baseOffset and partitionLeaderEpoch in
 * place (outside the CRC), writes the broker time into LogAppendTime batches, and places each
 * batch in the active segment or a new one (segments.shouldRoll).
 */
export function planAppend(
  log: LogPosition,
  batches: readonly ValidatedBatch[],
  config: LogConfig,
  now: number,
  leaderEpoch: number
): AppendPlan {
  const prev = log.segments.at(-1)
  const head = prev && { ...prev }
  let active = head
  const added: Segment[] = []
  const rows: BatchInsertParams[] = []
  let next = log.logEndOffset
  let recordCount = 0
  for (const b of batches) {
    const h = b.header
    const baseOffset = next
    const lastOffset = baseOffset + h.lastOffsetDelta
    setBaseOffset(b.bytes, baseOffset)
    setPartitionLeaderEpoch(b.bytes, leaderEpoch)
    let maxTimestamp = b.maxTimestamp
    let firstTimestamp = b.firstTimestamp
    let attributes = h.attributes & ~Attribute.LOG_APPEND_TIME
    if (config.logAppendTime) {
      setLogAppendTime(b.bytes, now)
      maxTimestamp = firstTimestamp = now
      attributes |= Attribute.LOG_APPEND_TIME
    }
    if (active === undefined || shouldRoll(active, h.size, now, config)) {
      active = emptySegment(baseOffset, now)
      added.push(active)
    }
    active.lastOffset = lastOffset
    active.sizeBytes += h.size
    active.recordCount += h.recordCount
    if (maxTimestamp > active.maxTimestamp) active.maxTimestamp = maxTimestamp
    rows.push([
      log.topicId,
      log.partition,
      baseOffset,
      lastOffset,
      firstTimestamp,
      maxTimestamp,
      h.recordCount,
      h.size,
      h.producerId,
      h.producerEpoch,
      h.baseSequence,
      attributes,
      leaderEpoch,
      b.bytes
    ])
    recordCount += h.recordCount
    next = lastOffset + 1
  }
  return { rows, prev, head, added, nextOffset: next, recordCount }
}
