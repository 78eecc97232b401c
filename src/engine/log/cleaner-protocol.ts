// Messages between the log cleaner and its worker thread, and where the worker's entry file is.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
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

export interface WorkerResponse {
  id: number
  result?: CompactionResult | PurgeResult
  error?: { message: string; stack?: string }
}

export interface WorkerEntry {
  /** Absolute path of the worker's entry file. */
  filename: string
  /** Node options for the worker, e.g. ['--import', 'tsx'] to run the TypeScript source. */
  execArgv?: string[]
}

/** File name of the worker entry in the bundle (an electron-vite main input of that name). */
export const CLEANER_WORKER_BUNDLE_FILE = 'log-cleaner-worker.js'

/**
 * Finds the worker entry: next to this module when running from TypeScript source (vitest,
 * tsx), loaded through tsx; in the electron-vite bundle, `log-cleaner-worker.js` in the
 * directory of the chunk holding this code or its parent (out/main/ for out/main/chunks/).
 * Null when neither exists; the cleaner then runs its jobs inline.
 */
export function resolveCleanerWorker(moduleUrl: string = import.meta.url): WorkerEntry | null {
  const here = fileURLToPath(moduleUrl)
  if (here.endsWith('.ts')) {
    return { filename: join(dirname(here), 'cleaner-worker.ts'), execArgv: ['--import', 'tsx'] }
  }
  for (const dir of [dirname(here), dirname(dirname(here))]) {
    const filename = join(dir, CLEANER_WORKER_BUNDLE_FILE)
    if (existsSync(filename)) return { filename }
  }
  return null
}
