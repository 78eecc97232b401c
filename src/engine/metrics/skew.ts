// Hot-partition analysis: skew figures over per-partition load, top keys from a key sample,
// and a plain-language diagnosis with the remedies that fit.
import type { KeyShare, PartitionSkew, SkewFigures, SkewReport } from '../../shared/api/partitions'

export interface PartitionLoad {
  partition: number
  records: number
  bytes: number
  recordsPerSec: number
  bytesPerSec: number
}

/** Keys sampled from one partition's recent records (null for keyless records). */
export interface PartitionKeySample {
  partition: number
  keys: (string | null)[]
}

export function skewFigures(values: readonly number[]): SkewFigures {
  const n = values.length
  const mean = n === 0 ? 0 : values.reduce((a, b) => a + b, 0) / n
  if (n === 0 || mean === 0) return { maxOverMean: n === 0 ? 0 : 1, coefficientOfVariation: 0 }
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / n
  return {
    maxOverMean: Math.max(...values) / mean,
    coefficientOfVariation: Math.sqrt(variance) / mean
  }
}

export function topKeys(keys: readonly (string | null)[], limit = 10): KeyShare[] {
  const counts = new Map<string | null, number>()
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1)
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, count]) => ({ key, count, share: keys.length === 0 ? 0 : count / keys.length }))
}

const pct = (x: number) => `${Math.round(x * 100)}%`

export function analyzeSkew(
  topic: string,
  loads: readonly PartitionLoad[],
  samples: readonly PartitionKeySample[]
): SkewReport {
  // Load is the recent write rate where there is one, else the records held.
  const useRate = loads.some((l) => l.recordsPerSec > 0)
  const load = loads.map((l) => (useRate ? l.recordsPerSec : l.records))
  const total = load.reduce((a, b) => a + b, 0)
  const sampleBy = new Map(samples.map((s) => [s.partition, s.keys]))
  const partitions: PartitionSkew[] = loads.map((l, i) => ({
    ...l,
    share: total === 0 ? 0 : load[i] / total,
    topKeys: topKeys(sampleBy.get(l.partition) ?? [])
  }))
  const skew = skewFigures(load)
  const sampledRecords = samples.reduce((n, s) => n + s.keys.length, 0)
  const { diagnosis, remedies } = diagnose(partitions, skew, total, useRate, samples)
  return { topic, sampledRecords, partitions, skew, diagnosis, remedies }
}

function diagnose(
  partitions: PartitionSkew[],
  skew: SkewFigures,
  total: number,
  useRate: boolean,
  samples: readonly PartitionKeySample[]
): { diagnosis: string[]; remedies: string[] } {
  const what = useRate ? 'writes' : 'records'
  if (total === 0 || partitions.length === 0)
    return { diagnosis: ['The topic holds no records yet: nothing to diagnose.'], remedies: [] }
  if (partitions.length === 1)
    return {
      diagnosis: [
        'The topic has one partition: every record goes there, so there is no skew to measure.'
      ],
      remedies: ['Add partitions if one consumer cannot keep up; keys then spread by hash.']
    }
  const hottest = [...partitions].sort((a, b) => b.share - a.share)[0]
  const evenShare = 1 / partitions.length
  const diagnosis: string[] = []
  const remedies: string[] = []
  if (skew.maxOverMean < 1.5) {
    diagnosis.push(
      `${what[0].toUpperCase()}${what.slice(1)} are evenly spread: the busiest partition (${hottest.partition}) takes ${pct(hottest.share)}, an even share is ${pct(evenShare)}.`
    )
    return { diagnosis, remedies }
  }
  const top = hottest.topKeys[0]
  let line = `Partition ${hottest.partition} takes ${pct(hottest.share)} of ${what} (${skew.maxOverMean.toFixed(2)}× the mean)`
  if (top && top.share >= 0.2)
    line +=
      top.key === null
        ? `; ${pct(top.share)} of it has no key`
        : `; key ${top.key} is ${pct(top.share)} of it`
  diagnosis.push(`${line}.`)
  const allKeys = samples.flatMap((s) => s.keys)
  const nullShare =
    allKeys.length === 0 ? 0 : allKeys.filter((k) => k === null).length / allKeys.length
  if (top && top.key !== null && top.share >= 0.5) {
    diagnosis.push(
      `A single hot key: every record with key ${top.key} goes to the same partition, whatever the partition count.`
    )
    remedies.push(
      'More partitions do not help a single hot key: the key still hashes to one partition.',
      `Salt the key (e.g. ${top.key}-0 .. ${top.key}-7) to spread it over several partitions, if consumers can merge per-key order.`,
      'Use a compound key (the hot key plus a field such as a user or order id) so one tenant spreads out while each entity keeps its order.',
      'Send without a key if the order of these records does not matter.'
    )
  } else if (top && top.key === null && top.share >= 0.5) {
    diagnosis.push(
      'Most records on this partition have no key: a sticky partitioner fills one partition at a time.'
    )
    remedies.push(
      'Lower linger.ms/batch.size or use round-robin partitioning for keyless records to spread them.'
    )
  } else {
    diagnosis.push('No single key dominates: several keys happen to hash to the same partition.')
    remedies.push(
      'Add partitions: the keys then spread differently (use the what-if simulator first, and remember that adding partitions moves keys).',
      'Or use a custom partitioner that places the heaviest keys explicitly.'
    )
  }
  if (nullShare > 0 && nullShare < 0.5)
    diagnosis.push(`${pct(nullShare)} of the sampled records have no key.`)
  return { diagnosis, remedies }
}
