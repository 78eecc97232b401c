// CRC-32C (Castagnoli), the checksum RecordBatch v2 uses, computed natively. The native module
// loads with the first checksum, not with the broker.
import { createRequire } from 'node:module'
import type * as Crc32 from '@node-rs/crc32'

let nativeCrc32c: typeof Crc32.crc32c | undefined

/** CRC-32C of `data` as an unsigned 32-bit number; pass a previous result to continue it. */
export function crc32c(data: Uint8Array, previous?: number): number {
  nativeCrc32c ??= (createRequire(import.meta.url)('@node-rs/crc32') as typeof Crc32).crc32c
  return nativeCrc32c(data, previous) >>> 0
}
