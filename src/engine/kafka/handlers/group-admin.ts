// DescribeGroups (15), ListGroups (16) and DeleteGroups (42): consumer groups as admin tools see
// them.
//
// DescribeGroups Request (Version: 5) => [groups] include_authorized_operations
// ListGroups Request (Version: 5) => [states_filter] [types_filter]
// DeleteGroups Request (Version: 2) => [groups_names]
//
// Like Kafka's brokers, each broker lists only the groups it coordinates (admin clients ask
// every broker and merge the answers), and describes or deletes only those.
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type {
  DeleteGroupsRequest,
  DeleteGroupsResponse,
  DescribeGroupsRequest,
  DescribeGroupsResponse,
  Encodable,
  ListGroupsRequest,
  ListGroupsResponse
} from '../protocol'

import type { RequestContext } from '../request-context'
import { isGroupCoordinator } from './groups'
import { OPERATIONS_OMITTED, authorizedOperations } from '../authorized-operations'

export function handleDescribeGroups(
  body: DescribeGroupsRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<DescribeGroupsResponse> {
  const operations = (groupId: string) =>
    apiVersion >= 3 && body.includeAuthorizedOperations
      ? authorizedOperations(ctx, 'GROUP', groupId)
      : OPERATIONS_OMITTED
  return {
    throttleTimeMs: 0,
    groups: body.groups.map((groupId) => {
      const g = isGroupCoordinator(ctx, groupId) ? ctx.engine.describeGroups([groupId])[0] : null
      if (!g)
        return {
          errorCode: ErrorCode.NOT_COORDINATOR,
          groupId,
          groupState: '',
          protocolType: '',
          protocolData: '',
          members: [],
          authorizedOperations: operations(groupId)
        }
      return {
        errorCode: g.errorCode,
        groupId: g.groupId,
        groupState: g.groupState,
        protocolType: g.protocolType,
        protocolData: g.protocolData,
        members: g.members.map((m) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          memberMetadata: m.memberMetadata,
          memberAssignment: m.memberAssignment
        })),
        authorizedOperations: operations(groupId)
      }
    })
  }
}

export function handleListGroups(
  body: ListGroupsRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<ListGroupsResponse> {
  const states = apiVersion >= 4 ? body.statesFilter : []
  const types = apiVersion >= 5 ? body.typesFilter : []
  const { errorCode, groups } = ctx.engine.listGroups(states, types)
  return {
    throttleTimeMs: 0,
    errorCode,
    groups: groups
      .filter((g) => isGroupCoordinator(ctx, g.groupId))
      .map((g) => ({
        groupId: g.groupId,
        protocolType: g.protocolType,
        groupState: g.groupState,
        groupType: g.groupType
      }))
  }
}

export function handleDeleteGroups(
  body: DeleteGroupsRequest,
  ctx: RequestContext
): Encodable<DeleteGroupsResponse> {
  return {
    throttleTimeMs: 0,
    results: body.groupsNames.map((groupId) =>
      isGroupCoordinator(ctx, groupId)
        ? ctx.engine.deleteGroups([groupId])[0]
        : { groupId, errorCode: ErrorCode.NOT_COORDINATOR }
    )
  }
}
