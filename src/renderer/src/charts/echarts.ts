// ECharts, registered once with only the parts the console draws: line, bar and heatmap charts
// on a canvas, with a grid, axis tooltips, a legend, a colour scale for heatmaps and mark lines.
import { defineComponent, h, shallowRef } from 'vue'
import { use, type EChartsType } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent
} from 'echarts/components'
import ECharts from 'vue-echarts'

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
 * vue-echarts' chart, which also writes the option ECharts drew to its element's
 * data-chart-option after each render, as plain data (formatters dropped). A canvas shows
 * pixels only: this is how the end-to-end tests, and anyone in the devtools, check what a chart
 * actually draws.
 */
export const VChart = defineComponent({
  name: 'VChart',
  inheritAttrs: false,
  setup(_, { attrs }) {
    const inner = shallowRef<{ root?: HTMLElement; chart?: EChartsType }>()
    const record = () => {
      const { root, chart } = inner.value ?? {}
      if (root && chart) root.dataset.chartOption = JSON.stringify(chart.getOption())
    }
    return () => h(ECharts, { ...attrs, ref: inner, onFinished: record })
  }
})
