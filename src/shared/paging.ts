// Paging through one partition or all of them: per-partition reads merged by timestamp with a
// k-way merge, so that each partition's records stay contiguous and the cursors for the next
// and previous page are exact offsets.
import type { MessageRecord } from './api/messages'

/** Offset per partition. */
export type Cursors = Record<number, number>

export interface MergedPage {
  records: MessageRecord[]
  /** Where the page starts in each partition (for paging back). */
  start: Cursors
  /** Where the next forward page starts in each partition. */
  next: Cursors
}

export interface HeadRead {
  partition: number
  /** Ascending offsets. */
  records: MessageRecord[]
  /** Where reading forward continues after the last record returned. */
  nextOffset: number
}

const earlier = (a: MessageRecord, b: MessageRecord): boolean =>
  a.timestamp < b.timestamp ||
  (a.timestamp === b.timestamp &&
    (a.partition < b.partition || (a.partition === b.partition && a.offset < b.offset)))

/** The `limit` earliest records over all partitions, taking each partition in offset order. */
export function mergeHead(reads: HeadRead[], limit: number): MergedPage {
  const taken = reads.map(() => 0)
  const records: MessageRecord[] = []
  while (records.length < limit) {
    let best = -1
    for (let i = 0; i < reads.length; i++) {
      const r = reads[i].records[taken[i]]
      if (r && (best < 0 || earlier(r, reads[best].records[taken[best]]))) best = i
    }
    if (best < 0) break
    records.push(reads[best].records[taken[best]])
    taken[best]++
  }
  const start: Cursors = {}
  const next: Cursors = {}
  reads.forEach((read, i) => {
    start[read.partition] = read.records[0]?.offset ?? read.nextOffset
    const following = read.records[taken[i]]
    next[read.partition] = following ? following.offset : read.nextOffset
  })
  return { records, start, next }
}

export interface TailRead {
  partition: number
  /** Ascending offsets, ending just before `endOffset`. */
  records: MessageRecord[]
  /** The offset just after the last record this read could return. */
  endOffset: number
}

/** The `limit` latest records over all partitions, taking each partition from its end. */
export function mergeTail(reads: TailRead[], limit: number): MergedPage {
  const kept = reads.map(() => 0)
  const picked: MessageRecord[] = []
  while (picked.length < limit) {
    let best = -1
    let bestRecord: MessageRecord | undefined
    for (let i = 0; i < reads.length; i++) {
      const recs = reads[i].records
      const r = recs[recs.length - 1 - kept[i]]
      if (r && (!bestRecord || earlier(bestRecord, r))) {
        best = i
        bestRecord = r
      }
    }
    if (best < 0 || !bestRecord) break
    picked.push(bestRecord)
    kept[best]++
  }
  const start: Cursors = {}
  const next: Cursors = {}
  reads.forEach((read, i) => {
    const recs = read.records
    const n = kept[i]
    start[read.partition] = n > 0 ? recs[recs.length - n].offset : read.endOffset
    next[read.partition] = n > 0 ? recs[recs.length - 1].offset + 1 : read.endOffset
  })
  return { records: picked.reverse(), start, next }
}

export interface Bounds {
  logStartOffset: number
  highWatermark: number
}

export function hasNewer(next: Cursors, bounds: Record<number, Bounds>): boolean {
  return Object.entries(next).some(([p, o]) => {
    const b = bounds[Number(p)]
    return b !== undefined && o < b.highWatermark
  })
}

export function hasOlder(start: Cursors, bounds: Record<number, Bounds>): boolean {
  return Object.entries(start).some(([p, o]) => {
    const b = bounds[Number(p)]
    return b !== undefined && o > b.logStartOffset
  })
}
