// Migration 10: partition reassignments in flight (the replicas being added and removed; the
// partition's replicas column holds the union while one runs), and the new replicas' set.
export default `
CREATE TABLE partition_reassignments (
  topic_id  INTEGER NOT NULL,
  partition INTEGER NOT NULL,
  adding    TEXT NOT NULL,
  removing  TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  PRIMARY KEY (topic_id, partition),
  FOREIGN KEY (topic_id, partition) REFERENCES partitions (topic_id, partition) ON DELETE CASCADE
) WITHOUT ROWID;
`
