// Whole-batch codec: decoding records out of a stored batch and encoding records into one.
import {
  Attribute,
  BATCH_HEADER_SIZE,
  HeaderOffset,
  LOG_OVERHEAD,
  MAGIC,
  NO_PARTITION_LEADER_EPOCH,
  NO_PRODUCER_EPOCH,
  NO_PRODUCER_ID,
  NO_SEQUENCE,
  NO_TIMESTAMP,
  type RecordBatchHeader,
  TimestampType,
  parseBatchHeader,
  validateBatch
} from './batch-header'
import { type CompressionType, CompressionType as Codec, compress, decompress } from './compression'
import { crc32c } from './crc'
import { corrupt } from './errors'
import {
  type DecodedRecord,
  type PreparedRecord,
  type RecordInput,
  prepareRecord,
  readRecord,
  writeRecord
} from './record'
import { ByteReader, sizeOfVarint, writeInt64 } from './varint'

// Attributes, timestampDelta, offsetDelta, key, value and header count take a byte each at least.
const MIN_RECORD_SIZE = 7

export interface DecodeOptions {
  /** Check the CRC first (default true). */
  verifyCrc?: boolean
  /** Ceiling for the inflated records section of a compressed batch. */
  maxDecompressedBytes?: number
}

export interface DecodedBatch {
  header: RecordBatchHeader
  records: DecodedRecord[]
}

/**
 * A batch's records section ready to read: inflated when compressed, its record count checked
 * against the bytes present, and what each record's deltas are relative to.
 */
function recordsSection(header: RecordBatchHeader, section: Buffer, maxDecompressedBytes?: number) {
  // Empty batches (left by compaction) carry no compressed payload even when flagged compressed.
  if (header.compression !== Codec.None && !(header.recordCount === 0 && section.length === 0)) {
    section = decompress(header.compression, section, maxDecompressedBytes)
  }
  const count = header.recordCount
  // Bounding the count by the bytes present stops a lying count from driving a long loop.
  if (count < 0 || count > section.length / MIN_RECORD_SIZE) {
    throw corrupt(`record count ${count} cannot fit in ${section.length} bytes`)
  }
  const ctx = {
    baseOffset: header.baseOffset,
    baseTimestamp: header.baseTimestamp,
    logAppendTime: header.timestampType === TimestampType.LogAppendTime ? header.maxTimestamp : null
  }
  return { count, reader: new ByteReader(section), ctx }
}

/** Decodes the batch starting at `at`, decompressing its records section when needed. */
export function decodeBatch(buf: Buffer, options: DecodeOptions = {}, at = 0): DecodedBatch {
  const header = options.verifyCrc === false ? parseBatchHeader(buf, at) : validateBatch(buf, at)
  if (options.verifyCrc === false && header.size > buf.length - at) {
    throw corrupt(`batch of ${header.size} bytes overruns the ${buf.length - at} bytes available`)
  }
  const { count, reader, ctx } = recordsSection(
    header,
    buf.subarray(at + BATCH_HEADER_SIZE, at + header.size),
    options.maxDecompressedBytes
  )
  const records: DecodedRecord[] = []
  for (let i = 0; i < count; i++) records.push(readRecord(reader, ctx))
  if (reader.remaining !== 0) {
    throw corrupt(`${reader.remaining} bytes left after the batch's ${count} records`)
  }
  return { header, records }
}

/** Which records of a batch to decode: offsets in [from, until), the first or last n of them. */
export interface RecordWindow {
  from: number
  until: number
  /** Only the first `first` records in the window. */
  first?: number
  /** Only the last `last` records in the window. */
  last?: number
  /** Decode a control batch's records (transaction markers) too; without it they are skipped. */
  control?: boolean
}

/**
 * Decodes only the records of a window: the others are stepped over by their length prefix and
 * offset delta, without reading keys, values or headers, and a `first` window stops at its
 * last record. A page of 100 records out of a batch of 3,000 costs 100 records, not 3,000.
 * Checks less than decodeBatch (no CRC; the bytes after the window are not walked).
 */
export function decodeBatchWindow(
  buf: Buffer,
  window: RecordWindow,
  options: Omit<DecodeOptions, 'verifyCrc'> = {}
): DecodedBatch {
  const header = parseBatchHeader(buf)
  if (header.size > buf.length) {
    throw corrupt(`batch of ${header.size} bytes overruns the ${buf.length} bytes available`)
  }
  const { from, until } = window
  if (
    (header.isControl && !window.control) ||
    header.lastOffset < from ||
    header.baseOffset >= until
  )
    return { header, records: [] }
  const { count, reader, ctx } = recordsSection(
    header,
    buf.subarray(BATCH_HEADER_SIZE, header.size),
    options.maxDecompressedBytes
  )
  const first = window.first ?? Infinity
  // Where each record of the window starts: found by stepping over the records before it.
  const starts: number[] = []
  for (let i = 0; i < count && starts.length < first; i++) {
    const at = reader.pos
    const length = reader.varint()
    const body = reader.pos
    if (length < 0 || length > reader.end - body) {
      throw corrupt(`record length ${length} at byte ${body} overruns the batch`)
    }
    reader.int8()
    reader.varlong()
    const offset = header.baseOffset + reader.varint()
    if (offset >= until) break
    if (offset >= from) starts.push(at)
    reader.pos = body + length
  }
  const chosen =
    window.last !== undefined && starts.length > window.last
      ? starts.slice(starts.length - window.last)
      : starts
  const records: DecodedRecord[] = []
  for (const at of chosen) {
    reader.pos = at
    records.push(readRecord(reader, ctx))
  }
  return { header, records }
}

