// The hot-partition remedy that moves a partition's load to a cooler broker: the plan for the
// topic's hottest partition, the move itself (partitions.move), and each broker's write load
// before it and since, measured as the cluster reports it.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { BrokerInfo, TopicDescription } from '../../../shared/model'
import type { PartitionReassignment } from '../../../shared/api/cluster'
import { api } from '../api/client'
import { refreshLoop } from '../lib/refresh-loop'
import { coolerBrokerPlan, type MovePlan } from '../lib/cooler-broker'
import { toProblem, type Problem } from './errors'

export interface MadeMove {
  topic: string
  plan: MovePlan
  at: number
  /** Each broker's write load when the move was made. */
  before: Record<number, number>
}

export const usePartitionMoveStore = defineStore('partitionMove', () => {
  const topic = ref<string | null>(null)
  const partition = ref<number | null>(null)
  const description = shallowRef<TopicDescription | null>(null)
  const brokers = shallowRef<BrokerInfo[]>([])
  const reassignments = shallowRef<PartitionReassignment[]>([])
  const problem = ref<Problem | null>(null)
  const moving = ref(false)
  const made = shallowRef<MadeMove | null>(null)

  const current = computed(
    () => description.value?.partitions.find((p) => p.partition === partition.value) ?? null
  )
  const plan = computed(() =>
    current.value ? coolerBrokerPlan(current.value, brokers.value) : null
  )

  async function refresh(): Promise<void> {
    const name = topic.value
    if (!name) return
    try {
      const [d, c, r] = await Promise.all([
        api.call('topics.describe', { name }),
        api.call('cluster.describe', {}),
        api.call('partitions.reassignments', { topic: name })
      ])
      if (topic.value !== name) return
      description.value = d
      brokers.value = c.brokers
      reassignments.value = r.reassignments
      problem.value = null
    } catch (err) {
      if (topic.value === name) problem.value = toProblem(err)
    }
  }
  const live = refreshLoop(
    () => void refresh(),
    () => 2000
  )

  /** Follows one partition of a topic; returns the release function of the refresh loop. */
  function follow(name: string, p: number): () => void {
    if (topic.value !== name || partition.value !== p) {
      topic.value = name
      partition.value = p
      description.value = null
      if (made.value?.topic !== name || made.value.plan.partition !== p) made.value = null
    }
    return live.acquire()
  }

  async function move(): Promise<void> {
    const p = plan.value
    const name = topic.value
    if (!p || !name) return
    moving.value = true
    problem.value = null
    try {
      const before = Object.fromEntries(brokers.value.map((b) => [b.id, b.bytesInPerSec ?? 0]))
      await api.call('partitions.move', {
        topic: name,
        partition: p.partition,
        from: p.from,
        to: p.to
      })
      made.value = { topic: name, plan: p, at: Date.now(), before }
      await refresh()
    } catch (err) {
      problem.value = toProblem(err)
    } finally {
      moving.value = false
    }
  }

  return {
    topic,
    partition,
    current,
    plan,
    brokers,
    reassignments,
    problem,
    moving,
    made,
    follow,
    move
  }
})
