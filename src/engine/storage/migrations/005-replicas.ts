// Migration 5: log end offsets of follower replicas that are behind their leader. A replica
// without a row is in step with the log end.
export default `
CREATE TABLE replica_state (
  topic_id  INTEGER NOT NULL,
  partition INTEGER NOT NULL,
  broker_id INTEGER NOT NULL,
  log_end_offset INTEGER NOT NULL,
  PRIMARY KEY (topic_id, partition, broker_id),
  FOREIGN KEY (topic_id, partition) REFERENCES partitions (topic_id, partition) ON DELETE CASCADE
) WITHOUT ROWID;
`
