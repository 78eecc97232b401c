// JoinGroup: new, pending, known and static members joining a classic group.
import { ErrorCode } from '../../shared/kafka/error-codes'
import { ClassicGroup, joinError } from './classic-group'
import type { CoordinatorContext } from './context'

import type { GroupMember, JoinCallback } from './member'
import type { JoinGroupParams, JoinGroupResult } from './types'

interface Join extends JoinGroupParams {
  /** The effective rebalance timeout (the session timeout for JoinGroup v0). */
  rebalanceTimeoutMs: number
}

export function handleJoinGroup(
  ctx: CoordinatorContext,
  request: JoinGroupParams,
  respond: JoinCallback
): void {
  const { groupId, memberId, sessionTimeoutMs } = request
  if (!groupId) return respond(joinError(memberId, ErrorCode.INVALID_GROUP_ID))
  if (!ctx.active) return respond(joinError(memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE))
  const { minSessionTimeoutMs, maxSessionTimeoutMs } = ctx.settings
  if (sessionTimeoutMs < minSessionTimeoutMs || sessionTimeoutMs > maxSessionTimeoutMs)
    return respond(joinError(memberId, ErrorCode.INVALID_SESSION_TIMEOUT))
  // JoinGroup v0 has no rebalance timeout (-1); a member that sends 0 (kafkajs can) would be
  // dropped before its SyncGroup arrives: both wait as long as the session timeout.
  const req: Join = {
    ...request,
    rebalanceTimeoutMs:
      request.rebalanceTimeoutMs <= 0 ? sessionTimeoutMs : request.rebalanceTimeoutMs
  }
  const isUnknownMember = memberId === ''
  let group = ctx.group(groupId)
  if (!group) {
    // Only a member without an id creates a group; a known id for an unknown group is stale.
    if (!isUnknownMember) return respond(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID))
    group = ctx.createGroup(groupId)
  }
  if (!acceptJoiningMember(ctx, group, memberId)) {
    const member = group.get(memberId)
    if (member) ctx.rebalancer.dropMember(group, member)
    respond(joinError('', ErrorCode.GROUP_MAX_SIZE_REACHED))
  } else if (isUnknownMember) {
    newMemberJoin(ctx, group, req, respond)
  } else {
    currentMemberJoin(ctx, group, req, respond)
  }
  if (group.is('PreparingRebalance')) ctx.rebalancer.tryCompleteJoin(group)
}

function acceptJoiningMember(ctx: CoordinatorContext, group: ClassicGroup, memberId: string) {
  const max = ctx.settings.maxSize
  switch (group.state) {
    case 'Empty':
    case 'Dead':
      return true
    case 'PreparingRebalance':
      return group.get(memberId)?.isAwaitingJoin === true || group.numAwaiting < max
    default:
      return group.has(memberId) || group.size < max
  }
}

function newMemberJoin(
  ctx: CoordinatorContext,
  group: ClassicGroup,
  req: Join,
  respond: JoinCallback
) {
  if (group.is('Dead')) return respond(joinError('', ErrorCode.COORDINATOR_NOT_AVAILABLE))
  if (!group.supportsProtocols(req.protocolType, req.protocols))
    return respond(joinError('', ErrorCode.INCONSISTENT_GROUP_PROTOCOL))
  const newMemberId = ctx.newMemberId(req.groupInstanceId ?? req.clientId)
  if (req.groupInstanceId !== null) {
    const oldMemberId = group.staticMembers.get(req.groupInstanceId)
    if (oldMemberId !== undefined)
      return staticMemberRejoin(ctx, group, oldMemberId, newMemberId, req, respond)
    return addMember(ctx, group, newMemberId, req, respond)
  }
  if (req.requireKnownMemberId) {
    // The member must come back with this id: a lost response cannot leave a ghost member.
    ctx.rebalancer.addPendingMember(group, newMemberId, req.sessionTimeoutMs)
    return respond(joinError(newMemberId, ErrorCode.MEMBER_ID_REQUIRED))
  }
  addMember(ctx, group, newMemberId, req, respond)
}

