// Kafka's zigzag varint/varlong and int64 codecs, plus a bounds-checked reader for record bodies.
import { corrupt, invalidRecord } from './errors'

const TWO_POW_32 = 0x100000000
const TWO_POW_52 = 2 ** 52

// Record fields only ever need int32 arithmetic, so varints stay in 32-bit integer ops.
export function sizeOfVarint(value: number): number {
  const v = ((value << 1) ^ (value >> 31)) >>> 0
  if (v < 0x80) return 1
  if (v < 0x4000) return 2
  if (v < 0x200000) return 3
  if (v < 0x10000000) return 4
  return 5
}

/** Writes `value` (int32) as a zigzag varint at `pos`; returns the position after it. */
export function writeVarint(buf: Uint8Array, value: number, pos: number): number {
  let v = ((value << 1) ^ (value >> 31)) >>> 0
  while (v >= 0x80) {
    buf[pos++] = (v & 0x7f) | 0x80
    v >>>= 7
  }
  buf[pos++] = v
  return pos
}

function checkInteger(value: number): void {
  if (!Number.isInteger(value)) throw new RangeError(`varlong value ${value} is not an integer`)
}

export function sizeOfVarlong(value: number): number {
  // Inside int32 range the 64-bit zigzag form equals the 32-bit one.
  if ((value | 0) === value) return sizeOfVarint(value)
  checkInteger(value)
  if (Math.abs(value) >= TWO_POW_52) return sizeOfVarlongBigInt(BigInt(value))
  let u = value >= 0 ? value * 2 : -value * 2 - 1
  let n = 1
  while (u >= 0x80) {
    u = Math.floor(u / 0x80)
    n++
  }
  return n
}

/** Writes an integral `value` as a zigzag varlong; doubles are exact up to 2^52, beyond uses bigint. */
export function writeVarlong(buf: Uint8Array, value: number, pos: number): number {
  if ((value | 0) === value) return writeVarint(buf, value, pos)
  checkInteger(value)
  if (Math.abs(value) >= TWO_POW_52) return writeVarlongBigInt(buf, BigInt(value), pos)
  let u = value >= 0 ? value * 2 : -value * 2 - 1
  while (u >= 0x80) {
    buf[pos++] = (u % 0x80) | 0x80
    u = Math.floor(u / 0x80)
  }
  buf[pos++] = u
  return pos
}

function zigzag64(value: bigint): bigint {
  const v = BigInt.asIntN(64, value)
  return BigInt.asUintN(64, (v << 1n) ^ (v >> 63n))
}

export function sizeOfVarlongBigInt(value: bigint): number {
  let u = zigzag64(value)
  let n = 1
  while (u >= 0x80n) {
    u >>= 7n
    n++
  }
  return n
}

/** Full 64-bit varlong writer; `value` is wrapped to int64 as Java's long would be. */
export function writeVarlongBigInt(buf: Uint8Array, value: bigint, pos: number): number {
  let u = zigzag64(value)
  while (u >= 0x80n) {
    buf[pos++] = Number(u & 0x7fn) | 0x80
    u >>= 7n
  }
  buf[pos++] = Number(u)
  return pos
}

/**
 * Reads an int64 as a number without allocating a bigint. Offsets, timestamps and producer ids
 * never legitimately leave the safe-integer range, so a value outside it is reported as corrupt.
 */
export function readInt64(buf: Buffer, at: number, field = 'int64'): number {
  const value = buf.readInt32BE(at) * TWO_POW_32 + buf.readUInt32BE(at + 4)
  if (!Number.isSafeInteger(value)) throw corrupt(`${field} is outside the safe integer range`)
  return value
}

export function writeInt64(buf: Buffer, value: number, at: number): void {
  const hi = Math.floor(value / TWO_POW_32)
  buf.writeInt32BE(hi, at)
  buf.writeUInt32BE(value - hi * TWO_POW_32, at + 4)
}

