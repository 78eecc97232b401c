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
})
