// External backend, topics area: list, describe, create, delete, configs, partitions and
// delete-records through the admin client.
import type { topicsParams } from '../../../shared/api/topics'
import { ApiError } from '../../../shared/errors'
import type {
  ConfigEntry,
  PartitionInfo,
  TopicDescription,
  TopicSummary
} from '../../../shared/model'
import { isUnsupportedApi } from './kafka-errors'
import { toApiError } from '../api-errors'
import type { Area } from '../backend'
import { hotPartition, sumOrNull } from '../embedded/views'
import type { ExternalContext } from './context'
import { describeLogDirs, partitionSize, replicaLogEnds, type LogDirs } from './log-dirs'
import { listReassignments } from './reassignments'
import {
  bounds,
  isInternalTopic,
  requireTopic,
  topicConfigs,
  topicMetadata,
  type Bounds,
  type TopicMeta
} from './metadata'

const SET = 0
const DELETE = 1
const TOPIC_RESOURCE = 2

function partitionInfos(
  ctx: ExternalContext,
  t: TopicMeta,
  b: Map<number, Bounds> | undefined,
  dirs: LogDirs | null
): PartitionInfo[] {
  return t.partitions.map((p) => {
    const o = b?.get(p.partition) ?? { logStartOffset: 0, highWatermark: 0 }
    const rate = ctx.history.rate(t.name, p.partition)
    return {
      ...p,
      logStartOffset: o.logStartOffset,
      highWatermark: o.highWatermark,
      // Clients see no further than the high watermark; the leader's log end is not exposed.
      logEndOffset: o.highWatermark,
      sizeBytes: partitionSize(dirs, t.name, p),
      recordsPerSec: rate.recordsPerSec,
      bytesPerSec: rate.bytesPerSec,
      replicaLogEndOffsets: replicaLogEnds(dirs, t.name, p, o.highWatermark)
    }
  })
}

export async function describeTopic(ctx: ExternalContext, name: string): Promise<TopicDescription> {
  return ctx.clients.run(`topics.describe ${name}`, async () => {
    const admin = ctx.clients.admin()
    const t = await requireTopic(admin, name)
    const [b, dirs, configs, moving] = await Promise.all([
      bounds(admin, [t]),
      describeLogDirs(admin, [t]),
      // A cluster without DescribeConfigs still shows its partitions.
      topicConfigs(admin, [name]).catch((err: unknown) => {
        if (isUnsupportedApi(err)) return new Map<string, ConfigEntry[]>()
        throw err
      }),
      // Moves in flight, where the cluster lets the console list them (else none are shown).
      listReassignments(ctx, name).catch(() => [])
    ])
    const entries = configs.get(name) ?? []
    const partitions = partitionInfos(ctx, t, b.get(name), dirs).map((p) => {
      const r = moving.find((m) => m.partition === p.partition)
      return r
        ? { ...p, addingReplicas: r.addingReplicas, removingReplicas: r.removingReplicas }
        : p
    })
    return {
      name,
      topicId: t.id,
      internal: isInternalTopic(name),
      partitions,
      configs: Object.fromEntries(entries.map((e) => [e.name, e.value])),
      configEntries: entries
    }
  })
}

