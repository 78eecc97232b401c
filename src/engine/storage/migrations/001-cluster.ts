// Migration 1: cluster identity, simulated brokers, topics, their configs and partitions.
export default `
CREATE TABLE cluster_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE brokers (
  broker_id INTEGER PRIMARY KEY,
  stopped   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE topics (
  topic_id   INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  uuid       TEXT NOT NULL UNIQUE,
  internal   INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE topic_configs (
  topic_id INTEGER NOT NULL REFERENCES topics(topic_id) ON DELETE CASCADE,
  name     TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (topic_id, name)
);

CREATE TABLE partitions (
  topic_id         INTEGER NOT NULL REFERENCES topics(topic_id) ON DELETE CASCADE,
  partition        INTEGER NOT NULL,
  replicas         TEXT NOT NULL,
  isr              TEXT NOT NULL,
  leader           INTEGER NOT NULL,
  leader_epoch     INTEGER NOT NULL DEFAULT 0,
  log_start_offset INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (topic_id, partition)
);
`
