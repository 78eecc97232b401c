// Growable writer of every Kafka wire primitive; large byte fields are kept by reference, not copied.
import { invalidLength, invalidValue } from './errors'

/** Byte fields at least this long are emitted as their own chunk instead of being copied. */
const REFERENCE_THRESHOLD = 512
const UUID_TEXT = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/** A 4-byte slot reserved for a value known only later, such as a size prefix. */
export interface Int32Slot {
  buf: Buffer
  offset: number
}

/**
 * Writes big-endian Kafka primitives into scratch buffers. Output is a list of chunks: scratch
 * regions plus byte/records fields of REFERENCE_THRESHOLD bytes or more, which are referenced as
 * they are, so a Fetch response never copies the record batches it serves. `toChunks()` suits a
 * socket writev; `toBuffer()` concatenates (no copy at all when there is a single chunk).
 * Referenced buffers must not be modified until the output has been written.
 */
export class ByteWriter {
  private buf: Buffer
  private pos = 0
  private chunkStart = 0
  private readonly chunks: Buffer[] = []
  private flushed = 0

  constructor(initialSize = 256) {
    this.buf = Buffer.allocUnsafe(initialSize)
  }

  /** Bytes written so far. */
  get length(): number {
    return this.flushed + this.pos - this.chunkStart
  }

  private flushChunk(): void {
    if (this.pos > this.chunkStart) {
      this.chunks.push(this.buf.subarray(this.chunkStart, this.pos))
      this.flushed += this.pos - this.chunkStart
    }
    this.chunkStart = this.pos
  }

  private ensure(n: number): void {
    if (this.buf.length - this.pos >= n) return
    this.flushChunk()
    this.buf = Buffer.allocUnsafe(Math.max(n, Math.min(this.buf.length * 2, 1 << 20)))
    this.pos = 0
    this.chunkStart = 0
  }

  writeInt8(v: number): this {
    this.ensure(1)
    this.buf.writeInt8(v, this.pos++)
    return this
  }

  writeBool(v: boolean): this {
    this.ensure(1)
    this.buf[this.pos++] = v ? 1 : 0
    return this
  }

  writeInt16(v: number): this {
    this.ensure(2)
    this.pos = this.buf.writeInt16BE(v, this.pos)
    return this
  }

  writeUint16(v: number): this {
    this.ensure(2)
    this.pos = this.buf.writeUInt16BE(v, this.pos)
    return this
  }

  writeInt32(v: number): this {
    this.ensure(4)
    this.pos = this.buf.writeInt32BE(v, this.pos)
    return this
  }

  writeUint32(v: number): this {
    this.ensure(4)
    this.pos = this.buf.writeUInt32BE(v, this.pos)
    return this
  }

  writeInt64(v: bigint | number): this {
    this.ensure(8)
    this.pos = this.buf.writeBigInt64BE(typeof v === 'bigint' ? v : BigInt(v), this.pos)
    return this
  }

  writeFloat64(v: number): this {
    this.ensure(8)
    this.pos = this.buf.writeDoubleBE(v, this.pos)
    return this
  }

  writeUnsignedVarint(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) {
      throw invalidValue(`unsigned varint out of range: ${v}`)
    }
    this.ensure(5)
    const buf = this.buf
    while (v >= 0x80) {
      buf[this.pos++] = (v & 0x7f) | 0x80
      v = Math.floor(v / 128)
    }
    buf[this.pos++] = v
    return this
  }

  writeVarint(v: number): this {
    return this.writeUnsignedVarint(((v << 1) ^ (v >> 31)) >>> 0)
  }

  writeVarlong(v: bigint): this {
    let z = BigInt.asUintN(64, (v << 1n) ^ (v >> 63n))
    this.ensure(10)
    while (z >= 0x80n) {
      this.buf[this.pos++] = Number(z & 0x7fn) | 0x80
      z >>= 7n
    }
    this.buf[this.pos++] = Number(z)
    return this
  }

  private utf8(s: string, len: number): void {
    this.ensure(len)
    this.pos += this.buf.write(s, this.pos, len, 'utf8')
  }

  /** Non-compact string; null is written as length -1 (callers check nullability). */
  writeString(s: string | null): this {
    if (s === null) return this.writeInt16(-1)
    const len = Buffer.byteLength(s, 'utf8')
    if (len > 0x7fff) throw invalidLength(`string of ${len} bytes exceeds int16 length`)
    this.writeInt16(len)
    this.utf8(s, len)
    return this
  }

  /** Compact string; null is written as length 0. */
  writeCompactString(s: string | null): this {
    if (s === null) return this.writeUnsignedVarint(0)
    const len = Buffer.byteLength(s, 'utf8')
    if (len > 0x7fff) throw invalidLength(`string of ${len} bytes exceeds int16 length`)
    this.writeUnsignedVarint(len + 1)
    this.utf8(s, len)
    return this
  }

  /** Appends bytes, by reference when large. */
  writeRaw(b: Buffer): this {
    if (b.length >= REFERENCE_THRESHOLD) {
      this.flushChunk()
      this.chunks.push(b)
      this.flushed += b.length
      return this
    }
    this.ensure(b.length)
    this.pos += b.copy(this.buf, this.pos)
    return this
  }

  /** int32-length bytes; null is written as length -1. */
  writeBytes(b: Buffer | null): this {
    if (b === null) return this.writeInt32(-1)
    this.writeInt32(b.length)
    return this.writeRaw(b)
  }

  /** Compact bytes; null is written as length 0. */
  writeCompactBytes(b: Buffer | null): this {
    if (b === null) return this.writeUnsignedVarint(0)
    this.writeUnsignedVarint(b.length + 1)
    return this.writeRaw(b)
  }

  /** A UUID given in the RFC 4122 textual form. */
  writeUuid(uuid: string): this {
    if (!UUID_TEXT.test(uuid)) throw invalidValue(`malformed uuid: ${uuid}`)
    this.ensure(16)
    this.pos += this.buf.write(uuid.replace(/-/g, ''), this.pos, 16, 'hex')
    return this
  }

  /** Array length: int32 (-1 null) or compact unsigned varint of length + 1 (0 null). */
  writeArrayLength(n: number | null, compact: boolean): this {
    if (compact) return this.writeUnsignedVarint(n === null ? 0 : n + 1)
    return this.writeInt32(n === null ? -1 : n)
  }

  /** Reserves 4 bytes to be filled in later with patchInt32. */
  reserveInt32(): Int32Slot {
    this.ensure(4)
    const slot = { buf: this.buf, offset: this.pos }
    this.pos += 4
    return slot
  }

  static patchInt32(slot: Int32Slot, v: number): void {
    slot.buf.writeInt32BE(v, slot.offset)
  }

  /** The written bytes as a list of chunks, in order, without copying. */
  toChunks(): Buffer[] {
    this.flushChunk()
    return this.chunks.slice()
  }

  /** The written bytes as one Buffer (a copy only when there are several chunks). */
  toBuffer(): Buffer {
    const chunks = this.toChunks()
    if (chunks.length === 1) return chunks[0]
    return Buffer.concat(chunks, this.flushed)
  }
}
