// Migration 4: idempotent producers: assigned producer ids and, per partition, the last batches
// each producer appended (for duplicate and sequence checks across restarts).
export default `
CREATE TABLE producer_ids (
  producer_id      INTEGER PRIMARY KEY AUTOINCREMENT,
  producer_epoch   INTEGER NOT NULL DEFAULT 0,
  transactional_id TEXT UNIQUE,
  created_at       INTEGER NOT NULL
);

-- batches: JSON array, oldest first, of at most 5
-- [firstSequence, lastSequence, baseOffset, lastOffset, timestamp].
CREATE TABLE producer_state (
  producer_id    INTEGER NOT NULL,
  topic          TEXT NOT NULL,
  partition      INTEGER NOT NULL,
  producer_epoch INTEGER NOT NULL,
  batches        TEXT NOT NULL,
  last_append_at INTEGER NOT NULL,
  PRIMARY KEY (producer_id, topic, partition)
) WITHOUT ROWID;

CREATE INDEX producer_state_last_append ON producer_state (last_append_at);

CREATE TRIGGER producer_state_topic_deleted AFTER DELETE ON topics
BEGIN
  DELETE FROM producer_state WHERE topic = OLD.name;
END;
`
