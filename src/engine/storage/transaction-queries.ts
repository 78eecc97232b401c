// Named queries over transactions, transaction_offsets, partition_transactions and
// aborted_transactions.
import type { Db } from './database'

export interface TransactionRow {
  transactional_id: string
  producer_id: number
  producer_epoch: number
  timeout_ms: number
  state: string
  partitions: string
  pending_markers: string
  groups: string
  started_at: number
  updated_at: number
  client_transaction_version: number
  previous_producer_id: number
  next_producer_id: number
}

export interface TransactionOffsetRow {
  group_id: string
  topic: string
  partition: number
  committed_offset: number
  leader_epoch: number
  metadata: string
  committed_at: number
}

export interface OpenTransactionRow {
  producer_id: number
  first_offset: number
  last_offset: number
}

/**
 * A transactions row's values in the upsert's order: transactional id, producer id, epoch,
 * timeout, state, partitions, pending markers, groups (JSON), started and updated at, the client's
 * transaction version, previous and next producer id.
 */
export type TransactionUpsertParams = [
  string,
  number,
  number,
  number,
  string,
  string,
  string,
  string,
  number,
  number,
  number,
  number,
  number
]

export function transactionQueries(db: Db) {
  return {
    select: db.prepare<[string], TransactionRow>(
      'SELECT * FROM transactions WHERE transactional_id = ?'
    ),
    selectAll: db.prepare<[], TransactionRow>(
      'SELECT * FROM transactions ORDER BY transactional_id'
    ),
    selectByProducer: db.prepare<[number], TransactionRow>(
      'SELECT * FROM transactions WHERE producer_id = ?'
    ),
    upsert: db.prepare<TransactionUpsertParams>(
      'INSERT INTO transactions (transactional_id, producer_id, producer_epoch, timeout_ms, ' +
        'state, partitions, pending_markers, groups, started_at, updated_at, ' +
        'client_transaction_version, previous_producer_id, next_producer_id) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (transactional_id) DO UPDATE SET ' +
        'producer_id = excluded.producer_id, producer_epoch = excluded.producer_epoch, ' +
        'timeout_ms = excluded.timeout_ms, state = excluded.state, ' +
        'partitions = excluded.partitions, pending_markers = excluded.pending_markers, ' +
        'groups = excluded.groups, started_at = excluded.started_at, ' +
        'updated_at = excluded.updated_at, ' +
        'client_transaction_version = excluded.client_transaction_version, ' +
        'previous_producer_id = excluded.previous_producer_id, ' +
        'next_producer_id = excluded.next_producer_id'
    ),
    delete: db.prepare<[string]>('DELETE FROM transactions WHERE transactional_id = ?'),
    offsetsUpsert: db.prepare<[string, string, string, number, number, number, string, number]>(
      'INSERT INTO transaction_offsets (transactional_id, group_id, topic, partition, ' +
        'committed_offset, leader_epoch, metadata, committed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT (transactional_id, group_id, topic, partition) DO UPDATE SET ' +
        'committed_offset = excluded.committed_offset, leader_epoch = excluded.leader_epoch, ' +
        'metadata = excluded.metadata, committed_at = excluded.committed_at'
    ),
    offsetsSelect: db.prepare<[string], TransactionOffsetRow>(
      'SELECT group_id, topic, partition, committed_offset, leader_epoch, metadata, committed_at ' +
        'FROM transaction_offsets WHERE transactional_id = ?'
    ),
    offsetsDelete: db.prepare<[string]>(
      'DELETE FROM transaction_offsets WHERE transactional_id = ?'
    ),
    offsetsDeleteTopic: db.prepare<[string]>('DELETE FROM transaction_offsets WHERE topic = ?'),
    offsetsPendingForGroup: db.prepare<[string], { topic: string; partition: number }>(
      'SELECT topic, partition FROM transaction_offsets WHERE group_id = ?'
    ),
    openSelect: db.prepare<[number, number, number], OpenTransactionRow>(
      'SELECT producer_id, first_offset, last_offset FROM partition_transactions ' +
        'WHERE topic_id = ? AND partition = ? AND producer_id = ? AND marker_offset IS NULL'
    ),
    openInsert: db.prepare<[number, number, number, number, number]>(
      'INSERT INTO partition_transactions (topic_id, partition, producer_id, first_offset, ' +
        'last_offset) VALUES (?, ?, ?, ?, ?)'
    ),
    openExtend: db.prepare<[number, number, number, number, number]>(
      'UPDATE partition_transactions SET last_offset = ? WHERE topic_id = ? AND partition = ? ' +
        'AND producer_id = ? AND first_offset = ?'
    ),
    openMark: db.prepare<[number, number, number, number, number]>(
      'UPDATE partition_transactions SET marker_offset = ? WHERE topic_id = ? AND partition = ? ' +
        'AND producer_id = ? AND first_offset = ?'
    ),
    /** First offset of the oldest transaction not yet decided below the high watermark. */
    // Asked on every fetch of a partition with transactions. Its parameters are written `+?`:
    // compared with `=` to the key, a bare `?` has SQLite plan the MIN() again on every run.
    firstUnstable: db.prepare<[number, number, number], { first: number | null }>(
      'SELECT MIN(first_offset) AS first FROM partition_transactions WHERE topic_id = +? ' +
        'AND partition = +? AND (marker_offset IS NULL OR marker_offset >= ?)'
    ),
    stableDelete: db.prepare<[number, number, number]>(
      'DELETE FROM partition_transactions WHERE topic_id = ? AND partition = ? ' +
        'AND marker_offset IS NOT NULL AND marker_offset < ?'
    ),
    openInPartition: db.prepare<[number, number], OpenTransactionRow>(
      'SELECT producer_id, first_offset, last_offset FROM partition_transactions ' +
        'WHERE topic_id = ? AND partition = ? AND marker_offset IS NULL ORDER BY first_offset'
    ),
    partitionsWithTransactions: db.prepare<[], { topic_id: number; partition: number }>(
      'SELECT DISTINCT topic_id, partition FROM partition_transactions'
    ),
    partitionsWithAborted: db.prepare<[], { topic_id: number; partition: number }>(
      'SELECT DISTINCT topic_id, partition FROM aborted_transactions'
    ),
    abortedInsert: db.prepare<[number, number, number, number, number]>(
      'INSERT OR REPLACE INTO aborted_transactions (topic_id, partition, producer_id, ' +
        'first_offset, last_offset) VALUES (?, ?, ?, ?, ?)'
    ),
    /** Aborted transactions overlapping [from, upTo). */
    abortedInRange: db.prepare<[number, number, number, number], OpenTransactionRow>(
      'SELECT producer_id, first_offset, last_offset FROM aborted_transactions ' +
        'WHERE topic_id = ? AND partition = ? AND last_offset >= ? AND first_offset < ? ' +
        'ORDER BY first_offset'
    )
  }
}

export type TransactionQueries = ReturnType<typeof transactionQueries>
