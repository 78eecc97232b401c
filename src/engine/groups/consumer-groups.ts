// The coordinator of Kafka's consumer protocol (KIP-848): ConsumerGroupHeartbeat, the group and
// target assignment epochs, session and revocation timeouts, subscriptions by name or regular
// expression, and what ConsumerGroupDescribe and ListGroups show of these groups.
import { ErrorCode } from '../../shared/kafka/error-codes'
import { randomUUID } from 'node:crypto'
import { ConsumerGroup, samePartitions, toTopicList, type ConsumerMember } from './consumer-group'
import {
  epochIsValid,
  heartbeatError,
  invalidHeartbeat,
  reconcile,
  toTopicPartitions,
  type ConsumerHeartbeatParams,
  type ConsumerHeartbeatResult
} from './consumer-heartbeat'
import { compileSubscription } from './consumer-regexes'
import type { Scheduler } from './scheduler'
import { serverAssignors } from './server-assignors'
import type { GroupSettings } from './settings'

export interface ConsumerGroupsParts {
  readonly settings: GroupSettings
  /** A group's session timeout and heartbeat interval: its own configs, else the broker's. */
  sessionTimeoutMs(groupId: string): number
  heartbeatIntervalMs(groupId: string): number
  readonly scheduler: Scheduler
  isActive(): boolean
  /** Topics a subscription may name or match (internal ones left out), with partition counts. */
  topics(): Map<string, number>
  /**
   * KIP-1101's hash of these topics' metadata (ids, partitions, replicas' racks): the group
   * epoch moves when it changes, as Kafka's does.
   */
  metadataHash?(topicNames: Iterable<string>): bigint
  /** Whether the id belongs to a share group. */
  shareGroup(groupId: string): boolean
  /** Whether the id belongs to a classic group, and whether that one has members. */
  classicGroup(groupId: string): { empty: boolean } | undefined
  /** Drops an Empty classic group object (its offsets stay): the id becomes a consumer group. */
  dropClassicGroup(groupId: string): void
  /**
   * Upgrades a classic group with members to a consumer group, when the migration policy and
   * the group allow it (group-migration.ts); null when not.
   */
  upgradeClassicGroup(groupId: string): ConsumerGroup | null
  /**
   * Downgrades the group to a classic one in place of removing `leaving`, its last member of the
   * consumer protocol, when the policy and the group allow it; false when not.
   */
  downgrade(group: ConsumerGroup, leaving: ConsumerMember): boolean
  /** Saves the group's epoch so that the id stays a consumer group across restarts. */
  persist(group: ConsumerGroup): void
  /** The group changed; with `memberId`, the change was that member's heartbeat (or join). */
  changed(groupId: string, memberId?: string): void
  error(err: unknown): void
}

export class ConsumerGroups {
  private readonly groups = new Map<string, ConsumerGroup>()
  private readonly patterns = new Map<string, RegExp>()

  constructor(private readonly parts: ConsumerGroupsParts) {}

  get(groupId: string): ConsumerGroup | undefined {
    return this.groups.get(groupId)
  }

  /** The assignor of a group whose members name none: the first of group.consumer.assignors. */
  private get defaultAssignor(): string {
    return this.parts.settings.consumerAssignors[0]
  }

  list(): ConsumerGroup[] {
    return [...this.groups.values()]
  }

  /** A group brought back from the database: its epoch, no members (they rejoin). */
  restore(groupId: string, groupEpoch: number, stateTimestamp: number): void {
    this.groups.set(
      groupId,
      new ConsumerGroup(groupId, stateTimestamp, { groupEpoch, assignorName: this.defaultAssignor })
    )
  }

  /**
   * Takes over a group converted from a classic one: its members' sessions start now, and its
   * subscriptions are the ones the next heartbeat compares with.
   */
  adopt(group: ConsumerGroup): void {
    this.groups.set(group.groupId, group)
    group.topicsSignature = this.topicsSignature(group)
    for (const m of group.members.values()) this.renewSession(group, m)
    this.parts.persist(group)
    this.parts.changed(group.groupId)
  }

