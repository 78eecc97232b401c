// Migration 11: client quotas (Kafka's producer_byte_rate / consumer_byte_rate ...) per entity,
// the entity kept as its canonical JSON ({"client-id": ..., "user": ...}, null for a default).
export default `
CREATE TABLE client_quotas (
  entity TEXT NOT NULL,
  key    TEXT NOT NULL,
  value  REAL NOT NULL,
  PRIMARY KEY (entity, key)
) WITHOUT ROWID;
`