function addMember(
  ctx: CoordinatorContext,
  group: ClassicGroup,
  memberId: string,
  req: Join,
  respond: JoinCallback
): void {
  ctx.rebalancer.addMemberAndRebalance(
    group,
    {
      memberId,
      groupInstanceId: req.groupInstanceId,
      clientId: req.clientId,
      clientHost: req.clientHost,
      rebalanceTimeoutMs: req.rebalanceTimeoutMs,
      sessionTimeoutMs: req.sessionTimeoutMs,
      protocolType: req.protocolType,
      protocols: req.protocols
    },
    respond
  )
}

/**
 * A static member rejoining without its member id (a restarted instance) takes over the old
 * member's place. In a Stable group whose selected protocol stays the same it gets the current
 * generation back without a rebalance; the old member id is fenced.
 */
function staticMemberRejoin(
  ctx: CoordinatorContext,
  group: ClassicGroup,
  oldMemberId: string,
  newMemberId: string,
  req: Join,
  respond: JoinCallback
): void {
  const previousLeader = group.leaderId ?? ''
  const member = group.replaceStaticMember(req.groupInstanceId ?? '', oldMemberId, newMemberId)
  ctx.rebalancer.scheduleHeartbeat(group, member)
  group.updateMember(member, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs, respond)
  ctx.changed(group.groupId)
  switch (group.state) {
    case 'Stable': {
      if (group.protocolName !== group.selectProtocol()) {
        ctx.rebalancer.maybePrepareRebalance(group)
        return
      }
      // From JoinGroup v9 a static leader learns it leads but skips the assignment; before, it
      // is given the old leader id so that it does not compute an assignment nobody would get.
      const isLeader = group.isLeader(newMemberId)
      const skip = req.supportSkippingAssignment === true
      group.maybeInvokeJoinCallback(member, {
        errorCode: ErrorCode.NONE,
        generationId: group.generationId,
        protocolType: group.protocolType,
        protocolName: group.protocolName,
        leader: skip ? (group.leaderId ?? '') : previousLeader,
        skipAssignment: skip && isLeader,
        memberId: newMemberId,
        members: skip && isLeader ? group.currentMemberMetadata() : []
      })
      return
    }
    case 'CompletingRebalance':
      // The leader may be assigning to the old member id: start over.
      ctx.rebalancer.prepareRebalance(group)
      return
    case 'PreparingRebalance':
      return
    default:
      group.maybeInvokeJoinCallback(member, joinError(newMemberId, ErrorCode.UNKNOWN_MEMBER_ID))
  }
}

function currentMemberJoin(
  ctx: CoordinatorContext,
  group: ClassicGroup,
  req: Join,
  respond: JoinCallback
): void {
  const { memberId } = req
  if (group.is('Dead')) return respond(joinError(memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE))
  if (!group.supportsProtocols(req.protocolType, req.protocols))
    return respond(joinError(memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL))
  if (group.isPendingMember(memberId)) {
    // Pending members are dynamic; a group instance id here is a confused client.
    if (req.groupInstanceId !== null)
      return respond(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID))
    return addMember(ctx, group, memberId, req, respond)
  }
  const error = group.validateCurrentMember(memberId, req.groupInstanceId)
  if (error !== null) return respond(joinError(memberId, error))
  const member = group.get(memberId) as GroupMember
  const rebalance = () =>
    ctx.rebalancer.updateMemberAndRebalance(
      group,
      member,
      req.protocols,
      req.rebalanceTimeoutMs,
      req.sessionTimeoutMs,
      respond
    )
  switch (group.state) {
    case 'PreparingRebalance':
      return rebalance()
    case 'CompletingRebalance':
      // Same metadata: the member lost the JoinGroup answer; give it again.
      if (member.matches(req.protocols)) return respond(currentGeneration(group, member, true))
      return rebalance()
    case 'Stable':
      // The leader rejoining forces a rebalance (e.g. topic metadata changed for the assignor).
      if (group.isLeader(memberId) || !member.matches(req.protocols)) return rebalance()
      return respond(currentGeneration(group, member, false))
    default:
      return respond(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID))
  }
}

function currentGeneration(
  group: ClassicGroup,
  member: GroupMember,
  membersForLeader: boolean
): JoinGroupResult {
  return {
    errorCode: ErrorCode.NONE,
    generationId: group.generationId,
    protocolType: group.protocolType,
    protocolName: group.protocolName,
    leader: group.leaderId ?? '',
    skipAssignment: false,
    memberId: member.memberId,
    members:
      membersForLeader && group.isLeader(member.memberId) ? group.currentMemberMetadata() : []
  }
}
