// One partition's log on SQLite: validated batches appended in one transaction each, served
// back as stored, bounded by the log start offset, high watermark and log end offset.
import { NO_TIMESTAMP } from '../records'
import type { Db } from '../storage/database'
import type { LogQueries, PartitionLogRow } from '../storage/log-queries'
import { planAppend } from './append-plan'
import { validateProducedBatches } from './append-validation'
import { DEFAULT_LOG_CONFIG, type LogConfig } from './log-config'
import { batchBoundAfter } from './batch-bounds'
import { offsetOutOfRange } from './log-errors'
import { type Segment, retentionCut, segmentFromRow } from './segments'
import {
  ListOffsetsTimestamp,
  type OffsetAndTimestamp,
  findMaxTimestamp,
  findOffsetByTimestamp
} from './timestamp-lookup'

export { ListOffsetsTimestamp, type OffsetAndTimestamp } from './timestamp-lookup'

export interface AppendOptions {
  /** Effective configs of the topic; defaults to the ones the log was configured with. */
  config?: LogConfig
  /** The broker's clock: validation window, LogAppendTime and segment rolling (Date.now()). */
  now?: number
  /** Leader epoch stamped into each batch's partitionLeaderEpoch (default 0). */
  leaderEpoch?: number
  /** The batches are transaction markers written by the broker (control batches allowed). */
  markers?: boolean
}

export interface AppendResult {
  /** Offset assigned to the first record of the first batch. */
  baseOffset: number
  /** Offset of the last record of the last batch; the log end offset is now lastOffset + 1. */
  lastOffset: number
  /** The broker time written into the batches on a LogAppendTime topic, -1 on CreateTime. */
  logAppendTime: number
  recordCount: number
}

export interface ReadOptions {
  /** Exclusive upper bound (default: log end): batches wholly below it are returned. */
  upTo?: number
  /**
   * Also return the batch that holds `upTo - 1` when it reaches past `upTo`; the caller drops its
   * records from `upTo` on. For reads of an arbitrary offset range (the message browser, search,
   * copy); Fetch leaves it off, as records at or past the high watermark are not for consumers.
   */
  partial?: boolean
}

/** Whole batches this many or fewer below the log start are deleted at once, others later. */
export const INLINE_PURGE_BATCHES = 32

/**
 * A partition's log. Offsets: the log start offset is the first offset still readable (0 for a
 * new log, advanced by retention and deleteRecordsBefore); the log end offset (LEO) is the
 * offset the next appended record gets; the high watermark is the end of what consumers may see,
 * owned by replication - until setHighWatermark is first called it equals the LEO. Always
 * logStartOffset <= highWatermark <= logEndOffset; an empty log has all three equal.
 *
 * All methods are synchronous and each write is one SQLite transaction: when a method returns,
 * its change is committed (durable across a process crash; across power loss with fsync on).
 * A write may also run inside a caller's transaction (better-sqlite3 nests it as a savepoint) to
 * commit with other state; if that outer transaction rolls back, call reload().
 */
export class PartitionLog {
  /** Configs of the topic; LogManager.configureTopic replaces it. */
  config: LogConfig = DEFAULT_LOG_CONFIG
  /** Rows below the log start offset remain to be deleted (by the cleaner). */
  purgePending = false
  private logStart: number
  private logEnd: number
  private hw: number | null = null
  private segs: Segment[]
  private checkpoint: number
  private horizon: number | null

  constructor(
    private readonly db: Db,
    private readonly q: LogQueries,
    readonly topicId: number,
    readonly partition: number,
    state: PartitionLogRow,
    segments: Segment[]
  ) {
    this.logStart = state.log_start_offset
    this.logEnd = state.log_end_offset
    this.checkpoint = state.cleaner_checkpoint
    this.horizon = state.delete_horizon_ms
    this.segs = segments
    // Older rows (or a crash between writes elsewhere) cannot leave the end behind a segment.
    const last = segments.at(-1)
    if (last && last.lastOffset + 1 > this.logEnd) this.logEnd = last.lastOffset + 1
  }

  /** First readable offset; equals the LEO when the log is empty. */
  get logStartOffset(): number {
    return this.logStart
  }

  /** Offset of the next record to be appended (0 for a new log). */
  get logEndOffset(): number {
    return this.logEnd
  }

