// The consumer protocol's server-side assignors (KIP-848): uniform (balanced and sticky, Kafka's
// default) and range (contiguous partitions of each topic, members in id order).
import { addPartition, has, type TopicPartitions } from './consumer-group'

export interface AssignorMember {
  memberId: string
  /** Topics the member subscribes to that exist. */
  topics: Set<string>
}

export interface AssignmentInput {
  members: AssignorMember[]
  /** Partition count of every subscribed topic. */
  partitionCounts: Map<string, number>
  /** The previous target, which uniform keeps where it can. */
  previous: Map<string, TopicPartitions>
}

export type ServerAssignor = (input: AssignmentInput) => Map<string, TopicPartitions>

/**
 * Every partition goes to a member subscribed to its topic; members end with counts that differ
 * by at most one where their subscriptions allow it; a partition stays with its previous owner
 * unless that owner has more than its share.
 */
function uniform({ members, partitionCounts, previous }: AssignmentInput) {
  const result = new Map<string, TopicPartitions>()
  const count = new Map<string, number>()
  for (const m of members) {
    result.set(m.memberId, new Map())
    count.set(m.memberId, 0)
  }
  const give = (memberId: string, topic: string, partition: number) => {
    addPartition(result.get(memberId) as TopicPartitions, topic, partition)
    count.set(memberId, (count.get(memberId) ?? 0) + 1)
  }
  const take = (memberId: string, topic: string, partition: number) => {
    result.get(memberId)?.get(topic)?.delete(partition)
    count.set(memberId, (count.get(memberId) ?? 0) - 1)
  }
  const byId = new Map(members.map((m) => [m.memberId, m]))
  const unassigned: { topic: string; partition: number }[] = []
  for (const topic of [...partitionCounts.keys()].sort()) {
    const n = partitionCounts.get(topic) ?? 0
    for (let partition = 0; partition < n; partition++) {
      let kept = false
      for (const [memberId, tp] of previous) {
        if (!has(tp, topic, partition) || !byId.get(memberId)?.topics.has(topic)) continue
        give(memberId, topic, partition)
        kept = true
        break
      }
      if (!kept) unassigned.push({ topic, partition })
    }
  }
  const eligible = (topic: string) => members.filter((m) => m.topics.has(topic))
  const leastLoaded = (candidates: AssignorMember[]) =>
    candidates.reduce((best, m) =>
      (count.get(m.memberId) ?? 0) < (count.get(best.memberId) ?? 0) ? m : best
    )
  for (const { topic, partition } of unassigned) {
    const candidates = eligible(topic)
    if (candidates.length > 0) give(leastLoaded(candidates).memberId, topic, partition)
  }
  // Move partitions from a member to one with at least two fewer, while that exists.
  for (let moved = true, rounds = 0; moved && rounds < 100_000; rounds++) {
    moved = false
    for (const from of members) {
      for (const [topic, set] of result.get(from.memberId) ?? new Map<string, Set<number>>()) {
        // A topic whose partitions all moved away already has none to give.
        if (set.size === 0) continue
        const to = leastLoaded(eligible(topic))
        if ((count.get(from.memberId) ?? 0) - (count.get(to.memberId) ?? 0) < 2) continue
        const partition = Math.max(...set)
        take(from.memberId, topic, partition)
        give(to.memberId, topic, partition)
        moved = true
        break
      }
      if (moved) break
    }
  }
  return result
}

/** Per topic: its subscribers in member id order get contiguous ranges, the first ones one more. */
function range({ members, partitionCounts }: AssignmentInput) {
  const result = new Map<string, TopicPartitions>(members.map((m) => [m.memberId, new Map()]))
  for (const [topic, n] of partitionCounts) {
    const subscribers = members
      .filter((m) => m.topics.has(topic))
      .map((m) => m.memberId)
      .sort()
    if (subscribers.length === 0) continue
    const each = Math.floor(n / subscribers.length)
    const extra = n % subscribers.length
    let next = 0
    subscribers.forEach((memberId, i) => {
      const size = each + (i < extra ? 1 : 0)
      for (let p = next; p < next + size; p++)
        addPartition(result.get(memberId) as TopicPartitions, topic, p)
      next += size
    })
  }
  return result
}

/** The assignors group.consumer.assignors may list. */
export const serverAssignors: ReadonlyMap<string, ServerAssignor> = new Map([
  ['uniform', uniform],
  ['range', range]
])
