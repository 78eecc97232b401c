// Key samples: the newest records of given partition ranges, copied out of the decoded batches,
// the same on the main thread and in the message-scan worker.
import type { PartitionLog } from '../log/partition-log'
import type { SampledRecord } from '../metrics/what-if'
import { lastRecords } from './partition-reader'
import type { ScanRange } from './scan-protocol'

export function sampleFromLogs(
  logOf: (partition: number) => PartitionLog,
  ranges: ScanRange[]
): SampledRecord[] {
  const out: SampledRecord[] = []
  for (const r of ranges) {
    const log = logOf(r.partition)
    const newest = r.newest ?? r.until - r.from
    for (const { record } of lastRecords(log, r.until, newest)) {
      if (record.offset < r.from) continue
      out.push({
        partition: r.partition,
        // Copies: the sample outlives the decoded batch buffers.
        key: record.key && Buffer.from(record.key),
        value: record.value && Buffer.from(record.value),
        headers: record.headers.map((h) => ({ key: h.key, value: h.value && Buffer.from(h.value) }))
      })
    }
  }
  return out
}
