// Named queries over log_batches, log_segments and the log columns of partitions.
import type { Db } from './database'

export interface PartitionLogRow {
  topic_id: number
  partition: number
  log_start_offset: number
  log_end_offset: number
  cleaner_checkpoint: number
  delete_horizon_ms: number | null
}

export interface SegmentRow {
  topic_id: number
  partition: number
  base_offset: number
  last_offset: number
  size_bytes: number
  record_count: number
  max_timestamp: number
  created_at: number
}

/** Column order of batchesInsert. */
export type BatchInsertParams = [
  topicId: number,
  partition: number,
  baseOffset: number,
  lastOffset: number,
  firstTimestamp: number,
  maxTimestamp: number,
  recordCount: number,
  sizeBytes: number,
  producerId: number,
  producerEpoch: number,
  baseSequence: number,
  attributes: number,
  leaderEpoch: number,
  data: Buffer
]

export interface BatchPlanRow {
  last_offset: number
  size_bytes: number
}

export interface BatchSpanRow {
  base_offset: number
  last_offset: number
}

export interface BatchDataRow {
  data: Buffer
}

export interface BatchFoundRow {
  base_offset: number
  last_offset: number
  max_timestamp: number
  leader_epoch: number
  data: Buffer
}

export interface BatchCleanRow {
  batch_id: number
  base_offset: number
  last_offset: number
  size_bytes: number
  record_count: number
  data: Buffer
}

export interface SegmentAggregateRow {
  last_offset: number | null
  size_bytes: number | null
  record_count: number | null
  max_timestamp: number | null
}

type TP = [topicId: number, partition: number]

/**
 * The partition filter of the statements with an ORDER BY. SQLite (3.54, as better-sqlite3
 * builds it) plans such a statement again on every run when an index column is compared with
 * `=` to a bound parameter: a Fetch's two reads cost several times what they do without that.
 * A parameter written `+?` is the same value compared the same way (the column's affinity
 * applies), and the same index search; SQLite does not plan again for it.
 */
const IN_PARTITION = 'topic_id = +? AND partition = +?'

