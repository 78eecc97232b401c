// Splits a records field holding concatenated batches (Produce, Fetch, storage) into batches.
import { ErrorCode } from '../../shared/kafka/error-codes'
import {
  HeaderOffset,
  LOG_OVERHEAD,
  MIN_BATCH_LENGTH,
  type RecordBatchHeader,
  parseBatchHeader,
  validateBatch
} from './batch-header'
import { RecordBatchError, corrupt } from './errors'

export interface RecordBatchSlice {
  header: RecordBatchHeader
  /** The batch's bytes, a view into the input rather than a copy. */
  bytes: Buffer
}

export interface SplitOptions {
  /** Check each batch's CRC (default true); skip only for bytes this process wrote itself. */
  verifyCrc?: boolean
  /**
   * Fetch responses may end in a partial batch cut at the fetch size limit; with this set the
   * tail is ignored instead of reported as CORRUPT_MESSAGE (default false).
   */
  allowPartialTail?: boolean
  /** Reject any single batch larger than this with MESSAGE_TOO_LARGE. */
  maxBatchBytes?: number
}

export interface SplitResult {
  batches: RecordBatchSlice[]
  /** Bytes left over after the last whole batch (only ever non-zero with allowPartialTail). */
  trailingBytes: number
}

/**
 * Walks the buffer trusting no length until it is checked against what is actually there, so
 * a lying batchLength yields a typed error rather than a huge allocation or a RangeError.
 */
export function splitBatches(buf: Buffer, options: SplitOptions = {}): SplitResult {
  const { verifyCrc = true, allowPartialTail = false, maxBatchBytes } = options
  const batches: RecordBatchSlice[] = []
  let at = 0
  while (at < buf.length) {
    const remaining = buf.length - at
    if (remaining < LOG_OVERHEAD) {
      if (allowPartialTail) break
      throw corrupt(`${remaining} trailing bytes after the last record batch`)
    }
    const batchLength = buf.readInt32BE(at + HeaderOffset.batchLength)
    if (batchLength < MIN_BATCH_LENGTH) {
      throw corrupt(`batch at byte ${at} declares length ${batchLength}`)
    }
    const size = batchLength + LOG_OVERHEAD
    if (maxBatchBytes !== undefined && size > maxBatchBytes) {
      throw new RecordBatchError(
        ErrorCode.MESSAGE_TOO_LARGE,
        `batch of ${size} bytes exceeds the limit of ${maxBatchBytes}`
      )
    }
    if (size > remaining) {
      if (allowPartialTail) break
      throw corrupt(`batch at byte ${at} declares ${size} bytes but only ${remaining} remain`)
    }
    const header = verifyCrc ? validateBatch(buf, at) : parseBatchHeader(buf, at)
    batches.push({ header, bytes: buf.subarray(at, at + size) })
    at += size
  }
  return { batches, trailingBytes: buf.length - at }
}
