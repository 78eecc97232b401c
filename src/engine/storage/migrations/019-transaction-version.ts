// Migration 19: what transaction version 2 (KIP-890) keeps of a transactional id, as Kafka's
// TransactionMetadata does: the transaction version of the client that ended its last
// transaction, the producer id before the last change, and the producer id handed out ahead when
// an epoch bump of EndTxn overflowed (-1: none). A cluster made before transaction version 2 was
// served keeps the level it ran at (0, unless it was changed), as an upgraded Kafka keeps its
// finalized levels; only a new cluster starts at 2.
export default `
INSERT OR IGNORE INTO cluster_meta (key, value)
  SELECT 'feature.transaction.version', '0' WHERE EXISTS (SELECT 1 FROM cluster_meta WHERE key = 'cluster.id');
ALTER TABLE transactions ADD COLUMN client_transaction_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE transactions ADD COLUMN previous_producer_id INTEGER NOT NULL DEFAULT -1;
ALTER TABLE transactions ADD COLUMN next_producer_id INTEGER NOT NULL DEFAULT -1;
`
