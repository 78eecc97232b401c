// Migration 6: transactions. What Kafka keeps in __transaction_state (one row per
// transactional id: producer id and epoch, state, the partitions and groups of the current
// transaction), offsets a transaction committed that become visible when it commits, and per
// partition the transactions still open (they hold back the last stable offset) and the aborted
// ones (the aborted-transactions list of a read_committed Fetch).
export default `
CREATE TABLE transactions (
  transactional_id     TEXT PRIMARY KEY,
  producer_id          INTEGER NOT NULL,
  producer_epoch       INTEGER NOT NULL,
  timeout_ms           INTEGER NOT NULL,
  -- Empty, Ongoing, PrepareCommit, PrepareAbort, CompleteCommit, CompleteAbort
  state                TEXT NOT NULL,
  -- JSON [[topic, partition], ...]: the partitions of the current transaction
  partitions           TEXT NOT NULL DEFAULT '[]',
  -- JSON [[topic, partition], ...]: partitions still waiting for their marker
  pending_markers      TEXT NOT NULL DEFAULT '[]',
  -- JSON [groupId, ...]: groups whose offsets the transaction commits
  groups               TEXT NOT NULL DEFAULT '[]',
  started_at           INTEGER NOT NULL DEFAULT -1,
  updated_at           INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE transaction_offsets (
  transactional_id TEXT NOT NULL,
  group_id         TEXT NOT NULL,
  topic            TEXT NOT NULL,
  partition        INTEGER NOT NULL,
  committed_offset INTEGER NOT NULL,
  leader_epoch     INTEGER NOT NULL,
  metadata         TEXT NOT NULL,
  committed_at     INTEGER NOT NULL,
  PRIMARY KEY (transactional_id, group_id, topic, partition)
) WITHOUT ROWID;

CREATE INDEX transaction_offsets_group ON transaction_offsets (group_id);

-- marker_offset: where the commit or abort marker went; the row goes once the high watermark
-- passes it (until then the transaction still holds back the last stable offset).
CREATE TABLE partition_transactions (
  topic_id      INTEGER NOT NULL,
  partition     INTEGER NOT NULL,
  producer_id   INTEGER NOT NULL,
  first_offset  INTEGER NOT NULL,
  last_offset   INTEGER NOT NULL,
  marker_offset INTEGER,
  PRIMARY KEY (topic_id, partition, producer_id, first_offset),
  FOREIGN KEY (topic_id, partition) REFERENCES partitions (topic_id, partition) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE aborted_transactions (
  topic_id     INTEGER NOT NULL,
  partition    INTEGER NOT NULL,
  producer_id  INTEGER NOT NULL,
  first_offset INTEGER NOT NULL,
  last_offset  INTEGER NOT NULL,
  PRIMARY KEY (topic_id, partition, first_offset, producer_id),
  FOREIGN KEY (topic_id, partition) REFERENCES partitions (topic_id, partition) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX aborted_transactions_last ON aborted_transactions (topic_id, partition, last_offset);
`
