// ConsumerGroupHeartbeat (68) and ConsumerGroupDescribe (69): groups of the consumer protocol
// (KIP-848), served by the engine's group coordinator. The wire names topics by id; the
// coordinator by name.
//
// ConsumerGroupHeartbeat Request (Version: 1) => group_id member_id member_epoch instance_id
//   rack_id rebalance_timeout_ms [subscribed_topic_names] subscribed_topic_regex server_assignor
//   [topic_partitions]
// ConsumerGroupDescribe Request (Version: 1) => [group_ids] include_authorized_operations
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type {
  ConsumerGroupDescribeRequest,
  ConsumerGroupDescribeResponse,
  ConsumerGroupHeartbeatRequest,
  ConsumerGroupHeartbeatResponse,
  Encodable
} from '../protocol'
import type { RequestContext } from '../request-context'
import { isGroupCoordinator } from './groups'
import type { ConsumerGroupDescription } from '../../groups'
import { authorizedOperations, OPERATIONS_OMITTED } from '../authorized-operations'
import {
  GROUP_TOPICS_DENIED,
  mayDescribeGroupTopics,
  requestSubject
} from '../authorization/access'
/** Kafka's MemberType of a member that speaks the consumer protocol. */
const CONSUMER_MEMBER = 1

/** Kafka's MemberType of a member that speaks the classic protocol inside a consumer group. */
const CLASSIC_MEMBER = 0

/**
 * Why the consumer group protocol is off, as Kafka turns it off: the group.version feature at 0,
 * or group.coordinator.rebalance.protocols without consumer; null while it is on.
 */
function consumerProtocolOff(ctx: RequestContext): string | null {
  if (ctx.engine.finalizedFeatures().levels['group.version'] < 1)
    return 'The new consumer group protocol is not enabled (group.version 0).'
  if (!ctx.engine.consumerProtocolAccepted())
    return 'The new consumer group protocol is not enabled (group.coordinator.rebalance.protocols).'
  return null
}

export function handleConsumerGroupHeartbeat(
  body: ConsumerGroupHeartbeatRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<ConsumerGroupHeartbeatResponse> {
  const off = consumerProtocolOff(ctx)
  if (off !== null)
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.UNSUPPORTED_VERSION,
      errorMessage: off,
      memberId: null,
      memberEpoch: body.memberEpoch,
      heartbeatIntervalMs: 0,
      assignment: null
    }
  if (!isGroupCoordinator(ctx, body.groupId))
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NOT_COORDINATOR,
      errorMessage: null,
      memberId: null,
      memberEpoch: body.memberEpoch,
      heartbeatIntervalMs: 0,
      assignment: null
    }
  const authorizer = ctx.authorizer
  const who = authorizer ? requestSubject(ctx) : null
  // Partitions of topics that no longer exist are no longer owned.
  const owned =
    body.topicPartitions === null
      ? null
      : body.topicPartitions.flatMap((t) => {
          const topic = ctx.engine.topicById(t.topicId)
          return topic ? [{ topic: topic.name, partitions: t.partitions }] : []
        })
  const result = ctx.engine.consumerGroupHeartbeat(
    {
      groupId: body.groupId,
      memberId: body.memberId,
      memberEpoch: body.memberEpoch,
      instanceId: body.instanceId,
      rackId: body.rackId,
      rebalanceTimeoutMs: body.rebalanceTimeoutMs,
      subscribedTopicNames: body.subscribedTopicNames,
      subscribedTopicRegex: apiVersion >= 1 ? body.subscribedTopicRegex : null,
      serverAssignor: body.serverAssignor,
      ownedPartitions: owned,
      clientId: ctx.header.clientId ?? '',
      clientHost: ctx.clientHost,
      ...(authorizer && who
        ? { mayDescribe: (t: string) => authorizer.authorize(who, 'DESCRIBE', 'TOPIC', t) }
        : {})
    },
    apiVersion
  )
  return {
    throttleTimeMs: 0,
    errorCode: result.errorCode,
    errorMessage: result.errorMessage,
    memberId: result.memberId,
    memberEpoch: result.memberEpoch,
    heartbeatIntervalMs: result.heartbeatIntervalMs,
    assignment:
      result.assignment === null ? null : { topicPartitions: withTopicIds(ctx, result.assignment) }
  }
}

