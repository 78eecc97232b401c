// A classic consumer group: its state machine, members, static instance ids, generation, leader
// and protocol selection (Kafka's GroupMetadata).

import { ErrorCode } from '../../shared/kafka/error-codes'
import { GroupMember, type JoinCallback, type SyncCallback } from './member'
import type { Timer } from './scheduler'
import type {
  GroupProtocol,
  GroupStateName,
  JoinGroupMember,
  JoinGroupResult,
  SyncGroupResult
} from './types'

const validPreviousStates: Record<GroupStateName, readonly GroupStateName[]> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead']
}

export function joinError(memberId: string, errorCode: number): JoinGroupResult {
  return {
    errorCode,
    generationId: -1,
    protocolType: null,
    protocolName: null,
    leader: '',
    skipAssignment: false,
    memberId,
    members: []
  }
}

export function syncError(errorCode: number): SyncGroupResult {
  return { errorCode, protocolType: null, protocolName: null, assignment: Buffer.alloc(0) }
}

/** Chains two answers to the same pending request (a member that retried before an answer). */
function chain<T>(first: ((r: T) => void) | null, second: (r: T) => void): (r: T) => void {
  return first ? (r) => (first(r), second(r)) : second
}

export class ClassicGroup {
  state: GroupStateName
  stateTimestamp: number
  protocolType: string | null
  protocolName: string | null = null
  generationId: number
  leaderId: string | null = null
  readonly members = new Map<string, GroupMember>()
  /** group.instance.id -> member id. */
  readonly staticMembers = new Map<string, string>()
  /** Member ids handed out with MEMBER_ID_REQUIRED, not joined yet, with their expiry timers. */
  readonly pendingMembers = new Map<string, Timer | null>()
  /** Members that have not sent SyncGroup for the current generation. */
  readonly pendingSyncMembers = new Set<string>()
  /** A member joined during the initial rebalance delay: extend it. */
  newMemberAdded = false
  joinTimer: Timer | null = null
  joinTimerKind: 'initial' | 'join' | null = null
  syncTimer: Timer | null = null
  private readonly supportedProtocols = new Map<string, number>()
  private numAwaitingJoin = 0

  constructor(
    readonly groupId: string,
    now: number,
    init: { state?: GroupStateName; protocolType?: string | null; generationId?: number } = {}
  ) {
    this.state = init.state ?? 'Empty'
    this.stateTimestamp = now
    this.protocolType = init.protocolType ?? null
    this.generationId = init.generationId ?? 0
  }

  is(state: GroupStateName): boolean {
    return this.state === state
  }

  get size(): number {
    return this.members.size
  }

  get numAwaiting(): number {
    return this.numAwaitingJoin
  }

  get canRebalance(): boolean {
    return validPreviousStates.PreparingRebalance.includes(this.state)
  }

  get hasAllMembersJoined(): boolean {
    return this.members.size === this.numAwaitingJoin && this.pendingMembers.size === 0
  }

  /** The longest rebalance timeout of the members: how long a rebalance waits for them. */
  get rebalanceTimeoutMs(): number {
    let max = 0
    for (const m of this.members.values()) max = Math.max(max, m.rebalanceTimeoutMs)
    return max
  }

  transitionTo(state: GroupStateName, now: number): void {
    if (!validPreviousStates[state].includes(this.state))
      throw new Error(`Group ${this.groupId} cannot move from ${this.state} to ${state}`)
    this.state = state
    this.stateTimestamp = now
  }

  get(memberId: string): GroupMember | undefined {
    return this.members.get(memberId)
  }

  has(memberId: string): boolean {
    return this.members.has(memberId)
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId
  }

  isPendingMember(memberId: string): boolean {
    return this.pendingMembers.has(memberId)
  }

  add(member: GroupMember, callback: JoinCallback | null): void {
    if (member.groupInstanceId !== null) {
      if (this.staticMembers.has(member.groupInstanceId))
        throw new Error(`Static member ${member.groupInstanceId} is already in ${this.groupId}`)
      this.staticMembers.set(member.groupInstanceId, member.memberId)
    }
    if (this.members.size === 0) this.protocolType = member.protocolType
    if (this.leaderId === null) this.leaderId = member.memberId
    this.members.set(member.memberId, member)
    this.countProtocols(member.protocols, 1)
    member.awaitingJoin = callback
    if (callback) this.numAwaitingJoin++
    this.pendingMembers.delete(member.memberId)
  }

  /** Forgets a member or pending member; timers are the caller's business. */
  remove(memberId: string): void {
    const member = this.members.get(memberId)
    if (member) {
      this.members.delete(memberId)
      this.countProtocols(member.protocols, -1)
      if (member.isAwaitingJoin) this.numAwaitingJoin--
      if (member.groupInstanceId !== null) this.staticMembers.delete(member.groupInstanceId)
    }
    if (this.isLeader(memberId)) this.leaderId = this.members.keys().next().value ?? null
    this.pendingMembers.delete(memberId)
    this.pendingSyncMembers.delete(memberId)
  }

