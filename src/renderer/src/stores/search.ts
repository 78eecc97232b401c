// Filters on key, value and headers, run by the engine as a search operation: matches stream
// in with progress, and the search can be cancelled.
import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref, shallowRef } from 'vue'
import type { MessageRecord } from '../../../shared/api/messages'
import type { Params } from '../../../shared/contract'
import { api } from '../api/client'
import { storeSubscriptions } from '../lib/store-subscriptions'
import { recordId } from '../lib/message-view'
import { useMessagesStore } from './messages'
import { useOperationsStore, POLL_MS } from './operations'
import { toProblem, type Problem } from './errors'

export type FilterField = 'key' | 'value' | 'header'
export type FilterOp = 'contains' | 'equals' | 'regex' | 'jsonPath'
export interface FilterDraft {
  id: number
  field: FilterField
  headerKey: string
  op: FilterOp
  value: string
}
type Filter = Params<'messages.search'>['filters'][number]

/** Matches per search step; "Find more" raises the limit by this much, up to SEARCH_MAX. */
export const SEARCH_LIMIT = 500
export const SEARCH_MAX = 10_000

/** The engine's regex error without the parts that repeat the pattern: "Unterminated group". */
export function regexProblem(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err)
  const reason = m.replace(/^Invalid regular expression: /, '').replace(/^\/.*\/[a-z]*: /s, '')
  return reason.charAt(0).toUpperCase() + reason.slice(1)
}

/** Why a filter cannot run, or null: checked before the engine sees it. */
export function filterError(f: FilterDraft): string | null {
  if (f.field === 'header' && !f.headerKey.trim()) return 'Which header? Enter its key'
  if (f.value === '' && f.op !== 'equals') return 'Enter what to look for'
  if (f.op === 'regex') {
    try {
      new RegExp(f.value)
    } catch (err) {
      return `Not a valid regular expression: ${regexProblem(err)}`
    }
  }
  if (f.op === 'jsonPath' && !f.value.trim().startsWith('$'))
    return 'A JSON path starts with \'$\', e.g. $.status == "failed"'
  return null
}

export function toFilter(f: FilterDraft): Filter {
  return {
    field: f.field,
    ...(f.field === 'header' ? { headerKey: f.headerKey.trim() } : {}),
    op: f.op,
    value: f.value
  }
}