  /** Forgets a group (deleted, or an Empty one taken over by the classic protocol). */
  remove(groupId: string): void {
    const group = this.groups.get(groupId)
    if (!group) return
    for (const m of group.members.values()) this.cancelTimers(m)
    this.groups.delete(groupId)
    this.parts.changed(groupId)
  }

  close(): void {
    for (const g of this.groups.values()) for (const m of g.members.values()) this.cancelTimers(m)
  }

  heartbeat(req: ConsumerHeartbeatParams, apiVersion: number): ConsumerHeartbeatResult {
    if (!this.parts.isActive())
      return heartbeatError(ErrorCode.COORDINATOR_NOT_AVAILABLE, null, req)
    const invalid = invalidHeartbeat(req, apiVersion)
    if (invalid !== null) return heartbeatError(ErrorCode.INVALID_REQUEST, invalid, req)
    const assignors = this.parts.settings.consumerAssignors
    if (req.serverAssignor !== null && !assignors.includes(req.serverAssignor))
      return heartbeatError(
        ErrorCode.UNSUPPORTED_ASSIGNOR,
        `ServerAssignor ${req.serverAssignor} is not supported. Supported assignors: ` +
          `${assignors.join(', ')}.`,
        req
      )
    if (req.subscribedTopicRegex) {
      try {
        compileSubscription(req.subscribedTopicRegex)
      } catch (err) {
        return heartbeatError(
          ErrorCode.INVALID_REGULAR_EXPRESSION,
          `SubscribedTopicRegex ${req.subscribedTopicRegex} is not a valid regular expression: ` +
            String((err as Error).message),
          req
        )
      }
    }
    if (req.memberEpoch < 0) return this.leave(req)
    if (this.parts.shareGroup(req.groupId))
      return heartbeatError(
        ErrorCode.GROUP_ID_NOT_FOUND,
        `Group ${req.groupId} is not a consumer group.`,
        req
      )
    const classic = this.parts.classicGroup(req.groupId)
    if (classic) {
      // A first heartbeat turns an empty classic group into a consumer group, and one with
      // members too when group.consumer.migration.policy allows it (Kafka's online upgrade).
      const converted =
        req.memberEpoch === 0 &&
        (classic.empty
          ? (this.parts.dropClassicGroup(req.groupId), true)
          : this.parts.upgradeClassicGroup(req.groupId) !== null)
      if (!converted)
        return heartbeatError(
          ErrorCode.GROUP_ID_NOT_FOUND,
          `Group ${req.groupId} is not a consumer group.`,
          req
        )
    }
    let group = this.groups.get(req.groupId)
    if (!group) {
      if (req.memberEpoch !== 0)
        return heartbeatError(
          ErrorCode.UNKNOWN_MEMBER_ID,
          `Consumer group ${req.groupId} not found.`,
          req
        )
      group = new ConsumerGroup(req.groupId, this.parts.scheduler.now(), {
        assignorName: this.defaultAssignor
      })
      this.groups.set(req.groupId, group)
    }
    return this.memberHeartbeat(group, req)
  }

