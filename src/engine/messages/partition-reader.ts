// Reads decoded records of one partition between two offsets, or backwards from one, a chunk of
// stored batches at a time, for the message browser, search, copy and key sampling. Ranges may
// start or end inside a stored batch: records outside the range are dropped here, as are the
// records below the log start offset and, unless asked for, control records (transaction
// markers).
import type { PartitionLog } from '../log/partition-log'
import {
  ControlRecordType,
  TimestampType,
  decodeBatchWindow,
  decodeControlKey,
  parseBatchHeader,
  type DecodedRecord,
  type RecordWindow
} from '../records'

/** Bytes of stored batches fetched per step. */
const CHUNK_BYTES = 1024 * 1024
/**
 * Bytes of the first step of a read that wants a given number of records (a page); each further
 * step is larger, up to a chunk.
 */
const FIRST_STEP_BYTES = 16 * 1024

export interface ReadRecord {
  record: DecodedRecord
  logAppendTime: boolean
  /** The producer id of a transactional batch's record; -1 outside transactions. */
  transactionalProducerId: number
  /** Set on a transaction marker (read only when asked for): the outcome it records. */
  marker?: 'commit' | 'abort'
}

/** What a read returns besides user records. */
export interface ReadOptions {
  /** Transaction markers (control records) as records of their own. */
  markers?: boolean
}

/**
 * The user records of a stored batch with offsets in the window (and its markers when asked
 * for); only those are decoded (the rest of the batch is stepped over).
 */
function recordsIn(bytes: Buffer, window: RecordWindow, opts: ReadOptions = {}): ReadRecord[] {
  const { header, records } = decodeBatchWindow(bytes, { ...window, control: opts.markers })
  if (header.isControl && !opts.markers) return []
  const logAppendTime = header.timestampType === TimestampType.LogAppendTime
  const transactionalProducerId = header.isTransactional ? header.producerId : -1
  if (header.isControl)
    return records.map((record) => ({
      record,
      logAppendTime,
      transactionalProducerId,
      marker:
        decodeControlKey(record.key).type === ControlRecordType.Commit
          ? ('commit' as const)
          : ('abort' as const)
    }))
  return records.map((record) => ({ record, logAppendTime, transactionalProducerId }))
}

/**
 * Records with offsets in [from, until), in offset order; with a `limit`, only the first that
 * many, decoding no more than those. Yields between chunks so that long scans can report
 * progress and stop when asked.
 */
export function* partitionRecords(
  log: PartitionLog,
  from: number,
  until: number,
  limit = Infinity,
  opts: ReadOptions = {}
): Generator<ReadRecord[], void, undefined> {
  const lo = Math.max(from, log.logStartOffset)
  let left = limit
  const firstStep = Number.isFinite(limit) ? FIRST_STEP_BYTES : CHUNK_BYTES
  for (const batches of batchChunks(log, from, until, firstStep)) {
    const out: ReadRecord[] = []
    for (const bytes of batches) {
      if (left <= 0) break
      const records = recordsIn(bytes, { from: lo, until, first: left }, opts)
      left -= records.length
      out.push(...records)
    }
    yield out
    if (left <= 0) return
  }
}

/**
 * The last `limit` records below `until` (and at or above the log start), in offset order:
 * fewer only when the partition holds fewer.
 */
export function lastRecords(
  log: PartitionLog,
  until: number,
  limit: number,
  opts: ReadOptions = {}
): ReadRecord[] {
  const lo = log.logStartOffset
  let end = Math.min(until, log.highWatermark)
  const chunks: ReadRecord[][] = []
  let n = 0
  // Small steps first: a page of the newest records should not read a megabyte of batches, and
  // only the records the page needs are decoded, the newest batch first.
  let step = FIRST_STEP_BYTES
  while (n < limit && end > lo) {
    const batches = log.readBefore(end, step)
    step = Math.min(step * 4, CHUNK_BYTES)
    if (batches.length === 0) break
    const parts: ReadRecord[][] = []
    for (let i = batches.length - 1; i >= 0 && n < limit; i--) {
      const records = recordsIn(batches[i], { from: lo, until: end, last: limit - n }, opts)
      parts.push(records)
      n += records.length
    }
    chunks.push(parts.reverse().flat())
    const base = parseBatchHeader(batches[0]).baseOffset
    if (base >= end) break
    end = base
  }
  const all = chunks.reverse().flat()
  return all.length > limit ? all.slice(all.length - limit) : all
}

