// Migration 18: the records of a group's own state (a consumer-protocol group's epoch, members
// and assignments) last written to __consumer_offsets, by key: what the next change is compared
// with, so that only changed records and tombstones of gone ones are written, also after a restart.
export default `
CREATE TABLE group_records (
  group_id     TEXT NOT NULL,
  record_key   BLOB NOT NULL,
  record_type  INTEGER NOT NULL,
  record_value BLOB NOT NULL,
  PRIMARY KEY (group_id, record_key)
) WITHOUT ROWID;
`
