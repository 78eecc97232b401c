// Compiles the contract's message filters into one predicate over decoded records; every
// filter must match. Bad regular expressions and JSON paths are reported by field.
import type { z } from 'zod'
import type { messageFilter } from '../../shared/schema-parts'
import { EngineError } from '../engine-error'
import type { DecodedRecord } from '../records'
import { JsonPathError, matchJsonPath, parseJsonPath } from '../../shared/json-path'

export type MessageFilter = z.infer<typeof messageFilter>
export type RecordPredicate = (r: DecodedRecord) => boolean

function textOf(bytes: Buffer | null): string | null {
  return bytes === null ? null : bytes.toString('utf8')
}

/** The decoded JSON of a key or value in the schema registry's wire format, null for others. */
export type TypedText = (bytes: Buffer | null) => string | null

function compileOne(f: MessageFilter, index: number, typed?: TypedText): RecordPredicate {
  const where = `filters.${index}.value`
  let test: (text: string) => boolean
  switch (f.op) {
    case 'contains':
      test = (t) => t.includes(f.value)
      break
    case 'equals':
      test = (t) => t === f.value
      break
    case 'regex': {
      let re: RegExp
      try {
        re = new RegExp(f.value)
      } catch (err) {
        throw new EngineError(
          'invalid-argument',
          `Bad regular expression: ${(err as Error).message}`,
          where
        )
      }
      test = (t) => re.test(t)
      break
    }
    case 'jsonPath': {
      let jp: ReturnType<typeof parseJsonPath>
      try {
        jp = parseJsonPath(f.value)
      } catch (err) {
        if (err instanceof JsonPathError)
          throw new EngineError('invalid-argument', err.message, where)
        throw err
      }
      test = (t) => {
        try {
          return matchJsonPath(JSON.parse(t), jp)
        } catch {
          return false
        }
      }
      break
    }
  }
  if (f.field === 'header') {
    if (!f.headerKey)
      throw new EngineError(
        'invalid-argument',
        'A header filter needs the header key',
        `filters.${index}.headerKey`
      )
    const key = f.headerKey
    return (r) =>
      r.headers.some((h) => {
        if (h.key !== key) return false
        const t = textOf(h.value)
        return t !== null && test(t)
      })
  }
  const pick = f.field === 'key' ? (r: DecodedRecord) => r.key : (r: DecodedRecord) => r.value
  // A typed key or value is filtered as the browser shows it: decoded.
  const text = typed
    ? (r: DecodedRecord) => typed(pick(r)) ?? textOf(pick(r))
    : (r: DecodedRecord) => textOf(pick(r))
  return (r) => {
    const t = text(r)
    return t !== null && test(t)
  }
}

export function compileFilters(
  filters: readonly MessageFilter[],
  typed?: TypedText
): RecordPredicate {
  const preds = filters.map((f, i) => compileOne(f, i, typed))
  if (preds.length === 0) return () => true
  return (r) => preds.every((p) => p(r))
}
