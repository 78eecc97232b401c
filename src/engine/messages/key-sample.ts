// Key samples for skew analysis and the what-if simulator: the newest records of each
// partition, read in the message-scan worker for data directories, inline for in-memory ones.
import type { PartitionLog } from '../log/partition-log'
import type { Topic } from '../log/topic-registry'
import type { SampledRecord } from '../metrics/what-if'
import { findWorkerEntry } from '../workers/worker-entry'
import { runWorkerJob } from '../workers/worker-job'
import { sampleFromLogs } from './sample-records'
import type { ScanMessage, ScanRange, ScanRequest } from './scan-protocol'

/** What a key sample reads: the topic's partition logs and how fast each is written to. */
export interface SampleSource {
  topic: Topic
  log(partition: number): PartitionLog
  /** Records per second written to the partition over the last minute. */
  recordsPerSec(partition: number): number
  /** The database file for the scan worker's read connection; null when in memory. */
  databaseFile: string | null
}

/**
 * The newest records of the topic, `size` in all, split over the partitions by their share of
 * recent writes (of the records held when nothing is being written), so that a hot partition
 * weighs in the sample as it does in the traffic. No partition is asked for more than it holds:
 * what one cannot give goes to the others, so a topic smaller than the sample is read whole.
 */
export function sampleRanges(source: SampleSource, size: number): ScanRange[] {
  const { topic } = source
  const logs = topic.partitions.map((p) => source.log(p.partition))
  const rates = topic.partitions.map((p) => source.recordsPerSec(p.partition))
  const held = logs.map((l) => Math.max(0, l.highWatermark - l.logStartOffset))
  const weights = rates.some((r) => r > 0) ? rates : held
  const wants = shareOut(size, weights, held)
  return topic.partitions.map((p, i) => ({
    partition: p.partition,
    from: logs[i].logStartOffset,
    until: logs[i].highWatermark,
    newest: wants[i]
  }))
}

/**
 * Splits `size` in proportion to `weights`, never giving a part more than its `cap`; what a
 * capped part cannot take is shared out again among the others, in proportion to their weights
 * (equally where those are all zero).
 */
export function shareOut(size: number, weights: number[], caps: number[]): number[] {
  const out = weights.map(() => 0)
  let left = Math.min(
    size,
    caps.reduce((a, b) => a + b, 0)
  )
  while (left > 0) {
    const open = weights.map((_, i) => i).filter((i) => out[i] < caps[i])
    const weighted = open.filter((i) => weights[i] > 0)
    const takers = weighted.length > 0 ? weighted : open
    const total = takers.reduce((a, i) => a + (weighted.length > 0 ? weights[i] : 1), 0)
    let given = 0
    for (const i of takers) {
      const share = (left * (weighted.length > 0 ? weights[i] : 1)) / total
      const take = Math.min(caps[i] - out[i], Math.round(share), left - given)
      out[i] += take
      given += take
    }
    if (given === 0) {
      // Rounding gave nothing: the heaviest part with room takes one.
      const i = takers.reduce((a, b) => (weights[b] > weights[a] ? b : a))
      out[i] += 1
      given = 1
    }
    left -= given
  }
  return out
}

const toBuffer = (u: Uint8Array | null) =>
  u === null ? null : Buffer.from(u.buffer, u.byteOffset, u.byteLength)

export async function sampleRecords(source: SampleSource, size: number): Promise<SampledRecord[]> {
  const ranges = sampleRanges(source, size)
  const file = source.databaseFile
  const entry = file === null ? null : findWorkerEntry('scan')
  if (file === null || !entry) return sampleFromLogs((p) => source.log(p), ranges)
  const request: ScanRequest = {
    mode: 'sample',
    file,
    topicId: source.topic.id,
    ranges,
    filters: [],
    limit: size,
    maxScan: size,
    cancel: new SharedArrayBuffer(4)
  }
  const job = runWorkerJob<ScanMessage, SampledRecord[]>(
    entry,
    request,
    'the sampling worker',
    (m, done, fail) => {
      if (m.kind === 'samples') done(m.samples)
      else if (m.kind === 'error') fail(new Error(m.message))
    }
  )
  // Buffers arrive as plain Uint8Arrays from the worker.
  return (await job.result).map((s) => ({
    partition: s.partition,
    key: toBuffer(s.key),
    value: toBuffer(s.value),
    headers: s.headers.map((h) => ({ key: h.key, value: toBuffer(h.value) }))
  }))
}
