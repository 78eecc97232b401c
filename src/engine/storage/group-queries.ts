// Named queries over consumer_groups, group_offsets and group_lag_samples.
import type { Db } from './database'

export interface ConsumerGroupRow {
  group_id: string
  protocol_type: string | null
  generation_id: number
  state_timestamp: number
  group_type: 'classic' | 'consumer' | 'share'
}

export interface GroupOffsetRow {
  group_id: string
  topic: string
  partition: number
  committed_offset: number
  leader_epoch: number
  metadata: string
  commit_timestamp: number
  expire_timestamp: number | null
}

/** A record of a group's own state as last written to __consumer_offsets. */
export interface GroupRecordRow {
  record_key: Buffer
  record_type: number
  record_value: Buffer
}

export interface LagSampleRow {
  topic: string
  partition: number
  sampled_at: number
  lag: number
}

export function groupQueries(db: Db) {
  return {
    groupsSelectAll: db.prepare<[], ConsumerGroupRow>(
      'SELECT group_id, protocol_type, generation_id, state_timestamp, group_type ' +
        'FROM consumer_groups'
    ),
    groupTypeSelect: db.prepare<[string], { group_type: string }>(
      'SELECT group_type FROM consumer_groups WHERE group_id = ?'
    ),
    groupUpsert: db.prepare<[string, string | null, number, number, string]>(
      'INSERT INTO consumer_groups (group_id, protocol_type, generation_id, state_timestamp, ' +
        'group_type) VALUES (?, ?, ?, ?, ?) ON CONFLICT (group_id) DO UPDATE SET ' +
        'protocol_type = excluded.protocol_type, generation_id = excluded.generation_id, ' +
        'state_timestamp = excluded.state_timestamp, group_type = excluded.group_type'
    ),
    groupDelete: db.prepare<[string]>('DELETE FROM consumer_groups WHERE group_id = ?'),
    offsetsGroupIds: db.prepare<[], { group_id: string }>(
      'SELECT DISTINCT group_id FROM group_offsets'
    ),
    offsetsOfTopic: db.prepare<[string], { group_id: string; partition: number }>(
      'SELECT group_id, partition FROM group_offsets WHERE topic = ? ORDER BY group_id, partition'
    ),
    offsetsSelectAll: db.prepare<[], GroupOffsetRow>(
      'SELECT * FROM group_offsets ORDER BY group_id, topic, partition'
    ),
    offsetsSelectGroup: db.prepare<[string], GroupOffsetRow>(
      'SELECT * FROM group_offsets WHERE group_id = ? ORDER BY topic, partition'
    ),
    offsetsSelectPartition: db.prepare<[string, string, number], GroupOffsetRow>(
      'SELECT * FROM group_offsets WHERE group_id = ? AND topic = ? AND partition = ?'
    ),
    offsetsExist: db.prepare<[string], { one: number }>(
      'SELECT 1 AS one FROM group_offsets WHERE group_id = ? LIMIT 1'
    ),
    offsetsUpsert: db.prepare<
      [string, string, number, number, number, string, number, number | null]
    >(
      'INSERT INTO group_offsets (group_id, topic, partition, committed_offset, leader_epoch, ' +
        'metadata, commit_timestamp, expire_timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT (group_id, topic, partition) DO UPDATE SET ' +
        'committed_offset = excluded.committed_offset, leader_epoch = excluded.leader_epoch, ' +
        'metadata = excluded.metadata, commit_timestamp = excluded.commit_timestamp, ' +
        'expire_timestamp = excluded.expire_timestamp'
    ),
    offsetsDeleteGroup: db.prepare<[string]>('DELETE FROM group_offsets WHERE group_id = ?'),
    offsetsDeletePartition: db.prepare<[string, string, number]>(
      'DELETE FROM group_offsets WHERE group_id = ? AND topic = ? AND partition = ?'
    ),
    lagDeletePartition: db.prepare<[string, string, number]>(
      'DELETE FROM group_lag_samples WHERE group_id = ? AND topic = ? AND partition = ?'
    ),
    lagInsert: db.prepare<[string, string, number, number, number]>(
      'INSERT OR REPLACE INTO group_lag_samples (group_id, topic, partition, sampled_at, lag) ' +
        'VALUES (?, ?, ?, ?, ?)'
    ),
    lagPrune: db.prepare<[number]>('DELETE FROM group_lag_samples WHERE sampled_at < ?'),
    lagSelectGroup: db.prepare<[string, number], LagSampleRow>(
      'SELECT topic, partition, sampled_at, lag FROM group_lag_samples ' +
        'WHERE group_id = ? AND sampled_at >= ? ORDER BY topic, partition, sampled_at'
    ),
    lagDeleteGroup: db.prepare<[string]>('DELETE FROM group_lag_samples WHERE group_id = ?'),
    recordsGroupIds: db.prepare<[], { group_id: string }>(
      'SELECT DISTINCT group_id FROM group_records'
    ),
    recordsSelectGroup: db.prepare<[string], GroupRecordRow>(
      'SELECT record_key, record_type, record_value FROM group_records WHERE group_id = ?'
    ),
    recordUpsert: db.prepare<[string, Buffer, number, Buffer]>(
      'INSERT INTO group_records (group_id, record_key, record_type, record_value) ' +
        'VALUES (?, ?, ?, ?) ON CONFLICT (group_id, record_key) DO UPDATE SET ' +
        'record_type = excluded.record_type, record_value = excluded.record_value'
    ),
    recordDelete: db.prepare<[string, Buffer]>(
      'DELETE FROM group_records WHERE group_id = ? AND record_key = ?'
    ),
    recordsDeleteGroup: db.prepare<[string]>('DELETE FROM group_records WHERE group_id = ?')
  }
}

export type GroupQueries = ReturnType<typeof groupQueries>
