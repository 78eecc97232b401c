// Hot-partition diagnosis: a topic's per-partition load and top keys from a key sample, with
// the engine's findings and remedies.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { SkewReport } from '../../../shared/api/partitions'
import { api } from '../api/client'
import { toProblem, type Problem } from './errors'

export const useSkewStore = defineStore('skew', () => {
  const topic = ref<string | null>(null)
  const report = shallowRef<SkewReport | null>(null)
  const loading = ref(false)
  const problem = ref<Problem | null>(null)

  async function analyze(name: string): Promise<void> {
    topic.value = name
    loading.value = true
    problem.value = null
    try {
      const r = await api.call('partitions.skew', { topic: name })
      if (topic.value === name) report.value = r
    } catch (err) {
      if (topic.value === name) {
        report.value = null
        problem.value = toProblem(err)
      }
    } finally {
      loading.value = false
    }
  }

  return { topic, report, loading, problem, analyze }
})
