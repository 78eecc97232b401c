// Migration 3: consumer groups, their committed offsets and sampled lag history.
export default `
CREATE TABLE consumer_groups (
  group_id        TEXT PRIMARY KEY,
  protocol_type   TEXT,
  generation_id   INTEGER NOT NULL DEFAULT 0,
  state_timestamp INTEGER NOT NULL
);

CREATE TABLE group_offsets (
  group_id         TEXT NOT NULL,
  topic            TEXT NOT NULL,
  partition        INTEGER NOT NULL,
  committed_offset INTEGER NOT NULL,
  leader_epoch     INTEGER NOT NULL DEFAULT -1,
  metadata         TEXT NOT NULL DEFAULT '',
  commit_timestamp INTEGER NOT NULL,
  PRIMARY KEY (group_id, topic, partition)
) WITHOUT ROWID;

CREATE INDEX group_offsets_topic ON group_offsets (topic);

CREATE TABLE group_lag_samples (
  group_id   TEXT NOT NULL,
  topic      TEXT NOT NULL,
  partition  INTEGER NOT NULL,
  sampled_at INTEGER NOT NULL,
  lag        INTEGER NOT NULL,
  PRIMARY KEY (group_id, topic, partition, sampled_at)
) WITHOUT ROWID;

CREATE INDEX group_lag_samples_time ON group_lag_samples (sampled_at);

-- Offsets and lag of a deleted topic go with it, as in Kafka.
CREATE TRIGGER group_offsets_topic_deleted AFTER DELETE ON topics
BEGIN
  DELETE FROM group_offsets WHERE topic = OLD.name;
  DELETE FROM group_lag_samples WHERE topic = OLD.name;
END;
`
