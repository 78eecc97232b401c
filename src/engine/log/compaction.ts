// Log compaction of one partition (cleanup.policy=compact), as a function of a database
// connection so it runs the same inline and in the cleaner's worker thread.
//
// Like Kafka's cleaner: an offset map (key -> latest offset) is built over the dirty range
// [firstDirtyOffset, cleanEndOffset), then every batch in [logStartOffset, cleanEndOffset) is
// rewritten without the records a later offset of the same key supersedes. Batches keep their
// baseOffset, lastOffsetDelta, producer fields and codec, and records keep their offset deltas,
// so offsets never change. Tombstones (null values) survive the first pass, which stamps their
// batch with a delete horizon (now + delete.retention.ms, KIP-534's DELETE_HORIZON attribute);
// a later pass after that time drops them. Control batches are left as they are; records
// without a key (written before the topic became compacted) are dropped.
import {
  type DecodedRecord,
  HeaderOffset,
  TimestampType,
  decodeBatch,
  encodeBatch,
  type RecordInput
} from '../records'
import type { Db } from '../storage/database'
import type { BatchCleanRow, LogQueries } from '../storage/log-queries'

export interface CompactionJob {
  topicId: number
  partition: number
  logStartOffset: number
  firstDirtyOffset: number
  /** Exclusive; a segment boundary below the active segment and the high watermark. */
  cleanEndOffset: number
  /** Bases of the segments in [logStartOffset, cleanEndOffset), ascending. */
  segmentBases: number[]
  now: number
  deleteRetentionMs: number
  /** Most keys the offset map holds; a pass stops early at a batch boundary when it is full. */
  maxKeys: number
}

export interface CompactionResult {
  /** The new cleaner checkpoint: where this pass stopped (cleanEndOffset unless the map filled). */
  cleanedUpTo: number
  batchesRewritten: number
  batchesRemoved: number
  recordsRemoved: number
  bytesRemoved: number
  /** Earliest delete horizon among the tombstones kept; null when none is left. */
  deleteHorizonMs: number | null
}

/** Batches read per statement. */
const CHUNK = 64
/** Bytes of batches rewritten or removed per transaction. */
const MAX_WRITE_BYTES = 8 << 20

/** Called between chunks, so a worker can checkpoint the WAL during a long pass. */
export type BetweenChunks = () => void

export function compactPartition(
  db: Db,
  q: LogQueries,
  job: CompactionJob,
  betweenChunks: BetweenChunks = () => {}
): CompactionResult {
  const { map, endOffset } = buildOffsetMap(q, job, betweenChunks)
  const result: CompactionResult = {
    cleanedUpTo: endOffset,
    batchesRewritten: 0,
    batchesRemoved: 0,
    recordsRemoved: 0,
    bytesRemoved: 0,
    deleteHorizonMs: null
  }
  const segmentDeltas = new Map<number, { size: number; count: number }>()
  const adjust = (baseOffset: number, size: number, count: number): void => {
    const base = segmentOf(job.segmentBases, baseOffset)
    const d = segmentDeltas.get(base) ?? { size: 0, count: 0 }
    d.size += size
    d.count += count
    segmentDeltas.set(base, d)
  }
  const write = db.transaction((changes: Array<[BatchCleanRow, Changed]>) => {
    for (const [row, outcome] of changes) {
      const removed = row.record_count - (outcome.kind === 'rewrite' ? outcome.recordCount : 0)
      const written =
        outcome.kind === 'remove'
          ? q.batchesDeleteById.run(row.batch_id).changes
          : q.batchesRewrite.run(
              outcome.data,
              outcome.data.length,
              outcome.recordCount,
              outcome.firstTimestamp,
              outcome.maxTimestamp,
              outcome.attributes,
              row.batch_id
            ).changes
      // A batch deleted meanwhile (retention, truncation) is simply gone: nothing to account.
      if (written === 0) continue
      const size = outcome.kind === 'rewrite' ? outcome.data.length : 0
      adjust(row.base_offset, size - row.size_bytes, -removed)
      if (outcome.kind === 'remove') result.batchesRemoved++
      else result.batchesRewritten++
      result.recordsRemoved += removed
      result.bytesRemoved += row.size_bytes - size
    }
    for (const [base, d] of segmentDeltas) {
      q.segmentsAdjust.run(d.size, d.count, job.topicId, job.partition, base)
    }
    segmentDeltas.clear()
  })
  eachChunk(q, job, job.logStartOffset, endOffset, betweenChunks, (rows) => {
    // Records are filtered and re-encoded outside the transaction, which then only writes, a
    // few MiB at a time, so the appending connection never waits long for the write lock.
    let changes: Array<[BatchCleanRow, Changed]> = []
    let bytes = 0
    for (const row of rows) {
      const outcome = cleanBatch(row, map, job)
      if (outcome.horizon !== null) {
        result.deleteHorizonMs = Math.min(result.deleteHorizonMs ?? Infinity, outcome.horizon)
      }
      if (outcome.kind === 'unchanged') continue
      changes.push([row, outcome])
      bytes += row.size_bytes
      if (bytes >= MAX_WRITE_BYTES) {
        write(changes)
        changes = []
        bytes = 0
      }
    }
    if (changes.length > 0) write(changes)
  })
  db.transaction(() => {
    q.segmentsDeleteEmptyBelow.run(job.topicId, job.partition, endOffset)
    q.partitionLogsUpdateCleaner.run(endOffset, result.deleteHorizonMs, job.topicId, job.partition)
  })()
  return result
}