/** Topic names to ids (topics deleted since are left out). */
export function withTopicIds(ctx: RequestContext, list: { topic: string; partitions: number[] }[]) {
  return list.flatMap((t) => {
    const topic = ctx.engine.topic(t.topic)
    return topic ? [{ topicId: topic.uuid, topicName: t.topic, partitions: t.partitions }] : []
  })
}

/** The topics a described group names: its members' subscriptions, assignments and targets. */
function* groupTopics(g: ConsumerGroupDescription): Generator<string> {
  for (const m of g.members) {
    yield* m.subscribedTopicNames
    for (const a of m.assignment) yield a.topic
    for (const a of m.targetAssignment) yield a.topic
  }
}

export function handleConsumerGroupDescribe(
  body: ConsumerGroupDescribeRequest,
  ctx: RequestContext
): Encodable<ConsumerGroupDescribeResponse> {
  return {
    throttleTimeMs: 0,
    groups: body.groupIds.map((groupId) => {
      const off = consumerProtocolOff(ctx)
      if (off !== null)
        return {
          errorCode: ErrorCode.UNSUPPORTED_VERSION,
          errorMessage: off,
          groupId,
          groupState: '',
          groupEpoch: 0,
          assignmentEpoch: 0,
          assignorName: '',
          members: [],
          authorizedOperations: OPERATIONS_OMITTED
        }
      const operations = body.includeAuthorizedOperations
        ? authorizedOperations(ctx, 'GROUP', groupId)
        : OPERATIONS_OMITTED
      if (!isGroupCoordinator(ctx, groupId))
        return refusedGroup(groupId, operations, ErrorCode.NOT_COORDINATOR, null)
      const [g] = ctx.engine.consumerGroupDescribe([groupId])
      if (!mayDescribeGroupTopics(ctx, groupTopics(g)))
        return refusedGroup(
          groupId,
          operations,
          ErrorCode.TOPIC_AUTHORIZATION_FAILED,
          GROUP_TOPICS_DENIED
        )
      return {
        errorCode: g.errorCode,
        errorMessage: g.errorMessage,
        groupId: g.groupId,
        groupState: g.errorCode === ErrorCode.NONE ? g.groupState : '',
        groupEpoch: g.groupEpoch,
        assignmentEpoch: g.assignmentEpoch,
        assignorName: g.assignorName,
        members: g.members.map((m) => ({
          memberId: m.memberId,
          instanceId: m.instanceId,
          rackId: m.rackId,
          memberEpoch: m.memberEpoch,
          clientId: m.clientId,
          clientHost: m.clientHost,
          subscribedTopicNames: m.subscribedTopicNames,
          subscribedTopicRegex: m.subscribedTopicRegex,
          assignment: { topicPartitions: withTopicIds(ctx, m.assignment) },
          targetAssignment: { topicPartitions: withTopicIds(ctx, m.targetAssignment) },
          memberType: m.memberType === 'classic' ? CLASSIC_MEMBER : CONSUMER_MEMBER
        })),
        authorizedOperations: operations
      }
    })
  }
}

/**
 * A group ConsumerGroupDescribe or ShareGroupDescribe does not describe (not its coordinator, a
 * topic the principal may not describe ...): the error, no members, epochs -1.
 */
export function refusedGroup(
  groupId: string,
  authorizedOperations: number,
  errorCode: number,
  errorMessage: string | null
) {
  return {
    errorCode,
    errorMessage,
    groupId,
    groupState: '',
    groupEpoch: -1,
    assignmentEpoch: -1,
    assignorName: '',
    members: [],
    authorizedOperations
  }
}
