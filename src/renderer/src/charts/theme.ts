// The colours and axis styles every chart draws with, light and dark, so that the charts agree
// with each other and with the console's theme.

export interface ChartTheme {
  /** Axis labels, legends, mark lines. */
  text: string
  /** Axis lines and split lines. */
  line: string
  /** A line drawn over the others (a total). */
  strong: string
  /** What is left over ("other partitions"). */
  muted: string
  /** A single series' bars. */
  accent: string
  /** A bar above its threshold. */
  warn: string
  /** Between heatmap cells: the panel's background. */
  cellBorder: string
  /** Distinct hues for many series, that stay apart at low opacity in both themes. */
  series: readonly string[]
  /** A heatmap's scale, from nothing to the most. */
  heat: readonly string[]
}

const SERIES = [
  '#5b8cff',
  '#f0a020',
  '#18a058',
  '#d03050',
  '#8a63d2',
  '#13a8a8',
  '#e8590c',
  '#a0b000'
] as const

export function chartTheme(dark: boolean): ChartTheme {
  return {
    text: dark ? '#c7c9d1' : '#475467',
    line: dark ? '#2c2c32' : '#eaecf0',
    strong: dark ? '#e4e7ec' : '#344054',
    muted: '#98a2b3',
    accent: dark ? '#5b8cff' : '#2f6fed',
    warn: '#f0a020',
    cellBorder: dark ? '#18181c' : '#ffffff',
    series: SERIES,
    heat: [dark ? '#1d2233' : '#eef3ff', '#5b8cff', '#f2c97d', '#e8590c']
  }
}

/** What every chart starts from: drawn on the panel's background, without animation. */
export const chartBase = { backgroundColor: 'transparent', animation: false } as const

/** A time or category axis along the bottom, without split lines. */
export function bottomAxis(t: ChartTheme): {
  axisLabel: { color: string; hideOverlap: true }
  axisLine: { lineStyle: { color: string } }
} {
  return {
    axisLabel: { color: t.text, hideOverlap: true },
    axisLine: { lineStyle: { color: t.line } }
  }
}

/** A value axis from zero, with split lines and labels in the chart's own format. */
export function valueAxis(
  t: ChartTheme,
  format: (v: number) => string
): {
  type: 'value'
  min: 0
  axisLabel: { color: string; formatter: (v: number) => string }
  splitLine: { lineStyle: { color: string } }
} {
  return {
    type: 'value',
    min: 0,
    axisLabel: { color: t.text, formatter: format },
    splitLine: { lineStyle: { color: t.line } }
  }
}
