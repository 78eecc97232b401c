// Migration 12: broker configs changed at run time (AlterConfigs on the BROKER resource), kept as
// Kafka keeps dynamic configs: per broker (its id) or as the cluster-wide default (broker -1).
export default `
CREATE TABLE broker_configs (
  broker_id INTEGER NOT NULL,
  name      TEXT NOT NULL,
  value     TEXT NOT NULL,
  PRIMARY KEY (broker_id, name)
) WITHOUT ROWID;
`
