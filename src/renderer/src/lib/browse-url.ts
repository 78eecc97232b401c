// The message browser's position in the URL, so that a view can be shared, bookmarked and
// survives a reload: topic, partition, where reading starts and ends, page size, order, and
// after paging the page's start offset in each partition.
//
//   #/messages?topic=orders&partition=2&from=offset:100&until=time:1764000000000&size=500
//             &order=oldest&at=0:120,1:96
import type { Cursors } from './paging'

export type StartMode = 'earliest' | 'latest' | 'offset' | 'timestamp'
export type EndMode = 'none' | 'offset' | 'timestamp'
export type Order = 'newest' | 'oldest'
export type PartitionChoice = number | 'all'

export interface BrowsePosition {
  topic: string
  partition: PartitionChoice
  mode: StartMode
  offset: number
  timestamp: number
  endMode: EndMode
  endOffset: number
  endTimestamp: number
  pageSize: number
  order: Order
  /** The page's start offsets after paging; absent on the first page from the start. */
  at: Cursors | null
}

export const PAGE_SIZES = [20, 50, 100, 200, 500] as const

type Query = Record<string, string | null | (string | null)[] | undefined>

function one(q: Query, key: string): string | undefined {
  const v = q[key]
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' ? s : undefined
}

const wholeNumber = (s: string | undefined): number | null => {
  if (s === undefined || !/^\d{1,16}$/.test(s)) return null
  const n = Number(s)
  return Number.isSafeInteger(n) ? n : null
}

/** The query for a position: only what differs from the defaults. */
export function positionQuery(p: BrowsePosition): Record<string, string> {
  const q: Record<string, string> = { topic: p.topic }
  if (p.partition !== 'all') q.partition = String(p.partition)
  if (p.mode === 'earliest') q.from = 'earliest'
  else if (p.mode === 'offset') q.from = `offset:${p.offset}`
  else if (p.mode === 'timestamp') q.from = `time:${p.timestamp}`
  if (p.endMode === 'offset') q.until = `offset:${p.endOffset}`
  else if (p.endMode === 'timestamp') q.until = `time:${p.endTimestamp}`
  if (p.pageSize !== 50) q.size = String(p.pageSize)
  if (p.order !== (p.mode === 'latest' ? 'newest' : 'oldest')) q.order = p.order
  if (p.at && Object.keys(p.at).length)
    q.at = Object.entries(p.at)
      .map(([k, v]) => `${k}:${v}`)
      .join(',')
  return q
}

/** What a query says about the position; fields it does not (validly) say are left out. */
export function parsePositionQuery(q: Query): Partial<BrowsePosition> {
  const out: Partial<BrowsePosition> = {}
  const topic = one(q, 'topic')
  if (topic) out.topic = topic
  const partition = wholeNumber(one(q, 'partition'))
  out.partition = partition ?? 'all'
  const from = one(q, 'from')
  if (from === 'earliest') out.mode = 'earliest'
  else if (from?.startsWith('offset:')) {
    const n = wholeNumber(from.slice(7))
    if (n !== null) Object.assign(out, { mode: 'offset', offset: n })
  } else if (from?.startsWith('time:')) {
    const n = wholeNumber(from.slice(5))
    if (n !== null) Object.assign(out, { mode: 'timestamp', timestamp: n })
  }
  out.mode ??= 'latest'
  const until = one(q, 'until')
  out.endMode = 'none'
  if (until?.startsWith('offset:')) {
    const n = wholeNumber(until.slice(7))
    if (n !== null) Object.assign(out, { endMode: 'offset', endOffset: n })
  } else if (until?.startsWith('time:')) {
    const n = wholeNumber(until.slice(5))
    if (n !== null) Object.assign(out, { endMode: 'timestamp', endTimestamp: n })
  }
  const size = wholeNumber(one(q, 'size'))
  out.pageSize = size !== null && (PAGE_SIZES as readonly number[]).includes(size) ? size : 50
  const order = one(q, 'order')
  out.order =
    order === 'newest' || order === 'oldest' ? order : out.mode === 'latest' ? 'newest' : 'oldest'
  const at = one(q, 'at')
  out.at = null
  if (at) {
    const cursors: Cursors = {}
    let ok = true
    for (const part of at.split(',')) {
      const [p, o] = part.split(':')
      const pn = wholeNumber(p)
      const on = wholeNumber(o)
      if (pn === null || on === null) ok = false
      else cursors[pn] = on
    }
    if (ok && Object.keys(cursors).length) out.at = cursors
  }
  return out
}

/** Two queries mean the same position (order of keys aside). */
export function sameQuery(a: Query, b: Query): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const k of keys) if ((one(a, k) ?? null) !== (one(b, k) ?? null)) return false
  return true
}
