// OffsetCommit (8) and OffsetFetch (9): a consumer group's committed offsets.
//
// OffsetCommit Request (Version: 9) => group_id generation_id_or_member_epoch member_id
//   group_instance_id [topics]
//   topics => name [partitions]
//   partitions => partition_index committed_offset committed_leader_epoch committed_metadata
//   (v1: commit_timestamp per partition; v2-4: retention_time_ms, how long to keep the offsets,
//   -1 for the broker's offsets.retention.minutes, see groups/offset-expiry.ts)
// OffsetFetch Request (Version: 7) => group_id [topics] require_stable
// OffsetFetch Request (Version: 8) => [groups] require_stable
//   groups => group_id [topics]   (v9: member_id member_epoch, for KIP-848 groups only)
//
// OffsetCommit 10 and OffsetFetch 10 (KIP-848) name each topic by its id instead of its name, in
// the request and the response (topics => topic_id ...). The ids are resolved to names as the
// request arrives (topic-id-names.ts); an id no topic has is answered UNKNOWN_TOPIC_ID for each
// of its partitions, and OffsetFetch 10 of every topic (null topics) answers those that still
// exist, by id, as Kafka's KafkaApis does. Classic and consumer-protocol groups alike: the group
// coordinator checks members and epochs, not how topics are named.
//
// require_stable (v7+, sent by read_committed consumers): a partition with an offset a transaction
// committed and has not yet decided answers UNSTABLE_OFFSET_COMMIT (retriable) instead of the
// offset that the transaction may be about to replace.
import { ErrorCode } from '../../../shared/kafka/error-codes'
import { ZERO_UUID } from '../../../shared/kafka/protocol-constants'
import type {
  Encodable,
  OffsetCommitRequest,
  OffsetCommitResponse,
  OffsetFetchRequest,
  OffsetFetchResponse,
  OffsetFetchResponseGroup
} from '../protocol'
import type { OffsetFetchResult } from '../../groups'

import type { RequestContext } from '../request-context'
import { isGroupCoordinator } from './groups'

/** Every partition of these topics answered with `errorCode`. */
function commitRefused(
  topics: OffsetCommitRequest['topics'],
  errorCode: number
): NonNullable<Encodable<OffsetCommitResponse>['topics']> {
  return topics.map((t) => ({
    name: t.name,
    topicId: t.topicId,
    partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode }))
  }))
}

export function handleOffsetCommit(
  body: OffsetCommitRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<OffsetCommitResponse> {
  const unknownIds = apiVersion >= 10 ? body.topics.filter((t) => t.name === '') : []
  const topics = unknownIds.length > 0 ? body.topics.filter((t) => t.name !== '') : body.topics
  const unknown = commitRefused(unknownIds, ErrorCode.UNKNOWN_TOPIC_ID)
  // Only unknown ids: Kafka answers them without asking the group coordinator.
  if (topics.length === 0 && unknownIds.length > 0) return { throttleTimeMs: 0, topics: unknown }
  if (!isGroupCoordinator(ctx, body.groupId))
    return { throttleTimeMs: 0, topics: commitRefused(body.topics, ErrorCode.NOT_COORDINATOR) }
  const ids = new Map(topics.map((t) => [t.name, t.topicId]))
  const result = ctx.engine.commitOffsets({
    groupId: body.groupId,
    // v0 commits outside group management: no generation, no member.
    generationId: apiVersion >= 1 ? body.generationIdOrMemberEpoch : -1,
    memberId: apiVersion >= 1 ? body.memberId : '',
    groupInstanceId: apiVersion >= 7 ? body.groupInstanceId : null,
    ...(apiVersion >= 2 && apiVersion <= 4
      ? { retentionTimeMs: Number(body.retentionTimeMs) }
      : {}),
    topics: topics.map((t) => ({
      name: t.name,
      ...(apiVersion >= 10 ? { topicId: t.topicId } : {}),
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        committedOffset: Number(p.committedOffset),
        committedLeaderEpoch: apiVersion >= 6 ? p.committedLeaderEpoch : -1,
        committedMetadata: p.committedMetadata,
        ...(apiVersion === 1 ? { commitTimestamp: Number(p.commitTimestamp) } : {})
      }))
    }))
  })
  return {
    throttleTimeMs: 0,
    topics: [
      ...result.topics.map((t) => ({
        name: t.name,
        topicId: ids.get(t.name) ?? ZERO_UUID,
        partitions: t.partitions.map((p) => ({
          partitionIndex: p.partitionIndex,
          errorCode: p.errorCode
        }))
      })),
      ...unknown
    ]
  }
}

