// Migration 17: the state of share partitions (KIP-932), as Kafka's share coordinator keeps it:
// per share group and topic partition the share-partition start offset, the end of the in-flight
// window, and the in-flight records as runs of state and delivery count (JSON
// [[firstOffset, lastOffset, state, deliveryCount], ...]; acquired records are kept as available).
export default `
CREATE TABLE share_partitions (
  group_id      TEXT    NOT NULL,
  topic_id      INTEGER NOT NULL,
  partition     INTEGER NOT NULL,
  start_offset  INTEGER NOT NULL,
  end_offset    INTEGER NOT NULL,
  state_batches TEXT    NOT NULL,
  PRIMARY KEY (group_id, topic_id, partition),
  FOREIGN KEY (topic_id, partition) REFERENCES partitions (topic_id, partition) ON DELETE CASCADE
) WITHOUT ROWID;
`
