// A parsed JSON value shown as a tree that opens on demand: large values (hundreds of KiB) are
// never turned into one DOM node per token up front; a node shows a bounded one-line preview
// until opened, and an opened node shows its children a page at a time.

/** Values longer than this (in characters) are shown as a tree, or cut as text. */
export const LARGE_BODY_CHARS = 32 * 1024
/** Children shown per step when a node is opened. */
export const CHILDREN_PAGE = 200

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null'

export function jsonKind(v: unknown): JsonKind {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  switch (typeof v) {
    case 'object':
      return 'object'
    case 'string':
      return 'string'
    case 'number':
      return 'number'
    case 'boolean':
      return 'boolean'
    default:
      return 'null'
  }
}

export interface JsonChild {
  /** The property name, or the index of an array element. */
  name: string | number
  value: unknown
}

/** Children `from` to `from + count` of an object or array (none for a scalar). */
export function jsonChildren(v: unknown, from = 0, count = CHILDREN_PAGE): JsonChild[] {
  if (Array.isArray(v))
    return v.slice(from, from + count).map((value, i) => ({ name: from + i, value }))
  if (v !== null && typeof v === 'object') {
    const out: JsonChild[] = []
    let i = 0
    for (const name in v) {
      if (!Object.prototype.hasOwnProperty.call(v, name)) continue
      if (i >= from + count) break
      if (i >= from) out.push({ name, value: (v as Record<string, unknown>)[name] })
      i++
    }
    return out
  }
  return []
}

export function jsonSize(v: unknown): number {
  if (Array.isArray(v)) return v.length
  if (v !== null && typeof v === 'object') return Object.keys(v).length
  return 0
}

/** A scalar as JSON text. */
export function scalarText(v: unknown): string {
  return JSON.stringify(v) ?? 'null'
}

/**
 * At most `max` characters of a value's JSON, built without serialising all of it: `{"id":1,
 * "tags":["a",…],…}`. A cut ends in "…".
 */
export function jsonPreview(v: unknown, max = 80): string {
  let out = ''
  let full = false
  const put = (s: string): boolean => {
    if (full) return false
    if (out.length + s.length > max) {
      out = (out + s).slice(0, max - 1) + '…'
      full = true
      return false
    }
    out += s
    return true
  }
  const walk = (x: unknown): boolean => {
    if (Array.isArray(x)) {
      if (!put('[')) return false
      for (let i = 0; i < x.length; i++) {
        if (i > 0 && !put(',')) return false
        if (!walk(x[i])) return false
      }
      return put(']')
    }
    if (x !== null && typeof x === 'object') {
      if (!put('{')) return false
      let first = true
      for (const k in x) {
        if (!Object.prototype.hasOwnProperty.call(x, k)) continue
        if (!first && !put(',')) return false
        first = false
        if (!put(`${JSON.stringify(k)}:`)) return false
        if (!walk((x as Record<string, unknown>)[k])) return false
      }
      return put('}')
    }
    return put(scalarText(x))
  }
  walk(v)
  return out
}

/** The value parsed when it is a JSON object or array, undefined otherwise. */
export function parseJsonDocument(text: string | null): unknown {
  if (text === null) return undefined
  const t = text.trimStart()
  if (!(t.startsWith('{') || t.startsWith('['))) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
