// Runs cleaner jobs either in a worker thread with its own database connection (file databases)
// or inline on the main connection (':memory:' databases, which no other connection can open).
import { setTimeout as sleep } from 'node:timers/promises'
import { Worker } from 'node:worker_threads'
import type { Db } from '../storage/database'
import { BUSY_TIMEOUT_MS } from '../storage/connection-settings'
import type { LogQueries } from '../storage/log-queries'
import { type CleanerJob, type PurgeResult, runCleanerJob } from './cleaner-jobs'
import type { WorkerData, WorkerRequest, WorkerResponse } from './cleaner-protocol'
import type { WorkerEntry } from '../workers/worker-entry'
import type { CompactionResult } from './compaction'

export interface JobRunner {
  run(job: CleanerJob): Promise<CompactionResult | PurgeResult>
  close(): Promise<void>
}

/** Runs each job synchronously on the main connection: the event loop waits for it. */
export class InlineRunner implements JobRunner {
  constructor(
    private readonly db: Db,
    private readonly q: LogQueries
  ) {}

  async run(job: CleanerJob): Promise<CompactionResult | PurgeResult> {
    return runCleanerJob(this.db, this.q, job)
  }

  async close(): Promise<void> {}
}

export interface WorkerRunnerOptions {
  entry: WorkerEntry
  /** Checkpoint the WAL from the worker this often and turn the main connection's off (0: no). */
  checkpointIntervalMs: number
  walRestartBytes: number
  onError: (err: Error) => void
}

/** How long closing waits for a worker still starting before it terminates it anyway. */
const READY_WAIT_MS = 5000

interface Pending {
  resolve: (result: CompactionResult | PurgeResult) => void
  reject: (err: Error) => void
}

/**
 * One worker thread, started on first use and restarted after a crash, running one job at a time
 * in the order posted. While it checkpoints the WAL, the main connection checkpoints only when the
 * WAL has grown past twice the restart size, so appends normally only ever write the WAL; its
 * usual automatic checkpoints come back when the worker stops.
 */
export class WorkerRunner implements JobRunner {
  private worker: Worker | null = null
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private savedAutoCheckpoint: number | null = null
  /** Settles once the worker has opened its connection, or has failed or exited. */
  private ready: Promise<void> = Promise.resolve()

  constructor(
    private readonly db: Db,
    private readonly options: WorkerRunnerOptions
  ) {}

  /** Starts the worker now (it starts on the first job otherwise). */
  start(): void {
    if (this.worker) return
    const data: WorkerData = {
      file: this.db.name,
      synchronous: this.db.pragma('synchronous', { simple: true }) as number,
      checkpointIntervalMs: this.options.checkpointIntervalMs,
      walRestartBytes: this.options.walRestartBytes
    }
    const worker = new Worker(this.options.entry.filename, {
      workerData: data,
      execArgv: this.options.entry.execArgv
    })
    worker.unref()
    this.ready = new Promise<void>((resolve) => {
      worker.on('message', (msg: WorkerResponse) => 'ready' in msg && resolve())
      worker.on('error', () => resolve())
      worker.on('exit', () => resolve())
    })
    worker.on('message', (msg: WorkerResponse) => {
      if ('ready' in msg) return
      if ('walRestartWanted' in msg) return this.restartWal()
      const p = this.pending.get(msg.id)
      if (!p) return
      this.pending.delete(msg.id)
      if (msg.error) {
        const err = new Error(msg.error.message)
        if (msg.error.stack) err.stack = msg.error.stack
        p.reject(err)
      } else if (msg.result) p.resolve(msg.result)
    })
    worker.on('error', (err) => this.stopped(worker, err))
    worker.on('exit', (code) => this.stopped(worker, new Error(`cleaner worker exited (${code})`)))
    this.worker = worker
    if (this.options.checkpointIntervalMs > 0 && this.savedAutoCheckpoint === null) {
      this.savedAutoCheckpoint = this.db.pragma('wal_autocheckpoint', { simple: true }) as number
      // A backstop only: should the worker fall behind (a machine too busy to give its thread
      // time), an append that takes the WAL past twice the restart size checkpoints it itself,
      // holding appends back until it is copied, so the WAL stays bounded whatever the load.
      const pageSize = this.db.pragma('page_size', { simple: true }) as number
      const backstopPages = Math.ceil((2 * this.options.walRestartBytes) / pageSize)
      this.db.pragma(`wal_autocheckpoint = ${backstopPages}`)
    }
  }

  /**
   * Starts the WAL over from the main connection, between two appends. The worker's checkpoints
   * have copied nearly all of it already, so this copies little. It does not wait: if the worker
   * is checkpointing or reading, its next checkpoint asks again.
   */
  private restartWal(): void {
    if (!this.db.open) return
    this.db.pragma('busy_timeout = 0')
    try {
      this.db.pragma('wal_checkpoint(RESTART)')
    } catch (err) {
      // A busy WAL answers busy=1 without throwing: this is an I/O error (a full disk, say).
      this.options.onError(err instanceof Error ? err : new Error(String(err)))
    } finally {
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    }
  }

  private stopped(worker: Worker, err: Error): void {
    if (this.worker !== worker) return
    this.worker = null
    this.restoreAutoCheckpoint()
    for (const p of this.pending.values()) p.reject(err)
    if (this.pending.size > 0) this.options.onError(err)
    this.pending.clear()
  }

  private restoreAutoCheckpoint(): void {
    if (this.savedAutoCheckpoint === null) return
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${this.savedAutoCheckpoint}`)
    this.savedAutoCheckpoint = null
  }

  run(job: CleanerJob): Promise<CompactionResult | PurgeResult> {
    this.start()
    const worker = this.worker
    if (!worker) return Promise.reject(new Error('cleaner worker did not start'))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      // Keep the process alive while a job is in flight, not while the worker idles.
      worker.ref()
      const request: WorkerRequest = { id, job }
      worker.postMessage(request)
    }).finally(() => {
      if (this.pending.size === 0) this.worker?.unref()
    }) as Promise<CompactionResult | PurgeResult>
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = null
    this.restoreAutoCheckpoint()
    for (const p of this.pending.values()) p.reject(new Error('log cleaner closed'))
    this.pending.clear()
    if (!worker) return
    // Not while it loads SQLite's native module: a worker terminated then aborts the process
    // (node-addon-api's fatal "Error::New napi_get_last_error_info"). A cluster closed just
    // after it started would otherwise take the process down.
    await Promise.race([this.ready, sleep(READY_WAIT_MS, undefined, { ref: false })])
    await worker.terminate()
  }
}
