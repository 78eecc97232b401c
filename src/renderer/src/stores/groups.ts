// Consumer groups: the list with state, members and total lag.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { GroupSummary } from '../../../shared/api/groups'
import { api } from '../api/client'
import { coalesce } from '../lib/coalesce'
import { refreshLoop } from '../lib/refresh-loop'
import { toProblem, type Problem } from './errors'

export const useGroupsStore = defineStore('groups', () => {
  const groups = shallowRef<GroupSummary[]>([])
  const loaded = ref(false)
  const problem = ref<Problem | null>(null)

  const mostLag = computed(() =>
    [...groups.value]
      .sort((a, b) => b.totalLag - a.totalLag || a.groupId.localeCompare(b.groupId))
      .slice(0, 5)
  )

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

  function load(): Promise<void> {
    reload.trigger()
    return reload.idle()
  }

  let subscribed = false
  function follow(): void {
    if (subscribed) return
    subscribed = true
    api.on('groups.changed', () => reload.trigger())
  }

  return { groups, loaded, problem, mostLag, load, watchLag: live.acquire, follow }
})
