// Reads the option an ECharts chart on the page drew (its element's data-chart-option), so
// that tests check the series a chart draws rather than that a canvas exists.
import type { Locator } from '@playwright/test'

export interface ChartSeries {
  name?: string
  type: string
  stack?: string
  data: unknown[]
}

export interface ChartAxis {
  type?: string
  min?: number
  max?: number
  data?: string[]
}

export interface ChartOption {
  series: ChartSeries[]
  xAxis: ChartAxis[]
  yAxis: ChartAxis[]
  visualMap?: { min: number; max: number }[]
}

/** The option of the chart inside `container`, or null while none is drawn. */
export async function chartOption(container: Locator): Promise<ChartOption | null> {
  return container.evaluate((el) => {
    const host = el.matches('[data-chart-option]') ? el : el.querySelector('[data-chart-option]')
    const json = host?.getAttribute('data-chart-option')
    return json ? (JSON.parse(json) as ChartOption) : null
  })
}

/** `[x, y]` points of a series (time series data). */
export function points(s: ChartSeries | undefined): [number, number][] {
  return (s?.data ?? []) as [number, number][]
}
