// External backend, cluster area: brokers and controller from Metadata, preferred-leader
// elections (elections.ts) and partition reassignments (reassignments.ts); broker stop/start and
// slow followers belong to the embedded cluster only.
import type { clusterParams } from '../../../shared/api/cluster'
import type { ClusterInfo } from '../../../shared/model'
import type { Area } from '../backend'
import { embeddedOnly, type ExternalContext } from './context'
import { electPreferredLeaders } from './elections'
import { describeLogDirs } from './log-dirs'
import { topicMetadata } from './metadata'
import { externalReassignments } from './reassignments'
import { externalFeatures, externalQuorum } from './quorum'

export async function externalClusterInfo(ctx: ExternalContext): Promise<ClusterInfo> {
  return ctx.clients.run('cluster.describe', async () => {
    const admin = ctx.clients.admin()
    const names = await admin.listTopics({ includeInternals: true })
    const topics = await topicMetadata(admin, names)
    const [md, dirs] = await Promise.all([
      admin.metadata({ topics: [] }),
      describeLogDirs(admin, topics)
    ])
    const leaders = new Map<number, number>()
    const replicas = new Map<number, number>()
    const bytesIn = new Map<number, number>()
    let partitionCount = 0
    let under = 0
    let offline = 0
    for (const t of topics)
      for (const p of t.partitions) {
        partitionCount++
        if (p.leader < 0) offline++
        else if (p.isr.length < p.replicas.length) under++
        leaders.set(p.leader, (leaders.get(p.leader) ?? 0) + 1)
        // The write load a broker takes: the produce rates the console samples for the
        // partitions it leads (unknown until the sizes have been sampled twice).
        const bytes = ctx.history.rate(t.name, p.partition).bytesPerSec
        if (bytes !== null) bytesIn.set(p.leader, (bytesIn.get(p.leader) ?? 0) + bytes)
        for (const r of p.replicas) replicas.set(r, (replicas.get(r) ?? 0) + 1)
      }
    const brokers = [...md.brokers].sort((a, b) => a[0] - b[0])
    return {
      clusterId: md.id,
      kind: 'kafka' as const,
      name: ctx.name,
      controllerId: md.controllerId,
      brokers: brokers.map(([id, b]) => {
        const disk = dirs?.brokers.get(id)
        return {
          id,
          host: b.host,
          port: b.port,
          status: 'online' as const,
          isController: id === md.controllerId,
          rack: b.rack ?? null,
          leaderCount: leaders.get(id) ?? 0,
          replicaCount: replicas.get(id) ?? 0,
          ...(bytesIn.size > 0 && { bytesInPerSec: Math.round(bytesIn.get(id) ?? 0) }),
          replicationDelayMs: 0,
          replicationRecordsPerSec: 0,
          sizeBytes: disk?.sizeBytes ?? null,
          diskTotalBytes: disk?.totalBytes ?? null,
          diskUsableBytes: disk?.usableBytes ?? null
        }
      }),
      topicCount: topics.filter((t) => !t.name.startsWith('__')).length,
      partitionCount,
      underReplicatedPartitions: under,
      offlinePartitions: offline,
      bootstrapServers: ctx.clients.addresses.join(',')
    }
  })
}

export function externalCluster(ctx: ExternalContext): Area<typeof clusterParams> {
  const reassignments = externalReassignments(ctx)
  return {
    'cluster.describe': () => externalClusterInfo(ctx),
    'brokers.stop': async () => {
      throw embeddedOnly(ctx, 'stopping a broker')
    },
    'brokers.start': async () => {
      throw embeddedOnly(ctx, 'starting a broker')
    },
    'brokers.configure': async () => {
      throw embeddedOnly(ctx, 'slowing a follower')
    },
    // Kafka keeps no history of leadership changes that a client could read: what the console
    // did itself (throttles of its moves taken off) is all there is.
    'cluster.history': async ({ limit }) => ({ changes: ctx.moves.history(limit ?? 500) }),
    'cluster.quorum': () => externalQuorum(ctx),
    'cluster.features': () => externalFeatures(ctx),
    'partitions.electLeaders': ({ topic, partitions }) =>
      electPreferredLeaders(ctx, topic, partitions),
    'partitions.reassign': (params) => reassignments.reassign(params),
    'partitions.move': (params) => reassignments.move(params),
    'partitions.reassignments': ({ topic }) => reassignments.list(topic)
  }
}
