import zlib from 'node:zlib'
import { compressFrameSync } from 'lz4-napi'
import { compressSync as rawSnappy } from 'snappy'
import { describe, expect, it } from 'vitest'
import {
  COMPRESSION_NAMES,
  CompressionType,
  compress,
  compressionFromName,
  decompress,
  isXerialSnappy
} from '../../../src/engine/records'
import { expectRecordError } from './helpers'

const CODECS = [
  CompressionType.None,
  CompressionType.Gzip,
  CompressionType.Snappy,
  CompressionType.Lz4,
  CompressionType.Zstd
]

function sample(size: number): Buffer {
  const buf = Buffer.alloc(size)
  for (let i = 0; i < size; i++) buf[i] = (i * 31 + (i >> 7)) & 0xff
  return buf
}

describe('compression codecs', () => {
  it.each(CODECS)('codec %i round trips empty, small and multi-block data', (codec) => {
    for (const data of [Buffer.alloc(0), Buffer.from('hello kafka'), sample(200_000)]) {
      const packed = compress(codec, data)
      expect(decompress(codec, packed)).toEqual(data)
    }
  })

  it('maps names to ids in attribute order', () => {
    expect(COMPRESSION_NAMES.map(compressionFromName)).toEqual(CODECS)
  })

  it('writes snappy the way the Java client does: xerial framing in 32 KiB blocks', () => {
    const data = sample(70_000)
    const packed = compress(CompressionType.Snappy, data)
    expect(isXerialSnappy(packed)).toBe(true)
    expect(packed.subarray(0, 16).toString('hex')).toBe('82534e41505059000000000100000001')
    // 70 000 bytes => blocks of 32768, 32768 and 4464 uncompressed bytes.
    let at = 16
    const blocks: number[] = []
    while (at < packed.length) {
      const length = packed.readInt32BE(at)
      blocks.push(
        decompress(CompressionType.Snappy, rawBlockAsStream(packed, at + 4, length)).length
      )
      at += 4 + length
    }
    expect(blocks).toEqual([32768, 32768, 4464])
  })

  it('reads raw snappy as librdkafka writes it', () => {
    const data = sample(50_000)
    expect(decompress(CompressionType.Snappy, rawSnappy(data))).toEqual(data)
  })

  it('writes LZ4 frames with independent blocks and a valid header checksum', () => {
    const frame = compress(CompressionType.Lz4, sample(1000))
    expect(frame.readUInt32LE(0)).toBe(0x184d2204)
    const flg = frame[4]
    expect(flg >> 6).toBe(1) // frame format version 01
    expect(flg & 0x20).toBe(0x20) // block independence, which Kafka's Java reader relies on
  })

  it('reads LZ4 frames from another encoder and gzip/zstd from node:zlib', () => {
    const data = sample(10_000)
    expect(decompress(CompressionType.Lz4, compressFrameSync(data))).toEqual(data)
    expect(decompress(CompressionType.Gzip, zlib.gzipSync(data, { level: 9 }))).toEqual(data)
    expect(decompress(CompressionType.Zstd, zlib.zstdCompressSync(data))).toEqual(data)
  })

  it('honours compression levels', () => {
    const data = sample(100_000)
    const fast = compress(CompressionType.Gzip, data, { level: 1 })
    expect(decompress(CompressionType.Gzip, fast)).toEqual(data)
    expect(
      decompress(CompressionType.Zstd, compress(CompressionType.Zstd, data, { level: 19 }))
    ).toEqual(data)
  })

  it.each(CODECS.filter((c) => c !== CompressionType.None))(
    'codec %i turns garbage into CORRUPT_MESSAGE',
    (codec) => {
      const packed = compress(codec, sample(5000))
      const garbage = Buffer.from(packed)
      for (let i = Math.min(20, garbage.length - 1); i < garbage.length; i += 7) garbage[i] ^= 0x5a
      expectRecordError(() => decompress(codec, garbage), 2)
      expectRecordError(() => decompress(codec, packed.subarray(0, packed.length >> 1)), 2)
    }
  )

  it('caps the decompressed size (MESSAGE_TOO_LARGE) for every codec', () => {
    const zeros = Buffer.alloc(1_000_000)
    for (const codec of CODECS.filter((c) => c !== CompressionType.None)) {
      expectRecordError(() => decompress(codec, compress(codec, zeros), 100_000), 10)
    }
  })

  it('inflates LZ4 block by block when its blocks could hold more than the limit', () => {
    // 100,000 bytes make a full 64 KiB block and a partial one: room for 128 KiB.
    const data = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 31) % 251))
    const frame = compressFrameSync(data)
    expect(decompress(CompressionType.Lz4, frame, 100_000)).toEqual(data)
    expectRecordError(() => decompress(CompressionType.Lz4, frame, 99_999), 10)
    // Two frames back to back inflate to both.
    const two = Buffer.concat([frame, frame])
    expect(decompress(CompressionType.Lz4, two, 200_000)).toEqual(Buffer.concat([data, data]))
  })

  it('checks a raw snappy length preamble before the native decoder allocates it', () => {
    // Preamble claiming 0xffffffff bytes followed by almost nothing.
    const bomb = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x00])
    expectRecordError(() => decompress(CompressionType.Snappy, bomb), 10)
  })

  it('rejects xerial blocks whose length overruns the data', () => {
    const packed = compress(CompressionType.Snappy, sample(1000))
    packed.writeInt32BE(1_000_000, 16)
    expectRecordError(() => decompress(CompressionType.Snappy, packed), 2)
  })

  it('accepts any complete zstd stream but refuses one cut short', () => {
    const data = sample(300_000)
    const checksummed = zlib.zstdCompressSync(data, {
      params: { [zlib.constants.ZSTD_c_checksumFlag]: 1 }
    })
    const skippable = Buffer.from([0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3])
    const half = data.subarray(0, 150_000)
    const twoFrames = Buffer.concat([zlib.zstdCompressSync(half), zlib.zstdCompressSync(half)])
    expect(decompress(CompressionType.Zstd, checksummed)).toEqual(data)
    expect(decompress(CompressionType.Zstd, Buffer.concat([skippable, checksummed]))).toEqual(data)
    expect(decompress(CompressionType.Zstd, twoFrames)).toEqual(Buffer.concat([half, half]))
    // node:zlib alone would return a short buffer here without complaint.
    for (const cut of [1, 5, 8, checksummed.length - 1, checksummed.length >> 1]) {
      expectRecordError(() => decompress(CompressionType.Zstd, checksummed.subarray(0, cut)), 2)
    }
    expectRecordError(() => decompress(CompressionType.Zstd, Buffer.alloc(0)), 2)
  })

  it('reports unknown codec ids as UNSUPPORTED_COMPRESSION_TYPE', () => {
    expectRecordError(() => decompress(6 as CompressionType, Buffer.alloc(4)), 76)
  })
})

// A single raw block re-wrapped as its own xerial stream, to measure what each block holds.
function rawBlockAsStream(packed: Buffer, at: number, length: number): Buffer {
  const header = packed.subarray(0, 16)
  const len = Buffer.alloc(4)
  len.writeInt32BE(length)
  return Buffer.concat([header, len, packed.subarray(at, at + length)])
}
