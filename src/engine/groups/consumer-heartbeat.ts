// ConsumerGroupHeartbeat's request and answer, and a member's reconciliation towards its target
// (Kafka's CurrentAssignmentBuilder): a partition is revoked from its old owner before another
// member is given it, and a member's epoch moves on only once it has nothing left to revoke.
import {
  addPartition,
  has,
  type ConsumerGroup,
  type ConsumerMember,
  type TopicPartitions
} from './consumer-group'

export interface ConsumerHeartbeatParams {
  groupId: string
  /** v0: '' on a first heartbeat, the coordinator names the member; v1: chosen by the client. */
  memberId: string
  /** 0 to join, -1 to leave, -2 for a static member that will come back. */
  memberEpoch: number
  instanceId: string | null
  rackId: string | null
  /** -1: unchanged. */
  rebalanceTimeoutMs: number
  /** null: unchanged. */
  subscribedTopicNames: string[] | null
  /** null: unchanged; '' removes the expression. */
  subscribedTopicRegex: string | null
  serverAssignor: string | null
  /** The partitions the member owns; null: unchanged since the last heartbeat. */
  ownedPartitions: { topic: string; partitions: number[] }[] | null
  clientId: string
  clientHost: string
  /**
   * Whether the member's principal may DESCRIBE a topic (ACLs on): when this heartbeat resolves
   * the group's expressions, a topic one matches is kept only then, as Kafka resolves them with
   * the rights of the member whose heartbeat asked.
   */
  mayDescribe?: (topic: string) => boolean
}

export interface ConsumerHeartbeatResult {
  errorCode: number
  errorMessage: string | null
  memberId: string | null
  memberEpoch: number
  heartbeatIntervalMs: number
  /** null: unchanged since the member last heard it. */
  assignment: { topic: string; partitions: number[] }[] | null
}

export function heartbeatError(
  errorCode: number,
  errorMessage: string | null,
  req?: Pick<ConsumerHeartbeatParams, 'memberId' | 'memberEpoch'>
): ConsumerHeartbeatResult {
  return {
    errorCode,
    errorMessage,
    memberId: req?.memberId ?? null,
    memberEpoch: req?.memberEpoch ?? -1,
    heartbeatIntervalMs: 0,
    assignment: null
  }
}

/** Kafka's checks of the request's fields; the message of INVALID_REQUEST, or null. */
export function invalidHeartbeat(req: ConsumerHeartbeatParams, apiVersion: number): string | null {
  if (req.groupId === '') return 'GroupId can not be empty.'
  if (req.instanceId === '') return 'InstanceId can not be empty.'
  if (req.rackId === '') return 'RackId can not be empty.'
  if (req.memberEpoch === 0) {
    if (req.rebalanceTimeoutMs === -1)
      return 'RebalanceTimeoutMs must be provided in first request.'
    if (req.ownedPartitions !== null && req.ownedPartitions.some((t) => t.partitions.length > 0))
      return 'TopicPartitions must be empty when (re-)joining.'
    if (req.subscribedTopicNames === null && !req.subscribedTopicRegex)
      return 'SubscribedTopicNames or SubscribedTopicRegex must be set in first request.'
    if (apiVersion >= 1 && req.memberId === '') return 'MemberId can not be empty.'
  } else if (req.memberEpoch > 0 || req.memberEpoch === -1 || req.memberEpoch === -2) {
    if (req.memberId === '') return 'MemberId can not be empty.'
    if (req.memberEpoch === -2 && req.instanceId === null)
      return 'InstanceId can not be null if MemberEpoch is -2.'
  } else {
    return `MemberEpoch is invalid: ${req.memberEpoch}.`
  }
  return null
}

export function toTopicPartitions(
  list: { topic: string; partitions: number[] }[]
): TopicPartitions {
  const tp: TopicPartitions = new Map()
  for (const t of list) for (const p of t.partitions) addPartition(tp, t.topic, p)
  return tp
}

function isSubset(a: TopicPartitions, b: TopicPartitions): boolean {
  for (const [topic, set] of a) for (const p of set) if (!has(b, topic, p)) return false
  return true
}

function overlaps(a: TopicPartitions, b: TopicPartitions): boolean {
  for (const [topic, set] of a) for (const p of set) if (has(b, topic, p)) return true
  return false
}

/**
 * FENCED_MEMBER_EPOCH unless the member heartbeats with its epoch, or with its previous one while
 * owning only what it is assigned (the answer that moved it on was lost).
 */
export function epochIsValid(
  member: ConsumerMember,
  memberEpoch: number,
  owned: TopicPartitions | null
): boolean {
  if (memberEpoch === member.memberEpoch) return true
  return (
    memberEpoch === member.previousMemberEpoch && owned !== null && isSubset(owned, member.assigned)
  )
}

/** Where the member stands after this heartbeat; true when it has to give partitions up. */
export function reconcile(
  group: ConsumerGroup,
  member: ConsumerMember,
  owned: TopicPartitions | null
): void {
  switch (member.state) {
    case 'stable':
      if (member.memberEpoch !== group.assignmentEpoch) nextAssignment(group, member)
      return
    case 'unrevoked_partitions':
      // The member says it revoked them by no longer owning any.
      if (owned !== null && !overlaps(owned, member.pendingRevocation)) {
        member.pendingRevocation = new Map()
        nextAssignment(group, member)
      }
      return
    case 'unreleased_partitions':
      nextAssignment(group, member)
  }
}

function nextAssignment(group: ConsumerGroup, member: ConsumerMember): void {
  const target = group.target.get(member.memberId) ?? new Map<string, Set<number>>()
  const revoke: TopicPartitions = new Map()
  const kept: TopicPartitions = new Map()
  for (const [topic, set] of member.assigned)
    for (const p of set) addPartition(has(target, topic, p) ? kept : revoke, topic, p)
  if (revoke.size > 0) {
    member.assigned = kept
    member.pendingRevocation = revoke
    member.state = 'unrevoked_partitions'
    return
  }
  const next: TopicPartitions = new Map()
  let unreleased = false
  for (const [topic, set] of target)
    for (const p of set) {
      if (has(member.assigned, topic, p) || !group.ownerOf(topic, p, member.memberId))
        addPartition(next, topic, p)
      else unreleased = true
    }
  if (member.memberEpoch !== group.assignmentEpoch) {
    member.previousMemberEpoch = member.memberEpoch
    member.memberEpoch = group.assignmentEpoch
  }
  member.assigned = next
  member.pendingRevocation = new Map()
  member.state = unreleased ? 'unreleased_partitions' : 'stable'
}
