// The coordinator of share groups (KIP-932), as Kafka's GroupMetadataManager serves
// ShareGroupHeartbeat: members join with epoch 0 and an id of their own, the group epoch moves on
// when members come and go, subscriptions change or subscribed topics are created, deleted or
// grown; the target assignment follows from the SimpleAssignor, and each member takes its target
// at once (share groups revoke nothing). A member that stops heartbeating for the session
// timeout is fenced; -1 leaves.
import { ErrorCode } from '../../shared/kafka/error-codes'
import type { Scheduler } from '../groups/scheduler'
import { ShareGroup, samePartitions, toTopicList, type ShareMember } from './share-group'
import { heartbeatError as shareHeartbeatError } from '../groups/consumer-heartbeat'
import {
  invalidShareHeartbeat,
  type ShareHeartbeatParams,
  type ShareHeartbeatResult
} from './share-heartbeat'
import { simpleAssign } from './simple-assignor'

export interface ShareGroupsParts {
  readonly scheduler: Scheduler
  isActive(): boolean
  /** group.share.max.size. */
  maxSize(): number
  /** A group's share.session.timeout.ms and share.heartbeat.interval.ms (else the broker's). */
  sessionTimeoutMs(groupId: string): number
  heartbeatIntervalMs(groupId: string): number
  /** Topics a subscription may name (internal ones left out), with partition counts. */
  topics(): Map<string, number>
  /** KIP-1101's hash of these topics' metadata: the group epoch moves when it changes. */
  metadataHash?(topicNames: Iterable<string>): bigint
  /** Whether the id belongs to a classic or consumer group. */
  heldByOtherType(groupId: string): boolean
  /** Saves the group's epoch so that the id stays a share group across restarts. */
  persist(group: ShareGroup): void
  /** A member left or was fenced (its acquired records go back to be delivered again). */
  memberLeft(groupId: string, memberId: string): void
  changed(groupId: string): void
  error(err: unknown): void
}

function newMember(req: ShareHeartbeatParams): ShareMember {
  return {
    memberId: req.memberId,
    rackId: null,
    clientId: req.clientId,
    clientHost: req.clientHost,
    subscribedTopicNames: [],
    memberEpoch: 0,
    previousMemberEpoch: -1,
    assigned: new Map(),
    sessionTimer: null
  }
}

function fenced(
  req: ShareHeartbeatParams,
  member: ShareMember,
  how: 'greater' | 'smaller'
): ShareHeartbeatResult {
  return shareHeartbeatError(
    ErrorCode.FENCED_MEMBER_EPOCH,
    `The share group member has a ${how} member epoch (${req.memberEpoch}) than the one known ` +
      `by the group coordinator (${member.memberEpoch}). The member must abandon all its ` +
      'partitions and rejoin.',
    req
  )
}

export class ShareGroups {
  private readonly groups = new Map<string, ShareGroup>()

  constructor(private readonly parts: ShareGroupsParts) {}

  get(groupId: string): ShareGroup | undefined {
    return this.groups.get(groupId)
  }

  list(): ShareGroup[] {
    return [...this.groups.values()]
  }

  /** A group brought back from the database: its epoch, no members (they rejoin). */
  restore(groupId: string, groupEpoch: number, stateTimestamp: number): void {
    this.groups.set(groupId, new ShareGroup(groupId, stateTimestamp, groupEpoch))
  }

  /** Forgets a group (deleted). */
  remove(groupId: string): void {
    const group = this.groups.get(groupId)
    if (!group) return
    for (const m of group.members.values()) this.cancelSession(m)
    this.groups.delete(groupId)
    this.parts.changed(groupId)
  }

  close(): void {
    for (const g of this.groups.values()) for (const m of g.members.values()) this.cancelSession(m)
  }

  /** Whether the member is in the group now (ShareFetch and ShareAcknowledge ask). */
  isMember(groupId: string, memberId: string): boolean {
    return this.groups.get(groupId)?.members.has(memberId) ?? false
  }

