// One job in a worker thread: started with its data, followed through the messages it posts
// until it settles, failed when the thread errors or stops first.
import { Worker } from 'node:worker_threads'
import type { WorkerEntry } from './worker-entry'

export interface WorkerJob<R> {
  result: Promise<R>
  worker: Worker
}

/**
 * Runs `entry` with `data`. Each message goes to `onMessage`, which settles the job with
 * `done(result)` or `fail(error)`; a thread that stops before that fails the job, naming
 * `what` ("the search worker stopped (exit code 1)").
 */
export function runWorkerJob<M, R>(
  entry: WorkerEntry,
  data: unknown,
  what: string,
  onMessage: (message: M, done: (result: R) => void, fail: (err: Error) => void) => void
): WorkerJob<R> {
  const worker = new Worker(entry.filename, { workerData: data, execArgv: entry.execArgv })
  const result = new Promise<R>((resolve, reject) => {
    worker.on('message', (m: M) => onMessage(m, resolve, reject))
    worker.on('error', reject)
    worker.on('exit', (code) => reject(new Error(`${what} stopped (exit code ${code})`)))
  })
  return { result, worker }
}
