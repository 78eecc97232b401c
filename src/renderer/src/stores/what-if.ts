// The what-if simulator: a partition count and a key strategy, and the distribution the
// topic's sampled keys would have with them, its skew and the share of keys that would move.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { WhatIfResult } from '../../../shared/api/partitions'
import type { Params } from '../../../shared/contract'
import { api } from '../api/client'
import { toProblem, type Problem } from './errors'

export type StrategyKind = 'asIs' | 'salt' | 'compound' | 'none'

export interface WhatIfForm {
  partitionCount: number | null
  kind: StrategyKind
  buckets: number | null
  compoundWith: 'header' | 'jsonField'
  compoundName: string
}

export const strategyKinds: { value: StrategyKind; label: string }[] = [
  { value: 'asIs', label: 'Keys as they are' },
  { value: 'salt', label: 'Salt into N buckets' },
  { value: 'compound', label: 'Compound key' },
  { value: 'none', label: 'No key' }
]

export function whatIfErrors(f: WhatIfForm): Record<string, string> {
  const e: Record<string, string> = {}
  if (f.partitionCount === null || f.partitionCount < 1 || f.partitionCount > 10_000)
    e.partitionCount = 'From 1 to 10,000 partitions'
  if (f.kind === 'salt' && (f.buckets === null || f.buckets < 2 || f.buckets > 1000))
    e.buckets = 'From 2 to 1,000 buckets'
  if (f.kind === 'compound' && f.compoundName.trim() === '')
    e.compoundName =
      f.compoundWith === 'header' ? 'Name the header to add to the key' : 'Name the JSON field'
  return e
}

export function whatIfStrategy(f: WhatIfForm): Params<'partitions.whatIf'>['strategy'] {
  switch (f.kind) {
    case 'salt':
      return { kind: 'salt', buckets: f.buckets ?? 2 }
    case 'compound':
      return f.compoundWith === 'header'
        ? { kind: 'compound', header: f.compoundName.trim() }
        : { kind: 'compound', jsonField: f.compoundName.trim() }
    case 'none':
      return { kind: 'none' }
    default:
      return { kind: 'asIs' }
  }
}

export const useWhatIfStore = defineStore('whatIf', () => {
  const topic = ref<string | null>(null)
  const form = ref<WhatIfForm>({
    partitionCount: null,
    kind: 'asIs',
    buckets: 8,
    compoundWith: 'jsonField',
    compoundName: ''
  })
  const result = shallowRef<WhatIfResult | null>(null)
  /**
   * Keys as they are on today's partition count, from the same sample as the prediction: the
   * figures to compare it with (the skew report weighs partitions by their writes, the sample
   * does not).
   */
  const baseline = shallowRef<WhatIfResult | null>(null)
  const loading = ref(false)
  const problem = ref<Problem | null>(null)

  const errors = computed(() => whatIfErrors(form.value))
  const valid = computed(() => Object.keys(errors.value).length === 0)

  let currentCount = 0
  /**
   * Records to sample: as many as the skew report sampled, so that the prediction, its
   * baseline and the report count the same records (the engine splits a sample of one size
   * the same way every time).
   */
  const sampleSize = ref(1)

  /**
   * Starts over for a topic, or for a new skew report of it: its current partition count and
   * the number of records the report sampled. The form stays when only the report changed.
   */
  function reset(name: string, partitionCount: number, sampledRecords: number): void {
    const size = Math.max(1, sampledRecords)
    if (topic.value === name && currentCount === partitionCount && sampleSize.value === size) return
    if (topic.value !== name) form.value = { ...form.value, partitionCount, kind: 'asIs' }
    topic.value = name
    result.value = null
    baseline.value = null
    problem.value = null
    currentCount = partitionCount
    sampleSize.value = size
  }

  let seq = 0
  async function simulate(): Promise<void> {
    const name = topic.value
    if (!name || !valid.value) return
    const n = ++seq
    loading.value = true
    try {
      const [r, base] = await Promise.all([
        api.call('partitions.whatIf', {
          topic: name,
          partitionCount: form.value.partitionCount ?? 1,
          strategy: whatIfStrategy(form.value),
          sampleSize: sampleSize.value
        }),
        baseline.value?.topic === name
          ? baseline.value
          : api.call('partitions.whatIf', {
              topic: name,
              partitionCount: currentCount,
              strategy: { kind: 'asIs' },
              sampleSize: sampleSize.value
            })
      ])
      if (n === seq) {
        result.value = r
        baseline.value = base
        problem.value = null
      }
    } catch (err) {
      if (n === seq) {
        result.value = null
        problem.value = toProblem(err)
      }
    } finally {
      if (n === seq) loading.value = false
    }
  }

  return {
    topic,
    form,
    result,
    baseline,
    loading,
    problem,
    errors,
    valid,
    sampleSize,
    reset,
    simulate
  }
})