  heartbeat(req: ShareHeartbeatParams): ShareHeartbeatResult {
    if (!this.parts.isActive())
      return shareHeartbeatError(ErrorCode.COORDINATOR_NOT_AVAILABLE, null, req)
    const invalid = invalidShareHeartbeat(req)
    if (invalid !== null) return shareHeartbeatError(ErrorCode.INVALID_REQUEST, invalid, req)
    if (this.parts.heldByOtherType(req.groupId))
      return shareHeartbeatError(
        ErrorCode.GROUP_ID_NOT_FOUND,
        `Group ${req.groupId} is not a share group.`,
        req
      )
    let group = this.groups.get(req.groupId)
    if (req.memberEpoch === -1) return this.leave(group, req)
    if (!group) {
      if (req.memberEpoch !== 0)
        return shareHeartbeatError(
          ErrorCode.GROUP_ID_NOT_FOUND,
          `Share group ${req.groupId} not found.`,
          req
        )
      group = new ShareGroup(req.groupId, this.parts.scheduler.now())
      this.groups.set(req.groupId, group)
    }
    const max = this.parts.maxSize()
    let member = group.members.get(req.memberId)
    if (!member && group.members.size >= max) {
      if (group.members.size === 0) this.groups.delete(req.groupId)
      return shareHeartbeatError(
        ErrorCode.GROUP_MAX_SIZE_REACHED,
        `The share group has reached its maximum capacity of ${max} members.`,
        req
      )
    }
    const epochBefore = group.groupEpoch
    if (!member) {
      if (req.memberEpoch !== 0)
        return shareHeartbeatError(
          ErrorCode.UNKNOWN_MEMBER_ID,
          `Member ${req.memberId} is not a member of group ${req.groupId}.`,
          req
        )
      member = newMember(req)
      group.members.set(member.memberId, member)
      group.stateTimestamp = this.parts.scheduler.now()
    } else if (req.memberEpoch === 0) {
      // A member fenced (or one whose answers were lost) rejoins under the same id (KIP-1082):
      // it starts over and hears its assignment again.
      member.memberEpoch = 0
      member.previousMemberEpoch = -1
      member.assigned = new Map()
    } else if (req.memberEpoch > member.memberEpoch) {
      return fenced(req, member, 'greater')
    } else if (req.memberEpoch < member.memberEpoch) {
      // The previous epoch is accepted: the answer that moved the member on may have been lost.
      if (req.memberEpoch !== member.previousMemberEpoch) return fenced(req, member, 'smaller')
    }
    const assignedBefore = member.assigned
    this.update(group, member, req, epochBefore)
    const sendAssignment = req.memberEpoch === 0 || !samePartitions(assignedBefore, member.assigned)
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      memberId: member.memberId,
      memberEpoch: member.memberEpoch,
      heartbeatIntervalMs: this.parts.heartbeatIntervalMs(group.groupId),
      assignment: sendAssignment ? toTopicList(member.assigned) : null
    }
  }

  private update(
    group: ShareGroup,
    member: ShareMember,
    req: ShareHeartbeatParams,
    epochBefore: number
  ): void {
    if (req.rackId !== null) member.rackId = req.rackId
    member.clientId = req.clientId
    member.clientHost = req.clientHost
    if (req.subscribedTopicNames !== null) {
      const names = [...new Set(req.subscribedTopicNames)].sort()
      if (names.join('\0') !== member.subscribedTopicNames.join('\0')) {
        member.subscribedTopicNames = names
        if (group.groupEpoch === epochBefore) group.groupEpoch++
      }
    }
    this.renewSession(group, member)
    const signature = this.topicsSignature(group)
    if (signature !== group.topicsSignature) {
      group.topicsSignature = signature
      if (group.groupEpoch === epochBefore) group.groupEpoch++
    }
    if (group.groupEpoch > group.assignmentEpoch) this.computeTarget(group)
    if (member.memberEpoch !== group.assignmentEpoch) {
      member.previousMemberEpoch = member.memberEpoch
      member.memberEpoch = group.assignmentEpoch
    }
    member.assigned = group.target.get(member.memberId) ?? new Map()
    if (group.groupEpoch !== epochBefore) this.parts.persist(group)
    this.parts.changed(group.groupId)
  }

  /** The existing topics the member subscribes to. */
  private subscribedTopics(member: ShareMember, topics: Map<string, number>): Set<string> {
    return new Set(member.subscribedTopicNames.filter((t) => topics.has(t)))
  }

  /** The group's subscribed topics that exist, with their partition counts and metadata hash. */
  private topicsSignature(group: ShareGroup): string {
    const topics = this.parts.topics()
    const subscribed = [...group.subscribedTopicNames()].filter((t) => topics.has(t)).sort()
    const hash = this.parts.metadataHash?.(subscribed) ?? ''
    return [...subscribed.map((t) => `${t}:${topics.get(t)}`), `#${hash}`].join('\0')
  }

  private computeTarget(group: ShareGroup): void {
    const topics = this.parts.topics()
    const members = [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      topics: this.subscribedTopics(m, topics)
    }))
    group.target = simpleAssign({ members, partitionCounts: topics, previous: group.target })
    group.assignmentEpoch = group.groupEpoch
  }

  private leave(group: ShareGroup | undefined, req: ShareHeartbeatParams): ShareHeartbeatResult {
    if (!group)
      return shareHeartbeatError(
        ErrorCode.GROUP_ID_NOT_FOUND,
        `Group ${req.groupId} not found.`,
        req
      )
    const member = group.members.get(req.memberId)
    if (!member)
      return shareHeartbeatError(
        ErrorCode.UNKNOWN_MEMBER_ID,
        `Member ${req.memberId} is not a member of group ${req.groupId}.`,
        req
      )
    this.removeMember(group, member, false)
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      memberId: req.memberId,
      memberEpoch: -1,
      heartbeatIntervalMs: 0,
      assignment: null
    }
  }

  /**
   * The member leaves or is fenced: the others share its partitions from the next epoch. A fenced
   * member's share sessions end and what it holds goes to the others at once. One leaving ends
   * its sessions itself: its close sends a last ShareAcknowledge (or ShareFetch) at epoch -1 to
   * each broker, with its last acknowledgements, beside this heartbeat and possibly after it; as
   * in Kafka, where leaving the group leaves share sessions alone, they are kept for it.
   */
  private removeMember(group: ShareGroup, member: ShareMember, fenced: boolean): void {
    this.cancelSession(member)
    group.members.delete(member.memberId)
    group.target.delete(member.memberId)
    group.groupEpoch++
    group.topicsSignature = this.topicsSignature(group)
    group.stateTimestamp = this.parts.scheduler.now()
    this.parts.persist(group)
    if (fenced) this.parts.memberLeft(group.groupId, member.memberId)
    this.parts.changed(group.groupId)
  }

  private renewSession(group: ShareGroup, member: ShareMember): void {
    this.cancelSession(member)
    member.sessionTimer = this.parts.scheduler.setTimer(
      this.parts.sessionTimeoutMs(group.groupId),
      () => {
        member.sessionTimer = null
        try {
          if (group.members.get(member.memberId) === member) this.removeMember(group, member, true)
        } catch (err) {
          this.parts.error(err)
        }
      }
    )
  }

  private cancelSession(member: ShareMember): void {
    member.sessionTimer?.cancel()
    member.sessionTimer = null
  }
}
