// Bounds-checked reader of every Kafka wire primitive over a Buffer; all failures are ProtocolError.
import { invalidLength, invalidValue, truncated } from './errors'

/**
 * Reads big-endian Kafka primitives from `buf` between `pos` and `end`. Every length and element
 * count is checked against the bytes that remain before anything is allocated, so a lying length
 * can neither make us allocate more than the frame holds nor surface as a RangeError. Bytes,
 * records and strings are views of (or decoded from) the frame: no copy is made.
 */
export class ByteReader {
  readonly buf: Buffer
  pos: number
  /** Exclusive limit; narrowed while a tagged field is decoded from its declared size. */
  end: number

  constructor(buf: Buffer, pos = 0, end = buf.length) {
    this.buf = buf
    this.pos = pos
    this.end = end
  }

  get remaining(): number {
    return this.end - this.pos
  }

  /** Throws TRUNCATED unless `n` more bytes are available. */
  need(n: number, what: string): void {
    if (this.end - this.pos < n) throw truncated(what, n, this.end - this.pos)
  }

  skip(n: number, what = 'skipped bytes'): void {
    this.need(n, what)
    this.pos += n
  }

  readInt8(): number {
    this.need(1, 'int8')
    return this.buf.readInt8(this.pos++)
  }

  readBool(): boolean {
    this.need(1, 'bool')
    return this.buf[this.pos++] !== 0
  }

  readInt16(): number {
    this.need(2, 'int16')
    const v = this.buf.readInt16BE(this.pos)
    this.pos += 2
    return v
  }

  readUint16(): number {
    this.need(2, 'uint16')
    const v = this.buf.readUInt16BE(this.pos)
    this.pos += 2
    return v
  }

  readInt32(): number {
    this.need(4, 'int32')
    const v = this.buf.readInt32BE(this.pos)
    this.pos += 4
    return v
  }

  readUint32(): number {
    this.need(4, 'uint32')
    const v = this.buf.readUInt32BE(this.pos)
    this.pos += 4
    return v
  }

  readInt64(): bigint {
    this.need(8, 'int64')
    const v = this.buf.readBigInt64BE(this.pos)
    this.pos += 8
    return v
  }

  readFloat64(): number {
    this.need(8, 'float64')
    const v = this.buf.readDoubleBE(this.pos)
    this.pos += 8
    return v
  }

  /** Unsigned LEB128 of at most 5 bytes (a uint32), as Kafka's ByteUtils.readUnsignedVarint. */
  readUnsignedVarint(): number {
    const buf = this.buf
    if (this.pos < this.end && buf[this.pos] < 0x80) return buf[this.pos++]
    let value = 0
    let factor = 1
    for (let i = 0; i < 5; i++) {
      if (this.pos >= this.end) throw truncated('unsigned varint', 1, 0)
      const b = buf[this.pos++]
      value += (b & 0x7f) * factor
      if (b < 0x80) {
        if (value > 0xffffffff) throw invalidValue('unsigned varint exceeds 32 bits')
        return value
      }
      factor *= 128
    }
    throw invalidValue('unsigned varint longer than 5 bytes')
  }

  /** Zig-zag encoded int32. */
  readVarint(): number {
    const v = this.readUnsignedVarint()
    return (v >>> 1) ^ -(v & 1)
  }

