// Transactions as each partition sees them: which producers have an open transaction (the
// first one holds back the last stable offset, LSO) and which ranges were aborted (the list a
// read_committed Fetch returns so that consumers drop those records).
import type { Db } from '../storage/database'
import { transactionQueries, type TransactionQueries } from '../storage/transaction-queries'

export interface PartitionTransaction {
  producerId: number
  firstOffset: number
  lastOffset: number
}

export class PartitionTransactions {
  private readonly q: TransactionQueries

  constructor(db: Db) {
    this.q = transactionQueries(db)
  }

  /** A transactional batch went in at [baseOffset, lastOffset]: the producer's transaction is open. */
  recordAppend(
    topicId: number,
    partition: number,
    producerId: number,
    baseOffset: number,
    lastOffset: number
  ): void {
    const open = this.q.openSelect.get(topicId, partition, producerId)
    if (open) this.q.openExtend.run(lastOffset, topicId, partition, producerId, open.first_offset)
    else this.q.openInsert.run(topicId, partition, producerId, baseOffset, lastOffset)
  }

  /**
   * The marker of the producer's transaction went in at `markerOffset`: an abort adds its range
   * to the aborted transactions. The transaction keeps holding the LSO until the high watermark
   * passes the marker.
   */
  recordMarker(
    topicId: number,
    partition: number,
    producerId: number,
    markerOffset: number,
    committed: boolean,
    highWatermark: number
  ): void {
    this.q.stableDelete.run(topicId, partition, highWatermark)
    const open = this.q.openSelect.get(topicId, partition, producerId)
    if (!open) return
    this.q.openMark.run(markerOffset, topicId, partition, producerId, open.first_offset)
    if (!committed)
      this.q.abortedInsert.run(topicId, partition, producerId, open.first_offset, markerOffset)
  }

  /** The last stable offset: the first offset of the oldest undecided transaction, at most the HW. */
  lastStableOffset(topicId: number, partition: number, highWatermark: number): number {
    const first = this.q.firstUnstable.get(topicId, partition, highWatermark)?.first
    return first === null || first === undefined ? highWatermark : Math.min(first, highWatermark)
  }

  /** Aborted transactions with records in [from, upTo), oldest first. */
  aborted(topicId: number, partition: number, from: number, upTo: number): PartitionTransaction[] {
    return this.q.abortedInRange.all(topicId, partition, from, upTo).map(toTransaction)
  }

  /** Transactions with records in the partition and no marker yet, oldest first. */
  open(topicId: number, partition: number): PartitionTransaction[] {
    return this.q.openInPartition.all(topicId, partition).map(toTransaction)
  }
}

function toTransaction(r: {
  producer_id: number
  first_offset: number
  last_offset: number
}): PartitionTransaction {
  return { producerId: r.producer_id, firstOffset: r.first_offset, lastOffset: r.last_offset }
}
