// Reads the option an ECharts chart on the page was given (through the console's inspection
// hook), so that tests check the series a chart draws rather than that a canvas exists.
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
    const hook = (globalThis as { __logdeckChartOption?: (e: unknown) => unknown })
      .__logdeckChartOption
    return (hook?.(el) ?? null) as ChartOption | null
  })
}

/** `[x, y]` points of a series (time series data). */
export function points(s: ChartSeries | undefined): [number, number][] {
  return (s?.data ?? []) as [number, number][]
}
