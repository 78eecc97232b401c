// Replay: copy the selected records, an offset range, or the records matching the browser's
// filters, to another topic (e.g. a dead-letter queue back to its main topic), of this cluster or
// of another connection's, with the count known before it starts, progress and a summary.
import { defineStore } from 'pinia'
import { computed, reactive, ref, watch } from 'vue'
import { api } from '../api/client'
import type { CopyCount } from '../../../shared/api/messages'
import type { Params } from '../../../shared/contract'
import { useDialogsStore } from './dialogs'
import { useOperationsStore } from './operations'
import { useSearchStore, toFilter } from './search'
import { fieldMessage, toProblem, type Problem } from './errors'

export interface RecordRef {
  partition: number
  offset: number
}

export interface ReplayForm {
  /** The connection whose cluster holds the target; null for the cluster being browsed. */
  targetConnection: string | null
  target: string | null
  /** The records selected in the browser; null copies a range instead. */
  records: RecordRef[] | null
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
  else if (f.target === source && f.targetConnection === null)
    e.target = 'Copying a topic into itself appends every record again: choose another topic'
  if (f.records) return e
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
  const into = f.targetConnection === null ? {} : { targetConnection: f.targetConnection }
  if (f.records)
    return {
      source,
      target: f.target ?? '',
      ...into,
      records: f.records,
      ...(filters && filters.length ? { filters } : {}),
      keepPartition: f.keepPartition,
      keepTimestamps: f.keepTimestamps
    }
  return {
    source,
    target: f.target ?? '',
    ...into,
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
    targetConnection: null,
    target: null,
    records: null,
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
  /** What the replay will copy, counted for the form as it stands; null while unknown. */
  const count = ref<CopyCount | null>(null)
  const countProblem = ref<string | null>(null)
  /** The topics of the target connection's cluster, when it is another one. */
  const targetTopics = ref<string[] | null>(null)
  const targetTopicsProblem = ref<Problem | null>(null)

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
  const filters = () => (form.useFilters && search.valid ? search.filters.map(toFilter) : undefined)

  let countSeq = 0
  /** Counts what the form would copy (the target does not matter for the count). */
  async function recount(): Promise<void> {
    const src = source.value
    const seq = ++countSeq
    count.value = null
    countProblem.value = null
    const e = replayErrors(src, { ...form, target: form.target ?? '-' })
    delete e.target
    if (!src || Object.keys(e).length) return
    try {
      const {
        target: _target,
        targetConnection: _into,
        ...params
      } = copyParams(src, form, filters())
      const c = await api.call('messages.copyCount', params)
      if (seq === countSeq) count.value = c
    } catch (err) {
      if (seq === countSeq) countProblem.value = toProblem(err).message
    }
  }
  watch(
    () => [
      source.value,
      form.records,
      form.partition,
      form.fromOffset,
      form.untilOffset,
      form.useFilters
    ],
    () => {
      if (source.value && !operationId.value) void recount()
    }
  )

  let topicsSeq = 0
  /** Copies into another connection's cluster (null: the cluster being browsed). */
  async function chooseConnection(id: string | null): Promise<void> {
    form.targetConnection = id
    form.target = null
    targetTopics.value = null
    targetTopicsProblem.value = null
    if (id === null) return
    const seq = ++topicsSeq
    try {
      const { topics } = await api.call('topics.list', { connection: id })
      if (seq === topicsSeq)
        targetTopics.value = topics.filter((t) => !t.internal).map((t) => t.name)
    } catch (err) {
      if (seq === topicsSeq) targetTopicsProblem.value = toProblem(err)
    }
  }

  /** Opens the dialog, pre-filled with a range (e.g. from selected records). */
  function open(
    topic: string,
    prefill: Partial<
      Pick<ReplayForm, 'records' | 'partition' | 'fromOffset' | 'untilOffset' | 'useFilters'>
    > = {}
  ): void {
    Object.assign(form, {
      targetConnection: null,
      target: null,
      records: null,
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
    targetTopics.value = null
    targetTopicsProblem.value = null
    dialogs.replay = topic
    void recount()
  }

  /** Leaves the selection: copy a range (or the filter matches) instead. */
  function useRange(): void {
    form.records = null
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
      const { operationId: id } = await api.call('messages.copy', copyParams(src, form, filters()))
      operationId.value = id
      const on = form.targetConnection === null ? '' : ` on ${form.targetConnection}`
      operations.track(id, 'copy', `Replay ${src} → ${form.target}${on}`)
    } catch (err) {
      const p = toProblem(err)
      const field = p.field?.replace(/^(source|targetConnection)$/, 'target')
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
    count,
    countProblem,
    targetTopics,
    targetTopicsProblem,
    chooseConnection,
    open,
    useRange,
    close,
    start,
    cancel,
    clearServerError
  }
})
