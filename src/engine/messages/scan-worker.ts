// Entry point of the message-scan worker thread: one scan per worker, on its own read-only
// connection to the WAL database, posting progress and matches, stopping when cancelled.
import Database from 'better-sqlite3'
import { parentPort, workerData } from 'node:worker_threads'
import type { ScanMessage, ScanRange, ScanRequest } from './scan-protocol'
import { scanMessages, type ScanState } from './scan'
import { decodeBatch } from '../records'
import type { SampledRecord } from '../metrics/what-if'

const port = parentPort
if (!port) throw new Error('the message scan worker must run in a worker thread')
const req = workerData as ScanRequest
const cancel = new Int32Array(req.cancel)
const post = (m: ScanMessage) => port.postMessage(m)

/** Stored batches of a range, in offset order, from this worker's own connection. */
function batchSource(db: Database.Database) {
  const select = db.prepare<[number, number, number, number], { data: Buffer }>(
    'SELECT data FROM log_batches WHERE topic_id = ? AND partition = ? AND last_offset >= ? ' +
      'AND base_offset < ? ORDER BY last_offset'
  )
  return function* (r: ScanRange): Generator<Buffer> {
    for (const row of select.iterate(req.topicId, r.partition, r.from, r.until)) yield row.data
  }
}

function sample(db: Database.Database): void {
  const batches = batchSource(db)
  const samples: SampledRecord[] = []
  for (const r of req.ranges)
    for (const data of batches(r))
      for (const rec of decodeBatch(data, { verifyCrc: false }).records)
        if (rec.offset >= r.from && rec.offset < r.until)
          samples.push({
            partition: r.partition,
            key: rec.key && Buffer.from(rec.key),
            value: rec.value && Buffer.from(rec.value),
            headers: rec.headers.map((h) => ({
              key: h.key,
              value: h.value && Buffer.from(h.value)
            }))
          })
  post({ kind: 'samples', samples })
}

try {
  const db = new Database(req.file, { readonly: true, fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  if (req.mode === 'sample') sample(db)
  else search(db)
  db.close()
} catch (err) {
  post({ kind: 'error', message: err instanceof Error ? err.message : String(err) })
}

function search(db: Database.Database): void {
  const state: ScanState = { processed: 0, matched: 0, records: [] }
  let sent = 0
  let last = Date.now()
  const it = scanMessages(batchSource(db), req, state)
  let summary: string
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
}
