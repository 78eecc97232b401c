// Consumer lag as the console draws and words it: downsampled series, the partitions worth a
// line of their own, sparkline paths, and the verdict on a group's data-loss risk.
import type { GroupHealth, LagSeries } from '../../../shared/api/groups'
import { formatRate, formatSpan, plural } from './format'

export type Point = [timestamp: number, value: number]

/**
 * At most `max` points, each bucket keeping its largest value (a spike of lag must not vanish
 * from a chart because it fell between two kept samples).
 */
export function downsample(points: readonly Point[], max: number): Point[] {
  if (points.length <= max || max < 2) return [...points]
  const size = points.length / max
  const out: Point[] = []
  for (let b = 0; b < max; b++) {
    const from = Math.floor(b * size)
    const to = Math.min(points.length, Math.floor((b + 1) * size))
    let best = points[from]
    for (let i = from + 1; i < to; i++) if (points[i][1] > best[1]) best = points[i]
    out.push([points[to - 1][0], best[1]])
  }
  return out
}

export interface StackedLag {
  /** One series per partition worth showing, largest lag first. */
  partitions: { name: string; topic: string; partition: number; points: Point[] }[]
  /** The sum of the partitions not shown on their own, or null when every one is shown. */
  other: { name: string; count: number; points: Point[] } | null
  total: Point[]
}

/**
 * The partitions to stack in a lag chart, so that the legend stays the same from one refresh to
 * the next: every partition when there are at most `limit`; otherwise those that had lag in the
 * window, largest peak first, keeping the ones shown before (`previous`, by name) while they
 * still lag; the rest are summed into one "other partitions" series so that a topic with 100
 * partitions still reads.
 */
export function stackLag(
  total: readonly Point[],
  series: readonly LagSeries[],
  limit = 8,
  maxPoints = 360,
  previous: readonly string[] = []
): StackedLag {
  const peak = (s: LagSeries) => s.points.reduce((m, p) => Math.max(m, p[1]), 0)
  const nameOf = (s: LagSeries) => `${s.topic}-${s.partition}`
  const byPartition = (a: { s: LagSeries }, b: { s: LagSeries }) =>
    a.s.topic.localeCompare(b.s.topic) || a.s.partition - b.s.partition
  const ranked = series.map((s) => ({ s, peak: peak(s) }))
  let shown: typeof ranked
  let rest: typeof ranked
  if (series.length <= limit) {
    shown = [...ranked].sort(byPartition)
    rest = []
  } else {
    const kept = new Set(previous)
    const lagging = ranked
      .filter((x) => x.peak > 0)
      .sort(
        (a, b) =>
          Number(kept.has(nameOf(b.s))) - Number(kept.has(nameOf(a.s))) ||
          b.peak - a.peak ||
          a.s.partition - b.s.partition
      )
    shown = lagging.slice(0, limit).sort(byPartition)
    rest = lagging.slice(limit)
  }
  let other: StackedLag['other'] = null
  if (rest.length > 0) {
    const sums = new Map<number, number>()
    for (const { s } of rest) for (const [t, v] of s.points) sums.set(t, (sums.get(t) ?? 0) + v)
    other = {
      name: `${rest.length} other partitions`,
      count: rest.length,
      points: downsample(
        [...sums].sort((a, b) => a[0] - b[0]),
        maxPoints
      )
    }
  }
  return {
    partitions: shown.map(({ s }) => ({
      name: nameOf(s),
      topic: s.topic,
      partition: s.partition,
      points: downsample(s.points, maxPoints)
    })),
    other,
    total: downsample(total, maxPoints)
  }
}

/** An SVG path through `values` scaled into a width x height box (y grows downwards). */
export function sparklinePath(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return ''
  const max = Math.max(...values)
  const pad = 2
  const h = height - pad * 2
  const y = (v: number) => (max > 0 ? pad + h - (v / max) * h : pad + h)
  if (values.length === 1) return `M0 ${y(values[0]).toFixed(1)}H${width}`
  const step = width / (values.length - 1)
  return values
    .map((v, i) => `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)} ${y(v).toFixed(1)}`)
    .join('')
}

export type Verdict = 'lost' | 'at-risk' | 'falling-behind' | 'catching-up' | 'ok' | 'unknown'

export interface RiskSummary {
  verdict: Verdict
  headline: string
  /** Consumption against production, in words. */
  rates: string
  /** Whether and when the group catches up. */
  trend: string
  /** When unconsumed records are deleted, where and why, or that nothing is at risk. */
  deadline: string
  /** Records deleted before the group read them. */
  lost: string
}

function where(h: GroupHealth): string {
  const p = h.lossPartition
  return p ? `${p.topic}-${p.partition}` : 'its partitions'
}

/** The data-loss risk of a group in plain words, worst finding first. */
export function riskSummary(h: GroupHealth, totalLag: number): RiskSummary {
  const consumed = h.consumeRatePerSec
  const rates =
    consumed === null
      ? `${formatRate(h.produceRatePerSec)} produced; the consume rate needs a few lag samples`
      : `${formatRate(consumed)} consumed, ${formatRate(h.produceRatePerSec)} produced`
  const trend =
    h.trend === 'caught-up'
      ? 'Caught up: nothing left to consume'
      : h.trend === 'catching-up'
        ? h.catchUpInMs !== null
          ? `Catching up: at these rates it has caught up in about ${formatSpan(h.catchUpInMs)}`
          : 'Catching up'
        : h.trend === 'falling-behind'
          ? 'Falling behind: records arrive faster than the group consumes them, it will not catch up at these rates'
          : h.trend === 'steady'
            ? `Steady: lag neither grows nor shrinks (${plural(totalLag, 'record')})`
            : 'Not enough lag samples yet to tell the trend'
  const reason = h.lossPartition?.reason
  const deadline =
    h.timeToLossMs === null
      ? 'No deadline: retention will not delete records the group has not read'
      : `Unconsumed records of ${where(h)} are deleted by ${reason ?? 'retention'} in ${formatSpan(h.timeToLossMs)}` +
        (reason === 'retention.bytes' ? ' at the current produce rate' : '')
  const lost =
    h.recordsLost > 0
      ? `${plural(h.recordsLost, 'record')} ${h.recordsLost === 1 ? 'was' : 'were'} deleted by retention before the group read ${h.recordsLost === 1 ? 'it' : 'them'}`
      : 'No records lost: the group read everything before retention deleted it'

  let verdict: Verdict
  let headline: string
  if (h.recordsLost > 0) {
    verdict = 'lost'
    headline = `${plural(h.recordsLost, 'record')} already lost`
  } else if (h.atRisk && h.timeToLossMs !== null) {
    verdict = 'at-risk'
    headline = `At risk: unconsumed records deleted in ${formatSpan(h.timeToLossMs)}`
  } else if (h.trend === 'falling-behind') {
    verdict = 'falling-behind'
    headline = `Falling behind, ${formatSpan(h.lagMs)} of lag`
  } else if (h.trend === 'catching-up') {
    verdict = 'catching-up'
    headline =
      h.catchUpInMs !== null ? `Catching up in about ${formatSpan(h.catchUpInMs)}` : 'Catching up'
  } else if (h.trend === 'unknown' && totalLag > 0) {
    verdict = 'unknown'
    headline = `${plural(totalLag, 'record')} behind`
  } else {
    verdict = 'ok'
    headline = totalLag === 0 ? 'Keeping up' : `Keeping up, ${formatSpan(h.lagMs)} of lag`
  }
  return { verdict, headline, rates, trend, deadline, lost }
}