  private memberHeartbeat(
    group: ConsumerGroup,
    req: ConsumerHeartbeatParams
  ): ConsumerHeartbeatResult {
    const owned = req.ownedPartitions === null ? null : toTopicPartitions(req.ownedPartitions)
    let member: ConsumerMember
    let joined = false
    const epochBefore = group.groupEpoch
    if (req.memberEpoch === 0) {
      const max = this.parts.settings.consumerMaxSize
      const known =
        group.members.has(req.memberId) ||
        (req.instanceId !== null && group.memberByInstanceId(req.instanceId) !== undefined)
      if (!known && group.members.size >= max)
        return heartbeatError(
          ErrorCode.GROUP_MAX_SIZE_REACHED,
          `The consumer group has reached its maximum capacity of ${max} members.`,
          req
        )
      const found = this.joiningMember(group, req)
      if (typeof found === 'number')
        return heartbeatError(
          found,
          `Static member ${req.instanceId} of group ${req.groupId} has not left yet.`,
          req
        )
      member = found.member
      joined = found.isNew
      if (found.isNew) group.groupEpoch++
    } else {
      const existing = group.members.get(req.memberId)
      if (!existing)
        return heartbeatError(
          ErrorCode.UNKNOWN_MEMBER_ID,
          `Member ${req.memberId} is not a member of group ${req.groupId}.`,
          req
        )
      if (!epochIsValid(existing, req.memberEpoch, owned))
        return heartbeatError(
          ErrorCode.FENCED_MEMBER_EPOCH,
          `The consumer group member has a smaller or larger member epoch (${req.memberEpoch}) ` +
            `than the one known by the group coordinator (${existing.memberEpoch}).`,
          req
        )
      if (existing.classic)
        return heartbeatError(
          ErrorCode.UNKNOWN_MEMBER_ID,
          `Member ${req.memberId} uses the classic protocol.`,
          req
        )
      member = existing
    }
    const assignedBefore = this.update(group, member, req, owned, epochBefore)
    const sendAssignment =
      joined ||
      !samePartitions(assignedBefore, member.assigned) ||
      (owned !== null && !samePartitions(owned, member.assigned))
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      memberId: member.memberId,
      memberEpoch: member.memberEpoch,
      heartbeatIntervalMs: this.parts.heartbeatIntervalMs(group.groupId),
      assignment: sendAssignment ? toTopicList(member.assigned) : null
    }
  }

  /**
   * A classic member's JoinGroup to this group (KIP-848's online migration): the member is
   * added or updated with the subscription its protocol metadata carries, the target assignment
   * follows, and it is reconciled with the partitions it says it owns. Returns the member, or
   * the error its JoinGroup gets.
   */
  classicJoin(
    group: ConsumerGroup,
    join: Omit<ConsumerHeartbeatParams, 'memberEpoch' | 'ownedPartitions' | 'serverAssignor'> & {
      classic: NonNullable<ConsumerMember['classic']>
      ownedPartitions: { topic: string; partitions: number[] }[]
    }
  ): ConsumerMember | number {
    const epochBefore = group.groupEpoch
    let member = group.members.get(join.memberId)
    if (member && !member.classic) return ErrorCode.UNKNOWN_MEMBER_ID
    if (!member) {
      const found = this.joiningMember(
        group,
        { ...join, memberEpoch: 0, serverAssignor: null },
        true
      )
      if (typeof found === 'number') return found
      member = found.member
      if (found.isNew) group.groupEpoch++
    }
    member.classic = {
      ...join.classic,
      ...(member.classic?.owes ? { owes: member.classic.owes } : {})
    }
    const req: ConsumerHeartbeatParams = {
      ...join,
      memberEpoch: member.memberEpoch,
      serverAssignor: null
    }
    this.update(group, member, req, toTopicPartitions(join.ownedPartitions), epochBefore)
    return member
  }

  /** What a heartbeat or a classic JoinGroup changes; returns what the member had before. */
  private update(
    group: ConsumerGroup,
    member: ConsumerMember,
    req: ConsumerHeartbeatParams,
    owned: Map<string, Set<number>> | null,
    epochBefore: number
  ): Map<string, Set<number>> {
    if (this.updateSubscription(member, req) && group.groupEpoch === epochBefore) group.groupEpoch++
    member.clientId = req.clientId
    member.clientHost = req.clientHost
    this.renewSession(group, member)
    group.regexes.maybeRefresh(
      this.subscribedRegexes(group),
      this.parts.topics(),
      this.parts.scheduler.now(),
      this.parts.settings,
      req.mayDescribe ?? null,
      (regex) => this.pattern(regex)
    )

    const signature = this.topicsSignature(group)
    if (signature !== group.topicsSignature) {
      group.topicsSignature = signature
      if (group.groupEpoch === epochBefore) group.groupEpoch++
    }
    if (group.groupEpoch > group.assignmentEpoch) this.computeTarget(group)
    const assignedBefore = member.assigned
    const stateBefore = member.state
    reconcile(group, member, owned)
    this.watchRevocation(group, member, stateBefore)
    if (group.groupEpoch !== epochBefore) this.parts.persist(group)
    this.parts.changed(group.groupId, member.memberId)
    return assignedBefore
  }

  /** The member a heartbeat with epoch 0 (re)joins as, or UNRELEASED_INSTANCE_ID. */
  private joiningMember(
    group: ConsumerGroup,
    req: ConsumerHeartbeatParams,
    classic = false
  ): { member: ConsumerMember; isNew: boolean } | number {
    const memberId = req.memberId !== '' ? req.memberId : randomUUID()
    const fresh = (): ConsumerMember => ({
      memberId,
      instanceId: req.instanceId,
      rackId: req.rackId,
      clientId: req.clientId,
      clientHost: req.clientHost,
      rebalanceTimeoutMs: req.rebalanceTimeoutMs,
      subscribedTopicNames: [],
      subscribedTopicRegex: null,
      serverAssignor: null,
      memberEpoch: 0,
      previousMemberEpoch: -1,
      state: 'stable',
      assigned: new Map(),
      pendingRevocation: new Map(),
      sessionTimer: null,
      revocationTimer: null
    })
    if (req.instanceId !== null) {
      const previous = group.memberByInstanceId(req.instanceId)
      if (previous && previous.memberId !== memberId) {
        // Only a static member that left with epoch -2 (or, for a classic JoinGroup, a classic
        // one) may be replaced; the new one takes its place, its epoch and its partitions,
        // without a rebalance.
        if (previous.memberEpoch !== -2 && !(classic && previous.classic))
          return ErrorCode.UNRELEASED_INSTANCE_ID
        this.cancelTimers(previous)
        group.members.delete(previous.memberId)
        const member: ConsumerMember = {
          ...fresh(),
          memberEpoch: group.assignmentEpoch,
          previousMemberEpoch: previous.previousMemberEpoch,
          assigned: previous.assigned,
          subscribedTopicNames: previous.subscribedTopicNames,
          subscribedTopicRegex: previous.subscribedTopicRegex,
          serverAssignor: previous.serverAssignor
        }
        const target = group.target.get(previous.memberId)
        group.target.delete(previous.memberId)
        if (target) group.target.set(memberId, target)
        group.members.set(memberId, member)
        return { member, isNew: false }
      }
    }
    const existing = group.members.get(memberId)
    if (existing) {
      // A member that lost its epoch starts again with the same id and nothing owned.
      this.cancelTimers(existing)
      existing.memberEpoch = 0
      existing.previousMemberEpoch = -1
      existing.state = 'stable'
      existing.assigned = new Map()
      existing.pendingRevocation = new Map()
      return { member: existing, isNew: true }
    }
    const member = fresh()
    group.members.set(memberId, member)
    return { member, isNew: true }
  }

  /** Applies the request's non-null fields; true when what the member subscribes to changed. */
  private updateSubscription(member: ConsumerMember, req: ConsumerHeartbeatParams): boolean {
    let changed = false
    if (req.rebalanceTimeoutMs >= 0) member.rebalanceTimeoutMs = req.rebalanceTimeoutMs
    if (req.rackId !== null) member.rackId = req.rackId
    if (req.instanceId !== null) member.instanceId = req.instanceId
    if (req.subscribedTopicNames !== null) {
      const names = [...new Set(req.subscribedTopicNames)].sort()
      if (names.join('\0') !== member.subscribedTopicNames.join('\0')) changed = true
      member.subscribedTopicNames = names
    }
    if (req.subscribedTopicRegex !== null) {
      const regex = req.subscribedTopicRegex === '' ? null : req.subscribedTopicRegex
      if (regex !== member.subscribedTopicRegex) changed = true
      member.subscribedTopicRegex = regex
    }
    if (req.serverAssignor !== null && req.serverAssignor !== member.serverAssignor) {
      member.serverAssignor = req.serverAssignor
      changed = true
    }
    return changed
  }

  private pattern(regex: string): RegExp {
    let compiled = this.patterns.get(regex)
    if (!compiled) {
      compiled = compileSubscription(regex)
      this.patterns.set(regex, compiled)
    }
    return compiled
  }

  /** The expressions the group's members subscribe to. */
  private subscribedRegexes(group: ConsumerGroup): Set<string> {
    const regexes = new Set<string>()
    for (const m of group.members.values())
      if (m.subscribedTopicRegex !== null) regexes.add(m.subscribedTopicRegex)
    return regexes
  }

  /**
   * The existing topics a member subscribes to: by name (checked when it sent them), and those
   * the group's resolution of its expression holds.
   */
  subscribedTopics(
    group: ConsumerGroup,
    member: ConsumerMember,
    topics: Map<string, number>
  ): Set<string> {
    const result = new Set(member.subscribedTopicNames.filter((t) => topics.has(t)))
    if (member.subscribedTopicRegex !== null)
      for (const t of group.regexes.topics(member.subscribedTopicRegex))
        if (topics.has(t)) result.add(t)
    return result
  }

  /** The existing topics some member of the group subscribes to (OffsetDelete keeps them). */
  groupSubscribedTopics(group: ConsumerGroup): Set<string> {
    const topics = this.parts.topics()
    const subscribed = new Set<string>()
    for (const m of group.members.values())
      for (const t of this.subscribedTopics(group, m, topics)) subscribed.add(t)
    return subscribed
  }

  /**
   * Each member's subscribed topics with their partition counts: a change (a topic created or
   * grown, an expression resolved to other topics) bumps the epoch.
   */
  private topicsSignature(group: ConsumerGroup): string {
    const topics = this.parts.topics()
    const all = new Set<string>()
    const members = [...group.members.values()]
      .map((m) => {
        const subscribed = [...this.subscribedTopics(group, m, topics)].sort()
        for (const t of subscribed) all.add(t)
        // A static member replaced by its next instance is the same member here.
        return [m.instanceId ?? m.memberId, ...subscribed.map((t) => `${t}:${topics.get(t)}`)].join(
          '\0'
        )
      })
      .sort()
      .join('\n')
    // A topic recreated, or a replica moved to another rack, changes the hash alone.
    return `${members}\n#${this.parts.metadataHash?.(all) ?? ''}`
  }

  private computeTarget(group: ConsumerGroup): void {
    const topics = this.parts.topics()
    const members = [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      topics: this.subscribedTopics(group, m, topics)
    }))
    const partitionCounts = new Map<string, number>()
    for (const m of members) for (const t of m.topics) partitionCounts.set(t, topics.get(t) ?? 0)
    const name = this.assignorOf(group)
    const assignor =
      serverAssignors.get(name) ?? (serverAssignors.get(this.defaultAssignor) as never)
    group.target = assignor({ members, partitionCounts, previous: group.target })
    group.assignmentEpoch = group.groupEpoch
    group.assignorName = name
  }

  /** The assignor most members ask for, else the default. */
  private assignorOf(group: ConsumerGroup): string {
    const votes = new Map<string, number>()
    for (const m of group.members.values())
      if (m.serverAssignor !== null)
        votes.set(m.serverAssignor, (votes.get(m.serverAssignor) ?? 0) + 1)
    let best = this.defaultAssignor
    let most = 0
    for (const [name, n] of votes) if (n > most) [best, most] = [name, n]
    return best
  }

  private leave(req: ConsumerHeartbeatParams): ConsumerHeartbeatResult {
    const group = this.groups.get(req.groupId)
    const member = group?.members.get(req.memberId)
    if (!group || !member)
      return heartbeatError(
        ErrorCode.UNKNOWN_MEMBER_ID,
        `Member ${req.memberId} is not a member of group ${req.groupId}.`,
        req
      )
    if (req.memberEpoch === -2 && member.instanceId !== null) {
      // A static member keeps its place (and partitions) until its session times out.
      member.memberEpoch = -2
      this.cancelTimer(member, 'revocationTimer')
    } else {
      this.fence(group, member)
    }
    this.parts.changed(group.groupId)
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      memberId: req.memberId,
      memberEpoch: req.memberEpoch,
      heartbeatIntervalMs: 0,
      assignment: null
    }
  }

  /**
   * A member leaves or is fenced: the group becomes a classic group if that was its last
   * consumer-protocol member among classic ones (and the policy allows it), else it goes.
   */
  private fence(group: ConsumerGroup, member: ConsumerMember): void {
    if (!member.classic && this.parts.downgrade(group, member)) return
    this.removeMember(group, member)
  }

  /** The member leaves or is fenced: its partitions go to the others with the next epoch. */
  removeMember(group: ConsumerGroup, member: ConsumerMember): void {
    this.cancelTimers(member)
    group.members.delete(member.memberId)
    group.target.delete(member.memberId)
    group.groupEpoch++
    group.topicsSignature = this.topicsSignature(group)
    group.stateTimestamp = this.parts.scheduler.now()
    this.parts.persist(group)
    this.parts.changed(group.groupId)
  }

  /** Restarts the member's session: its own timeout for a classic member, else the group's. */
  renewSession(group: ConsumerGroup, member: ConsumerMember): void {
    this.cancelTimer(member, 'sessionTimer')
    member.sessionTimer = this.parts.scheduler.setTimer(
      member.classic?.sessionTimeoutMs ?? this.parts.sessionTimeoutMs(group.groupId),
      () => this.expire(group, member, 'sessionTimer')
    )
  }

  /** A member that starts revoking has its rebalance timeout to finish. */
  private watchRevocation(group: ConsumerGroup, member: ConsumerMember, before: string): void {
    if (member.state !== 'unrevoked_partitions') {
      this.cancelTimer(member, 'revocationTimer')
      return
    }
    if (before === 'unrevoked_partitions' && member.revocationTimer) return
    member.revocationTimer = this.parts.scheduler.setTimer(member.rebalanceTimeoutMs, () => {
      if (member.state === 'unrevoked_partitions') this.expire(group, member, 'revocationTimer')
    })
  }

  private expire(
    group: ConsumerGroup,
    member: ConsumerMember,
    timer: 'sessionTimer' | 'revocationTimer'
  ): void {
    member[timer] = null
    try {
      if (group.members.get(member.memberId) === member) this.fence(group, member)
    } catch (err) {
      this.parts.error(err)
    }
  }

  private cancelTimer(member: ConsumerMember, timer: 'sessionTimer' | 'revocationTimer'): void {
    member[timer]?.cancel()
    member[timer] = null
  }

  /**
   * A classic member now owes a JoinGroup (asked to rejoin: kept if already owed) or its
   * SyncGroup (after a JoinGroup), as Kafka's join and sync timeouts: without it within its
   * rebalance timeout, it is removed.
   */
  classicOwes(group: ConsumerGroup, member: ConsumerMember, request: 'join' | 'sync'): void {
    const classic = member.classic
    if (!classic || (request === 'join' && classic.owes?.request === 'join')) return
    classic.owes?.timer.cancel()
    const timer = this.parts.scheduler.setTimer(member.rebalanceTimeoutMs, () => {
      if (classic.owes?.timer !== timer) return
      delete classic.owes
      try {
        if (group.members.get(member.memberId) === member) this.fence(group, member)
      } catch (err) {
        this.parts.error(err)
      }
    })
    classic.owes = { request, timer }
  }

  /** The classic member sent the request it owed. */
  classicPaid(member: ConsumerMember, request: 'join' | 'sync'): void {
    const classic = member.classic
    if (classic?.owes?.request !== request) return
    classic.owes.timer.cancel()
    delete classic.owes
  }

  private cancelTimers(member: ConsumerMember): void {
    this.cancelTimer(member, 'sessionTimer')
    this.cancelTimer(member, 'revocationTimer')
    member.classic?.owes?.timer.cancel()
    if (member.classic) delete member.classic.owes
  }
}
