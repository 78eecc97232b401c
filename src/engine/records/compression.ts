// RecordBatch v2 compression codecs, wire-compatible with the Java client, librdkafka and kafkajs.
import { ErrorCode } from '../../shared/kafka/error-codes'
import { RecordBatchError, corrupt } from './errors'
import { lz4Codec, snappyCodec, zlibCodec } from './native-codecs'
import { splitZstdFrames } from './zstd-frame'

/** The codec id stored in the low 3 bits of the batch attributes. */
export const CompressionType = { None: 0, Gzip: 1, Snappy: 2, Lz4: 3, Zstd: 4 } as const
export type CompressionType = (typeof CompressionType)[keyof typeof CompressionType]
export type CompressionName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd'

export const COMPRESSION_NAMES: readonly CompressionName[] = [
  'none',
  'gzip',
  'snappy',
  'lz4',
  'zstd'
]

export function compressionName(type: CompressionType): CompressionName {
  return COMPRESSION_NAMES[type]
}

/** @internal The codec of a name; the tests build batches by codec name with it. */
export function compressionFromName(name: CompressionName): CompressionType {
  return COMPRESSION_NAMES.indexOf(name) as CompressionType
}

export function isCompressionType(id: number): id is CompressionType {
  return id >= 0 && id <= 4
}

/** Ceiling on inflated record data, so a small batch cannot expand into an unbounded buffer. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 128 * 1024 * 1024

export interface CompressOptions {
  /** gzip 1-9 or zstd 1-22; codec defaults otherwise (gzip 6 and zstd 3, as Java uses). */
  level?: number
}

// Electron's V8 memory cage forbids external buffers, which snappy hands out unless told to copy.
const copyOutputData = Boolean(process.versions.electron)

// snappy-java's stream header: magic, then version 1 and minimum compatible version 1.
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00])
const XERIAL_HEADER = Buffer.concat([XERIAL_MAGIC, Buffer.from([0, 0, 0, 1, 0, 0, 0, 1])])
// SnappyOutputStream's default block size, which Kafka's Java producer keeps.
const XERIAL_BLOCK_SIZE = 32 * 1024

export function compress(
  type: CompressionType,
  data: Buffer,
  options: CompressOptions = {}
): Buffer {
  switch (type) {
    case CompressionType.None:
      return data
    case CompressionType.Gzip:
      return zlibCodec().gzipSync(data, options.level === undefined ? {} : { level: options.level })
    case CompressionType.Snappy:
      return xerialCompress(data)
    case CompressionType.Lz4:
      return lz4Codec().compressFrameSync(data)
    case CompressionType.Zstd: {
      const zlib = zlibCodec()
      return zlib.zstdCompressSync(
        data,
        options.level === undefined
          ? {}
          : { params: { [zlib.constants.ZSTD_c_compressionLevel]: options.level } }
      )
    }
    default:
      throw unsupported(type)
  }
}

/**
 * Inflates a batch's records section. Any codec failure becomes CORRUPT_MESSAGE and output
 * beyond `maxBytes` becomes MESSAGE_TOO_LARGE, never a raw zlib or native error.
 */
export function decompress(
  type: CompressionType,
  data: Buffer,
  maxBytes = DEFAULT_MAX_DECOMPRESSED_BYTES
): Buffer {
  let out: Buffer
  try {
    switch (type) {
      case CompressionType.None:
        out = data
        break
      case CompressionType.Gzip:
        out = zlibCodec().gunzipSync(data, { maxOutputLength: maxBytes })
        break
      case CompressionType.Snappy:
        out = snappyDecompress(data, maxBytes)
        break
      case CompressionType.Lz4:
        out = lz4Decompress(data, maxBytes)
        break
      case CompressionType.Zstd:
        out = zstdDecompress(data, maxBytes)
        break
      default:
        throw unsupported(type)
    }
  } catch (err) {
    if (err instanceof RecordBatchError) throw err
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes)
    throw corrupt(`${compressionName(type) ?? type} data could not be decompressed`, err)
  }
  if (out.length > maxBytes) throw tooLarge(maxBytes)
  return out
}

function unsupported(type: number): RecordBatchError {
  return new RecordBatchError(
    ErrorCode.UNSUPPORTED_COMPRESSION_TYPE,
    `unknown compression codec ${type}`
  )
}

function tooLarge(maxBytes: number): RecordBatchError {
  return new RecordBatchError(
    ErrorCode.MESSAGE_TOO_LARGE,
    `decompressed records exceed ${maxBytes} bytes`
  )
}

/** True when `data` starts with snappy-java's framing rather than a raw snappy block. */
export function isXerialSnappy(data: Buffer): boolean {
  return data.length >= XERIAL_HEADER.length && data.compare(XERIAL_MAGIC, 0, 8, 0, 8) === 0
}

function xerialCompress(data: Buffer): Buffer {
  const parts: Buffer[] = [XERIAL_HEADER]
  for (let at = 0; at < data.length; at += XERIAL_BLOCK_SIZE) {
    const block = snappyCodec().compressSync(data.subarray(at, at + XERIAL_BLOCK_SIZE), {
      copyOutputData
    })
    const length = Buffer.allocUnsafe(4)
    length.writeInt32BE(block.length, 0)
    parts.push(length, block)
  }
  return Buffer.concat(parts)
}

