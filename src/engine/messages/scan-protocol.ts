// Messages between the engine and the message-scan worker (search off the main thread), and
// where the worker's entry file is.
import type { MessageRecord } from '../../shared/api/messages'
import type { MessageFilter } from './filters'
import type { SampledRecord } from '../metrics/what-if'
import type { CatalogEntry } from '../registry/catalog'

export interface ScanRange {
  partition: number
  /** First offset to scan. */
  from: number
  /** Exclusive end: the high watermark when the scan started, or a requested bound. */
  until: number
  /** Sampling: only the newest this many records of the range. */
  newest?: number
}

export interface ScanRequest {
  /** search: filter and report matches; sample: return every record's key, value and headers. */
  mode: 'search' | 'sample'
  file: string
  topicId: number
  topicName?: string
  ranges: ScanRange[]
  filters: MessageFilter[]
  limit: number
  maxScan: number
  /** The registry's schemas, to filter on and show decoded keys and values. */
  catalog?: CatalogEntry[]
  /** Set to 1 by the engine to stop the scan (Atomics). */
  cancel: SharedArrayBuffer
}

export type ScanMessage =
  | { kind: 'progress'; processed: number; matched: number; records: MessageRecord[] }
  | { kind: 'done'; processed: number; matched: number; records: MessageRecord[]; summary: string }
  | { kind: 'error'; message: string }
  | { kind: 'samples'; samples: SampledRecord[] }
