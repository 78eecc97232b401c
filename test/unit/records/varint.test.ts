import { describe, expect, it } from 'vitest'
import {
  ByteReader,
  RecordBatchError,
  readInt64,
  sizeOfVarint,
  sizeOfVarlong,
  sizeOfVarlongBigInt,
  writeInt64,
  writeVarint,
  writeVarlong,
  writeVarlongBigInt
} from '../../../src/engine/records'
import { expectRecordError } from './helpers'

// Independent reference: zigzag then base-128, straight from the protobuf/Kafka definition.
function referenceVarlong(value: bigint): Buffer {
  let u = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n))
  const out: number[] = []
  do {
    const low = Number(u & 0x7fn)
    u >>= 7n
    out.push(u > 0n ? low | 0x80 : low)
  } while (u > 0n)
  return Buffer.from(out)
}

function encodeVarint(value: number): Buffer {
  const buf = Buffer.alloc(5)
  return buf.subarray(0, writeVarint(buf, value, 0))
}

function encodeVarlong(value: number): Buffer {
  const buf = Buffer.alloc(10)
  return buf.subarray(0, writeVarlong(buf, value, 0))
}

const INT_MAX = 2 ** 31 - 1
const INT_MIN = -(2 ** 31)

describe('varint', () => {
  it('matches Kafka ByteUtils encodings', () => {
    expect(encodeVarint(0).toString('hex')).toBe('00')
    expect(encodeVarint(-1).toString('hex')).toBe('01')
    expect(encodeVarint(1).toString('hex')).toBe('02')
    expect(encodeVarint(63).toString('hex')).toBe('7e')
    expect(encodeVarint(-64).toString('hex')).toBe('7f')
    expect(encodeVarint(64).toString('hex')).toBe('8001')
    expect(encodeVarint(-65).toString('hex')).toBe('8101')
    expect(encodeVarint(INT_MAX).toString('hex')).toBe('feffffff0f')
    expect(encodeVarint(INT_MIN).toString('hex')).toBe('ffffffff0f')
  })

  it('round trips every size class and agrees with its size function', () => {
    const values = [0, 1, -1, 63, -64, 64, 8191, -8192, 8192, 2 ** 20, -(2 ** 27), INT_MAX, INT_MIN]
    for (let i = 0; i < 2000; i++) values.push((Math.random() * 2 ** 32) | 0)
    for (const v of values) {
      const bytes = encodeVarint(v)
      expect(bytes).toEqual(referenceVarlong(BigInt(v)))
      expect(sizeOfVarint(v)).toBe(bytes.length)
      const reader = new ByteReader(bytes)
      expect(reader.varint()).toBe(v)
      expect(reader.remaining).toBe(0)
    }
  })

  it('rejects truncated and over-long varints with CORRUPT_MESSAGE', () => {
    expect(() => new ByteReader(Buffer.from([0x80, 0x80])).varint()).toThrow(RecordBatchError)
    const tooLong = Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01])
    expect(() => new ByteReader(tooLong).varint()).toThrow(/longer than 5 bytes/)
    expectRecordError(() => new ByteReader(Buffer.alloc(0)).varint(), 2)
  })
})

describe('varlong', () => {
  const interesting = [
    0,
    -1,
    1,
    INT_MAX,
    INT_MIN,
    INT_MAX + 1,
    INT_MIN - 1,
    1_700_000_000_000,
    -1_700_000_000_000,
    2 ** 52 - 1,
    -(2 ** 52),
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER
  ]

  it('round trips numbers up to the safe-integer range', () => {
    const values = [...interesting]
    for (let i = 0; i < 2000; i++) {
      const magnitude = 2 ** Math.floor(Math.random() * 53)
      values.push(Math.floor((Math.random() - 0.5) * magnitude))
    }
    for (const v of values) {
      const bytes = encodeVarlong(v)
      expect(bytes, String(v)).toEqual(referenceVarlong(BigInt(v)))
      expect(sizeOfVarlong(v)).toBe(bytes.length)
      expect(new ByteReader(bytes).varlong()).toBe(v)
      expect(new ByteReader(bytes).varlongBigInt()).toBe(BigInt(v))
    }
  })

  it('handles the full 64-bit range through bigint', () => {
    const max = 2n ** 63n - 1n
    const min = -(2n ** 63n)
    expect(referenceVarlong(max).toString('hex')).toBe('feffffffffffffffff01')
    for (const v of [max, min, 2n ** 53n, -(2n ** 53n) - 1n, 2n ** 62n, 12345678901234567n]) {
      const buf = Buffer.alloc(10)
      const bytes = buf.subarray(0, writeVarlongBigInt(buf, v, 0))
      expect(bytes).toEqual(referenceVarlong(v))
      expect(sizeOfVarlongBigInt(v)).toBe(bytes.length)
      expect(new ByteReader(bytes).varlongBigInt()).toBe(v)
    }
  })

  it('reports values beyond 2^53 as INVALID_RECORD on the number path', () => {
    const bytes = referenceVarlong(2n ** 60n)
    expectRecordError(() => new ByteReader(bytes).varlong(), 87)
  })

  it('rejects varlongs longer than 10 bytes', () => {
    const tooLong = Buffer.from([...Array<number>(10).fill(0xff), 0x01])
    expect(() => new ByteReader(tooLong).varlong()).toThrow(/longer than 10 bytes/)
    expect(() => new ByteReader(tooLong).varlongBigInt()).toThrow(/longer than 10 bytes/)
  })
})

describe('int64 and reader bounds', () => {
  it('round trips int64 numbers including -1', () => {
    const buf = Buffer.alloc(8)
    for (const v of [
      0,
      -1,
      1,
      2 ** 32,
      -(2 ** 32) - 5,
      Number.MAX_SAFE_INTEGER,
      -1_700_000_000_000
    ]) {
      writeInt64(buf, v, 0)
      expect(buf.readBigInt64BE(0)).toBe(BigInt(v))
      expect(readInt64(buf, 0)).toBe(v)
    }
  })

  it('refuses int64 values it cannot represent exactly', () => {
    const buf = Buffer.alloc(8)
    buf.writeBigInt64BE(2n ** 62n)
    expect(() => readInt64(buf, 0, 'baseOffset')).toThrow(/baseOffset/)
  })

  it('turns every overrun into a typed error', () => {
    const reader = new ByteReader(Buffer.from([0x01, 0x02, 0x03]), 0, 2)
    expect(() => reader.int32()).toThrow(RecordBatchError)
    expect(() => reader.bytes(3)).toThrow(RecordBatchError)
    // A length of 0x7fffffff must be rejected before anything is sliced or allocated.
    const lying = Buffer.from([0xfe, 0xff, 0xff, 0xff, 0x0f, 0x00])
    expect(() => new ByteReader(lying).nullableBytes()).toThrow(RecordBatchError)
    expect(new ByteReader(Buffer.from([0x01])).nullableBytes()).toBeNull()
    expect(() => new ByteReader(Buffer.from([0x03])).nullableBytes()).toThrow(/negative length/)
  })
})
