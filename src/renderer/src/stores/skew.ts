// Hot-partition diagnosis: a topic's per-partition load and top keys from a key sample with the
// engine's findings and remedies, its produce rate per partition over time (the heatmap), and
// the lag of the groups consuming it, per partition (a hot partition shows up as lag on the
// member that owns it).
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { SkewReport } from '../../../shared/api/partitions'
import type { RateSeries } from '../../../shared/api/metrics'
import { api } from '../api/client'
import { coalesce } from '../lib/coalesce'
import { refreshLoop } from '../lib/refresh-loop'
import { toProblem, type Problem } from './errors'

export const HEATMAP_WINDOWS = [
  { value: 5 * 60_000, label: '5 min' },
  { value: 15 * 60_000, label: '15 min' },
  { value: 3_600_000, label: '1 h' }
] as const

/** Groups whose lag is shown beside the partitions, most lag first. */
export const LAG_GROUPS = 4

export interface PartitionLag {
  lag: number
  lagMs: number
  /** Client id of the member the partition is assigned to, if any. */
  owner: string | null
}

export interface ConsumerLag {
  groupId: string
  state: string
  totalLag: number
  byPartition: Record<number, PartitionLag>
}

export const useSkewStore = defineStore('skew', () => {
  const topic = ref<string | null>(null)
  const report = shallowRef<SkewReport | null>(null)
  const loading = ref(false)
  const problem = ref<Problem | null>(null)

  const rateWindowMs = ref<number>(HEATMAP_WINDOWS[0].value)
  const rates = shallowRef<RateSeries[]>([])
  const ratesLoaded = ref(false)
  const ratesProblem = ref<Problem | null>(null)

  const consumers = shallowRef<ConsumerLag[]>([])
  const consumersProblem = ref<Problem | null>(null)

  async function analyze(name: string): Promise<void> {
    if (topic.value !== name) {
      rates.value = []
      ratesLoaded.value = false
      consumers.value = []
    }
    topic.value = name
    loading.value = true
    problem.value = null
    reloadRates.trigger()
    reloadConsumers.trigger()
    try {
      const r = await api.call('partitions.skew', { topic: name })
      if (topic.value === name) report.value = r
    } catch (err) {
      if (topic.value === name) {
        report.value = null
        problem.value = toProblem(err)
      }
    } finally {
      loading.value = false
    }
  }

  async function fetchRates(): Promise<void> {
    const name = topic.value
    const windowMs = rateWindowMs.value
    if (!name) return
    try {
      const r = await api.call('metrics.produceRate', { topic: name, perPartition: true, windowMs })
      if (topic.value === name && rateWindowMs.value === windowMs) {
        rates.value = r.series
        ratesLoaded.value = true
        ratesProblem.value = null
      }
    } catch (err) {
      if (topic.value === name) ratesProblem.value = toProblem(err)
    }
  }
  const reloadRates = coalesce(fetchRates, 1000)

  async function fetchConsumers(): Promise<void> {
    const name = topic.value
    if (!name) return
    try {
      const { groups } = await api.call('groups.list', {})
      const reading = groups
        .filter((g) => g.topics.includes(name))
        .sort((a, b) => b.totalLag - a.totalLag || a.groupId.localeCompare(b.groupId))
        .slice(0, LAG_GROUPS)
      const described = await Promise.all(
        reading.map((g) => api.call('groups.describe', { groupId: g.groupId }).catch(() => null))
      )
      const next: ConsumerLag[] = []
      for (const d of described) {
        if (!d) continue
        const owner = new Map<number, string>()
        for (const m of d.members)
          for (const a of m.assignments)
            if (a.topic === name) for (const p of a.partitions) owner.set(p, m.clientId)
        const byPartition: Record<number, PartitionLag> = {}
        let totalLag = 0
        for (const o of d.offsets) {
          if (o.topic !== name) continue
          byPartition[o.partition] = {
            lag: o.lag,
            lagMs: o.lagMs,
            owner: owner.get(o.partition) ?? null
          }
          totalLag += o.lag
        }
        next.push({ groupId: d.groupId, state: d.state, totalLag, byPartition })
      }
      if (topic.value === name) {
        consumers.value = next
        consumersProblem.value = null
      }
    } catch (err) {
      if (topic.value === name) consumersProblem.value = toProblem(err)
    }
  }
  const reloadConsumers = coalesce(fetchConsumers, 2000)

  // The heatmap and the lag beside it move with the traffic: refresh while on screen.
  const live = refreshLoop(
    () => {
      if (!topic.value) return
      reloadRates.trigger()
      reloadConsumers.trigger()
    },
    () => 5000
  )

  function setRateWindow(ms: number): Promise<void> {
    rateWindowMs.value = ms
    reloadRates.trigger()
    return reloadRates.idle()
  }

  return {
    topic,
    report,
    loading,
    problem,
    rateWindowMs,
    rates,
    ratesLoaded,
    ratesProblem,
    consumers,
    consumersProblem,
    analyze,
    setRateWindow,
    watchLive: live.acquire
  }
})
