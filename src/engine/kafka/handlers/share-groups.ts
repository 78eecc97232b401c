// ShareGroupHeartbeat (76) and ShareGroupDescribe (77): share groups (KIP-932), served by the
// engine's group coordinator. The wire names topics by id; the coordinator by name.
//
// ShareGroupHeartbeat Request (Version: 1) => group_id member_id member_epoch rack_id
//   [subscribed_topic_names]
// ShareGroupDescribe Request (Version: 1) => [group_ids] include_authorized_operations
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type {
  Encodable,
  ShareGroupDescribeRequest,
  ShareGroupDescribeResponse,
  ShareGroupHeartbeatRequest,
  ShareGroupHeartbeatResponse
} from '../protocol'
import type { RequestContext } from '../request-context'
import { isGroupCoordinator } from './groups'
import { refusedGroup, withTopicIds } from './consumer-groups'
import { authorizedOperations, OPERATIONS_OMITTED } from '../authorized-operations'
import { GROUP_TOPICS_DENIED, mayDescribeGroupTopics } from '../authorization/access'
import type { ShareGroupDescription } from '../../share-groups/share-describe'

const SHARE_GROUPS_OFF =
  'The share group protocol is not enabled (share.version 0, and group.coordinator.rebalance.protocols without share).'

export function handleShareGroupHeartbeat(
  body: ShareGroupHeartbeatRequest,
  ctx: RequestContext
): Encodable<ShareGroupHeartbeatResponse> {
  const refused = (errorCode: number, errorMessage: string | null) => ({
    throttleTimeMs: 0,
    errorCode,
    errorMessage,
    memberId: null,
    memberEpoch: body.memberEpoch,
    heartbeatIntervalMs: 0,
    assignment: null
  })
  if (!ctx.engine.shareGroupsEnabled())
    return refused(ErrorCode.UNSUPPORTED_VERSION, SHARE_GROUPS_OFF)
  if (!isGroupCoordinator(ctx, body.groupId)) return refused(ErrorCode.NOT_COORDINATOR, null)
  const result = ctx.engine.shareGroupHeartbeat({
    groupId: body.groupId,
    memberId: body.memberId,
    memberEpoch: body.memberEpoch,
    rackId: body.rackId,
    subscribedTopicNames: body.subscribedTopicNames,
    clientId: ctx.header.clientId ?? '',
    clientHost: ctx.clientHost
  })
  return {
    throttleTimeMs: 0,
    errorCode: result.errorCode,
    errorMessage: result.errorMessage,
    memberId: result.memberId,
    memberEpoch: result.memberEpoch,
    heartbeatIntervalMs: result.heartbeatIntervalMs,
    assignment:
      result.assignment === null
        ? null
        : {
            topicPartitions: withTopicIds(ctx, result.assignment).map((t) => ({
              topicId: t.topicId,
              partitions: t.partitions
            }))
          }
  }
}

/** The topics a described share group names: its members' subscriptions and assignments. */
function* groupTopics(g: ShareGroupDescription): Generator<string> {
  for (const m of g.members) {
    yield* m.subscribedTopicNames
    for (const a of m.assignment) yield a.topic
  }
}

export function handleShareGroupDescribe(
  body: ShareGroupDescribeRequest,
  ctx: RequestContext
): Encodable<ShareGroupDescribeResponse> {
  const enabled = ctx.engine.shareGroupsEnabled()
  return {
    throttleTimeMs: 0,
    groups: body.groupIds.map((groupId) => {
      const operations = body.includeAuthorizedOperations
        ? authorizedOperations(ctx, 'GROUP', groupId)
        : OPERATIONS_OMITTED
      const refused = (errorCode: number, errorMessage: string | null) =>
        refusedGroup(groupId, operations, errorCode, errorMessage)
      if (!enabled) return refused(ErrorCode.UNSUPPORTED_VERSION, SHARE_GROUPS_OFF)
      if (!isGroupCoordinator(ctx, groupId)) return refused(ErrorCode.NOT_COORDINATOR, null)
      const [g] = ctx.engine.shareGroupDescribe([groupId])
      if (!mayDescribeGroupTopics(ctx, groupTopics(g)))
        return refused(ErrorCode.TOPIC_AUTHORIZATION_FAILED, GROUP_TOPICS_DENIED)
      return {
        errorCode: g.errorCode,
        errorMessage: g.errorMessage,
        groupId: g.groupId,
        groupState: g.groupState,
        groupEpoch: g.groupEpoch,
        assignmentEpoch: g.assignmentEpoch,
        assignorName: g.assignorName,
        members: g.members.map((m) => ({
          memberId: m.memberId,
          rackId: m.rackId,
          memberEpoch: m.memberEpoch,
          clientId: m.clientId,
          clientHost: m.clientHost,
          subscribedTopicNames: m.subscribedTopicNames,
          assignment: { topicPartitions: withTopicIds(ctx, m.assignment) }
        })),
        authorizedOperations: operations
      }
    })
  }
}
