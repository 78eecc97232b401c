// External backend, share groups (KIP-932) as a Kafka 4.1+ cluster serves them: a share group's
// page from ShareGroupDescribe v1 (state, group and assignment epochs, the assignor, each
// member's epoch, subscription and partitions) and DescribeShareGroupOffsets (each share
// partition's start offset; at v1, Kafka 4.2's, its lag as the cluster counts it, leaving out
// records already acknowledged; at v0 the lag runs from the start offset to the high watermark);
// its start offsets reset with AlterShareGroupOffsets v0 and forgotten for a topic with
// DeleteShareGroupOffsets v0, only while it has no members, as kafka-share-groups.sh
// --reset-offsets and --delete-offsets do. All go to the group's coordinator, once its
// ApiVersions lists them, with the codecs generated from Kafka's message definitions.
import type { Admin, Connection } from '@platformatic/kafka'
import type { GroupDescription, GroupState, OffsetResetPlan } from '../../../shared/api/groups'
import type { Params } from '../../../shared/contract'
import { ApiError, type ApiErrorCode } from '../../../shared/errors'
import { ErrorCode, errorCodeInfo } from '../../../shared/kafka/error-codes'
import { groupHealth } from '../../groups/health'
import { shareGroupOffsets } from '../../share-groups/share-views'
import { offeredApis, type OfferedApi } from './api-versions'
import type { ExternalContext } from './context'
import { isUnsupportedApi } from './kafka-errors'
import { bounds, topicMetadata } from './metadata'
import { ApiKey, type ShareGroupDescribeResponse } from '../../kafka/protocol'
import { generatedApi } from './generated-api'

const shareGroupDescribe = generatedApi(ApiKey.ShareGroupDescribe, 1)
const describeShareGroupOffsets = generatedApi(ApiKey.DescribeShareGroupOffsets, 0)
/** v1 (Kafka 4.2, KIP-1226) adds each share partition's lag as the cluster counts it. */
const describeShareGroupOffsetsV1 = generatedApi(ApiKey.DescribeShareGroupOffsets, 1)
const alterShareGroupOffsets = generatedApi(ApiKey.AlterShareGroupOffsets, 0)
const deleteShareGroupOffsets = generatedApi(ApiKey.DeleteShareGroupOffsets, 0)

type DescribedShareGroup = ShareGroupDescribeResponse['groups'][number]

/** An API of the group's coordinator by name, key and version, as ApiVersions is checked. */
const needed = (name: string, api: { key: number; version: number }) => ({
  name,
  key: api.key,
  version: api.version
})
const NEEDED = [
  needed('ShareGroupDescribe', shareGroupDescribe),
  needed('DescribeShareGroupOffsets', describeShareGroupOffsets),
  needed('AlterShareGroupOffsets', alterShareGroupOffsets)
]
const DELETE_NEEDED = [...NEEDED, needed('DeleteShareGroupOffsets', deleteShareGroupOffsets)]

const KAFKA_TO_API: Partial<Record<number, ApiErrorCode>> = {
  [ErrorCode.GROUP_AUTHORIZATION_FAILED]: 'FORBIDDEN',
  [ErrorCode.TOPIC_AUTHORIZATION_FAILED]: 'FORBIDDEN',
  [ErrorCode.GROUP_ID_NOT_FOUND]: 'NOT_FOUND',
  [ErrorCode.NON_EMPTY_GROUP]: 'CONFLICT',
  [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]: 'NOT_FOUND',
  [ErrorCode.UNSUPPORTED_VERSION]: 'BAD_REQUEST',
  [ErrorCode.INVALID_REQUEST]: 'BAD_REQUEST'
}

/** A Kafka error of a share group request as the contract's error, naming what was refused. */
function refused(what: string, code: number, message: string | null): ApiError {
  const name = errorCodeInfo(code).name
  const why =
    code === ErrorCode.GROUP_AUTHORIZATION_FAILED
      ? ' (the connection’s principal lacks the group ACL it needs)'
      : code === ErrorCode.TOPIC_AUTHORIZATION_FAILED
        ? ' (the connection’s principal may not DESCRIBE a topic of the group)'
        : ''
  return new ApiError(
    KAFKA_TO_API[code] ?? 'UNAVAILABLE',
    `${what}: ${name}${message ? `: ${message}` : ''}${why}`
  )
}

