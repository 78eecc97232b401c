// Named queries over share_partitions (the state of KIP-932 share partitions).
import type { Db } from './database'

export interface SharePartitionRow {
  group_id: string
  topic_id: number
  partition: number
  start_offset: number
  end_offset: number
  state_batches: string
}

export function sharePartitionQueries(db: Db) {
  return {
    sharePartitionsSelectAll: db.prepare<[], SharePartitionRow>('SELECT * FROM share_partitions'),
    sharePartitionsUpsert: db.prepare<[string, number, number, number, number, string]>(
      'INSERT INTO share_partitions ' +
        '(group_id, topic_id, partition, start_offset, end_offset, state_batches) ' +
        'VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (group_id, topic_id, partition) DO UPDATE SET ' +
        'start_offset = excluded.start_offset, end_offset = excluded.end_offset, ' +
        'state_batches = excluded.state_batches'
    ),
    sharePartitionsDelete: db.prepare<[string, number, number]>(
      'DELETE FROM share_partitions WHERE group_id = ? AND topic_id = ? AND partition = ?'
    ),
    sharePartitionsDeleteGroup: db.prepare<[string]>(
      'DELETE FROM share_partitions WHERE group_id = ?'
    ),
    sharePartitionsDeleteTopic: db.prepare<[number]>(
      'DELETE FROM share_partitions WHERE topic_id = ?'
    )
  }
}
