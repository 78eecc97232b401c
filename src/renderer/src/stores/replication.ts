// Replication: the replica map of the topic being looked at (leaders, followers in and out of
// sync, offline replicas), the timeline of leader elections and ISR changes, the records lost
// to unclean elections, and preferred-leader election. Broker stop/start is the cluster store's.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ClusterChange, ClusterResults } from '../../../shared/api/cluster'
import type { TopicDescription } from '../../../shared/model'
import { api } from '../api/client'
import { storeSubscriptions } from '../lib/store-subscriptions'
import { coalesce } from '../lib/coalesce'
import { refreshLoop } from '../lib/refresh-loop'
import { lossesOf, summarize } from '../lib/replica-map'
import { toProblem, type Problem } from './errors'

/** Changes fetched for the timeline and the loss report (the engine keeps the last 10,000). */
export const HISTORY_LIMIT = 2000

export const useReplicationStore = defineStore('replication', () => {
  const topic = ref<string | null>(null)
  const description = shallowRef<TopicDescription | null>(null)
  const problem = ref<Problem | null>(null)

  const changes = shallowRef<ClusterChange[]>([])
  const historyLoaded = ref(false)
  const historyProblem = ref<Problem | null>(null)

  const electing = ref(false)
  const electProblem = ref<Problem | null>(null)
  const electRefused = shallowRef<NonNullable<ClusterResults['partitions.electLeaders']['failed']>>(
    []
  )

  const summary = computed(() => summarize(description.value?.partitions ?? []))
  const losses = computed(() => lossesOf(changes.value))
  const recordsLost = computed(() => losses.value.reduce((n, c) => n + (c.recordsLost ?? 0), 0))

  async function fetchTopic(): Promise<void> {
    const name = topic.value
    if (!name) return
    try {
      const d = await api.call('topics.describe', { name })
      if (topic.value === name) {
        description.value = d
        problem.value = null
      }
    } catch (err) {
      if (topic.value === name) problem.value = toProblem(err)
    }
  }
  const reloadTopic = coalesce(fetchTopic, 500)

  async function fetchHistory(): Promise<void> {
    try {
      changes.value = (await api.call('cluster.history', { limit: HISTORY_LIMIT })).changes
      historyLoaded.value = true
      historyProblem.value = null
    } catch (err) {
      historyProblem.value = toProblem(err)
    }
  }
  // Stopping a broker of a large cluster emits a change per partition: one reload per burst.
  const reloadHistory = coalesce(fetchHistory, 500)

  // Followers catch up without a change event: the map polls while it is on screen.
  const live = refreshLoop(
    () => {
      reloadTopic.trigger()
      reloadHistory.trigger()
    },
    () => 3000
  )

  function open(name: string | null): Promise<void> {
    if (topic.value !== name) {
      topic.value = name
      description.value = null
      problem.value = null
    }
    reloadTopic.trigger()
    return reloadTopic.idle()
  }

  /**
   * Makes each partition's first replica its leader again where it is in sync; how many were
   * elected. The partitions the cluster refused (a Kafka cluster says which, and why) are kept in
   * electRefused.
   */
  async function electPreferred(): Promise<number | null> {
    electing.value = true
    electProblem.value = null
    electRefused.value = []
    try {
      const { elected, failed } = await api.call('partitions.electLeaders', {})
      electRefused.value = failed ?? []
      reloadTopic.trigger()
      reloadHistory.trigger()
      return elected.length
    } catch (err) {
      electProblem.value = toProblem(err)
      return null
    } finally {
      electing.value = false
    }
  }

  const subscriptions = storeSubscriptions()
  function follow(): void {
    subscriptions.once(() => [
      api.on('cluster.changed', (e) => {
        reloadHistory.trigger()
        if (!e.change?.topic || e.change.topic === topic.value) reloadTopic.trigger()
      }),
      api.on('topics.changed', (e) => {
        if (e.name === topic.value) reloadTopic.trigger()
      })
    ])
  }

  return {
    topic,
    description,
    problem,
    changes,
    historyLoaded,
    historyProblem,
    electing,
    electProblem,
    electRefused,
    summary,
    losses,
    recordsLost,
    open,
    electPreferred,
    watch: live.acquire,
    follow
  }
})
