// Classic members inside a consumer group (KIP-848's online migration, as Kafka 4 serves them):
// JoinGroup, SyncGroup, Heartbeat and LeaveGroup from members of the classic protocol, whose
// assignments come from the group's server-side assignor. JoinGroup answers at once with the
// member's epoch as the generation and no leader; SyncGroup hands out what the member owns now;
// Heartbeat asks the member to rejoin (REBALANCE_IN_PROGRESS) while it is behind the group
// epoch, has partitions to give up, or may now take partitions others released. A member that
// does not send the JoinGroup it was asked for, or the SyncGroup after its JoinGroup, within its
// rebalance timeout is removed, as by Kafka's join and sync timeouts.
import { ErrorCode } from '../../shared/kafka/error-codes'
import { joinError, syncError } from './classic-group'
import { has, toTopicList, type ConsumerGroup, type ConsumerMember } from './consumer-group'
import type { ConsumerGroups } from './consumer-groups'
import { decodeSubscription, encodeAssignment } from './consumer-protocol'
import type { GroupSettings } from './settings'
import type {
  HeartbeatParams,
  JoinGroupParams,
  JoinGroupResult,
  LeaveGroupParams,
  LeaveGroupResult,
  SyncGroupParams,
  SyncGroupResult
} from './types'

export interface ClassicMembersContext {
  readonly settings: GroupSettings
  readonly consumerGroups: ConsumerGroups
  newMemberId(prefix: string): string
}

export function joinConsumerGroup(
  ctx: ClassicMembersContext,
  group: ConsumerGroup,
  req: JoinGroupParams
): JoinGroupResult {
  const { minSessionTimeoutMs, maxSessionTimeoutMs, consumerMaxSize } = ctx.settings
  if (req.sessionTimeoutMs < minSessionTimeoutMs || req.sessionTimeoutMs > maxSessionTimeoutMs)
    return joinError(req.memberId, ErrorCode.INVALID_SESSION_TIMEOUT)
  const memberId = req.memberId !== '' ? req.memberId : ctx.newMemberId(req.clientId)
  if (!group.members.has(memberId) && group.members.size >= consumerMaxSize)
    return joinError(memberId, ErrorCode.GROUP_MAX_SIZE_REACHED)
  if (!supportsProtocols(group, req))
    return joinError(memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL)
  if (req.memberId === '' && req.requireKnownMemberId)
    return joinError(memberId, ErrorCode.MEMBER_ID_REQUIRED)
  const subscription = decodeSubscription(req.protocols[0].metadata)
  const joined = ctx.consumerGroups.classicJoin(group, {
    groupId: group.groupId,
    memberId,
    instanceId: req.groupInstanceId,
    rackId: null,
    rebalanceTimeoutMs: req.rebalanceTimeoutMs <= 0 ? req.sessionTimeoutMs : req.rebalanceTimeoutMs,
    subscribedTopicNames: subscription.topics,
    subscribedTopicRegex: null,
    ownedPartitions: subscription.ownedPartitions,
    clientId: req.clientId,
    clientHost: req.clientHost,
    classic: { sessionTimeoutMs: req.sessionTimeoutMs, protocols: req.protocols }
  })
  if (typeof joined === 'number') return joinError(memberId, joined)
  ctx.consumerGroups.classicPaid(joined, 'join')
  ctx.consumerGroups.classicOwes(group, joined, 'sync')
  return {
    errorCode: ErrorCode.NONE,
    generationId: joined.memberEpoch,
    protocolType: 'consumer',
    protocolName: req.protocols[0].name,
    leader: '',
    skipAssignment: false,
    memberId,
    members: []
  }
}

/**
 * Kafka's check: protocol type consumer, and a protocol every classic member already in the
 * group supports (any, while it has none).
 */
function supportsProtocols(group: ConsumerGroup, req: JoinGroupParams): boolean {
  if (req.protocolType !== 'consumer' || req.protocols.length === 0) return false
  const classic = [...group.members.values()].filter(
    (m) => m.classic && m.memberId !== req.memberId
  )
  return req.protocols.some((p) =>
    classic.every((m) => m.classic?.protocols.some((q) => q.name === p.name))
  )
}

