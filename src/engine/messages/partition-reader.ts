// Reads decoded records of one partition between two offsets, a chunk of stored batches at a
// time, for the message browser, search, copy and key sampling.
import type { PartitionLog } from '../log/partition-log'
import { TimestampType, decodeBatch, parseBatchHeader, type DecodedRecord } from '../records'

/** Bytes of stored batches fetched per step. */
const CHUNK_BYTES = 1024 * 1024

export interface ReadRecord {
  record: DecodedRecord
  logAppendTime: boolean
}

/**
 * Records with offsets in [from, until), in offset order. Yields between chunks so that long
 * scans can report progress and stop when asked.
 */
export function* partitionRecords(
  log: PartitionLog,
  from: number,
  until: number
): Generator<ReadRecord[], void, undefined> {
  let offset = Math.max(from, log.logStartOffset)
  const end = Math.min(until, log.highWatermark)
  while (offset < end) {
    const batches = log.read(offset, CHUNK_BYTES, { upTo: end })
    if (batches.length === 0) return
    const out: ReadRecord[] = []
    let next = offset
    for (const bytes of batches) {
      const { header, records } = decodeBatch(bytes, { verifyCrc: false })
      const logAppendTime = header.timestampType === TimestampType.LogAppendTime
      for (const record of records)
        if (record.offset >= offset && record.offset < end) out.push({ record, logAppendTime })
      next = Math.max(next, header.lastOffset + 1)
    }
    yield out
    if (next <= offset) return
    offset = next
  }
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
  if (from === 'latest') return Math.max(lo, hw - limit)
  if ('offset' in from) return Math.min(Math.max(from.offset, lo), hw)
  if ('latest' in from) return Math.max(lo, hw - from.latest)
  return log.offsetForTimestamp(from.timestamp, { upTo: hw })?.offset ?? hw
}

/** Stored batches of [from, until) read a chunk at a time, holding no cursor between chunks. */
export function* partitionBatches(
  log: PartitionLog,
  from: number,
  until: number
): Generator<Buffer> {
  let offset = Math.max(from, log.logStartOffset)
  const end = Math.min(until, log.highWatermark)
  while (offset < end) {
    const batches = log.read(offset, CHUNK_BYTES, { upTo: end })
    if (batches.length === 0) return
    let next = offset
    for (const b of batches) {
      yield b
      next = Math.max(next, parseBatchHeader(b).lastOffset + 1)
    }
    if (next <= offset) return
    offset = next
  }
}

/**
 * The timestamp of the batch holding `offset` (its first record's; the append time on
 * LogAppendTime topics), without decoding records; null when the offset holds no record.
 */
export function recordTimestampNear(log: PartitionLog, offset: number): number | null {
  if (offset < log.logStartOffset || offset >= log.highWatermark) return null
  const [first] = log.read(offset, 1, { upTo: log.highWatermark })
  if (!first) return null
  const h = parseBatchHeader(first)
  return h.timestampType === TimestampType.LogAppendTime ? h.maxTimestamp : h.baseTimestamp
}
