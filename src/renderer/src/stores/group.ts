// The consumer group open in the detail view: members, offsets per partition, health (lag in
// time, rates, trend, deadline before retention deletes unconsumed records) and lag over time.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { GroupDescription, GroupsResults } from '../../../shared/api/groups'
import { api } from '../api/client'
import { storeSubscriptions } from '../lib/store-subscriptions'
import { coalesce } from '../lib/coalesce'
import { refreshLoop } from '../lib/refresh-loop'
import { toProblem, type Problem } from './errors'

export type LagHistory = GroupsResults['groups.lagHistory']

export const LAG_WINDOWS = [
  { value: 5 * 60_000, label: '5 min' },
  { value: 3_600_000, label: '1 h' },
  { value: 86_400_000, label: '24 h' }
] as const

/** How often the chart reloads: the engine samples every 10 s; a day-long window needs less. */
export function historyRefreshMs(windowMs: number): number {
  return windowMs > 3_600_000 ? 60_000 : 10_000
}

export const useGroupStore = defineStore('group', () => {
  const groupId = ref<string | null>(null)
  const description = shallowRef<GroupDescription | null>(null)
  const problem = ref<Problem | null>(null)
  const windowMs = ref<number>(LAG_WINDOWS[0].value)
  const history = shallowRef<LagHistory | null>(null)
  const historyProblem = ref<Problem | null>(null)
  /** When the history shown was fetched: the chart's time axis ends there. */
  const historyAt = ref(0)

  /** Topics the group committed offsets on or has assigned to a member. */
  const topics = computed(() => [
    ...new Set([
      ...(description.value?.offsets.map((o) => o.topic) ?? []),
      ...(description.value?.members.flatMap((m) => m.assignments.map((a) => a.topic)) ?? [])
    ])
  ])
  /** Which members (client ids) are assigned each topic-partition (a share group's may be several). */
  const owners = computed(() => {
    const m = new Map<string, string>()
    for (const member of description.value?.members ?? [])
      for (const a of member.assignments)
        for (const p of a.partitions) {
          const k = `${a.topic}-${p}`
          m.set(k, m.has(k) ? `${m.get(k)}, ${member.clientId}` : member.clientId)
        }
    return m
  })

  async function fetchDescription(): Promise<void> {
    const id = groupId.value
    if (!id) return
    try {
      const d = await api.call('groups.describe', { groupId: id })
      if (groupId.value === id) {
        description.value = d
        problem.value = null
      }
    } catch (err) {
      if (groupId.value === id) problem.value = toProblem(err)
    }
  }
  const reload = coalesce(fetchDescription, 1000)

  async function fetchHistory(): Promise<void> {
    const id = groupId.value
    const w = windowMs.value
    if (!id) return
    try {
      const h = await api.call('groups.lagHistory', { groupId: id, windowMs: w })
      if (groupId.value === id && windowMs.value === w) {
        history.value = h
        historyAt.value = Date.now()
        historyProblem.value = null
      }
    } catch (err) {
      if (groupId.value === id) historyProblem.value = toProblem(err)
    }
  }
  const reloadHistory = coalesce(fetchHistory, 1000)

  const liveDescription = refreshLoop(
    () => {
      if (groupId.value) reload.trigger()
    },
    () => 5000
  )
  const liveHistory = refreshLoop(
    () => {
      if (groupId.value) reloadHistory.trigger()
    },
    () => historyRefreshMs(windowMs.value)
  )

  /** Starts the live refresh of the description and the chart; returns the release. */
  function watch(): () => void {
    const a = liveDescription.acquire()
    const b = liveHistory.acquire()
    return () => {
      a()
      b()
    }
  }

  function open(id: string): Promise<void> {
    if (groupId.value !== id) {
      groupId.value = id
      description.value = null
      history.value = null
      problem.value = null
      historyProblem.value = null
    }
    reload.trigger()
    reloadHistory.trigger()
    return reload.idle()
  }

  function setWindow(ms: number): Promise<void> {
    if (windowMs.value !== ms) {
      windowMs.value = ms
      history.value = null
    }
    reloadHistory.trigger()
    return reloadHistory.idle()
  }

  /** Reloads now, e.g. after an offset reset. */
  function refresh(): Promise<void> {
    reload.trigger()
    reloadHistory.trigger()
    return Promise.all([reload.idle(), reloadHistory.idle()]).then(() => undefined)
  }

  const subscriptions = storeSubscriptions()
  function follow(): void {
    subscriptions.once(() => [
      api.on('groups.changed', (e) => {
        if (e.groupId === groupId.value) reload.trigger()
      })
    ])
  }

  return {
    groupId,
    description,
    problem,
    windowMs,
    history,
    historyProblem,
    historyAt,
    topics,
    owners,
    open,
    setWindow,
    refresh,
    watch,
    follow
  }
})
