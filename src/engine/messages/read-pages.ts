// A `messages.read` over one partition or several, from the pages read per partition: the one
// page as it is, or several merged by time with exact cursors. Shared by every backend.
import type { MessageRecord, ReadResult } from '../../shared/api/messages'
import type { Params } from '../../shared/contract'
import { mergeHead, mergeTail } from '../../shared/paging'

export interface PartitionPage {
  partition: number
  records: MessageRecord[]
  /** Where the records start (or would), for paging back. */
  first: number
  /** Where a forward read continues after the last record. */
  next: number
  /** The offset just after the last record this read could return. */
  end: number
}

/**
 * How many records just before a position a read wants - backward reads and reads from the end
 * - or null for a forward read from a start offset.
 */
export function tailCount(params: Params<'messages.read'>): number | null {
  const { from, limit } = params
  if (params.direction === 'backward' || from === 'latest') return limit
  if (typeof from === 'object' && 'latest' in from && from.latest <= limit) return from.latest
  return null
}

/** The records and cursors of a read made of `pages`, one per partition. */
export function combinePages(
  pages: PartitionPage[],
  params: Params<'messages.read'>
): Pick<ReadResult, 'records' | 'firstOffsets' | 'nextOffsets'> {
  if (pages.length === 1) {
    const [page] = pages
    return {
      records: page.records,
      firstOffsets: { [page.partition]: page.first },
      nextOffsets: { [page.partition]: page.next }
    }
  }
  // Several partitions: merged by time, each partition's records kept contiguous in offset
  // order so that its cursors stay exact; reads towards the end keep the newest `limit`.
  const merged =
    tailCount(params) !== null
      ? mergeTail(
          pages.map((pg) => ({ partition: pg.partition, records: pg.records, endOffset: pg.end })),
          params.limit
        )
      : mergeHead(
          pages.map((pg) => ({
            partition: pg.partition,
            records: pg.records,
            nextOffset: pg.next
          })),
          params.limit
        )
  return { records: merged.records, firstOffsets: merged.start, nextOffsets: merged.next }
}
