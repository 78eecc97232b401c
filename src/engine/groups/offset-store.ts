// Committed offsets and persisted group metadata in SQLite: what survives a restart. Each change
// is also written out to __consumer_offsets (offsets-topic.ts) in the same SQLite transaction, so
// that the two never part, even in a crash.
import { afterTransaction, type Db } from '../storage/database'
import { groupQueries, type GroupQueries } from '../storage/group-queries'
import { groupMetadataKey, offsetCommitKey, offsetCommitValue } from './coordinator-records'
import type { CoordinatorRecordBytes, CoordinatorRecordSink } from '../cluster/internal-topic'
import { TOMBSTONE_ORDER, WRITE_ORDER, type GroupStateRecord } from './consumer-group-records'

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
  /**
   * The topic's id when the commit named it so (OffsetCommit v10), written in the commit's record
   * as Kafka 4.2 writes it; not kept in the database.
   */
  topicId?: string
}

export interface StoredGroup {
  groupId: string
  protocolType: string | null
  /** The generation, or the group epoch of a consumer-protocol group. */
  generationId: number
  stateTimestamp: number
  groupType: 'classic' | 'consumer' | 'share'
}

/** The OffsetCommit record of a committed offset, as Kafka's coordinator writes it. */
export function offsetCommitRecord(groupId: string, o: CommittedOffset): CoordinatorRecordBytes {
  return {
    key: offsetCommitKey(groupId, o.topic, o.partition),
    value: offsetCommitValue({
      offset: BigInt(o.committedOffset),
      leaderEpoch: o.leaderEpoch,
      metadata: o.metadata,
      commitTimestamp: BigInt(o.commitTimestamp),
      ...(o.expireTimestamp === undefined ? {} : { expireTimestamp: BigInt(o.expireTimestamp) }),
      ...(o.topicId === undefined ? {} : { topicId: o.topicId })
    })
  }
}

/** A group's records of its own state as last written, by key (hex). */
type StateRecords = Map<string, GroupStateRecord>

export class OffsetStore {
  readonly q: GroupQueries
  /** Groups' records of their own state as last written (group_records), read once per group. */
  private readonly stateRecords = new Map<string, StateRecords>()

  constructor(
    readonly db: Db,
    private readonly records?: CoordinatorRecordSink,
    private readonly now: () => number = Date.now
  ) {
    this.q = groupQueries(db)
  }

  /**
   * Runs `work` in one SQLite transaction (or inside the caller's) with the records it writes
   * out: they are announced once it commits, and the logs reloaded if it rolls back.
   */
  private transaction(
    work: (write: (groupId: string, r: CoordinatorRecordBytes[]) => void) => void
  ): void {
    const sink = this.records
    const now = this.now()
    if (sink && !this.db.inTransaction) sink.ensure()
    try {
      this.db.transaction(() => work((groupId, r) => sink?.write(groupId, r, now)))()
    } catch (err) {
      sink?.rolledBack()
      throw err
    }
    // Inside a caller's transaction, what becomes of the records is known when it ends.
    if (sink)
      afterTransaction(
        this.db,
        () => sink.committed(),
        () => sink.rolledBack()
      )
  }

  /** Writes the OffsetCommit records of every offset the group has committed. */
  writeOutOffsets(groupId: string): void {
    this.transaction((write) =>
      write(
        groupId,
        this.offsets(groupId).map((o) => offsetCommitRecord(groupId, o))
      )
    )
  }

  /** Writes a group's GroupMetadata record (a classic group's generation and members). */
  writeGroupMetadata(groupId: string, value: Buffer): void {
    this.transaction((write) => write(groupId, [{ key: groupMetadataKey(groupId), value }]))
  }

  /** The records of a group's own state last written (consumer-protocol groups'), by key. */
  private written(groupId: string): StateRecords {
    let written = this.stateRecords.get(groupId)
    if (!written) {
      written = new Map(
        this.q.recordsSelectGroup
          .all(groupId)
          .map((r) => [
            r.record_key.toString('hex'),
            { type: r.record_type, key: r.record_key, value: r.record_value }
          ])
      )
      this.stateRecords.set(groupId, written)
    }
    return written
  }

  /**
   * Writes every record of the group's own state as last recorded, in the order Kafka writes
   * them (to a topic made after they were recorded).
   */
  writeOutStateRecords(groupId: string): void {
    const records = [...this.written(groupId).values()].sort(
      (a, b) => WRITE_ORDER.indexOf(a.type) - WRITE_ORDER.indexOf(b.type)
    )
    this.transaction((write) =>
      write(
        groupId,
        records.map((r) => ({ key: r.key, value: r.value }))
      )
    )
  }

  /**
   * Writes what changed between the group's records last written and `state` (its whole state
   * now, in the order Kafka writes it): `before` first (a GroupMetadata tombstone when a classic
   * group becomes a consumer group), then tombstones of the records no longer in `state` (in
   * TOMBSTONE_ORDER), then the new and changed records; nothing when nothing changed. Inside the
   * caller's SQLite transaction if there is one.
   */
  syncStateRecords(
    groupId: string,
    state: readonly GroupStateRecord[],
    before: readonly CoordinatorRecordBytes[] = [],
    /**
     * The keys (hex) `state` stands for, when it is part of the group's records: only those
     * written records may go; the others are left as they are. All of them when absent.
     */
    scope?: ReadonlySet<string>
  ): void {
    const diff = this.stateDiff(groupId, state, scope)
    if (before.length === 0 && diff.gone.length === 0 && diff.changed.length === 0) return
    this.transaction((write) => this.writeStateDiff(write, groupId, diff, before))
  }