/**
 * Whether the cluster lists the group as a share group (ListGroups v5's type filter); a cluster
 * without ListGroups (librdkafka's mock) has none.
 */
export async function isShareGroup(admin: Admin, groupId: string): Promise<boolean> {
  const listed = await admin.listGroups({ types: ['share'] }).catch((err: unknown) => {
    if (isUnsupportedApi(err)) return new Map<string, { groupType?: string }>()
    throw err
  })
  return listed.get(groupId)?.groupType === 'share'
}

export function externalShareGroups(ctx: ExternalContext) {
  const checked = new WeakMap<Connection, OfferedApi[]>()

  /** The group coordinator's connection, once its ApiVersions lists the share group APIs. */
  async function coordinator(
    admin: Admin,
    groupId: string,
    what: string,
    needed = NEEDED
  ): Promise<Connection> {
    const [found] = await admin.findCoordinator({ keyType: 0, keys: [groupId] })
    if (!found) throw new ApiError('UNAVAILABLE', `${what}: no coordinator for '${groupId}'`)
    const connection = await admin.connections.get({ host: found.host, port: found.port })
    let apis = checked.get(connection)
    if (!apis) {
      apis = await offeredApis(connection)
      checked.set(connection, apis)
    }
    const missing = needed.filter((n) => !offers(apis, n))
    if (missing.length > 0)
      throw new ApiError(
        'BAD_REQUEST',
        `${what}: '${ctx.name}' does not serve share groups (KIP-932, Kafka 4.1 and later): ` +
          `its ApiVersions lacks ${missing.map((n) => `${n.name} v${n.version} (API key ${n.key})`).join(', ')}`
      )
    return connection
  }

  async function describeGroup(connection: Connection, groupId: string, what: string) {
    const answer = await shareGroupDescribe.async(connection, {
      groupIds: [groupId],
      includeAuthorizedOperations: false
    })
    const g = answer.groups.find((x) => x.groupId === groupId)
    if (!g) throw new ApiError('UNAVAILABLE', `${what}: the cluster did not describe '${groupId}'`)
    if (g.errorCode !== ErrorCode.NONE) throw refused(what, g.errorCode, g.errorMessage)
    return g
  }

  async function startOffsets(connection: Connection, groupId: string, what: string) {
    const api = offers(checked.get(connection) ?? [], describeShareGroupOffsetsV1)
      ? describeShareGroupOffsetsV1
      : describeShareGroupOffsets
    const answer = await api.async(connection, { groups: [{ groupId, topics: null }] })
    const g = answer.groups.find((x) => x.groupId === groupId)
    if (!g) return []
    if (g.errorCode !== ErrorCode.NONE) throw refused(what, g.errorCode, g.errorMessage)
    // -1: a partition the group has no state in yet.
    return g.topics.flatMap((t) =>
      t.partitions
        .filter((p) => p.errorCode === ErrorCode.NONE && p.startOffset >= 0n)
        .map((p) => ({
          topic: t.topicName,
          partition: p.partitionIndex,
          startOffset: Number(p.startOffset),
          // -1 (and v0, which has no lag): the lag is counted here from the high watermark.
          ...(p.lag >= 0n ? { lag: Number(p.lag) } : {})
        }))
    )
  }

  async function describe(groupId: string): Promise<GroupDescription> {
    const what = `Describing share group '${groupId}'`
    const admin = ctx.clients.admin()
    const connection = await coordinator(admin, groupId, what)
    const g = await describeGroup(connection, groupId, what)
    const starts = await startOffsets(connection, groupId, what)
    const b = await bounds(
      admin,
      await topicMetadata(admin, [...new Set(starts.map((s) => s.topic))])
    )
    const offsets = shareGroupOffsets(starts, (t, p) => b.get(t)?.get(p))
    const produce = offsets.reduce(
      (n, o) => n + ctx.history.rate(o.topic, o.partition).recordsPerSec,
      0
    )
    return {
      groupId,
      state: shareState(g.groupState),
      groupType: 'share',
      protocolType: 'share',
      protocol: g.assignorName,
      generationId: g.groupEpoch,
      groupEpoch: g.groupEpoch,
      assignmentEpoch: g.assignmentEpoch,
      members: g.members.map((m) => ({
        memberId: m.memberId,
        groupInstanceId: null,
        clientId: m.clientId,
        clientHost: m.clientHost,
        assignments: topicList(m.assignment.topicPartitions),
        memberEpoch: m.memberEpoch,
        subscribedTopics: [...m.subscribedTopicNames].sort(),
        subscribedTopicRegex: null
      })),
      offsets,
      totalLag: offsets.reduce((n, o) => n + o.lag, 0),
      health: groupHealth(
        offsets,
        produce,
        ctx.history.lagHistory(groupId, 180_000).total,
        () => -1,
        new Map()
      )
    }
  }

  /** Forgets the group's state of a topic (DeleteShareGroupOffsets), only while it is empty. */
  async function deleteOffsets(groupId: string, topic: string): Promise<void> {
    const what = `Deleting the start offsets of share group '${groupId}' on '${topic}'`
    const admin = ctx.clients.admin()
    const connection = await coordinator(admin, groupId, what, DELETE_NEEDED)
    const g = await describeGroup(connection, groupId, what)
    if (g.members.length > 0) throw nonEmpty(groupId, g)
    const answer = await deleteShareGroupOffsets.async(connection, {
      groupId,
      topics: [{ topicName: topic }]
    })
    if (answer.errorCode !== ErrorCode.NONE)
      throw refused(what, answer.errorCode, answer.errorMessage)
    for (const t of answer.responses)
      if (t.errorCode !== ErrorCode.NONE) throw refused(what, t.errorCode, t.errorMessage)
  }

  async function reset(
    params: Params<'groups.resetOffsets'>,
    plan: (previous: Map<number, number>) => Promise<OffsetResetPlan['offsets']>
  ): Promise<OffsetResetPlan> {
    const { groupId, topic } = params
    const what = `Resetting the start offsets of share group '${groupId}'`
    const admin = ctx.clients.admin()
    const connection = await coordinator(admin, groupId, what)
    const g = await describeGroup(connection, groupId, what)
    if (g.members.length > 0 && !params.dryRun) throw nonEmpty(groupId, g)
    const starts = await startOffsets(connection, groupId, what)
    const offsets = await plan(
      new Map(starts.filter((s) => s.topic === topic).map((s) => [s.partition, s.startOffset]))
    )
    if (!params.dryRun) {
      const answer = await alterShareGroupOffsets.async(connection, {
        groupId,
        topics: [
          {
            topicName: topic,
            partitions: offsets.map((o) => ({
              partitionIndex: o.partition,
              startOffset: BigInt(o.newOffset)
            }))
          }
        ]
      })
      if (answer.errorCode !== ErrorCode.NONE)
        throw refused(what, answer.errorCode, answer.errorMessage)
      for (const t of answer.responses)
        for (const p of t.partitions)
          if (p.errorCode !== ErrorCode.NONE)
            throw refused(
              `${what} on ${t.topicName}-${p.partitionIndex}`,
              p.errorCode,
              p.errorMessage
            )
    }
    return { groupId, dryRun: params.dryRun ?? false, offsets }
  }

  return { describe, reset, deleteOffsets }
}

/** Whether the broker's ApiVersions lists the API at the version. */
function offers(apis: readonly OfferedApi[], n: { key: number; version: number }): boolean {
  return apis.some(
    (a) => a.apiKey === n.key && a.minVersion <= n.version && a.maxVersion >= n.version
  )
}

function nonEmpty(groupId: string, g: DescribedShareGroup): ApiError {
  return new ApiError(
    'CONFLICT',
    `Share group '${groupId}' has ${g.members.length} member(s) (${g.groupState}): Kafka changes ` +
      'its start offsets only while it has none (NON_EMPTY_GROUP); stop its share consumers first'
  )
}

function shareState(s: string): GroupState {
  const known: GroupState[] = ['Empty', 'Stable', 'Dead']
  const found = known.find((k) => k.toLowerCase() === s.toLowerCase())
  return found ?? 'Unknown'
}

function topicList(
  assignment: DescribedShareGroup['members'][number]['assignment']['topicPartitions']
) {
  return assignment
    .map((t) => ({ topic: t.topicName, partitions: [...t.partitions].sort((a, b) => a - b) }))
    .sort((a, b) => a.topic.localeCompare(b.topic))
}
