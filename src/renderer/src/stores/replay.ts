// Replay: copy an offset range, or the records matching the browser's filters, to another
// topic (e.g. a dead-letter queue back to its main topic), with progress and a summary.
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import { api } from '../api/client'
import type { Params } from '../../../shared/contract'
import { useDialogsStore } from './dialogs'
import { useOperationsStore } from './operations'
import { useSearchStore, toFilter } from './search'
import { fieldMessage, toProblem, type Problem } from './errors'

export interface ReplayForm {
  target: string | null
  partition: number | 'all'
  fromOffset: number | null
  untilOffset: number | null
  useFilters: boolean
  keepPartition: boolean
  keepTimestamps: boolean
}

/** Problems with the form, by field; empty when it can run. */
export function replayErrors(source: string | null, f: ReplayForm): Record<string, string> {
  const e: Record<string, string> = {}
  if (!f.target) e.target = 'Choose the topic to copy into'
  else if (f.target === source)
    e.target = 'Copying a topic into itself appends every record again: choose another topic'
  if (f.fromOffset !== null && f.fromOffset < 0) e.fromOffset = 'Offsets start at 0'
  if (f.fromOffset !== null && f.untilOffset !== null && f.untilOffset <= f.fromOffset)
    e.untilOffset = 'Must be after the first offset'
  return e
}

export function copyParams(
  source: string,
  f: ReplayForm,
  filters: Params<'messages.copy'>['filters']
): Params<'messages.copy'> {
  return {
    source,
    target: f.target ?? '',
    ...(f.partition === 'all' ? {} : { partitions: [f.partition] }),
    ...(f.fromOffset !== null ? { fromOffset: f.fromOffset } : {}),
    ...(f.untilOffset !== null ? { untilOffset: f.untilOffset } : {}),
    ...(filters && filters.length ? { filters } : {}),
    keepPartition: f.keepPartition,
    keepTimestamps: f.keepTimestamps
  }
}

export const useReplayStore = defineStore('replay', () => {
  const dialogs = useDialogsStore()
  const operations = useOperationsStore()
  const search = useSearchStore()

  const form = reactive<ReplayForm>({
    target: null,
    partition: 'all',
    fromOffset: null,
    untilOffset: null,
    useFilters: false,
    keepPartition: false,
    keepTimestamps: true
  })
  const operationId = ref<string | null>(null)
  const serverError = ref<{ field?: string; message: string } | null>(null)
  const problem = ref<Problem | null>(null)
  const starting = ref(false)

  const source = computed(() => dialogs.replay)
  const errors = computed(() => {
    const e = replayErrors(source.value, form)
    if (serverError.value?.field) e[serverError.value.field] ??= serverError.value.message
    return e
  })
  const status = computed(() =>
    operationId.value ? operations.byId[operationId.value] : undefined
  )
  const running = computed(() => !!status.value && !status.value.done)
  const filtersAvailable = computed(() => search.valid)

  /** Opens the dialog, pre-filled with a range (e.g. from selected records). */
  function open(
    topic: string,
    prefill: Partial<
      Pick<ReplayForm, 'partition' | 'fromOffset' | 'untilOffset' | 'useFilters'>
    > = {}
  ): void {
    Object.assign(form, {
      target: null,
      partition: 'all',
      fromOffset: null,
      untilOffset: null,
      useFilters: false,
      keepPartition: false,
      keepTimestamps: true,
      ...prefill
    })
    operationId.value = null
    serverError.value = null
    problem.value = null
    dialogs.replay = topic
  }

  function close(): void {
    dialogs.replay = null
  }

  async function start(): Promise<void> {
    const src = source.value
    if (!src || Object.keys(errors.value).length) return
    starting.value = true
    serverError.value = null
    problem.value = null
    try {
      const filters = form.useFilters && search.valid ? search.filters.map(toFilter) : undefined
      const { operationId: id } = await api.call('messages.copy', copyParams(src, form, filters))
      operationId.value = id
      operations.track(id, 'copy', `Replay ${src} → ${form.target}`)
    } catch (err) {
      const p = toProblem(err)
      const field = p.field?.replace(/^source$/, 'target')
      if (field && ['target', 'fromOffset', 'untilOffset', 'partitions'].includes(field))
        serverError.value = {
          field: field === 'partitions' ? 'partition' : field,
          message: fieldMessage(err)
        }
      else problem.value = p
    } finally {
      starting.value = false
    }
  }

  async function cancel(): Promise<void> {
    if (operationId.value) await operations.cancel(operationId.value)
  }

  function clearServerError(): void {
    serverError.value = null
  }

  return {
    form,
    source,
    errors,
    status,
    running,
    starting,
    problem,
    operationId,
    filtersAvailable,
    open,
    close,
    start,
    cancel,
    clearServerError
  }
})