  private stateDiff(
    groupId: string,
    state: readonly GroupStateRecord[],
    scope?: ReadonlySet<string>
  ) {
    const written = this.written(groupId)
    const wanted = new Map(state.map((r) => [r.key.toString('hex'), r]))
    const candidates: [string, GroupStateRecord][] = scope
      ? [...scope].flatMap((k) => {
          const r = written.get(k)
          return r ? [[k, r] as [string, GroupStateRecord]] : []
        })
      : [...written]
    const gone = candidates
      .filter(([k]) => !wanted.has(k))
      .sort(([, a], [, b]) => TOMBSTONE_ORDER.indexOf(a.type) - TOMBSTONE_ORDER.indexOf(b.type))
    const changed = [...wanted].filter(([k, r]) => !written.get(k)?.value.equals(r.value))
    return { written, gone, changed }
  }

  private writeStateDiff(
    write: (groupId: string, r: CoordinatorRecordBytes[]) => void,
    groupId: string,
    { written, gone, changed }: ReturnType<OffsetStore['stateDiff']>,
    before: readonly CoordinatorRecordBytes[]
  ): void {
    write(groupId, [
      ...before,
      ...gone.map(([, r]) => ({ key: r.key, value: null })),
      ...changed.map(([, r]) => ({ key: r.key, value: r.value }))
    ])
    for (const [k, r] of gone) {
      this.q.recordDelete.run(groupId, r.key)
      written.delete(k)
    }
    for (const [k, r] of changed) {
      this.q.recordUpsert.run(groupId, r.key, r.type, r.value)
      written.set(k, r)
    }
    // Rolled back: read the rows again next time.
    afterTransaction(
      this.db,
      () => {},
      () => this.stateRecords.delete(groupId)
    )
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

  /**
   * Saves a group's row; with `records`, in one SQLite transaction with what changed in its
   * state records (see syncStateRecords).
   */
  saveGroup(
    g: StoredGroup,
    records?: { state: readonly GroupStateRecord[]; before: readonly CoordinatorRecordBytes[] }
  ): void {
    const upsert = () =>
      this.q.groupUpsert.run(
        g.groupId,
        g.protocolType,
        g.generationId,
        g.stateTimestamp,
        g.groupType
      )
    if (!records) {
      upsert()
      return
    }
    const diff = this.stateDiff(g.groupId, records.state)
    this.transaction((write) => {
      upsert()
      this.writeStateDiff(write, g.groupId, diff, records.before)
    })
  }

  /**
   * Removes a group's metadata, committed offsets and lag history; tombstones go out for each
   * offset, for a classic group its GroupMetadata, for a consumer-protocol group each record of
   * its state.
   */
  deleteGroup(
    groupId: string,
    /** Keys Kafka tombstones in a group's deletion whether it wrote them or not. */
    alwaysTombstoned: readonly { type: number; key: Buffer }[] = []
  ): void {
    this.transaction((write) => {
      const type = this.q.groupTypeSelect.get(groupId)?.group_type
      const tombstones: CoordinatorRecordBytes[] = this.offsets(groupId).map((o) => ({
        key: offsetCommitKey(groupId, o.topic, o.partition),
        value: null
      }))
      if (type === undefined || type === 'classic')
        tombstones.push({ key: groupMetadataKey(groupId), value: null })
      // A consumer-protocol group's records, in the order Kafka deletes them.
      const written = this.written(groupId)
      const always = alwaysTombstoned.filter((r) => !written.has(r.key.toString('hex')))
      const state = [...written.values(), ...always].sort(
        (a, b) => TOMBSTONE_ORDER.indexOf(a.type) - TOMBSTONE_ORDER.indexOf(b.type)
      )
      for (const r of state) tombstones.push({ key: r.key, value: null })
      write(groupId, tombstones)
      this.q.recordsDeleteGroup.run(groupId)
      this.stateRecords.delete(groupId)
      afterTransaction(
        this.db,
        () => {},
        () => this.stateRecords.delete(groupId)
      )
      this.q.offsetsDeleteGroup.run(groupId)
      this.q.lagDeleteGroup.run(groupId)
      this.q.groupDelete.run(groupId)
    })
  }

  /** Removes the group's committed offsets (and lag history) of these partitions: tombstones. */
  deleteOffsets(groupId: string, partitions: { topic: string; partition: number }[]): void {
    this.transaction((write) => {
      const stored = partitions.filter((p) => this.offset(groupId, p.topic, p.partition))
      write(
        groupId,
        stored.map((p) => ({ key: offsetCommitKey(groupId, p.topic, p.partition), value: null }))
      )
      for (const p of partitions) {
        this.q.offsetsDeletePartition.run(groupId, p.topic, p.partition)
        this.q.lagDeletePartition.run(groupId, p.topic, p.partition)
      }
    })
  }

  hasOffsets(groupId: string): boolean {
    return this.q.offsetsExist.get(groupId) !== undefined
  }

  /** Writes the offsets and their OffsetCommit records in one transaction (or inside the caller's). */
  commit(groupId: string, offsets: CommittedOffset[]): void {
    this.transaction((write) => {
      write(
        groupId,
        offsets.map((o) => offsetCommitRecord(groupId, o))
      )
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
    })
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
