// The cluster's KRaft metadata quorum (DescribeQuorum): its leader, epoch, high watermark and
// each voter's and observer's log end offset and lag; and its features (supported levels and
// the finalized one of each). Reloaded as the cluster changes.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { FeaturesInfo, QuorumInfo } from '../../../shared/api/cluster'
import { api } from '../api/client'
import { storeSubscriptions } from '../lib/store-subscriptions'
import { coalesce } from '../lib/coalesce'
import { toProblem, type Problem } from './errors'

export const useQuorumStore = defineStore('quorum', () => {
  const quorum = shallowRef<QuorumInfo | null>(null)
  const problem = ref<Problem | null>(null)
  const features = shallowRef<FeaturesInfo | null>(null)
  const featuresProblem = ref<Problem | null>(null)

  async function fetchQuorum(): Promise<void> {
    try {
      quorum.value = await api.call('cluster.quorum', {})
      problem.value = null
    } catch (err) {
      problem.value = toProblem(err)
    }
  }
  const reload = coalesce(fetchQuorum, 500)

  async function fetchFeatures(): Promise<void> {
    try {
      features.value = await api.call('cluster.features', {})
      featuresProblem.value = null
    } catch (err) {
      featuresProblem.value = toProblem(err)
    }
  }
  const reloadFeatures = coalesce(fetchFeatures, 500)

  function load(): Promise<void> {
    reload.trigger()
    return reload.idle()
  }

  function loadFeatures(): Promise<void> {
    reloadFeatures.trigger()
    return reloadFeatures.idle()
  }

  const subscriptions = storeSubscriptions()
  function follow(): void {
    subscriptions.once(() => [
      api.on('cluster.changed', () => {
        reload.trigger()
        reloadFeatures.trigger()
      })
    ])
  }

  return { quorum, problem, features, featuresProblem, load, loadFeatures, follow }
})