export function logQueries(db: Db) {
  return {
    partitionLogsSelectAll: db.prepare<[], PartitionLogRow>(
      'SELECT topic_id, partition, log_start_offset, log_end_offset, cleaner_checkpoint, ' +
        'delete_horizon_ms FROM partitions'
    ),
    partitionLogsSelect: db.prepare<TP, PartitionLogRow>(
      'SELECT topic_id, partition, log_start_offset, log_end_offset, cleaner_checkpoint, ' +
        'delete_horizon_ms FROM partitions WHERE topic_id = ? AND partition = ?'
    ),
    partitionLogsUpdateLogEnd: db.prepare<[number, ...TP]>(
      'UPDATE partitions SET log_end_offset = ? WHERE topic_id = ? AND partition = ?'
    ),
    partitionLogsUpdateLogStart: db.prepare<[number, ...TP]>(
      'UPDATE partitions SET log_start_offset = ? WHERE topic_id = ? AND partition = ?'
    ),
    /** Truncation: all offsets move together; the checkpoint never passes the log end. */
    partitionLogsUpdateBounds: db.prepare<[number, number, number, ...TP]>(
      'UPDATE partitions SET log_start_offset = ?, log_end_offset = ?, ' +
        'cleaner_checkpoint = MIN(cleaner_checkpoint, ?) WHERE topic_id = ? AND partition = ?'
    ),
    /** The cleaner's result; a truncation meanwhile keeps the checkpoint within the log. */
    partitionLogsUpdateCleaner: db.prepare<[number, number | null, ...TP]>(
      'UPDATE partitions SET cleaner_checkpoint = MIN(?, log_end_offset), delete_horizon_ms = ? ' +
        'WHERE topic_id = ? AND partition = ?'
    ),

    segmentsSelectAll: db.prepare<[], SegmentRow>(
      'SELECT * FROM log_segments ORDER BY topic_id, partition, base_offset'
    ),
    segmentsSelectPartition: db.prepare<TP, SegmentRow>(
      `SELECT * FROM log_segments WHERE ${IN_PARTITION} ORDER BY base_offset`
    ),
    /** Appends add to a segment: sizes and counts are deltas, so concurrent cleaning adds up. */
    segmentsUpsert: db.prepare<[...TP, number, number, number, number, number, number]>(
      'INSERT INTO log_segments (topic_id, partition, base_offset, last_offset, size_bytes, ' +
        'record_count, max_timestamp, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT (topic_id, partition, base_offset) DO UPDATE SET ' +
        'last_offset = excluded.last_offset, size_bytes = size_bytes + excluded.size_bytes, ' +
        'record_count = record_count + excluded.record_count, ' +
        'max_timestamp = MAX(max_timestamp, excluded.max_timestamp)'
    ),
    segmentsAdjust: db.prepare<[number, number, ...TP, number]>(
      'UPDATE log_segments SET size_bytes = size_bytes + ?, record_count = record_count + ? ' +
        'WHERE topic_id = ? AND partition = ? AND base_offset = ?'
    ),
    segmentsReplace: db.prepare<[number, number, number, number, ...TP, number]>(
      'UPDATE log_segments SET last_offset = ?, size_bytes = ?, record_count = ?, ' +
        'max_timestamp = ? WHERE topic_id = ? AND partition = ? AND base_offset = ?'
    ),
    segmentsDeleteBelow: db.prepare<[...TP, number]>(
      'DELETE FROM log_segments WHERE topic_id = ? AND partition = ? AND last_offset < ?'
    ),
    segmentsDeleteFrom: db.prepare<[...TP, number]>(
      'DELETE FROM log_segments WHERE topic_id = ? AND partition = ? AND base_offset >= ?'
    ),
    segmentsDeleteEmptyBelow: db.prepare<[...TP, number]>(
      'DELETE FROM log_segments WHERE topic_id = ? AND partition = ? AND base_offset < ? ' +
        'AND record_count <= 0'
    ),

    batchesInsert: db.prepare<BatchInsertParams>(
      'INSERT INTO log_batches (topic_id, partition, base_offset, last_offset, first_timestamp, ' +
        'max_timestamp, record_count, size_bytes, producer_id, producer_epoch, base_sequence, ' +
        'attributes, leader_epoch, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
    ),
    /** Sizes of the batches a read would return, from the covering index alone. */
    batchesPlanRead: db.prepare<[...TP, number, number], BatchPlanRow>(
      `SELECT last_offset, size_bytes FROM log_batches WHERE ${IN_PARTITION} ` +
        'AND last_offset >= ? AND last_offset < ? ORDER BY last_offset'
    ),
    /** Sizes of the batches ending in [from, to), newest first, for reading backwards. */
    batchesPlanReadBackward: db.prepare<[...TP, number, number], BatchPlanRow>(
      `SELECT last_offset, size_bytes FROM log_batches WHERE ${IN_PARTITION} ` +
        'AND last_offset >= ? AND last_offset < ? ORDER BY last_offset DESC'
    ),
    /** User records held by the batches ending in [from, to): control batches (0x20) left out. */
    batchesCountRecords: db.prepare<[...TP, number, number], { records: number | null }>(
      'SELECT SUM(record_count) AS records FROM log_batches WHERE topic_id = ? AND partition = ? ' +
        'AND last_offset >= ? AND last_offset < ? AND (attributes & 32) = 0'
    ),
    batchesSelectData: db.prepare<[...TP, number, number], BatchDataRow>(
      `SELECT data FROM log_batches WHERE ${IN_PARTITION} ` +
        'AND last_offset >= ? AND last_offset <= ? ORDER BY last_offset'
    ),
    /** First batch from an offset whose max timestamp reaches a target (index only). */
    batchesFindByTimestamp: db.prepare<[...TP, number, number, number], { last_offset: number }>(
      `SELECT last_offset FROM log_batches WHERE ${IN_PARTITION} ` +
        'AND last_offset >= ? AND last_offset < ? AND max_timestamp >= ? ORDER BY last_offset LIMIT 1'
    ),
    /** The batch holding the largest timestamp, the earliest one on ties (index only). */
    batchesFindMaxTimestamp: db.prepare<[...TP, number, number], { last_offset: number }>(
      `SELECT last_offset FROM log_batches WHERE ${IN_PARTITION} ` +
        'AND last_offset >= ? AND last_offset < ? ORDER BY max_timestamp DESC, last_offset LIMIT 1'
    ),
    batchesSelectEndingAt: db.prepare<[...TP, number], BatchFoundRow>(
      'SELECT base_offset, last_offset, max_timestamp, leader_epoch, data FROM log_batches ' +
        'WHERE topic_id = ? AND partition = ? AND last_offset = ?'
    ),
    /** The first batch ending at or after an offset: the one holding it, or the next one. */
    batchesSelectContaining: db.prepare<[...TP, number], BatchSpanRow>(
      `SELECT base_offset, last_offset FROM log_batches WHERE ${IN_PARTITION} ` +
        'AND last_offset >= ? ORDER BY last_offset LIMIT 1'
    ),
    batchesAggregateRange: db.prepare<[...TP, number, number], SegmentAggregateRow>(
      'SELECT MAX(last_offset) AS last_offset, SUM(size_bytes) AS size_bytes, ' +
        'SUM(record_count) AS record_count, MAX(max_timestamp) AS max_timestamp ' +
        'FROM log_batches WHERE topic_id = ? AND partition = ? ' +
        'AND last_offset >= ? AND last_offset < ?'
    ),
    batchesExistBelow: db.prepare<[...TP, number], { found: number }>(
      'SELECT 1 AS found FROM log_batches WHERE topic_id = ? AND partition = ? ' +
        'AND last_offset < ? LIMIT 1'
    ),
    /** Removes up to a number of whole batches below an offset, oldest first. */
    batchesDeleteBelow: db.prepare<[...TP, number, number]>(
      'DELETE FROM log_batches WHERE batch_id IN (SELECT batch_id FROM log_batches ' +
        `WHERE ${IN_PARTITION} AND last_offset < ? ORDER BY last_offset LIMIT ?)`
    ),
    batchesDeleteFrom: db.prepare<[...TP, number]>(
      'DELETE FROM log_batches WHERE topic_id = ? AND partition = ? AND last_offset >= ?'
    ),
    /** The cleaner walks a range in chunks, each statement its own short read. */
    batchesSelectForCleaning: db.prepare<[...TP, number, number, number], BatchCleanRow>(
      'SELECT batch_id, base_offset, last_offset, size_bytes, record_count, data FROM log_batches ' +
        `WHERE ${IN_PARTITION} AND last_offset >= ? AND last_offset < ? ` +
        'ORDER BY last_offset LIMIT ?'
    ),
    batchesRewrite: db.prepare<[Buffer, number, number, number, number, number, number]>(
      'UPDATE log_batches SET data = ?, size_bytes = ?, record_count = ?, first_timestamp = ?, ' +
        'max_timestamp = ?, attributes = ? WHERE batch_id = ?'
    ),
    batchesDeleteById: db.prepare<[number]>('DELETE FROM log_batches WHERE batch_id = ?')
  }
}

export type LogQueries = ReturnType<typeof logQueries>
