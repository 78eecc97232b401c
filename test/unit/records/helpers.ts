// Shared assertions and fixture loading for the record codec tests.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import { type DecodedRecord, RecordBatchError, type RecordInput } from '../../../src/engine/records'

export const FIXTURES = fileURLToPath(new URL('../../fixtures/records', import.meta.url))

/** Runs `fn` and asserts it fails with a RecordBatchError carrying `code`. */
export function expectRecordError(fn: () => unknown, code: number): RecordBatchError {
  let caught: unknown
  try {
    fn()
  } catch (err) {
    caught = err
  }
  expect(caught).toBeInstanceOf(RecordBatchError)
  expect((caught as RecordBatchError).code).toBe(code)
  return caught as RecordBatchError
}

interface FixtureRecord {
  keyHex: string | null
  valueHex: string | null
  timestamp: number
  headers: Array<{ key: string; valueHex: string | null }>
}

const hex = (v: string | null): Buffer | null => (v === null ? null : Buffer.from(v, 'hex'))

/** The records a fixture set was generated from, as encoder input. */
export function fixtureRecords(set: 'small' | 'large'): RecordInput[] {
  const raw = JSON.parse(
    readFileSync(join(FIXTURES, `records-${set}.json`), 'utf8')
  ) as FixtureRecord[]
  return raw.map((r) => ({
    key: hex(r.keyHex),
    value: hex(r.valueHex),
    timestamp: r.timestamp,
    headers: r.headers.map((h) => ({ key: h.key, value: hex(h.valueHex) }))
  }))
}

/** Asserts decoded records carry exactly the given keys, values, headers and timestamps. */
export function expectRecords(decoded: DecodedRecord[], expected: RecordInput[]): void {
  expect(decoded).toHaveLength(expected.length)
  decoded.forEach((record, i) => {
    const want = expected[i]
    expect(record.offsetDelta).toBe(want.offsetDelta ?? i)
    expect(record.key).toEqual(want.key ?? null)
    expect(record.value).toEqual(want.value ?? null)
    if (want.timestamp !== undefined) expect(record.timestamp).toBe(want.timestamp)
    const headers = Array.isArray(want.headers) ? want.headers : []
    expect(record.headers).toEqual(
      headers.map((h: { key: string; value: Buffer | string | null }) => ({
        key: h.key,
        value: typeof h.value === 'string' ? Buffer.from(h.value) : h.value
      }))
    )
  })
}

/** Decoded records turned back into encoder input, keeping offsets and timestamps. */
export function asInput(records: DecodedRecord[]): RecordInput[] {
  return records.map((r) => ({
    key: r.key,
    value: r.value,
    headers: r.headers,
    timestamp: r.timestamp,
    offsetDelta: r.offsetDelta
  }))
}
