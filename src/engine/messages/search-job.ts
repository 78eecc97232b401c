// messages.search's scan: in the message-scan worker thread (its own read connection) for
// databases on disk; in small steps on the main thread for in-memory databases, which no
// other connection can open. The caller keeps the operation (service/operations.ts).
import type { MessageRecord } from '../../shared/api/messages'
import type { PartitionLog } from '../log/partition-log'
import type { Topic } from '../log/topic-registry'
import type { WorkerEntry } from '../workers/worker-entry'
import { runWorkerJob } from '../workers/worker-job'
import type { MessageFilter } from './filters'
import { partitionBatches } from './partition-reader'
import { scanMessages, type ScanState } from './scan'
import type { ScanMessage, ScanRange, ScanRequest } from './scan-protocol'
import type { CatalogEntry } from '../registry/catalog'
import type { TypedDecoder } from '../registry/typed-decoder'

export interface SearchPlan {
  topic: Topic
  ranges: ScanRange[]
  filters: MessageFilter[]
  limit: number
  maxScan: number
  /** The registry's schemas and their decoder (the worker builds its own from the catalog). */
  typed?: { catalog: CatalogEntry[]; decoder: TypedDecoder }
}

/** Where a search reports as it goes: its counts, its progress (0..1) and the matches kept. */
export interface SearchSink {
  status: { processed: number; matched: number; progress: number | null }
  records: MessageRecord[]
}

function progressOf(plan: SearchPlan): (processed: number) => number {
  const total = plan.ranges.reduce((n, r) => n + Math.max(0, r.until - r.from), 0)
  return (processed) => (total === 0 ? 1 : Math.min(1, processed / total))
}

/** The search in bounded steps on this thread: yields between steps, returns the summary. */
export function* searchInSteps(
  log: (partition: number) => PartitionLog,
  plan: SearchPlan,
  sink: SearchSink
): Generator<void, string, undefined> {
  const progress = progressOf(plan)
  const state: ScanState = { processed: 0, matched: 0, records: sink.records }
  const it = scanMessages(
    (r) => partitionBatches(log(r.partition), r.from, r.until),
    { topicId: plan.topic.id, topicName: plan.topic.name, ...plan, decoder: plan.typed?.decoder },
    state
  )
  for (;;) {
    const r = it.next()
    sink.status.processed = state.processed
    sink.status.matched = state.matched
    sink.status.progress = progress(state.processed)
    if (r.done) return r.value
    yield
  }
}

/**
 * The search in the message-scan worker, on its own read connection to `file`. `progress` is
 * called after each batch of matches; `cancel()` stops the worker's scan.
 */
export function searchInWorker(
  entry: WorkerEntry,
  file: string,
  plan: SearchPlan,
  sink: SearchSink,
  progress: () => void
): { result: Promise<string>; cancel: () => void } {
  const progressFor = progressOf(plan)
  const cancel = new SharedArrayBuffer(4)
  const request: ScanRequest = {
    mode: 'search',
    file,
    topicId: plan.topic.id,
    topicName: plan.topic.name,
    ranges: plan.ranges,
    filters: plan.filters,
    limit: plan.limit,
    maxScan: plan.maxScan,
    ...(plan.typed ? { catalog: plan.typed.catalog } : {}),
    cancel
  }
  const job = runWorkerJob<ScanMessage, string>(
    entry,
    request,
    'the search worker',
    (m, done, fail) => {
      if (m.kind === 'error') return fail(new Error(m.message))
      if (m.kind === 'samples') return
      sink.status.processed = m.processed
      sink.status.matched = m.matched
      sink.status.progress = progressFor(m.processed)
      sink.records.push(...m.records)
      if (m.kind === 'done') done(m.summary)
      else progress()
    }
  )
  return { result: job.result, cancel: () => Atomics.store(new Int32Array(cancel), 0, 1) }
}
