// Named queries over the topics, topic_configs and partitions tables.
import type { Db } from './database'

export interface TopicRow {
  topic_id: number
  name: string
  uuid: string
  internal: number
  created_at: number
}

export interface PartitionRow {
  topic_id: number
  partition: number
  replicas: string
  isr: string
  leader: number
  leader_epoch: number
  log_start_offset: number
}

export interface TopicConfigRow {
  topic_id: number
  name: string
  value: string
}

export function topicQueries(db: Db) {
  return {
    topicsSelectAll: db.prepare<[], TopicRow>('SELECT * FROM topics ORDER BY name'),
    topicsInsert: db.prepare<[string, string, number, number]>(
      'INSERT INTO topics (name, uuid, internal, created_at) VALUES (?, ?, ?, ?)'
    ),
    topicsDelete: db.prepare<[number]>('DELETE FROM topics WHERE topic_id = ?'),
    topicConfigsSelectAll: db.prepare<[], TopicConfigRow>('SELECT * FROM topic_configs'),
    topicConfigsUpsert: db.prepare<[number, string, string]>(
      'INSERT INTO topic_configs (topic_id, name, value) VALUES (?, ?, ?) ' +
        'ON CONFLICT (topic_id, name) DO UPDATE SET value = excluded.value'
    ),
    topicConfigsDelete: db.prepare<[number, string]>(
      'DELETE FROM topic_configs WHERE topic_id = ? AND name = ?'
    ),
    partitionsSelectAll: db.prepare<[], PartitionRow>(
      'SELECT * FROM partitions ORDER BY topic_id, partition'
    ),
    partitionsInsert: db.prepare<[number, number, string, string, number, number]>(
      'INSERT INTO partitions (topic_id, partition, replicas, isr, leader, leader_epoch) ' +
        'VALUES (?, ?, ?, ?, ?, ?)'
    ),
    partitionsUpdateLeadership: db.prepare<[string, number, number, number, number]>(
      'UPDATE partitions SET isr = ?, leader = ?, leader_epoch = ? ' +
        'WHERE topic_id = ? AND partition = ?'
    )
  }
}

export type TopicQueries = ReturnType<typeof topicQueries>
