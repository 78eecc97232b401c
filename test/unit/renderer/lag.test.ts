// Lag as the console draws and words it: downsampling that keeps spikes, the partitions worth a
// series, sparkline paths, and the data-loss verdict of a group.
import { describe, expect, it } from 'vitest'
import type { GroupHealth, LagSeries } from '../../../src/shared/api/groups'
import {
  downsample,
  riskSummary,
  sparklinePath,
  stackLag,
  type Point
} from '../../../src/renderer/src/lib/lag'

const series = (partition: number, values: number[]): LagSeries => ({
  topic: 'orders',
  partition,
  points: values.map((v, i) => [i * 10_000, v])
})

const health = (over: Partial<GroupHealth> = {}): GroupHealth => ({
  lagMs: 0,
  produceRatePerSec: 10,
  consumeRatePerSec: 10,
  trend: 'caught-up',
  catchUpInMs: null,
  timeToLossMs: null,
  lossPartition: null,
  atRisk: false,
  recordsLost: 0,
  ...over
})

describe('lag series', () => {
  it('downsamples to at most max points, keeping each bucket peak', () => {
    const pts: Point[] = Array.from({ length: 100 }, (_, i) => [i, i === 37 ? 999 : 1])
    const out = downsample(pts, 10)
    expect(out).toHaveLength(10)
    expect(out.map((p) => p[1])).toContain(999)
    expect(out[9][0]).toBe(99)
    expect(downsample(pts.slice(0, 5), 10)).toHaveLength(5)
  })

  it('stacks the lagging partitions, largest peaks kept, the rest summed', () => {
    const parts = [
      series(0, [0, 0, 0]),
      series(1, [5, 6, 7]),
      series(2, [50, 60, 70]),
      series(3, [1, 1, 1]),
      series(4, [2, 2, 2])
    ]
    const total: Point[] = [
      [0, 58],
      [10_000, 69],
      [20_000, 80]
    ]
    const s = stackLag(total, parts, 2)
    // Partition 0 never lagged: no series. 2 and 1 have the largest peaks, in partition order.
    expect(s.partitions.map((p) => p.name)).toEqual(['orders-1', 'orders-2'])
    expect(s.other?.name).toBe('2 other partitions')
    expect(s.other?.points).toEqual([
      [0, 3],
      [10_000, 3],
      [20_000, 3]
    ])
    expect(s.total).toEqual(total)
    expect(stackLag(total, parts, 8).other).toBeNull()
  })

  it('keeps the legend stable: every partition when few, the ones shown before when many', () => {
    const total: Point[] = [[0, 0]]
    // Few partitions: all of them, in partition order, lagging or not.
    const few = [series(2, [0, 0, 0]), series(0, [3, 0, 0]), series(1, [0, 0, 0])]
    expect(stackLag(total, few, 8).partitions.map((p) => p.name)).toEqual([
      'orders-0',
      'orders-1',
      'orders-2'
    ])
    // Many: partition 3 was shown and still lags, so it stays though 4 now peaks higher.
    const many = [
      series(0, [0, 0]),
      series(1, [9, 9]),
      series(2, [0, 0]),
      series(3, [1, 1]),
      series(4, [5, 5])
    ]
    expect(stackLag(total, many, 2).partitions.map((p) => p.name)).toEqual(['orders-1', 'orders-4'])
    const sticky = stackLag(total, many, 2, 360, ['orders-1', 'orders-3'])
    expect(sticky.partitions.map((p) => p.name)).toEqual(['orders-1', 'orders-3'])
    expect(sticky.other?.name).toBe('1 other partitions')
  })

  it('draws a sparkline inside its box, flat when there is no lag', () => {
    expect(sparklinePath([], 100, 20)).toBe('')
    expect(sparklinePath([0, 10], 100, 20)).toBe('M0.0 18.0L100.0 2.0')
    expect(sparklinePath([0, 0, 0], 100, 20)).toBe('M0.0 18.0L50.0 18.0L100.0 18.0')
    expect(sparklinePath([4], 100, 20)).toBe('M0 2.0H100')
  })
})

describe('data-loss verdict', () => {
  it('keeping up', () => {
    const r = riskSummary(health(), 0)
    expect(r.verdict).toBe('ok')
    expect(r.headline).toBe('Keeping up')
    expect(r.deadline).toContain('No deadline')
    expect(r.lost).toContain('No records lost')
  })

  it('falling behind, with the partition and the retention that will delete its records', () => {
    const r = riskSummary(
      health({
        lagMs: 27_000,
        consumeRatePerSec: 11.9,
        produceRatePerSec: 18.4,
        trend: 'falling-behind',
        timeToLossMs: 21_573_066,
        lossPartition: { topic: 'demo.orders', partition: 2, reason: 'retention.ms' }
      }),
      532
    )
    expect(r.verdict).toBe('falling-behind')
    expect(r.headline).toBe('Falling behind, 27 s of lag')
    expect(r.rates).toBe('12 msg/s consumed, 18 msg/s produced')
    expect(r.trend).toContain('will not catch up')
    expect(r.deadline).toBe(
      'Unconsumed records of demo.orders-2 are deleted by retention.ms in 5 h 59 min'
    )
  })

  it('catching up with an estimate; at risk before the deadline; lost above all', () => {
    expect(riskSummary(health({ trend: 'catching-up', catchUpInMs: 250_000 }), 10).headline).toBe(
      'Catching up in about 4 min 10 s'
    )
    const risky = riskSummary(
      health({
        trend: 'catching-up',
        atRisk: true,
        timeToLossMs: 600_000,
        lossPartition: { topic: 'logs', partition: 0, reason: 'retention.bytes' }
      }),
      10
    )
    expect(risky.verdict).toBe('at-risk')
    expect(risky.headline).toBe('At risk: unconsumed records deleted in 10 min')
    expect(risky.deadline).toContain('at the current produce rate')
    const lost = riskSummary(health({ recordsLost: 1200, atRisk: true, timeToLossMs: 1 }), 10)
    expect(lost.verdict).toBe('lost')
    expect(lost.headline).toBe('1,200 records already lost')
    expect(lost.lost).toContain('1,200 records were deleted by retention')
    const one = riskSummary(health({ recordsLost: 1, atRisk: true, timeToLossMs: 1 }), 10)
    expect(one.headline).toBe('1 record already lost')
    expect(one.lost).toBe('1 record was deleted by retention before the group read it')
  })

  it('says when the consume rate is not known yet', () => {
    const r = riskSummary(health({ consumeRatePerSec: null, trend: 'unknown' }), 5)
    expect(r.verdict).toBe('unknown')
    expect(r.rates).toContain('needs a few lag samples')
    expect(r.trend).toContain('Not enough lag samples')
  })
})
