import { describe, expect, it } from 'vitest'
import {
  CompressionType,
  HeaderOffset,
  RecordBatchError,
  TimestampType,
  checkProducedBatch,
  computeBatchCrc,
  crc32c,
  encodeBatch,
  parseBatchHeader,
  setBaseOffset,
  setLogAppendTime,
  setMaxTimestamp,
  setPartitionLeaderEpoch,
  validateBatch
} from '../../../src/engine/records'
import { expectRecordError } from './helpers'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'

const T0 = 1_700_000_000_000
const batch = (): Buffer =>
  encodeBatch(
    [
      { key: 'a', value: 'one', timestamp: T0 },
      { key: 'b', value: 'two', timestamp: T0 + 9 }
    ],
    { producerId: 12, producerEpoch: 0, baseSequence: 0 }
  )

describe('crc32c', () => {
  it('matches the Castagnoli check value', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283)
    expect(crc32c(Buffer.from('56789'), crc32c(Buffer.from('1234')))).toBe(0xe3069283)
    expect(crc32c(Buffer.alloc(0))).toBe(0)
  })
})

describe('parseBatchHeader / validateBatch', () => {
  it('reads every header field at the offsets Kafka defines', () => {
    const b = batch()
    const h = validateBatch(b)
    expect(h).toMatchObject({
      baseOffset: 0,
      batchLength: b.length - 12,
      partitionLeaderEpoch: -1,
      magic: 2,
      crc: b.readUInt32BE(17),
      attributes: 0,
      lastOffsetDelta: 1,
      baseTimestamp: T0,
      maxTimestamp: T0 + 9,
      producerId: 12,
      producerEpoch: 0,
      baseSequence: 0,
      recordCount: 2,
      size: b.length
    })
    expect(h.crc).toBe(crc32c(b.subarray(21)))
  })

  it('decodes every attribute bit', () => {
    const b = batch()
    b.writeInt16BE(0x7c | CompressionType.Zstd, HeaderOffset.attributes)
    expect(parseBatchHeader(b)).toMatchObject({
      compression: CompressionType.Zstd,
      timestampType: TimestampType.LogAppendTime,
      isTransactional: true,
      isControl: true,
      hasDeleteHorizon: true
    })
    b.writeInt16BE(5, HeaderOffset.attributes)
    expectRecordError(() => parseBatchHeader(b), 76)
  })

  it('gives CORRUPT_MESSAGE for a flipped bit anywhere under the CRC', () => {
    const b = batch()
    for (let i = HeaderOffset.crc; i < b.length; i++) {
      for (const bit of [0x01, 0x80]) {
        const damaged = Buffer.from(b)
        damaged[i] ^= bit
        const err = (() => {
          try {
            validateBatch(damaged)
          } catch (e) {
            return e
          }
        })()
        expect(err, `byte ${i}`).toBeInstanceOf(RecordBatchError)
        expect((err as RecordBatchError).code, `byte ${i}`).toBe(ErrorCode.CORRUPT_MESSAGE)
      }
    }
  })

  it('rejects other magic values with INVALID_RECORD and short lengths with CORRUPT_MESSAGE', () => {
    const b = batch()
    b[HeaderOffset.magic] = 1
    expectRecordError(() => parseBatchHeader(b), 87)
    const c = batch()
    c.writeInt32BE(10, HeaderOffset.batchLength)
    expectRecordError(() => parseBatchHeader(c), 2)
  })

  it('gives a typed error, never a RangeError, for every truncation', () => {
    const b = batch()
    for (let n = 0; n < b.length; n++) expectRecordError(() => validateBatch(b.subarray(0, n)), 2)
  })

  it('applies the Produce rules for client batches', () => {
    expect(() => checkProducedBatch(validateBatch(batch()))).not.toThrow()
    const h = validateBatch(batch())
    expectRecordError(() => checkProducedBatch({ ...h, lastOffsetDelta: 5 }), 87)
    expectRecordError(() => checkProducedBatch({ ...h, isControl: true }), 87)
    expectRecordError(() => checkProducedBatch({ ...h, baseSequence: -1 }), 87)
    expectRecordError(() => checkProducedBatch({ ...h, recordCount: 0, lastOffsetDelta: -1 }), 87)
  })
})

describe('in-place rewrites', () => {
  it('rewrites baseOffset and leader epoch without touching the CRC', () => {
    const b = batch()
    const crc = b.readUInt32BE(HeaderOffset.crc)
    setBaseOffset(b, 2 ** 40 + 3)
    setPartitionLeaderEpoch(b, 17)
    const h = validateBatch(b)
    expect(h.baseOffset).toBe(2 ** 40 + 3)
    expect(h.partitionLeaderEpoch).toBe(17)
    expect(h.crc).toBe(crc)
    expect(h.lastOffset).toBe(2 ** 40 + 4)
  })

  it('sets log-append time inside the CRC and recomputes it', () => {
    const b = batch()
    setLogAppendTime(b, T0 + 1000)
    const h = validateBatch(b)
    expect(h.timestampType).toBe(TimestampType.LogAppendTime)
    expect(h.maxTimestamp).toBe(T0 + 1000)
    expect(h.crc).toBe(computeBatchCrc(b))
    setMaxTimestamp(b, TimestampType.CreateTime, T0 + 9)
    expect(b).toEqual(batch())
  })

  it('works on a batch stored at an offset in a larger buffer', () => {
    const pair = Buffer.concat([batch(), batch()])
    const at = pair.length / 2
    setBaseOffset(pair, 99, at)
    setLogAppendTime(pair, T0, at)
    expect(validateBatch(pair, at)).toMatchObject({ baseOffset: 99, maxTimestamp: T0 })
    expect(validateBatch(pair, 0)).toMatchObject({ baseOffset: 0, maxTimestamp: T0 + 9 })
  })
})
