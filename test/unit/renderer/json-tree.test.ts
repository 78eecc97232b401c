import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  jsonChildren,
  jsonKind,
  jsonPreview,
  jsonSize,
  parseJsonDocument
} from '../../../src/renderer/src/lib/json-tree'

describe('large JSON as a tree', () => {
  it('previews a value in at most max characters, exactly when it fits', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 4, max: 200 }), (v, max) => {
        const full = JSON.stringify(v)
        const p = jsonPreview(v, max)
        expect(p.length).toBeLessThanOrEqual(max)
        if (full.length <= max) expect(p).toBe(full)
        else {
          expect(p.endsWith('…')).toBe(true)
          expect(full.startsWith(p.slice(0, -1))).toBe(true)
        }
      })
    )
  })

  it('previews a 1 MiB document without serialising it', () => {
    const big = { items: Array.from({ length: 50_000 }, (_, i) => ({ id: i, name: `n${i}` })) }
    expect(jsonPreview(big, 30)).toBe('{"items":[{"id":0,"name":"n0"…')
  })

  it('pages children of arrays and objects', () => {
    const arr = Array.from({ length: 450 }, (_, i) => i)
    expect(jsonChildren(arr, 0, 200)).toHaveLength(200)
    expect(jsonChildren(arr, 400, 200).map((c) => c.name)).toEqual(
      Array.from({ length: 50 }, (_, i) => 400 + i)
    )
    expect(jsonChildren({ a: 1, b: 2, c: 3 }, 1, 1)).toEqual([{ name: 'b', value: 2 }])
    expect(jsonChildren('x')).toEqual([])
    expect(jsonSize(arr)).toBe(450)
    expect(jsonSize({ a: 1 })).toBe(1)
    expect(jsonKind(null)).toBe('null')
    expect(jsonKind([])).toBe('array')
    expect(jsonKind({})).toBe('object')
    expect(jsonKind('s')).toBe('string')
  })

  it('parses objects and arrays only', () => {
    expect(parseJsonDocument('{"a":1}')).toEqual({ a: 1 })
    expect(parseJsonDocument('  [1]')).toEqual([1])
    expect(parseJsonDocument('42')).toBeUndefined()
    expect(parseJsonDocument('{broken')).toBeUndefined()
    expect(parseJsonDocument(null)).toBeUndefined()
  })
})
