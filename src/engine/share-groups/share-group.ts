// A share group (KIP-932, Kafka's ShareGroup): the group epoch, the target assignment and the
// epoch it was computed for, and members with their own epochs and the partitions they consume.
// Members of a share group never revoke anything: a partition may go to several members at once,
// and each member takes its target as soon as a heartbeat hears of it.
import type { Timer } from '../groups/scheduler'

/** Partitions by topic name. */
export type TopicPartitions = Map<string, Set<number>>

/** Kafka's ShareGroupState names (Dead is a group that is gone: never listed). */
export type ShareGroupState = 'Empty' | 'Stable'

export interface ShareMember {
  /** Chosen by the client (KIP-1082), a UUID string. */
  memberId: string
  rackId: string | null
  clientId: string
  clientHost: string
  subscribedTopicNames: string[]
  memberEpoch: number
  previousMemberEpoch: number
  /** The partitions the member may fetch from. */
  assigned: TopicPartitions
  sessionTimer: Timer | null
}

export class ShareGroup {
  groupEpoch: number
  /** The group epoch the target assignment was computed for. */
  assignmentEpoch: number
  /** Member id -> the partitions the assignor gave it. */
  target = new Map<string, TopicPartitions>()
  readonly members = new Map<string, ShareMember>()
  /** The subscribed topics and their partition counts the group epoch last saw. */
  topicsSignature = ''
  stateTimestamp: number

  constructor(
    readonly groupId: string,
    now: number,
    groupEpoch = 0
  ) {
    this.groupEpoch = groupEpoch
    this.assignmentEpoch = groupEpoch
    this.stateTimestamp = now
  }

  get state(): ShareGroupState {
    return this.members.size === 0 ? 'Empty' : 'Stable'
  }

  /** The topics some member subscribes to. */
  subscribedTopicNames(): Set<string> {
    const names = new Set<string>()
    for (const m of this.members.values()) for (const t of m.subscribedTopicNames) names.add(t)
    return names
  }
}

export function addPartition(tp: TopicPartitions, topic: string, partition: number): void {
  const set = tp.get(topic)
  if (set) set.add(partition)
  else tp.set(topic, new Set([partition]))
}

export function samePartitions(a: TopicPartitions, b: TopicPartitions): boolean {
  const count = (tp: TopicPartitions) => [...tp.values()].reduce((n, s) => n + s.size, 0)
  if (count(a) !== count(b)) return false
  for (const [topic, set] of a) for (const p of set) if (!b.get(topic)?.has(p)) return false
  return true
}

/** The wire's shape: topics in name order with sorted partitions, empty topics left out. */
export function toTopicList(tp: TopicPartitions): { topic: string; partitions: number[] }[] {
  return [...tp.keys()]
    .sort()
    .map((topic) => ({ topic, partitions: [...(tp.get(topic) ?? [])].sort((a, b) => a - b) }))
    .filter((t) => t.partitions.length > 0)
}
