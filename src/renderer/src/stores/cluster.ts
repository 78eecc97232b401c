// The cluster the console is connected to: brokers, health, and broker stop/start.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ClusterInfo } from '../../../shared/model'
import { api } from '../api/client'
import { errorMessage } from './errors'

export const useClusterStore = defineStore('cluster', () => {
  const info = ref<ClusterInfo | null>(null)
  const error = ref<string | null>(null)
  const loading = ref(false)
  const busyBroker = ref<number | null>(null)

  const health = computed<'healthy' | 'degraded' | 'offline' | 'unknown'>(() => {
    const i = info.value
    if (!i) return 'unknown'
    if (i.offlinePartitions > 0 || i.brokers.every((b) => b.status !== 'online')) return 'offline'
    if (i.underReplicatedPartitions > 0 || i.brokers.some((b) => b.status !== 'online'))
      return 'degraded'
    return 'healthy'
  })

  async function load(): Promise<void> {
    if (loading.value) return
    loading.value = true
    try {
      info.value = await api.call('cluster.describe', {})
      error.value = null
    } catch (err) {
      error.value = errorMessage(err)
    } finally {
      loading.value = false
    }
  }

  async function setBrokerRunning(brokerId: number, running: boolean): Promise<void> {
    busyBroker.value = brokerId
    try {
      info.value = await api.call(running ? 'brokers.start' : 'brokers.stop', { brokerId })
      error.value = null
    } catch (err) {
      error.value = errorMessage(err)
    } finally {
      busyBroker.value = null
    }
  }

  let subscribed = false
  function follow(): void {
    if (subscribed) return
    subscribed = true
    api.on('cluster.changed', () => void load())
    api.on('topics.changed', () => void load())
  }

  return { info, error, loading, busyBroker, health, load, setBrokerRunning, follow }
})
