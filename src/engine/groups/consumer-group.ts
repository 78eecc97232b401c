// A group of Kafka's consumer protocol (KIP-848, Kafka's ConsumerGroup): the group epoch, the
// target assignment and its epoch, the resolution of its members' expressions, and members with
// their own epochs, the partitions they own and the ones they still have to give up.
import { RegexResolutions } from './consumer-regexes'
import type { Timer } from './scheduler'
import type { ConsumerGroupState, GroupProtocol } from './types'

/** Partitions by topic name. */
export type TopicPartitions = Map<string, Set<number>>

/**
 * Where a member is in reaching its target: stable (it has it), unrevoked_partitions (it must
 * give some up first, at its current epoch), unreleased_partitions (some of its target are still
 * owned by others; it has the rest at the new epoch).
 */
export type MemberState = 'stable' | 'unrevoked_partitions' | 'unreleased_partitions'

export interface ConsumerMember {
  memberId: string
  instanceId: string | null
  rackId: string | null
  clientId: string
  clientHost: string
  rebalanceTimeoutMs: number
  subscribedTopicNames: string[]
  subscribedTopicRegex: string | null
  serverAssignor: string | null
  memberEpoch: number
  previousMemberEpoch: number
  state: MemberState
  /** Partitions the member may consume. */
  assigned: TopicPartitions
  /** Partitions the member must revoke before its epoch moves on. */
  pendingRevocation: TopicPartitions
  sessionTimer: Timer | null
  revocationTimer: Timer | null
  /**
   * A member that speaks the classic protocol (JoinGroup, SyncGroup, Heartbeat) inside the
   * group (KIP-848's online migration): its session timeout and the protocols it joined with.
   */
  classic?: ClassicProtocolMember
}

export interface ClassicProtocolMember {
  sessionTimeoutMs: number
  protocols: GroupProtocol[]
  /**
   * The JoinGroup the member was asked for (REBALANCE_IN_PROGRESS) or the SyncGroup it owes
   * after joining, which it must send within its rebalance timeout or be removed.
   */
  owes?: { request: 'join' | 'sync'; timer: Timer }
}

export class ConsumerGroup {
  groupEpoch: number
  /** The group epoch the target assignment was computed for. */
  assignmentEpoch = 0
  /** Member id -> the partitions the assignor gave it. */
  target = new Map<string, TopicPartitions>()
  readonly members = new Map<string, ConsumerMember>()
  /** The subscribed topics and their partition counts the group epoch last saw. */
  topicsSignature = ''
  /** The topics each subscribed expression resolved to, for the whole group. */
  readonly regexes = new RegexResolutions()
  /** The assignor of the last target assignment. */
  assignorName: string
  stateTimestamp: number

  constructor(
    readonly groupId: string,
    now: number,
    init: { groupEpoch?: number; assignorName: string }
  ) {
    this.groupEpoch = init.groupEpoch ?? 0
    this.assignmentEpoch = this.groupEpoch
    this.assignorName = init.assignorName
    this.stateTimestamp = now
  }

  get state(): ConsumerGroupState {
    if (this.members.size === 0) return 'Empty'
    if (this.groupEpoch > this.assignmentEpoch) return 'Assigning'
    for (const m of this.members.values())
      if (m.memberEpoch !== this.assignmentEpoch || m.state !== 'stable') return 'Reconciling'
    return 'Stable'
  }

  /** The member that owns (or still has to revoke) a partition, other than `except`. */
  ownerOf(topic: string, partition: number, except: string): ConsumerMember | undefined {
    for (const m of this.members.values()) {
      if (m.memberId === except) continue
      if (has(m.assigned, topic, partition) || has(m.pendingRevocation, topic, partition)) return m
    }
    return undefined
  }

  /** The member using a static instance id. */
  memberByInstanceId(instanceId: string): ConsumerMember | undefined {
    for (const m of this.members.values()) if (m.instanceId === instanceId) return m
    return undefined
  }
}

export function has(tp: TopicPartitions, topic: string, partition: number): boolean {
  return tp.get(topic)?.has(partition) ?? false
}

export function addPartition(tp: TopicPartitions, topic: string, partition: number): void {
  const set = tp.get(topic)
  if (set) set.add(partition)
  else tp.set(topic, new Set([partition]))
}

export function countPartitions(tp: TopicPartitions): number {
  let n = 0
  for (const set of tp.values()) n += set.size
  return n
}

export function samePartitions(a: TopicPartitions, b: TopicPartitions): boolean {
  if (countPartitions(a) !== countPartitions(b)) return false
  for (const [topic, set] of a) for (const p of set) if (!has(b, topic, p)) return false
  return true
}

/** The wire's shape: topics with sorted partitions, empty topics left out. */
export function toTopicList(tp: TopicPartitions): { topic: string; partitions: number[] }[] {
  return [...tp.keys()]
    .sort()
    .map((topic) => ({ topic, partitions: [...(tp.get(topic) ?? [])].sort((a, b) => a - b) }))
    .filter((t) => t.partitions.length > 0)
}
