// One member of a classic group: its protocols, assignment, pending JoinGroup/SyncGroup answers
// and session timer.
import type { Timer } from './scheduler'
import type { GroupProtocol, JoinGroupResult, SyncGroupResult } from './types'

export type JoinCallback = (result: JoinGroupResult) => void
export type SyncCallback = (result: SyncGroupResult) => void

export interface MemberSpec {
  memberId: string
  groupInstanceId: string | null
  clientId: string
  clientHost: string
  rebalanceTimeoutMs: number
  sessionTimeoutMs: number
  protocolType: string
  protocols: GroupProtocol[]
}

export class GroupMember {
  memberId: string
  readonly groupInstanceId: string | null
  readonly clientId: string
  readonly clientHost: string
  readonly protocolType: string
  rebalanceTimeoutMs: number
  sessionTimeoutMs: number
  protocols: GroupProtocol[]
  assignment: Buffer = Buffer.alloc(0)
  awaitingJoin: JoinCallback | null = null
  awaitingSync: SyncCallback | null = null
  /** Joined during the current rebalance and has not received a JoinGroup answer yet. */
  isNew = false
  heartbeatTimer: Timer | null = null

  constructor(spec: MemberSpec) {
    this.memberId = spec.memberId
    this.groupInstanceId = spec.groupInstanceId
    this.clientId = spec.clientId
    this.clientHost = spec.clientHost
    this.protocolType = spec.protocolType
    this.rebalanceTimeoutMs = spec.rebalanceTimeoutMs
    this.sessionTimeoutMs = spec.sessionTimeoutMs
    this.protocols = spec.protocols
  }

  get isStatic(): boolean {
    return this.groupInstanceId !== null
  }

  get isAwaitingJoin(): boolean {
    return this.awaitingJoin !== null
  }

  get isAwaitingSync(): boolean {
    return this.awaitingSync !== null
  }

  /**
   * Whether an expired session timer leaves the member alone: members waiting in a rebalance
   * count as alive, except new members whose first JoinGroup has waited too long.
   */
  get survivesSessionExpiry(): boolean {
    return !this.isNew && (this.isAwaitingJoin || this.isAwaitingSync)
  }

  metadata(protocol: string): Buffer {
    const p = this.protocols.find((x) => x.name === protocol)
    if (!p) throw new Error(`Member ${this.memberId} does not support protocol ${protocol}`)
    return p.metadata
  }

  /** Same protocols, in the same order, with the same metadata. */
  matches(protocols: GroupProtocol[]): boolean {
    return (
      protocols.length === this.protocols.length &&
      protocols.every(
        (p, i) => p.name === this.protocols[i].name && p.metadata.equals(this.protocols[i].metadata)
      )
    )
  }

  /** The member's most preferred protocol among the candidates. */
  vote(candidates: Set<string>): string {
    const choice = this.protocols.find((p) => candidates.has(p.name))
    if (!choice) throw new Error(`Member ${this.memberId} supports none of the candidate protocols`)
    return choice.name
  }
}
