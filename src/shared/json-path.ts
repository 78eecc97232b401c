// A small JSON path for message filters, shared by the engine's search and the console's live
// tail: `$.a.b[0].c`, optionally compared with `== v`, `!= v`, `> n`, `>= n`, `< n`, `<= n` or
// `=~ /re/flags`; without a comparison the path must exist and not be null.

export interface JsonPathFilter {
  path: (string | number)[]
  op: 'exists' | '==' | '!=' | '>' | '>=' | '<' | '<=' | '=~'
  operand: unknown
}

export class JsonPathError extends Error {}

const SEGMENT = /^(?:\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[['"]([^'"]*)['"]\])/

export function parseJsonPath(expr: string): JsonPathFilter {
  const text = expr.trim()
  if (!text.startsWith('$'))
    throw new JsonPathError(`'${expr}' is not a JSON path: start with $, e.g. $.user.id == 42`)
  const path: (string | number)[] = []
  let s = text.slice(1)
  for (let seg = SEGMENT.exec(s); seg; seg = SEGMENT.exec(s)) {
    if (seg[1] !== undefined) path.push(seg[1])
    else if (seg[2] !== undefined) path.push(Number(seg[2]))
    else path.push(seg[3])
    s = s.slice(seg[0].length)
  }
  const m = /^\s*(==|!=|>=|<=|>|<|=~)?\s*(.*)$/s.exec(s)
  const op = m?.[1]
  const rest = m?.[2] ?? s
  if (!op && rest.trim() !== '')
    throw new JsonPathError(`cannot read '${rest.trim()}' in JSON path '${text}'`)
  if (!op) {
    return { path, op: 'exists', operand: null }
  }
  const raw = rest.trim()
  if (op === '=~') {
    const re = /^\/(.*)\/([gimsuy]*)$/.exec(raw)
    try {
      return { path, op: '=~', operand: re ? new RegExp(re[1], re[2]) : new RegExp(raw) }
    } catch (err) {
      throw new JsonPathError(`bad regular expression: ${(err as Error).message}`)
    }
  }
  let operand: unknown
  try {
    operand = JSON.parse(raw)
  } catch {
    operand = raw.replace(/^'(.*)'$/, '$1')
  }
  return { path, op: op as JsonPathFilter['op'], operand }
}

function lookup(doc: unknown, path: (string | number)[]): unknown {
  let cur: unknown = doc
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string | number, unknown>)[p]
  }
  return cur
}

export function matchJsonPath(doc: unknown, f: JsonPathFilter): boolean {
  const v = lookup(doc, f.path)
  switch (f.op) {
    case 'exists':
      return v !== undefined && v !== null
    case '==':
      return v === f.operand || (v !== undefined && JSON.stringify(v) === JSON.stringify(f.operand))
    case '!=':
      return !(v === f.operand || JSON.stringify(v) === JSON.stringify(f.operand))
    case '=~':
      return typeof v === 'string' && (f.operand as RegExp).test(v)
    default: {
      if (typeof v !== 'number' || typeof f.operand !== 'number') return false
      if (f.op === '>') return v > f.operand
      if (f.op === '>=') return v >= f.operand
      if (f.op === '<') return v < f.operand
      return v <= f.operand
    }
  }
}
