import { describe, expect, it } from 'vitest'
import { murmur2Partition } from '../../../src/engine/producers/murmur2'
import {
  Murmur2Partitioner,
  StickyPartitioner,
  type Partitioner
} from '../../../src/engine/producers/partitioner'

// Deterministic stand-in for Math.random: cycles through the given values.
const sequence = (...values: number[]): (() => number) => {
  let i = 0
  return () => values[i++ % values.length]
}

describe('Murmur2Partitioner', () => {
  it('places keyed records exactly where the Java client does', () => {
    const p = new Murmur2Partitioner()
    expect(p.partition(Buffer.from('foobar'), 50)).toBe(16)
    for (const key of ['21', 'abc', 'user-42']) {
      expect(p.partition(Buffer.from(key), 12)).toBe(murmur2Partition(Buffer.from(key), 12))
    }
  })

  it('sends keyless records through its keyless strategy', () => {
    let next = 0
    const rotating: Partitioner = { partition: (_key, count) => next++ % count }
    const p = new Murmur2Partitioner(rotating)
    expect([0, 1, 2, 3].map(() => p.partition(null, 3))).toEqual([0, 1, 2, 0])
    // Keyed records in between do not disturb the keyless rotation.
    p.partition(Buffer.from('k'), 3)
    expect(p.partition(null, 3)).toBe(1)
  })

  it('passes batch boundaries to a sticky keyless strategy', () => {
    const p = new Murmur2Partitioner(new StickyPartitioner(sequence(0.5, 0)))
    expect(p.partition(null, 4)).toBe(2)
    expect(p.partition(null, 4)).toBe(2)
    p.onNewBatch()
    expect(p.partition(null, 4)).toBe(3)
  })
})

describe('StickyPartitioner', () => {
  it('sticks until a new batch, then always moves to a different partition', () => {
    const p = new StickyPartitioner(sequence(0.3, 0, 0.99, 0.5))
    expect(p.partition(null, 5)).toBe(1)
    expect(p.partition(null, 5)).toBe(1)
    p.onNewBatch()
    expect(p.partition(null, 5)).toBe(2)
    p.onNewBatch()
    expect(p.partition(null, 5)).toBe(1)
    p.switchPartition()
    expect(p.partition(null, 5)).toBe(4)
  })

  it('never leaves a one-partition topic and re-picks when partitions shrink', () => {
    const p = new StickyPartitioner(sequence(0.9))
    expect(p.partition(null, 1)).toBe(0)
    p.onNewBatch()
    expect(p.partition(null, 1)).toBe(0)
    const q = new StickyPartitioner(sequence(0.9, 0.1))
    expect(q.partition(null, 10)).toBe(9)
    expect(q.partition(null, 3)).toBe(0)
  })

  it('spreads batches over all partitions with the real random source', () => {
    const p = new StickyPartitioner()
    const seen = new Set<number>()
    for (let i = 0; i < 500; i++) {
      seen.add(p.partition(null, 6))
      p.onNewBatch()
    }
    expect(seen.size).toBe(6)
  })
})

describe('partition counts', () => {
  it('refuses a topic without partitions', () => {
    expect(() => new Murmur2Partitioner().partition(Buffer.from('k'), 0)).toThrow(RangeError)
    expect(() => new StickyPartitioner().partition(null, 1.5)).toThrow(RangeError)
  })
})
