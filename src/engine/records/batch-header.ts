// The fixed 61-byte RecordBatch v2 header: cheap parsing, CRC checks and in-place rewrites.
import { ErrorCode } from '../../shared/kafka/error-codes'
import { crc32c } from './crc'
import { type CompressionType, isCompressionType } from './compression'
import { RecordBatchError, corrupt, invalidRecord } from './errors'
import { readInt64, writeInt64 } from './varint'

export const MAGIC = 2
/** baseOffset + batchLength: the part of a batch not counted by batchLength. */
export const LOG_OVERHEAD = 12
export const BATCH_HEADER_SIZE = 61
/** The smallest batchLength a well-formed batch can declare (a header with no records). */
export const MIN_BATCH_LENGTH = BATCH_HEADER_SIZE - LOG_OVERHEAD

/** Byte offsets of header fields from the start of a batch. */
export const HeaderOffset = {
  baseOffset: 0,
  batchLength: 8,
  partitionLeaderEpoch: 12,
  magic: 16,
  crc: 17,
  attributes: 21,
  lastOffsetDelta: 23,
  baseTimestamp: 27,
  maxTimestamp: 35,
  producerId: 43,
  producerEpoch: 51,
  baseSequence: 53,
  recordCount: 57
} as const

export const Attribute = {
  COMPRESSION_MASK: 0x07,
  LOG_APPEND_TIME: 0x08,
  TRANSACTIONAL: 0x10,
  CONTROL: 0x20,
  DELETE_HORIZON: 0x40
} as const

export const TimestampType = { CreateTime: 0, LogAppendTime: 1 } as const
export type TimestampType = (typeof TimestampType)[keyof typeof TimestampType]

export const NO_TIMESTAMP = -1
export const NO_PRODUCER_ID = -1
export const NO_PRODUCER_EPOCH = -1
export const NO_SEQUENCE = -1
export const NO_PARTITION_LEADER_EPOCH = -1

export interface RecordBatchHeader {
  baseOffset: number
  batchLength: number
  partitionLeaderEpoch: number
  magic: number
  /** Unsigned, as stored. */
  crc: number
  attributes: number
  lastOffsetDelta: number
  baseTimestamp: number
  maxTimestamp: number
  producerId: number
  producerEpoch: number
  baseSequence: number
  recordCount: number
  // Derived from the fields above, for callers that would otherwise re-mask attributes.
  /** Whole batch size in bytes: batchLength + LOG_OVERHEAD. */
  size: number
  lastOffset: number
  compression: CompressionType
  timestampType: TimestampType
  isTransactional: boolean
  isControl: boolean
  hasDeleteHorizon: boolean
}

/**
 * Reads the header at `at` without touching the records or checking the CRC. Needs only the 61
 * header bytes, so it also works on a header-only prefix read from storage.
 */
// The checks that must hold before any other field can be trusted; returns batchLength.
function checkFraming(buf: Buffer, at: number): number {
  if (at < 0 || buf.length - at < BATCH_HEADER_SIZE) {
    throw corrupt(`truncated batch header: ${buf.length - at} of ${BATCH_HEADER_SIZE} bytes`)
  }
  // Magic sits at byte 16 in every message format, so old formats are recognised here too.
  const magic = buf.readInt8(at + HeaderOffset.magic)
  if (magic !== MAGIC) throw invalidRecord(`unsupported record batch magic ${magic}`)
  const batchLength = buf.readInt32BE(at + HeaderOffset.batchLength)
  if (batchLength < MIN_BATCH_LENGTH) throw corrupt(`batch length ${batchLength} is too small`)
  return batchLength
}

export function parseBatchHeader(buf: Buffer, at = 0): RecordBatchHeader {
  const batchLength = checkFraming(buf, at)
  const attributes = buf.readInt16BE(at + HeaderOffset.attributes)
  const compression = attributes & Attribute.COMPRESSION_MASK
  if (!isCompressionType(compression)) {
    throw new RecordBatchError(
      ErrorCode.UNSUPPORTED_COMPRESSION_TYPE,
      `unknown compression codec ${compression}`
    )
  }
  const baseOffset = readInt64(buf, at + HeaderOffset.baseOffset, 'baseOffset')
  const lastOffsetDelta = buf.readInt32BE(at + HeaderOffset.lastOffsetDelta)
  return {
    baseOffset,
    batchLength,
    partitionLeaderEpoch: buf.readInt32BE(at + HeaderOffset.partitionLeaderEpoch),
    magic: MAGIC,
    crc: buf.readUInt32BE(at + HeaderOffset.crc),
    attributes,
    lastOffsetDelta,
    baseTimestamp: readInt64(buf, at + HeaderOffset.baseTimestamp, 'baseTimestamp'),
    maxTimestamp: readInt64(buf, at + HeaderOffset.maxTimestamp, 'maxTimestamp'),
    producerId: readInt64(buf, at + HeaderOffset.producerId, 'producerId'),
    producerEpoch: buf.readInt16BE(at + HeaderOffset.producerEpoch),
    baseSequence: buf.readInt32BE(at + HeaderOffset.baseSequence),
    recordCount: buf.readInt32BE(at + HeaderOffset.recordCount),
    size: batchLength + LOG_OVERHEAD,
    lastOffset: baseOffset + lastOffsetDelta,
    compression,
    timestampType: attributes & Attribute.LOG_APPEND_TIME ? 1 : 0,
    isTransactional: (attributes & Attribute.TRANSACTIONAL) !== 0,
    isControl: (attributes & Attribute.CONTROL) !== 0,
    hasDeleteHorizon: (attributes & Attribute.DELETE_HORIZON) !== 0
  }
}

