// External backend, groups area: consumer groups from ListGroups/DescribeGroups, committed
// offsets from OffsetFetch, lag against the high watermarks, retention risk from the topic
// configs, offset resets (only on groups without members, as Kafka requires) and lag history
// from the collector.
import type { Admin } from '@platformatic/kafka'
import type {
  GroupDescription,
  GroupState,
  GroupSummary,
  GroupType,
  groupsParams,
  OffsetResetPlan
} from '../../../shared/api/groups'
import type { Params } from '../../../shared/contract'
import { ApiError } from '../../../shared/errors'
import { groupHealth } from '../../groups/health'
import { groupOffsets, partitionLag } from '../../groups/views'
import type { CommittedOffset, PartitionHealthInput } from '../../groups'
import type { Area } from '../backend'
import { isUnsupportedApi } from './kafka-errors'
import type { ExternalContext } from './context'
import { externalGroupConfigs } from './group-configs'
import { describeLogDirs, partitionSize } from './log-dirs'
import type { PartitionFetcher } from './fetch'
import { bounds, listOffsets, topicConfigs, topicMetadata, type BoundsMap } from './metadata'
import { externalShareGroups, isShareGroup } from './share-groups'

const STATES: Record<string, GroupState> = {
  STABLE: 'Stable',
  EMPTY: 'Empty',
  DEAD: 'Dead',
  PREPARING_REBALANCE: 'PreparingRebalance',
  COMPLETING_REBALANCE: 'CompletingRebalance',
  ASSIGNING: 'Assigning',
  RECONCILING: 'Reconciling'
}
const KNOWN: GroupState[] = [
  'Empty',
  'PreparingRebalance',
  'CompletingRebalance',
  'Assigning',
  'Reconciling',
  'Stable',
  'Dead'
]

const GROUP_TYPES = ['classic', 'consumer', 'share'] as const

/** ListGroups v5's type, where the cluster says it. */
function groupType(t: string | undefined): GroupType | undefined {
  return (GROUP_TYPES as readonly string[]).includes(t ?? '') ? (t as GroupType) : undefined
}

function state(s: string): GroupState {
  return STATES[s] ?? (KNOWN.includes(s as GroupState) ? (s as GroupState) : 'Unknown')
}

/** At most this many lagging partitions are fetched for the time of their oldest record. */
const MAX_TIMESTAMP_FETCHES = 50

export async function committedOffsets(
  admin: Admin,
  groupIds: string[]
): Promise<Map<string, CommittedOffset[]>> {
  const out = new Map<string, CommittedOffset[]>()
  if (groupIds.length === 0) return out
  let listed = await admin.listConsumerGroupOffsets({ groups: groupIds })
  // Clusters that do not answer "all topics" (librdkafka's mock) are asked for every topic.
  if (listed.every((g) => g.topics.length === 0)) {
    const names = await admin.listTopics({ includeInternals: false })
    const topics = (await topicMetadata(admin, names)).map((t) => ({
      name: t.name,
      partitionIndexes: t.partitions.map((p) => p.partition)
    }))
    if (topics.length > 0)
      listed = await admin.listConsumerGroupOffsets({
        groups: groupIds.map((groupId) => ({ groupId, topics }))
      })
  }
  for (const g of listed)
    out.set(
      g.groupId,
      g.topics.flatMap((t) =>
        t.partitions
          .filter((p) => p.committedOffset >= 0n)
          .map((p) => ({
            topic: t.name,
            partition: p.partitionIndex,
            committedOffset: Number(p.committedOffset),
            leaderEpoch: p.committedLeaderEpoch,
            metadata: p.metadata ?? '',
            commitTimestamp: -1
          }))
      )
    )
  return out
}

/** Bounds of every partition the groups committed to. */
async function boundsOf(admin: Admin, committed: CommittedOffset[][]): Promise<BoundsMap> {
  const names = [...new Set(committed.flat().map((o) => o.topic))]
  return bounds(admin, await topicMetadata(admin, names))
}

