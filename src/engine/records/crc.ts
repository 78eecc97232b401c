// CRC-32C (Castagnoli), the checksum RecordBatch v2 uses, computed natively.
import { crc32c as nativeCrc32c } from '@node-rs/crc32'

/** CRC-32C of `data` as an unsigned 32-bit number; pass a previous result to continue it. */
export function crc32c(data: Uint8Array, previous?: number): number {
  return nativeCrc32c(data, previous) >>> 0
}
