// Heartbeat and LeaveGroup: keeping a member's session alive and leaving (or removing) members.
import { ErrorCode } from '../../shared/kafka/error-codes'
import type { CoordinatorContext } from './context'

import type { GroupMember } from './member'
import type { HeartbeatParams, LeaveGroupParams, LeaveGroupResult } from './types'

export function handleHeartbeat(ctx: CoordinatorContext, req: HeartbeatParams): number {
  if (!req.groupId) return ErrorCode.INVALID_GROUP_ID
  if (!ctx.active) return ErrorCode.COORDINATOR_NOT_AVAILABLE
  const group = ctx.group(req.groupId)
  if (!group) return ErrorCode.UNKNOWN_MEMBER_ID
  if (group.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE
  const memberError = group.validateCurrentMember(req.memberId, req.groupInstanceId)
  if (memberError !== null) return memberError
  if (req.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION
  const member = group.get(req.memberId) as GroupMember
  switch (group.state) {
    case 'Empty':
      return ErrorCode.UNKNOWN_MEMBER_ID
    case 'PreparingRebalance':
      // The session is renewed, and the member learns it must rejoin.
      ctx.rebalancer.scheduleHeartbeat(group, member)
      return ErrorCode.REBALANCE_IN_PROGRESS
    default:
      ctx.rebalancer.scheduleHeartbeat(group, member)
      return ErrorCode.NONE
  }
}

/**
 * Members leave by member id; from LeaveGroup v3 an admin may remove static members by group
 * instance id alone (member id ''). Each member gets its own error code.
 */
export function handleLeaveGroup(ctx: CoordinatorContext, req: LeaveGroupParams): LeaveGroupResult {
  if (!req.groupId) return { errorCode: ErrorCode.INVALID_GROUP_ID, members: [] }
  if (!ctx.active) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] }
  const group = ctx.group(req.groupId)
  const answer = (m: LeaveGroupParams['members'][number], errorCode: number) => ({
    memberId: m.memberId,
    groupInstanceId: m.groupInstanceId,
    errorCode
  })
  if (!group)
    return {
      errorCode: ErrorCode.NONE,
      members: req.members.map((m) => answer(m, ErrorCode.UNKNOWN_MEMBER_ID))
    }
  if (group.is('Dead')) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] }
  const leave = (memberId: string) => {
    ctx.rebalancer.removeMemberAndUpdateGroup(group, group.get(memberId) as GroupMember)
  }
  const members = req.members.map((m) => {
    if (m.memberId === '') {
      const current =
        m.groupInstanceId === null ? undefined : group.staticMembers.get(m.groupInstanceId)
      if (current === undefined) return answer(m, ErrorCode.UNKNOWN_MEMBER_ID)
      leave(current)
      return answer(m, ErrorCode.NONE)
    }
    if (group.isPendingMember(m.memberId)) {
      ctx.rebalancer.removePendingMember(group, m.memberId)
      return answer(m, ErrorCode.NONE)
    }
    const error = group.validateCurrentMember(m.memberId, m.groupInstanceId)
    if (error !== null) return answer(m, error)
    leave(m.memberId)
    return answer(m, ErrorCode.NONE)
  })
  return { errorCode: ErrorCode.NONE, members }
}
