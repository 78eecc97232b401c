// The form that sends pushed client metrics on to an OpenTelemetry collector (or stops that):
// its URL and headers checked here first, then the broker's refusals shown under the field they
// name. The export's state itself comes with the client metrics view (useClientMetricsStore).
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import { api } from '../api/client'
import { fieldMessage, toProblem, type Problem } from './errors'
import { useClientMetricsStore } from './client-metrics'

export type ExportField = 'url' | 'headers'

/** `NAME=VALUE` a line (blank lines left out); throws naming a line that is not. */
export function headersOf(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '') continue
    const eq = line.indexOf('=')
    if (eq <= 0) throw new Error(`"${line}" is not NAME=VALUE`)
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim()
  }
  return out
}

/** What the form would be refused for, by field, before asking the broker. */
export function checkExport(form: {
  url: string
  headers: string
}): Partial<Record<ExportField, string>> {
  const errors: Partial<Record<ExportField, string>> = {}
  if (!/^https?:\/\/\S+$/i.test(form.url.trim()))
    errors.url =
      "The collector's OTLP/HTTP endpoint: http:// or https://, e.g. http://127.0.0.1:4318/v1/metrics"
  try {
    headersOf(form.headers)
  } catch (err) {
    errors.headers = (err as Error).message
  }
  return errors
}

export const useMetricsExportStore = defineStore('metricsExport', () => {
  const metrics = useClientMetricsStore()
  const form = reactive({ url: '', headers: '' })
  const editing = ref(false)
  const saving = ref(false)
  const touched = ref(false)
  const problem = ref<Problem | null>(null)
  const serverErrors = ref<Partial<Record<ExportField, string>>>({})
  const errors = computed(() => ({
    ...(touched.value ? checkExport(form) : {}),
    ...serverErrors.value
  }))

  function edit(): void {
    const current = metrics.data?.export
    form.url = current?.url ?? ''
    // Header values are not shown back: they are given again to keep them.
    form.headers = ''
    editing.value = true
    touched.value = false
    serverErrors.value = {}
    problem.value = null
  }

  async function call(params: { url: string | null; headers?: Record<string, string> }) {
    saving.value = true
    problem.value = null
    try {
      metrics.data = await api.call('clientMetrics.setExport', params)
      editing.value = false
      touched.value = false
      return true
    } catch (err) {
      const field = toProblem(err).field
      const which: ExportField | null = field?.endsWith('url')
        ? 'url'
        : field?.endsWith('headers')
          ? 'headers'
          : null
      if (which) serverErrors.value = { [which]: fieldMessage(err) }
      else problem.value = toProblem(err)
      return false
    } finally {
      saving.value = false
    }
  }

  async function save(): Promise<boolean> {
    touched.value = true
    serverErrors.value = {}
    if (Object.keys(checkExport(form)).length > 0) return false
    return call({ url: form.url.trim(), headers: headersOf(form.headers) })
  }

  return {
    form,
    editing,
    saving,
    problem,
    errors,
    edit,
    save,
    stop: () => call({ url: null }),
    cancel: () => (editing.value = false),
    clearError: (field: ExportField) => {
      if (!serverErrors.value[field]) return
      const rest = { ...serverErrors.value }
      delete rest[field]
      serverErrors.value = rest
    }
  }
})
