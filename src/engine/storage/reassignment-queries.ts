// Named queries over partition_reassignments and the partitions' replica sets they change.
import type { Db } from './database'

export interface ReassignmentRow {
  topic_id: number
  partition: number
  adding: string
  removing: string
  started_at: number
}

export function reassignmentQueries(db: Db) {
  return {
    reassignmentsSelectAll: db.prepare<[], ReassignmentRow>(
      'SELECT * FROM partition_reassignments'
    ),
    reassignmentsUpsert: db.prepare<[number, number, string, string, number]>(
      'INSERT INTO partition_reassignments (topic_id, partition, adding, removing, started_at) ' +
        'VALUES (?, ?, ?, ?, ?) ON CONFLICT (topic_id, partition) DO UPDATE SET ' +
        'adding = excluded.adding, removing = excluded.removing, started_at = excluded.started_at'
    ),
    reassignmentsDelete: db.prepare<[number, number]>(
      'DELETE FROM partition_reassignments WHERE topic_id = ? AND partition = ?'
    ),
    partitionsUpdateReplicas: db.prepare<[string, string, number, number, number, number]>(
      'UPDATE partitions SET replicas = ?, isr = ?, leader = ?, leader_epoch = ? ' +
        'WHERE topic_id = ? AND partition = ?'
    )
  }
}
