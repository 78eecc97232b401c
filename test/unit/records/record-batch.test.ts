import { describe, expect, it } from 'vitest'
import {
  BATCH_HEADER_SIZE,
  CompressionType,
  ControlRecordType,
  type RecordInput,
  TimestampType,
  decodeBatch,
  decodeControlKey,
  encodeBatch,
  encodeControlKey,
  parseBatchHeader,
  validateBatch
} from '../../../src/engine/records'
import { asInput, expectRecords } from './helpers'

const CODECS = [
  CompressionType.None,
  CompressionType.Gzip,
  CompressionType.Snappy,
  CompressionType.Lz4,
  CompressionType.Zstd
]
const T0 = 1_700_000_000_000

const mixed: RecordInput[] = [
  { key: Buffer.from('k1'), value: Buffer.from('v1'), timestamp: T0 },
  { key: null, value: Buffer.from('no key'), timestamp: T0 + 5 },
  { key: Buffer.from('tombstone'), value: null, timestamp: T0 + 10 },
  { key: null, value: null, timestamp: T0 - 86_400_000 },
  {
    key: Buffer.alloc(0),
    value: Buffer.alloc(0),
    timestamp: T0 + 2 ** 40,
    headers: [
      { key: 'a', value: Buffer.from('1') },
      { key: 'a', value: Buffer.from('2') },
      { key: 'nul', value: null },
      { key: 'ünicode-ключ', value: Buffer.from([0, 255]) }
    ]
  },
  { key: Buffer.alloc(300, 7), value: Buffer.alloc(70_000, 9), timestamp: T0 + 1 }
]

