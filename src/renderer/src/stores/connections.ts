// The clusters the console works with: the list, the current one, adding, testing, editing and
// removing connections, and switching between them without reloading the page.
import { defineStore, getActivePinia, getStores, type Pinia } from 'pinia'
import { computed, ref } from 'vue'
import type {
  ConnectionDefinition,
  ConnectionInfo,
  ConnectionTestResult
} from '../../../shared/api/connections'
import { api } from '../api/client'
import { currentConnection, setCurrentConnection } from '../api/connection'
import type { ClusterEntity } from '../lib/route-entity'
import { toProblem, type Problem } from './errors'

export type ConnectionDraft = ConnectionDefinition

/** The stores that outlive a switch: the connections themselves and the user's preferences. */
const KEPT_STORES = new Set(['connections', 'settings'])

/**
 * Disposes every store that holds a cluster's data, state included: the views mounted next
 * create them afresh on the new connection, and answers still in flight for the cluster left
 * land in stores nobody shows.
 */
function disposeClusterStores(pinia: Pinia): void {
  for (const store of getStores(pinia)) {
    if (KEPT_STORES.has(store.$id)) continue
    store.$dispose()
    // Without this, the next store of the same id would be hydrated with the old state.
    delete pinia.state.value[store.$id]
  }
}

export const useConnectionsStore = defineStore('connections', () => {
  const pinia = getActivePinia()
  const list = ref<ConnectionInfo[]>([])
  const currentId = ref(currentConnection())
  const problem = ref<Problem | null>(null)
  const busy = ref(false)
  const testing = ref(false)
  const testResult = ref<ConnectionTestResult | null>(null)
  const testProblem = ref<Problem | null>(null)
  /** The connection being switched to while the console checks what it holds. */
  const switchingTo = ref<string | null>(null)

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

  /** Whether a connection's cluster has the topic or group (false when it cannot tell). */
  async function holds(id: string, entity: ClusterEntity): Promise<boolean> {
    try {
      if (entity.kind === 'topic')
        await api.call('topics.describe', { name: entity.name, connection: id })
      else await api.call('groups.describe', { groupId: entity.groupId, connection: id })
      return true
    } catch {
      return false
    }
  }

  /**
   * Switches the whole console to another cluster, in place: the cluster's stores are disposed,
   * and the shell (keyed by `currentId`) mounts its views afresh, which load from the new
   * connection and subscribe to its events.
   */
  function switchTo(id: string): void {
    if (id === currentId.value) return
    setCurrentConnection(id)
    if (pinia) disposeClusterStores(pinia)
    currentId.value = id
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
    switchingTo,
    load,
    add,
    update,
    remove,
    test,
    holds,
    switchTo
  }
})
