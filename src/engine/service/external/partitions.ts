// External backend, partitions area: skew diagnosis and the what-if simulator over a sample of
// each partition's newest records, read with Fetch; loads from the offsets and the collector's
// produce rates.
import type { partitionsParams } from '../../../shared/api/partitions'
import { fromContractBytes } from '../../messages/message-view'
import { shareOut } from '../../messages/key-sample'
import { analyzeSkew } from '../../metrics/skew'
import { simulate, type SampledRecord } from '../../metrics/what-if'
import type { Area } from '../backend'
import type { ExternalContext } from './context'
import type { PartitionFetcher } from './fetch'
import { describeLogDirs, partitionSize } from './log-dirs'
import { bounds, requireTopic } from './metadata'

const DEFAULT_SAMPLE = 5_000

export function externalPartitions(
  ctx: ExternalContext,
  fetcher: PartitionFetcher
): Area<typeof partitionsParams> {
  const { clients } = ctx

  /** The newest records, split over partitions by recent writes (else by records held). */
  async function sample(name: string, size: number) {
    const admin = clients.admin()
    const t = await requireTopic(admin, name)
    const [allBounds, dirs] = await Promise.all([bounds(admin, [t]), describeLogDirs(admin, [t])])
    const b = allBounds.get(name)!
    const held = t.partitions.map((p) => {
      const x = b.get(p.partition)!
      return Math.max(0, x.highWatermark - x.logStartOffset)
    })
    const partitionRates = t.partitions.map((p) => ctx.history.rate(name, p.partition))
    const rates = partitionRates.map((r) => r.recordsPerSec)
    // The same split as the embedded cluster's: what a partition cannot give goes to the
    // others, so the sample has `size` records whenever the topic holds that many.
    const wants = shareOut(size, rates.some((r) => r > 0) ? rates : held, held)
    const records: SampledRecord[] = []
    for (const [i, p] of t.partitions.entries()) {
      const want = wants[i]
      if (want === 0) continue
      const x = b.get(p.partition)!
      for (const r of await fetcher.readTail(
        t,
        p.partition,
        x.logStartOffset,
        x.highWatermark,
        want
      ))
        records.push({
          partition: r.partition,
          key: fromContractBytes(r.key, r.keyEncoding ?? 'utf8'),
          value: fromContractBytes(r.value, r.valueEncoding ?? 'utf8'),
          headers: r.headers.map((h) => ({
            key: h.key,
            value: fromContractBytes(h.value, h.encoding ?? 'utf8')
          }))
        })
    }
    const sizes = t.partitions.map((p) => partitionSize(dirs, name, p) ?? 0)
    const byteRates = partitionRates.map((r) => r.bytesPerSec ?? 0)
    return { t, b, rates, sizes, byteRates, records }
  }

  return {
    'partitions.skew': ({ topic, sampleSize }) =>
      clients.run(
        `partitions.skew ${topic}`,
        async () => {
          const { t, b, rates, sizes, byteRates, records } = await sample(
            topic,
            sampleSize ?? DEFAULT_SAMPLE
          )
          const loads = t.partitions.map((p, i) => {
            const x = b.get(p.partition)!
            return {
              partition: p.partition,
              records: x.highWatermark - x.logStartOffset,
              bytes: sizes[i],
              recordsPerSec: rates[i],
              bytesPerSec: byteRates[i]
            }
          })
          const byPartition = new Map<number, (string | null)[]>()
          for (const r of records) {
            const list = byPartition.get(r.partition) ?? []
            list.push(r.key === null ? null : r.key.toString('utf8'))
            byPartition.set(r.partition, list)
          }
          return analyzeSkew(
            topic,
            loads,
            [...byPartition].map(([partition, keys]) => ({ partition, keys }))
          )
        },
        60_000
      ),
    'partitions.whatIf': ({ topic, partitionCount, strategy, sampleSize }) =>
      clients.run(
        `partitions.whatIf ${topic}`,
        async () => {
          const { records } = await sample(topic, sampleSize ?? DEFAULT_SAMPLE)
          return simulate(topic, records, partitionCount, strategy)
        },
        60_000
      )
  }
}