export function externalGroups(
  ctx: ExternalContext,
  fetcher: PartitionFetcher
): Area<typeof groupsParams> {
  const { clients } = ctx
  const shares = externalShareGroups(ctx)

  /** Retention settings and produce rate per partition, plus the time of one record each. */
  async function healthSource(admin: Admin, committed: CommittedOffset[], b: BoundsMap) {
    const topics = [...new Set(committed.map((o) => o.topic))]
    const configs = await topicConfigs(admin, topics, [
      'cleanup.policy',
      'retention.ms',
      'retention.bytes'
    ]).catch(() => new Map<string, { name: string; value: string }[]>())
    const times = new Map<string, number | null>()
    const lagging = committed.filter((o) => {
      const p = b.get(o.topic)?.get(o.partition)
      return p && partitionLag(o.committedOffset, p).lag > 0
    })
    const metas = new Map((await topicMetadata(admin, topics)).map((t) => [t.name, t]))
    const dirs = await describeLogDirs(admin, [...metas.values()])
    for (const o of lagging.slice(0, MAX_TIMESTAMP_FETCHES)) {
      const p = b.get(o.topic)!.get(o.partition)!
      const position = Math.max(
        o.committedOffset < 0 ? p.logStartOffset : o.committedOffset,
        p.logStartOffset
      )
      const meta = metas.get(o.topic)
      if (!meta) continue
      const { records } = await fetcher.fetchOnce(meta, o.partition, position, 64 * 1024)
      times.set(`${o.topic}:${o.partition}`, records[0]?.timestamp ?? null)
    }
    const sizeOf = (topic: string, partition: number) => {
      const p = metas.get(topic)?.partitions[partition]
      return p ? partitionSize(dirs, topic, p) : null
    }
    return (topic: string, partition: number): PartitionHealthInput => {
      const rate = ctx.history.rate(topic, partition)
      const c = new Map((configs.get(topic) ?? []).map((e) => [e.name, e.value]))
      return {
        recordTimestamp: times.get(`${topic}:${partition}`) ?? null,
        deleteEnabled: (c.get('cleanup.policy') ?? 'delete').includes('delete'),
        retentionMs: Number(c.get('retention.ms') ?? 604_800_000),
        retentionBytes: Number(c.get('retention.bytes') ?? -1),
        // Unknown sizes or byte rates leave retention.bytes out of the risk, as 0 bytes/s does.
        sizeBytes: sizeOf(topic, partition) ?? 0,
        recordsPerSec: rate.recordsPerSec,
        bytesPerSec: rate.bytesPerSec ?? 0
      }
    }
  }

  async function view(admin: Admin, groupId: string, committed: CommittedOffset[], b: BoundsMap) {
    const health = await healthSource(admin, committed, b)
    const v = groupOffsets(committed, {
      partitionOffsets: (t, p) => b.get(t)?.get(p),
      partitionHealth: (t, p) => health(t, p)
    })
    for (const o of v.offsets)
      if (o.commitTimestamp !== null && o.commitTimestamp < 0) o.commitTimestamp = null
    const produce = v.offsets.reduce((n, o) => n + health(o.topic, o.partition).recordsPerSec, 0)
    const h = groupHealth(
      v.offsets,
      produce,
      ctx.history.lagHistory(groupId, 180_000).total,
      (topic) => health(topic, 0).retentionMs,
      v.reasons
    )
    return { offsets: v.offsets, health: h }
  }

  async function describe(groupId: string): Promise<GroupDescription> {
    const admin = clients.admin()
    // DescribeGroups answers Dead for a share group: ShareGroupDescribe tells its members.
    if (await isShareGroup(admin, groupId)) return shares.describe(groupId)
    // Without DescribeGroups (librdkafka's mock cluster) the committed offsets still tell the lag.
    const described = await admin
      .describeGroups({ groups: [groupId] })
      .then((m) => m.get(groupId))
      .catch((err: unknown) => {
        if (isUnsupportedApi(err)) return undefined
        throw err
      })
    const committed = (await committedOffsets(admin, [groupId])).get(groupId) ?? []
    if (committed.length === 0 && !described)
      throw new ApiError('NOT_FOUND', `Unknown group '${groupId}'`, 'groupId')
    if (
      described &&
      (described.state === 'DEAD' || described.state === 'Dead') &&
      committed.length === 0
    )
      throw new ApiError('NOT_FOUND', `Unknown group '${groupId}'`, 'groupId')
    const b = await boundsOf(admin, [committed])
    const { offsets, health } = await view(admin, groupId, committed, b)
    return {
      groupId,
      state: described ? state(described.state) : 'Unknown',
      protocolType: described?.protocolType ?? 'consumer',
      protocol: described?.protocol ?? '',
      generationId: null,
      members: [...(described?.members.values() ?? [])].map((m) => ({
        memberId: m.id,
        groupInstanceId: m.groupInstanceId ?? null,
        clientId: m.clientId,
        clientHost: m.clientHost,
        assignments: [...(m.assignments?.values() ?? [])].map((a) => ({
          topic: a.topic,
          partitions: [...a.partitions]
        }))
      })),
      offsets,
      totalLag: offsets.reduce((n, o) => n + o.lag, 0),
      health
    }
  }

  /** A share group's line from ShareGroupDescribe; its type alone where the cluster refuses. */
  async function shareSummary(groupId: string, protocolType: string): Promise<GroupSummary> {
    const d = await shares.describe(groupId).catch(() => null)
    return {
      groupId,
      state: d?.state ?? 'Unknown',
      groupType: 'share',
      protocolType,
      members: d?.members.length ?? 0,
      topics: [
        ...new Set([
          ...(d?.offsets.map((o) => o.topic) ?? []),
          ...(d?.members.flatMap((m) => m.subscribedTopics ?? []) ?? [])
        ])
      ].sort(),
      totalLag: d?.totalLag ?? 0,
      lagMs: 0,
      atRisk: false,
      recordsLost: 0
    }
  }

  async function list(): Promise<{ groups: GroupSummary[] }> {
    const admin = clients.admin()
    // Without a type filter the library asks for classic groups only.
    const listed = [...(await admin.listGroups({ types: [...GROUP_TYPES] })).values()]
    if (listed.length === 0) return { groups: [] }
    // Share groups have no committed offsets (OffsetFetch answers GROUP_ID_NOT_FOUND).
    const ids = listed.filter((g) => groupType(g.groupType) !== 'share').map((g) => g.id)
    const [described, committed] = await Promise.all([
      ids.length > 0 ? admin.describeGroups({ groups: ids }) : new Map<string, never>(),
      committedOffsets(admin, ids)
    ])
    const b = await boundsOf(admin, [...committed.values()])
    const groups: GroupSummary[] = []
    for (const g of listed) {
      const d = described.get(g.id)
      const c = committed.get(g.id) ?? []
      const offsets = c.map((o) => {
        const p = b.get(o.topic)?.get(o.partition)
        const { lag, recordsLost } = p
          ? partitionLag(o.committedOffset, p)
          : { lag: 0, recordsLost: 0 }
        return { ...o, lag, recordsLost }
      })
      const assigned = [...(d?.members.values() ?? [])].flatMap((m) =>
        [...(m.assignments?.values() ?? [])].map((a) => a.topic)
      )
      const type = groupType(g.groupType)
      if (type === 'share') {
        groups.push(await shareSummary(g.id, g.protocolType))
        continue
      }
      groups.push({
        groupId: g.id,
        // DescribeGroups answers Dead for a consumer-protocol group: ListGroups has its state.
        state: state(type === 'consumer' ? g.state : (d?.state ?? g.state)),
        ...(type ? { groupType: type } : {}),
        protocolType: g.protocolType,
        members: d?.members.size ?? 0,
        topics: [...new Set([...offsets.map((o) => o.topic), ...assigned])].sort(),
        totalLag: offsets.reduce((n, o) => n + o.lag, 0),
        lagMs: 0,
        atRisk: offsets.some((o) => o.recordsLost > 0),
        recordsLost: offsets.reduce((n, o) => n + o.recordsLost, 0)
      })
    }
    return { groups: groups.sort((a, b2) => a.groupId.localeCompare(b2.groupId)) }
  }

  async function reset(params: Params<'groups.resetOffsets'>): Promise<OffsetResetPlan> {
    const admin = clients.admin()
    const { groupId, topic } = params
    if (await isShareGroup(admin, groupId))
      return shares.reset(params, (previous) => planReset(admin, params, previous))
    const described = await admin
      .describeGroups({ groups: [groupId] })
      .then((m) => m.get(groupId))
      .catch((err: unknown) => {
        if (isUnsupportedApi(err)) return undefined
        throw err
      })
    if (described && described.members.size > 0 && !params.dryRun)
      throw new ApiError(
        'CONFLICT',
        `Group '${groupId}' has ${described.members.size} active member(s): stop its consumers before resetting offsets`
      )
    const committed = new Map(
      ((await committedOffsets(admin, [groupId])).get(groupId) ?? [])
        .filter((o) => o.topic === topic)
        .map((o) => [o.partition, o.committedOffset])
    )
    const offsets = await planReset(admin, params, committed)
    if (!params.dryRun)
      await admin.alterConsumerGroupOffsets({
        groupId,
        topics: [
          {
            name: topic,
            partitionOffsets: offsets.map((o) => ({
              partition: o.partition,
              offset: BigInt(o.newOffset)
            }))
          }
        ]
      })
    return { groupId, dryRun: params.dryRun ?? false, offsets }
  }

  return {
    'groups.list': () => clients.run('groups.list', list),
    'groups.describe': ({ groupId }) =>
      clients.run(`groups.describe ${groupId}`, () => describe(groupId)),
    'groups.resetOffsets': (params) =>
      clients.run(`groups.resetOffsets ${params.groupId}`, () => reset(params)),
    'groups.deleteShareOffsets': ({ groupId, topic }) =>
      clients.run(`groups.deleteShareOffsets ${groupId}`, async () => {
        if (!(await isShareGroup(clients.admin(), groupId)))
          throw new ApiError(
            'BAD_REQUEST',
            `Group '${groupId}' is not a share group: its committed offsets are reset, not deleted here`,
            'groupId'
          )
        await shares.deleteOffsets(groupId, topic)
        return { groupId, topic, deleted: true as const }
      }),
    'groups.delete': ({ groupId }) =>
      clients.run(`groups.delete ${groupId}`, async () => {
        await clients.admin().deleteGroups({ groups: [groupId] })
        return { groupId, deleted: true as const }
      }),
    'groups.lagHistory': async ({ groupId, windowMs }) => ctx.history.lagHistory(groupId, windowMs),
    ...externalGroupConfigs(ctx)
  }
}

