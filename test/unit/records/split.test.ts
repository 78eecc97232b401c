import { describe, expect, it } from 'vitest'
import {
  CompressionType,
  HeaderOffset,
  RecordBatchError,
  decodeBatch,
  encodeBatch,
  splitBatches
} from '../../../src/engine/records'
import { expectRecordError } from './helpers'

const T0 = 1_700_000_000_000
const three = (): Buffer =>
  Buffer.concat([
    encodeBatch([{ value: 'a', timestamp: T0 }], { baseOffset: 0 }),
    encodeBatch(
      [
        { value: 'b', timestamp: T0 },
        { value: 'c', timestamp: T0 }
      ],
      {
        baseOffset: 1,
        compression: CompressionType.Gzip
      }
    ),
    encodeBatch([{ value: 'd', timestamp: T0 }], { baseOffset: 3 })
  ])

describe('splitBatches', () => {
  it('splits concatenated batches into views with headers', () => {
    const buf = three()
    const { batches, trailingBytes } = splitBatches(buf)
    expect(trailingBytes).toBe(0)
    expect(batches.map((b) => b.header.baseOffset)).toEqual([0, 1, 3])
    expect(batches.reduce((n, b) => n + b.bytes.length, 0)).toBe(buf.length)
    expect(batches[1].bytes.buffer).toBe(buf.buffer) // a view, not a copy
    expect(decodeBatch(batches[1].bytes).records.map((r) => r.value?.toString())).toEqual([
      'b',
      'c'
    ])
    expect(splitBatches(Buffer.alloc(0)).batches).toEqual([])
  })

  it('gives a typed error for every truncation point', () => {
    const buf = three()
    for (let n = 1; n < buf.length; n++) {
      const whole = [0, 1, 2, 3].some(
        (k) =>
          n ===
          splitBatches(buf)
            .batches.slice(0, k)
            .reduce((s, b) => s + b.bytes.length, 0)
      )
      if (whole) continue
      expectRecordError(() => splitBatches(buf.subarray(0, n)), 2)
    }
  })

  it('ignores a partial tail when reading fetch responses', () => {
    const buf = three()
    const { batches, trailingBytes } = splitBatches(buf.subarray(0, buf.length - 5), {
      allowPartialTail: true
    })
    expect(batches).toHaveLength(2)
    expect(trailingBytes).toBe(buf.length - 5 - batches[0].bytes.length - batches[1].bytes.length)
  })

  it('never trusts a lying batch length', () => {
    const buf = three()
    buf.writeInt32BE(0x7fffffff, HeaderOffset.batchLength)
    expectRecordError(() => splitBatches(buf), 2)
    buf.writeInt32BE(-5, HeaderOffset.batchLength)
    expectRecordError(() => splitBatches(buf), 2)
  })

  it('checks CRCs unless told not to, and enforces a size limit', () => {
    const buf = three()
    buf[buf.length - 2] ^= 0xff
    expectRecordError(() => splitBatches(buf), 2)
    expect(splitBatches(buf, { verifyCrc: false }).batches).toHaveLength(3)
    expectRecordError(() => splitBatches(three(), { maxBatchBytes: 70 }), 10)
  })
})

describe('hostile input', () => {
  // Random damage with the CRC recomputed reaches the record parser; it must only ever fail
  // with RecordBatchError, never with a RangeError or by allocating what a length claims.
  it.each([CompressionType.None, CompressionType.Gzip, CompressionType.Snappy])(
    'codec %i: fuzzed record sections fail with typed errors only',
    (compression) => {
      const records = Array.from({ length: 20 }, (_, i) => ({
        key: `k${i}`,
        value: 'v'.repeat(i * 3),
        headers: { h: String(i) },
        timestamp: T0 + i
      }))
      const good = encodeBatch(records, { compression })
      let seed = 7
      const rand = (n: number): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff
        return seed % n
      }
      for (let round = 0; round < 3000; round++) {
        const b = Buffer.from(good)
        const flips = 1 + rand(4)
        for (let i = 0; i < flips; i++) b[61 + rand(b.length - 61)] = rand(256)
        if (rand(4) === 0) b.writeInt32BE(rand(2 ** 31), HeaderOffset.recordCount)
        try {
          decodeBatch(b, { verifyCrc: false })
        } catch (err) {
          expect(err).toBeInstanceOf(RecordBatchError)
        }
      }
    }
  )
})
