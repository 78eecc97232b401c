// The message browser: which topic and partition, where reading starts and ends, the page shown
// with exact cursors for the next and previous page, its order, live tail, the value view and the
// selection.
import { defineStore } from 'pinia'
import { computed, onScopeDispose, ref, shallowRef } from 'vue'
import type { MessageRecord, ReadResult } from '../../../shared/api/messages'
import type { Params } from '../../../shared/contract'
import { api } from '../api/client'
import {
  cutAtEnd,
  hasNewer,
  hasOlder,
  mergeHead,
  mergeTail,
  type Bounds,
  type Cursors,
  type End,
  type MergedPage
} from '../lib/paging'
import { recordId, type ViewMode } from '../lib/message-view'
import type { BrowsePosition, EndMode, Order, PartitionChoice, StartMode } from '../lib/browse-url'
import { pageNote } from '../lib/page-note'
import type { RecordFilter } from '../lib/record-filter'
import { formatCount, formatTimestamp } from '../lib/format'
import { toProblem, type Problem } from './errors'

export type { StartMode, PartitionChoice, EndMode, Order }
type From = Params<'messages.read'>['from']

/** Records kept on screen while tailing; older ones scroll away. */
export const TAIL_KEEP = 1000
export const TAIL_INTERVAL_MS = 1000

