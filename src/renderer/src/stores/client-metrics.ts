// Client metrics (KIP-714): the client instances that asked for a telemetry subscription and the
// last metrics each pushed (polled while the view is on screen), and the subscription form, whose
// checks and the server's refusals are shown by field.
import { defineStore } from 'pinia'
import { computed, reactive, ref, shallowRef } from 'vue'
import type {
  ClientMetricsSubscriptionInfo,
  ClientMetricsView
} from '../../../shared/api/client-metrics'
import { api } from '../api/client'
import { refreshLoop } from '../lib/refresh-loop'
import { fieldMessage, toProblem, type Problem } from './errors'

export type SubscriptionField = 'name' | 'metrics' | 'intervalMs' | 'match'

const SELECTORS = [
  'client_instance_id',
  'client_id',
  'client_software_name',
  'client_software_version',
  'client_source_address',
  'client_source_port'
]

/** One entry per line or comma, blanks left out. */
export const listOf = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')

/** What the form's values would be refused for, by field, before asking the broker. */
export function checkSubscription(form: {
  name: string
  metrics: string
  intervalMs: number | null
  match: string
}): Partial<Record<SubscriptionField, string>> {
  const errors: Partial<Record<SubscriptionField, string>> = {}
  if (form.name.trim() === '') errors.name = 'Name the subscription'
  if (form.intervalMs !== null && (form.intervalMs < 100 || form.intervalMs > 3_600_000))
    errors.intervalMs = 'The push interval is 100 ms to 3600000 ms (one hour)'
  for (const m of listOf(form.match)) {
    const [selector, regex, ...rest] = m.split('=')
    if (regex === undefined || regex === '' || rest.length > 0) {
      errors.match = `"${m}" is not name=regex`
      break
    }
    if (!SELECTORS.includes(selector!.trim())) {
      errors.match = `"${selector}" is not one of ${SELECTORS.join(', ')}`
      break
    }
  }
  return errors
}

/** The form field a server refusal is about (Kafka's config names and the params'). */
function fieldOf(field: string | undefined): SubscriptionField | null {
  if (field === 'interval.ms' || field === 'intervalMs') return 'intervalMs'
  if (field === 'match' || field?.startsWith('match')) return 'match'
  if (field === 'metrics' || field?.startsWith('metrics')) return 'metrics'
  if (field === 'name') return 'name'
  return null
}

export const useClientMetricsStore = defineStore('clientMetrics', () => {
  const data = shallowRef<ClientMetricsView | null>(null)
  const problem = ref<Problem | null>(null)
  const saving = ref(false)
  const saveProblem = ref<Problem | null>(null)
  const serverErrors = ref<Partial<Record<SubscriptionField, string>>>({})
  const editing = ref<string | null>(null)
  const form = reactive({
    name: '',
    metrics: '*',
    intervalMs: null as number | null,
    match: ''
  })
  const touched = ref(false)
  const errors = computed(() => ({
    ...(touched.value ? checkSubscription(form) : {}),
    ...serverErrors.value
  }))

  async function load(): Promise<void> {
    try {
      data.value = await api.call('clientMetrics.list', {})
      problem.value = null
    } catch (err) {
      problem.value = toProblem(err)
    }
  }
  const live = refreshLoop(
    () => void load(),
    () => 2000
  )

  function edit(s: ClientMetricsSubscriptionInfo): void {
    editing.value = s.name
    Object.assign(form, {
      name: s.name,
      metrics: s.metrics.join('\n'),
      intervalMs: s.intervalMs,
      match: s.match.join('\n')
    })
    serverErrors.value = {}
    saveProblem.value = null
    touched.value = false
  }

  function reset(): void {
    editing.value = null
    Object.assign(form, { name: '', metrics: '*', intervalMs: null, match: '' })
    serverErrors.value = {}
    saveProblem.value = null
    touched.value = false
  }

  async function save(): Promise<boolean> {
    touched.value = true
    serverErrors.value = {}
    saveProblem.value = null
    if (Object.keys(checkSubscription(form)).length > 0) return false
    saving.value = true
    try {
      data.value = await api.call('clientMetrics.setSubscription', {
        name: form.name.trim(),
        metrics: listOf(form.metrics),
        ...(form.intervalMs !== null ? { intervalMs: form.intervalMs } : {}),
        match: listOf(form.match)
      })
      reset()
      return true
    } catch (err) {
      const field = fieldOf(toProblem(err).field)
      if (field) serverErrors.value = { [field]: fieldMessage(err) }
      else saveProblem.value = toProblem(err)
      return false
    } finally {
      saving.value = false
    }
  }

  async function remove(name: string): Promise<void> {
    try {
      data.value = await api.call('clientMetrics.deleteSubscription', { name })
      if (editing.value === name) reset()
    } catch (err) {
      saveProblem.value = toProblem(err)
    }
  }

  return {
    data,
    problem,
    form,
    errors,
    editing,
    saving,
    saveProblem,
    load,
    follow: () => live.acquire(),
    edit,
    reset,
    save,
    remove,
    /** Drops a server refusal once its field is edited. */
    clearError: (field: SubscriptionField) => {
      if (!serverErrors.value[field]) return
      const rest = { ...serverErrors.value }
      delete rest[field]
      serverErrors.value = rest
    }
  }
})
