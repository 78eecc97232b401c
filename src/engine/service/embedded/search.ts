// messages.search: a scan in the message-scan worker thread (its own read connection) for
// databases on disk; in small steps on the main thread for in-memory databases, which no
// other connection can open.
import { Worker } from 'node:worker_threads'
import type { Engine } from '../../engine'
import type { Topic } from '../../log/topic-registry'
import { scanMessages, type ScanState } from '../../messages/scan'
import {
  resolveScanWorker,
  type ScanMessage,
  type ScanRange,
  type ScanRequest
} from '../../messages/scan-protocol'
import { partitionBatches } from '../../messages/partition-reader'
import type { MessageFilter } from '../../messages/filters'
import type { Operation, Operations } from './operations'

export interface SearchPlan {
  topic: Topic
  ranges: ScanRange[]
  filters: MessageFilter[]
  limit: number
  maxScan: number
}

export function startSearch(engine: Engine, ops: Operations, plan: SearchPlan): Operation {
  const description = `Search ${plan.topic.name}`
  const total = plan.ranges.reduce((n, r) => n + Math.max(0, r.until - r.from), 0)
  const progressOf = (processed: number) => (total === 0 ? 1 : Math.min(1, processed / total))
  const file = engine.databaseFile()
  const entry = file === null ? null : resolveScanWorker()
  if (file === null || !entry) {
    return ops.start('search', description, function* (op) {
      const state: ScanState = { processed: 0, matched: 0, records: op.records }
      const it = scanMessages(
        (r) => partitionBatches(engine.partitionLog(plan.topic, r.partition), r.from, r.until),
        { topicId: plan.topic.id, ...plan },
        state
      )
      for (;;) {
        const r = it.next()
        op.status.processed = state.processed
        op.status.matched = state.matched
        op.status.progress = progressOf(state.processed)
        if (r.done) return r.value
        yield
      }
    })
  }
  return ops.startDriven('search', description, (op, progress) => {
    const cancel = new SharedArrayBuffer(4)
    const request: ScanRequest = {
      mode: 'search',
      file,
      topicId: plan.topic.id,
      ranges: plan.ranges,
      filters: plan.filters,
      limit: plan.limit,
      maxScan: plan.maxScan,
      cancel
    }
    const worker = new Worker(entry.filename, { workerData: request, execArgv: entry.execArgv })
    op.onCancel = () => Atomics.store(new Int32Array(cancel), 0, 1)
    return new Promise<string>((resolve, reject) => {
      worker.on('message', (m: ScanMessage) => {
        if (m.kind === 'error') return reject(new Error(m.message))
        if (m.kind === 'samples') return
        op.status.processed = m.processed
        op.status.matched = m.matched
        op.status.progress = progressOf(m.processed)
        op.records.push(...m.records)
        if (m.kind === 'done') resolve(m.summary)
        else progress()
      })
      worker.on('error', reject)
      worker.on('exit', (code) => {
        if (code !== 0) reject(new Error(`the search worker stopped (exit code ${code})`))
      })
    })
  })
}
