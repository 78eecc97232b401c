// Where a figure turns from fine to worth a look to bad: the skew, lag and size limits the views
// colour and flag by, in one place so that every view draws the line at the same value.
import type { Tone } from './health'

/** A partition taking more than this times an even share of the records is hot. */
const HOT_OVER_EVEN = 1.3
/** The hottest partition at this many times the mean: skew to fix. */
const SKEW_BAD_OVER_MEAN = 2
/** A difference in max/mean smaller than this is no real change. */
const SKEW_CHANGE_MARGIN = 0.05
/** One partition holding more than this share of a topic's lag: a hot-partition suspect. */
const LAG_CONCENTRATED_SHARE = 0.6
/** More partitions than this per broker is more than a small cluster handles well. */
const PARTITIONS_PER_BROKER = 200

export function isHotShare(share: number, evenShare: number): boolean {
  return share > evenShare * HOT_OVER_EVEN
}

/** The tone of a topic's skew, by its hottest partition against the mean. */
export function skewTone(maxOverMean: number): Tone {
  return maxOverMean >= SKEW_BAD_OVER_MEAN ? 'bad' : maxOverMean >= HOT_OVER_EVEN ? 'warn' : 'ok'
}

/** Whether a skew of `next` (max over mean) is clearly better or worse than `now`. */
export function skewChange(next: number, now: number): 'better' | 'worse' | 'same' {
  if (next < now - SKEW_CHANGE_MARGIN) return 'better'
  if (next > now + SKEW_CHANGE_MARGIN) return 'worse'
  return 'same'
}

/** Whether one partition holds most of the lag over several partitions. */
export function lagConcentrated(lags: readonly number[]): boolean {
  const total = lags.reduce((a, b) => a + b, 0)
  return lags.length > 1 && total > 0 && Math.max(...lags) / total > LAG_CONCENTRATED_SHARE
}

/** A group's tone: records lost is bad; at risk or any lag is worth a look. */
export function groupTone(g: { recordsLost: number; atRisk: boolean; totalLag: number }): Tone {
  return g.recordsLost > 0 ? 'bad' : g.atRisk || g.totalLag > 0 ? 'warn' : 'ok'
}

export function tooManyPartitions(partitions: number, brokers: number): boolean {
  return partitions > PARTITIONS_PER_BROKER * Math.max(1, brokers)
}
