// Per-partition produce rates into heatmap cells.
import { describe, expect, it } from 'vitest'
import type { RateSeries } from '../../../src/shared/api/metrics'
import { heatmapGrid } from '../../../src/renderer/src/lib/heatmap'

const rates = (partition: number, values: number[]): RateSeries => ({
  name: `orders-${partition}`,
  partition,
  points: values.map((v, i) => ({ timestamp: 1000 * (i + 1), recordsPerSec: v, bytesPerSec: 0 }))
})

describe('heatmap grid', () => {
  it('puts partitions in rows and time steps in columns', () => {
    const g = heatmapGrid([rates(1, [1, 2, 3]), rates(0, [0, 0.333333, 10])])
    expect(g.partitions).toEqual([0, 1])
    expect(g.times).toEqual([1000, 2000, 3000])
    expect(g.cells).toContainEqual([1, 0, 0.33])
    expect(g.cells).toContainEqual([2, 1, 3])
    expect(g.cells).toHaveLength(6)
    expect(g.max).toBe(10)
    expect(g.rowMeans[1]).toBe(2)
  })

  it('ignores topic and cluster totals and copes with nothing', () => {
    const g = heatmapGrid([{ name: '*', points: [] }])
    expect(g).toEqual({ times: [], partitions: [], cells: [], max: 0, rowMeans: [] })
  })
})
