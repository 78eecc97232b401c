// What ShareFetch and ShareAcknowledge share: finding a partition by topic id on its leader (as
// consumers fetch from leaders: NOT_LEADER_OR_FOLLOWER names the current one, UNKNOWN_TOPIC_ID an
// id no topic has), READ on its topic when ACLs are on, applying a member's acknowledgements of it
// to its share partition (INVALID_RECORD_STATE or INVALID_REQUEST when refused), and the rule of
// version 2 (KIP-1222) that IsRenewAck is set exactly when RENEW acknowledgements are sent.
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { PartitionLog } from '../../log/partition-log'
import type { Topic } from '../../log/topic-registry'
import { AcknowledgeType, type AcknowledgementBatch } from '../../share-partitions/record-states'
import type { RequestContext } from '../request-context'
import type { ShareSessionError } from '../../share-partitions/share-sessions'
import { resolveLeaderPartition } from '../leader-partition'
import { perName, requestAccess } from '../authorization/gate'

export interface LeaderIdAndEpoch {
  leaderId: number
  leaderEpoch: number
}

/** A share partition's topic partition, resolved on this broker, or why not. */
export type ShareTarget =
  | { kind: 'led'; topic: Topic; partition: number; log: PartitionLog; leader: LeaderIdAndEpoch }
  | { kind: 'error'; errorCode: number; errorMessage: string | null; leader: LeaderIdAndEpoch }

const NO_LEADER: LeaderIdAndEpoch = { leaderId: -1, leaderEpoch: -1 }

/** Resolves partitions of one request, asking about each topic's READ access once. */
export function shareTargetResolver(ctx: RequestContext) {
  const authorizer = ctx.authorizer
  const access = authorizer ? requestAccess(ctx, authorizer) : null
  const canRead = access ? perName((topic) => access.topic('READ', topic)) : () => true
  return (topicId: string, partition: number): ShareTarget => {
    const topic = ctx.engine.topicById(topicId)
    if (!topic)
      return {
        kind: 'error',
        errorCode: ErrorCode.UNKNOWN_TOPIC_ID,
        errorMessage: `No topic with id ${topicId}`,
        leader: NO_LEADER
      }
    if (!canRead(topic.name))
      return {
        kind: 'error',
        errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
        errorMessage: null,
        leader: NO_LEADER
      }
    const led = resolveLeaderPartition(ctx, topic, partition)
    if (led.kind === 'not-leader')
      return {
        kind: 'error',
        errorCode: led.errorCode,
        errorMessage: null,
        leader: led.currentLeader
      }
    if (led.kind !== 'led')
      return {
        kind: 'error',
        errorCode: led.errorCode,
        errorMessage: `No partition ${partition} in topic ${topic.name}`,
        leader: NO_LEADER
      }
    return {
      kind: 'led',
      topic,
      partition,
      log: led.log,
      leader: { leaderId: led.state.leader, leaderEpoch: led.state.leaderEpoch }
    }
  }
}

/** The wire's acknowledgement batches as the share partition takes them. */
export function acknowledgementBatches(
  batches: readonly { firstOffset: bigint; lastOffset: bigint; acknowledgeTypes: number[] }[]
): AcknowledgementBatch[] {
  return batches.map((b) => ({
    firstOffset: Number(b.firstOffset),
    lastOffset: Number(b.lastOffset),
    acknowledgeTypes: b.acknowledgeTypes
  }))
}

/**
 * Whether RENEW acknowledgements are allowed in a request: on version 2 with IsRenewAck set, which
 * must then come with at least one RENEW. Without IsRenewAck, a RENEW is an invalid acknowledge
 * type of its partition (INVALID_REQUEST there), as on version 1.
 */
export function renewRule(
  apiVersion: number,
  isRenewAck: boolean | undefined,
  batches: readonly (readonly AcknowledgementBatch[])[]
): { renew: boolean } | { problem: string } {
  if (apiVersion < 2 || isRenewAck !== true) return { renew: false }
  const renewing = batches.some((bs) =>
    bs.some((b) => b.acknowledgeTypes.includes(AcknowledgeType.RENEW))
  )
  if (!renewing)
    return {
      problem: 'IsRenewAck is set but no acknowledgement batch has type 4 (RENEW)'
    }
  return { renew: true }
}

/**
 * Applies a member's acknowledgements of a led partition (RENEW among them when `renew`): the
 * error code and message.
 */
export function acknowledgeTarget(
  ctx: RequestContext,
  groupId: string,
  memberId: string,
  target: ShareTarget,
  batches: readonly AcknowledgementBatch[],
  renew: boolean
): { errorCode: number; errorMessage: string | null } {
  if (target.kind === 'error')
    return { errorCode: target.errorCode, errorMessage: target.errorMessage }
  const problem = ctx.engine.sharePartitions.acknowledge(
    groupId,
    memberId,
    { topicId: target.topic.id, partition: target.partition },
    batches,
    renew
  )
  if (!problem) return { errorCode: ErrorCode.NONE, errorMessage: null }
  return {
    errorCode: ErrorCode[problem.error],
    errorMessage: `${target.topic.name}-${target.partition}: ${problem.message}`
  }
}

/** The group and member a request is from; a problem when either is missing (INVALID_REQUEST). */
export function requester(body: {
  groupId: string | null
  memberId: string | null
}): { groupId: string; memberId: string } | { problem: string } {
  if (!body.groupId) return { problem: 'The request names no share group (GroupId is empty)' }
  if (!body.memberId) return { problem: 'The request names no member (MemberId is empty)' }
  return { groupId: body.groupId, memberId: body.memberId }
}

/** A ShareFetch or ShareAcknowledge response that refuses the whole request. */
export function requestError(errorCode: number, errorMessage: string) {
  return {
    throttleTimeMs: 0,
    errorCode,
    errorMessage,
    acquisitionLockTimeoutMs: 0,
    responses: [],
    nodeEndpoints: []
  }
}

/** The message of a share session error. */
export function sessionErrorMessage(error: ShareSessionError): string {
  switch (error) {
    case 'SHARE_SESSION_NOT_FOUND':
      return 'The member has no share session on this broker: open one with epoch 0'
    case 'INVALID_SHARE_SESSION_EPOCH':
      return "The share session epoch is not the session's next epoch"
    case 'SHARE_SESSION_LIMIT_REACHED':
      return 'This broker holds as many share sessions as it may (group.share.max.share.sessions)'
  }
}

/** The partitions of a share session this broker leads, as share partitions know them. */
export function ledPartitions(
  partitions: Iterable<{ topicId: string; partition: number }>,
  resolve: (topicId: string, partition: number) => ShareTarget
): { topicId: number; partition: number }[] {
  const out: { topicId: number; partition: number }[] = []
  for (const p of partitions) {
    const t = resolve(p.topicId, p.partition)
    if (t.kind === 'led') out.push({ topicId: t.topic.id, partition: t.partition })
  }
  return out
}
