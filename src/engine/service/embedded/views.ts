// Contract-shaped views of the embedded engine's state: cluster, topic and partition infos.
import type {
  ClusterInfo,
  HotPartition,
  PartitionInfo,
  TopicDescription,
  TopicSummary
} from '../../../shared/model'
import type { Engine } from '../../engine'
import type { Topic } from '../../log/topic-registry'
import { kafkaTopicConfigs } from '../../log/topic-configs'
import { skewFigures } from '../../metrics/skew'

export function clusterInfo(e: Engine): ClusterInfo {
  const topics = e.listTopics()
  const leaders = new Map<number, number>()
  const replicas = new Map<number, number>()
  const bytes = new Map<number, number>()
  const bytesIn = new Map<number, number>()
  let partitionCount = 0
  let underReplicated = 0
  let offline = 0
  for (const t of topics) {
    for (const p of t.partitions) {
      partitionCount++
      if (p.leader < 0) offline++
      else if (p.replicas.some((r) => !p.isr.includes(r) && !p.reassignment?.adding.includes(r)))
        underReplicated++
      leaders.set(p.leader, (leaders.get(p.leader) ?? 0) + 1)
      // Over the window of the partitions' own rates (topics.describe), so that a broker's load
      // is the sum of its partitions' as the console shows them side by side.
      const written = e.produceRate(t.name, p.partition).bytesPerSec
      bytesIn.set(p.leader, (bytesIn.get(p.leader) ?? 0) + written)
      for (const r of p.replicas) {
        replicas.set(r, (replicas.get(r) ?? 0) + 1)
        bytes.set(r, (bytes.get(r) ?? 0) + e.replicaSizeBytes(t, p, r))
      }
    }
  }
  const controllerId = e.controllerId
  const storage = e.databaseFile() === null ? undefined : e.storageStatus()
  return {
    clusterId: e.clusterId,
    kind: 'embedded',
    name: 'Embedded cluster',
    controllerId,
    brokers: e.listBrokers().map((b) => ({
      id: b.id,
      host: b.host,
      port: b.port,
      status: b.status,
      endpoints: b.endpoints.map((e) => ({ ...e, host: b.host })),
      isController: b.id === controllerId,
      rack: e.brokerRack(b.id),
      leaderCount: leaders.get(b.id) ?? 0,
      replicaCount: replicas.get(b.id) ?? 0,
      bytesInPerSec: Math.round(bytesIn.get(b.id) ?? 0),
      replicationDelayMs: e.brokerReplication(b.id).delayMs,
      replicationRecordsPerSec: e.brokerReplication(b.id).recordsPerSec,
      leaderThrottledRate: e.brokerReplication(b.id).leaderThrottledRate,
      followerThrottledRate: e.brokerReplication(b.id).followerThrottledRate,
      // The simulated brokers share one physical log per partition and one disk.
      sizeBytes: bytes.get(b.id) ?? 0,
      diskTotalBytes: storage?.totalBytes ?? null,
      diskUsableBytes: storage?.freeBytes ?? null
    })),
    topicCount: topics.length,
    partitionCount,
    underReplicatedPartitions: underReplicated,
    offlinePartitions: offline,
    // Where clients bootstrap: the first listener's advertised addresses, if it has them.
    bootstrapServers: e
      .listBrokers()
      .map((b) => {
        const a = b.endpoints[0]?.advertised ?? b
        return `${a.host}:${a.port}`
      })
      .join(','),
    ...(storage === undefined ? {} : { storage })
  }
}

export function partitionInfos(e: Engine, t: Topic): PartitionInfo[] {
  const online = new Set(e.onlineBrokerIds())
  return t.partitions.map((p) => {
    const log = e.partitionLog(t, p.partition)
    const rate = e.produceRate(t.name, p.partition)
    return {
      partition: p.partition,
      leader: p.leader,
      leaderEpoch: p.leaderEpoch,
      replicas: [...p.replicas],
      isr: [...p.isr],
      offlineReplicas: p.replicas.filter((r) => !online.has(r)),
      ...(p.reassignment && {
        addingReplicas: [...p.reassignment.adding],
        removingReplicas: [...p.reassignment.removing]
      }),
      logStartOffset: log.logStartOffset,
      highWatermark: log.highWatermark,
      logEndOffset: log.logEndOffset,
      sizeBytes: log.sizeBytes,
      recordsPerSec: rate.recordsPerSec,
      bytesPerSec: rate.bytesPerSec,
      replicaLogEndOffsets: Object.fromEntries(p.replicas.map((r) => [r, e.replicaLogEnd(t, p, r)]))
    }
  })
}

