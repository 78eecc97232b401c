// Produce-rate buckets: rates per partition and summed series.
import { describe, expect, it } from 'vitest'
import { ProduceRates } from '../../../src/engine/metrics/produce-rates'

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
})
