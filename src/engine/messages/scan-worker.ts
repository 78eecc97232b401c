// Entry point of the message-scan worker thread: one scan per worker, on its own read-only
// connection to the WAL database, posting progress and matches, stopping when cancelled.
import Database from 'better-sqlite3'
import { parentPort, workerData } from 'node:worker_threads'
import type { ScanMessage, ScanRequest } from './scan-protocol'
import { scanMessages, type ScanState } from './scan'

const port = parentPort
if (!port) throw new Error('the message scan worker must run in a worker thread')
const req = workerData as ScanRequest
const cancel = new Int32Array(req.cancel)
const post = (m: ScanMessage) => port.postMessage(m)

try {
  const db = new Database(req.file, { readonly: true, fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  const state: ScanState = { processed: 0, matched: 0, records: [] }
  let sent = 0
  let last = Date.now()
  const select = db.prepare<[number, number, number, number], { data: Buffer }>(
    'SELECT data FROM log_batches WHERE topic_id = ? AND partition = ? AND last_offset >= ? ' +
      'AND base_offset < ? ORDER BY last_offset'
  )
  const it = scanMessages(
    function* (r) {
      for (const row of select.iterate(req.topicId, r.partition, r.from, r.until)) yield row.data
    },
    req,
    state
  )
  let summary = ''
  for (;;) {
    if (Atomics.load(cancel, 0) === 1) {
      summary = `Cancelled after ${state.processed} record(s); ${state.matched} matched`
      break
    }
    const r = it.next()
    if (r.done) {
      summary = r.value
      break
    }
    if (Date.now() - last >= 100) {
      last = Date.now()
      post({
        kind: 'progress',
        processed: state.processed,
        matched: state.matched,
        records: state.records.slice(sent)
      })
      sent = state.records.length
    }
  }
  post({
    kind: 'done',
    processed: state.processed,
    matched: state.matched,
    records: state.records.slice(sent),
    summary
  })
  db.close()
} catch (err) {
  post({ kind: 'error', message: err instanceof Error ? err.message : String(err) })
}
