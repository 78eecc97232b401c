// Long operations (searches, copies) running in the engine: their progress from push events,
// checked by polling while any runs, and cancellation.
import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref } from 'vue'
import type { OperationStatus } from '../../../shared/api/metrics'
import { api } from '../api/client'
import { storeSubscriptions } from '../lib/store-subscriptions'
import { toProblem, type Problem } from './errors'

export const POLL_MS = 1000

export const useOperationsStore = defineStore('operations', () => {
  const byId = ref<Record<string, OperationStatus>>({})
  const problem = ref<Problem | null>(null)
  const cancelling = ref<Set<string>>(new Set())

  const all = computed(() => Object.values(byId.value).sort((a, b) => b.startedAt - a.startedAt))
  const running = computed(() => all.value.filter((o) => !o.done))

  function update(s: OperationStatus): void {
    const prev = byId.value[s.operationId]
    // Events and polls may arrive out of order: never go back from done to running.
    if (prev?.done && !s.done) return
    // A server that does not say when an operation ended: it ended when it was first seen done.
    const finishedAt = s.finishedAt ?? prev?.finishedAt ?? (s.done ? Date.now() : undefined)
    byId.value = {
      ...byId.value,
      [s.operationId]: { ...prev, ...s, ...(finishedAt === undefined ? {} : { finishedAt }) }
    }
  }

  function track(operationId: string, kind: OperationStatus['kind'], description: string): void {
    if (byId.value[operationId]) return
    update({
      operationId,
      kind,
      description,
      startedAt: Date.now(),
      done: false,
      cancelled: false,
      progress: null,
      processed: 0,
      matched: 0
    })
    ensurePolling()
  }

  async function refresh(): Promise<void> {
    try {
      const { operations } = await api.call('operations.list', {})
      for (const o of operations) update(o)
      problem.value = null
    } catch (err) {
      problem.value = toProblem(err)
    }
  }

  let timer: ReturnType<typeof setInterval> | null = null
  let inFlight = false
  function ensurePolling(): void {
    if (timer !== null) return
    timer = setInterval(() => {
      if (inFlight) return
      if (running.value.length === 0) {
        if (timer !== null) clearInterval(timer)
        timer = null
        return
      }
      inFlight = true
      void refresh().finally(() => (inFlight = false))
    }, POLL_MS)
  }

  onScopeDispose(() => {
    if (timer !== null) clearInterval(timer)
    timer = null
  })

  async function cancel(operationId: string): Promise<void> {
    cancelling.value = new Set(cancelling.value).add(operationId)
    try {
      update(await api.call('operations.cancel', { operationId }))
      problem.value = null
    } catch (err) {
      problem.value = toProblem(err)
    } finally {
      const s = new Set(cancelling.value)
      s.delete(operationId)
      cancelling.value = s
    }
  }

  const subscriptions = storeSubscriptions()
  function follow(): void {
    subscriptions.once(() => {
      void refresh().then(() => {
        if (running.value.length) ensurePolling()
      })
      return [
        api.on('operation.progress', (s) => {
          const { records: _records, ...status } = s
          update(status)
        })
      ]
    })
  }

  return { byId, all, running, problem, cancelling, update, track, refresh, cancel, follow }
})
