// JoinGroup (11), SyncGroup (14), Heartbeat (12) and LeaveGroup (13): membership of a classic
// consumer group, served by the engine's group coordinator.
//
// JoinGroup Request (Version: 9) => group_id session_timeout_ms rebalance_timeout_ms member_id
//   group_instance_id protocol_type [protocols] reason
// SyncGroup Request (Version: 5) => group_id generation_id member_id group_instance_id
//   protocol_type protocol_name [assignments]
// Heartbeat Request (Version: 4) => group_id generation_id member_id group_instance_id
// LeaveGroup Request (Version: 5) => group_id [members]   (v0-2: group_id member_id)
//
// One coordinator object serves every group of the cluster, but each group belongs to the
// broker FindCoordinator names for it. A request that reaches another broker gets
// NOT_COORDINATOR, so that clients look the coordinator up again after a broker stops or starts.
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type {
  Encodable,
  HeartbeatRequest,
  HeartbeatResponse,
  JoinGroupRequest,
  JoinGroupResponse,
  LeaveGroupRequest,
  LeaveGroupResponse,
  SyncGroupRequest,
  SyncGroupResponse
} from '../protocol'

import type { RequestContext } from '../request-context'
import { coordinatorFor } from './cluster-info'

/** Whether this broker coordinates `groupId` (the one FindCoordinator names for it now). */
export function isGroupCoordinator(ctx: RequestContext, groupId: string): boolean {
  return coordinatorFor(ctx, groupId)?.id === ctx.broker.id
}

export async function handleJoinGroup(
  body: JoinGroupRequest,
  ctx: RequestContext,
  apiVersion: number
): Promise<Encodable<JoinGroupResponse>> {
  // v0-6 carry a non-nullable protocol name; Kafka answers '' where it has none.
  const protocolName = (name: string | null) => (apiVersion < 7 ? (name ?? '') : name)
  if (!isGroupCoordinator(ctx, body.groupId))
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NOT_COORDINATOR,
      generationId: -1,
      protocolType: null,
      protocolName: protocolName(null),
      leader: '',
      skipAssignment: false,
      memberId: body.memberId,
      members: []
    }
  const result = await ctx.engine.joinGroup({
    groupId: body.groupId,
    memberId: body.memberId,
    groupInstanceId: body.groupInstanceId,
    clientId: ctx.header.clientId ?? '',
    clientHost: ctx.clientHost,
    sessionTimeoutMs: body.sessionTimeoutMs,
    // v0 has no rebalance timeout: the session timeout serves as one.
    rebalanceTimeoutMs: apiVersion === 0 ? -1 : body.rebalanceTimeoutMs,
    protocolType: body.protocolType,
    protocols: body.protocols.map((p) => ({ name: p.name, metadata: p.metadata })),
    // KIP-394: from v4 a member without an id is given one and must rejoin with it.
    requireKnownMemberId: apiVersion >= 4 && body.groupInstanceId === null,
    supportSkippingAssignment: apiVersion >= 9,
    reason: apiVersion >= 8 ? body.reason : null
  })
  return {
    throttleTimeMs: 0,
    errorCode: result.errorCode,
    generationId: result.generationId,
    protocolType: result.protocolType,
    protocolName: protocolName(result.protocolName),
    leader: result.leader,
    skipAssignment: apiVersion >= 9 && result.skipAssignment,
    memberId: result.memberId,
    members: result.members.map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      metadata: m.metadata
    }))
  }
}

export async function handleSyncGroup(
  body: SyncGroupRequest,
  ctx: RequestContext,
  apiVersion: number
): Promise<Encodable<SyncGroupResponse>> {
  const error = (errorCode: number): Encodable<SyncGroupResponse> => ({
    throttleTimeMs: 0,
    errorCode,
    protocolType: null,
    protocolName: null,
    assignment: Buffer.alloc(0)
  })
  if (!isGroupCoordinator(ctx, body.groupId)) return error(ErrorCode.NOT_COORDINATOR)
  // v5+ must name the protocol type and name chosen at JoinGroup (KIP-559).
  if (apiVersion >= 5 && (body.protocolType === null || body.protocolName === null))
    return error(ErrorCode.INCONSISTENT_GROUP_PROTOCOL)
  const result = await ctx.engine.syncGroup({
    groupId: body.groupId,
    generationId: body.generationId,
    memberId: body.memberId,
    groupInstanceId: body.groupInstanceId,
    protocolType: apiVersion >= 5 ? body.protocolType : null,
    protocolName: apiVersion >= 5 ? body.protocolName : null,
    assignments: body.assignments.map((a) => ({ memberId: a.memberId, assignment: a.assignment }))
  })
  return {
    throttleTimeMs: 0,
    errorCode: result.errorCode,
    protocolType: result.protocolType,
    protocolName: result.protocolName,
    assignment: result.assignment
  }
}

export function handleHeartbeat(
  body: HeartbeatRequest,
  ctx: RequestContext
): Encodable<HeartbeatResponse> {
  if (!isGroupCoordinator(ctx, body.groupId))
    return { throttleTimeMs: 0, errorCode: ErrorCode.NOT_COORDINATOR }
  const { errorCode } = ctx.engine.heartbeat({
    groupId: body.groupId,
    generationId: body.generationId,
    memberId: body.memberId,
    groupInstanceId: body.groupInstanceId
  })
  return { throttleTimeMs: 0, errorCode }
}

export function handleLeaveGroup(
  body: LeaveGroupRequest,
  ctx: RequestContext,
  apiVersion: number
): Encodable<LeaveGroupResponse> {
  // v0-2 name one member; v3+ a batch, possibly by group instance id alone (KIP-345).
  const members =
    apiVersion < 3
      ? [{ memberId: body.memberId, groupInstanceId: null, reason: null }]
      : body.members.map((m) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          reason: apiVersion >= 5 ? m.reason : null
        }))
  if (!isGroupCoordinator(ctx, body.groupId))
    return { throttleTimeMs: 0, errorCode: ErrorCode.NOT_COORDINATOR, members: [] }
  const result = ctx.engine.leaveGroup({ groupId: body.groupId, members })
  if (apiVersion < 3) {
    // Without per-member codes, the member's own error is the request's.
    const memberError = result.members[0]?.errorCode ?? ErrorCode.NONE
    return {
      throttleTimeMs: 0,
      errorCode: result.errorCode !== ErrorCode.NONE ? result.errorCode : memberError,
      members: []
    }
  }
  return {
    throttleTimeMs: 0,
    errorCode: result.errorCode,
    members: result.members.map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      errorCode: m.errorCode
    }))
  }
}
