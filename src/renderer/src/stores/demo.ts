// The demo's clients: their status while a view shows it, and pausing or resuming a demo
// consumer group (a paused group has no members, so its offsets can be reset or it can be
// deleted).
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { DemoStatus } from '../../../shared/api/demo'
import { api } from '../api/client'
import { refreshLoop } from '../lib/refresh-loop'
import { demoStalls } from '../lib/demo-status'
import { toProblem, type Problem } from './errors'

export const DEMO_STATUS_MS = 2000
export const DEMO_GROUP_IDS = ['demo-fulfillment', 'demo-analytics'] as const
export type DemoGroupId = (typeof DEMO_GROUP_IDS)[number]

export function isDemoGroup(groupId: string | null | undefined): groupId is DemoGroupId {
  return (DEMO_GROUP_IDS as readonly (string | null | undefined)[]).includes(groupId)
}

export const useDemoStore = defineStore('demo', () => {
  const status = ref<DemoStatus | null>(null)
  const problem = ref<Problem | null>(null)
  const busy = ref<string | null>(null)

  const loaded = computed(() => status.value?.loaded ?? false)
  const stalls = computed(() => demoStalls(status.value))

  async function refresh(): Promise<void> {
    try {
      status.value = await api.call('demo.status', {})
    } catch (err) {
      // A cluster without demo clients (a real Kafka cluster) has no status to show.
      status.value = null
      const { code } = toProblem(err)
      if (code !== 'UNAVAILABLE' && code !== 'UNREACHABLE') problem.value = toProblem(err)
    }
  }
  const live = refreshLoop(
    () => void refresh(),
    () => DEMO_STATUS_MS
  )

  /** Keeps the status fresh while the caller needs it; returns the release function. */
  function watch(): () => void {
    return live.acquire()
  }

  function consumer(groupId: string) {
    return status.value?.consumers.find((c) => c.groupId === groupId) ?? null
  }

  async function setPaused(groupId: DemoGroupId, paused: boolean): Promise<boolean> {
    busy.value = groupId
    problem.value = null
    try {
      status.value = await api.call(paused ? 'demo.pauseGroup' : 'demo.resumeGroup', { groupId })
      return true
    } catch (err) {
      problem.value = toProblem(err)
      return false
    } finally {
      busy.value = null
    }
  }

  return { status, problem, busy, loaded, stalls, refresh, watch, consumer, setPaused }
})
