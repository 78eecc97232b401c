// Replication throttles the console set for the partition moves it started (as
// kafka-reassign-partitions --throttle sets them), and which of them come off once those moves
// are no longer in flight (as the tool's --verify takes them off): only what the console set.
// A broker's rates go back to what the broker had before (usually nothing) once no move the
// console throttled through it is in flight; a topic's throttled-replica lists lose the
// `partition:broker` pairs the console added for the moves that are done, and keep the others.
export const THROTTLED_REPLICAS = {
  leader: 'leader.replication.throttled.replicas',
  follower: 'follower.replication.throttled.replicas'
} as const

/** A broker's own leader and follower throttled rates (null: not set for it). */
export interface BrokerRates {
  leader: string | null
  follower: string | null
}

export interface ThrottledMove {
  topic: string
  partition: number
  /** The rate set on the brokers, on both sides, as the config's value (bytes per second). */
  rate: string
  /** The brokers the rate was set on, with their own rates before the console's first move. */
  brokers: ({ id: number } & BrokerRates)[]
  /** The pairs the console added to the topic's throttled-replica lists (absent before). */
  leaderReplicas: string[]
  followerReplicas: string[]
}

/** What to take off once some moves are done. */
export interface ThrottleRemoval {
  done: ThrottledMove[]
  /** Brokers no move in flight is throttled through: the rate set, and the values to go back to. */
  brokers: { id: number; rate: string; before: BrokerRates }[]
  /** The pairs to take out of each topic's lists. */
  topics: { topic: string; leaderReplicas: string[]; followerReplicas: string[] }[]
}

/**
 * Adds a move to those tracked; a move of a partition already tracked (a new target for it)
 * keeps what the earlier one set and adds to it. A broker another tracked move set a rate on
 * keeps the values it had before that move.
 */
export function trackMove(tracked: ThrottledMove[], move: ThrottledMove): ThrottledMove[] {
  const inherited = (b: ThrottledMove['brokers'][number]) =>
    tracked.flatMap((m) => m.brokers).find((x) => x.id === b.id) ?? b
  const same = tracked.find((m) => m.topic === move.topic && m.partition === move.partition)
  const brokers = [...(same?.brokers ?? []), ...move.brokers.map(inherited)].filter(
    (b, i, all) => all.findIndex((x) => x.id === b.id) === i
  )
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])]
  const merged: ThrottledMove = {
    ...move,
    brokers,
    leaderReplicas: union(same?.leaderReplicas ?? [], move.leaderReplicas),
    followerReplicas: union(same?.followerReplicas ?? [], move.followerReplicas)
  }
  return [...tracked.filter((m) => m !== same), merged]
}

/** The throttles of the tracked moves that are no longer in flight, and what is left tracked. */
export function throttlesToRemove(
  tracked: ThrottledMove[],
  inFlight: (topic: string, partition: number) => boolean
): { removal: ThrottleRemoval; left: ThrottledMove[] } {
  const done = tracked.filter((m) => !inFlight(m.topic, m.partition))
  const left = tracked.filter((m) => !done.includes(m))
  const stillUsed = new Set(left.flatMap((m) => m.brokers.map((b) => b.id)))
  const brokers: ThrottleRemoval['brokers'] = []
  for (const m of done)
    for (const b of m.brokers) {
      if (stillUsed.has(b.id)) continue
      const at = brokers.find((x) => x.id === b.id)
      // The last move set the rate the broker has; the first one saw its values before.
      if (at) at.rate = m.rate
      else
        brokers.push({ id: b.id, rate: m.rate, before: { leader: b.leader, follower: b.follower } })
    }
  const kept = (side: 'leaderReplicas' | 'followerReplicas', topic: string) =>
    new Set(left.filter((m) => m.topic === topic).flatMap((m) => m[side]))
  const topics: ThrottleRemoval['topics'] = []
  for (const topic of new Set(done.map((m) => m.topic))) {
    const pairs = (side: 'leaderReplicas' | 'followerReplicas') => [
      ...new Set(
        done
          .filter((m) => m.topic === topic)
          .flatMap((m) => m[side])
          .filter((pair) => !kept(side, topic).has(pair))
      )
    ]
    const entry = {
      topic,
      leaderReplicas: pairs('leaderReplicas'),
      followerReplicas: pairs('followerReplicas')
    }
    if (entry.leaderReplicas.length > 0 || entry.followerReplicas.length > 0) topics.push(entry)
  }
  return { removal: { done, brokers, topics }, left }
}

/** A throttled-replica list without `pairs` (null when nothing is left of it). */
export function withoutPairs(list: string, pairs: string[]): string | null {
  const rest = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !pairs.includes(s))
  return rest.length > 0 ? rest.join(',') : null
}

/** The pairs of `wanted` a throttled-replica list does not hold yet. */
export function pairsAbsent(list: string | null, wanted: string[]): string[] {
  const held = new Set((list ?? '').split(',').map((s) => s.trim()))
  return wanted.filter((p) => !held.has(p))
}

/** Whether a removal takes anything off. */
export function removesAnything(removal: ThrottleRemoval): boolean {
  return removal.brokers.length > 0 || removal.topics.length > 0
}

/** The log line for a removal: which moves, which brokers' rates, which topics' lists. */
export function removalMessage(removal: ThrottleRemoval): string {
  const moves = removal.done.map((m) => `${m.topic}-${m.partition}`).join(', ')
  const parts: string[] = []
  if (removal.brokers.length > 0)
    parts.push(
      `leader/follower.replication.throttled.rate on broker ${removal.brokers.map((b) => b.id).join(', ')}`
    )
  for (const t of removal.topics) parts.push(`${t.topic}'s throttled replicas`)
  return `${moves}: no longer moving; replication throttle removed (${parts.join('; ')})`
}
