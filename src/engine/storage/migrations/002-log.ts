// Migration 2: partition logs - stored record batches, their segments and per-partition log state.
export default `
-- The log's own per-partition state, next to the log_start_offset column of migration 1.
-- log_end_offset: the next offset to assign. cleaner_checkpoint: the first offset compaction has
-- not yet cleaned (Kafka's cleaner-offset-checkpoint). delete_horizon_ms: the earliest time a
-- tombstone kept by compaction may be dropped, NULL when none waits.
ALTER TABLE partitions ADD COLUMN log_end_offset INTEGER NOT NULL DEFAULT 0;
ALTER TABLE partitions ADD COLUMN cleaner_checkpoint INTEGER NOT NULL DEFAULT 0;
ALTER TABLE partitions ADD COLUMN delete_horizon_ms INTEGER;

-- A segment is a run of consecutive batches: the unit retention deletes at once and the
-- boundary compaction never crosses into (the last segment is the active one).
CREATE TABLE log_segments (
  topic_id      INTEGER NOT NULL,
  partition     INTEGER NOT NULL,
  base_offset   INTEGER NOT NULL,
  last_offset   INTEGER NOT NULL,
  size_bytes    INTEGER NOT NULL,
  record_count  INTEGER NOT NULL,
  max_timestamp INTEGER NOT NULL,
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (topic_id, partition, base_offset),
  FOREIGN KEY (topic_id, partition) REFERENCES partitions (topic_id, partition) ON DELETE CASCADE
) WITHOUT ROWID;

-- One row per RecordBatch, its bytes stored exactly as served to Fetch. AUTOINCREMENT keeps
-- batch ids from being reused, so the cleaner's rewrites by id never hit a newer batch.
CREATE TABLE log_batches (
  batch_id        INTEGER PRIMARY KEY AUTOINCREMENT,
  topic_id        INTEGER NOT NULL,
  partition       INTEGER NOT NULL,
  base_offset     INTEGER NOT NULL,
  last_offset     INTEGER NOT NULL,
  first_timestamp INTEGER NOT NULL,
  max_timestamp   INTEGER NOT NULL,
  record_count    INTEGER NOT NULL,
  size_bytes      INTEGER NOT NULL,
  producer_id     INTEGER NOT NULL,
  producer_epoch  INTEGER NOT NULL,
  base_sequence   INTEGER NOT NULL,
  attributes      INTEGER NOT NULL,
  leader_epoch    INTEGER NOT NULL,
  data            BLOB NOT NULL,
  FOREIGN KEY (topic_id, partition) REFERENCES partitions (topic_id, partition) ON DELETE CASCADE
);

-- Covers Fetch planning (sizes), timestamp lookups and retention without touching the blobs.
CREATE UNIQUE INDEX log_batches_by_last_offset
  ON log_batches (topic_id, partition, last_offset, max_timestamp, size_bytes);
`