  /** Zig-zag encoded int64 of at most 10 bytes. */
  readVarlong(): bigint {
    let value = 0n
    let shift = 0n
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw truncated('varlong', 1, 0)
      const b = this.buf[this.pos++]
      value |= BigInt(b & 0x7f) << shift
      if (b < 0x80) {
        if (value > 0xffffffffffffffffn) throw invalidValue('varlong exceeds 64 bits')
        return BigInt.asIntN(64, (value >> 1n) ^ -(value & 1n))
      }
      shift += 7n
    }
    throw invalidValue('varlong longer than 10 bytes')
  }

  /** int16 length, -1 meaning null; returns -1 for null. */
  private stringLength(nullable: boolean): number {
    const len = this.readInt16()
    if (len < 0) {
      if (len === -1 && nullable) return -1
      throw invalidLength(`string length ${len}` + (nullable ? '' : ' in a non-nullable string'))
    }
    return len
  }

  /** Unsigned varint of length + 1, 0 meaning null; returns -1 for null. */
  private compactLength(nullable: boolean, what: string): number {
    const n = this.readUnsignedVarint()
    if (n === 0) {
      if (nullable) return -1
      throw invalidLength(`null ${what} in a non-nullable field`)
    }
    if (n > 0x80000000) throw invalidLength(`${what} length ${n - 1} exceeds int32`)
    return n - 1
  }

  private utf8(len: number): string {
    this.need(len, 'string')
    const start = this.pos
    this.pos += len
    return this.buf.toString('utf8', start, this.pos)
  }

  readString(): string {
    return this.utf8(this.stringLength(false))
  }

  readNullableString(): string | null {
    const len = this.stringLength(true)
    return len < 0 ? null : this.utf8(len)
  }

  readCompactString(): string {
    return this.utf8(this.compactLength(false, 'string'))
  }

  readCompactNullableString(): string | null {
    const len = this.compactLength(true, 'string')
    return len < 0 ? null : this.utf8(len)
  }

  private view(len: number, what: string): Buffer {
    this.need(len, what)
    const start = this.pos
    this.pos += len
    return this.buf.subarray(start, this.pos)
  }

  private bytesLength(nullable: boolean, what: string): number {
    const len = this.readInt32()
    if (len < 0) {
      if (len === -1 && nullable) return -1
      throw invalidLength(`${what} length ${len}` + (nullable ? '' : ` in non-nullable ${what}`))
    }
    return len
  }

  /** int32-length bytes, returned as a view of the frame. */
  readBytes(): Buffer {
    return this.view(this.bytesLength(false, 'bytes'), 'bytes')
  }

  readNullableBytes(): Buffer | null {
    const len = this.bytesLength(true, 'bytes')
    return len < 0 ? null : this.view(len, 'bytes')
  }

  readCompactBytes(): Buffer {
    return this.view(this.compactLength(false, 'bytes'), 'bytes')
  }

  readCompactNullableBytes(): Buffer | null {
    const len = this.compactLength(true, 'bytes')
    return len < 0 ? null : this.view(len, 'bytes')
  }

  /** A records field (nullable bytes on the wire), returned raw as a view of the frame. */
  readRecords(compact: boolean): Buffer | null {
    return compact ? this.readCompactNullableBytes() : this.readNullableBytes()
  }

  /** 16 bytes, returned in the RFC 4122 form `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`. */
  readUuid(): string {
    this.need(16, 'uuid')
    const hex = this.buf.toString('hex', this.pos, this.pos + 16)
    this.pos += 16
    return (
      `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-` +
      `${hex.slice(16, 20)}-${hex.slice(20)}`
    )
  }

  /**
   * An array's element count (int32, or unsigned varint of count + 1 when compact); -1 is null.
   * The count is refused unless count * minElementSize bytes remain, so a huge count can never
   * allocate more elements than the frame could possibly hold (minElementSize is at least 1).
   */
  readArrayLength(compact: boolean, nullable: boolean, minElementSize: number): number {
    let n: number
    if (compact) {
      const raw = this.readUnsignedVarint()
      n = raw - 1
      if (raw > 0x80000000) throw invalidLength(`array length ${n} exceeds int32`)
    } else {
      n = this.readInt32()
    }
    if (n < 0) {
      if (n === -1 && nullable) return -1
      throw invalidLength(`array length ${n}` + (nullable ? '' : ' in a non-nullable array'))
    }
    const per = minElementSize < 1 ? 1 : minElementSize
    if (n * per > this.end - this.pos) {
      throw invalidLength(
        `array of ${n} elements needs at least ${n * per} bytes, ${this.end - this.pos} remaining`
      )
    }
    return n
  }

  /**
   * Reads a tagged fields section. `onTag` decodes a known tag within its declared size (reading
   * past it raises TRUNCATED) and ignores unknown ones; any bytes it leaves are skipped, as Kafka
   * does, so unknown tags and fields from newer struct layouts are tolerated.
   */
  readTaggedFields(onTag?: (tag: number, reader: ByteReader) => void): void {
    const count = this.readUnsignedVarint()
    if (count === 0) return
    if (count * 2 > this.end - this.pos) {
      throw invalidLength(`${count} tagged fields cannot fit in ${this.end - this.pos} bytes`)
    }
    for (let i = 0; i < count; i++) {
      const tag = this.readUnsignedVarint()
      const size = this.readUnsignedVarint()
      this.need(size, `tagged field ${tag}`)
      const limit = this.pos + size
      if (onTag !== undefined) {
        const outerEnd = this.end
        this.end = limit
        try {
          onTag(tag, this)
        } finally {
          this.end = outerEnd
        }
      }
      this.pos = limit
    }
  }
}
