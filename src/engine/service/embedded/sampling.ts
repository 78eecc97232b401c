// Key samples for skew analysis and the what-if simulator: the newest records of each
// partition, read in the message-scan worker for data directories, inline for in-memory ones.
import { Worker } from 'node:worker_threads'
import type { Engine } from '../../engine'
import type { Topic } from '../../log/topic-registry'
import { sampleFromLogs } from '../../messages/sample-records'
import {
  resolveScanWorker,
  type ScanMessage,
  type ScanRange,
  type ScanRequest
} from '../../messages/scan-protocol'
import type { SampledRecord } from '../../metrics/what-if'

/**
 * The newest records of the topic, `size` in all, split over the partitions by their share of
 * recent writes (of the records held when nothing is being written), so that a hot partition
 * weighs in the sample as it does in the traffic.
 */
export function sampleRanges(engine: Engine, topic: Topic, size: number): ScanRange[] {
  const logs = topic.partitions.map((p) => engine.logs.log(topic.id, p.partition))
  const rates = topic.partitions.map(
    (p) => engine.rates.rate(topic.name, p.partition, 60).recordsPerSec
  )
  const held = logs.map((l) => l.highWatermark - l.logStartOffset)
  const useRates = rates.some((r) => r > 0)
  const weights = useRates ? rates : held
  const total = weights.reduce((a, b) => a + b, 0)
  return topic.partitions.map((p, i) => {
    const log = logs[i]
    const want =
      total > 0 ? Math.round((size * weights[i]) / total) : Math.floor(size / logs.length)
    return {
      partition: p.partition,
      from: log.logStartOffset,
      until: log.highWatermark,
      newest: want
    }
  })
}

const toBuffer = (u: Uint8Array | null) =>
  u === null ? null : Buffer.from(u.buffer, u.byteOffset, u.byteLength)

export async function sampleRecords(
  engine: Engine,
  topic: Topic,
  size: number
): Promise<SampledRecord[]> {
  const ranges = sampleRanges(engine, topic, size)
  const entry = engine.db.memory ? null : resolveScanWorker()
  if (entry) {
    const request: ScanRequest = {
      mode: 'sample',
      file: engine.db.name,
      topicId: topic.id,
      ranges,
      filters: [],
      limit: size,
      maxScan: size,
      cancel: new SharedArrayBuffer(4)
    }
    const samples = await new Promise<SampledRecord[]>((resolve, reject) => {
      const worker = new Worker(entry.filename, { workerData: request, execArgv: entry.execArgv })
      worker.on('message', (m: ScanMessage) => {
        if (m.kind === 'samples') resolve(m.samples)
        else if (m.kind === 'error') reject(new Error(m.message))
      })
      worker.on('error', reject)
      worker.on('exit', (code) =>
        reject(new Error(`the sampling worker stopped (exit code ${code})`))
      )
    })
    // Buffers arrive as plain Uint8Arrays from the worker.
    return samples.map((s) => ({
      partition: s.partition,
      key: toBuffer(s.key),
      value: toBuffer(s.value),
      headers: s.headers.map((h) => ({ key: h.key, value: toBuffer(h.value) }))
    }))
  }
  return sampleFromLogs((p) => engine.logs.log(topic.id, p), ranges)
}
