// Produce rates over time for the overview chart, refreshed while the chart is on screen.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { RateSeries } from '../../../shared/api/metrics'
import { api } from '../api/client'
import { refreshLoop } from '../lib/refresh-loop'
import { toProblem, type Problem } from './errors'

export const RATE_WINDOW_MS = 5 * 60_000
export const RATE_REFRESH_MS = 5000

export const useMetricsStore = defineStore('metrics', () => {
  const series = shallowRef<RateSeries[]>([])
  const loaded = ref(false)
  const problem = ref<Problem | null>(null)
  let inFlight = false

  async function refresh(): Promise<void> {
    if (inFlight) return
    inFlight = true
    try {
      series.value = (await api.call('metrics.produceRate', { windowMs: RATE_WINDOW_MS })).series
      problem.value = null
      loaded.value = true
    } catch (err) {
      problem.value = toProblem(err)
    } finally {
      inFlight = false
    }
  }

  const live = refreshLoop(
    () => void refresh(),
    () => RATE_REFRESH_MS
  )

  return { series, loaded, problem, refresh, watchRates: live.acquire }
})
