// Entry point of the message-scan worker thread: one scan per worker, on its own read-only
// connection to the WAL database, posting progress and matches, stopping when cancelled.
import { parentPort, workerData } from 'node:worker_threads'
import type { ScanMessage, ScanRequest } from './scan-protocol'
import { scanMessages, type ScanState } from './scan'
import { PartitionLog } from '../log/partition-log'
import { segmentFromRow } from '../log/segments'
import { logQueries } from '../storage/log-queries'
import { partitionBatches } from './partition-reader'
import { sampleFromLogs } from './sample-records'
import { openReadConnection } from '../storage/connection-settings'
import type { Db } from '../storage/database'
import { TypedDecoder } from '../registry/typed-decoder'

const port = parentPort
if (!port) throw new Error('the message scan worker must run in a worker thread')
const req = workerData as ScanRequest
const cancel = new Int32Array(req.cancel)
const post = (m: ScanMessage) => port.postMessage(m)

/** The partition logs of the scanned topic, as this worker's own connection sees them. */
function logsOf(db: Db): (partition: number) => PartitionLog {
  const q = logQueries(db)
  const logs = new Map<number, PartitionLog>()
  return (partition) => {
    let log = logs.get(partition)
    if (!log) {
      const row = q.partitionLogsSelect.get(req.topicId, partition)
      if (!row) throw new Error(`partition ${partition} of the scanned topic no longer exists`)
      const segments = q.segmentsSelectPartition.all(req.topicId, partition).map(segmentFromRow)
      log = new PartitionLog(db, q, req.topicId, partition, row, segments)
      logs.set(partition, log)
    }
    return log
  }
}

function sample(db: Db): void {
  post({ kind: 'samples', samples: sampleFromLogs(logsOf(db), req.ranges) })
}

async function run(): Promise<void> {
  const db = openReadConnection(req.file)
  try {
    if (req.mode === 'sample') sample(db)
    else search(db, req.catalog?.length ? await TypedDecoder.load(req.catalog) : undefined)
  } finally {
    db.close()
  }
}

run().catch((err: unknown) =>
  post({ kind: 'error', message: err instanceof Error ? err.message : String(err) })
)

function search(db: Db, decoder: TypedDecoder | undefined): void {
  const state: ScanState = { processed: 0, matched: 0, records: [] }
  let sent = 0
  let last = Date.now()
  const logOf = logsOf(db)
  const it = scanMessages(
    (r) => partitionBatches(logOf(r.partition), r.from, r.until),
    { ...req, decoder },
    state
  )
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
