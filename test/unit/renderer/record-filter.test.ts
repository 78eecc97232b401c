// The live tail's filters agree with the engine's search on every record: the same filters,
// compiled by both, over random keys, values and headers.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compileFilters } from '../../../src/engine/messages/filters'
import { toMessageRecord } from '../../../src/engine/messages/message-view'
import type { DecodedRecord } from '../../../src/engine/records'
import { compileRecordFilter, type Filter } from '../../../src/renderer/src/lib/record-filter'

function decoded(key: string | null, value: string | null, headers: [string, string][]) {
  const r: DecodedRecord = {
    offset: 3,
    timestamp: 1000,
    attributes: 0,
    timestampDelta: 0,
    offsetDelta: 0,
    key: key === null ? null : Buffer.from(key),
    value: value === null ? null : Buffer.from(value),
    headers: headers.map(([k, v]) => ({ key: k, value: Buffer.from(v) }))
  }
  return r
}

const words = fc.constantFrom('a', 'ab', 'order', '42', '"x"', 'failed', '')
const text = fc.array(words, { maxLength: 5 }).map((ws) => ws.join(''))
const json = fc
  .record({ status: fc.constantFrom('failed', 'placed'), n: fc.integer({ min: 0, max: 5 }) })
  .map((o) => JSON.stringify(o))

const filter: fc.Arbitrary<Filter> = fc.oneof(
  fc.record({
    field: fc.constantFrom('key', 'value') as fc.Arbitrary<'key' | 'value'>,
    op: fc.constantFrom('contains', 'equals', 'regex') as fc.Arbitrary<
      'contains' | 'equals' | 'regex'
    >,
    value: fc.constantFrom('a', 'ab', '^order', '42$', 'failed', '')
  }),
  fc.record({
    field: fc.constant('header' as const),
    headerKey: fc.constantFrom('source', 'trace'),
    op: fc.constantFrom('contains', 'equals') as fc.Arbitrary<'contains' | 'equals'>,
    value: fc.constantFrom('web', 'w', '')
  }),
  fc.record({
    field: fc.constant('value' as const),
    op: fc.constant('jsonPath' as const),
    value: fc.constantFrom('$.status == "failed"', '$.n > 2', '$.n', '$.missing')
  })
)

describe('live tail filters', () => {
  it('match exactly what the engine search matches', () => {
    fc.assert(
      fc.property(
        fc.option(text, { nil: null }),
        fc.option(fc.oneof(text, json), { nil: null }),
        fc.array(fc.tuple(fc.constantFrom('source', 'trace'), fc.constantFrom('web', 'mobile'))),
        fc.array(filter, { minLength: 1, maxLength: 3 }),
        (key, value, headers, filters) => {
          const r = decoded(key, value, headers)
          const engine = compileFilters(filters)(r)
          const console = compileRecordFilter(filters)(toMessageRecord(0, r, false))
          expect(console).toBe(engine)
        }
      )
    )
  })

  it('never matches text filters on binary values', () => {
    const r = toMessageRecord(
      0,
      { ...decoded('k', null, []), value: Buffer.from([0xff, 0x61]) },
      false
    )
    expect(r.valueEncoding).toBe('base64')
    expect(compileRecordFilter([{ field: 'value', op: 'contains', value: '/2' }])(r)).toBe(false)
  })
})
