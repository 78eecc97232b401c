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

/**
 * Partitions that have (or may have had) rows, so that a partition no transactional producer
 * ever wrote to answers its LSO and aborted list without a query on every Fetch. A superset: a
 * partition joins with its first row and never leaves (rows may stay after the HW passes them).
 */
class PartitionSet {
  private readonly keys = new Set<number>()

  constructor(rows: Iterable<{ topic_id: number; partition: number }>) {
    for (const r of rows) this.add(r.topic_id, r.partition)
  }

  add(topicId: number, partition: number): void {
    this.keys.add(key(topicId, partition))
  }

  has(topicId: number, partition: number): boolean {
    return this.keys.size > 0 && this.keys.has(key(topicId, partition))
  }
}

/** One number per partition; a collision (2^20 partitions or more) costs only a query. */
const key = (topicId: number, partition: number) => topicId * 0x100000 + partition

export class PartitionTransactions {
  private readonly q: TransactionQueries
  private readonly withTransactions: PartitionSet
  private readonly withAborted: PartitionSet

  constructor(db: Db) {
    this.q = transactionQueries(db)
    this.withTransactions = new PartitionSet(this.q.partitionsWithTransactions.iterate())
    this.withAborted = new PartitionSet(this.q.partitionsWithAborted.iterate())
  }

  /** A transactional batch went in at [baseOffset, lastOffset]: the producer's transaction is open. */
  recordAppend(
    topicId: number,
    partition: number,
    producerId: number,
    baseOffset: number,
    lastOffset: number
  ): void {
    this.withTransactions.add(topicId, partition)
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
    if (committed) return
    this.withAborted.add(topicId, partition)
    this.q.abortedInsert.run(topicId, partition, producerId, open.first_offset, markerOffset)
  }

  /** The last stable offset: the first offset of the oldest undecided transaction, at most the HW. */
  lastStableOffset(topicId: number, partition: number, highWatermark: number): number {
    if (!this.withTransactions.has(topicId, partition)) return highWatermark
    const first = this.q.firstUnstable.get(topicId, partition, highWatermark)?.first
    return first === null || first === undefined ? highWatermark : Math.min(first, highWatermark)
  }

  /** Aborted transactions with records in [from, upTo), oldest first. */
  aborted(topicId: number, partition: number, from: number, upTo: number): PartitionTransaction[] {
    if (!this.withAborted.has(topicId, partition)) return []
    return this.q.abortedInRange.all(topicId, partition, from, upTo).map(toTransaction)
  }

  /** Transactions with records in the partition and no marker yet, oldest first. */
  open(topicId: number, partition: number): PartitionTransaction[] {
    if (!this.withTransactions.has(topicId, partition)) return []
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
