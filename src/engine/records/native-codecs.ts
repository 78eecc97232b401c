// The native snappy and LZ4 codecs, loaded on the first batch that uses them: a broker whose
// clients send uncompressed, gzip or zstd batches never loads them.
import { createRequire } from 'node:module'
import type * as Lz4 from 'lz4-napi'
import type * as Snappy from 'snappy'

let lz4: typeof Lz4 | undefined
let snappy: typeof Snappy | undefined

export function lz4Codec(): typeof Lz4 {
  return (lz4 ??= createRequire(import.meta.url)('lz4-napi') as typeof Lz4)
}

export function snappyCodec(): typeof Snappy {
  return (snappy ??= createRequire(import.meta.url)('snappy') as typeof Snappy)
}
