// Entry point of the log cleaner's worker thread: opens its own connection to the WAL database,
// runs the jobs the main thread posts one at a time, and checkpoints the WAL in the background.
import { parentPort, workerData } from 'node:worker_threads'
import { logQueries } from '../storage/log-queries'
import { runCleanerJob } from './cleaner-jobs'
import { BUSY_TIMEOUT_MS, openWriteConnection } from '../storage/connection-settings'
import type { WorkerData, WorkerRequest, WorkerResponse } from './cleaner-protocol'

const data = workerData as WorkerData
const db = openWriteConnection(data.file, data.synchronous)
const q = logQueries(db)
if (!parentPort) throw new Error('the log cleaner worker must run in a worker thread')
const port = parentPort

interface CheckpointResult {
  busy: number
  log: number
  checkpointed: number
}

/** How long a RESTART checkpoint waits for the WAL's readers before it gives up (ms). */
const RESTART_WAIT_MS = 100
const pageSize = db.pragma('page_size', { simple: true }) as number
const restartFrames = Math.ceil(data.walRestartBytes / pageSize)
let lastCheckpoint = Date.now()
function maybeCheckpoint(): void {
  if (data.checkpointIntervalMs <= 0 || Date.now() - lastCheckpoint < data.checkpointIntervalMs)
    return
  lastCheckpoint = Date.now()
  // PASSIVE never waits, but under sustained appends it never catches up with the end of the WAL
  // either, so the WAL would only grow. Past a size, RESTART briefly holds writers back to copy
  // the few frames PASSIVE left and make the next write start the WAL over from its beginning.
  const [passive] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[]
  if (passive && passive.log > restartFrames) restartWal()
}

/**
 * RESTART holds every writer back while it waits for the WAL's readers to finish, so it waits
 * only briefly (the next check tries again) and appends never stall for long behind it.
 */
function restartWal(): void {
  db.pragma(`busy_timeout = ${RESTART_WAIT_MS}`)
  try {
    db.pragma('wal_checkpoint(RESTART)')
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  }
}
if (data.checkpointIntervalMs > 0) setInterval(maybeCheckpoint, data.checkpointIntervalMs)

port.on('message', (msg: WorkerRequest) => {
  let response: WorkerResponse
  try {
    response = { id: msg.id, result: runCleanerJob(db, q, msg.job, maybeCheckpoint) }
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err))
    response = { id: msg.id, error: { message: e.message, stack: e.stack } }
  }
  port.postMessage(response)
})
