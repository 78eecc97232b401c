// The share partitions of every share group (Kafka's SharePartitionManager and, for persistence,
// its share coordinator): created on a group's first fetch of a partition at the offset
// share.auto.offset.reset names, kept in SQLite on every change so that acknowledged records are
// never delivered again after a restart, and their acquisition locks expired on a timer (records
// then AVAILABLE again wake the fetches waiting on the partition).
import type { Db } from '../storage/database'
import { sharePartitionQueries } from '../storage/share-partition-queries'
import {
  acquireFromLog,
  type AcquireLog,
  type AcquireRequest,
  type Acquisition
} from './share-acquire'
import { shareGroupConfig, type ShareConfigSource, type ShareGroupConfig } from './share-configs'
import { SharePartition, type AcknowledgeProblem, type StateBatch } from './share-partition'
import { AcknowledgeType, type AcknowledgementBatch, type RecordState } from './record-states'
import { ShareSessionCache } from './share-sessions'

/** The part of a partition's log share partitions read. */
export interface ShareLog extends AcquireLog {
  readonly highWatermark: number
  offsetForTimestamp(ts: number): { offset: number } | null
}

/** A topic partition as share partitions know it: the topic's internal id and the partition. */
export interface ShareTopicPartition {
  topicId: number
  partition: number
}

export interface SharePartitionsDeps {
  db: Db
  configs: ShareConfigSource
  /** Records became available again in a partition: wakes the fetches waiting on it. */
  available: (tp: ShareTopicPartition) => void
  now?: () => number
}

/** What a fetch asks of one share partition (the member, time and limits are added here). */
export type ShareAcquireRequest = Omit<AcquireRequest, 'memberId' | 'now' | 'limits'>

const key = (groupId: string, tp: ShareTopicPartition): string =>
  `${groupId}\u0000${tp.topicId}\u0000${tp.partition}`

interface Entry extends ShareTopicPartition {
  groupId: string
  sp: SharePartition
}

export class SharePartitions {
  private readonly q
  private readonly entries = new Map<string, Entry>()
  private readonly now: () => number
  private timer: NodeJS.Timeout | null = null
  private timerAt = Infinity
  private closed = false
  private readonly sessions = new Map<number, ShareSessionCache>()

  constructor(private readonly deps: SharePartitionsDeps) {
    this.q = sharePartitionQueries(deps.db)
    this.now = deps.now ?? Date.now
    for (const r of this.q.sharePartitionsSelectAll.all()) {
      const stateBatches = (JSON.parse(r.state_batches) as number[][]).map(
        ([firstOffset, lastOffset, state, deliveryCount]): StateBatch => ({
          firstOffset,
          lastOffset,
          state: state as RecordState,
          deliveryCount
        })
      )
      this.entries.set(key(r.group_id, { topicId: r.topic_id, partition: r.partition }), {
        groupId: r.group_id,
        topicId: r.topic_id,
        partition: r.partition,
        sp: new SharePartition({
          startOffset: r.start_offset,
          endOffset: r.end_offset,
          stateBatches
        })
      })
    }
  }

  /** A broker's share sessions. */
  sessionsOn(brokerId: number): ShareSessionCache {
    let cache = this.sessions.get(brokerId)
    if (!cache) {
      const max = Number(this.deps.configs.brokerConfig('group.share.max.share.sessions'))
      this.sessions.set(brokerId, (cache = new ShareSessionCache(max)))
    }
    return cache
  }

  /** The configs the group's share partitions follow now. */
  configOf(groupId: string): ShareGroupConfig {
    return shareGroupConfig(this.deps.configs, groupId)
  }

  /** The share partition, if the group has fetched it (or set its start offset). */
  get(groupId: string, tp: ShareTopicPartition): SharePartition | undefined {
    return this.entries.get(key(groupId, tp))?.sp
  }

  /** The share-partition start offset of a partition the group has state for, else null. */
  startOffset(groupId: string, tp: ShareTopicPartition): number | null {
    return this.entries.get(key(groupId, tp))?.sp.startOffset ?? null
  }

