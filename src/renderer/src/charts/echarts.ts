// ECharts, registered once with only the parts the console draws: line, bar and heatmap charts
// on a canvas, with a grid, axis tooltips, a legend, a colour scale for heatmaps and mark lines.
import { getInstanceByDom, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent
} from 'echarts/components'
import VChart from 'vue-echarts'

use([
  CanvasRenderer,
  LineChart,
  BarChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapComponent,
  MarkLineComponent
])

/**
 * The option a chart on the page was given, as plain data (formatters dropped), found from any
 * element that contains the chart. A canvas shows pixels only: this is how the end-to-end
 * tests, and anyone in the devtools console, check what a chart actually draws.
 */
function chartOption(el: Element | null): unknown {
  const host = el?.matches('.echarts-host') ? el : el?.querySelector('.echarts-host')
  const chart = host instanceof HTMLElement ? getInstanceByDom(host) : undefined
  return chart ? JSON.parse(JSON.stringify(chart.getOption())) : null
}
;(globalThis as { __logdeckChartOption?: typeof chartOption }).__logdeckChartOption = chartOption

export { VChart }