/** The member a classic request names, or the error it gets. */
function classicMember(
  group: ConsumerGroup,
  memberId: string,
  instanceId: string | null
): ConsumerMember | number {
  let member: ConsumerMember | undefined
  if (instanceId === null) member = group.members.get(memberId)
  else {
    member = group.memberByInstanceId(instanceId)
    if (member && member.memberId !== memberId) return ErrorCode.FENCED_INSTANCE_ID
  }
  if (!member || !member.classic) return ErrorCode.UNKNOWN_MEMBER_ID
  return member
}

export function syncConsumerGroup(
  ctx: ClassicMembersContext,
  group: ConsumerGroup,
  req: SyncGroupParams
): SyncGroupResult {
  const member = classicMember(group, req.memberId, req.groupInstanceId)
  if (typeof member === 'number') return syncError(member)
  if (req.generationId !== member.memberEpoch) return syncError(ErrorCode.ILLEGAL_GENERATION)
  const protocol = member.classic?.protocols[0]
  if (
    (req.protocolType !== null && req.protocolType !== 'consumer') ||
    (req.protocolName !== null && req.protocolName !== protocol?.name)
  )
    return syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL)
  // A new epoch started since the member joined: it rejoins first, unless it has partitions
  // to give up at its current one.
  if (group.groupEpoch > member.memberEpoch && member.state !== 'unrevoked_partitions') {
    ctx.consumerGroups.classicOwes(group, member, 'join')
    return syncError(ErrorCode.REBALANCE_IN_PROGRESS)
  }
  ctx.consumerGroups.classicPaid(member, 'sync')
  ctx.consumerGroups.renewSession(group, member)
  const version = protocol ? decodeSubscription(protocol.metadata).version : 0
  return {
    errorCode: ErrorCode.NONE,
    protocolType: 'consumer',
    protocolName: protocol?.name ?? null,
    assignment: encodeAssignment(version, toTopicList(member.assigned))
  }
}

export function heartbeatConsumerGroup(
  ctx: ClassicMembersContext,
  group: ConsumerGroup,
  req: HeartbeatParams
): number {
  const member = classicMember(group, req.memberId, req.groupInstanceId)
  if (typeof member === 'number') return member
  if (req.generationId !== member.memberEpoch) return ErrorCode.ILLEGAL_GENERATION
  ctx.consumerGroups.renewSession(group, member)
  const rejoin =
    member.memberEpoch < group.groupEpoch ||
    member.state === 'unrevoked_partitions' ||
    (member.state === 'unreleased_partitions' && !waitingOnUnreleased(group, member))
  if (!rejoin) return ErrorCode.NONE
  ctx.consumerGroups.classicOwes(group, member, 'join')
  return ErrorCode.REBALANCE_IN_PROGRESS
}

/** Whether a partition of the member's target is still owned by another member. */
function waitingOnUnreleased(group: ConsumerGroup, member: ConsumerMember): boolean {
  for (const [topic, set] of group.target.get(member.memberId) ?? new Map<string, Set<number>>())
    for (const p of set)
      if (!has(member.assigned, topic, p) && group.ownerOf(topic, p, member.memberId)) return true
  return false
}

export function leaveConsumerGroup(
  ctx: ClassicMembersContext,
  group: ConsumerGroup,
  req: LeaveGroupParams
): LeaveGroupResult {
  const members = req.members.map((m) => {
    const answer = (errorCode: number, memberId = m.memberId) => ({
      memberId,
      groupInstanceId: m.groupInstanceId,
      errorCode
    })
    // An admin removes a static member by its instance id alone.
    const member =
      m.memberId === '' && m.groupInstanceId !== null
        ? (group.memberByInstanceId(m.groupInstanceId) ?? ErrorCode.UNKNOWN_MEMBER_ID)
        : classicMember(group, m.memberId, m.groupInstanceId)
    if (typeof member === 'number') return answer(member)
    if (!member.classic) return answer(ErrorCode.UNKNOWN_MEMBER_ID)
    ctx.consumerGroups.removeMember(group, member)
    return answer(ErrorCode.NONE, member.memberId)
  })
  return { errorCode: ErrorCode.NONE, members }
}