  /** End of what consumers may read: the LEO until setHighWatermark is first called. */
  get highWatermark(): number {
    const hw = this.hw ?? this.logEnd
    return Math.min(Math.max(hw, this.logStart), this.logEnd)
  }

  /**
   * Set by the replication layer (minimum LEO over the ISR); clamped to [logStart, LEO]. From
   * the first call on, appends no longer move it. Not persisted: after a reopen it is the LEO
   * again until set.
   */
  setHighWatermark(offset: number): void {
    this.hw = Math.min(Math.max(offset, this.logStart), this.logEnd)
  }

  /** Bytes of the segments held, including batches below the log start not yet deleted. */
  get sizeBytes(): number {
    let n = 0
    for (const s of this.segs) n += s.sizeBytes
    return n
  }

  /** The segments, oldest first; the last is the active one. */
  get segments(): readonly Segment[] {
    return this.segs
  }

  /** First offset compaction has not cleaned yet. */
  get cleanerCheckpoint(): number {
    return this.checkpoint
  }

  /** The earliest time a tombstone kept by compaction may be dropped; null when none waits. */
  get deleteHorizonMs(): number | null {
    return this.horizon
  }

  /**
   * Validates produced batches (one or more, concatenated as in a Produce request) and appends
   * them in one transaction, rewriting each batch's baseOffset (lastOffsetDelta kept) and leader
   * epoch in the given buffer, and on LogAppendTime topics its timestamp. Throws
   * RecordBatchError with Kafka's code and appends nothing when any batch is rejected.
   */
  append(records: Buffer, opts: AppendOptions = {}): AppendResult {
    const config = opts.config ?? this.config
    const now = opts.now ?? Date.now()
    const batches = validateProducedBatches(records, config, now, opts.markers)
    const plan = planAppend(this, batches, config, now, opts.leaderEpoch ?? 0)
    const { prev, head } = plan
    const headGrew = prev !== undefined && head !== undefined && head.sizeBytes !== prev.sizeBytes
    this.db.transaction(() => {
      for (const row of plan.rows) this.q.batchesInsert.run(...row)
      // Sizes and counts go in as deltas (see segmentsUpsert).
      if (headGrew) {
        this.upsertSegment(
          head,
          head.sizeBytes - prev.sizeBytes,
          head.recordCount - prev.recordCount
        )
      }
      for (const s of plan.added) this.upsertSegment(s, s.sizeBytes, s.recordCount)
      this.q.partitionLogsUpdateLogEnd.run(plan.nextOffset, this.topicId, this.partition)
    })()
    if (headGrew) this.segs[this.segs.length - 1] = head
    this.segs.push(...plan.added)
    const baseOffset = this.logEnd
    this.logEnd = plan.nextOffset
    return {
      baseOffset,
      lastOffset: plan.nextOffset - 1,
      logAppendTime: config.logAppendTime ? now : NO_TIMESTAMP,
      recordCount: plan.recordCount
    }
  }

  private upsertSegment(s: Segment, sizeDelta: number, countDelta: number): void {
    this.q.segmentsUpsert.run(
      this.topicId,
      this.partition,
      s.baseOffset,
      s.lastOffset,
      sizeDelta,
      countDelta,
      s.maxTimestamp,
      s.createdAt
    )
  }

  /**
   * Stored batches from the one containing `fromOffset`, whole and in offset order, as long as
   * they fit in maxBytes - but always at least one (Kafka's rule, so a large batch is never
   * stuck). The first batch may hold records below fromOffset; consumers skip them. Returns []
   * at the end (fromOffset == upTo or LEO); throws OFFSET_OUT_OF_RANGE outside [logStart, LEO].
   */
  read(fromOffset: number, maxBytes: number, opts: ReadOptions = {}): Buffer[] {
    if (fromOffset < this.logStart || fromOffset > this.logEnd) {
      throw offsetOutOfRange(fromOffset, this.logStart, this.logEnd)
    }
    const upTo = Math.min(opts.upTo ?? this.logEnd, this.logEnd)
    if (fromOffset >= upTo) return []
    const end = opts.partial ? batchBoundAfter(this.q, this.topicId, this.partition, upTo) : upTo
    let bytes = 0
    let last = -1
    for (const b of this.q.batchesPlanRead.iterate(this.topicId, this.partition, fromOffset, end)) {
      if (last >= 0 && bytes + b.size_bytes > maxBytes) break
      bytes += b.size_bytes
      last = b.last_offset
      if (bytes >= maxBytes) break
    }
    if (last < 0) return []
    return this.q.batchesSelectData
      .all(this.topicId, this.partition, fromOffset, last)
      .map((r) => r.data)
  }