export const useMessagesStore = defineStore('messages', () => {
  const topic = ref<string | null>(null)
  const partitionCount = ref(0)
  const partition = ref<PartitionChoice>('all')
  const mode = ref<StartMode>('latest')
  const offset = ref(0)
  const timestamp = ref(Date.now() - 3_600_000)
  const endMode = ref<EndMode>('none')
  const endOffset = ref(0)
  const endTimestamp = ref(Date.now())
  const pageSize = ref(50)
  /** Read as a read_committed consumer: up to the last stable offset, without aborted records. */
  const readCommitted = ref(false)
  /** Transaction markers (commit and abort control records) shown as rows of their own. */
  const showMarkers = ref(false)
  const isolation = () => ({
    ...(readCommitted.value ? { isolation: 'read_committed' as const } : {}),
    ...(showMarkers.value ? { controlMarkers: true } : {})
  })
  /** Newest first or oldest first; follows the start mode until the user picks one. */
  const order = ref<Order>('newest')
  const orderChosen = ref(false)

  const records = shallowRef<MessageRecord[]>([])
  const start = ref<Cursors>({})
  const next = ref<Cursors>({})
  const bounds = ref<Record<number, Bounds>>({})
  const history = ref<Cursors[]>([])
  /** Partitions whose end time was reached: no newer page reads them. */
  const finished = ref<Set<number>>(new Set())
  /** How the page shown was read: forward from a position, or the latest records. */
  const merge = ref<'head' | 'tail'>('tail')
  /** Paged away from the first page of the chosen start (the URL then keeps the cursors). */
  const paged = ref(false)
  const loading = ref(false)
  const loaded = ref(false)
  const problem = ref<Problem | null>(null)

  const viewMode = ref<ViewMode>('json')
  const expanded = ref<string | null>(null)
  const selected = ref<Set<string>>(new Set())
  const tailing = ref(false)
  /** While tailing with filters: which records to show, and how many new ones were read. */
  const tailFilter = shallowRef<RecordFilter | null>(null)
  const tailScanned = ref(0)
  /**
   * Paging that way found nothing: offset gaps (compaction) or transaction markers can sit
   * between the page and the log's bounds. Cleared when another page is shown.
   */
  const noOlder = ref(false)
  const noNewer = ref(false)

  const partitions = computed(() =>
    partition.value === 'all'
      ? Array.from({ length: partitionCount.value }, (_, i) => i)
      : [partition.value]
  )
  const end = computed<End>(() =>
    endMode.value === 'offset'
      ? { offset: Math.max(0, Math.floor(endOffset.value)) }
      : endMode.value === 'timestamp'
        ? { timestamp: Math.floor(endTimestamp.value) }
        : null
  )
  const canNewer = computed(
    () =>
      loaded.value &&
      !tailing.value &&
      !noNewer.value &&
      hasNewer(
        next.value,
        bounds.value,
        finished.value,
        end.value && 'offset' in end.value ? end.value.offset : undefined
      )
  )
  const canOlder = computed(
    () =>
      loaded.value &&
      !tailing.value &&
      (history.value.length > 0 || (!noOlder.value && hasOlder(start.value, bounds.value)))
  )
  const selectedRecords = computed(() =>
    records.value.filter((r) => selected.value.has(recordId(r)))
  )
  /** The page in the order chosen. */
  const shownRecords = computed(() =>
    order.value === 'newest' ? [...records.value].reverse() : records.value
  )
  /** Where reading started, as a sentence fragment. */
  const positionText = computed(() =>
    mode.value === 'offset'
      ? `offset ${formatCount(Math.max(0, Math.floor(offset.value)))}`
      : mode.value === 'timestamp'
        ? formatTimestamp(timestamp.value)
        : mode.value === 'earliest'
          ? 'the start'
          : 'the end'
  )
  /** Why an all-partitions page shows only some partitions, or null. */
  const note = computed(() =>
    partition.value === 'all' && !tailing.value
      ? pageNote({
          partitions: partitions.value,
          records: records.value,
          start: start.value,
          next: next.value,
          bounds: bounds.value,
          merge: merge.value,
          position: positionText.value,
          finished: finished.value
        })
      : null
  )
  /** The position to keep in the URL. */
  const position = computed<BrowsePosition | null>(() =>
    topic.value === null
      ? null
      : {
          topic: topic.value,
          partition: partition.value,
          mode: mode.value,
          offset: Math.max(0, Math.floor(offset.value)),
          timestamp: Math.floor(timestamp.value),
          endMode: endMode.value,
          endOffset: Math.max(0, Math.floor(endOffset.value)),
          endTimestamp: Math.floor(endTimestamp.value),
          pageSize: pageSize.value,
          order: order.value,
          at: paged.value && !tailing.value ? { ...start.value } : null
        }
  )
  const totalInRange = computed(() =>
    partitions.value.reduce((n, p) => {
      const b = bounds.value[p]
      return b ? n + (b.highWatermark - b.logStartOffset) : n
    }, 0)
  )

  async function read(p: number, from: From, direction?: 'backward'): Promise<ReadResult> {
    if (!topic.value) throw new Error('Choose a topic first')
    const r = await api.call('messages.read', {
      topic: topic.value,
      partition: p,
      from,
      limit: pageSize.value,
      ...(direction ? { direction } : {}),
      ...isolation()
    })
    Object.assign(bounds.value, r.bounds)
    return r
  }

  const ascending = (rs: MessageRecord[]) => [...rs].sort((a, b) => a.offset - b.offset)

  /**
   * A first page over all partitions in one request: the engine merges them by time (as the
   * browser would) and sends only the page, not a page per partition.
   */
  async function readMerged(from: From, kind: 'head' | 'tail'): Promise<MergedPage> {
    if (!topic.value) throw new Error('Choose a topic first')
    const r = await api.call('messages.read', {
      topic: topic.value,
      from,
      limit: pageSize.value,
      ...isolation()
    })
    Object.assign(bounds.value, r.bounds)
    merge.value = kind
    return { records: r.records, start: r.firstOffsets, next: r.nextOffsets }
  }
  const mergedFirstPage = computed(
    () => partition.value === 'all' && partitions.value.length > 1 && end.value === null
  )

  async function readHead(fromFor: (p: number) => From): Promise<MergedPage> {
    const reads = await Promise.all(
      partitions.value.map(async (p) => {
        const r = await read(p, fromFor(p))
        const recs = ascending(r.records.filter((x) => x.partition === p))
        const last = recs[recs.length - 1]
        const nextOffset =
          r.nextOffsets[p] ?? (last ? last.offset + 1 : (r.bounds[p]?.highWatermark ?? 0))
        return cutAtEnd({ partition: p, records: recs, nextOffset }, end.value)
      })
    )
    const done = new Set(finished.value)
    for (const r of reads) if (r.finished) done.add(r.partition)
    finished.value = done
    merge.value = 'head'
    return mergeHead(reads, pageSize.value)
  }

  async function readTail(
    fromFor: (p: number) => From,
    endFor: (p: number, r: ReadResult) => number,
    backward: boolean
  ): Promise<MergedPage> {
    const reads = await Promise.all(
      partitions.value.map(async (p) => {
        const r = await read(p, fromFor(p), backward ? 'backward' : undefined)
        return {
          partition: p,
          records: ascending(r.records.filter((x) => x.partition === p)),
          endOffset: endFor(p, r)
        }
      })
    )
    merge.value = 'tail'
    return mergeTail(reads, pageSize.value)
  }

  /**
   * Shows a page, in `inOrder` when given: a first page takes the order that goes with its start
   * in the same update, so that the page on screen is not re-rendered in the new order first.
   */
  function show(page: MergedPage, inOrder?: Order): void {
    if (inOrder) order.value = inOrder
    records.value = page.records
    start.value = page.start
    next.value = page.next
    expanded.value = null
    loaded.value = true
    problem.value = null
    noOlder.value = false
    noNewer.value = false
  }

  async function run(work: () => Promise<void>): Promise<void> {
    loading.value = true
    try {
      await work()
    } catch (err) {
      problem.value = toProblem(err)
    } finally {
      loading.value = false
    }
  }

  /** Opens a topic: learns its partitions, then reads the first page. */
  async function open(
    name: string,
    choice: PartitionChoice = 'all',
    at: Cursors | null = null
  ): Promise<void> {
    stopTail()
    problem.value = null
    topic.value = name
    partition.value = choice
    records.value = []
    selected.value = new Set()
    loaded.value = false
    bounds.value = {}
    await run(async () => {
      const d = await api.call('topics.describe', { name })
      partitionCount.value = d.partitions.length
      for (const p of d.partitions)
        bounds.value[p.partition] = {
          logStartOffset: p.logStartOffset,
          highWatermark: p.highWatermark
        }
    })
    if (problem.value) return
    if (at) await loadAt(at)
    else await load()
  }

  /** Reads the first page from the chosen start position. */
  async function load(): Promise<void> {
    if (!topic.value) return
    history.value = []
    paged.value = false
    finished.value = new Set()
    const first = orderChosen.value ? order.value : mode.value === 'latest' ? 'newest' : 'oldest'
    await run(async () => {
      const e = end.value
      if (mode.value === 'latest' && e) {
        // The latest records before the end: a backward page ending at the end offset, or just
        // before the first record after the end time.
        const from: From = 'offset' in e ? { offset: e.offset } : { timestamp: e.timestamp + 1 }
        show(
          await readTail(
            () => from,
            (p, r) =>
              'offset' in e
                ? Math.min(e.offset, r.bounds[p]?.highWatermark ?? e.offset)
                : (r.nextOffsets[p] ?? 0),
            true
          ),
          first
        )
      } else if (mode.value === 'latest' && mergedFirstPage.value) {
        show(await readMerged({ latest: pageSize.value }, 'tail'), first)
      } else if (mode.value === 'latest') {
        const n = pageSize.value
        show(
          await readTail(
            () => ({ latest: n }),
            (p, r) => r.bounds[p]?.highWatermark ?? r.nextOffsets[p] ?? 0,
            false
          ),
          first
        )
      } else {
        const from: From =
          mode.value === 'earliest'
            ? 'earliest'
            : mode.value === 'offset'
              ? { offset: Math.max(0, Math.floor(offset.value)) }
              : { timestamp: Math.max(0, Math.floor(timestamp.value)) }
        show(
          mergedFirstPage.value ? await readMerged(from, 'head') : await readHead(() => from),
          first
        )
      }
    })
  }

  /** Reads the page starting at these offsets (a shared or reloaded view after paging). */
  async function loadAt(at: Cursors): Promise<void> {
    if (!topic.value) return
    history.value = []
    finished.value = new Set()
    if (!orderChosen.value) order.value = mode.value === 'latest' ? 'newest' : 'oldest'
    await run(async () => {
      show(await readHead((p) => ({ offset: at[p] ?? bounds.value[p]?.logStartOffset ?? 0 })))
      paged.value = true
    })
  }

  async function newer(): Promise<void> {
    if (!canNewer.value) return
    const here = { ...start.value }
    const from = { ...next.value }
    await run(async () => {
      const page = await readHead((p) => ({ offset: from[p] ?? 0 }))
      if (page.records.length === 0) {
        noNewer.value = true
        return
      }
      show(page)
      history.value.push(here)
      paged.value = true
    })
  }

  async function older(): Promise<void> {
    if (!canOlder.value) return
    const previous = history.value[history.value.length - 1]
    if (previous) {
      await run(async () => {
        show(await readHead((p) => ({ offset: previous[p] ?? 0 })))
        history.value.pop()
        paged.value = true
      })
      return
    }
    const before = { ...start.value }
    await run(async () => {
      const page = await readTail(
        (p) => ({ offset: before[p] ?? 0 }),
        (p) => before[p] ?? 0,
        true
      )
      if (page.records.length === 0) {
        noOlder.value = true
        return
      }
      show(page)
      finished.value = new Set()
      paged.value = true
    })
  }

  function setOrder(o: Order): void {
    order.value = o
    orderChosen.value = true
  }

  /** Takes a position from the URL; true when reading must start again. */
  function applyPosition(p: Partial<BrowsePosition>): boolean {
    let changed = false
    const set = <T>(target: { value: T }, v: T | undefined) => {
      if (v !== undefined && target.value !== v) {
        target.value = v
        changed = true
      }
    }
    set(mode, p.mode)
    if (p.mode === 'offset') set(offset, p.offset)
    if (p.mode === 'timestamp') set(timestamp, p.timestamp)
    set(endMode, p.endMode)
    if (p.endMode === 'offset') set(endOffset, p.endOffset)
    if (p.endMode === 'timestamp') set(endTimestamp, p.endTimestamp)
    set(pageSize, p.pageSize)
    if (p.order !== undefined && p.order !== order.value) {
      order.value = p.order
      orderChosen.value = p.order !== (mode.value === 'latest' ? 'newest' : 'oldest')
    }
    return changed
  }

  let tailTimer: ReturnType<typeof setInterval> | null = null
  let tailInFlight = false

  async function tailTick(): Promise<void> {
    if (tailInFlight || !tailing.value) return
    tailInFlight = true
    try {
      const from = { ...next.value }
      const page = await readHead((p) => ({ offset: from[p] ?? 0 }))
      if (!tailing.value) return
      next.value = page.next
      const filter = tailFilter.value
      const arrived = filter ? page.records.filter(filter) : page.records
      tailScanned.value += page.records.length
      if (arrived.length) {
        const kept = [...records.value, ...arrived].slice(-TAIL_KEEP)
        records.value = kept
        const firsts: Cursors = {}
        for (const r of kept) if (firsts[r.partition] === undefined) firsts[r.partition] = r.offset
        start.value = { ...next.value, ...firsts }
      }
      problem.value = null
    } catch (err) {
      problem.value = toProblem(err)
      stopTail()
    } finally {
      tailInFlight = false
    }
  }

  /**
   * Follows new records as they arrive, starting from the latest page; with a filter, only the
   * records that match it are shown (the latest page included).
   */
  async function startTail(filter: RecordFilter | null = null): Promise<void> {
    if (tailing.value || !topic.value) return
    mode.value = 'latest'
    endMode.value = 'none'
    await load()
    if (problem.value) return
    tailFilter.value = filter
    tailScanned.value = 0
    if (filter) records.value = records.value.filter(filter)
    history.value = []
    tailing.value = true
    tailTimer = setInterval(() => void tailTick(), TAIL_INTERVAL_MS)
  }

  function stopTail(): void {
    tailing.value = false
    tailFilter.value = null
    if (tailTimer !== null) clearInterval(tailTimer)
    tailTimer = null
  }
  onScopeDispose(stopTail)

  function toggleSelected(r: MessageRecord): void {
    const id = recordId(r)
    const s = new Set(selected.value)
    if (s.has(id)) s.delete(id)
    else s.add(id)
    selected.value = s
  }

  function selectAll(on: boolean): void {
    selected.value = on ? new Set(records.value.map(recordId)) : new Set()
  }

  function toggleExpanded(r: MessageRecord): void {
    const id = recordId(r)
    expanded.value = expanded.value === id ? null : id
  }

  return {
    topic,
    partitionCount,
    partition,
    partitions,
    mode,
    offset,
    timestamp,
    endMode,
    endOffset,
    endTimestamp,
    end,
    pageSize,
    readCommitted,
    showMarkers,
    order,
    orderChosen,
    records,
    shownRecords,
    note,
    position,
    paged,
    finished,
    merge,
    start,
    next,
    bounds,
    history,
    loading,
    loaded,
    problem,
    viewMode,
    expanded,
    selected,
    selectedRecords,
    tailing,
    tailFilter,
    tailScanned,
    canNewer,
    canOlder,
    totalInRange,
    open,
    load,
    loadAt,
    setOrder,
    applyPosition,
    newer,
    older,
    startTail,
    stopTail,
    toggleSelected,
    selectAll,
    toggleExpanded
  }
})