/**
 * The new offsets of a reset of a topic's partitions (all, or those asked) from their bounds
 * and the group's offsets there now (`previous`, by partition); out-of-range targets land on
 * the nearest end of the log.
 */
export async function planReset(
  admin: Admin,
  params: Params<'groups.resetOffsets'>,
  previous: Map<number, number>
): Promise<OffsetResetPlan['offsets']> {
  const { topic, to } = params
  const [meta] = await topicMetadata(admin, [topic])
  if (!meta) throw new ApiError('NOT_FOUND', `Unknown topic '${topic}'`, 'topic')
  const parts = params.partitions ?? meta.partitions.map((p) => p.partition)
  for (const p of parts)
    if (!meta.partitions[p])
      throw new ApiError('NOT_FOUND', `Topic '${topic}' has no partition ${p}`, 'partitions')
  const b = (await bounds(admin, [meta])).get(topic)!
  const byTime =
    'timestamp' in to
      ? (await listOffsets(admin, [{ name: topic, partitions: parts }], BigInt(to.timestamp))).get(
          topic
        )
      : undefined
  return parts.map((p) => {
    const { logStartOffset: lso, highWatermark: hw } = b.get(p)!
    const previousOffset = previous.get(p) ?? null
    let target: number
    if ('earliest' in to) target = lso
    else if ('latest' in to) target = hw
    else if ('offset' in to) target = to.offset
    else if ('timestamp' in to) {
      const found = byTime?.get(p) ?? -1
      target = found < 0 ? hw : found
    } else target = (previousOffset ?? lso) + to.shiftBy
    const newOffset = Math.min(hw, Math.max(lso, target))
    return { topic, partition: p, previousOffset, newOffset, lag: hw - newOffset }
  })
}