  /**
   * Reading backwards: the newest stored batches holding records at or above the log start and
   * below `upTo` (the batch reaching past `upTo` included; the caller drops its records from
   * `upTo` on), as many as fit in maxBytes but at least one, in offset order. [] when none.
   */
  readBefore(upTo: number, maxBytes: number): Buffer[] {
    const bound = Math.min(upTo, this.logEnd)
    if (bound <= this.logStart) return []
    const end = batchBoundAfter(this.q, this.topicId, this.partition, bound)
    let bytes = 0
    let first = -1
    for (const b of this.q.batchesPlanReadBackward.iterate(
      this.topicId,
      this.partition,
      this.logStart,
      end
    )) {
      if (first >= 0 && bytes + b.size_bytes > maxBytes) break
      bytes += b.size_bytes
      first = b.last_offset
      if (bytes >= maxBytes) break
    }
    if (first < 0) return []
    return this.q.batchesSelectData
      .all(this.topicId, this.partition, first, end - 1)
      .map((r) => r.data)
  }

  /**
   * User records held by the batches that hold offsets in [from, upTo), counted from the batch
   * table without decoding; the first and last batch may hold records outside the range.
   */
  countStored(from: number, upTo: number): number {
    const end = batchBoundAfter(this.q, this.topicId, this.partition, Math.min(upTo, this.logEnd))
    if (from >= end) return 0
    return this.q.batchesCountRecords.get(this.topicId, this.partition, from, end)?.records ?? 0
  }

  /**
   * ListOffsets: for a timestamp >= 0, the first offset (in offset order) whose record timestamp
   * is >= ts, or null when there is none below upTo. LATEST (-1) gives upTo (default LEO; pass
   * the high watermark for consumers), EARLIEST (-2, and EARLIEST_LOCAL -4) the log start offset,
   * MAX_TIMESTAMP (-3) the first record holding the largest timestamp (null on an empty log).
   */
  offsetForTimestamp(ts: number, opts: ReadOptions = {}): OffsetAndTimestamp | null {
    const upTo = Math.min(opts.upTo ?? this.logEnd, this.logEnd)
    switch (ts) {
      case ListOffsetsTimestamp.LATEST:
        return { offset: upTo, timestamp: NO_TIMESTAMP, leaderEpoch: -1 }
      case ListOffsetsTimestamp.EARLIEST:
      case ListOffsetsTimestamp.EARLIEST_LOCAL:
        return { offset: this.logStart, timestamp: NO_TIMESTAMP, leaderEpoch: -1 }
      case ListOffsetsTimestamp.MAX_TIMESTAMP:
        return findMaxTimestamp(this.q, this.topicId, this.partition, this.logStart, upTo)
    }
    if (ts < 0) return null
    return findOffsetByTimestamp(this.q, this, ts, upTo)
  }

  /**
   * DeleteRecords: makes `offset` the log start offset (-1 means the high watermark). Whole
   * segments below it go at once; the batches below it are deleted now when few, otherwise by
   * the cleaner. Returns the new log start offset (the low watermark). An offset at or below the
   * current start changes nothing; one above the high watermark is OFFSET_OUT_OF_RANGE.
   */
  deleteRecordsBefore(offset: number): number {
    const target = offset === -1 ? this.highWatermark : offset
    if (target < 0 || target > this.highWatermark) {
      throw offsetOutOfRange(offset, this.logStart, this.highWatermark)
    }
    if (target > this.logStart) this.advanceLogStart(target)
    return this.logStart
  }

  /**
   * Retention by time and size (cleanup.policy delete): deletes whole segments from the front as
   * segments.retentionCut decides and advances the log start offset. Returns the segments
   * deleted.
   */
  applyRetention(now: number): number {
    const n = retentionCut(this.segs, this.config, now, this.highWatermark)
    if (n === 0) return 0
    this.advanceLogStart(n < this.segs.length ? this.segs[n].baseOffset : this.logEnd)
    return n
  }

