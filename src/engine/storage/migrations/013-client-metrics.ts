// Migration 13: the configs of CLIENT_METRICS resources (KIP-714 metrics subscriptions), as
// IncrementalAlterConfigs set them: one row per resource and config.
export default `
CREATE TABLE client_metrics_configs (
  resource TEXT NOT NULL,
  name     TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (resource, name)
) WITHOUT ROWID;
`
