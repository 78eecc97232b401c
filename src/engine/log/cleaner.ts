// The background log cleaner: on a timer, applies retention to every partition log (every
// log.retention.check.interval.ms), deletes the batches left below log start offsets and compacts
// logs that need it, off the main thread.
import type { PurgeResult } from './cleaner-jobs'
import { findWorkerEntry, type WorkerEntry } from '../workers/worker-entry'
import { InlineRunner, type JobRunner, WorkerRunner } from './cleaner-runner'
import type { CompactionResult } from './compaction'
import type { LogManager } from './log-manager'
import type { PartitionLog } from './partition-log'
import { cleanableRange, needsCompaction } from './segments'

export interface LogCleanerOptions {
  /** Time between passes (default 5,000 ms: short, for local development). */
  intervalMs?: number
  /**
   * log.retention.check.interval.ms: how often the periodic passes apply retention.ms and
   * retention.bytes (default: every pass); runOnce always applies them.
   */
  retentionCheckIntervalMs?: number
  /**
   * 'worker' runs compaction and deletions in a worker thread with its own connection; 'inline'
   * runs them on the main connection, blocking the event loop per job. 'auto' (default) picks
   * the worker for file databases and inline for ':memory:', which other connections cannot open.
   */
  mode?: 'auto' | 'worker' | 'inline'
  /** The worker's entry file (default: the cleaner's, see workers/; inline when it finds none). */
  worker?: WorkerEntry
  /** Keys in one compaction pass's offset map (default 1,000,000): bounds the worker's memory. */
  maxKeysPerPass?: number
  /**
   * WAL checkpoint interval of the worker (default 250 ms; 0 leaves checkpoints to SQLite's
   * automatic ones on the committing connection). Moving them off the main connection keeps
   * appends from paying for them: they then only write the WAL.
   */
  checkpointIntervalMs?: number
  /**
   * WAL size (default 64 MiB) past which the main connection starts the WAL over between two
   * appends, once the worker has checkpointed it, instead of letting it grow while appends never
   * pause.
   */
  walRestartBytes?: number
  /** The clock passes use (default Date.now). */
  clock?: () => number
  /** Failures of a pass or a job (default: console.error); the cleaner goes on. */
  onError?: (err: Error) => void
  /** Called after each pass with what it did. */
  onPass?: (report: CleanerPassReport) => void
}

export interface CleanerPassReport {
  /** Segments removed by retention.ms / retention.bytes. */
  segmentsDeleted: number
  /** Batches deleted below log start offsets. */
  batchesPurged: number
  compactions: Array<{ topicId: number; partition: number } & CompactionResult>
}

export class LogCleaner {
  readonly mode: 'worker' | 'inline'
  private readonly runner: JobRunner
  private readonly intervalMs: number
  /** Timer ticks from one retention check to the next (log.retention.check.interval.ms). */
  private readonly ticksPerRetentionCheck: number
  private ticksSinceRetentionCheck = 0
  private readonly maxKeysPerPass: number
  private readonly clock: () => number
  private readonly onError: (err: Error) => void
  private readonly onPass?: (report: CleanerPassReport) => void
  private timer: NodeJS.Timeout | null = null
  private running: Promise<CleanerPassReport> | null = null
  private checkedLeftovers = false
  private closed = false

  constructor(
    private readonly logs: LogManager,
    options: LogCleanerOptions = {}
  ) {
    const retentionCheckMs = options.retentionCheckIntervalMs ?? options.intervalMs ?? 5000
    // A retention check more frequent than the passes shortens them to its interval.
    this.intervalMs = Math.min(options.intervalMs ?? 5000, retentionCheckMs)
    this.ticksPerRetentionCheck = Math.max(1, Math.round(retentionCheckMs / this.intervalMs))
    this.maxKeysPerPass = options.maxKeysPerPass ?? 1_000_000
    this.clock = options.clock ?? Date.now
    this.onError = options.onError ?? ((err) => console.error('log cleaner:', err))
    this.onPass = options.onPass
    const db = logs.db
    const entry = options.worker ?? findWorkerEntry('cleaner')
    const wanted = options.mode ?? 'auto'
    const useWorker = !db.memory && entry !== null && wanted !== 'inline'
    if (wanted === 'worker' && !useWorker) {
      throw new Error(db.memory ? "an in-memory database can't be shared" : 'no worker entry found')
    }
    this.mode = useWorker ? 'worker' : 'inline'
    this.runner =
      useWorker && entry
        ? new WorkerRunner(db, {
            entry,
            checkpointIntervalMs: options.checkpointIntervalMs ?? 250,
            walRestartBytes: options.walRestartBytes ?? 64 << 20,
            onError: this.onError
          })
        : new InlineRunner(db, logs.q)
  }