describe('encodeBatch / decodeBatch', () => {
  it.each(CODECS)('round trips mixed records with codec %i', (compression) => {
    const batch = encodeBatch(mixed, { compression, baseOffset: 42, partitionLeaderEpoch: 3 })
    const { header, records } = decodeBatch(batch)
    expect(header).toMatchObject({
      baseOffset: 42,
      batchLength: batch.length - 12,
      partitionLeaderEpoch: 3,
      magic: 2,
      compression,
      lastOffsetDelta: mixed.length - 1,
      baseTimestamp: T0,
      maxTimestamp: T0 + 2 ** 40,
      producerId: -1,
      producerEpoch: -1,
      baseSequence: -1,
      recordCount: mixed.length,
      lastOffset: 42 + mixed.length - 1,
      timestampType: TimestampType.CreateTime,
      isTransactional: false,
      isControl: false,
      hasDeleteHorizon: false
    })
    expectRecords(records, mixed)
    expect(records.map((r) => r.offset)).toEqual([42, 43, 44, 45, 46, 47])
    expect(records[3].timestampDelta).toBe(-86_400_000)
    // Encoding the decoded records again reproduces the batch exactly.
    const again = encodeBatch(asInput(records), {
      compression,
      baseOffset: 42,
      partitionLeaderEpoch: 3
    })
    if (compression === CompressionType.None) expect(again).toEqual(batch)
    else expect(decodeBatch(again).records).toEqual(records)
  })

  it('round trips many records in one batch', () => {
    const many: RecordInput[] = Array.from({ length: 10_000 }, (_, i) => ({
      key: `key-${i % 97}`,
      value: `value-${i}`,
      timestamp: T0 + i,
      headers: i % 10 === 0 ? { n: String(i) } : undefined
    }))
    for (const compression of CODECS) {
      const { header, records } = decodeBatch(encodeBatch(many, { compression }))
      expect(header.recordCount).toBe(10_000)
      expect(records[9999].value?.toString()).toBe('value-9999')
      expect(records[9990].headers).toEqual([{ key: 'n', value: Buffer.from('9990') }])
      expect(records[9999].timestamp).toBe(T0 + 9999)
    }
  })

  it('accepts strings and header maps as input', () => {
    const batch = encodeBatch([{ key: 'k', value: 'é', headers: { trace: 'x', gone: null } }], {
      now: T0
    })
    const [record] = decodeBatch(batch).records
    expect(record.key?.toString()).toBe('k')
    expect(record.value?.toString()).toBe('é')
    expect(record.timestamp).toBe(T0)
    expect(record.headers).toEqual([
      { key: 'trace', value: Buffer.from('x') },
      { key: 'gone', value: null }
    ])
  })

  it('writes producer, transaction and timestamp fields into the header', () => {
    const batch = encodeBatch(
      [
        { value: 'a', timestamp: T0 },
        { value: 'b', timestamp: T0 + 1 }
      ],
      {
        producerId: 9_000_000_000,
        producerEpoch: 7,
        baseSequence: 100,
        transactional: true,
        timestampType: TimestampType.LogAppendTime,
        maxTimestamp: T0 + 500
      }
    )
    const { header, records } = decodeBatch(batch)
    expect(header).toMatchObject({
      producerId: 9_000_000_000,
      producerEpoch: 7,
      baseSequence: 100,
      isTransactional: true,
      timestampType: TimestampType.LogAppendTime,
      maxTimestamp: T0 + 500
    })
    // With LOG_APPEND_TIME every record reports the batch's append time, as Kafka's API does.
    expect(records.map((r) => r.timestamp)).toEqual([T0 + 500, T0 + 500])
  })

  it('keeps explicit offset deltas and a delete horizon for compaction rewrites', () => {
    const batch = encodeBatch(
      [
        { key: 'a', value: '1', timestamp: T0, offsetDelta: 2 },
        { key: 'b', value: null, timestamp: T0 + 3, offsetDelta: 7 }
      ],
      { baseOffset: 100, deleteHorizonMs: T0 + 86_400_000, lastOffsetDelta: 9 }
    )
    const { header, records } = decodeBatch(batch)
    expect(header.hasDeleteHorizon).toBe(true)
    expect(header.baseTimestamp).toBe(T0 + 86_400_000)
    expect(header.lastOffsetDelta).toBe(9)
    expect(records.map((r) => r.offset)).toEqual([102, 107])
    expect(records.map((r) => r.timestamp)).toEqual([T0, T0 + 3])
  })

  it.each(CODECS)('encodes an empty batch without a payload (codec %i)', (compression) => {
    const batch = encodeBatch([], { compression, baseOffset: 5, lastOffsetDelta: 3 })
    expect(batch.length).toBe(BATCH_HEADER_SIZE)
    const { header, records } = decodeBatch(batch)
    expect(records).toEqual([])
    expect(header).toMatchObject({ recordCount: 0, lastOffset: 8, baseTimestamp: -1 })
  })

  it('builds transaction markers as control batches', () => {
    const batch = encodeBatch(
      [{ key: encodeControlKey(ControlRecordType.Commit), value: Buffer.alloc(6), timestamp: T0 }],
      { control: true, transactional: true, producerId: 5, producerEpoch: 1 }
    )
    const { header, records } = decodeBatch(batch)
    expect(header.isControl).toBe(true)
    expect(decodeControlKey(records[0].key)).toEqual({ version: 0, type: 1 })
  })

  it('skips the CRC pass only when asked', () => {
    const batch = encodeBatch([{ value: 'x', timestamp: T0 }])
    batch[batch.length - 2] ^= 1 // the value byte
    expect(() => decodeBatch(batch)).toThrow(/crc/)
    expect(decodeBatch(batch, { verifyCrc: false }).records).toHaveLength(1)
    expect(parseBatchHeader(batch).recordCount).toBe(1)
  })

  it('decodes a batch that sits at an offset inside a larger buffer', () => {
    const a = encodeBatch([{ value: 'first', timestamp: T0 }])
    const b = encodeBatch([{ value: 'second', timestamp: T0 }], { baseOffset: 1 })
    const both = Buffer.concat([a, b])
    expect(validateBatch(both, a.length).baseOffset).toBe(1)
    expect(decodeBatch(both, {}, a.length).records[0].value?.toString()).toBe('second')
  })
})
