// History of an external cluster that Kafka does not keep: end offsets per partition and lag
// per group partition, as the collector polled them, in the console database. Produce rates,
// lag charts and consumption trends are computed from it.
import { lagHistoryOf } from '../../groups/lag-sampler'
import type { RateSeries } from '../../../shared/api/metrics'
import type { ConsoleDb } from '../connections/database'

export interface PartitionSample {
  topic: string
  partition: number
  logStartOffset: number
  highWatermark: number
  /** Bytes of the leader's copy, null where the cluster did not say. */
  sizeBytes: number | null
}

export interface LagSample {
  groupId: string
  topic: string
  partition: number
  committedOffset: number
  lag: number
}

/** Samples older than this are pruned. */
export const HISTORY_WINDOW_MS = 24 * 3_600_000
/** Produce rates are measured over this much of the newest history. */
const RATE_WINDOW_MS = 60_000

interface OffsetRow {
  topic: string
  partition: number
  sampled_at: number
  log_start_offset: number
  high_watermark: number
  size_bytes: number | null
}

export interface PartitionRate {
  recordsPerSec: number
  /** null unless both samples carry a size. */
  bytesPerSec: number | null
}

/**
 * Records and bytes per second written between two samples of a partition. Bytes that retention
 * deleted meanwhile (the log start moved) are counted back at the average record size, so that
 * deletions do not read as a drop in writes.
 */
function rateBetween(a: OffsetRow, b: OffsetRow): PartitionRate {
  const seconds = (b.sampled_at - a.sampled_at) / 1000
  const recordsPerSec = Math.max(0, (b.high_watermark - a.high_watermark) / seconds)
  if (a.size_bytes === null || b.size_bytes === null) return { recordsPerSec, bytesPerSec: null }
  const held = a.high_watermark - a.log_start_offset
  const deleted = Math.max(0, b.log_start_offset - a.log_start_offset)
  const deletedBytes = held > 0 ? Math.min(a.size_bytes, (deleted * a.size_bytes) / held) : 0
  const written = b.size_bytes - a.size_bytes + deletedBytes
  return { recordsPerSec, bytesPerSec: Math.max(0, written / seconds) }
}

export class OffsetHistory {
  private readonly q
  private rates: { at: number; byPartition: Map<string, PartitionRate> } | null = null

  constructor(
    db: ConsoleDb,
    private readonly connectionId: string
  ) {
    this.q = {
      insertOffsets: db.prepare(
        `INSERT OR REPLACE INTO partition_offsets (connection_id, topic, partition, sampled_at, log_start_offset, high_watermark, size_bytes)
         VALUES (?, ?, ?, ?, ?, ?, ?)`
      ),
      insertLag: db.prepare(
        `INSERT OR REPLACE INTO group_lag (connection_id, group_id, topic, partition, sampled_at, committed_offset, lag)
         VALUES (?, ?, ?, ?, ?, ?, ?)`
      ),
      pruneOffsets: db.prepare(
        'DELETE FROM partition_offsets WHERE connection_id = ? AND sampled_at < ?'
      ),
      pruneLag: db.prepare('DELETE FROM group_lag WHERE connection_id = ? AND sampled_at < ?'),
      offsetsSince: db.prepare<[string, number], OffsetRow>(
        `SELECT topic, partition, sampled_at, log_start_offset, high_watermark, size_bytes FROM partition_offsets
         WHERE connection_id = ? AND sampled_at >= ? ORDER BY sampled_at`
      ),
      lagOf: db.prepare<
        [string, string, number],
        { topic: string; partition: number; sampled_at: number; lag: number }
      >(
        `SELECT topic, partition, sampled_at, lag FROM group_lag
         WHERE connection_id = ? AND group_id = ? AND sampled_at >= ? ORDER BY sampled_at`
      ),
      lastSample: db.prepare<[string], { at: number | null }>(
        'SELECT MAX(sampled_at) AS at FROM partition_offsets WHERE connection_id = ?'
      )
    }
    this.db = db
  }

