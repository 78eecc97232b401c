// The share-partition start offsets of share groups (KIP-932), as `kafka-share-groups.sh`
// describes, resets and deletes them, served by the group's coordinator:
// DescribeShareGroupOffsets (90) lists each partition's start offset (-1 where the group has no
// state yet) and from version 1 its lag (KIP-1226: the records between the start offset and the
// high watermark not yet acknowledged or archived; -1 where unknown); AlterShareGroupOffsets (91) sets start offsets, dropping the in-flight state, and
// DeleteShareGroupOffsets (92) forgets a group's state of whole topics, both only while the group
// has no members (NON_EMPTY_GROUP). A group id no share group has is GROUP_ID_NOT_FOUND.
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type {
  AlterShareGroupOffsetsRequest,
  AlterShareGroupOffsetsResponse,
  DeleteShareGroupOffsetsRequest,
  DeleteShareGroupOffsetsResponse,
  DescribeShareGroupOffsetsRequest,
  DescribeShareGroupOffsetsResponse,
  Encodable
} from '../protocol'
import type { RequestContext } from '../request-context'
import type { Topic } from '../../log/topic-registry'
import { isGroupCoordinator } from './groups'
import { perName, requestAccess } from '../authorization/gate'

type DescribedGroup = DescribeShareGroupOffsetsResponse['groups'][number]
type DescribedTopic = DescribedGroup['topics'][number]

const NO_TOPIC_ID = '00000000-0000-0000-0000-000000000000'

/** Why a request about a share group's offsets cannot be served here, or null. */
function groupProblem(
  ctx: RequestContext,
  groupId: string,
  needEmpty: boolean
): { errorCode: number; errorMessage: string } | null {
  if (!isGroupCoordinator(ctx, groupId))
    return {
      errorCode: ErrorCode.NOT_COORDINATOR,
      errorMessage: `Not the coordinator of ${groupId}`
    }
  const members = ctx.engine.shareGroupMemberCount(groupId)
  if (members === null)
    return {
      errorCode: ErrorCode.GROUP_ID_NOT_FOUND,
      errorMessage: `Group ${groupId} is not a share group.`
    }
  if (needEmpty && members > 0)
    return {
      errorCode: ErrorCode.NON_EMPTY_GROUP,
      errorMessage: `Share group ${groupId} has ${members} member(s): offsets change only while it is empty.`
    }
  return null
}

const unknownTopic = (name: string) => ({
  errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
  errorMessage: `Topic ${name} does not exist`
})

/** DESCRIBE on groups and topics when ACLs are on (each asked once). */
function describeAccess(ctx: RequestContext) {
  const access = ctx.authorizer ? requestAccess(ctx, ctx.authorizer) : null
  return {
    group: (id: string) => access?.group('DESCRIBE', id) ?? true,
    topic: access ? perName((name) => access.topic('DESCRIBE', name)) : () => true
  }
}

export function handleDescribeShareGroupOffsets(
  body: DescribeShareGroupOffsetsRequest,
  ctx: RequestContext
): Encodable<DescribeShareGroupOffsetsResponse> {
  const may = describeAccess(ctx)
  return { throttleTimeMs: 0, groups: body.groups.map((g) => describeGroup(ctx, g, may)) }
}