type Topics = { name: string; topicId?: string; partitionIndexes: number[] }[] | null

/** One group's committed offsets, or the error the whole group gets. */
function fetchGroup(
  ctx: RequestContext,
  groupId: string,
  topics: Topics,
  requireStable: boolean
): OffsetFetchResult {
  if (!isGroupCoordinator(ctx, groupId)) return { errorCode: ErrorCode.NOT_COORDINATOR, topics: [] }
  const result = ctx.engine.fetchOffsets({
    groupId,
    topics: topics?.map((t) => ({ name: t.name, partitionIndexes: t.partitionIndexes })) ?? null
  })
  if (!requireStable || result.errorCode !== ErrorCode.NONE) return result
  const pending = new Set(
    ctx.engine.pendingTransactionalOffsets(groupId).map((p) => `${p.partition}:${p.topic}`)
  )
  if (pending.size === 0) return result
  for (const t of result.topics)
    for (const p of t.partitions)
      if (pending.has(`${p.partitionIndex}:${t.name}`))
        Object.assign(p, {
          committedOffset: -1,
          committedLeaderEpoch: -1,
          metadata: '',
          errorCode: ErrorCode.UNSTABLE_OFFSET_COMMIT
        })
  return result
}

function toWireTopics(result: OffsetFetchResult) {
  return result.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p) => ({
      partitionIndex: p.partitionIndex,
      committedOffset: BigInt(p.committedOffset),
      committedLeaderEpoch: p.committedLeaderEpoch,
      metadata: p.metadata,
      errorCode: p.errorCode
    }))
  }))
}

export function handleOffsetFetch(
  body: OffsetFetchRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<OffsetFetchResponse> {
  if (apiVersion >= 8) {
    // KIP-709: several groups per request, each answered with its own error code.
    const groups: Encodable<OffsetFetchResponseGroup>[] = body.groups.map((g) => {
      if (apiVersion >= 10) return fetchGroupByIds(ctx, g.groupId, g.topics, body.requireStable)
      const result = fetchGroup(ctx, g.groupId, g.topics, body.requireStable)
      return { groupId: g.groupId, topics: toWireTopics(result), errorCode: result.errorCode }
    })
    return { throttleTimeMs: 0, groups }
  }
  // v0-1 cannot ask for every topic; their topics array is never null.
  const result = fetchGroup(ctx, body.groupId, body.topics, apiVersion >= 7 && body.requireStable)
  if (result.errorCode !== ErrorCode.NONE && apiVersion < 2) {
    // v0-1 have no top-level error code: every requested partition carries it.
    return {
      throttleTimeMs: 0,
      topics: (body.topics ?? []).map((t) => ({
        name: t.name,
        partitions: t.partitionIndexes.map((partitionIndex) => ({
          partitionIndex,
          committedOffset: -1n,
          committedLeaderEpoch: -1,
          metadata: '',
          errorCode: result.errorCode
        }))
      }))
    }
  }
  return { throttleTimeMs: 0, errorCode: result.errorCode, topics: toWireTopics(result) }
}

/**
 * One group of OffsetFetch 10, whose topics are named by id: ids no topic has are answered
 * UNKNOWN_TOPIC_ID per partition after the group's offsets (unless the group has an error), and
 * each topic answered carries its id; asked for every topic, those no topic has an id for any more
 * are left out, as Kafka leaves them out.
 */
function fetchGroupByIds(
  ctx: RequestContext,
  groupId: string,
  topics: Topics,
  requireStable: boolean
): Encodable<OffsetFetchResponseGroup> {
  const unknownIds = topics?.filter((t) => t.name === '') ?? []
  const known = unknownIds.length > 0 ? topics!.filter((t) => t.name !== '') : topics
  const result = fetchGroup(ctx, groupId, known, requireStable)
  if (result.errorCode !== ErrorCode.NONE)
    return { groupId, topics: [], errorCode: result.errorCode }
  const answered = toWireTopics(result)
    .map((t) => ({ ...t, topicId: ctx.engine.topic(t.name)?.uuid ?? ZERO_UUID }))
    .filter((t) => t.topicId !== ZERO_UUID)
  const unknown = unknownIds.map((t) => ({
    name: '',
    topicId: t.topicId,
    partitions: t.partitionIndexes.map((partitionIndex) => ({
      partitionIndex,
      committedOffset: -1n,
      committedLeaderEpoch: -1,
      metadata: '',
      errorCode: ErrorCode.UNKNOWN_TOPIC_ID
    }))
  }))
  return { groupId, topics: [...answered, ...unknown], errorCode: ErrorCode.NONE }
}