/** Above this ratio of the busiest partition's load to the mean, a partition counts as hot. */
export const HOT_MAX_OVER_MEAN = 1.5

/** The busiest partition when it takes much more than its share: by recent writes, else records. */
export function hotPartition(parts: readonly PartitionInfo[]): HotPartition | null {
  if (parts.length < 2) return null
  const byRate = parts.some((p) => p.recordsPerSec > 0)
  const load = parts.map((p) => (byRate ? p.recordsPerSec : p.highWatermark - p.logStartOffset))
  const total = load.reduce((a, b) => a + b, 0)
  if (total === 0) return null
  const { maxOverMean } = skewFigures(load)
  if (maxOverMean < HOT_MAX_OVER_MEAN) return null
  const i = load.indexOf(Math.max(...load))
  return {
    partition: parts[i].partition,
    share: load[i] / total,
    maxOverMean,
    basis: byRate ? 'writes' : 'records'
  }
}

/** The sum, or null when any part is unknown. */
export function sumOrNull(values: readonly (number | null)[]): number | null {
  let n = 0
  for (const v of values) {
    if (v === null) return null
    n += v
  }
  return n
}

export function topicSummary(e: Engine, t: Topic): TopicSummary {
  const configs = e.topicConfigs(t)
  const parts = partitionInfos(e, t)
  return {
    name: t.name,
    internal: t.internal,
    partitions: t.partitions.length,
    replicationFactor: t.partitions[0]?.replicas.length ?? 0,
    messages: parts.reduce((n, p) => n + (p.highWatermark - p.logStartOffset), 0),
    sizeBytes: sumOrNull(parts.map((p) => p.sizeBytes)),
    recordsPerSec: parts.reduce((n, p) => n + p.recordsPerSec, 0),
    bytesPerSec: sumOrNull(parts.map((p) => p.bytesPerSec)),
    underReplicatedPartitions: t.partitions.filter(
      (p) => p.leader >= 0 && p.isr.length < p.replicas.length
    ).length,
    offlinePartitions: t.partitions.filter((p) => p.leader < 0).length,
    hotPartition: hotPartition(parts),
    cleanupPolicy: configs['cleanup.policy']
  }
}

/** The last stable offset of a partition and the open transaction that holds it back. */
function stability(e: Engine, t: Topic, partition: number) {
  const lastStableOffset = e.lastStableOffset(t, partition)
  const oldest = e.openTransactions(t, partition)[0]
  if (!oldest || oldest.firstOffset > lastStableOffset)
    return { lastStableOffset, openTransaction: null }
  const m = e.transactionOfProducer(oldest.producerId)
  return {
    lastStableOffset,
    openTransaction: {
      transactionalId: m?.transactionalId ?? null,
      producerId: oldest.producerId,
      firstOffset: oldest.firstOffset,
      startedAt: m && m.startedAt >= 0 ? m.startedAt : null
    }
  }
}

export function topicDescription(e: Engine, t: Topic): TopicDescription {
  const configs = e.topicConfigs(t)
  // A topic's default is the broker's value for it (log.retention.ms ...), else Kafka's.
  const brokerDefaults = e.topicConfigDefaults()
  return {
    name: t.name,
    topicId: t.uuid,
    internal: t.internal,
    partitions: partitionInfos(e, t).map((p) => ({ ...p, ...stability(e, t, p.partition) })),
    configs,
    configEntries: Object.entries(configs).map(([k, value]) => {
      const def = kafkaTopicConfigs.get(k)
      return {
        name: k,
        value,
        source: k in t.configOverrides ? ('topic' as const) : ('default' as const),
        defaultValue: brokerDefaults[k] ?? def?.defaultValue ?? '',
        documentation: def?.doc ?? ''
      }
    })
  }
}
