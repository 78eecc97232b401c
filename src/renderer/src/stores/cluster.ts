// The cluster the console is connected to: brokers, health, and broker stop/start.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ClusterInfo } from '../../../shared/model'
import { api } from '../api/client'
import { storeSubscriptions } from '../lib/store-subscriptions'
import { coalesce } from '../lib/coalesce'
import { clusterHealth, type ClusterHealth } from '../lib/health'
import { toProblem, type Problem } from './errors'

export type { ClusterLevel as Health } from '../lib/health'

export const useClusterStore = defineStore('cluster', () => {
  const info = ref<ClusterInfo | null>(null)
  const problem = ref<Problem | null>(null)
  const loading = ref(false)
  /** When the cluster last answered; the data shown is from then while it does not. */
  const lastOkAt = ref<number | null>(null)
  const busyBroker = ref<number | null>(null)
  const demoLoading = ref(false)
  const demoProblem = ref<Problem | null>(null)

  const healthSummary = computed<ClusterHealth>(() =>
    problem.value && !info.value
      ? { level: 'offline', label: 'not connected', reason: problem.value.message }
      : clusterHealth(info.value)
  )
  const health = computed(() => healthSummary.value.level)
  const reason = computed(() => problem.value?.message ?? healthSummary.value.reason)
  const error = computed(() => problem.value?.message ?? null)
  const brokersOnline = computed(
    () => info.value?.brokers.filter((b) => b.status === 'online').length ?? 0
  )
  const bootstrapServers = computed(() =>
    info.value ? info.value.bootstrapServers.split(',').filter(Boolean) : []
  )
  const firstBootstrap = computed(() => bootstrapServers.value[0] ?? '127.0.0.1:9092')

  async function fetchInfo(): Promise<void> {
    loading.value = true
    try {
      info.value = await api.call('cluster.describe', {})
      problem.value = null
      lastOkAt.value = Date.now()
    } catch (err) {
      problem.value = toProblem(err)
    } finally {
      loading.value = false
    }
  }
  const reload = coalesce(fetchInfo, 500)

  function load(): Promise<void> {
    reload.trigger()
    return reload.idle()
  }

  async function setBrokerRunning(brokerId: number, running: boolean): Promise<void> {
    busyBroker.value = brokerId
    try {
      info.value = await api.call(running ? 'brokers.start' : 'brokers.stop', { brokerId })
      problem.value = null
    } catch (err) {
      problem.value = toProblem(err)
    } finally {
      busyBroker.value = null
    }
  }

  /** Simulates a slow follower: how long the broker's replicas wait to copy, and how fast. */
  async function configureBroker(
    brokerId: number,
    change: { replicationDelayMs?: number; replicationRecordsPerSec?: number }
  ): Promise<boolean> {
    busyBroker.value = brokerId
    try {
      info.value = await api.call('brokers.configure', { brokerId, ...change })
      problem.value = null
      return true
    } catch (err) {
      problem.value = toProblem(err)
      return false
    } finally {
      busyBroker.value = null
    }
  }

  /** Creates demo topics with a producer and consumer groups; returns what was created. */
  async function loadDemo(): Promise<{ topics: string[]; groups: string[] } | null> {
    demoLoading.value = true
    demoProblem.value = null
    try {
      const created = await api.call('demo.load', {})
      reload.trigger()
      return created
    } catch (err) {
      demoProblem.value = toProblem(err)
      return null
    } finally {
      demoLoading.value = false
    }
  }

  const subscriptions = storeSubscriptions()
  function follow(): void {
    subscriptions.once(() => [
      api.on('cluster.changed', () => reload.trigger()),
      api.on('topics.changed', () => reload.trigger())
    ])
  }

  return {
    info,
    lastOkAt,
    problem,
    error,
    loading,
    busyBroker,
    demoLoading,
    demoProblem,
    health,
    healthSummary,
    reason,
    brokersOnline,
    firstBootstrap,
    bootstrapServers,
    load,
    setBrokerRunning,
    configureBroker,
    loadDemo,
    follow
  }
})
