// SyncGroup: the leader's assignment is handed to every member and the group becomes Stable.
import { ErrorCode } from '../../shared/kafka/error-codes'
import { syncError } from './classic-group'
import type { CoordinatorContext } from './context'

import type { GroupMember, SyncCallback } from './member'
import type { SyncGroupParams } from './types'

export function handleSyncGroup(
  ctx: CoordinatorContext,
  req: SyncGroupParams,
  respond: SyncCallback
): void {
  if (!req.groupId) return respond(syncError(ErrorCode.INVALID_GROUP_ID))
  if (!ctx.active) return respond(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE))
  const group = ctx.group(req.groupId)
  if (!group) return respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID))
  if (group.is('Dead')) return respond(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE))
  const memberError = group.validateCurrentMember(req.memberId, req.groupInstanceId)
  if (memberError !== null) return respond(syncError(memberError))
  if (req.generationId !== group.generationId)
    return respond(syncError(ErrorCode.ILLEGAL_GENERATION))
  if (
    (req.protocolType !== null && req.protocolType !== group.protocolType) ||
    (req.protocolName !== null && req.protocolName !== group.protocolName)
  )
    return respond(syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL))

  const member = group.get(req.memberId) as GroupMember
  switch (group.state) {
    case 'Empty':
      return respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID))
    case 'PreparingRebalance':
      return respond(syncError(ErrorCode.REBALANCE_IN_PROGRESS))
    case 'CompletingRebalance': {
      group.awaitSync(member, respond)
      ctx.rebalancer.removePendingSyncMember(group, req.memberId)
      if (group.isLeader(req.memberId)) {
        // Members the leader left out get an empty assignment.
        const assignment = new Map<string, Buffer>()
        for (const a of req.assignments)
          if (group.has(a.memberId)) assignment.set(a.memberId, a.assignment)
        ctx.rebalancer.setAndPropagateAssignment(group, assignment)
        group.transitionTo('Stable', ctx.now())
        ctx.storeGroup(group)
        ctx.changed(group.groupId)
      }
      return
    }
    case 'Stable':
      ctx.rebalancer.removePendingSyncMember(group, req.memberId)
      respond({
        errorCode: ErrorCode.NONE,
        protocolType: group.protocolType,
        protocolName: group.protocolName,
        assignment: member.assignment
      })
      ctx.rebalancer.scheduleHeartbeat(group, member)
      return
  }
}
