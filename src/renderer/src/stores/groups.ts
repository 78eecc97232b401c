// Consumer groups: the list with state, members, total lag, lag in time and risk, and a lag
// sparkline per group from its recent lag history.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { GroupSummary } from '../../../shared/api/groups'
import { api } from '../api/client'
import { storeSubscriptions } from '../lib/store-subscriptions'
import { coalesce } from '../lib/coalesce'
import { downsample } from '../lib/lag'
import { refreshLoop } from '../lib/refresh-loop'
import { toProblem, type Problem } from './errors'

/** The sparkline shows the last 15 minutes (90 samples at the engine's 10 s interval). */
export const SPARKLINE_WINDOW_MS = 15 * 60_000
/** Sparklines are drawn for this many groups at most, those with the most lag first. */
export const SPARKLINE_GROUPS = 100
const SPARKLINE_POINTS = 45
const SPARKLINE_CONCURRENCY = 4

export const useGroupsStore = defineStore('groups', () => {
  const groups = shallowRef<GroupSummary[]>([])
  const loaded = ref(false)
  const problem = ref<Problem | null>(null)
  /** Total lag over the sparkline window, per group. */
  const sparklines = shallowRef<Record<string, number[]>>({})

  const mostLag = computed(() =>
    [...groups.value]
      .sort((a, b) => b.totalLag - a.totalLag || a.groupId.localeCompare(b.groupId))
      .slice(0, 5)
  )
  const totals = computed(() => ({
    groups: groups.value.length,
    stable: groups.value.filter((g) => g.state === 'Stable').length,
    lagging: groups.value.filter((g) => g.totalLag > 0).length,
    totalLag: groups.value.reduce((n, g) => n + g.totalLag, 0),
    atRisk: groups.value.filter((g) => g.atRisk).length,
    recordsLost: groups.value.reduce((n, g) => n + g.recordsLost, 0)
  }))

  async function fetchGroups(): Promise<void> {
    try {
      groups.value = (await api.call('groups.list', {})).groups
      problem.value = null
      loaded.value = true
    } catch (err) {
      problem.value = toProblem(err)
    }
  }
  const reload = coalesce(fetchGroups, 1000)

  // Lag moves with every record produced or consumed: refresh while a view shows it.
  const live = refreshLoop(
    () => reload.trigger(),
    () => 5000
  )

  async function fetchSparklines(): Promise<void> {
    await reload.idle()
    const ids = [...groups.value]
      .sort((a, b) => b.totalLag - a.totalLag || a.groupId.localeCompare(b.groupId))
      .slice(0, SPARKLINE_GROUPS)
      .map((g) => g.groupId)
    const next: Record<string, number[]> = {}
    let i = 0
    const worker = async () => {
      while (i < ids.length) {
        const groupId = ids[i++]
        try {
          const h = await api.call('groups.lagHistory', {
            groupId,
            windowMs: SPARKLINE_WINDOW_MS
          })
          next[groupId] = downsample(h.total, SPARKLINE_POINTS).map((p) => p[1])
        } catch {
          // A group deleted meanwhile has no line; the list shows why on its next reload.
        }
      }
    }
    await Promise.all(Array.from({ length: SPARKLINE_CONCURRENCY }, worker))
    sparklines.value = next
  }
  const reloadSparklines = coalesce(fetchSparklines, 5000)
  // The engine samples lag every 10 s: a faster refresh would draw the same line.
  const sparklineLoop = refreshLoop(
    () => reloadSparklines.trigger(),
    () => 10_000
  )

  function load(): Promise<void> {
    reload.trigger()
    return reload.idle()
  }

  const subscriptions = storeSubscriptions()
  function follow(): void {
    subscriptions.once(() => [api.on('groups.changed', () => reload.trigger())])
  }

  /** Deletes a group without members (its committed offsets go with it). Rejects on failure. */
  async function remove(groupId: string): Promise<void> {
    await api.call('groups.delete', { groupId })
    groups.value = groups.value.filter((g) => g.groupId !== groupId)
    reload.trigger()
  }

  return {
    groups,
    loaded,
    problem,
    sparklines,
    mostLag,
    totals,
    load,
    remove,
    watchLag: live.acquire,
    watchSparklines: sparklineLoop.acquire,
    follow
  }
})
