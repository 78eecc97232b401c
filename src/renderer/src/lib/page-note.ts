// Why a page read from all partitions shows only some of them: a start offset applies to each
// partition on its own, and the partitions' records are merged by time, so a partition may have
// nothing from that position on, or only records newer (or older) than the whole page.
import type { MessageRecord } from '../../../shared/api/messages'
import { formatCount, formatRanges, plural } from './format'
import type { Bounds, Cursors } from './paging'

export interface PageNoteInput {
  partitions: number[]
  records: MessageRecord[]
  start: Cursors
  next: Cursors
  bounds: Record<number, Bounds>
  /** 'head' for a page read forward from a position, 'tail' for the latest records. */
  merge: 'head' | 'tail'
  /** How the start position reads in a sentence: "offset 100", "that time", "the start". */
  position: string
  finished?: ReadonlySet<number>
}

/**
 * What a page holds, for the bar above it: "partition 0, offsets 70–119", "partition 0,
 * offset 20,000" for a single record, "3 partitions"; null for an empty page.
 */
export function pageRange(records: readonly MessageRecord[]): string | null {
  if (!records.length) return null
  const byPartition = new Map<number, [number, number]>()
  for (const r of records) {
    const cur = byPartition.get(r.partition)
    byPartition.set(
      r.partition,
      cur ? [Math.min(cur[0], r.offset), Math.max(cur[1], r.offset)] : [r.offset, r.offset]
    )
  }
  if (byPartition.size > 1) return plural(byPartition.size, 'partition')
  const [[p, [a, b]]] = [...byPartition]
  return a === b
    ? `partition ${p}, offset ${formatCount(a)}`
    : `partition ${p}, offsets ${formatCount(a)}–${formatCount(b)}`
}

/** "Partitions 0–2", lower-case after a colon. */
const partitionsWord = (ps: number[], capital = true) =>
  `${ps.length === 1 ? (capital ? 'Partition' : 'partition') : capital ? 'Partitions' : 'partitions'} ${formatRanges(ps)}`
const have = (ps: number[]) => (ps.length === 1 ? 'has' : 'have')

/** One or two sentences, or null when every partition is on the page (or there is only one). */
export function pageNote(i: PageNoteInput): string | null {
  if (i.partitions.length < 2 || i.records.length === 0) return null
  const onPage = new Set(i.records.map((r) => r.partition))
  const absent = i.partitions.filter((p) => !onPage.has(p))
  if (absent.length === 0) return null
  const shown = i.partitions.filter((p) => onPage.has(p))
  const nothing: number[] = []
  const elsewhere: number[] = []
  for (const p of absent) {
    const b = i.bounds[p]
    if (!b) continue
    const empty =
      i.merge === 'head'
        ? (i.next[p] ?? i.start[p] ?? b.highWatermark) >= b.highWatermark || !!i.finished?.has(p)
        : (i.start[p] ?? b.logStartOffset) <= b.logStartOffset
    ;(empty ? nothing : elsewhere).push(p)
  }
  const parts = [
    `This page shows ${shown.length === 1 ? 'partition' : 'partitions'} ${formatRanges(shown)} only:`
  ]
  if (nothing.length)
    parts.push(
      i.merge === 'head'
        ? `${partitionsWord(nothing, false)} ${have(nothing)} no records from ${i.position} on (each partition is read from ${i.position} in its own offsets).`
        : `${partitionsWord(nothing, false)} ${have(nothing)} no records.`
    )
  if (elsewhere.length)
    parts.push(
      i.merge === 'head'
        ? `${partitionsWord(elsewhere, nothing.length > 0)} ${have(elsewhere)} records from ${i.position} on, but written later than the ${formatCount(i.records.length)} earliest by time shown here: Newer shows them, or pick one partition.`
        : `${partitionsWord(elsewhere, nothing.length > 0)} ${have(elsewhere)} only records older than the ${formatCount(i.records.length)} newest shown here: Older shows them, or pick one partition.`
    )
  return parts.join(' ')
}
