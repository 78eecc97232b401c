// ByteReader/ByteWriter: every primitive, Kafka's own varint vectors, bounds and chunking.
import { describe, expect, it } from 'vitest'
import { ByteReader, ByteWriter, ProtocolError } from '../../../src/engine/kafka/protocol'

const bytes = (h: string): Buffer => Buffer.from(h.replace(/\s+/g, ''), 'hex')
const written = (f: (w: ByteWriter) => void): string => {
  const w = new ByteWriter(8)
  f(w)
  return w.toBuffer().toString('hex')
}

describe('varints (vectors from Kafka ByteUtilsTest)', () => {
  const unsigned: [number, string][] = [
    [0, '00'],
    [1, '01'],
    [127, '7f'],
    [128, '8001'],
    [16383, 'ff7f'],
    [16384, '808001'],
    [2097151, 'ffff7f'],
    [268435455, 'ffffff7f'],
    [268435456, '8080808001'],
    [0xffffffff, 'ffffffff0f']
  ]
  it.each(unsigned)('unsigned varint %d <-> %s', (n, h) => {
    expect(written((w) => w.writeUnsignedVarint(n))).toBe(h)
    expect(new ByteReader(bytes(h)).readUnsignedVarint()).toBe(n)
  })

  const zigzag: [number, string][] = [
    [0, '00'],
    [-1, '01'],
    [1, '02'],
    [63, '7e'],
    [-64, '7f'],
    [64, '8001'],
    [-65, '8101'],
    [8191, 'fe7f'],
    [-8192, 'ff7f'],
    [8192, '808001'],
    [-8193, '818001'],
    [1048575, 'feff7f'],
    [-1048576, 'ffff7f'],
    [134217728, '8080808001'],
    [-134217729, '8180808001'],
    [2147483647, 'feffffff0f'],
    [-2147483648, 'ffffffff0f']
  ]
  it.each(zigzag)('varint %d <-> %s', (n, h) => {
    expect(written((w) => w.writeVarint(n))).toBe(h)
    expect(new ByteReader(bytes(h)).readVarint()).toBe(n)
  })

  it.each([
    [0n, '00'],
    [-1n, '01'],
    [9223372036854775807n, 'feffffffffffffffff01'],
    [-9223372036854775808n, 'ffffffffffffffffff01']
  ])('varlong %s <-> %s', (n, h) => {
    expect(written((w) => w.writeVarlong(n))).toBe(h)
    expect(new ByteReader(bytes(h)).readVarlong()).toBe(n)
  })

  it('refuses varints longer than their type', () => {
    expect(() => new ByteReader(bytes('8080808080 01')).readUnsignedVarint()).toThrow(ProtocolError)
    expect(() => new ByteReader(bytes('ffffffff7f')).readUnsignedVarint()).toThrow(ProtocolError)
    expect(() => new ByteReader(bytes('80'.repeat(10) + '01')).readVarlong()).toThrow(ProtocolError)
    expect(() => new ByteReader(bytes('8080')).readUnsignedVarint()).toThrow(/unsigned varint/)
  })
})

describe('fixed-width primitives and strings', () => {
  it('round-trip with their big-endian layouts', () => {
    const h = written((w) =>
      w
        .writeInt8(-2)
        .writeBool(true)
        .writeInt16(-3)
        .writeUint16(65535)
        .writeInt32(-4)
        .writeUint32(4294967295)
        .writeInt64(-5n)
        .writeFloat64(1.5)
        .writeUuid('01234567-89ab-cdef-0123-456789abcdef')
    )
    expect(h).toBe(
      'fe' +
        '01' +
        'fffd' +
        'ffff' +
        'fffffffc' +
        'ffffffff' +
        'fffffffffffffffb' +
        '3ff8000000000000' +
        '0123456789abcdef0123456789abcdef'
    )
    const r = new ByteReader(bytes(h))
    expect([r.readInt8(), r.readBool(), r.readInt16(), r.readUint16(), r.readInt32()]).toEqual([
      -2,
      true,
      -3,
      65535,
      -4
    ])
    expect([r.readUint32(), r.readInt64(), r.readFloat64(), r.readUuid()]).toEqual([
      4294967295,
      -5n,
      1.5,
      '01234567-89ab-cdef-0123-456789abcdef'
    ])
    expect(r.remaining).toBe(0)
  })

  it('strings and bytes: INT16/INT32 lengths, compact lengths + 1, null as -1 or 0', () => {
    const h = written((w) =>
      w
        .writeString('é')
        .writeString(null)
        .writeCompactString('ab')
        .writeCompactString(null)
        .writeBytes(Buffer.from([1]))
        .writeBytes(null)
        .writeCompactBytes(Buffer.from([2, 3]))
        .writeCompactBytes(null)
    )
    expect(h).toBe(
      '0002c3a9' + 'ffff' + '036162' + '00' + '0000000101' + 'ffffffff' + '030203' + '00'
    )
    const r = new ByteReader(bytes(h))
    expect(r.readString()).toBe('é')
    expect(r.readNullableString()).toBeNull()
    expect(r.readCompactString()).toBe('ab')
    expect(r.readCompactNullableString()).toBeNull()
    expect(r.readBytes()).toEqual(Buffer.from([1]))
    expect(r.readNullableBytes()).toBeNull()
    expect(r.readCompactBytes()).toEqual(Buffer.from([2, 3]))
    expect(r.readRecords(true)).toBeNull()
  })

  it('refuses null where the field is not nullable and strings over INT16 on encode', () => {
    expect(() => new ByteReader(bytes('ffff')).readString()).toThrow(ProtocolError)
    expect(() => new ByteReader(bytes('00')).readCompactString()).toThrow(ProtocolError)
    expect(() => new ByteReader(bytes('ffffffff')).readBytes()).toThrow(ProtocolError)
    expect(() => new ByteWriter().writeString('x'.repeat(40000))).toThrow(ProtocolError)
    expect(() => new ByteWriter().writeUuid('not-a-uuid')).toThrow(ProtocolError)
  })
})

describe('ByteWriter chunks', () => {
  it('references large byte fields instead of copying them', () => {
    const big = Buffer.alloc(4096, 7)
    const w = new ByteWriter(16)
    w.writeInt32(1).writeBytes(big).writeInt16(2)
    const chunks = w.toChunks()
    expect(chunks).toHaveLength(3)
    expect(chunks[1]).toBe(big)
    expect(w.length).toBe(4 + 4 + 4096 + 2)
    const all = w.toBuffer()
    expect(all.readInt32BE(4)).toBe(4096)
    expect(all.readInt16BE(all.length - 2)).toBe(2)
  })

  it('grows across many small writes and patches a reserved size', () => {
    const w = new ByteWriter(4)
    const slot = w.reserveInt32()
    for (let i = 0; i < 1000; i++) w.writeInt32(i)
    ByteWriter.patchInt32(slot, w.length - 4)
    const b = w.toBuffer()
    expect(b.length).toBe(4004)
    expect(b.readInt32BE(0)).toBe(4000)
    expect(b.readInt32BE(4000)).toBe(999)
  })
})
