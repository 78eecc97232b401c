// Messages between the log cleaner and its worker thread, and where the worker's entry file is.
import type { CleanerJob } from './cleaner-jobs'
import type { CompactionResult } from './compaction'
import type { PurgeResult } from './cleaner-jobs'

export interface WorkerData {
  /** The database file (the main connection's `db.name`). */
  file: string
  /** The main connection's PRAGMA synchronous (1 NORMAL, 2 FULL). */
  synchronous: number
  /** Run PRAGMA wal_checkpoint(PASSIVE) this often; 0 leaves checkpoints to SQLite. */
  checkpointIntervalMs: number
  /** WAL size past which the checkpoint makes the WAL restart from its beginning. */
  walRestartBytes: number
}

export interface WorkerRequest {
  id: number
  job: CleanerJob
}

export interface JobResponse {
  id: number
  result?: CompactionResult | PurgeResult
  error?: { message: string; stack?: string }
}

/**
 * The worker could not start the WAL over because appends kept it busy: the main connection,
 * which writes them, does it between two appends instead.
 */
export interface WalRestartWanted {
  walRestartWanted: true
}

/**
 * The worker has opened its connection (loaded SQLite's native module): from now on it may be
 * terminated. Terminated while it loads the module, Node aborts the whole process.
 */
export interface WorkerReady {
  ready: true
}

export type WorkerResponse = JobResponse | WalRestartWanted | WorkerReady