  private advanceLogStart(offset: number): void {
    this.db.transaction(() => {
      this.q.partitionLogsUpdateLogStart.run(offset, this.topicId, this.partition)
      this.q.segmentsDeleteBelow.run(this.topicId, this.partition, offset)
    })()
    this.logStart = offset
    this.segs = this.segs.filter((s) => s.lastOffset >= offset)
    this.purgePending = true
    this.purgeBelowLogStart(INLINE_PURGE_BATCHES)
  }

  /**
   * Deletes up to `maxBatches` whole batches lying entirely below the log start offset, in one
   * transaction; returns how many went. Clears purgePending once none are left.
   */
  purgeBelowLogStart(maxBatches: number): number {
    const n = this.q.batchesDeleteBelow.run(
      this.topicId,
      this.partition,
      this.logStart,
      maxBatches
    ).changes
    if (n < maxBatches) this.purgePending = false
    return n
  }

  /**
   * Removes every record at or after `offset` (unclean leader election, a follower catching up).
   * Cuts at batch boundaries: a batch holding `offset` goes whole, so the new LEO may be below
   * `offset`; below the log start everything goes and the log restarts empty at `offset`. Returns
   * the new LEO; an offset at or beyond the LEO changes nothing.
   */
  truncateTo(offset: number): number {
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw new RangeError(`cannot truncate to offset ${offset}`)
    }
    if (offset >= this.logEnd) return this.logEnd
    let newEnd = offset
    let newStart = this.logStart
    if (offset > this.logStart) {
      const holder = this.q.batchesSelectContaining.get(this.topicId, this.partition, offset)
      if (holder && holder.base_offset < offset) newEnd = holder.base_offset
    }
    if (newEnd <= this.logStart) {
      newStart = Math.min(offset, this.logStart)
      newEnd = newStart
    }
    this.db.transaction(() => {
      const tp = [this.topicId, this.partition] as const
      this.q.batchesDeleteFrom.run(...tp, newStart === newEnd ? 0 : newEnd)
      this.q.segmentsDeleteFrom.run(...tp, newStart === newEnd ? 0 : newEnd)
      const last = this.q.segmentsSelectPartition.all(...tp).at(-1)
      if (last && last.last_offset >= newEnd) {
        const agg = this.q.batchesAggregateRange.get(...tp, last.base_offset, newEnd)
        if (!agg || agg.last_offset === null) {
          this.q.segmentsDeleteFrom.run(...tp, last.base_offset)
        } else {
          this.q.segmentsReplace.run(
            agg.last_offset,
            agg.size_bytes ?? 0,
            agg.record_count ?? 0,
            agg.max_timestamp ?? NO_TIMESTAMP,
            ...tp,
            last.base_offset
          )
        }
      }
      this.q.partitionLogsUpdateBounds.run(newStart, newEnd, newEnd, ...tp)
    })()
    this.logStart = newStart
    this.logEnd = newEnd
    this.checkpoint = Math.min(this.checkpoint, newEnd)
    if (this.hw !== null) this.hw = Math.min(this.hw, newEnd)
    this.reloadSegments()
    return newEnd
  }

  /** Re-reads segment bookkeeping after the cleaner changed it from another connection. */
  reloadSegments(): void {
    this.segs = this.q.segmentsSelectPartition.all(this.topicId, this.partition).map(segmentFromRow)
  }

  /**
   * Re-reads the whole log state from the database. Needed only after a write of this log ran
   * inside an outer transaction that was then rolled back: its effect on memory stays otherwise.
   */
  reload(): void {
    const row = this.q.partitionLogsSelect.get(this.topicId, this.partition)
    if (!row) return
    this.logStart = row.log_start_offset
    this.logEnd = row.log_end_offset
    this.checkpoint = row.cleaner_checkpoint
    this.horizon = row.delete_horizon_ms
    this.reloadSegments()
    const last = this.segs.at(-1)
    if (last && last.lastOffset + 1 > this.logEnd) this.logEnd = last.lastOffset + 1
  }

  /** Records the outcome of a compaction pass (written to the database by the pass itself). */
  compacted(cleanerCheckpoint: number, deleteHorizonMs: number | null): void {
    this.checkpoint = Math.min(cleanerCheckpoint, this.logEnd)
    this.horizon = deleteHorizonMs
    this.reloadSegments()
  }
}
