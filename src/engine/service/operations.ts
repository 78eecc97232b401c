// Long operations (search, copy) of any backend: registered with an id, run in steps that yield
// to the event loop or driven elsewhere (a worker, Fetch requests to a real cluster), report
// progress as 'operation.progress' events, keep a search's matches, and stop when cancelled.
import { randomUUID } from 'node:crypto'
import type { MessageRecord, SearchResults } from '../../shared/api/messages'
import type { OperationKind, OperationStatus } from '../../shared/api/metrics'
import type { ClusterEvents } from '../../shared/contract'
import { ApiError } from '../../shared/errors'

export interface Operation {
  status: OperationStatus
  cancelled: boolean
  /** Matches kept for messages.searchResults. */
  records: MessageRecord[]
  /** Called once when the operation is cancelled (a worker-driven operation stops its worker). */
  onCancel?: () => void
}

const KEEP_FINISHED = 50
const PROGRESS_EVERY_MS = 150

/** An operation's steps: each yields nothing, or a promise to wait for. */
type Steps = Generator<void | Promise<void>, string, undefined>

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

export class Operations {
  private readonly ops = new Map<string, Operation>()
  /** The operations still running, each until it has reported done. */
  private readonly running = new Set<Promise<void>>()

  constructor(private readonly emit: (payload: ClusterEvents['operation.progress']) => void) {}

  get(id: string): Operation {
    const op = this.ops.get(id)
    if (!op)
      throw new ApiError(
        'NOT_FOUND',
        `No operation '${id}': it finished long ago or never existed`,
        'operationId'
      )
    return op
  }

  list(): OperationStatus[] {
    return [...this.ops.values()].map((o) => ({ ...o.status }))
  }

  /** A search's matches so far (messages.searchResults). */
  results(id: string): SearchResults {
    const op = this.get(id)
    return {
      operationId: id,
      done: op.status.done,
      scanned: op.status.processed,
      matched: op.status.matched,
      records: op.records,
      error: op.status.error
    }
  }

  cancel(id: string): OperationStatus {
    const op = this.get(id)
    if (!op.status.done && !op.cancelled) {
      op.cancelled = true
      op.onCancel?.()
    }
    return { ...op.status }
  }

  /**
   * Starts `steps` (a generator doing a bounded amount of work per step) and returns at once.
   * Between steps the event loop runs, so the broker keeps serving clients; a step that yields a
   * promise (a write to another cluster) is waited for before the next.
   */
  start(kind: OperationKind, description: string, steps: (op: Operation) => Steps): Operation {
    const op = this.create(kind, description)
    this.track(this.run(op, steps(op)))
    return op
  }

  private track(running: Promise<void>): void {
    this.running.add(running)
    void running.then(() => this.running.delete(running))
  }

  /** Cancels every running operation and resolves once each has ended (a shutdown). */
  async cancelAll(): Promise<void> {
    for (const op of this.ops.values())
      if (!op.status.done && !op.cancelled) {
        op.cancelled = true
        op.onCancel?.()
      }
    await Promise.all(this.running)
  }

  /**
   * Starts an operation driven elsewhere (a worker thread): `drive` updates op.status and
   * op.records, calls `progress()` as it goes, and resolves with the summary.
   */
  startDriven(
    kind: OperationKind,
    description: string,
    drive: (op: Operation, progress: () => void) => Promise<string>
  ): Operation {
    const op = this.create(kind, description)
    const report = this.reporter(op)
    const driven = drive(op, () => report(false))
      .then(
        (summary) => {
          op.status.summary = summary
          op.status.cancelled = op.cancelled
          if (!op.cancelled) op.status.progress = 1
        },
        (err: unknown) => {
          op.status.error = err instanceof Error ? err.message : String(err)
        }
      )
      .finally(() => {
        op.status.done = true
        op.status.finishedAt = Date.now()
        report(true)
      })
    this.track(driven)
    return op
  }

  private create(kind: OperationKind, description: string): Operation {
    const op: Operation = {
      status: {
        operationId: randomUUID(),
        kind,
        description,
        startedAt: Date.now(),
        done: false,
        cancelled: false,
        progress: 0,
        processed: 0,
        matched: 0
      },
      cancelled: false,
      records: []
    }
    this.ops.set(op.status.operationId, op)
    this.prune()
    return op
  }

  private async run(op: Operation, it: Steps): Promise<void> {
    const report = this.reporter(op)
    try {
      for (;;) {
        if (op.cancelled) {
          op.status.cancelled = true
          op.status.summary = `Cancelled after ${op.status.processed} record(s); ${op.status.matched} matched`
          break
        }
        const r = it.next()
        if (r.done) {
          op.status.summary = r.value
          op.status.progress = 1
          break
        }
        if (r.value) await r.value
        report(false)
        await yieldToEventLoop()
      }
    } catch (err) {
      op.status.error = err instanceof Error ? err.message : String(err)
    } finally {
      op.status.done = true
      op.status.finishedAt = Date.now()
      report(true)
    }
  }

  /**
   * Sends an operation's progress with the matches found since the last report: at most every
   * PROGRESS_EVERY_MS, or at once when forced.
   */
  private reporter(op: Operation): (force: boolean) => void {
    let lastReport = 0
    let sent = 0
    return (force) => {
      const now = Date.now()
      if (!force && now - lastReport < PROGRESS_EVERY_MS) return
      lastReport = now
      const fresh = op.records.slice(sent)
      sent = op.records.length
      this.emit({ ...op.status, records: fresh.length > 0 ? fresh : undefined })
    }
  }

  private prune(): void {
    const finished = [...this.ops.values()].filter((o) => o.status.done)
    for (const o of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)))
      this.ops.delete(o.status.operationId)
  }
}