  /** Starts the periodic passes (and the worker, which takes over WAL checkpoints at once). */
  start(): this {
    if (this.timer || this.closed) return this
    if (this.runner instanceof WorkerRunner) this.runner.start()
    this.timer = setInterval(() => {
      this.ticksSinceRetentionCheck++
      if (this.running) return
      // As Kafka's retention task: once log.retention.check.interval.ms has passed since the last.
      const retention = this.ticksSinceRetentionCheck >= this.ticksPerRetentionCheck
      if (retention) this.ticksSinceRetentionCheck = 0
      void this.runPass(this.clock(), retention).catch(this.onError)
    }, this.intervalMs)
    this.timer.unref()
    return this
  }

  /** Runs one full pass now (after any pass in flight) and resolves when all its jobs are done. */
  async runOnce(now: number = this.clock()): Promise<CleanerPassReport> {
    while (this.running) await this.running.catch(() => undefined)
    return this.runPass(now, true)
  }

  private runPass(now: number, retention: boolean): Promise<CleanerPassReport> {
    const pass = this.pass(now, retention).finally(() => {
      if (this.running === pass) this.running = null
    })
    this.running = pass
    return pass
  }

  private async pass(now: number, retention: boolean): Promise<CleanerPassReport> {
    const report: CleanerPassReport = { segmentsDeleted: 0, batchesPurged: 0, compactions: [] }
    const logs = [...this.logs.logs()]
    if (!this.checkedLeftovers) {
      // A previous run may have stopped before deleting everything below a log start offset.
      this.checkedLeftovers = true
      const below = this.logs.q.batchesExistBelow
      for (const log of logs) {
        if (log.logStartOffset > 0 && below.get(log.topicId, log.partition, log.logStartOffset))
          log.purgePending = true
      }
    }
    for (const log of logs) {
      if (this.closed) return report
      if (retention && log.config.deleteEnabled) report.segmentsDeleted += log.applyRetention(now)
    }
    for (const log of logs) {
      if (this.closed) return report
      if (log.purgePending) await this.guard(() => this.purge(log, report))
    }
    for (const log of logs) {
      if (this.closed) return report
      if (log.config.compactEnabled) await this.guard(() => this.compact(log, now, report))
    }
    this.onPass?.(report)
    return report
  }

  private async guard(job: () => Promise<void>): Promise<void> {
    try {
      await job()
    } catch (err) {
      if (!this.closed) this.onError(err instanceof Error ? err : new Error(String(err)))
    }
  }

  private async purge(log: PartitionLog, report: CleanerPassReport): Promise<void> {
    const belowOffset = log.logStartOffset
    const result = (await this.runner.run({
      kind: 'purge',
      job: { topicId: log.topicId, partition: log.partition, belowOffset }
    })) as PurgeResult
    report.batchesPurged += result.batchesDeleted
    // The start may have moved on meanwhile; the next pass takes the rest.
    if (log.logStartOffset === belowOffset) log.purgePending = false
  }

  private async compact(log: PartitionLog, now: number, report: CleanerPassReport): Promise<void> {
    const range = cleanableRange(
      log.segments,
      log.logStartOffset,
      log.cleanerCheckpoint,
      log.highWatermark,
      log.config,
      now
    )
    if (!range || !needsCompaction(range, log.segments, log.deleteHorizonMs, log.config, now)) {
      return
    }
    const result = (await this.runner.run({
      kind: 'compact',
      job: {
        topicId: log.topicId,
        partition: log.partition,
        logStartOffset: range.logStartOffset,
        firstDirtyOffset: range.firstDirtyOffset,
        cleanEndOffset: range.cleanEndOffset,
        segmentBases: range.segmentBases,
        now,
        deleteRetentionMs: log.config.deleteRetentionMs,
        maxKeys: this.maxKeysPerPass
      }
    })) as CompactionResult
    log.compacted(result.cleanedUpTo, result.deleteHorizonMs)
    report.compactions.push({ topicId: log.topicId, partition: log.partition, ...result })
  }

  /** Stops the timer and the worker (a job in flight is abandoned between its transactions). */
  async close(): Promise<void> {
    this.closed = true
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.runner.close()
    await this.running?.catch(() => undefined)
  }
}
