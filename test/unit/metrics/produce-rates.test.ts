// Produce-rate buckets: rates per partition and summed series.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ProduceRates } from '../../../src/engine/metrics/produce-rates'

/** What the rates must answer: every second's sums, kept forever. */
class Reference {
  readonly seconds = new Map<string, Map<number, [number, number]>>()
  constructor(private readonly now: () => number) {}
  record(topic: string, partition: number, records: number, bytes: number): void {
    const key = `${topic}/${partition}`
    const secs = this.seconds.get(key) ?? new Map<number, [number, number]>()
    this.seconds.set(key, secs)
    const sec = Math.floor(this.now() / 1000)
    const [r, b] = secs.get(sec) ?? [0, 0]
    secs.set(sec, [r + records, b + bytes])
  }
  rate(topic: string, partition: number, seconds: number): [number, number] {
    const secs = this.seconds.get(`${topic}/${partition}`)
    const end = Math.floor(this.now() / 1000)
    let r = 0
    let b = 0
    for (let s = end - seconds; s < end; s++) {
      const [rr, bb] = secs?.get(s) ?? [0, 0]
      r += rr
      b += bb
    }
    return [r / seconds, b / seconds]
  }
  /** Records written in [from, to). */
  sum(topic: string, partition: number, from: number, to: number): number {
    const secs = this.seconds.get(`${topic}/${partition}`)
    let r = 0
    for (let s = from; s < to; s++) r += secs?.get(s)?.[0] ?? 0
    return r
  }
}

describe('ProduceRates', () => {
  it('averages appends over full seconds and sums series by filter', () => {
    let now = 1_000_000_000
    const rates = new ProduceRates(() => now)
    for (let s = 0; s < 10; s++) {
      rates.record('a', 0, 100, 10_000)
      rates.record('a', 1, 50, 5_000)
      rates.record('b', 0, 10, 1_000)
      now += 1000
    }
    expect(rates.rate('a', 0, 10)).toEqual({ recordsPerSec: 100, bytesPerSec: 10_000 })
    expect(rates.rate('missing', 0)).toEqual({ recordsPerSec: 0, bytesPerSec: 0 })
    const series = rates.series(10_000, (t) => t === 'a', 10)
    expect(series).toHaveLength(10)
    expect(series.every((p) => p.recordsPerSec === 150)).toBe(true)
    rates.forget('a')
    expect(rates.rate('a', 0)).toEqual({ recordsPerSec: 0, bytesPerSec: 0 })
  })

  it('starts the series when counting started, not with zeros before it', () => {
    const started = 1_000_000_000
    let now = started
    const rates = new ProduceRates(() => now)
    for (let s = 0; s < 30; s++) {
      rates.record('a', 0, 20, 2_000)
      now += 1000
    }
    // A 5-minute window, 30 s after the start: only the last 30 s have points, all at 20/s.
    const series = rates.series(300_000, () => true, 60)
    expect(series).toHaveLength(6)
    expect(series[0].timestamp).toBeGreaterThan(started)
    expect(series.every((p) => p.recordsPerSec === 20)).toBe(true)
    // Long after, the whole window is covered, zeros included where nothing was written.
    now += 600_000
    const later = rates.series(300_000, () => true, 60)
    expect(later).toHaveLength(60)
    expect(later.every((p) => p.recordsPerSec === 0)).toBe(true)
  })

  it('answers as if every second of the last hour were kept, over hours of sparse writes', () => {
    const write = fc.record({
      advanceMs: fc.oneof(
        fc.integer({ min: 0, max: 3_000 }),
        fc.integer({ min: 0, max: 900_000 }),
        // Close to an hour: the oldest seconds a window reaches, beside the newest.
        fc.integer({ min: 3_530_000, max: 3_610_000 })
      ),
      partition: fc.integer({ min: 0, max: 2 }),
      records: fc.integer({ min: 1, max: 1_000 }),
      bytes: fc.integer({ min: 1, max: 1_000_000 })
    })
    fc.assert(
      fc.property(
        fc.array(write, { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 3_599 }),
        (writes, seconds) => {
          let now = 1_700_000_000_123
          const rates = new ProduceRates(() => now)
          const reference = new Reference(() => now)
          for (const w of writes) {
            now += w.advanceMs
            rates.record('t', w.partition, w.records, w.bytes)
            reference.record('t', w.partition, w.records, w.bytes)
            for (const p of [0, 1, 2]) {
              const { recordsPerSec, bytesPerSec } = rates.rate('t', p, seconds)
              expect([recordsPerSec, bytesPerSec]).toEqual(reference.rate('t', p, seconds))
            }
          }
          // An hour's series: each point (after counting started) the sum over its step.
          const step = Math.floor(3_599 / 60)
          const started = Math.floor(1_700_000_000_123 / 1000)
          for (const point of rates.series(3_600_000, () => true, 60)) {
            const end = point.timestamp / 1000
            if (end - step < started) continue
            const sum = [0, 1, 2].reduce((n, p) => n + reference.sum('t', p, end - step, end), 0)
            expect(point.recordsPerSec).toBe(sum / step)
          }
        }
      ),
      { numRuns: 200 }
    )
  })

  it('keeps the oldest seconds of an hour window when the same minute of the next hour is written', () => {
    let now = 1_700_000_000_000 - (1_700_000_000_000 % 60_000) + 30_000 // half a minute in
    const rates = new ProduceRates(() => now)
    rates.record('t', 0, 3_599, 0)
    now += 3_570_000 // the first second of the minute an hour later
    rates.record('t', 0, 3_599, 0)
    now += 1000
    expect(rates.rate('t', 0, 3_599).recordsPerSec).toBe(2)
  })

  it('holds about a kilobyte for a partition written once, not the whole hour', () => {
    const rates = new ProduceRates(() => 1_700_000_000_000)
    const partitions = 4_000
    const used = (): number => {
      const m = process.memoryUsage()
      return m.heapUsed + m.arrayBuffers
    }
    const before = used()
    for (let p = 0; p < partitions; p++) rates.record('wide', p, 1, 100)
    const perPartition = (used() - before) / partitions
    console.log(`ProduceRates: ${(perPartition / 1024).toFixed(2)} KiB per partition written once`)
    // Typed arrays for the whole hour took 86 KB each; a minute's block is under 1 KB. Garbage
    // collected or not meanwhile, the difference is far beyond the margin.
    expect(perPartition).toBeLessThan(8 * 1024)
    expect(rates.rate('wide', partitions - 1, 1)).toEqual({ recordsPerSec: 0, bytesPerSec: 0 })
  })
})
