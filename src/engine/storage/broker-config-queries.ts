// Named queries over broker_configs (broker -1: the cluster-wide default).
import type { Db } from './database'

export interface BrokerConfigRow {
  broker_id: number
  name: string
  value: string
}

export function brokerConfigQueries(db: Db) {
  return {
    brokerConfigsSelectAll: db.prepare<[], BrokerConfigRow>('SELECT * FROM broker_configs'),
    brokerConfigsUpsert: db.prepare<[number, string, string]>(
      'INSERT INTO broker_configs (broker_id, name, value) VALUES (?, ?, ?) ' +
        'ON CONFLICT (broker_id, name) DO UPDATE SET value = excluded.value'
    ),
    brokerConfigsDelete: db.prepare<[number, string]>(
      'DELETE FROM broker_configs WHERE broker_id = ? AND name = ?'
    )
  }
}