function describeGroup(
  ctx: RequestContext,
  g: DescribeShareGroupOffsetsRequest['groups'][number],
  may: ReturnType<typeof describeAccess>
): DescribedGroup {
  if (!may.group(g.groupId))
    return {
      groupId: g.groupId,
      topics: [],
      errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED,
      errorMessage: null
    }
  const problem = groupProblem(ctx, g.groupId, false)
  if (problem) return { groupId: g.groupId, topics: [], ...problem }
  const shares = ctx.engine.sharePartitions
  // Null: every partition the group has state for.
  const asked =
    g.topics ??
    groupTopics(ctx, g.groupId).map(([topic, partitions]) => ({
      topicName: topic.name,
      partitions
    }))
  const topics = asked.map((t): DescribedTopic => {
    const topic = ctx.engine.topic(t.topicName)
    return {
      topicName: t.topicName,
      topicId: topic?.uuid ?? NO_TOPIC_ID,
      partitions: t.partitions.map((partitionIndex) => {
        const state = topic?.partitions[partitionIndex]
        if (!may.topic(t.topicName))
          return {
            partitionIndex,
            startOffset: -1n,
            leaderEpoch: -1,
            lag: -1n,
            errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
            errorMessage: null
          }
        if (!topic || !state)
          return {
            partitionIndex,
            startOffset: -1n,
            leaderEpoch: -1,
            lag: -1n,
            ...unknownTopic(t.topicName)
          }
        const tp = { topicId: topic.id, partition: partitionIndex }
        const start = shares.startOffset(g.groupId, tp)
        const log = ctx.engine.partitionLog(topic, partitionIndex)
        const logStart = log.logStartOffset
        return {
          partitionIndex,
          // Records removed by retention or DeleteRecords move the start offset with them.
          startOffset: BigInt(start === null ? -1 : Math.max(start, logStart)),
          leaderEpoch: state.leaderEpoch,
          lag: BigInt(shares.lag(g.groupId, tp, log) ?? -1),
          errorCode: ErrorCode.NONE,
          errorMessage: null
        }
      })
    }
  })
  return { groupId: g.groupId, topics, errorCode: ErrorCode.NONE, errorMessage: null }
}

/** The topics a group has share-partition state in, with those partitions. */
function groupTopics(ctx: RequestContext, groupId: string): [Topic, number[]][] {
  const byTopic = new Map<number, number[]>()
  for (const tp of ctx.engine.sharePartitions.partitionsOf(groupId))
    byTopic.set(tp.topicId, [...(byTopic.get(tp.topicId) ?? []), tp.partition])
  const out: [Topic, number[]][] = []
  for (const topic of ctx.engine.listTopics()) {
    const partitions = byTopic.get(topic.id)
    if (partitions) out.push([topic, partitions.sort((a, b) => a - b)])
  }
  return out
}

export function handleAlterShareGroupOffsets(
  body: AlterShareGroupOffsetsRequest,
  ctx: RequestContext
): Encodable<AlterShareGroupOffsetsResponse> {
  const problem = groupProblem(ctx, body.groupId, true)
  if (problem) return { throttleTimeMs: 0, ...problem, responses: [] }
  const responses = body.topics.map((t) => {
    const topic = ctx.engine.topic(t.topicName)
    return {
      topicName: t.topicName,
      topicId: topic?.uuid ?? NO_TOPIC_ID,
      partitions: t.partitions.map((p) => {
        if (!topic || !topic.partitions[p.partitionIndex])
          return { partitionIndex: p.partitionIndex, ...unknownTopic(t.topicName) }
        if (p.startOffset < 0n)
          return {
            partitionIndex: p.partitionIndex,
            errorCode: ErrorCode.INVALID_REQUEST,
            errorMessage: `Start offset ${p.startOffset} of ${t.topicName}-${p.partitionIndex} is negative`
          }
        ctx.engine.sharePartitions.resetTo(
          body.groupId,
          { topicId: topic.id, partition: p.partitionIndex },
          Number(p.startOffset)
        )
        return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE, errorMessage: null }
      })
    }
  })
  return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, responses }
}

export function handleDeleteShareGroupOffsets(
  body: DeleteShareGroupOffsetsRequest,
  ctx: RequestContext
): Encodable<DeleteShareGroupOffsetsResponse> {
  const problem = groupProblem(ctx, body.groupId, true)
  if (problem) return { throttleTimeMs: 0, ...problem, responses: [] }
  const shares = ctx.engine.sharePartitions
  const responses = body.topics.map((t) => {
    const topic = ctx.engine.topic(t.topicName)
    if (!topic)
      return { topicName: t.topicName, topicId: NO_TOPIC_ID, ...unknownTopic(t.topicName) }
    shares.deletePartitions(
      body.groupId,
      shares.partitionsOf(body.groupId).filter((tp) => tp.topicId === topic.id)
    )
    return {
      topicName: t.topicName,
      topicId: topic.uuid,
      errorCode: ErrorCode.NONE,
      errorMessage: null
    }
  })
  return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, responses }
}