  private readonly db: ConsoleDb

  record(now: number, partitions: PartitionSample[], lags: LagSample[]): void {
    const id = this.connectionId
    this.db.transaction(() => {
      for (const p of partitions)
        this.q.insertOffsets.run(
          id,
          p.topic,
          p.partition,
          now,
          p.logStartOffset,
          p.highWatermark,
          p.sizeBytes
        )
      for (const l of lags)
        this.q.insertLag.run(id, l.groupId, l.topic, l.partition, now, l.committedOffset, l.lag)
      this.q.pruneOffsets.run(id, now - HISTORY_WINDOW_MS)
      this.q.pruneLag.run(id, now - HISTORY_WINDOW_MS)
    })()
    this.rates = null
  }

  /** When the collector last polled this cluster, or null. */
  lastSampleAt(): number | null {
    return this.q.lastSample.get(this.connectionId)?.at ?? null
  }

  /** Records and bytes per second written to a partition over the last minute of samples. */
  rate(topic: string, partition: number): PartitionRate {
    const now = Date.now()
    if (!this.rates || now - this.rates.at > 1000) {
      const first = new Map<string, OffsetRow>()
      const last = new Map<string, OffsetRow>()
      for (const r of this.q.offsetsSince.all(this.connectionId, now - RATE_WINDOW_MS)) {
        const k = `${r.partition}:${r.topic}`
        if (!first.has(k)) first.set(k, r)
        last.set(k, r)
      }
      const byPartition = new Map<string, PartitionRate>()
      for (const [k, a] of first) {
        const b = last.get(k)!
        if (b.sampled_at > a.sampled_at) byPartition.set(k, rateBetween(a, b))
      }
      this.rates = { at: now, byPartition }
    }
    // Without two samples nothing is known of bytes; of records, nothing written is assumed.
    return (
      this.rates.byPartition.get(`${partition}:${topic}`) ?? { recordsPerSec: 0, bytesPerSec: null }
    )
  }

  lagHistory(groupId: string, windowMs = HISTORY_WINDOW_MS) {
    return lagHistoryOf(
      groupId,
      this.q.lagOf.all(this.connectionId, groupId, Date.now() - windowMs)
    )
  }

  /** Records/s between consecutive samples, for the cluster, a topic or its partitions. */
  produceRate(opts: { topic?: string; perPartition?: boolean; windowMs?: number }): RateSeries[] {
    const rows = this.q.offsetsSince.all(this.connectionId, Date.now() - (opts.windowMs ?? 600_000))
    const byName = new Map<
      string,
      { partition?: number; points: Map<number, { records: number; bytes: number }> }
    >()
    const prev = new Map<string, OffsetRow>()
    for (const r of rows) {
      if (opts.topic !== undefined && r.topic !== opts.topic) continue
      const k = `${r.partition}:${r.topic}`
      const before = prev.get(k)
      prev.set(k, r)
      if (!before || r.sampled_at <= before.sampled_at) continue
      const rate = rateBetween(before, r)
      const name =
        opts.topic === undefined ? '*' : opts.perPartition ? `${r.topic}-${r.partition}` : r.topic
      let s = byName.get(name)
      if (!s)
        byName.set(
          name,
          (s = { partition: opts.perPartition ? r.partition : undefined, points: new Map() })
        )
      const point = s.points.get(r.sampled_at) ?? { records: 0, bytes: 0 }
      point.records += rate.recordsPerSec
      point.bytes += rate.bytesPerSec ?? 0
      s.points.set(r.sampled_at, point)
    }
    return [...byName].map(([name, s]) => ({
      name,
      ...(s.partition === undefined ? {} : { partition: s.partition }),
      points: [...s.points]
        .sort((a, b) => a[0] - b[0])
        .map(([timestamp, p]) => ({ timestamp, recordsPerSec: p.records, bytesPerSec: p.bytes }))
    }))
  }
}
