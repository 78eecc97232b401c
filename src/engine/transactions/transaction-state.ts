// One transactional id's coordinator state, as Kafka's TransactionMetadata holds it, and its
// row in SQLite (the role of a __transaction_state record).
import type { TransactionRow, TransactionUpsertParams } from '../storage/transaction-queries'

/** Kafka's TransactionState names, as DescribeTransactions and ListTransactions show them. */
export type TransactionState =
  'Empty' | 'Ongoing' | 'PrepareCommit' | 'PrepareAbort' | 'CompleteCommit' | 'CompleteAbort'

export const TRANSACTION_STATES: readonly TransactionState[] = [
  'Empty',
  'Ongoing',
  'PrepareCommit',
  'PrepareAbort',
  'CompleteCommit',
  'CompleteAbort'
]

export interface TopicPartitionRef {
  topic: string
  partition: number
}

export interface TransactionMetadata {
  transactionalId: string
  producerId: number
  producerEpoch: number
  timeoutMs: number
  state: TransactionState
  /** Partitions of the current (or last) transaction. */
  partitions: TopicPartitionRef[]
  /** Partitions still waiting for the marker of a transaction being completed. */
  pendingMarkers: TopicPartitionRef[]
  /** Groups whose offsets the transaction commits. */
  groups: string[]
  /** When the current transaction began (its first AddPartitions/AddOffsets); -1 if none. */
  startedAt: number
  updatedAt: number
  /** The transaction version of the client that ended the last transaction (2: KIP-890's). */
  clientTransactionVersion: number
  /** The producer id before the last one handed out (-1: none). */
  previousProducerId: number
  /** The producer id an overflowing epoch bump handed out, taken on completion (-1: none). */
  nextProducerId: number
  /**
   * The epoch before the last bump a producer asked for or an end made (Kafka's
   * lastProducerEpoch): an InitProducerId naming it is a retry. Kept in memory only, as Kafka
   * does not write it to __transaction_state; absent (-1) after a restart.
   */
  lastProducerEpoch?: number
}

type Pair = [string, number]

export function fromRow(r: TransactionRow): TransactionMetadata {
  const refs = (json: string) =>
    (JSON.parse(json) as Pair[]).map(([topic, partition]) => ({ topic, partition }))
  return {
    transactionalId: r.transactional_id,
    producerId: r.producer_id,
    producerEpoch: r.producer_epoch,
    timeoutMs: r.timeout_ms,
    state: r.state as TransactionState,
    partitions: refs(r.partitions),
    pendingMarkers: refs(r.pending_markers),
    groups: JSON.parse(r.groups) as string[],
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    clientTransactionVersion: r.client_transaction_version,
    previousProducerId: r.previous_producer_id,
    nextProducerId: r.next_producer_id
  }
}

export function toRow(m: TransactionMetadata): TransactionUpsertParams {
  const pairs = (refs: TopicPartitionRef[]) =>
    JSON.stringify(refs.map((r): Pair => [r.topic, r.partition]))
  return [
    m.transactionalId,
    m.producerId,
    m.producerEpoch,
    m.timeoutMs,
    m.state,
    pairs(m.partitions),
    pairs(m.pendingMarkers),
    JSON.stringify(m.groups),
    m.startedAt,
    m.updatedAt,
    m.clientTransactionVersion,
    m.previousProducerId,
    m.nextProducerId
  ]
}

export function isOpen(m: TransactionMetadata): boolean {
  return m.state === 'Ongoing' || m.state === 'PrepareCommit' || m.state === 'PrepareAbort'
}

export function hasPartition(m: TransactionMetadata, topic: string, partition: number): boolean {
  return m.partitions.some((p) => p.topic === topic && p.partition === partition)
}
