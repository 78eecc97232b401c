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

export class OffsetHistory {
  private readonly q
  private rates: { at: number; byPartition: Map<string, number> } | null = null

  constructor(
    db: ConsoleDb,
    private readonly connectionId: string
  ) {
    this.q = {
      insertOffsets: db.prepare(
        `INSERT OR REPLACE INTO partition_offsets (connection_id, topic, partition, sampled_at, log_start_offset, high_watermark)
         VALUES (?, ?, ?, ?, ?, ?)`
      ),
      insertLag: db.prepare(
        `INSERT OR REPLACE INTO group_lag (connection_id, group_id, topic, partition, sampled_at, committed_offset, lag)
         VALUES (?, ?, ?, ?, ?, ?, ?)`
      ),
      pruneOffsets: db.prepare(
        'DELETE FROM partition_offsets WHERE connection_id = ? AND sampled_at < ?'
      ),
      pruneLag: db.prepare('DELETE FROM group_lag WHERE connection_id = ? AND sampled_at < ?'),
      offsetsSince: db.prepare<
        [string, number],
        { topic: string; partition: number; sampled_at: number; high_watermark: number }
      >(
        `SELECT topic, partition, sampled_at, high_watermark FROM partition_offsets
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
        this.q.insertOffsets.run(id, p.topic, p.partition, now, p.logStartOffset, p.highWatermark)
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

  /** Records/s written to a partition over the last minute of samples (0 without two). */
  rate(topic: string, partition: number): { recordsPerSec: number } {
    const now = Date.now()
    if (!this.rates || now - this.rates.at > 1000) {
      const first = new Map<string, [number, number]>()
      const last = new Map<string, [number, number]>()
      for (const r of this.q.offsetsSince.all(this.connectionId, now - RATE_WINDOW_MS)) {
        const k = `${r.partition}:${r.topic}`
        if (!first.has(k)) first.set(k, [r.sampled_at, r.high_watermark])
        last.set(k, [r.sampled_at, r.high_watermark])
      }
      const byPartition = new Map<string, number>()
      for (const [k, [t1, o1]] of first) {
        const [t2, o2] = last.get(k)!
        if (t2 > t1) byPartition.set(k, Math.max(0, ((o2 - o1) / (t2 - t1)) * 1000))
      }
      this.rates = { at: now, byPartition }
    }
    return { recordsPerSec: this.rates.byPartition.get(`${partition}:${topic}`) ?? 0 }
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
    const byName = new Map<string, { partition?: number; points: Map<number, number> }>()
    const prev = new Map<string, [number, number]>()
    for (const r of rows) {
      if (opts.topic !== undefined && r.topic !== opts.topic) continue
      const k = `${r.partition}:${r.topic}`
      const before = prev.get(k)
      prev.set(k, [r.sampled_at, r.high_watermark])
      if (!before || r.sampled_at <= before[0]) continue
      const perSec = Math.max(
        0,
        ((r.high_watermark - before[1]) / (r.sampled_at - before[0])) * 1000
      )
      const name =
        opts.topic === undefined ? '*' : opts.perPartition ? `${r.topic}-${r.partition}` : r.topic
      let s = byName.get(name)
      if (!s)
        byName.set(
          name,
          (s = { partition: opts.perPartition ? r.partition : undefined, points: new Map() })
        )
      s.points.set(r.sampled_at, (s.points.get(r.sampled_at) ?? 0) + perSec)
    }
    return [...byName].map(([name, s]) => ({
      name,
      ...(s.partition === undefined ? {} : { partition: s.partition }),
      points: [...s.points]
        .sort((a, b) => a[0] - b[0])
        .map(([timestamp, recordsPerSec]) => ({ timestamp, recordsPerSec, bytesPerSec: 0 }))
    }))
  }
}
