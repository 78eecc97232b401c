// Faults injected into the embedded cluster: the list with hits (kept fresh while any view shows
// it, and on every fault event), injecting one, clearing one or all. A Kafka connection has no
// faults: the list stays empty there.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Fault, FaultAction, FaultTarget } from '../../../shared/api/faults'
import { api } from '../api/client'
import { storeSubscriptions } from '../lib/store-subscriptions'
import { coalesce } from '../lib/coalesce'
import { refreshLoop } from '../lib/refresh-loop'
import { useConnectionsStore } from './connections'
import { toProblem, type Problem } from './errors'

export interface FaultRequest {
  target: FaultTarget
  action: FaultAction
  count?: number
  durationMs?: number
  probability?: number
}

export const useFaultsStore = defineStore('faults', () => {
  const connections = useConnectionsStore()
  const faults = shallowRef<Fault[]>([])
  const loaded = ref(false)
  const problem = ref<Problem | null>(null)
  const clearing = ref(false)

  const active = computed(() => faults.value.filter((f) => f.active))
  /** Newest first. */
  const sorted = computed(() => [...faults.value].sort((a, b) => b.createdAt - a.createdAt))

  async function fetchList(): Promise<void> {
    if (connections.isExternal) {
      faults.value = []
      loaded.value = true
      return
    }
    try {
      faults.value = (await api.call('faults.list', {})).faults
      problem.value = null
      loaded.value = true
    } catch (err) {
      problem.value = toProblem(err)
    }
  }
  const reload = coalesce(fetchList, 500)
  // Faults with a duration expire without an event: the list is polled while a view shows it.
  const live = refreshLoop(
    () => reload.trigger(),
    () => 3000
  )

  function load(): Promise<void> {
    reload.trigger()
    return reload.idle()
  }

  /** Injects a fault; rejects with the API's error (naming the field) when it is refused. */
  async function inject(request: FaultRequest): Promise<Fault> {
    const fault = await api.call('faults.inject', request)
    await load()
    return fault
  }

  /** Clears one fault, or all of them; requests a fault holds go on at once. */
  async function clear(id?: string): Promise<void> {
    clearing.value = true
    try {
      await api.call('faults.clear', id === undefined ? {} : { id })
      problem.value = null
    } catch (err) {
      problem.value = toProblem(err)
    } finally {
      clearing.value = false
      await load()
    }
  }

  /** The active faults whose target names this topic, broker or group. */
  function on(where: { topic?: string; brokerId?: number; groupId?: string }): Fault[] {
    return active.value.filter(
      (f) =>
        (where.topic !== undefined && f.target.topic === where.topic) ||
        (where.brokerId !== undefined && f.target.brokerId === where.brokerId) ||
        (where.groupId !== undefined && f.target.groupId === where.groupId)
    )
  }

  const subscriptions = storeSubscriptions()
  function follow(): void {
    subscriptions.once(() => [
      api.on('cluster.changed', (e) => {
        if (e.change?.kind === 'fault' || e.reason === 'fault') reload.trigger()
      })
    ])
  }

  return {
    faults,
    sorted,
    active,
    loaded,
    problem,
    clearing,
    load,
    inject,
    clear,
    on,
    follow,
    watch: live.acquire
  }
})
