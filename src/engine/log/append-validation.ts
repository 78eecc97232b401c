// The checks Kafka's broker applies to produced batches before it assigns offsets (LogValidator),
// done by walking the records' varints in place rather than decoding them into objects.
import { ErrorCode } from '../../shared/kafka/error-codes'
import {
  BATCH_HEADER_SIZE,
  ByteReader,
  CompressionType,
  NO_TIMESTAMP,
  type RecordBatchHeader,
  RecordBatchError,
  TimestampType,
  checkProducedBatch,
  corrupt,
  decompress,
  invalidRecord,
  setMaxTimestamp,
  splitBatches
} from '../records'
import type { LogConfig } from './log-config'

export interface ValidatedBatch {
  /** The batch's bytes, a view into the appended buffer; the log rewrites its offsets in place. */
  bytes: Buffer
  header: RecordBatchHeader
  /** Largest record timestamp (CreateTime), as written back into the header. */
  maxTimestamp: number
  /** The first record's timestamp. */
  firstTimestamp: number
}

function invalidTimestamp(message: string): RecordBatchError {
  return new RecordBatchError(ErrorCode.INVALID_TIMESTAMP, message)
}

/**
 * Splits and validates the batches of one partition's produce data; throws RecordBatchError
 * with Kafka's code for the first failure, so nothing of a rejected request is appended:
 * CORRUPT_MESSAGE (bad CRC, truncation), MESSAGE_TOO_LARGE (over max.message.bytes),
 * INVALID_RECORD (magic, counts, offsets, control batches, keyless records on a compacted
 * topic), INVALID_TIMESTAMP (CreateTime outside message.timestamp.before/after.max.ms).
 * CreateTime batches get their maxTimestamp set to the records' real maximum, as Kafka does.
 */
export function validateProducedBatches(
  records: Buffer,
  config: LogConfig,
  now: number,
  /** The broker's own transaction markers: control batches allowed, no client rules. */
  markers = false
): ValidatedBatch[] {
  if (records.length === 0) throw invalidRecord('produce data holds no record batch')
  const { batches } = splitBatches(records, { maxBatchBytes: config.maxMessageBytes })
  const out: ValidatedBatch[] = []
  for (const { header, bytes } of batches) {
    if (header.baseOffset !== 0) {
      throw invalidRecord(`a produced batch must have base offset 0, not ${header.baseOffset}`)
    }
    if (!markers || !header.isControl) checkProducedBatch(header)
    const { maxTimestamp, firstTimestamp } = checkRecords(bytes, header, config, now)
    if (!config.logAppendTime) setMaxTimestamp(bytes, TimestampType.CreateTime, maxTimestamp)
    out.push({ bytes, header, maxTimestamp, firstTimestamp })
  }
  return out
}

interface RecordsSummary {
  maxTimestamp: number
  firstTimestamp: number
}

/**
 * Walks every record of the batch (inflating it first when compressed): each must use exactly
 * its declared length, carry offsetDelta equal to its index, and the count must match the
 * header. Keys and timestamps are checked against the topic's rules on the way.
 */
function checkRecords(
  bytes: Buffer,
  header: RecordBatchHeader,
  config: LogConfig,
  now: number
): RecordsSummary {
  let section = bytes.subarray(BATCH_HEADER_SIZE)
  if (header.compression !== CompressionType.None) {
    section = decompress(header.compression, section, config.maxDecompressedBytes)
  }
  const r = new ByteReader(section)
  const createTime = !config.logAppendTime
  const batchLogAppendTime = header.timestampType === TimestampType.LogAppendTime
  const earliest = now - config.timestampBeforeMaxMs
  const latest = now + config.timestampAfterMaxMs
  let maxTimestamp = NO_TIMESTAMP
  let firstTimestamp = NO_TIMESTAMP
  let count = 0
  // Kafka names every keyless record of a compacted topic (record_errors), not just the first.
  const keyless: number[] = []
  while (r.pos < section.length) {
    if (count >= header.recordCount) {
      throw invalidRecord(`batch holds more records than the ${header.recordCount} it declares`)
    }
    const length = r.varint()
    if (length < 0 || length > section.length - r.pos) {
      throw corrupt(`record length ${length} at byte ${r.pos} overruns the batch`)
    }
    const end = r.pos + length
    r.end = end
    r.int8() // record attributes: unused
    const timestampDelta = r.varlong()
    const offsetDelta = r.varint()
    if (offsetDelta !== count) {
      throw invalidRecord(`record ${count} has offset delta ${offsetDelta}`)
    }
    const keyLength = r.varint()
    if (keyLength < 0 && config.compactEnabled) keyless.push(count)
    skipBytes(r, keyLength)
    skipBytes(r, r.varint()) // value
    const headerCount = r.varint()
    if (headerCount < 0) throw invalidRecord(`invalid header count ${headerCount}`)
    for (let h = 0; h < headerCount; h++) {
      const headerKeyLength = r.varint()
      if (headerKeyLength < 0) throw invalidRecord(`invalid header key length ${headerKeyLength}`)
      skipBytes(r, headerKeyLength)
      skipBytes(r, r.varint())
    }
    if (r.pos !== end) {
      throw invalidRecord(`record declares ${length} bytes but uses ${r.pos - end + length}`)
    }
    r.end = section.length
    const timestamp = batchLogAppendTime
      ? header.maxTimestamp
      : header.baseTimestamp + timestampDelta
    // Kafka's rule (LogValidator.validateTimestamp), including its quirks: records without a
    // timestamp pass, and a producer may not claim LogAppendTime where it does not apply.
    if (createTime && timestamp !== NO_TIMESTAMP) {
      if (timestamp < earliest || timestamp > latest) {
        throw invalidTimestamp(
          `timestamp ${timestamp} of the record at offset delta ${count} is out of range: ` +
            `it must be within [${earliest}, ${latest}]`
        )
      }
    } else if (batchLogAppendTime) {
      throw invalidTimestamp('a producer must not set the timestamp type to LogAppendTime')
    }
    if (count === 0) firstTimestamp = timestamp
    if (timestamp > maxTimestamp) maxTimestamp = timestamp
    count++
  }
  if (count !== header.recordCount) {
    throw invalidRecord(`batch declares ${header.recordCount} records but holds ${count}`)
  }
  if (keyless.length > 0) {
    const message = 'a compacted topic cannot accept a record without a key'
    throw new RecordBatchError(
      ErrorCode.INVALID_RECORD,
      `${keyless.length} of ${count} records rejected: ${message} (record ${keyless.join(', ')})`,
      { recordErrors: keyless.map((batchIndex) => ({ batchIndex, message })) }
    )
  }
  return { maxTimestamp, firstTimestamp }
}

// -1 is null; anything else must fit in what is left of the record.
function skipBytes(r: ByteReader, length: number): void {
  if (length === -1) return
  if (length < -1 || length > r.end - r.pos) {
    throw corrupt(`field of ${length} bytes at byte ${r.pos} overruns the record`)
  }
  r.pos += length
}
