// Named queries over replica_state.
import type { Db } from './database'

export interface ReplicaRow {
  topic_id: number
  partition: number
  broker_id: number
  log_end_offset: number
}

export function replicaQueries(db: Db) {
  return {
    replicasSelectAll: db.prepare<[], ReplicaRow>('SELECT * FROM replica_state'),
    replicasUpsert: db.prepare<[number, number, number, number]>(
      'INSERT INTO replica_state (topic_id, partition, broker_id, log_end_offset) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (topic_id, partition, broker_id) DO UPDATE SET log_end_offset = excluded.log_end_offset'
    ),
    replicasDelete: db.prepare<[number, number, number]>(
      'DELETE FROM replica_state WHERE topic_id = ? AND partition = ? AND broker_id = ?'
    )
  }
}
