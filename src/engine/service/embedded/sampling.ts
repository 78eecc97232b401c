// Key samples for skew analysis and the what-if simulator: the newest records of each
// partition, read in the message-scan worker for data directories, inline for in-memory ones.
import { Worker } from 'node:worker_threads'
import type { Engine } from '../../engine'
import type { Topic } from '../../log/topic-registry'
import { partitionRecords } from '../../messages/partition-reader'
import {
  resolveScanWorker,
  type ScanMessage,
  type ScanRange,
  type ScanRequest
} from '../../messages/scan-protocol'
import type { SampledRecord } from '../../metrics/what-if'

/** The newest `size` records of the topic, split evenly over its partitions. */
export function sampleRanges(engine: Engine, topic: Topic, size: number): ScanRange[] {
  const per = Math.max(1, Math.floor(size / Math.max(1, topic.partitions.length)))
  return topic.partitions.map((p) => {
    const log = engine.logs.log(topic.id, p.partition)
    return {
      partition: p.partition,
      from: Math.max(log.logStartOffset, log.highWatermark - per),
      until: log.highWatermark
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
  const out: SampledRecord[] = []
  for (const r of ranges)
    for (const chunk of partitionRecords(engine.logs.log(topic.id, r.partition), r.from, r.until))
      for (const { record } of chunk)
        out.push({
          partition: r.partition,
          // Copies: the sample outlives the decoded batch buffers.
          key: record.key && Buffer.from(record.key),
          value: record.value && Buffer.from(record.value),
          headers: record.headers.map((h) => ({
            key: h.key,
            value: h.value && Buffer.from(h.value)
          }))
        })
  return out
}
