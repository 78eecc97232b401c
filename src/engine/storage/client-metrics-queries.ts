// Named queries over client_metrics_configs (the configs of CLIENT_METRICS resources).
import type { Db } from './database'

export interface ClientMetricsConfigRow {
  resource: string
  name: string
  value: string
}

export function clientMetricsQueries(db: Db) {
  return {
    clientMetricsSelectAll: db.prepare<[], ClientMetricsConfigRow>(
      'SELECT * FROM client_metrics_configs'
    ),
    clientMetricsUpsert: db.prepare<[string, string, string]>(
      'INSERT INTO client_metrics_configs (resource, name, value) VALUES (?, ?, ?) ' +
        'ON CONFLICT (resource, name) DO UPDATE SET value = excluded.value'
    ),
    clientMetricsDelete: db.prepare<[string, string]>(
      'DELETE FROM client_metrics_configs WHERE resource = ? AND name = ?'
    )
  }
}
