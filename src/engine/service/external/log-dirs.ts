// Replica sizes from DescribeLogDirs, one request per broker: the size of each replica, how far
// its log end trails the high watermark as its broker sees it, and each broker's disk. A cluster
// that refuses it (an old version, no DESCRIBE on the cluster) leaves sizes unknown, never 0.
import type { Admin } from '@platformatic/kafka'
import type { PartitionMeta, TopicMeta } from './metadata'

export interface ReplicaDir {
  sizeBytes: number
  /** max(high watermark - log end offset, 0), as the replica's broker sees them. */
  offsetLag: number
}

export interface BrokerDisk {
  /** Bytes of every replica in its log directories. */
  sizeBytes: number
  totalBytes: number | null
  usableBytes: number | null
}

export interface LogDirs {
  /** `${partition}:${topic}` -> broker id -> its replica */
  replicas: Map<string, Map<number, ReplicaDir>>
  brokers: Map<number, BrokerDisk>
}

const key = (topic: string, partition: number) => `${partition}:${topic}`
const known = (n: bigint) => (n < 0n ? null : Number(n))

/** The log directories of every broker for these topics, or null if the cluster will not say. */
export async function describeLogDirs(admin: Admin, topics: TopicMeta[]): Promise<LogDirs | null> {
  const wanted = topics
    .filter((t) => t.partitions.length > 0)
    .map((t) => ({ name: t.name, partitions: t.partitions.map((p) => p.partition) }))
  const out: LogDirs = { replicas: new Map(), brokers: new Map() }
  if (wanted.length === 0) return out
  let answers
  try {
    answers = await admin.describeLogDirs({ topics: wanted })
  } catch {
    // Sizes are a figure to show, not something to fail a view over.
    return null
  }
  for (const b of answers) {
    const disk: BrokerDisk = { sizeBytes: 0, totalBytes: null, usableBytes: null }
    for (const dir of b.results) {
      // Several directories may share a volume; the largest one seen stands for the broker.
      if (known(dir.totalBytes) !== null && (disk.totalBytes ?? -1) < Number(dir.totalBytes)) {
        disk.totalBytes = Number(dir.totalBytes)
        disk.usableBytes = known(dir.usableBytes)
      }
      for (const t of dir.topics)
        for (const p of t.partitions) {
          if (p.isFutureKey) continue
          const size = Number(p.partitionSize)
          disk.sizeBytes += size
          const k = key(t.name, p.partitionIndex)
          let replicas = out.replicas.get(k)
          if (!replicas) out.replicas.set(k, (replicas = new Map()))
          replicas.set(b.broker, { sizeBytes: size, offsetLag: Number(p.offsetLag) })
        }
    }
    out.brokers.set(b.broker, disk)
  }
  return out
}

/** The size of a partition: its leader's copy, else the largest copy reported. */
export function partitionSize(
  dirs: LogDirs | null,
  topic: string,
  p: PartitionMeta
): number | null {
  const replicas = dirs?.replicas.get(key(topic, p.partition))
  if (!replicas || replicas.size === 0) return null
  const leader = replicas.get(p.leader)
  if (leader) return leader.sizeBytes
  return Math.max(...[...replicas.values()].map((r) => r.sizeBytes))
}

/**
 * Where each replica's log ends, as far as Kafka lets a client tell. An in-sync replica holds
 * at least the high watermark (that is how the high watermark is defined), shown as the high
 * watermark. A replica out of the ISR whose broker reports an offset lag trails by at least
 * that much; one reported without lag (Kafka's followers measure it against their own, older
 * high watermark) or not reported at all is unknown: null.
 */
export function replicaLogEnds(
  dirs: LogDirs | null,
  topic: string,
  p: PartitionMeta,
  highWatermark: number
): Record<number, number | null> {
  const replicas = dirs?.replicas.get(key(topic, p.partition))
  return Object.fromEntries(
    p.replicas.map((r) => {
      if (p.offlineReplicas.includes(r)) return [r, null]
      if (p.isr.includes(r)) return [r, highWatermark]
      const lag = replicas?.get(r)?.offsetLag ?? 0
      return [r, lag > 0 ? Math.max(0, highWatermark - lag) : null]
    })
  )
}
