// The work the log cleaner hands to its worker thread (or runs inline): compaction passes and
// the deletion of batches below a log start offset, each a function of a database connection.
import type { Db } from '../storage/database'
import type { LogQueries } from '../storage/log-queries'
import {
  type BetweenChunks,
  type CompactionJob,
  type CompactionResult,
  compactPartition
} from './compaction'

export interface PurgeJob {
  topicId: number
  partition: number
  /** Whole batches ending below this offset (the log start offset) are deleted. */
  belowOffset: number
}

export interface PurgeResult {
  batchesDeleted: number
}

export type CleanerJob = { kind: 'compact'; job: CompactionJob } | { kind: 'purge'; job: PurgeJob }

export type CleanerJobResult<J extends CleanerJob> = J extends { kind: 'compact' }
  ? CompactionResult
  : PurgeResult

/** Batches deleted per transaction: short enough not to hold appends back noticeably. */
const PURGE_CHUNK = 32

export function purgeBelow(
  q: LogQueries,
  job: PurgeJob,
  betweenChunks: BetweenChunks
): PurgeResult {
  let batchesDeleted = 0
  for (;;) {
    const n = q.batchesDeleteBelow.run(
      job.topicId,
      job.partition,
      job.belowOffset,
      PURGE_CHUNK
    ).changes
    batchesDeleted += n
    if (n < PURGE_CHUNK) return { batchesDeleted }
    betweenChunks()
  }
}

export function runCleanerJob(
  db: Db,
  q: LogQueries,
  job: CleanerJob,
  betweenChunks: BetweenChunks = () => {}
): CompactionResult | PurgeResult {
  return job.kind === 'compact'
    ? compactPartition(db, q, job.job, betweenChunks)
    : purgeBelow(q, job.job, betweenChunks)
}
