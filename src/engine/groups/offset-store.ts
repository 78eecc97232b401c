// Committed offsets and persisted group metadata in SQLite: what survives a restart.
import type { Db } from '../storage/database'
import { groupQueries, type GroupQueries } from '../storage/group-queries'

export interface CommittedOffset {
  topic: string
  partition: number
  committedOffset: number
  /** -1 when the consumer did not say. */
  leaderEpoch: number
  /** '' when none was committed. */
  metadata: string
  commitTimestamp: number
  /**
   * When the offset expires, for one committed with a retention time (OffsetCommit v2-4's
   * retention_time_ms); absent for the others, which expire under offsets.retention.minutes.
   */
  expireTimestamp?: number
}

export interface StoredGroup {
  groupId: string
  protocolType: string | null
  /** The generation, or the group epoch of a consumer-protocol group. */
  generationId: number
  stateTimestamp: number
  groupType: 'classic' | 'consumer' | 'share'
}

export class OffsetStore {
  readonly q: GroupQueries

  constructor(readonly db: Db) {
    this.q = groupQueries(db)
  }

  /** Groups to bring back after a restart: every group with committed offsets, and share groups. */
  loadGroups(): StoredGroup[] {
    const withOffsets = new Set(this.q.offsetsGroupIds.all().map((r) => r.group_id))
    const stored = new Map<string, StoredGroup>()
    for (const r of this.q.groupsSelectAll.all()) {
      // A share group has no committed offsets; it stays until deleted, as in Kafka.
      if (!withOffsets.has(r.group_id) && r.group_type !== 'share') {
        this.q.groupDelete.run(r.group_id)
        continue
      }
      stored.set(r.group_id, {
        groupId: r.group_id,
        protocolType: r.protocol_type,
        generationId: r.generation_id,
        stateTimestamp: r.state_timestamp,
        groupType: r.group_type
      })
    }
    for (const groupId of withOffsets)
      if (!stored.has(groupId))
        stored.set(groupId, {
          groupId,
          protocolType: null,
          generationId: 0,
          stateTimestamp: 0,
          groupType: 'classic'
        })
    return [...stored.values()]
  }

  saveGroup(g: StoredGroup): void {
    this.q.groupUpsert.run(g.groupId, g.protocolType, g.generationId, g.stateTimestamp, g.groupType)
  }

  /** Removes a group's metadata, committed offsets and lag history. */
  deleteGroup(groupId: string): void {
    this.db.transaction(() => {
      this.q.offsetsDeleteGroup.run(groupId)
      this.q.lagDeleteGroup.run(groupId)
      this.q.groupDelete.run(groupId)
    })()
  }

  /** Removes the group's committed offsets (and lag history) of these partitions. */
  deleteOffsets(groupId: string, partitions: { topic: string; partition: number }[]): void {
    this.db.transaction(() => {
      for (const p of partitions) {
        this.q.offsetsDeletePartition.run(groupId, p.topic, p.partition)
        this.q.lagDeletePartition.run(groupId, p.topic, p.partition)
      }
    })()
  }

  hasOffsets(groupId: string): boolean {
    return this.q.offsetsExist.get(groupId) !== undefined
  }

  /** Writes the offsets in one transaction (or inside the caller's). */
  commit(groupId: string, offsets: CommittedOffset[]): void {
    this.db.transaction(() => {
      for (const o of offsets)
        this.q.offsetsUpsert.run(
          groupId,
          o.topic,
          o.partition,
          o.committedOffset,
          o.leaderEpoch,
          o.metadata,
          o.commitTimestamp,
          o.expireTimestamp ?? null
        )
    })()
  }

  /** The group's committed offsets, by topic then partition. */
  offsets(groupId: string): CommittedOffset[] {
    return this.q.offsetsSelectGroup.all(groupId).map(fromRow)
  }

  offset(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    const row = this.q.offsetsSelectPartition.get(groupId, topic, partition)
    return row && fromRow(row)
  }

  /** Every group's committed offsets (for the lag sampler). */
  allOffsets(): (CommittedOffset & { groupId: string })[] {
    return this.q.offsetsSelectAll.all().map((r) => ({ groupId: r.group_id, ...fromRow(r) }))
  }
}

function fromRow(r: {
  topic: string
  partition: number
  committed_offset: number
  leader_epoch: number
  metadata: string
  commit_timestamp: number
  expire_timestamp: number | null
}): CommittedOffset {
  return {
    topic: r.topic,
    partition: r.partition,
    committedOffset: r.committed_offset,
    leaderEpoch: r.leader_epoch,
    metadata: r.metadata,
    commitTimestamp: r.commit_timestamp,
    ...(r.expire_timestamp === null ? {} : { expireTimestamp: r.expire_timestamp })
  }
}