  updateMember(
    member: GroupMember,
    protocols: GroupProtocol[],
    rebalanceTimeoutMs: number,
    sessionTimeoutMs: number,
    callback: JoinCallback
  ): void {
    this.countProtocols(member.protocols, -1)
    member.protocols = protocols
    this.countProtocols(protocols, 1)
    member.rebalanceTimeoutMs = rebalanceTimeoutMs
    member.sessionTimeoutMs = sessionTimeoutMs
    if (!member.isAwaitingJoin) this.numAwaitingJoin++
    member.awaitingJoin = chain(member.awaitingJoin, callback)
  }

  awaitSync(member: GroupMember, callback: SyncCallback): void {
    member.awaitingSync = chain(member.awaitingSync, callback)
  }

  maybeInvokeJoinCallback(member: GroupMember, result: JoinGroupResult): void {
    const callback = member.awaitingJoin
    if (!callback) return
    member.awaitingJoin = null
    this.numAwaitingJoin--
    callback(result)
  }

  /** Returns whether the member was waiting for an answer. */
  maybeInvokeSyncCallback(member: GroupMember, result: SyncGroupResult): boolean {
    const callback = member.awaitingSync
    if (!callback) return false
    member.awaitingSync = null
    callback(result)
    return true
  }

  /** Gives a static member a new member id, fencing whoever still waits under the old one. */
  replaceStaticMember(
    groupInstanceId: string,
    oldMemberId: string,
    newMemberId: string
  ): GroupMember {
    const member = this.members.get(oldMemberId)
    if (!member) throw new Error(`Cannot replace unknown member ${oldMemberId}`)
    this.members.delete(oldMemberId)
    this.maybeInvokeJoinCallback(member, joinError(oldMemberId, ErrorCode.FENCED_INSTANCE_ID))
    this.maybeInvokeSyncCallback(member, syncError(ErrorCode.FENCED_INSTANCE_ID))
    member.memberId = newMemberId
    this.members.set(newMemberId, member)
    if (this.isLeader(oldMemberId)) this.leaderId = newMemberId
    if (this.pendingSyncMembers.delete(oldMemberId)) this.pendingSyncMembers.add(newMemberId)
    this.staticMembers.set(groupInstanceId, newMemberId)
    return member
  }

  /**
   * Checks that a request's member id belongs to the group and, for a static member, that it is
   * the instance's current member id. Returns the error code, or null when it is the member.
   */
  validateCurrentMember(memberId: string, groupInstanceId: string | null): number | null {
    if (groupInstanceId !== null) {
      const current = this.staticMembers.get(groupInstanceId)
      if (current === undefined) return ErrorCode.UNKNOWN_MEMBER_ID
      if (current !== memberId) return ErrorCode.FENCED_INSTANCE_ID
      return null
    }
    return this.members.has(memberId) ? null : ErrorCode.UNKNOWN_MEMBER_ID
  }

  /** Can a member with these protocols join? A non-empty group needs one all members support. */
  supportsProtocols(protocolType: string, protocols: GroupProtocol[]): boolean {
    if (this.is('Empty')) return protocolType !== '' && protocols.length > 0
    return (
      this.protocolType === protocolType &&
      protocols.some((p) => this.supportedProtocols.get(p.name) === this.members.size)
    )
  }

  /** Of the protocols every member supports, the one most members prefer (Kafka's vote). */
  selectProtocol(): string {
    if (this.members.size === 0) throw new Error('Cannot select a protocol for an empty group')
    const candidates = new Set<string>()
    for (const [name, count] of this.supportedProtocols)
      if (count === this.members.size) candidates.add(name)
    const votes = new Map<string, number>()
    for (const m of this.members.values()) {
      const choice = m.vote(candidates)
      votes.set(choice, (votes.get(choice) ?? 0) + 1)
    }
    let best = ''
    let bestVotes = -1
    for (const [name, n] of votes) if (n > bestVotes) [best, bestVotes] = [name, n]
    return best
  }

  notYetRejoinedMembers(): GroupMember[] {
    return [...this.members.values()].filter((m) => !m.isAwaitingJoin)
  }

  /** Keeps the leader if it rejoined, else picks a rejoined member; false if none rejoined. */
  maybeElectNewJoinedLeader(): boolean {
    if (this.leaderId === null) return false
    const leader = this.members.get(this.leaderId)
    if (leader?.isAwaitingJoin) return true
    for (const m of this.members.values()) {
      if (m.isAwaitingJoin) {
        this.leaderId = m.memberId
        return true
      }
    }
    return false
  }

  initNextGeneration(now: number): void {
    this.generationId++
    if (this.members.size > 0) {
      this.protocolName = this.selectProtocol()
      this.transitionTo('CompletingRebalance', now)
    } else {
      this.protocolName = null
      this.transitionTo('Empty', now)
    }
    this.pendingSyncMembers.clear()
  }

  /** The member list the leader receives: metadata for the selected protocol. */
  currentMemberMetadata(): JoinGroupMember[] {
    const protocol = this.protocolName
    if (protocol === null) throw new Error(`Group ${this.groupId} has no selected protocol`)
    return [...this.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      metadata: m.metadata(protocol)
    }))
  }

  private countProtocols(protocols: GroupProtocol[], delta: number): void {
    for (const name of new Set(protocols.map((p) => p.name))) {
      const n = (this.supportedProtocols.get(name) ?? 0) + delta
      if (n === 0) this.supportedProtocols.delete(name)
      else this.supportedProtocols.set(name, n)
    }
  }
}