/**
 * Cursor over `buf[pos, end)` that turns every overrun into CORRUPT_MESSAGE instead of a
 * RangeError, and hands out slices rather than copies.
 */
export class ByteReader {
  constructor(
    public buf: Buffer,
    public pos: number = 0,
    public end: number = buf.length
  ) {}

  get remaining(): number {
    return this.end - this.pos
  }

  private truncated(what: string): never {
    throw corrupt(`truncated ${what} at byte ${this.pos} of ${this.end}`)
  }

  int8(): number {
    if (this.pos >= this.end) this.truncated('int8')
    return this.buf.readInt8(this.pos++)
  }

  int16(): number {
    if (this.pos + 2 > this.end) this.truncated('int16')
    const v = this.buf.readInt16BE(this.pos)
    this.pos += 2
    return v
  }

  int32(): number {
    if (this.pos + 4 > this.end) this.truncated('int32')
    const v = this.buf.readInt32BE(this.pos)
    this.pos += 4
    return v
  }

  varint(): number {
    const { buf, end } = this
    let pos = this.pos
    let result = 0
    let shift = 0
    let b: number
    do {
      if (pos >= end) this.truncated('varint')
      if (shift > 28) throw corrupt(`varint longer than 5 bytes at byte ${this.pos}`)
      b = buf[pos++]
      result |= (b & 0x7f) << shift
      shift += 7
    } while (b & 0x80)
    this.pos = pos
    return (result >>> 1) ^ -(result & 1)
  }

  /** Varlong as a number; throws INVALID_RECORD when it does not fit a safe integer. */
  varlong(): number {
    const { buf, end } = this
    let pos = this.pos
    let lo = 0
    let b = 0x80
    for (let shift = 0; shift < 28 && b & 0x80; shift += 7) {
      if (pos >= end) this.truncated('varlong')
      b = buf[pos++]
      lo |= (b & 0x7f) << shift
    }
    if (!(b & 0x80)) {
      this.pos = pos
      return (lo >>> 1) ^ -(lo & 1)
    }
    // Bits 28..63 would overflow int ops, so they are summed as a double (exact below 2^53).
    let hi = 0
    let mul = 1
    for (let i = 0; b & 0x80; i++) {
      if (i === 6) throw corrupt(`varlong longer than 10 bytes at byte ${this.pos}`)
      if (pos >= end) this.truncated('varlong')
      b = buf[pos++]
      hi += (b & 0x7f) * mul
      mul *= 0x80
    }
    if (hi >= 0x4000000) throw invalidRecord(`varlong at byte ${this.pos} exceeds 2^53`)
    this.pos = pos
    const half = hi * 0x8000000 + (lo >>> 1)
    return lo & 1 ? -half - 1 : half
  }

  varlongBigInt(): bigint {
    const { buf, end } = this
    let pos = this.pos
    let u = 0n
    let b = 0x80
    for (let shift = 0n; b & 0x80; shift += 7n) {
      if (shift > 63n) throw corrupt(`varlong longer than 10 bytes at byte ${this.pos}`)
      if (pos >= end) this.truncated('varlong')
      b = buf[pos++]
      u |= BigInt(b & 0x7f) << shift
    }
    this.pos = pos
    u = BigInt.asUintN(64, u)
    return BigInt.asIntN(64, (u >> 1n) ^ -(u & 1n))
  }

  /** A slice of `length` bytes; the length is checked against the end before anything else. */
  bytes(length: number): Buffer {
    if (length < 0 || this.pos + length > this.end) this.truncated(`${length}-byte field`)
    const out = this.buf.subarray(this.pos, this.pos + length)
    this.pos += length
    return out
  }

  /** Varint-length-prefixed bytes where -1 means null, as keys, values and header values are. */
  nullableBytes(): Buffer | null {
    const length = this.varint()
    if (length === -1) return null
    if (length < -1) throw corrupt(`negative length ${length} at byte ${this.pos}`)
    return this.bytes(length)
  }
}