/** key (as latin1, one char per byte) -> the latest offset written with it. */
type OffsetMap = Map<string, number>

function buildOffsetMap(
  q: LogQueries,
  job: CompactionJob,
  betweenChunks: BetweenChunks
): { map: OffsetMap; endOffset: number } {
  const map: OffsetMap = new Map()
  let endOffset = job.cleanEndOffset
  const from = Math.max(job.firstDirtyOffset, job.logStartOffset)
  let mapped = 0
  eachChunk(q, job, from, job.cleanEndOffset, betweenChunks, (rows) => {
    for (const row of rows) {
      // Stop at a batch boundary once full; the rest is cleaned by the next pass.
      if (map.size >= job.maxKeys && mapped > 0) {
        endOffset = row.base_offset
        return false
      }
      const { header, records } = decodeBatch(row.data, { verifyCrc: false })
      if (header.isControl) continue
      for (const r of records) if (r.key !== null) map.set(r.key.toString('latin1'), r.offset)
      mapped++
    }
    return true
  })
  return { map, endOffset }
}

/** Visits the batches in [from, to) in chunks; the visitor returns false to stop. */
function eachChunk(
  q: LogQueries,
  job: CompactionJob,
  from: number,
  to: number,
  betweenChunks: BetweenChunks,
  visit: (rows: BatchCleanRow[]) => boolean | void
): void {
  let cursor = from
  while (cursor < to) {
    const rows = q.batchesSelectForCleaning.all(job.topicId, job.partition, cursor, to, CHUNK)
    if (rows.length === 0) return
    if (visit(rows) === false) return
    cursor = rows[rows.length - 1].last_offset + 1
    betweenChunks()
  }
}

function segmentOf(bases: number[], offset: number): number {
  let lo = 0
  let hi = bases.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (bases[mid] <= offset) lo = mid
    else hi = mid - 1
  }
  return bases[lo] ?? offset
}

type Changed =
  | { kind: 'remove' }
  | {
      kind: 'rewrite'
      data: Buffer
      recordCount: number
      firstTimestamp: number
      maxTimestamp: number
      attributes: number
    }

type BatchOutcome = { horizon: number | null } & ({ kind: 'unchanged' } | Changed)

function cleanBatch(row: BatchCleanRow, map: OffsetMap, job: CompactionJob): BatchOutcome {
  const { header, records } = decodeBatch(row.data, { verifyCrc: false })
  if (header.isControl) return { kind: 'unchanged', horizon: null }
  const horizonPassed = header.hasDeleteHorizon && job.now >= header.baseTimestamp
  const kept: DecodedRecord[] = []
  let tombstones = 0
  for (const r of records) {
    if (r.key === null) continue
    const latest = map.get(r.key.toString('latin1'))
    if (latest !== undefined && latest > r.offset) continue
    if (r.value === null) {
      if (horizonPassed) continue
      tombstones++
    }
    kept.push(r)
  }
  const horizon =
    tombstones === 0
      ? null
      : header.hasDeleteHorizon
        ? header.baseTimestamp
        : job.now + job.deleteRetentionMs
  const needsHorizon = tombstones > 0 && !header.hasDeleteHorizon
  if (kept.length === records.length && !needsHorizon) return { kind: 'unchanged', horizon }
  if (kept.length === 0) return { kind: 'remove', horizon: null }
  const logAppendTime = header.timestampType === TimestampType.LogAppendTime
  const input: RecordInput[] = kept.map((r) => ({
    key: r.key,
    value: r.value,
    headers: r.headers,
    // Record timestamps are deltas from baseTimestamp (the horizon, once one is set).
    timestamp: header.baseTimestamp + r.timestampDelta,
    offsetDelta: r.offsetDelta
  }))
  const data = encodeBatch(input, {
    baseOffset: header.baseOffset,
    partitionLeaderEpoch: header.partitionLeaderEpoch,
    compression: header.compression,
    timestampType: header.timestampType,
    transactional: header.isTransactional,
    producerId: header.producerId,
    producerEpoch: header.producerEpoch,
    baseSequence: header.baseSequence,
    lastOffsetDelta: header.lastOffsetDelta,
    maxTimestamp: logAppendTime ? header.maxTimestamp : undefined,
    deleteHorizonMs: horizon ?? undefined
  })
  let maxTimestamp = logAppendTime ? header.maxTimestamp : -1
  if (!logAppendTime)
    for (const r of input) maxTimestamp = Math.max(maxTimestamp, r.timestamp ?? -1)
  const firstTimestamp = logAppendTime ? header.maxTimestamp : (input[0].timestamp ?? -1)
  return {
    kind: 'rewrite',
    horizon,
    data,
    recordCount: kept.length,
    firstTimestamp,
    maxTimestamp,
    attributes: data.readInt16BE(HeaderOffset.attributes)
  }
}
