// Skew figures, the diagnosis in words, and the what-if simulator.
import { describe, expect, it } from 'vitest'
import { analyzeSkew, skewFigures, topKeys } from '../../../src/engine/metrics/skew'
import { simulate, type SampledRecord } from '../../../src/engine/metrics/what-if'
import { murmur2Partition } from '../../../src/engine/producers/murmur2'

function load(partition: number, recordsPerSec: number) {
  return {
    partition,
    records: recordsPerSec * 100,
    bytes: recordsPerSec * 10_000,
    recordsPerSec,
    bytesPerSec: recordsPerSec * 100
  }
}

describe('skewFigures', () => {
  it('computes max/mean and the coefficient of variation', () => {
    expect(skewFigures([10, 10, 10, 10])).toEqual({ maxOverMean: 1, coefficientOfVariation: 0 })
    const s = skewFigures([70, 10, 10, 10])
    expect(s.maxOverMean).toBeCloseTo(2.8)
    expect(s.coefficientOfVariation).toBeCloseTo(Math.sqrt((45 ** 2 + 3 * 15 ** 2) / 4) / 25)
  })
})

describe('analyzeSkew', () => {
  it('names the hot partition and the hot key, and says more partitions will not help', () => {
    const keys3 = [
      ...Array(58).fill('tenant-42'),
      ...Array.from({ length: 42 }, (_, i) => `t-${i}`)
    ]
    const r = analyzeSkew(
      'orders',
      [load(0, 10), load(1, 10), load(2, 10), load(3, 60), load(4, 10)],
      [{ partition: 3, keys: keys3 }]
    )
    expect(r.partitions[3].share).toBeCloseTo(0.6)
    expect(r.partitions[3].topKeys[0]).toEqual({ key: 'tenant-42', count: 58, share: 0.58 })
    expect(r.diagnosis[0]).toBe(
      'Partition 3 takes 60% of writes (3.00× the mean); key tenant-42 is 58% of it.'
    )
    expect(r.remedies.join(' ')).toContain('More partitions do not help a single hot key')
    expect(r.remedies.join(' ')).toContain('Salt the key')
  })

  it('recognises an even spread and hash collisions', () => {
    expect(analyzeSkew('t', [load(0, 10), load(1, 11), load(2, 9)], []).diagnosis[0]).toContain(
      'evenly spread'
    )
    const collide = analyzeSkew(
      't',
      [load(0, 50), load(1, 5), load(2, 5)],
      [{ partition: 0, keys: Array.from({ length: 100 }, (_, i) => `k${i % 10}`) }]
    )
    expect(collide.diagnosis[1]).toContain('No single key dominates')
    expect(collide.remedies[0]).toContain('Add partitions')
  })

  it('falls back to stored records when nothing is being written', () => {
    const r = analyzeSkew(
      't',
      [
        { partition: 0, records: 900, bytes: 1, recordsPerSec: 0, bytesPerSec: 0 },
        { partition: 1, records: 100, bytes: 1, recordsPerSec: 0, bytesPerSec: 0 }
      ],
      []
    )
    expect(r.diagnosis[0]).toContain('90% of records')
  })

  it('counts top keys with null keys included', () => {
    expect(topKeys(['a', null, 'a', 'b'], 2)).toEqual([
      { key: 'a', count: 2, share: 0.5 },
      { key: null, count: 1, share: 0.25 }
    ])
  })
})

describe('simulate', () => {
  const records: SampledRecord[] = Array.from({ length: 1000 }, (_, i) => {
    const key = Buffer.from(i < 600 ? 'tenant-42' : `tenant-${i}`)
    return {
      partition: murmur2Partition(key, 6),
      key,
      headers: [{ key: 'user', value: Buffer.from(`u${i}`) }],
      value: Buffer.from(`{"order":{"id":${i}}}`)
    }
  })

  it('keeps a hot key on one partition whatever the count', () => {
    const r = simulate('t', records, 24, { kind: 'asIs' })
    expect(Math.max(...r.distribution.map((d) => d.share))).toBeGreaterThanOrEqual(0.6)
    expect(r.distribution.reduce((n, d) => n + d.count, 0)).toBe(1000)
  })

  it('spreads a salted or compound key', () => {
    const salted = simulate('t', records, 6, { kind: 'salt', buckets: 8 })
    const asIs = simulate('t', records, 6, { kind: 'asIs' })
    expect(salted.skew.maxOverMean).toBeLessThan(asIs.skew.maxOverMean)
    const byHeader = simulate('t', records, 6, { kind: 'compound', header: 'user' })
    expect(byHeader.skew.maxOverMean).toBeLessThan(1.5)
    const byJson = simulate('t', records, 6, { kind: 'compound', jsonField: '$.order.id' })
    expect(byJson.skew.maxOverMean).toBeLessThan(1.5)
  })

  it('reports no moved keys for the current layout and some for a new count', () => {
    expect(simulate('t', records, 6, { kind: 'asIs' }).movedShare).toBe(0)
    expect(simulate('t', records, 12, { kind: 'asIs' }).movedShare).toBeGreaterThan(0)
  })
})