export interface EncodeBatchOptions {
  baseOffset?: number
  /** Defaults to -1, as the Java producer writes before the leader assigns its epoch. */
  partitionLeaderEpoch?: number
  compression?: CompressionType
  compressionLevel?: number
  timestampType?: TimestampType
  transactional?: boolean
  control?: boolean
  producerId?: number
  producerEpoch?: number
  baseSequence?: number
  /** Defaults to the first record's timestamp (the delete horizon when one is set). */
  baseTimestamp?: number
  /** Defaults to the largest record timestamp. */
  maxTimestamp?: number
  /** Defaults to the last record's offsetDelta. */
  lastOffsetDelta?: number
  /** Sets the delete-horizon flag; the horizon is stored as baseTimestamp, as Kafka does. */
  deleteHorizonMs?: number
  /** Timestamp for records without one (default Date.now()). */
  now?: number
}

/** Builds one v2 batch from records; the result is ready to store or send as is. */
export function encodeBatch(
  records: readonly RecordInput[],
  options: EncodeBatchOptions = {}
): Buffer {
  const now = options.now ?? Date.now()
  const first = records[0]
  const baseTimestamp =
    options.deleteHorizonMs ??
    options.baseTimestamp ??
    (first === undefined ? NO_TIMESTAMP : (first.timestamp ?? now))
  const prepared: PreparedRecord[] = []
  let recordsSize = 0
  let maxTimestamp = NO_TIMESTAMP
  for (let i = 0; i < records.length; i++) {
    const record = prepareRecord(records[i], i, now, baseTimestamp)
    recordsSize += record.bodySize + sizeOfVarint(record.bodySize)
    if (record.timestamp > maxTimestamp) maxTimestamp = record.timestamp
    prepared.push(record)
  }
  const compression = options.compression ?? Codec.None
  let batch: Buffer
  if (compression === Codec.None || prepared.length === 0) {
    batch = Buffer.allocUnsafe(BATCH_HEADER_SIZE + recordsSize)
    writeRecords(batch, prepared, baseTimestamp, BATCH_HEADER_SIZE)
  } else {
    const raw = Buffer.allocUnsafe(recordsSize)
    writeRecords(raw, prepared, baseTimestamp, 0)
    const packed = compress(compression, raw, { level: options.compressionLevel })
    batch = Buffer.allocUnsafe(BATCH_HEADER_SIZE + packed.length)
    packed.copy(batch, BATCH_HEADER_SIZE)
  }
  let attributes = compression
  if (options.timestampType === TimestampType.LogAppendTime) attributes |= Attribute.LOG_APPEND_TIME
  if (options.transactional) attributes |= Attribute.TRANSACTIONAL
  if (options.control) attributes |= Attribute.CONTROL
  if (options.deleteHorizonMs !== undefined) attributes |= Attribute.DELETE_HORIZON
  const last = prepared[prepared.length - 1]
  writeInt64(batch, options.baseOffset ?? 0, HeaderOffset.baseOffset)
  batch.writeInt32BE(batch.length - LOG_OVERHEAD, HeaderOffset.batchLength)
  batch.writeInt32BE(
    options.partitionLeaderEpoch ?? NO_PARTITION_LEADER_EPOCH,
    HeaderOffset.partitionLeaderEpoch
  )
  batch.writeInt8(MAGIC, HeaderOffset.magic)
  batch.writeInt16BE(attributes, HeaderOffset.attributes)
  batch.writeInt32BE(
    options.lastOffsetDelta ?? (last === undefined ? -1 : last.offsetDelta),
    HeaderOffset.lastOffsetDelta
  )
  writeInt64(batch, baseTimestamp, HeaderOffset.baseTimestamp)
  writeInt64(batch, options.maxTimestamp ?? maxTimestamp, HeaderOffset.maxTimestamp)
  writeInt64(batch, options.producerId ?? NO_PRODUCER_ID, HeaderOffset.producerId)
  batch.writeInt16BE(options.producerEpoch ?? NO_PRODUCER_EPOCH, HeaderOffset.producerEpoch)
  batch.writeInt32BE(options.baseSequence ?? NO_SEQUENCE, HeaderOffset.baseSequence)
  batch.writeInt32BE(prepared.length, HeaderOffset.recordCount)
  batch.writeUInt32BE(crc32c(batch.subarray(HeaderOffset.attributes)), HeaderOffset.crc)
  return batch
}

function writeRecords(
  buf: Buffer,
  records: PreparedRecord[],
  baseTimestamp: number,
  pos: number
): void {
  for (const record of records) pos = writeRecord(buf, record, baseTimestamp, pos)
}
