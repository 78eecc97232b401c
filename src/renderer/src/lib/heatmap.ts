// Per-partition produce rates as heatmap cells: one column per time step, one row per partition.
import type { RateSeries } from '../../../shared/api/metrics'

export interface HeatmapGrid {
  /** Column timestamps (end of each step), oldest first. */
  times: number[]
  /** Row partitions, in partition order. */
  partitions: number[]
  /** [column, row, records/s] */
  cells: [number, number, number][]
  max: number
  /** Total records/s per row over the window, to name the hottest partition. */
  rowMeans: number[]
}

export function heatmapGrid(series: readonly RateSeries[]): HeatmapGrid {
  const rows = series
    .filter((s) => s.partition !== undefined)
    .sort((a, b) => (a.partition ?? 0) - (b.partition ?? 0))
  const times = [...new Set(rows.flatMap((s) => s.points.map((p) => p.timestamp)))].sort(
    (a, b) => a - b
  )
  const column = new Map(times.map((t, i) => [t, i]))
  const cells: [number, number, number][] = []
  let max = 0
  const rowMeans: number[] = []
  rows.forEach((s, row) => {
    let sum = 0
    for (const p of s.points) {
      const v = Math.round(p.recordsPerSec * 100) / 100
      cells.push([column.get(p.timestamp) ?? 0, row, v])
      if (v > max) max = v
      sum += p.recordsPerSec
    }
    rowMeans.push(s.points.length ? sum / s.points.length : 0)
  })
  return { times, partitions: rows.map((s) => s.partition ?? 0), cells, max, rowMeans }
}
