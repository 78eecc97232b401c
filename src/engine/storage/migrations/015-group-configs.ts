// Migration 15: the configs set on GROUP resources (KIP-848: consumer.session.timeout.ms ...),
// kept as Kafka keeps dynamic configs, apart from the group itself.
export default `
CREATE TABLE group_configs (
  group_id TEXT NOT NULL,
  name     TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (group_id, name)
) WITHOUT ROWID;
`