/** Offset of the first of the last `n` records below `until`; `until` when there are none. */
export function offsetOfLast(log: PartitionLog, until: number, n: number): number {
  const end = Math.min(until, log.highWatermark)
  return lastRecords(log, end, n)[0]?.record.offset ?? Math.max(end, log.logStartOffset)
}

/**
 * How many records [from, until) holds: counted from the batch table, decoding only the first
 * and last batch when they reach outside the range.
 */
export function countRecords(log: PartitionLog, from: number, until: number): number {
  const lo = Math.max(from, log.logStartOffset)
  const end = Math.min(until, log.highWatermark)
  if (lo >= end) return 0
  let n = log.countStored(lo, end)
  const first = log.read(lo, 1, { upTo: end, partial: true })[0]
  const last = log.readBefore(end, 1).at(-1)
  const edges = [first, last].filter((b): b is Buffer => b !== undefined)
  if (
    edges.length === 2 &&
    parseBatchHeader(edges[0]).baseOffset === parseBatchHeader(edges[1]).baseOffset
  )
    edges.pop()
  for (const b of edges) {
    const h = parseBatchHeader(b)
    if (h.isControl || (h.baseOffset >= lo && h.lastOffset < end)) continue
    // A batch wholly outside the range (the one before it, where compaction emptied the range)
    // was not counted: nothing to take off.
    if (h.lastOffset < lo || h.baseOffset >= end) continue
    n -= h.recordCount - recordsIn(b, { from: lo, until: end }).length
  }
  return n
}

/** Resolves a start position to an offset within [logStart, HW]. */
export function startOffset(
  log: PartitionLog,
  from: 'earliest' | 'latest' | { offset: number } | { timestamp: number } | { latest: number },
  limit: number
): number {
  const lo = log.logStartOffset
  const hw = log.highWatermark
  if (from === 'earliest') return lo
  if (from === 'latest') return offsetOfLast(log, hw, limit)
  if ('offset' in from) return Math.min(Math.max(from.offset, lo), hw)
  if ('latest' in from) return offsetOfLast(log, hw, from.latest)
  return log.offsetForTimestamp(from.timestamp, { upTo: hw })?.offset ?? hw
}

/**
 * Stored batches holding the records of [from, until), a chunk at a time, holding no cursor
 * between chunks. The first and last may hold records outside the range.
 */
function* batchChunks(
  log: PartitionLog,
  from: number,
  until: number,
  firstStep = CHUNK_BYTES
): Generator<Buffer[]> {
  let offset = Math.max(from, log.logStartOffset)
  const end = Math.min(until, log.highWatermark)
  let step = firstStep
  while (offset < end) {
    const batches = log.read(offset, step, { upTo: end, partial: true })
    step = Math.min(step * 4, CHUNK_BYTES)
    if (batches.length === 0) return
    yield batches
    const next = parseBatchHeader(batches[batches.length - 1]).lastOffset + 1
    if (next <= offset) return
    offset = next
  }
}

/** Stored batches holding the records of [from, until); the first and last may hold others. */
export function* partitionBatches(
  log: PartitionLog,
  from: number,
  until: number
): Generator<Buffer> {
  for (const batches of batchChunks(log, from, until)) yield* batches
}

/**
 * The timestamp of the batch holding `offset` (its first record's; the append time on
 * LogAppendTime topics), without decoding records; null when the offset holds no record.
 */
export function recordTimestampNear(log: PartitionLog, offset: number): number | null {
  if (offset < log.logStartOffset || offset >= log.highWatermark) return null
  const [first] = log.read(offset, 1, { upTo: log.highWatermark, partial: true })
  if (!first) return null
  const h = parseBatchHeader(first)
  return h.timestampType === TimestampType.LogAppendTime ? h.maxTimestamp : h.baseTimestamp
}
