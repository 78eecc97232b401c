// Leader epochs as recorded in stored batches: the end offset of an epoch for
// OffsetForLeaderEpoch (the first offset written under a later epoch, else the log end).
import type { Db } from '../storage/database'

export interface EpochEndOffset {
  leaderEpoch: number
  endOffset: number
}

const cache = new WeakMap<Db, ReturnType<typeof queries>>()

function queries(db: Db) {
  return {
    firstAfterEpoch: db.prepare<
      [number, number, number],
      { base_offset: number; leader_epoch: number }
    >(
      'SELECT base_offset, leader_epoch FROM log_batches WHERE topic_id = ? AND partition = ? AND leader_epoch > ? ' +
        'ORDER BY base_offset LIMIT 1'
    ),
    lastAtOrBefore: db.prepare<[number, number, number, number], { leader_epoch: number }>(
      'SELECT leader_epoch FROM log_batches WHERE topic_id = ? AND partition = ? AND leader_epoch <= ? ' +
        'AND base_offset < ? ORDER BY base_offset DESC LIMIT 1'
    )
  }
}

/**
 * Kafka's answer for `epoch`: the largest epoch <= `epoch` found in the log, and the first
 * offset of the epoch after it (the log end for the current epoch). An epoch newer than the
 * current one is unknown: (-1, -1).
 */
export function endOffsetForLeaderEpoch(
  db: Db,
  topicId: number,
  partition: number,
  epoch: number,
  currentEpoch: number,
  logEndOffset: number
): EpochEndOffset {
  if (epoch > currentEpoch) return { leaderEpoch: -1, endOffset: -1 }
  if (epoch === currentEpoch) return { leaderEpoch: currentEpoch, endOffset: logEndOffset }
  let q = cache.get(db)
  if (!q) cache.set(db, (q = queries(db)))
  const next = q.firstAfterEpoch.get(topicId, partition, epoch)
  if (!next) return { leaderEpoch: currentEpoch, endOffset: logEndOffset }
  const found = q.lastAtOrBefore.get(topicId, partition, epoch, next.base_offset)
  return { leaderEpoch: found?.leader_epoch ?? epoch, endOffset: next.base_offset }
}
