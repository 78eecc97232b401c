// Embedded backend, partitions area: skew diagnosis from per-partition load and a key sample,
// and the what-if simulator over the same sample.
import type { partitionsParams } from '../../../shared/api/partitions'
import type { Engine } from '../../engine'
import { analyzeSkew, type PartitionKeySample } from '../../metrics/skew'
import { simulate } from '../../metrics/what-if'
import { sampleRecords } from '../../messages/key-sample'
import type { Area } from '../backend'

const DEFAULT_SAMPLE = 20_000

export function embeddedPartitions(engine: Engine): Area<typeof partitionsParams> {
  return {
    'partitions.skew': async ({ topic: name, sampleSize }) => {
      const topic = engine.requireTopic(name)
      const loads = topic.partitions.map((p) => {
        const log = engine.partitionLog(topic, p.partition)
        const rate = engine.produceRate(topic.name, p.partition, 60)
        return {
          partition: p.partition,
          records: log.highWatermark - log.logStartOffset,
          bytes: log.sizeBytes,
          recordsPerSec: rate.recordsPerSec,
          bytesPerSec: rate.bytesPerSec
        }
      })
      const sample = await sampleRecords(engine.sampleSource(topic), sampleSize ?? DEFAULT_SAMPLE)
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
      const topic = engine.requireTopic(name)
      return simulate(
        topic.name,
        await sampleRecords(engine.sampleSource(topic), sampleSize ?? DEFAULT_SAMPLE),
        partitionCount,
        strategy
      )
    }
  }
}
