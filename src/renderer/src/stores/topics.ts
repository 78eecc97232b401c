// Topics: the list, one topic's description, creation and deletion.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { TopicDescription, TopicSummary } from '../../../shared/model'
import type { Params } from '../../../shared/contract'
import { api } from '../api/client'
import { errorMessage } from './errors'

export type SortKey = 'name' | 'partitions' | 'messages' | 'sizeBytes'

export const useTopicsStore = defineStore('topics', () => {
  const topics = ref<TopicSummary[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const search = ref('')
  const current = ref<TopicDescription | null>(null)
  const currentError = ref<string | null>(null)

  const filtered = computed(() => {
    const q = search.value.trim().toLowerCase()
    return q ? topics.value.filter((t) => t.name.toLowerCase().includes(q)) : topics.value
  })

  async function load(): Promise<void> {
    if (loading.value) return
    loading.value = true
    try {
      topics.value = (await api.call('topics.list', {})).topics
      error.value = null
      loaded.value = true
    } catch (err) {
      error.value = errorMessage(err)
    } finally {
      loading.value = false
    }
  }

  async function describe(name: string): Promise<void> {
    try {
      current.value = await api.call('topics.describe', { name })
      currentError.value = null
    } catch (err) {
      current.value = null
      currentError.value = errorMessage(err)
    }
  }

  /** Creates a topic; rejects with the ApiError so that a form can show it on its field. */
  async function create(params: Params<'topics.create'>): Promise<TopicDescription> {
    const created = await api.call('topics.create', params)
    await load()
    return created
  }

  async function remove(name: string): Promise<void> {
    await api.call('topics.delete', { name })
    if (current.value?.name === name) current.value = null
    await load()
  }

  let subscribed = false
  function follow(): void {
    if (subscribed) return
    subscribed = true
    api.on('topics.changed', (e) => {
      void load()
      if (current.value?.name === e.name) void describe(e.name)
    })
    api.on('cluster.changed', () => {
      if (current.value) void describe(current.value.name)
    })
  }

  return {
    topics,
    loaded,
    loading,
    error,
    search,
    filtered,
    current,
    currentError,
    load,
    describe,
    create,
    remove,
    follow
  }
})
