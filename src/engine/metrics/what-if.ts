// The what-if simulator: where sampled records would land with another partition count or
// key strategy, computed with Kafka's murmur2 placement.
import type { WhatIfResult } from '../../shared/api/partitions'
import { murmur2Partition } from '../producers/murmur2'
import { skewFigures } from './skew'

export interface SampledRecord {
  partition: number
  key: Buffer | null
  headers: { key: string; value: Buffer | null }[]
  value: Buffer | null
}

export type KeyStrategy =
  | { kind: 'asIs' }
  | { kind: 'salt'; buckets: number }
  | { kind: 'compound'; header?: string; jsonField?: string }
  | { kind: 'none' }

function jsonField(value: Buffer | null, field: string): string {
  if (value === null) return ''
  try {
    let cur: unknown = JSON.parse(value.toString('utf8'))
    for (const p of field.replace(/^\$\.?/, '').split('.')) {
      if (cur === null || typeof cur !== 'object') return ''
      cur = (cur as Record<string, unknown>)[p]
    }
    return cur === undefined || cur === null ? '' : String(cur)
  } catch {
    return ''
  }
}

/** The key the strategy would send, or null for keyless placement. */
export function strategyKey(r: SampledRecord, s: KeyStrategy, index: number): Buffer | null {
  switch (s.kind) {
    case 'asIs':
      return r.key
    case 'none':
      return null
    case 'salt':
      return r.key === null ? null : Buffer.concat([r.key, Buffer.from(`-${index % s.buckets}`)])
    case 'compound': {
      const parts = [r.key?.toString('utf8') ?? '']
      if (s.header)
        parts.push(r.headers.find((h) => h.key === s.header)?.value?.toString('utf8') ?? '')
      if (s.jsonField) parts.push(jsonField(r.value, s.jsonField))
      return Buffer.from(parts.join('|'))
    }
  }
}

export function simulate(
  topic: string,
  records: readonly SampledRecord[],
  partitionCount: number,
  strategy: KeyStrategy
): WhatIfResult {
  const counts = new Array<number>(partitionCount).fill(0)
  let keyless = 0
  let moved = 0
  records.forEach((r, i) => {
    const key = strategyKey(r, strategy, i)
    // Keyless records spread evenly over time (round-robin / sticky batches).
    const p = key === null ? keyless++ % partitionCount : murmur2Partition(key, partitionCount)
    counts[p]++
    if (p !== r.partition) moved++
  })
  const n = records.length
  return {
    topic,
    partitionCount,
    sampledRecords: n,
    distribution: counts.map((count, partition) => ({
      partition,
      count,
      share: n === 0 ? 0 : count / n
    })),
    skew: skewFigures(counts),
    movedShare: n === 0 ? 0 : moved / n
  }
}
