// Message filters: contains, equals, regex and JSON path on key, value and headers.
import { describe, expect, it } from 'vitest'
import { compileFilters } from '../../../src/engine/messages/filters'
import { parseJsonPath, matchJsonPath } from '../../../src/shared/json-path'
import { toMessageRecord } from '../../../src/engine/messages/message-view'
import type { DecodedRecord } from '../../../src/engine/records'
import { EngineError } from '../../../src/engine/engine-error'

function rec(
  key: string | null,
  value: string | Buffer | null,
  headers: Record<string, string> = {}
): DecodedRecord {
  return {
    offset: 7,
    timestamp: 1000,
    attributes: 0,
    timestampDelta: 0,
    offsetDelta: 0,
    key: key === null ? null : Buffer.from(key),
    value: value === null ? null : Buffer.isBuffer(value) ? value : Buffer.from(value),
    headers: Object.entries(headers).map(([k, v]) => ({ key: k, value: Buffer.from(v) }))
  }
}

describe('compileFilters', () => {
  const order = rec(
    'tenant-42',
    '{"user":{"id":42,"name":"ada"},"items":[{"sku":"A1"}],"total":99.5}',
    {
      source: 'web',
      trace: 'abc-123'
    }
  )

  it('matches contains, equals and regex on key and value', () => {
    expect(compileFilters([{ field: 'key', op: 'contains', value: '42' }])(order)).toBe(true)
    expect(compileFilters([{ field: 'key', op: 'equals', value: 'tenant-4' }])(order)).toBe(false)
    expect(compileFilters([{ field: 'value', op: 'regex', value: '"name":"a\\w+"' }])(order)).toBe(
      true
    )
    expect(compileFilters([{ field: 'value', op: 'contains', value: 'zzz' }])(order)).toBe(false)
  })

  it('matches header values by header key', () => {
    expect(
      compileFilters([{ field: 'header', headerKey: 'source', op: 'equals', value: 'web' }])(order)
    ).toBe(true)
    expect(
      compileFilters([{ field: 'header', headerKey: 'trace', op: 'equals', value: 'web' }])(order)
    ).toBe(false)
    expect(() => compileFilters([{ field: 'header', op: 'equals', value: 'web' }])).toThrow(
      EngineError
    )
  })

  it('requires every filter to match', () => {
    const both = compileFilters([
      { field: 'key', op: 'contains', value: 'tenant' },
      { field: 'value', op: 'jsonPath', value: '$.user.id == 42' }
    ])
    expect(both(order)).toBe(true)
    expect(both(rec('tenant-1', '{"user":{"id":1}}'))).toBe(false)
  })

  it('evaluates JSON paths with comparisons, indexes and regexes', () => {
    const f = (expr: string) =>
      compileFilters([{ field: 'value', op: 'jsonPath', value: expr }])(order)
    expect(f('$.user.name')).toBe(true)
    expect(f('$.user.email')).toBe(false)
    expect(f('$.items[0].sku == "A1"')).toBe(true)
    expect(f('$.total > 50')).toBe(true)
    expect(f('$.total <= 50')).toBe(false)
    expect(f('$.user.name =~ /^A/i')).toBe(true)
    expect(f('$.user.name != "ada"')).toBe(false)
    // Values that are not JSON never match a JSON path.
    expect(
      compileFilters([{ field: 'value', op: 'jsonPath', value: '$.a' }])(rec('k', 'plain text'))
    ).toBe(false)
  })

  it('reports bad expressions on the filter field', () => {
    try {
      compileFilters([{ field: 'value', op: 'regex', value: '([' }])
      expect.unreachable()
    } catch (err) {
      expect((err as EngineError).field).toBe('filters.0.value')
    }
    expect(() => compileFilters([{ field: 'value', op: 'jsonPath', value: 'user.id' }])).toThrow(
      'start with $'
    )
    expect(parseJsonPath("$['odd key'][2]").path).toEqual(['odd key', 2])
    expect(matchJsonPath({ 'odd key': [0, 1, 'x'] }, parseJsonPath("$['odd key'][2] == x"))).toBe(
      true
    )
  })

  it('never matches null keys or values', () => {
    expect(compileFilters([{ field: 'key', op: 'contains', value: '' }])(rec(null, 'v'))).toBe(
      false
    )
  })
})

describe('toMessageRecord', () => {
  it('keeps UTF-8 as text and marks binary as base64', () => {
    const bin = Buffer.from([0xff, 0xfe, 0x00, 0x41])
    const m = toMessageRecord(3, rec('k€y', bin, { h: 'v' }), false)
    expect(m).toMatchObject({
      partition: 3,
      offset: 7,
      key: 'k€y',
      value: bin.toString('base64'),
      valueEncoding: 'base64'
    })
    expect(m.keyEncoding).toBeUndefined()
    expect(m.headers).toEqual([{ key: 'h', value: 'v' }])
    expect(m.timestampType).toBe('CreateTime')
  })
})
