// A message scan (search) over stored batches: decode, filter, report. The same code runs in
// the scan worker (its own read connection) and, for in-memory databases, on the main thread.
import type { MessageRecord } from '../../shared/api/messages'
import { TimestampType, decodeBatch } from '../records'
import { compileFilters, type MessageFilter } from './filters'
import { toMessageRecord } from './message-view'
import type { ScanRange } from './scan-protocol'
import type { TypedDecoder } from '../registry/typed-decoder'

export interface ScanState {
  processed: number
  matched: number
  records: MessageRecord[]
}

export interface ScanOptions {
  topicId: number
  /** Names the topic's own subjects (`<topic>-value`) for decoded records. */
  topicName?: string
  ranges: ScanRange[]
  filters: MessageFilter[]
  limit: number
  maxScan: number
  /** Decodes keys and values in the registry's wire format, for filters and for the matches. */
  decoder?: TypedDecoder
}

/**
 * Stored batches of a range, in offset order, starting with the one holding `from`; the first and
 * last may hold records outside it (dropped here).
 */
export type BatchSource = (range: ScanRange) => Iterable<Buffer>

/**
 * Scans the ranges, yielding after every batch so the caller can report progress and stop.
 * Returns the summary line.
 */
export function* scanMessages(
  batches: BatchSource,
  opts: ScanOptions,
  state: ScanState
): Generator<void, string, undefined> {
  const decoder = opts.decoder
  const match = compileFilters(opts.filters, decoder && ((bytes) => decoder.text(bytes)))
  for (const r of opts.ranges) {
    if (r.from >= r.until) continue
    for (const data of batches(r)) {
      const { header, records } = decodeBatch(data, { verifyCrc: false })
      if (header.isControl) continue
      const logAppendTime = header.timestampType === TimestampType.LogAppendTime
      for (const record of records) {
        if (record.offset < r.from || record.offset >= r.until) continue
        state.processed++
        if (match(record)) {
          state.matched++
          const shown = toMessageRecord(r.partition, record, logAppendTime)
          decoder?.decodeRecord(shown, opts.topicName)
          state.records.push(shown)
          if (state.records.length >= opts.limit)
            return `Found ${state.matched} match(es) in ${state.processed} record(s); stopped at the limit of ${opts.limit}`
        }
        if (state.processed >= opts.maxScan)
          return `Scanned the maximum of ${opts.maxScan} record(s); ${state.matched} matched`
      }
      yield
    }
  }
  return `Scanned ${state.processed} record(s); ${state.matched} matched`
}