  /**
   * The share-partition lag (KIP-1226) of a partition the group has state for against its log's
   * high watermark, else null.
   */
  lag(groupId: string, tp: ShareTopicPartition, log: ShareLog): number | null {
    return this.entries.get(key(groupId, tp))?.sp.lag(log.highWatermark, log.logStartOffset) ?? null
  }

  /** The partitions the group has state for. */
  partitionsOf(groupId: string): ShareTopicPartition[] {
    const out: ShareTopicPartition[] = []
    for (const e of this.entries.values())
      if (e.groupId === groupId) out.push({ topicId: e.topicId, partition: e.partition })
    return out
  }

  /** Acquires records of one partition for a member (creating the share partition if new). */
  acquire(
    groupId: string,
    memberId: string,
    tp: ShareTopicPartition,
    log: ShareLog,
    req: ShareAcquireRequest
  ): Acquisition {
    const config = this.configOf(groupId)
    const entry = this.entryFor(groupId, tp, log, config)
    const now = this.now()
    entry.sp.expireLocks(now, config.limits)
    const before = entry.sp.endOffset
    const got = acquireFromLog(entry.sp, log, { ...req, memberId, now, limits: config.limits })
    if (got.acquired.length > 0 || entry.sp.endOffset !== before) this.save(entry)
    if (got.acquired.length > 0) this.schedule()
    return got
  }

  /**
   * Applies a member's acknowledgements of one partition (RENEW among them when `renew`); the
   * problem if refused.
   */
  acknowledge(
    groupId: string,
    memberId: string,
    tp: ShareTopicPartition,
    batches: readonly AcknowledgementBatch[],
    renew = false
  ): AcknowledgeProblem | null {
    const entry = this.entries.get(key(groupId, tp))
    if (!entry)
      return batches.length === 0
        ? null
        : { error: 'INVALID_RECORD_STATE', message: `No records acquired by member ${memberId}` }
    const config = this.configOf(groupId)
    if (renew && !config.renewEnabled) {
      const renewed = batches.find((b) => b.acknowledgeTypes.includes(AcknowledgeType.RENEW))
      if (renewed)
        return {
          error: 'INVALID_RECORD_STATE',
          message:
            `Renew acknowledgements are disabled for group ${groupId} ` +
            `(share.renew.acknowledge.enable=false): offsets ${renewed.firstOffset}-${renewed.lastOffset}`
        }
    }
    const problem = entry.sp.acknowledge(memberId, batches, config.limits, {
      renew,
      now: this.now()
    })
    if (problem) return problem
    this.save(entry)
    this.deps.available(entry)
    return null
  }

  /**
   * A member's share session closed or the member left the group: the records it holds in the
   * given partitions (all of the group's when none are given) are available again.
   */
  releaseMember(groupId: string, memberId: string, only?: readonly ShareTopicPartition[]): number {
    const limits = this.configOf(groupId).limits
    const keys = only ? new Set(only.map((tp) => key(groupId, tp))) : null
    let n = 0
    for (const [k, e] of this.entries) {
      if (e.groupId !== groupId || (keys && !keys.has(k))) continue
      const released = e.sp.releaseMember(memberId, limits)
      if (released === 0) continue
      n += released
      this.save(e)
      this.deps.available(e)
    }
    return n
  }

  /** The member left its share group: its sessions end and its acquired records go to others. */
  memberLeft(groupId: string, memberId: string): void {
    for (const cache of this.sessions.values()) cache.close(groupId, memberId)
    this.releaseMember(groupId, memberId)
  }

  /**
   * A client connection closed: the share sessions it opened end, and the records each session's
   * member holds in the session's partitions (`resolve` gives their topics) are available again,
   * as Kafka's broker releases them when a share consumer's connection drops.
   */
  connectionClosed(
    connectionId: string,
    resolve: (topicUuid: string) => number | undefined
  ): number {
    let n = 0
    for (const cache of this.sessions.values())
      for (const s of cache.closeConnection(connectionId)) {
        const only: ShareTopicPartition[] = []
        for (const p of s.partitions.values()) {
          const topicId = resolve(p.topicId)
          if (topicId !== undefined) only.push({ topicId, partition: p.partition })
        }
        n += this.releaseMember(s.groupId, s.memberId, only)
      }
    return n
  }

