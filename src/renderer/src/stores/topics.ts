// Topics: the list with search and sort, creation and deletion, kept fresh by change events.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { TopicDescription, TopicSummary } from '../../../shared/model'
import type { TopicDeletion } from '../../../shared/api/topics'
import type { Params } from '../../../shared/contract'
import { api } from '../api/client'
import { storeSubscriptions } from '../lib/store-subscriptions'
import { coalesce } from '../lib/coalesce'
import { refreshLoop } from '../lib/refresh-loop'
import { collisionIndex } from '../../../shared/kafka/topic-names'
import { toProblem, type Problem } from './errors'

export type TopicSortKey =
  'name' | 'partitions' | 'replicationFactor' | 'messages' | 'sizeBytes' | 'recordsPerSec'
export type SortOrder = 'ascend' | 'descend'

// One collator for every comparison: much cheaper than localeCompare on 10,000 names, and
// numeric, so "t2" sorts before "t10".
const collator = new Intl.Collator('en', { numeric: true })

/**
 * Filters by a case-insensitive substring (and leaves Kafka's internal topics out unless asked)
 * and sorts; pure, for the store and its tests.
 */
export function filterAndSort(
  topics: readonly TopicSummary[],
  search: string,
  key: TopicSortKey,
  order: SortOrder,
  showInternal = true
): TopicSummary[] {
  const q = search.trim().toLowerCase()
  const rows = topics.filter(
    (t) => (showInternal || !t.internal) && (!q || t.name.toLowerCase().includes(q))
  )
  const dir = order === 'ascend' ? 1 : -1
  rows.sort((a, b) => {
    const d =
      key === 'name'
        ? collator.compare(a.name, b.name)
        : ((a[key] as number | null) ?? -1) - ((b[key] as number | null) ?? -1)
    return d !== 0 ? d * dir : collator.compare(a.name, b.name)
  })
  return rows
}

export const useTopicsStore = defineStore('topics', () => {
  // shallowRef: 10,000 summaries need no deep reactivity, they are replaced as a whole.
  const topics = shallowRef<TopicSummary[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  const problem = ref<Problem | null>(null)
  const search = ref('')
  const sortKey = ref<TopicSortKey>('name')
  const sortOrder = ref<SortOrder>('ascend')
  /** Topics ticked in the list, for deleting several at once. */
  const selected = ref<Set<string>>(new Set())
  /** Whether the list shows Kafka's internal topics (__consumer_offsets); hidden by default. */
  const showInternal = ref(false)
  const internalCount = computed(() => topics.value.filter((t) => t.internal).length)

  const filtered = computed(() =>
    filterAndSort(topics.value, search.value, sortKey.value, sortOrder.value, showInternal.value)
  )
  const names = computed(() => collisionIndex(topics.value.map((t) => t.name)))
  const error = computed(() => problem.value?.message ?? null)

  async function fetchList(): Promise<void> {
    loading.value = true
    try {
      topics.value = (await api.call('topics.list', { includeInternal: true })).topics
      // A ticked topic deleted elsewhere leaves the selection.
      if (selected.value.size) {
        const present = new Set(topics.value.map((t) => t.name))
        const kept = [...selected.value].filter((n) => present.has(n))
        if (kept.length !== selected.value.size) selected.value = new Set(kept)
      }
      problem.value = null
      loaded.value = true
    } catch (err) {
      problem.value = toProblem(err)
    } finally {
      loading.value = false
    }
  }
  const reload = coalesce(fetchList, 400)

  /** Loads the list (coalesced with other reloads); resolves once it is fresh. */
  function load(): Promise<void> {
    reload.trigger()
    return reload.idle()
  }

  // Sizes and rates change without events: refresh while a view shows them, less often for
  // very long lists.
  const live = refreshLoop(
    () => reload.trigger(),
    () => (topics.value.length > 2000 ? 15_000 : 5000)
  )

  function setSort(key: TopicSortKey, order: SortOrder | false): void {
    if (order === false) {
      sortKey.value = 'name'
      sortOrder.value = 'ascend'
    } else {
      sortKey.value = key
      sortOrder.value = order
    }
  }

  /** Creates a topic; rejects with the CallError so that a form can show it on its field. */
  async function create(params: Params<'topics.create'>): Promise<TopicDescription> {
    const created = await api.call('topics.create', params)
    void load()
    return created
  }

  async function remove(name: string): Promise<void> {
    await api.call('topics.delete', { name })
    await load()
  }

  /**
   * Deletes several topics in one request; each is deleted or fails on its own. The deleted ones
   * leave the selection, the failed ones stay ticked.
   */
  async function removeMany(names: string[]): Promise<TopicDeletion[]> {
    const { topics: results } = await api.call('topics.deleteMany', { names })
    const deleted = new Set(results.filter((r) => r.deleted).map((r) => r.name))
    selected.value = new Set([...selected.value].filter((n) => !deleted.has(n)))
    await load()
    return results
  }

  const subscriptions = storeSubscriptions()
  function follow(): void {
    subscriptions.once(() => [
      api.on('topics.changed', () => reload.trigger()),
      api.on('cluster.changed', () => reload.trigger())
    ])
  }

  return {
    topics,
    loaded,
    loading,
    problem,
    error,
    search,
    sortKey,
    sortOrder,
    filtered,
    showInternal,
    internalCount,
    names,
    load,
    watchStats: live.acquire,
    setSort,
    create,
    remove,
    removeMany,
    selected,
    follow
  }
})
