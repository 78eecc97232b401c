// Decoding a window of a batch gives exactly the records a whole decode gives for that window:
// any codec, offset gaps (as compaction leaves them), any window, first or last n.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBatch, decodeBatchWindow, encodeBatch } from '../../../src/engine/records'
import { batchRecords, compressionCodec } from '../../support/generators'

const T0 = 1_700_000_000_000
const records = batchRecords(T0)

const view = (r: { offset: number; key: Buffer | null; value: Buffer | null; timestamp: number }) =>
  `${r.offset}:${r.timestamp}:${r.key?.toString('hex') ?? '-'}:${r.value?.toString('hex') ?? '-'}`

describe('decoding a window of a batch', () => {
  it('equals the whole decode cut to the window', () => {
    fc.assert(
      fc.property(
        records,
        compressionCodec,
        fc.nat({ max: 1000 }),
        fc.nat(400),
        fc.nat(400),
        fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }),
        fc.boolean(),
        (rs, compression, base, a, span, n, fromEnd) => {
          const batch = encodeBatch(rs, { baseOffset: base, compression, now: T0 })
          const from = base + a - 50
          const until = from + span
          const all = decodeBatch(batch).records.filter((r) => r.offset >= from && r.offset < until)
          const expected =
            n === undefined
              ? all
              : fromEnd
                ? all.slice(Math.max(0, all.length - n))
                : all.slice(0, n)
          const got = decodeBatchWindow(batch, {
            from,
            until,
            ...(n === undefined ? {} : fromEnd ? { last: n } : { first: n })
          }).records
          expect(got.map(view)).toEqual(expected.map(view))
          expect(got.map((r) => r.headers)).toEqual(expected.map((r) => r.headers))
        }
      ),
      { numRuns: 300 }
    )
  })
})
