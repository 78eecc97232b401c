// The topic open in the detail view: its description, config edits, partition growth with a
// preview of moved keys, and deletion.
import { defineStore } from 'pinia'
import { countPartitions, replicationHealth } from '../lib/health'
import { computed, ref } from 'vue'
import type { TopicDescription } from '../../../shared/model'
import type { WhatIfResult } from '../../../shared/api/partitions'
import { api } from '../api/client'
import { storeSubscriptions } from '../lib/store-subscriptions'
import { coalesce } from '../lib/coalesce'
import { refreshLoop } from '../lib/refresh-loop'
import { fieldMessage, toProblem, type Problem } from './errors'

export const useTopicStore = defineStore('topic', () => {
  const name = ref<string | null>(null)
  const description = ref<TopicDescription | null>(null)
  const problem = ref<Problem | null>(null)

  const editing = ref<string | null>(null)
  const draft = ref('')
  const configError = ref<string | null>(null)
  const savingConfig = ref(false)

  const growTarget = ref(1)
  const growError = ref<string | null>(null)
  const growing = ref(false)
  const preview = ref<WhatIfResult | null>(null)
  const previewProblem = ref<Problem | null>(null)
  const previewLoading = ref(false)

  const partitionCount = computed(() => description.value?.partitions.length ?? 0)
  const totals = computed(() => {
    const parts = description.value?.partitions ?? []
    return {
      messages: parts.reduce((n, p) => n + (p.highWatermark - p.logStartOffset), 0),
      // Unknown when the cluster does not tell the size of any one partition.
      sizeBytes: parts.some((p) => p.sizeBytes === null)
        ? null
        : parts.reduce((n, p) => n + (p.sizeBytes ?? 0), 0),
      recordsPerSec: parts.reduce((n, p) => n + p.recordsPerSec, 0),
      ...countPartitions(parts)
    }
  })

  const replication = computed(() => replicationHealth(totals.value))

  /** When the description was fetched: how long a transaction has been open counts from it. */
  const fetchedAt = ref(Date.now())

  async function fetchDescription(): Promise<void> {
    const n = name.value
    if (!n) return
    try {
      const d = await api.call('topics.describe', { name: n })
      if (name.value === n) {
        fetchedAt.value = Date.now()
        description.value = d
        problem.value = null
      }
    } catch (err) {
      if (name.value === n) problem.value = toProblem(err)
    }
  }
  const reload = coalesce(fetchDescription, 300)

  const live = refreshLoop(
    () => {
      if (name.value && !editing.value) reload.trigger()
    },
    () => 3000
  )

  function open(topic: string): Promise<void> {
    if (name.value !== topic) {
      name.value = topic
      description.value = null
      problem.value = null
      cancelEdit()
    }
    reload.trigger()
    return reload.idle()
  }

  function startEdit(config: string): void {
    const entry = description.value?.configEntries.find((c) => c.name === config)
    editing.value = config
    draft.value = entry?.value ?? ''
    configError.value = null
  }

  function cancelEdit(): void {
    editing.value = null
    draft.value = ''
    configError.value = null
  }

  async function alter(set: Record<string, string>, remove: string[]): Promise<boolean> {
    if (!name.value) return false
    savingConfig.value = true
    configError.value = null
    try {
      description.value = await api.call('topics.alterConfigs', {
        name: name.value,
        ...(Object.keys(set).length ? { set } : {}),
        ...(remove.length ? { delete: remove } : {})
      })
      return true
    } catch (err) {
      const p = toProblem(err)
      const field = p.field?.replace(/^(set|delete)\./, '')
      configError.value =
        field && editing.value && field !== editing.value
          ? `${field}: ${fieldMessage(err)}`
          : fieldMessage(err)
      return false
    } finally {
      savingConfig.value = false
    }
  }

  async function saveEdit(): Promise<boolean> {
    if (!editing.value) return false
    const ok = await alter({ [editing.value]: draft.value.trim() }, [])
    if (ok) cancelEdit()
    return ok
  }

  /** Removes the topic's override so the config falls back to its default. */
  async function resetToDefault(config: string): Promise<boolean> {
    editing.value = config
    const ok = await alter({}, [config])
    if (ok) cancelEdit()
    return ok
  }

  function startGrow(): void {
    growTarget.value = partitionCount.value + 1
    growError.value = null
    preview.value = null
    previewProblem.value = null
  }

  let previewSeq = 0
  /** The preview of the count now chosen: never one computed for another (or an invalid) count. */
  const currentPreview = computed(() =>
    preview.value &&
    growTarget.value > partitionCount.value &&
    preview.value.topic === name.value &&
    preview.value.partitionCount === growTarget.value
      ? preview.value
      : null
  )

  async function loadPreview(): Promise<void> {
    if (!name.value || growTarget.value <= partitionCount.value) {
      preview.value = null
      return
    }
    const seq = ++previewSeq
    previewLoading.value = true
    try {
      const r = await api.call('partitions.whatIf', {
        topic: name.value,
        partitionCount: growTarget.value,
        strategy: { kind: 'asIs' }
      })
      if (seq === previewSeq) {
        preview.value = r
        previewProblem.value = null
      }
    } catch (err) {
      if (seq === previewSeq) {
        preview.value = null
        previewProblem.value = toProblem(err)
      }
    } finally {
      if (seq === previewSeq) previewLoading.value = false
    }
  }

  async function grow(): Promise<boolean> {
    if (!name.value) return false
    growing.value = true
    growError.value = null
    try {
      description.value = await api.call('topics.createPartitions', {
        name: name.value,
        totalCount: growTarget.value
      })
      return true
    } catch (err) {
      growError.value = fieldMessage(err)
      return false
    } finally {
      growing.value = false
    }
  }

  const subscriptions = storeSubscriptions()
  function follow(): void {
    subscriptions.once(() => [
      api.on('topics.changed', (e) => {
        if (e.name === name.value) reload.trigger()
      }),
      api.on('cluster.changed', () => {
        if (name.value) reload.trigger()
      })
    ])
  }

  return {
    name,
    description,
    problem,
    partitionCount,
    totals,
    replication,
    editing,
    draft,
    configError,
    savingConfig,
    growTarget,
    growError,
    growing,
    preview,
    previewProblem,
    previewLoading,
    open,
    fetchedAt,
    watchStats: live.acquire,
    startEdit,
    cancelEdit,
    saveEdit,
    resetToDefault,
    startGrow,
    loadPreview,
    currentPreview,
    grow,
    follow
  }
})
