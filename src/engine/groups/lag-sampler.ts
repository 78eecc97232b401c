// Lag history: samples every group's lag into SQLite at a fixed interval, prunes samples older
// than the window, and answers groups.lagHistory (total and per-partition series).
import type { IsolationLevel, LagSeries } from '../../shared/api/groups'
import type { OffsetStore } from './offset-store'
import { systemScheduler, type Scheduler, type Timer } from './scheduler'
import { defaultLagSettings, type LagSettings } from './settings'
import type { PartitionSource } from './types'
import { partitionLag } from './views'

export interface LagHistory {
  groupId: string
  total: [number, number][]
  partitions: LagSeries[]
}

export interface LagSamplerOptions {
  store: OffsetStore
  partitions: Pick<PartitionSource, 'partitionOffsets'>
  /** How a group's consumers read: read_committed lag counts up to the last stable offset. */
  isolationOf?: (groupId: string) => IsolationLevel | null
  settings?: Partial<LagSettings>
  scheduler?: Scheduler
  onError?: (err: unknown) => void
}

export class LagSampler {
  readonly settings: LagSettings
  private readonly scheduler: Scheduler
  private timer: Timer | null = null

  constructor(private readonly options: LagSamplerOptions) {
    this.settings = { ...defaultLagSettings, ...options.settings }
    this.scheduler = options.scheduler ?? systemScheduler
  }

  /** Samples every `sampleIntervalMs` until stop(). */
  start(): void {
    if (this.timer) return
    const tick = () => {
      try {
        this.sample()
      } catch (err) {
        ;(this.options.onError ?? console.error)(err)
      }
      this.timer = this.scheduler.setTimer(this.settings.sampleIntervalMs, tick)
    }
    this.timer = this.scheduler.setTimer(this.settings.sampleIntervalMs, tick)
  }

  stop(): void {
    this.timer?.cancel()
    this.timer = null
  }

  /** Records the lag of every committed partition now and prunes old samples; returns the count. */
  sample(now = this.scheduler.now()): number {
    const { store, partitions, isolationOf } = this.options
    const isolation = new Map<string, IsolationLevel | null>()
    let written = 0
    store.db.transaction(() => {
      for (const o of store.allOffsets()) {
        const p = partitions.partitionOffsets(o.topic, o.partition)
        if (!p) continue
        if (!isolation.has(o.groupId)) isolation.set(o.groupId, isolationOf?.(o.groupId) ?? null)
        const { lag } = partitionLag(o.committedOffset, p, isolation.get(o.groupId))
        store.q.lagInsert.run(o.groupId, o.topic, o.partition, now, lag)
        written++
      }
      store.q.lagPrune.run(now - this.settings.historyWindowMs)
    })()
    return written
  }

  /** The group's samples over the last `windowMs` (default: the whole kept window). */
  history(groupId: string, windowMs = this.settings.historyWindowMs, now = this.scheduler.now()) {
    return lagHistoryOf(groupId, this.options.store.q.lagSelectGroup.all(groupId, now - windowMs))
  }
}

/** One stored lag sample of a group's partition. */
export interface LagSampleRow {
  topic: string
  partition: number
  sampled_at: number
  lag: number
}

/** A group's lag history from its stored samples: a series per partition and the total. */
export function lagHistoryOf(groupId: string, rows: LagSampleRow[]): LagHistory {
  const series = new Map<string, LagSeries>()
  const totals = new Map<number, number>()
  for (const r of rows) {
    const key = `${r.partition}:${r.topic}`
    let s = series.get(key)
    if (!s) series.set(key, (s = { topic: r.topic, partition: r.partition, points: [] }))
    s.points.push([r.sampled_at, r.lag])
    totals.set(r.sampled_at, (totals.get(r.sampled_at) ?? 0) + r.lag)
  }
  return {
    groupId,
    total: [...totals].sort((a, b) => a[0] - b[0]),
    partitions: [...series.values()]
  }
}
