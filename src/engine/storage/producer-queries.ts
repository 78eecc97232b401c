// Named queries over producer_ids and producer_state.
import type { Db } from './database'

export interface ProducerStateRow {
  producer_epoch: number
  batches: string
  last_append_at: number
}

export function producerQueries(db: Db) {
  return {
    producerIdInsert: db.prepare<[number, string | null, number]>(
      'INSERT INTO producer_ids (producer_epoch, transactional_id, created_at) VALUES (?, ?, ?)'
    ),
    stateSelect: db.prepare<[number, string, number], ProducerStateRow>(
      'SELECT producer_epoch, batches, last_append_at FROM producer_state ' +
        'WHERE producer_id = ? AND topic = ? AND partition = ?'
    ),
    statePartition: db.prepare<[string, number], ProducerStateRow & { producer_id: number }>(
      'SELECT producer_id, producer_epoch, batches, last_append_at FROM producer_state ' +
        'WHERE topic = ? AND partition = ? ORDER BY producer_id'
    ),
    stateUpsert: db.prepare<[number, string, number, number, string, number]>(
      'INSERT INTO producer_state (producer_id, topic, partition, producer_epoch, batches, ' +
        'last_append_at) VALUES (?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT (producer_id, topic, partition) DO UPDATE SET ' +
        'producer_epoch = excluded.producer_epoch, batches = excluded.batches, ' +
        'last_append_at = excluded.last_append_at'
    ),
    stateExpire: db.prepare<[number]>('DELETE FROM producer_state WHERE last_append_at < ?'),
    stateDeletePartition: db.prepare<[string, number]>(
      'DELETE FROM producer_state WHERE topic = ? AND partition = ?'
    )
  }
}

export type ProducerQueries = ReturnType<typeof producerQueries>
