// Embedded backend, partitions area: skew diagnosis from per-partition load and a key sample,
// and the what-if simulator over the same sample.
import type { partitionsParams } from '../../../shared/api/partitions'
import type { Engine } from '../../engine'
import type { Topic } from '../../log/topic-registry'
import { partitionRecords } from '../../messages/partition-reader'
import { analyzeSkew, type PartitionKeySample } from '../../metrics/skew'
import { simulate, type SampledRecord } from '../../metrics/what-if'
import type { Area } from '../backend'

const DEFAULT_SAMPLE = 20_000

/** The newest records of every partition, up to `size` in all, split evenly. */
export function sampleRecords(engine: Engine, topic: Topic, size: number): SampledRecord[] {
  const per = Math.max(1, Math.floor(size / Math.max(1, topic.partitions.length)))
  const out: SampledRecord[] = []
  for (const p of topic.partitions) {
    const log = engine.logs.log(topic.id, p.partition)
    const from = Math.max(log.logStartOffset, log.highWatermark - per)
    for (const chunk of partitionRecords(log, from, log.highWatermark))
      for (const { record } of chunk)
        out.push({
          partition: p.partition,
          // Copies: the sample outlives the decoded batch buffers.
          key: record.key && Buffer.from(record.key),
          value: record.value && Buffer.from(record.value),
          headers: record.headers.map((h) => ({
            key: h.key,
            value: h.value && Buffer.from(h.value)
          }))
        })
  }
  return out
}

export function embeddedPartitions(engine: Engine): Area<typeof partitionsParams> {
  return {
    'partitions.skew': async ({ topic: name, sampleSize }) => {
      const topic = engine.topics.require(name)
      const loads = topic.partitions.map((p) => {
        const log = engine.logs.log(topic.id, p.partition)
        const rate = engine.rates.rate(topic.name, p.partition, 60)
        return {
          partition: p.partition,
          records: log.highWatermark - log.logStartOffset,
          bytes: log.sizeBytes,
          recordsPerSec: rate.recordsPerSec,
          bytesPerSec: rate.bytesPerSec
        }
      })
      const sample = sampleRecords(engine, topic, sampleSize ?? DEFAULT_SAMPLE)
      const byPartition = new Map<number, (string | null)[]>()
      for (const r of sample) {
        const list = byPartition.get(r.partition) ?? []
        list.push(r.key === null ? null : r.key.toString('utf8'))
        byPartition.set(r.partition, list)
      }
      const samples: PartitionKeySample[] = [...byPartition].map(([partition, keys]) => ({
        partition,
        keys
      }))
      return analyzeSkew(topic.name, loads, samples)
    },
    'partitions.whatIf': async ({ topic: name, partitionCount, strategy, sampleSize }) => {
      const topic = engine.topics.require(name)
      return simulate(
        topic.name,
        sampleRecords(engine, topic, sampleSize ?? DEFAULT_SAMPLE),
        partitionCount,
        strategy
      )
    }
  }
}
