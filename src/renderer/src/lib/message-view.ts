// How a record's key, value and headers are shown: text, pretty JSON with highlighting, or hex;
// and how a selection is exported as JSON or CSV.
import type { MessageRecord } from '../../../shared/api/messages'
import { formatTimestamp } from './format'

export type ViewMode = 'text' | 'json' | 'hex'

export interface Body {
  /** Text to show, or null for a null key/value. */
  text: string | null
  bytes: Uint8Array
  /** Not valid UTF-8: text is not meaningful, show hex. */
  binary: boolean
}

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

export function decodeBody(value: string | null, encoding?: 'base64'): Body {
  if (value === null) return { text: null, bytes: new Uint8Array(0), binary: false }
  if (encoding === 'base64') {
    const bytes = base64ToBytes(value)
    return { text: value, bytes, binary: true }
  }
  return { text: value, bytes: new TextEncoder().encode(value), binary: false }
}

/** Classic hex dump: offset, 16 bytes in hex, and their printable ASCII. */
export function hexDump(bytes: Uint8Array, maxBytes = 64 * 1024): string {
  const lines: string[] = []
  const n = Math.min(bytes.length, maxBytes)
  for (let off = 0; off < n; off += 16) {
    const row = bytes.subarray(off, Math.min(off + 16, n))
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0'))
    const left = hex.slice(0, 8).join(' ')
    const right = hex.slice(8).join(' ')
    const ascii = Array.from(row, (b) =>
      b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'
    ).join('')
    lines.push(
      `${off.toString(16).padStart(8, '0')}  ${left.padEnd(23)}  ${right.padEnd(23)}  |${ascii}|`
    )
  }
  if (bytes.length > n) lines.push(`… ${bytes.length - n} more bytes`)
  return lines.join('\n')
}

/** The value pretty-printed when it is JSON, null otherwise. */
export function prettyJson(text: string | null): string | null {
  if (text === null) return null
  const t = text.trim()
  if (!(t.startsWith('{') || t.startsWith('['))) return null
  try {
    return JSON.stringify(JSON.parse(t), null, 2)
  } catch {
    return null
  }
}

export type JsonTokenKind = 'key' | 'string' | 'number' | 'boolean' | 'null' | 'punct' | 'space'
export interface JsonToken {
  text: string
  kind: JsonTokenKind
}

const TOKEN =
  /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false)|(null)|([{}[\],:])|(\s+)/g

/** Splits pretty JSON into coloured tokens; rendered as text nodes, never as HTML. */
export function jsonTokens(pretty: string): JsonToken[] {
  const tokens: JsonToken[] = []
  let m: RegExpExecArray | null
  TOKEN.lastIndex = 0
  while ((m = TOKEN.exec(pretty)) !== null) {
    if (m[1] !== undefined) {
      tokens.push({ text: m[1], kind: m[2] !== undefined ? 'key' : 'string' })
      if (m[2] !== undefined) tokens.push({ text: m[2], kind: 'punct' })
    } else if (m[3] !== undefined) tokens.push({ text: m[3], kind: 'number' })
    else if (m[4] !== undefined) tokens.push({ text: m[4], kind: 'boolean' })
    else if (m[5] !== undefined) tokens.push({ text: m[5], kind: 'null' })
    else if (m[6] !== undefined) tokens.push({ text: m[6], kind: 'punct' })
    else tokens.push({ text: m[7], kind: 'space' })
  }
  return tokens
}

/**
 * One line for the table: whitespace collapsed, cut at `max` characters. Only the start of a
 * long text is looked at, so a 1 MiB value costs no more than a short one.
 */
export function preview(text: string | null, max = 160): string {
  if (text === null) return 'null'
  const head = text.length > max * 8 ? text.slice(0, max * 8) : text
  const one = head.replace(/\s+/g, ' ').trim()
  if (one.length > max) return `${one.slice(0, max - 1)}…`
  return head.length < text.length ? `${one}…` : one
}

export function recordId(r: Pick<MessageRecord, 'partition' | 'offset'>): string {
  return `${r.partition}:${r.offset}`
}

/** A record as people paste it: value parsed when it is JSON. */
export function recordAsJson(r: MessageRecord): Record<string, unknown> {
  const pretty = r.valueEncoding === 'base64' ? null : prettyJson(r.value)
  return {
    partition: r.partition,
    offset: r.offset,
    timestamp: r.timestamp,
    timestampIso: new Date(r.timestamp).toISOString(),
    key: r.key,
    ...(r.keyEncoding ? { keyEncoding: r.keyEncoding } : {}),
    headers: Object.fromEntries(r.headers.map((h) => [h.key, h.value])),
    value: pretty !== null ? (JSON.parse(pretty) as unknown) : r.value,
    ...(r.valueEncoding ? { valueEncoding: r.valueEncoding } : {}),
    // A typed key or value: the schema it was decoded with and the bytes as stored (base64).
    ...(r.keySchema ? { keySchema: r.keySchema } : {}),
    ...(r.keyRaw ? { keyRaw: r.keyRaw } : {}),
    ...(r.valueSchema ? { valueSchema: r.valueSchema } : {}),
    ...(r.valueRaw ? { valueRaw: r.valueRaw } : {})
  }
}

export function exportJson(records: MessageRecord[]): string {
  return JSON.stringify(records.map(recordAsJson), null, 2)
}

function csvCell(v: string | number | null): string {
  if (v === null) return ''
  const s = String(v)
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export const CSV_COLUMNS = [
  'partition',
  'offset',
  'timestamp',
  'time',
  'key',
  'value',
  'headers',
  'encoding',
  // Where a typed key or value was decoded: the schema's subject, version and id (the id alone
  // for one that could not be decoded), empty for records not in the wire format.
  'keySubject',
  'keyVersion',
  'keySchemaId',
  'valueSubject',
  'valueVersion',
  'valueSchemaId'
] as const

function schemaCells(s: MessageRecord['valueSchema']): (string | number | null)[] {
  return [s?.subject ?? null, s?.version ?? null, s?.id ?? null]
}

export function exportCsv(records: MessageRecord[]): string {
  const rows = [CSV_COLUMNS.join(',')]
  for (const r of records) {
    const headers = r.headers.length
      ? JSON.stringify(Object.fromEntries(r.headers.map((h) => [h.key, h.value])))
      : ''
    const enc = r.keyEncoding || r.valueEncoding ? 'base64' : 'utf8'
    rows.push(
      [
        r.partition,
        r.offset,
        r.timestamp,
        formatTimestamp(r.timestamp),
        r.key,
        r.value,
        headers,
        enc,
        ...schemaCells(r.keySchema),
        ...schemaCells(r.valueSchema)
      ]
        .map(csvCell)
        .join(',')
    )
  }
  return rows.join('\r\n') + '\r\n'
}
