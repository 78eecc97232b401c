// Segments: runs of consecutive batches that retention deletes at once and compaction cleans.
//
// SQLite has no segment files, so a segment is bookkeeping over batch rows: the active (last)
// segment takes appends until the next batch would take it past segment.bytes, or until
// segment.ms has passed since the broker appended its first batch; then a new one starts at
// that batch. Retention removes whole segments from the front, compaction never touches the
// active one, exactly the granularity Kafka's segment files give.
import type { SegmentRow } from '../storage/log-queries'
import type { LogConfig } from './log-config'

export interface Segment {
  /** Offset of the first batch's first record. */
  baseOffset: number
  /** Offset of the last batch's last record (gaps may follow compaction). */
  lastOffset: number
  /** Bytes of the batches it holds. */
  sizeBytes: number
  recordCount: number
  /** Largest record timestamp appended to it; retention.ms measures age from this. */
  maxTimestamp: number
  /** Broker time of its first append; segment.ms measures from this. */
  createdAt: number
}

export function segmentFromRow(r: SegmentRow): Segment {
  return {
    baseOffset: r.base_offset,
    lastOffset: r.last_offset,
    sizeBytes: r.size_bytes,
    recordCount: r.record_count,
    maxTimestamp: r.max_timestamp,
    createdAt: r.created_at
  }
}

/** A segment started by a batch at `baseOffset`, before the batch is counted in. */
export function emptySegment(baseOffset: number, createdAt: number): Segment {
  return {
    baseOffset,
    lastOffset: baseOffset - 1,
    sizeBytes: 0,
    recordCount: 0,
    maxTimestamp: -1,
    createdAt
  }
}

/** Whether a batch of `batchSize` bytes appended at `now` starts a new segment. */
export function shouldRoll(
  active: Segment | undefined,
  batchSize: number,
  now: number,
  config: LogConfig
): boolean {
  if (active === undefined) return true
  if (active.sizeBytes > 0 && active.sizeBytes + batchSize > config.segmentBytes) return true
  return now - active.createdAt >= config.segmentMs
}

/**
 * How many leading segments retention deletes, as Kafka does it: segments whose newest record
 * is older than retention.ms, then the oldest segments while the partition stays at or above
 * retention.bytes without them. Only segments wholly below the high watermark are eligible, so
 * nothing a consumer has not been allowed to see is deleted; the active segment is eligible too.
 */
export function retentionCut(
  segments: readonly Segment[],
  config: LogConfig,
  now: number,
  highWatermark: number
): number {
  if (!config.deleteEnabled) return 0
  let n = 0
  const eligible = (s: Segment): boolean => s.lastOffset < highWatermark
  // Records without timestamps (-1) age from the segment's creation, as Kafka falls back to the
  // segment file's modification time.
  const newest = (s: Segment): number => (s.maxTimestamp >= 0 ? s.maxTimestamp : s.createdAt)
  if (config.retentionMs >= 0) {
    while (
      n < segments.length &&
      eligible(segments[n]) &&
      now - newest(segments[n]) > config.retentionMs
    )
      n++
  }
  if (config.retentionBytes >= 0) {
    let diff = -config.retentionBytes
    for (let i = n; i < segments.length; i++) diff += segments[i].sizeBytes
    while (n < segments.length && eligible(segments[n]) && diff - segments[n].sizeBytes >= 0) {
      diff -= segments[n].sizeBytes
      n++
    }
  }
  return n
}

export interface CleanableRange {
  /** Where the cleaner reads from: the log start offset. */
  logStartOffset: number
  /** The first offset not yet cleaned; records from here to cleanEndOffset are "dirty". */
  firstDirtyOffset: number
  /** Exclusive end: the base offset of the first segment compaction may not touch. */
  cleanEndOffset: number
  cleanBytes: number
  dirtyBytes: number
  /** Bases of the segments inside [logStartOffset, cleanEndOffset), ascending. */
  segmentBases: number[]
}

/**
 * The part of a compacted log the cleaner may rewrite: every segment except the active one,
 * stopping at the first segment not wholly below the high watermark or holding a record
 * younger than min.compaction.lag.ms. Null when there is nothing before that point.
 */
export function cleanableRange(
  segments: readonly Segment[],
  logStartOffset: number,
  cleanerCheckpoint: number,
  highWatermark: number,
  config: LogConfig,
  now: number
): CleanableRange | null {
  let end = segments.length - 1
  for (let i = 0; i < end; i++) {
    const s = segments[i]
    if (s.lastOffset >= highWatermark || s.maxTimestamp > now - config.minCompactionLagMs) {
      end = i
      break
    }
  }
  if (end <= 0) return null
  const firstDirtyOffset = Math.max(cleanerCheckpoint, logStartOffset)
  let cleanBytes = 0
  let dirtyBytes = 0
  const segmentBases: number[] = []
  for (let i = 0; i < end; i++) {
    const s = segments[i]
    segmentBases.push(s.baseOffset)
    if (s.lastOffset < firstDirtyOffset) cleanBytes += s.sizeBytes
    else dirtyBytes += s.sizeBytes
  }
  return {
    logStartOffset,
    firstDirtyOffset,
    cleanEndOffset: segments[end].baseOffset,
    cleanBytes,
    dirtyBytes,
    segmentBases
  }
}

/**
 * Whether the cleaner should compact now: the dirty share reached min.cleanable.dirty.ratio, a
 * dirty segment waited longer than max.compaction.lag.ms, or kept tombstones became droppable.
 */
export function needsCompaction(
  range: CleanableRange,
  segments: readonly Segment[],
  deleteHorizonMs: number | null,
  config: LogConfig,
  now: number
): boolean {
  if (deleteHorizonMs !== null && now >= deleteHorizonMs) return true
  if (range.dirtyBytes <= 0 || range.firstDirtyOffset >= range.cleanEndOffset) return false
  if (range.dirtyBytes / (range.cleanBytes + range.dirtyBytes) >= config.minCleanableDirtyRatio)
    return true
  const firstDirty = segments.find((s) => s.lastOffset >= range.firstDirtyOffset)
  return firstDirty !== undefined && now - firstDirty.createdAt > config.maxCompactionLagMs
}