export const useSearchStore = defineStore('search', () => {
  const messages = useMessagesStore()
  const operations = useOperationsStore()

  let nextId = 1
  const filters = ref<FilterDraft[]>([])
  const operationId = ref<string | null>(null)
  const results = shallowRef<MessageRecord[]>([])
  const active = ref(false)
  const starting = ref(false)
  const problem = ref<Problem | null>(null)
  /** How many matches the search shown was asked for. */
  const limit = ref(SEARCH_LIMIT)

  const status = computed(() =>
    operationId.value ? operations.byId[operationId.value] : undefined
  )
  const running = computed(() => !!status.value && !status.value.done)
  const errors = computed(() => filters.value.map(filterError))
  const valid = computed(() => filters.value.length > 0 && errors.value.every((e) => e === null))
  /** The search ended because it found as many matches as asked: more may follow. */
  const stoppedAtLimit = computed(
    () =>
      !!status.value?.done &&
      !status.value.cancelled &&
      !status.value.error &&
      results.value.length >= limit.value
  )
  const canFindMore = computed(() => stoppedAtLimit.value && limit.value < SEARCH_MAX)

  function addFilter(field: FilterField = 'value', op: FilterOp = 'contains'): void {
    filters.value.push({ id: nextId++, field, headerKey: '', op, value: '' })
  }

  function removeFilter(id: number): void {
    filters.value = filters.value.filter((f) => f.id !== id)
    if (filters.value.length === 0) clear()
  }

  function merge(found: MessageRecord[]): void {
    if (!found.length) return
    const seen = new Set(results.value.map(recordId))
    const added = found.filter((r) => !seen.has(recordId(r)))
    if (added.length)
      results.value = [...results.value, ...added].sort(
        (a, b) => a.timestamp - b.timestamp || a.partition - b.partition || a.offset - b.offset
      )
  }

  let poll: ReturnType<typeof setInterval> | null = null
  let pollInFlight = false
  function stopPolling(): void {
    if (poll !== null) clearInterval(poll)
    poll = null
  }
  onScopeDispose(stopPolling)

  async function fetchResults(): Promise<void> {
    const id = operationId.value
    if (!id) return
    const r = await api.call('messages.searchResults', { operationId: id })
    if (operationId.value !== id) return
    merge(r.records)
    const prev = operations.byId[id]
    operations.update({
      ...(prev ?? {
        kind: 'search',
        description: 'Search',
        startedAt: Date.now(),
        cancelled: false,
        progress: null
      }),
      operationId: id,
      done: r.done || (prev?.done ?? false),
      processed: Math.max(r.scanned, prev?.processed ?? 0),
      matched: Math.max(r.matched, prev?.matched ?? 0),
      ...(r.error ? { error: r.error } : {})
    })
    if (r.done) stopPolling()
  }

  /** Starts a search from the browser's topic, partition and start position. */
  async function start(more = false): Promise<void> {
    if (!valid.value || !messages.topic) return
    stopPolling()
    starting.value = true
    problem.value = null
    if (more) limit.value = Math.min(SEARCH_MAX, limit.value + SEARCH_LIMIT)
    else {
      limit.value = SEARCH_LIMIT
      results.value = []
    }
    messages.stopTail()
    const from: Params<'messages.search'>['from'] =
      messages.mode === 'latest'
        ? 'earliest'
        : messages.mode === 'offset'
          ? { offset: Math.max(0, Math.floor(messages.offset)) }
          : messages.mode === 'timestamp'
            ? { timestamp: Math.max(0, Math.floor(messages.timestamp)) }
            : 'earliest'
    try {
      const { operationId: id } = await api.call('messages.search', {
        topic: messages.topic,
        ...(messages.partition === 'all' ? {} : { partitions: [messages.partition] }),
        from,
        filters: filters.value.map(toFilter),
        limit: limit.value
      })
      operationId.value = id
      active.value = true
      operations.track(id, 'search', `Search in ${messages.topic}`)
      poll = setInterval(() => {
        if (pollInFlight) return
        pollInFlight = true
        fetchResults()
          .catch((err: unknown) => {
            problem.value = toProblem(err)
            stopPolling()
          })
          .finally(() => (pollInFlight = false))
      }, POLL_MS)
    } catch (err) {
      problem.value = toProblem(err)
    } finally {
      starting.value = false
    }
  }

  /** Runs the same search again for SEARCH_LIMIT more matches, keeping those found. */
  async function findMore(): Promise<void> {
    if (canFindMore.value) await start(true)
  }

  async function cancel(): Promise<void> {
    if (operationId.value) await operations.cancel(operationId.value)
  }

  /** Back to browsing pages; a running search is cancelled. */
  function clear(): void {
    if (running.value) void cancel()
    stopPolling()
    active.value = false
    operationId.value = null
    results.value = []
    problem.value = null
  }

  const subscriptions = storeSubscriptions()
  function follow(): void {
    subscriptions.once(() => [
      api.on('operation.progress', (s) => {
        if (s.operationId === operationId.value && s.records) merge(s.records)
        if (s.operationId === operationId.value && s.done)
          void fetchResults().catch(() => undefined)
      })
    ])
  }

  return {
    filters,
    operationId,
    results,
    active,
    starting,
    problem,
    status,
    running,
    errors,
    valid,
    limit,
    stoppedAtLimit,
    canFindMore,
    findMore,
    addFilter,
    removeFilter,
    start,
    cancel,
    clear,
    follow
  }
})
