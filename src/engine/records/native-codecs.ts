// The compression libraries (node:zlib for gzip and zstd, the native snappy and LZ4 codecs),
// each loaded with the first batch that uses it: a broker whose clients send uncompressed
// batches loads none of them.
import { createRequire } from 'node:module'
import type * as Lz4 from 'lz4-napi'
import type * as Snappy from 'snappy'
import type * as Zlib from 'node:zlib'

let lz4: typeof Lz4 | undefined
let snappy: typeof Snappy | undefined
let zlib: typeof Zlib | undefined

export function lz4Codec(): typeof Lz4 {
  return (lz4 ??= createRequire(import.meta.url)('lz4-napi') as typeof Lz4)
}

export function snappyCodec(): typeof Snappy {
  return (snappy ??= createRequire(import.meta.url)('snappy') as typeof Snappy)
}

export function zlibCodec(): typeof Zlib {
  return (zlib ??= createRequire(import.meta.url)('node:zlib') as typeof Zlib)
}