  /** The share group was deleted: its sessions end and its share partitions are forgotten. */
  deleteGroupState(groupId: string): void {
    for (const cache of this.sessions.values()) cache.closeGroup(groupId)
    for (const [k, e] of this.entries) if (e.groupId === groupId) this.entries.delete(k)
    this.q.sharePartitionsDeleteGroup.run(groupId)
  }

  /** Forgets the state of some of a group's partitions (DeleteShareGroupOffsets). */
  deletePartitions(groupId: string, tps: readonly ShareTopicPartition[]): void {
    for (const tp of tps) {
      this.entries.delete(key(groupId, tp))
      this.q.sharePartitionsDelete.run(groupId, tp.topicId, tp.partition)
    }
  }

  /** A topic was deleted: every group's share partitions of it go (its id may be used again). */
  forgetTopic(topicId: number): void {
    for (const [k, e] of this.entries) if (e.topicId === topicId) this.entries.delete(k)
    this.q.sharePartitionsDeleteTopic.run(topicId)
  }

  /** Sets a partition's start offset, dropping its in-flight state (AlterShareGroupOffsets). */
  resetTo(groupId: string, tp: ShareTopicPartition, offset: number): void {
    const k = key(groupId, tp)
    const sp = new SharePartition({ startOffset: offset, endOffset: offset, stateBatches: [] })
    const entry = { groupId, ...tp, sp }
    this.entries.set(k, entry)
    this.save(entry)
  }

  /** Stops the lock expiry for good: a request still finishing at shutdown arms no timer. */
  close(): void {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private entryFor(
    groupId: string,
    tp: ShareTopicPartition,
    log: ShareLog,
    config: ShareGroupConfig
  ): Entry {
    const k = key(groupId, tp)
    const known = this.entries.get(k)
    if (known) return known
    const start = initialOffset(log, config, this.now())
    const entry: Entry = {
      groupId,
      ...tp,
      sp: new SharePartition({ startOffset: start, endOffset: start, stateBatches: [] })
    }
    this.entries.set(k, entry)
    this.save(entry)
    return entry
  }

  private save(e: Entry): void {
    const s = e.sp.snapshot()
    this.q.sharePartitionsUpsert.run(
      e.groupId,
      e.topicId,
      e.partition,
      s.startOffset,
      s.endOffset,
      JSON.stringify(
        s.stateBatches.map((b) => [b.firstOffset, b.lastOffset, b.state, b.deliveryCount])
      )
    )
  }

  /** Runs the lock expiry at the earliest lock's end. */
  private schedule(): void {
    if (this.closed) return
    let next = Infinity
    for (const e of this.entries.values()) next = Math.min(next, e.sp.nextLockExpiry() ?? Infinity)
    if (next === Infinity || next >= this.timerAt) return
    if (this.timer) clearTimeout(this.timer)
    this.timerAt = next
    this.timer = setTimeout(() => this.expire(), Math.max(0, next - this.now()))
    this.timer.unref()
  }

  private expire(): void {
    this.timer = null
    this.timerAt = Infinity
    const now = this.now()
    for (const e of this.entries.values()) {
      const next = e.sp.nextLockExpiry()
      if (next === null || next > now) continue
      if (e.sp.expireLocks(now, this.configOf(e.groupId).limits) === 0) continue
      this.save(e)
      this.deps.available(e)
    }
    this.schedule()
  }
}

/** Where a share partition starts: share.auto.offset.reset against the log. */
function initialOffset(log: ShareLog, config: ShareGroupConfig, now: number): number {
  const reset = config.autoOffsetReset
  if (reset.kind === 'earliest') return log.logStartOffset
  if (reset.kind === 'latest') return log.highWatermark
  const found = log.offsetForTimestamp(now - reset.durationMs)
  return found ? Math.min(found.offset, log.highWatermark) : log.highWatermark
}
