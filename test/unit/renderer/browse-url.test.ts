import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  parsePositionQuery,
  positionQuery,
  sameQuery,
  type BrowsePosition
} from '../../../src/renderer/src/lib/browse-url'

const base: BrowsePosition = {
  topic: 'orders',
  partition: 'all',
  mode: 'latest',
  offset: 0,
  timestamp: 0,
  endMode: 'none',
  endOffset: 0,
  endTimestamp: 0,
  pageSize: 50,
  order: 'newest',
  at: null
}

describe('browse position in the URL', () => {
  it('writes only what differs from the defaults', () => {
    expect(positionQuery(base)).toEqual({ topic: 'orders' })
    expect(
      positionQuery({
        ...base,
        partition: 2,
        mode: 'offset',
        offset: 100,
        endMode: 'timestamp',
        endTimestamp: 1_764_000_000_000,
        pageSize: 500,
        order: 'newest',
        at: { 2: 120 }
      })
    ).toEqual({
      topic: 'orders',
      partition: '2',
      from: 'offset:100',
      until: 'time:1764000000000',
      size: '500',
      order: 'newest',
      at: '2:120'
    })
  })

  it('reads back every position it writes', () => {
    const position = fc.record({
      topic: fc.constantFrom('orders', 'a.b-c_d'),
      partition: fc.oneof(fc.constant('all' as const), fc.nat(999)),
      mode: fc.constantFrom('earliest', 'latest', 'offset', 'timestamp') as fc.Arbitrary<
        BrowsePosition['mode']
      >,
      offset: fc.nat(),
      timestamp: fc.nat(),
      endMode: fc.constantFrom('none', 'offset', 'timestamp') as fc.Arbitrary<
        BrowsePosition['endMode']
      >,
      endOffset: fc.nat(),
      endTimestamp: fc.nat(),
      pageSize: fc.constantFrom(20, 50, 100, 200, 500),
      order: fc.constantFrom('newest', 'oldest') as fc.Arbitrary<BrowsePosition['order']>,
      at: fc.option(fc.dictionary(fc.nat(50).map(String), fc.nat()), { nil: null })
    })
    fc.assert(
      fc.property(position, (p) => {
        const back = parsePositionQuery(positionQuery(p as BrowsePosition))
        expect(back.topic).toBe(p.topic)
        expect(back.partition).toBe(p.partition)
        expect(back.mode).toBe(p.mode)
        if (p.mode === 'offset') expect(back.offset).toBe(p.offset)
        if (p.mode === 'timestamp') expect(back.timestamp).toBe(p.timestamp)
        expect(back.endMode).toBe(p.endMode)
        if (p.endMode === 'offset') expect(back.endOffset).toBe(p.endOffset)
        if (p.endMode === 'timestamp') expect(back.endTimestamp).toBe(p.endTimestamp)
        expect(back.pageSize).toBe(p.pageSize)
        expect(back.order).toBe(p.order)
        const at = p.at && Object.keys(p.at).length ? p.at : null
        expect(back.at === null ? null : { ...back.at }).toEqual(
          at === null ? null : Object.fromEntries(Object.entries(at).map(([k, v]) => [k, v]))
        )
      })
    )
  })

  it('ignores what it cannot read, naming nothing it was not given', () => {
    const q = parsePositionQuery({
      topic: 'orders',
      partition: '-1',
      from: 'offset:abc',
      until: 'time:',
      size: '7',
      order: 'sideways',
      at: '0:1,x:2'
    })
    expect(q).toMatchObject({
      topic: 'orders',
      partition: 'all',
      mode: 'latest',
      endMode: 'none',
      pageSize: 50,
      order: 'newest',
      at: null
    })
  })

  it('compares queries regardless of key order', () => {
    expect(sameQuery({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true)
    expect(sameQuery({ a: '1' }, { a: '1', b: '2' })).toBe(false)
  })
})
