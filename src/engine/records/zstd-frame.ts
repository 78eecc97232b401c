// Structural walk over zstd frames. node:zlib returns partial output for truncated input and
// stops after the first frame, so frames are found and checked for completeness here.
import { corrupt } from './errors'

const ZSTD_MAGIC = 0xfd2fb528
const SKIPPABLE_MASK = 0xfffffff0
const SKIPPABLE_MAGIC = 0x184d2a50
const DICT_ID_SIZES = [0, 1, 2, 4]
const FCS_SIZES = [0, 2, 4, 8]

export interface ZstdFrames {
  /** Each data frame (skippable frames left out) as a view into the input. */
  frames: Buffer[]
  /** Sum of the content sizes the frames declare; frames may omit it, counting as 0. */
  declaredSize: number
}

/** Splits `data` into complete zstd frames (RFC 8878), failing on anything cut short. */
export function splitZstdFrames(data: Buffer): ZstdFrames {
  if (data.length === 0) throw corrupt('empty zstd data')
  const frames: Buffer[] = []
  let declared = 0
  let at = 0
  const need = (n: number): void => {
    if (at + n > data.length) throw corrupt('truncated zstd frame')
  }
  while (at < data.length) {
    need(4)
    const magic = data.readUInt32LE(at)
    at += 4
    if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      need(4)
      const size = data.readUInt32LE(at)
      at += 4
      need(size)
      at += size
      continue
    }
    if (magic !== ZSTD_MAGIC) throw corrupt('bad zstd frame magic')
    const start = at - 4
    need(1)
    const fhd = data[at++]
    if (fhd & 0x08) throw corrupt('reserved bit set in zstd frame header')
    const singleSegment = (fhd & 0x20) !== 0
    const fcsFlag = fhd >> 6
    const fcsSize = fcsFlag === 0 && singleSegment ? 1 : FCS_SIZES[fcsFlag]
    at += singleSegment ? 0 : 1
    at += DICT_ID_SIZES[fhd & 0x03]
    need(fcsSize)
    if (fcsSize === 1) declared += data[at]
    else if (fcsSize === 2) declared += data.readUInt16LE(at) + 256
    else if (fcsSize === 4) declared += data.readUInt32LE(at)
    else if (fcsSize === 8) declared += data.readUInt32LE(at) + data.readUInt32LE(at + 4) * 2 ** 32
    at += fcsSize
    for (let last = false; !last;) {
      need(3)
      const header = data[at] | (data[at + 1] << 8) | (data[at + 2] << 16)
      at += 3
      last = (header & 1) === 1
      const type = (header >> 1) & 3
      if (type === 3) throw corrupt('reserved zstd block type')
      const size = type === 1 ? 1 : header >>> 3
      need(size)
      at += size
    }
    if (fhd & 0x04) {
      need(4)
      at += 4
    }
    frames.push(data.subarray(start, at))
  }
  return { frames, declaredSize: declared }
}
