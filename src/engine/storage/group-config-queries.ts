// Named queries over group_configs (the configs of GROUP resources).
import type { Db } from './database'

export interface GroupConfigRow {
  group_id: string
  name: string
  value: string
}

export function groupConfigQueries(db: Db) {
  return {
    groupConfigsSelectAll: db.prepare<[], GroupConfigRow>('SELECT * FROM group_configs'),
    groupConfigsUpsert: db.prepare<[string, string, string]>(
      'INSERT INTO group_configs (group_id, name, value) VALUES (?, ?, ?) ' +
        'ON CONFLICT (group_id, name) DO UPDATE SET value = excluded.value'
    ),
    groupConfigsDelete: db.prepare<[string, string]>(
      'DELETE FROM group_configs WHERE group_id = ? AND name = ?'
    )
  }
}