/** CRC-32C over attributes..end, the span the stored crc covers. */
export function computeBatchCrc(buf: Buffer, at = 0): number {
  const end = at + buf.readInt32BE(at + HeaderOffset.batchLength) + LOG_OVERHEAD
  return crc32c(buf.subarray(at + HeaderOffset.attributes, end))
}

/**
 * Full structural check of one batch at `at`: header, declared length within `buf`, and CRC.
 * Throws CORRUPT_MESSAGE for anything a damaged or truncated transfer could cause.
 */
export function validateBatch(buf: Buffer, at = 0): RecordBatchHeader {
  const size = checkFraming(buf, at) + LOG_OVERHEAD
  if (size > buf.length - at) {
    throw corrupt(`batch of ${size} bytes overruns the ${buf.length - at} bytes available`)
  }
  // CRC before the remaining fields, so damage to any of them reads as CORRUPT_MESSAGE.
  const stored = buf.readUInt32BE(at + HeaderOffset.crc)
  const actual = computeBatchCrc(buf, at)
  if (actual !== stored) throw corrupt(`batch crc mismatch: stored ${stored}, computed ${actual}`)
  const header = parseBatchHeader(buf, at)
  if (header.recordCount < 0) throw invalidRecord(`invalid record count ${header.recordCount}`)
  return header
}

/** The extra rules Kafka applies to batches arriving from clients in a Produce request. */
export function checkProducedBatch(header: RecordBatchHeader): void {
  if (header.recordCount <= 0) throw invalidRecord(`invalid record count ${header.recordCount}`)
  if (header.lastOffsetDelta + 1 !== header.recordCount) {
    throw invalidRecord(
      `offset range of ${header.lastOffsetDelta + 1} does not match record count ${header.recordCount}`
    )
  }
  if (header.isControl) throw invalidRecord('clients are not allowed to write control records')
  if (header.producerId >= 0 && header.baseSequence < 0) {
    throw invalidRecord(`invalid sequence number ${header.baseSequence} for a producer id`)
  }
}

// baseOffset and partitionLeaderEpoch precede the CRC'd span, so the broker rewrites them freely.
export function setBaseOffset(buf: Buffer, baseOffset: number, at = 0): void {
  writeInt64(buf, baseOffset, at + HeaderOffset.baseOffset)
}

export function setPartitionLeaderEpoch(buf: Buffer, epoch: number, at = 0): void {
  buf.writeInt32BE(epoch, at + HeaderOffset.partitionLeaderEpoch)
}

/**
 * Sets the timestamp type bit and maxTimestamp, which lie inside the CRC'd span, then rewrites
 * the CRC. Skips the checksum pass when nothing changes, as Kafka does.
 */
export function setMaxTimestamp(
  buf: Buffer,
  timestampType: TimestampType,
  maxTimestamp: number,
  at = 0
): void {
  const attrAt = at + HeaderOffset.attributes
  const oldAttributes = buf.readInt16BE(attrAt)
  const attributes =
    timestampType === TimestampType.LogAppendTime
      ? oldAttributes | Attribute.LOG_APPEND_TIME
      : oldAttributes & ~Attribute.LOG_APPEND_TIME
  const tsAt = at + HeaderOffset.maxTimestamp
  if (attributes === oldAttributes && readInt64(buf, tsAt) === maxTimestamp) return
  buf.writeInt16BE(attributes, attrAt)
  writeInt64(buf, maxTimestamp, tsAt)
  buf.writeUInt32BE(computeBatchCrc(buf, at), at + HeaderOffset.crc)
}

/** Marks the batch LOG_APPEND_TIME with the broker's append time, as topics so configured do. */
export function setLogAppendTime(buf: Buffer, appendTime: number, at = 0): void {
  setMaxTimestamp(buf, TimestampType.LogAppendTime, appendTime, at)
}
