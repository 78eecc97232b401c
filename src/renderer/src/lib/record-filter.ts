// The contract's message filters applied to records already read, with the engine's rules
// (src/engine/messages/filters.ts): every filter must match; key, value or one header; contains,
// equals, regex or a JSON path. Used by the live tail, which filters new records as they arrive.
// A key or value that is not UTF-8 (travelling as base64) matches no text filter.
import type { MessageRecord } from '../../../shared/api/messages'
import type { Params } from '../../../shared/contract'
import { matchJsonPath, parseJsonPath } from '../../../shared/json-path'

export type Filter = Params<'messages.search'>['filters'][number]
export type RecordFilter = (r: MessageRecord) => boolean

function textTest(f: Filter): (text: string) => boolean {
  switch (f.op) {
    case 'contains':
      return (t) => t.includes(f.value)
    case 'equals':
      return (t) => t === f.value
    case 'regex': {
      const re = new RegExp(f.value)
      return (t) => re.test(t)
    }
    case 'jsonPath': {
      const jp = parseJsonPath(f.value)
      return (t) => {
        try {
          return matchJsonPath(JSON.parse(t), jp)
        } catch {
          return false
        }
      }
    }
  }
}

function compileOne(f: Filter): RecordFilter {
  const test = textTest(f)
  if (f.field === 'header') {
    const key = f.headerKey ?? ''
    return (r) =>
      r.headers.some((h) => h.key === key && h.value !== null && !h.encoding && test(h.value))
  }
  if (f.field === 'key') return (r) => r.key !== null && !r.keyEncoding && test(r.key)
  return (r) => r.value !== null && !r.valueEncoding && test(r.value)
}

/** One predicate for all filters; throws on a bad regex or JSON path (checked before). */
export function compileRecordFilter(filters: readonly Filter[]): RecordFilter {
  const preds = filters.map(compileOne)
  return (r) => preds.every((p) => p(r))
}
