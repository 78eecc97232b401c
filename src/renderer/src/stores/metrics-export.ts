// The form that sends pushed client metrics on to an OpenTelemetry collector (or stops that):
// its protocol (OTLP/HTTP or OTLP/gRPC), URL and headers checked here first, then the broker's refusals shown under the field they
// name. The export's state itself comes with the client metrics view (useClientMetricsStore).
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import { api } from '../api/client'
import { fieldMessage, toProblem, type Problem } from './errors'
import { useClientMetricsStore } from './client-metrics'

export type ExportField = 'url' | 'headers'
export type ExportProtocol = 'http/protobuf' | 'grpc'

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
  protocol: ExportProtocol
  headers: string
}): Partial<Record<ExportField, string>> {
  const errors: Partial<Record<ExportField, string>> = {}
  const url = form.url.trim()
  if (form.protocol === 'grpc') {
    if (!/^https?:\/\/[^/\s]+\/?$/i.test(url))
      errors.url =
        "The collector's OTLP/gRPC address: http:// or https:// (TLS), host and port, no path, e.g. http://127.0.0.1:4317"
  } else if (!/^https?:\/\/\S+$/i.test(url))
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
  const form = reactive({ url: '', protocol: 'http/protobuf' as ExportProtocol, headers: '' })
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
    form.protocol = current?.protocol ?? 'http/protobuf'
    // Header values are not shown back: they are given again to keep them.
    form.headers = ''
    editing.value = true
    touched.value = false
    serverErrors.value = {}
    problem.value = null
  }

  async function call(params: {
    url: string | null
    protocol?: ExportProtocol
    headers?: Record<string, string>
  }) {
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
    return call({
      url: form.url.trim(),
      protocol: form.protocol,
      headers: headersOf(form.headers)
    })
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
    /** The other protocol's usual endpoint in place of this one's, when the URL was that. */
    setProtocol: (protocol: ExportProtocol) => {
      const typical: Record<ExportProtocol, string> = {
        'http/protobuf': 'http://127.0.0.1:4318/v1/metrics',
        grpc: 'http://127.0.0.1:4317'
      }
      if (form.url.trim() === '' || form.url.trim() === typical[form.protocol])
        form.url = typical[protocol]
      form.protocol = protocol
      serverErrors.value = {}
    },
    clearError: (field: ExportField) => {
      if (!serverErrors.value[field]) return
      const rest = { ...serverErrors.value }
      delete rest[field]
      serverErrors.value = rest
    }
  }
})
