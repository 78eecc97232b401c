// Kafka's per-topic `leader.replication.throttled.replicas` / `follower.replication.throttled.replicas`:
// `*` or `partition:brokerId` pairs naming the replicas a broker's replication throttle applies to.

const NONE: ReadonlySet<string> = new Set()
const parsed = new Map<string, ReadonlySet<string> | '*'>()

function replicasOf(value: string): ReadonlySet<string> | '*' {
  let set = parsed.get(value)
  if (set === undefined) {
    const text = value.trim()
    set =
      text === '*'
        ? '*'
        : text === ''
          ? NONE
          : new Set(text.split(',').map((pair) => pair.trim().replace(/\s+/g, '')))
    if (parsed.size > 1000) parsed.clear()
    parsed.set(value, set)
  }
  return set
}

/** Whether the config's value (absent: none) names `brokerId`'s replica of `partition`. */
export function isThrottledReplica(
  value: string | undefined,
  partition: number,
  brokerId: number
): boolean {
  if (!value) return false
  const replicas = replicasOf(value)
  return replicas === '*' || replicas.has(`${partition}:${brokerId}`)
}