// Java and kafkajs frame snappy the xerial way, librdkafka writes raw blocks: accept both.
function snappyDecompress(data: Buffer, maxBytes: number): Buffer {
  if (!isXerialSnappy(data)) return rawSnappy(data, maxBytes)
  const blocks: Buffer[] = []
  let total = 0
  let at = XERIAL_HEADER.length
  while (at < data.length) {
    if (at + 4 > data.length) throw corrupt('truncated xerial snappy block length')
    const length = data.readInt32BE(at)
    at += 4
    if (length < 0 || at + length > data.length) {
      throw corrupt(`xerial snappy block of ${length} bytes overruns the data`)
    }
    const block = rawSnappy(data.subarray(at, at + length), maxBytes - total)
    total += block.length
    blocks.push(block)
    at += length
  }
  return blocks.length === 1 ? blocks[0] : Buffer.concat(blocks, total)
}

// The native decoder allocates whatever the block's preamble declares, so check it first.
function rawSnappy(block: Buffer, maxBytes: number): Buffer {
  let declared = 0
  let i = 0
  for (let shift = 0; ; shift += 7) {
    if (i >= block.length || shift > 28) throw corrupt('bad snappy length preamble')
    const b = block[i++]
    declared += (b & 0x7f) * 2 ** shift
    if (!(b & 0x80)) break
  }
  if (declared > maxBytes) throw tooLarge(maxBytes)
  return snappyCodec().uncompressSync(block, { asBuffer: true, copyOutputData }) as Buffer
}

// One zlib call per frame: the spec allows concatenated and skippable frames, node:zlib does not.
function zstdDecompress(data: Buffer, maxBytes: number): Buffer {
  const { frames, declaredSize } = splitZstdFrames(data)
  if (declaredSize > maxBytes) throw tooLarge(maxBytes)
  const parts: Buffer[] = []
  let total = 0
  for (const frame of frames) {
    const part = zlibCodec().zstdDecompressSync(frame, {
      maxOutputLength: Math.max(1, maxBytes - total)
    })
    total += part.length
    parts.push(part)
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts, total)
}

const LZ4_MAGIC = 0x184d2204
const LZ4_BLOCK_MAX = [0, 0, 0, 0, 64 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024]
const LZ4_WINDOW = 64 * 1024

interface Lz4Block {
  data: Buffer
  raw: boolean
}

/** The blocks of one LZ4 frame starting at `at`, and where the frame ends. */
function lz4Blocks(data: Buffer, at: number) {
  if (at + 7 > data.length || data.readUInt32LE(at) !== LZ4_MAGIC) throw corrupt('not an LZ4 frame')
  const flg = data[at + 4]
  const bd = data[at + 5]
  if (flg >> 6 !== 1) throw corrupt(`unsupported LZ4 frame version ${flg >> 6}`)
  const blockMax = LZ4_BLOCK_MAX[(bd >> 4) & 7]
  if (!blockMax) throw corrupt('bad LZ4 block size code')
  const independent = (flg & 0x20) !== 0
  const blockChecksum = (flg & 0x10) !== 0
  at += 6 + (flg & 0x08 ? 8 : 0) + (flg & 0x01 ? 4 : 0) + 1
  const blocks: Lz4Block[] = []
  for (;;) {
    if (at + 4 > data.length) throw corrupt('truncated LZ4 frame')
    const word = data.readUInt32LE(at)
    at += 4
    if (word === 0) break
    const size = word & 0x7fffffff
    if (size > blockMax || at + size > data.length) throw corrupt('LZ4 block overruns the frame')
    blocks.push({ data: data.subarray(at, at + size), raw: (word & 0x80000000) !== 0 })
    at += size + (blockChecksum ? 4 : 0)
  }
  if (flg & 0x04) at += 4
  return { blocks, blockMax, independent, end: at }
}

/**
 * LZ4 frames (as Kafka frames them) inflated to at most `maxBytes`: when the blocks could hold
 * more, they are inflated one at a time and the batch is refused as soon as it passes the limit.
 */
function lz4Decompress(data: Buffer, maxBytes: number): Buffer {
  const parts: Buffer[] = []
  let total = 0
  for (let at = 0; at < data.length;) {
    const frame = lz4Blocks(data, at)
    const bound = frame.blocks.reduce((n, b) => n + (b.raw ? b.data.length : frame.blockMax), 0)
    if (total + bound <= maxBytes) {
      const out = lz4Codec().decompressFrameSync(data.subarray(at, frame.end))
      parts.push(out)
      total += out.length
    } else {
      const size = Buffer.alloc(4)
      size.writeUInt32LE(frame.blockMax, 0)
      let window = Buffer.alloc(0)
      for (const b of frame.blocks) {
        const dict = frame.independent || window.length === 0 ? undefined : window
        const out = b.raw ? b.data : lz4Codec().uncompressSync(Buffer.concat([size, b.data]), dict)
        total += out.length
        if (total > maxBytes) throw tooLarge(maxBytes)
        parts.push(out)
        if (!frame.independent) window = Buffer.concat([window, out]).subarray(-LZ4_WINDOW)
      }
    }
    at = frame.end
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts, total)
}
