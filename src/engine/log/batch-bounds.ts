// Offset ranges that start or end inside a stored batch: batches are stored whole, so a read of
// the records below an offset must also take the batch that holds that offset's predecessor
// when the batch reaches past it, and then drop the records at or past the bound.
import type { LogQueries } from '../storage/log-queries'

/**
 * The batch boundary at or after `upTo` that a read of the records below `upTo` must reach:
 * `upTo` itself when no batch holds both `upTo - 1` and `upTo`, otherwise the end of that batch
 * (its last offset + 1).
 */
export function batchBoundAfter(
  q: LogQueries,
  topicId: number,
  partition: number,
  upTo: number
): number {
  if (upTo <= 0) return upTo
  const holder = q.batchesSelectContaining.get(topicId, partition, upTo - 1)
  return holder && holder.base_offset < upTo && holder.last_offset >= upTo
    ? holder.last_offset + 1
    : upTo
}
