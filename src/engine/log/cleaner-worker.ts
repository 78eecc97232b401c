// Entry point of the log cleaner's worker thread: opens its own connection to the WAL database,
// runs the jobs the main thread posts one at a time, and checkpoints the WAL in the background.
import { parentPort, workerData } from 'node:worker_threads'
import { logQueries } from '../storage/log-queries'
import { runCleanerJob } from './cleaner-jobs'
import { openWriteConnection } from '../storage/connection-settings'
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

port.postMessage({ ready: true } satisfies WorkerResponse)

const pageSize = db.pragma('page_size', { simple: true }) as number
const restartFrames = Math.ceil(data.walRestartBytes / pageSize)
let lastCheckpoint = Date.now()
/**
 * PASSIVE never waits, but under sustained appends it never reaches the end of the WAL for good
 * either, so the WAL would only grow. Past a size, the main thread starts it over from its
 * beginning: it makes the appends, so it can do so between two of them, where this connection
 * would have to win the write lock from appends that never pause.
 */
function maybeCheckpoint(): void {
  if (data.checkpointIntervalMs <= 0 || Date.now() - lastCheckpoint < data.checkpointIntervalMs)
    return
  lastCheckpoint = Date.now()
  const [passive] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[]
  if (passive && passive.log > restartFrames)
    port.postMessage({ walRestartWanted: true } satisfies WorkerResponse)
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
