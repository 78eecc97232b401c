// Kafka's SimpleAssignor, the share groups' assignor (KIP-932): balance first, then stickiness.
// With fewer members than partitions each partition goes to one member and the members' counts
// differ by at most one; with more members than partitions, partitions are shared, each by
// ceil(members / partitions) members. A member keeps what it had as far as balance allows.
// Members subscribed to the same topics are balanced over all their partitions together
// (Kafka's homogeneous builder); otherwise each topic is balanced over its own subscribers.
import { addPartition, type TopicPartitions } from './share-group'

export const SIMPLE_ASSIGNOR = 'simple'

export interface SimpleAssignorInput {
  /** The members in a stable order, with the existing topics each subscribes to. */
  members: { memberId: string; topics: Set<string> }[]
  partitionCounts: Map<string, number>
  /** The previous target assignment, by member id. */
  previous: Map<string, TopicPartitions>
}

type Key = string
const key = (topic: string, partition: number): Key => `${topic}\0${partition}`

export function simpleAssign(input: SimpleAssignorInput): Map<string, TopicPartitions> {
  const result = new Map<string, TopicPartitions>()
  for (const m of input.members) result.set(m.memberId, new Map())
  if (input.members.length === 0) return result
  const signature = (topics: Set<string>) => [...topics].sort().join('\0')
  const first = signature(input.members[0].topics)
  const homogeneous = input.members.every((m) => signature(m.topics) === first)
  const groups = homogeneous
    ? [
        {
          topics: [...input.members[0].topics].sort(),
          memberIds: input.members.map((m) => m.memberId)
        }
      ]
    : [...new Set(input.members.flatMap((m) => [...m.topics]))].sort().map((topic) => ({
        topics: [topic],
        memberIds: input.members.filter((m) => m.topics.has(topic)).map((m) => m.memberId)
      }))
  for (const g of groups) {
    const partitions: Key[] = []
    const where = new Map<Key, [string, number]>()
    for (const topic of g.topics)
      for (let p = 0; p < (input.partitionCounts.get(topic) ?? 0); p++) {
        partitions.push(key(topic, p))
        where.set(key(topic, p), [topic, p])
      }
    const old = new Map<string, Key[]>()
    for (const memberId of g.memberIds) {
      const keys: Key[] = []
      for (const [topic, set] of input.previous.get(memberId) ?? [])
        for (const p of [...set].sort((a, b) => a - b))
          if (where.has(key(topic, p))) keys.push(key(topic, p))
      old.set(memberId, keys)
    }
    for (const [memberId, keys] of build(g.memberIds, partitions, old)) {
      const tp = result.get(memberId) as TopicPartitions
      for (const k of keys) {
        const [topic, p] = where.get(k) as [string, number]
        addPartition(tp, topic, p)
      }
    }
  }
  return result
}

/**
 * One balanced, sticky assignment of `partitions` to `memberIds`, as Kafka's assignment builders
 * make it: keep what each member had within its desired count and each partition's desired
 * sharing, then hand out what is missing round the members still short of partitions.
 */
function build(
  memberIds: string[],
  partitions: Key[],
  old: Map<string, Key[]>
): Map<string, Set<Key>> {
  const members = memberIds.length
  const sharing = partitions.length === 0 ? 0 : Math.ceil(members / partitions.length)
  const total = sharing * partitions.length
  const desired = new Map<string, number>()
  memberIds.forEach((id, i) =>
    desired.set(id, Math.ceil((total * (i + 1)) / members) - Math.ceil((total * i) / members))
  )
  const byMember = new Map<string, Set<Key>>()
  const byPartition = new Map<Key, Set<string>>()
  for (const p of partitions) byPartition.set(p, new Set())
  const unfilled = new Set<string>()
  for (const id of memberIds) {
    const mine = new Set<Key>()
    byMember.set(id, mine)
    for (const k of old.get(id) ?? []) {
      mine.add(k)
      byPartition.get(k)?.add(id)
    }
    // Too many: give up the last ones until the member has its desired count.
    const want = desired.get(id) as number
    for (const k of [...mine].reverse()) {
      if (mine.size <= want) break
      mine.delete(k)
      byPartition.get(k)?.delete(id)
    }
    if (mine.size < want) unfilled.add(id)
  }
  // Shared by more members than desired: the first holders give it up.
  for (const [k, holders] of byPartition)
    for (const id of [...holders]) {
      if (holders.size <= sharing) break
      holders.delete(id)
      byMember.get(id)?.delete(k)
      unfilled.add(id)
    }
  let queue = [...unfilled]
  let at = 0
  let gaveSinceRestart = false
  for (const [k, holders] of byPartition) {
    if (queue.length === 0) break
    while (holders.size < sharing && queue.length > 0) {
      if (at >= queue.length) {
        if (!gaveSinceRestart) break
        at = 0
        gaveSinceRestart = false
      }
      const id = queue[at]
      if (holders.has(id)) {
        at++
        continue
      }
      const mine = byMember.get(id) as Set<Key>
      mine.add(k)
      holders.add(id)
      gaveSinceRestart = true
      if (mine.size >= (desired.get(id) as number)) queue = queue.filter((m) => m !== id)
      else at++
    }
  }
  return byMember
}
