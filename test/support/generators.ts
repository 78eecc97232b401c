// The random inputs the property and fuzz tests share: a seeded byte-level generator for frames
// (replayable from its seed) and fast-check arbitraries for record batches (every codec, records
// with the offset gaps compaction leaves).
import fc from 'fast-check'
import { CompressionType, type RecordInput } from '../../src/engine/records'

/** mulberry32: a small seeded PRNG, so that every run builds the same frames and a failing
 *  run can be replayed with its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Every compression codec a producer may use. */
export const compressionCodec = fc.constantFrom(
  CompressionType.None,
  CompressionType.Gzip,
  CompressionType.Snappy,
  CompressionType.Lz4,
  CompressionType.Zstd
)

/** One batch's records, timestamps from `t0` up, with increasing offset deltas, gaps included,
 *  and varied sizes: null and empty keys and values, a few headers. */
export function batchRecords(t0: number): fc.Arbitrary<RecordInput[]> {
  return fc
    .array(
      fc.record({
        gap: fc.integer({ min: 0, max: 3 }),
        key: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
        value: fc.option(fc.string({ maxLength: 300 }), { nil: null }),
        headers: fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 })
      }),
      { minLength: 1, maxLength: 80 }
    )
    .map((rs) => {
      let delta = -1
      return rs.map((r, i): RecordInput => {
        delta += 1 + r.gap
        return {
          key: r.key,
          value: r.value,
          timestamp: t0 + i,
          offsetDelta: delta,
          headers: r.headers.map((h) => ({ key: h, value: h }))
        }
      })
    })
}