export function externalTopics(ctx: ExternalContext): Area<typeof topicsParams> {
  const { clients } = ctx
  const describe = (name: string) => describeTopic(ctx, name)
  return {
    'topics.list': ({ includeInternal }) =>
      clients.run('topics.list', async () => {
        const admin = clients.admin()
        const names = (await admin.listTopics({ includeInternals: true }))
          .filter((n) => includeInternal || !isInternalTopic(n))
          .sort()
        const topics = await topicMetadata(admin, names)
        const [b, dirs, policies] = await Promise.all([
          bounds(admin, topics),
          describeLogDirs(admin, topics),
          topicConfigs(admin, names, ['cleanup.policy']).catch(
            () => new Map<string, { name: string; value: string }[]>()
          )
        ])
        return {
          topics: topics.map((t): TopicSummary => {
            const parts = partitionInfos(ctx, t, b.get(t.name), dirs)
            return {
              name: t.name,
              internal: isInternalTopic(t.name),
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
              cleanupPolicy:
                policies.get(t.name)?.find((c) => c.name === 'cleanup.policy')?.value ?? 'delete'
            }
          })
        }
      }),
    'topics.describe': ({ name }) => describe(name),
    'topics.create': async ({ name, partitions, replicationFactor, configs }) => {
      await clients.run(`topics.create ${name}`, () =>
        clients.admin().createTopics({
          topics: [name],
          partitions,
          replicas: replicationFactor,
          configs: Object.entries(configs ?? {}).map(([k, value]) => ({ name: k, value }))
        })
      )
      return describe(name)
    },
    'topics.delete': async ({ name }) => {
      await clients.run(`topics.delete ${name}`, async () => {
        await requireTopic(clients.admin(), name)
        await clients.admin().deleteTopics({ topics: [name] })
      })
      return { name, deleted: true as const }
    },
    // One DeleteTopics per topic: a topic that fails is reported on its own, the others go.
    'topics.deleteMany': async ({ names }) => {
      const results = []
      for (const name of names) {
        try {
          await clients.run(`topics.delete ${name}`, async () => {
            await requireTopic(clients.admin(), name)
            await clients.admin().deleteTopics({ topics: [name] })
          })
          results.push({ name, deleted: true })
        } catch (err) {
          results.push({
            name,
            deleted: false,
            error: toApiError(err, 'topics.deleteMany').toJSON()
          })
        }
      }
      return { topics: results }
    },
    'topics.alterConfigs': async ({ name, set, delete: remove }) => {
      await clients.run(`topics.alterConfigs ${name}`, async () => {
        await requireTopic(clients.admin(), name)
        await clients.admin().incrementalAlterConfigs({
          resources: [
            {
              resourceType: TOPIC_RESOURCE,
              resourceName: name,
              configs: [
                ...Object.entries(set ?? {}).map(([k, value]) => ({
                  name: k,
                  configOperation: SET as 0,
                  value
                })),
                ...(remove ?? []).map((k) => ({ name: k, configOperation: DELETE as 1 }))
              ]
            }
          ]
        })
      })
      return describe(name)
    },
    'topics.createPartitions': async ({ name, totalCount }) => {
      await clients.run(`topics.createPartitions ${name}`, async () => {
        const t = await requireTopic(clients.admin(), name)
        if (totalCount <= t.partitions.length)
          throw new ApiError(
            'BAD_REQUEST',
            `totalCount: '${name}' has ${t.partitions.length} partitions; partitions can only grow`,
            'totalCount'
          )
        await clients.admin().createPartitions({ topics: [{ name, count: totalCount }] })
      })
      return describe(name)
    },
    'topics.deleteRecords': ({ name, partitions, beforeOffset }) =>
      clients.run(`topics.deleteRecords ${name}`, async () => {
        const admin = clients.admin()
        const t = await requireTopic(admin, name)
        const chosen = partitions ?? t.partitions.map((p) => p.partition)
        for (const p of chosen)
          if (!t.partitions[p])
            throw new ApiError(
              'BAD_REQUEST',
              `partitions: '${name}' has ${t.partitions.length} partitions; ${p} does not exist`,
              'partitions'
            )
        const before = (await bounds(admin, [t])).get(name)!
        for (const p of chosen)
          if (beforeOffset !== undefined && beforeOffset > before.get(p)!.highWatermark)
            throw new ApiError(
              'BAD_REQUEST',
              `beforeOffset: ${beforeOffset} is past the high watermark of ${name}-${p} (${before.get(p)!.highWatermark})`,
              'beforeOffset'
            )
        const result = await admin.deleteRecords({
          topics: [
            {
              name,
              partitions: chosen.map((p) => ({
                partition: p,
                offset: BigInt(beforeOffset ?? before.get(p)!.highWatermark)
              }))
            }
          ]
        })
        const low = new Map(result[0]?.partitions.map((p) => [p.partition, Number(p.lowWatermark)]))
        return {
          name,
          partitions: chosen.map((p) => {
            const previous = before.get(p)!.logStartOffset
            const now = low.get(p) ?? previous
            return {
              partition: p,
              previousLogStartOffset: previous,
              logStartOffset: now,
              deleted: Math.max(0, now - previous)
            }
          })
        }
      })
  }
}
