// Paging lives in the contract's shared code: the engine merges partitions the same way. The
// browser adds where reading ends (an end offset or an end time).
import {
  hasNewer as hasNewerInLog,
  type Bounds,
  type Cursors,
  type HeadRead
} from '../../../shared/paging'

export {
  hasOlder,
  mergeHead,
  mergeTail,
  type Bounds,
  type Cursors,
  type HeadRead,
  type MergedPage,
  type TailRead
} from '../../../shared/paging'

/**
 * Whether a forward page can follow: some partition has records after `next` below its high
 * watermark and the end offset, and is not `finished` (its end time was reached).
 */
export function hasNewer(
  next: Cursors,
  bounds: Record<number, Bounds>,
  finished: ReadonlySet<number> = new Set(),
  endOffset?: number
): boolean {
  const open: Cursors = {}
  for (const [p, o] of Object.entries(next)) {
    const n = Number(p)
    if (finished.has(n)) continue
    if (endOffset !== undefined && o >= endOffset) continue
    open[n] = o
  }
  return hasNewerInLog(open, bounds)
}

/** Where browsing stops: before an offset (exclusive) or after a time (inclusive). */
export type End = { offset: number } | { timestamp: number } | null

/**
 * A forward read of one partition cut at the end: the records up to it, where reading would
 * continue, and whether the partition is finished (a record beyond the end was seen, or the
 * next offset reached the end offset).
 */
export function cutAtEnd(read: HeadRead, end: End): HeadRead & { finished: boolean } {
  if (!end) return { ...read, finished: false }
  const beyond = read.records.findIndex((r) =>
    'offset' in end ? r.offset >= end.offset : r.timestamp > end.timestamp
  )
  if (beyond >= 0)
    return {
      partition: read.partition,
      records: read.records.slice(0, beyond),
      nextOffset: read.records[beyond].offset,
      finished: true
    }
  const finished = 'offset' in end && read.nextOffset >= end.offset
  return { ...read, finished }
}
