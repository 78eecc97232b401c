// The classic protocol's rebalance machinery: the initial rebalance delay, delayed joins,
// pending-sync and session expirations, member removal and assignment propagation.
import { ErrorCode } from '../../shared/kafka/error-codes'
import { ClassicGroup, joinError, syncError } from './classic-group'

import { GroupMember, type JoinCallback, type MemberSpec } from './member'
import type { Scheduler, Timer } from './scheduler'
import type { GroupSettings } from './settings'
import type { GroupProtocol } from './types'

export interface RebalanceHooks {
  /** A group's state, generation or membership changed. */
  changed(group: ClassicGroup): void
  /** A group moved to a new generation (Empty or CompletingRebalance). */
  generationStarted(group: ClassicGroup): void
  /** A timer task failed; the group carries on. */
  error(err: unknown): void
}

export class Rebalancer {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly settings: GroupSettings,
    private readonly hooks: RebalanceHooks
  ) {}

  private timer(delayMs: number, task: () => void): Timer {
    return this.scheduler.setTimer(delayMs, () => {
      try {
        task()
      } catch (err) {
        this.hooks.error(err)
      }
    })
  }

  addMemberAndRebalance(group: ClassicGroup, spec: MemberSpec, callback: JoinCallback): void {
    const member = new GroupMember(spec)
    member.isNew = true
    // A member arriving during the first rebalance extends the initial delay once more.
    if (group.is('PreparingRebalance') && group.generationId === 0) group.newMemberAdded = true
    group.pendingMembers.get(spec.memberId)?.cancel()
    group.add(member, callback)
    // A new member cannot heartbeat before its JoinGroup is answered; bound the wait instead.
    this.scheduleHeartbeat(group, member, this.settings.newMemberJoinTimeoutMs)
    this.hooks.changed(group)
    this.maybePrepareRebalance(group)
  }

  updateMemberAndRebalance(
    group: ClassicGroup,
    member: GroupMember,
    protocols: GroupProtocol[],
    rebalanceTimeoutMs: number,
    sessionTimeoutMs: number,
    callback: JoinCallback
  ): void {
    group.updateMember(member, protocols, rebalanceTimeoutMs, sessionTimeoutMs, callback)
    this.maybePrepareRebalance(group)
  }

  maybePrepareRebalance(group: ClassicGroup): void {
    if (group.canRebalance) this.prepareRebalance(group)
  }

  prepareRebalance(group: ClassicGroup): void {
    // Members waiting for their assignment must rejoin instead.
    if (group.is('CompletingRebalance'))
      this.resetAndPropagateAssignmentError(group, ErrorCode.REBALANCE_IN_PROGRESS)
    this.clearPendingSync(group)
    this.cancelJoinTimer(group)
    const wasEmpty = group.is('Empty')
    const rebalanceTimeoutMs = group.rebalanceTimeoutMs
    group.transitionTo('PreparingRebalance', this.scheduler.now())
    this.hooks.changed(group)
    if (wasEmpty) {
      const delay = this.settings.initialRebalanceDelayMs
      this.scheduleInitialJoin(group, delay, Math.max(rebalanceTimeoutMs - delay, 0))
    } else {
      this.scheduleDelayedJoin(group, rebalanceTimeoutMs)
      this.tryCompleteJoin(group)
    }
  }

  /** Completes the join phase early once every member (and no pending one) has rejoined. */
  tryCompleteJoin(group: ClassicGroup): void {
    if (
      group.is('PreparingRebalance') &&
      group.joinTimerKind === 'join' &&
      group.hasAllMembersJoined
    )
      this.completeJoin(group)
  }

  private scheduleInitialJoin(group: ClassicGroup, delayMs: number, remainingMs: number): void {
    group.joinTimerKind = 'initial'
    group.joinTimer = this.timer(delayMs, () => {
      group.joinTimer = null
      group.joinTimerKind = null
      if (group.newMemberAdded && remainingMs !== 0) {
        group.newMemberAdded = false
        const next = Math.min(this.settings.initialRebalanceDelayMs, remainingMs)
        this.scheduleInitialJoin(group, next, Math.max(remainingMs - delayMs, 0))
      } else {
        this.completeJoin(group)
      }
    })
  }

  private scheduleDelayedJoin(group: ClassicGroup, delayMs: number): void {
    group.joinTimerKind = 'join'
    group.joinTimer = this.timer(delayMs, () => {
      group.joinTimer = null
      group.joinTimerKind = null
      this.completeJoin(group)
    })
  }

  private cancelJoinTimer(group: ClassicGroup): void {
    group.joinTimer?.cancel()
    group.joinTimer = null
    group.joinTimerKind = null
  }

  /** Ends the join phase: drops dynamic members that did not rejoin and starts a generation. */
  completeJoin(group: ClassicGroup): void {
    this.cancelJoinTimer(group)
    if (group.is('Dead')) return
    for (const m of group.notYetRejoinedMembers()) if (!m.isStatic) this.dropMember(group, m)
    if (!group.maybeElectNewJoinedLeader() && group.size > 0) {
      // Only static members that have not rejoined are left: wait for them (or their expiry).
      this.scheduleDelayedJoin(group, group.rebalanceTimeoutMs)
      return
    }
    group.initNextGeneration(this.scheduler.now())
    this.hooks.generationStarted(group)
    this.hooks.changed(group)
    if (group.is('Empty')) return
    for (const m of group.members.values()) {
      group.maybeInvokeJoinCallback(m, {
        errorCode: ErrorCode.NONE,
        generationId: group.generationId,
        protocolType: group.protocolType,
        protocolName: group.protocolName,
        leader: group.leaderId ?? '',
        skipAssignment: false,
        memberId: m.memberId,
        members: group.isLeader(m.memberId) ? group.currentMemberMetadata() : []
      })
      this.scheduleHeartbeat(group, m)
      m.isNew = false
      group.pendingSyncMembers.add(m.memberId)
    }
    this.schedulePendingSync(group)
  }

  /** Members that do not send SyncGroup within the rebalance timeout are removed. */
  private schedulePendingSync(group: ClassicGroup): void {
    const generation = group.generationId
    group.syncTimer?.cancel()
    group.syncTimer = this.timer(group.rebalanceTimeoutMs, () => {
      group.syncTimer = null
      if (generation !== group.generationId || group.pendingSyncMembers.size === 0) return
      if (!group.is('CompletingRebalance') && !group.is('Stable')) return
      for (const id of [...group.pendingSyncMembers]) {
        const member = group.get(id)
        if (member) this.dropMember(group, member)
      }
      this.hooks.changed(group)
      this.prepareRebalance(group)
    })
  }

  removePendingSyncMember(group: ClassicGroup, memberId: string): void {
    group.pendingSyncMembers.delete(memberId)
    if (group.pendingSyncMembers.size === 0) this.cancelSyncTimer(group)
  }

  private clearPendingSync(group: ClassicGroup): void {
    group.pendingSyncMembers.clear()
    this.cancelSyncTimer(group)
  }

  private cancelSyncTimer(group: ClassicGroup): void {
    group.syncTimer?.cancel()
    group.syncTimer = null
  }

  /** (Re)starts a member's session: it is removed if nothing renews it within the timeout. */
  scheduleHeartbeat(group: ClassicGroup, member: GroupMember, timeoutMs = member.sessionTimeoutMs) {
    member.heartbeatTimer?.cancel()
    member.heartbeatTimer = this.timer(timeoutMs, () => {
      member.heartbeatTimer = null
      if (group.is('Dead') || group.get(member.memberId) !== member) return
      if (member.survivesSessionExpiry) return
      this.removeMemberAndUpdateGroup(group, member)
    })
  }

  /** Removes a member (session expired, LeaveGroup) and rebalances the rest. */
  removeMemberAndUpdateGroup(group: ClassicGroup, member: GroupMember): void {
    group.maybeInvokeJoinCallback(member, joinError('', ErrorCode.UNKNOWN_MEMBER_ID))
    group.maybeInvokeSyncCallback(member, syncError(ErrorCode.UNKNOWN_MEMBER_ID))
    this.dropMember(group, member)
    this.hooks.changed(group)
    if (group.is('Stable') || group.is('CompletingRebalance')) this.maybePrepareRebalance(group)
    else if (group.is('PreparingRebalance')) this.tryCompleteJoin(group)
  }

  /** Forgets a member and its session timer, without answering or rebalancing. */
  dropMember(group: ClassicGroup, member: GroupMember): void {
    member.heartbeatTimer?.cancel()
    member.heartbeatTimer = null
    group.remove(member.memberId)
    if (group.pendingSyncMembers.size === 0) this.cancelSyncTimer(group)
  }

  /** A member id handed out with MEMBER_ID_REQUIRED expires if it does not rejoin in time. */
  addPendingMember(group: ClassicGroup, memberId: string, timeoutMs: number): void {
    group.pendingMembers.set(
      memberId,
      this.timer(timeoutMs, () => {
        if (group.isPendingMember(memberId)) this.removePendingMember(group, memberId)
      })
    )
  }

  removePendingMember(group: ClassicGroup, memberId: string): void {
    group.pendingMembers.get(memberId)?.cancel()
    group.remove(memberId)
    if (group.is('PreparingRebalance')) this.tryCompleteJoin(group)
  }

  /** The leader's assignment reached the coordinator: hand every member its part. */
  setAndPropagateAssignment(group: ClassicGroup, assignment: Map<string, Buffer>): void {
    for (const m of group.members.values())
      m.assignment = assignment.get(m.memberId) ?? Buffer.alloc(0)
    this.propagateAssignment(group, ErrorCode.NONE)
  }

  private resetAndPropagateAssignmentError(group: ClassicGroup, errorCode: number): void {
    for (const m of group.members.values()) m.assignment = Buffer.alloc(0)
    this.propagateAssignment(group, errorCode)
  }

  private propagateAssignment(group: ClassicGroup, errorCode: number): void {
    const ok = errorCode === ErrorCode.NONE
    for (const m of group.members.values()) {
      const answered = group.maybeInvokeSyncCallback(m, {
        errorCode,
        protocolType: ok ? group.protocolType : null,
        protocolName: ok ? group.protocolName : null,
        assignment: m.assignment
      })
      // The session restarts once the member has its answer.
      if (answered) this.scheduleHeartbeat(group, m)
    }
  }

  /** Stops every timer of a group and answers whoever waits with `errorCode`. */
  shutdown(group: ClassicGroup, errorCode: number): void {
    this.cancelJoinTimer(group)
    this.cancelSyncTimer(group)
    for (const timer of group.pendingMembers.values()) timer?.cancel()
    for (const m of group.members.values()) {
      m.heartbeatTimer?.cancel()
      m.heartbeatTimer = null
      group.maybeInvokeJoinCallback(m, joinError(m.memberId, errorCode))
      group.maybeInvokeSyncCallback(m, syncError(errorCode))
    }
  }
}
