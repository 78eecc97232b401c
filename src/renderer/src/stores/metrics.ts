// Produce rates over time for the overview chart, refreshed while the chart is on screen.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { RateSeries } from '../../../shared/api/metrics'
import { api } from '../api/client'
import { toProblem, type Problem } from './errors'

export const RATE_WINDOW_MS = 5 * 60_000
export const RATE_REFRESH_MS = 5000

export const useMetricsStore = defineStore('metrics', () => {
  const series = shallowRef<RateSeries[]>([])
  const loaded = ref(false)
  const problem = ref<Problem | null>(null)
  let inFlight = false
  let timer: ReturnType<typeof setInterval> | null = null
  let watchers = 0

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

  /** Starts refreshing; returns the function that stops it (call it on unmount). */
  function watchRates(): () => void {
    watchers++
    void refresh()
    if (timer === null) timer = setInterval(() => void refresh(), RATE_REFRESH_MS)
    let stopped = false
    return () => {
      if (stopped) return
      stopped = true
      watchers--
      if (watchers === 0 && timer !== null) {
        clearInterval(timer)
        timer = null
      }
    }
  }

  return { series, loaded, problem, refresh, watchRates }
})
