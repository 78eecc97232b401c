// Named queries over client_quotas.
import type { Db } from './database'

export interface ClientQuotaRow {
  entity: string
  key: string
  value: number
}

export function quotaQueries(db: Db) {
  return {
    quotasSelectAll: db.prepare<[], ClientQuotaRow>('SELECT * FROM client_quotas'),
    quotasUpsert: db.prepare<[string, string, number]>(
      'INSERT INTO client_quotas (entity, key, value) VALUES (?, ?, ?) ' +
        'ON CONFLICT (entity, key) DO UPDATE SET value = excluded.value'
    ),
    quotasDelete: db.prepare<[string, string]>(
      'DELETE FROM client_quotas WHERE entity = ? AND key = ?'
    )
  }
}
