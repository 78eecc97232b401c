// The clusters the console works with: the list, the current one, adding, testing, editing and
// removing connections, and switching between them.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type {
  ConnectionDefinition,
  ConnectionInfo,
  ConnectionTestResult
} from '../../../shared/api/connections'
import { api } from '../api/client'
import { currentConnection, setCurrentConnection } from '../api/connection'
import { toProblem, type Problem } from './errors'

export type ConnectionDraft = ConnectionDefinition

export const useConnectionsStore = defineStore('connections', () => {
  const list = ref<ConnectionInfo[]>([])
  const currentId = ref(currentConnection())
  const problem = ref<Problem | null>(null)
  const busy = ref(false)
  const testing = ref(false)
  const testResult = ref<ConnectionTestResult | null>(null)
  const testProblem = ref<Problem | null>(null)

  const current = computed(() => list.value.find((c) => c.id === currentId.value) ?? null)
  const isExternal = computed(() => currentId.value !== 'embedded')

  async function load(): Promise<void> {
    try {
      list.value = (await api.call('connections.list', {})).connections
      problem.value = null
      // A connection removed elsewhere: back to the embedded cluster.
      if (!list.value.some((c) => c.id === currentId.value)) switchTo('embedded')
    } catch (err) {
      problem.value = toProblem(err)
    }
  }

  async function run<T>(work: () => Promise<T>): Promise<T | null> {
    busy.value = true
    try {
      const out = await work()
      problem.value = null
      return out
    } catch (err) {
      problem.value = toProblem(err)
      return null
    } finally {
      busy.value = false
    }
  }

  async function add(def: ConnectionDraft): Promise<string | null> {
    const added = await run(() => api.call('connections.add', def))
    await load()
    return added?.id ?? null
  }

  async function update(id: string, def: Partial<ConnectionDraft>): Promise<boolean> {
    const ok = await run(() => api.call('connections.update', { id, ...def }))
    await load()
    return ok !== null
  }

  async function remove(id: string): Promise<boolean> {
    const ok = await run(() => api.call('connections.remove', { id }))
    await load()
    return ok !== null
  }

  async function test(target: { id: string } | { definition: ConnectionDraft }): Promise<void> {
    testing.value = true
    testResult.value = null
    testProblem.value = null
    try {
      testResult.value = await api.call('connections.test', target)
    } catch (err) {
      testProblem.value = toProblem(err)
    } finally {
      testing.value = false
    }
  }

  /** Switches the whole console to another cluster: every view starts afresh on it. */
  function switchTo(id: string): void {
    if (id === currentId.value) return
    setCurrentConnection(id)
    currentId.value = id
    const loc = (globalThis as { location?: { hash: string; reload(): void } }).location
    if (loc) {
      loc.hash = '#/'
      loc.reload()
    }
  }

  return {
    list,
    currentId,
    current,
    isExternal,
    problem,
    busy,
    testing,
    testResult,
    testProblem,
    load,
    add,
    update,
    remove,
    test,
    switchTo
  }
})
