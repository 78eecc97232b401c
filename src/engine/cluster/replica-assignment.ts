// Replica placement as Kafka's AdminUtils assigns it: leaders round-robin from a start broker,
// followers shifted so that replicas of consecutive partitions spread evenly; with racks, over
// a list of brokers alternating between racks, each follower preferring a rack without a replica
// yet. Running brokers first, as Kafka's controller prefers unfenced brokers. With only some
// brokers in a rack, as Kafka 4's controller places them (striped-placement.ts).
import { placeStriped } from './striped-placement'

/**
 * The round-robin both of Kafka's assignments share over `brokers` (n of them): partition p's
 * first replica at index (p + startIndex) % n, and `followers` choosing the others from that
 * index and the replica shift, which grows by one each time the partitions have gone round.
 */
function roundRobin(
  brokers: readonly number[],
  partitions: number,
  startIndex: number,
  firstPartition: number,
  shift: number,
  followers: (first: number, shift: number) => number[]
): number[][] {
  const n = brokers.length
  const out: number[][] = []
  let nextReplicaShift = shift
  for (let p = firstPartition; p < firstPartition + partitions; p++) {
    if (p > 0 && p % n === 0) nextReplicaShift++
    const first = (p + startIndex) % n
    out.push([brokers[first], ...followers(first, nextReplicaShift)])
  }
  return out
}

/** Where Kafka's replicaIndex puts the k-th candidate after the first replica. */
const candidate = (first: number, shift: number, k: number, n: number) =>
  (first + 1 + ((shift + k) % (n - 1))) % n

/**
 * Kafka's AdminUtils.assignReplicasToBrokers (rack-unaware). `startIndex` and `shift` are
 * random in Kafka; callers may pin them for reproducible layouts.
 */
export function assignReplicas(
  brokerIds: readonly number[],
  partitions: number,
  replicationFactor: number,
  startIndex = Math.floor(Math.random() * brokerIds.length),
  firstPartition = 0,
  shift = Math.floor(Math.random() * brokerIds.length)
): number[][] {
  const n = brokerIds.length
  return roundRobin(brokerIds, partitions, startIndex, firstPartition, shift, (first, s) =>
    Array.from({ length: replicationFactor - 1 }, (_, j) => brokerIds[candidate(first, s, j, n)])
  )
}

/**
 * Kafka's AdminUtils.getRackAlternatedBrokerList: the racks in name order, taking each rack's
 * next broker (by id) in turn, e.g. 0 rack1, 1 rack3, 2 rack3, 3 rack2, 4 rack2, 5 rack1 gives
 * 0, 3, 1, 5, 4, 2.
 */
export function rackAlternatedBrokers(racks: ReadonlyMap<number, string>): number[] {
  const byRack = new Map<string, number[]>()
  for (const [id, rack] of racks) byRack.set(rack, [...(byRack.get(rack) ?? []), id])
  const queues = [...byRack.keys()].sort().map((rack) => byRack.get(rack)!.sort((a, b) => a - b))
  const out: number[] = []
  for (let i = 0; out.length < racks.size; i = (i + 1) % queues.length) {
    const next = queues[i].shift()
    if (next !== undefined) out.push(next)
  }
  return out
}

/**
 * Kafka's AdminUtils.assignReplicasToBrokers with racks: the first replica round-robin over the
 * rack-alternated brokers, each further one the next broker (shifted as without racks, by the
 * shift times the racks) in a rack with no replica yet while there is one, and on a broker with
 * no replica yet while there is one.
 */
export function assignReplicasRackAware(
  racks: ReadonlyMap<number, string>,
  partitions: number,
  replicationFactor: number,
  startIndex = Math.floor(Math.random() * racks.size),
  firstPartition = 0,
  shift = Math.floor(Math.random() * racks.size)
): number[][] {
  const arranged = rackAlternatedBrokers(racks)
  const n = arranged.length
  const rackCount = new Set(racks.values()).size
  return roundRobin(arranged, partitions, startIndex, firstPartition, shift, (first, s) => {
    const replicas = [arranged[first]]
    const racksWith = new Set([racks.get(arranged[first])])
    for (let k = 0; replicas.length < replicationFactor; k++) {
      const broker = arranged[candidate(first, s * rackCount, k, n)]
      const rack = racks.get(broker)
      if (
        (!racksWith.has(rack) || racksWith.size === rackCount) &&
        (!replicas.includes(broker) || replicas.length === n)
      ) {
        replicas.push(broker)
        racksWith.add(rack)
      }
    }
    return replicas.slice(1)
  })
}

/**
 * Replicas of new partitions as Kafka's controller places them: on running brokers only while
 * they suffice, and on stopped ones (Kafka's fenced brokers) only for followers the running
 * ones cannot hold, so every new partition starts with a running leader. When every running
 * broker has a rack, over the racks as Kafka's rack-aware assignment; when only some brokers
 * have one, as Kafka 4's controller, the others forming one more rack (`existing`: the topic's
 * replica lists so far, which new partitions carry on from). Callers check the replication
 * factor against all brokers and that one of them runs.
 */
export function placeReplicas(
  brokerIds: readonly number[],
  isRunning: (id: number) => boolean,
  partitions: number,
  replicationFactor: number,
  firstPartition = 0,
  rackOf: (id: number) => string | null = () => null,
  existing: readonly (readonly number[])[] = []
): number[][] {
  const running = brokerIds.filter(isRunning)
  const stopped = brokerIds.filter((id) => !isRunning(id))
  const racked = brokerIds.filter((id) => rackOf(id) !== null)
  if (racked.length > 0 && running.some((id) => rackOf(id) === null))
    return placeStriped(
      brokerIds.map((id) => ({ id, rack: rackOf(id), running: isRunning(id) })),
      partitions,
      replicationFactor,
      existing
    )
  const onRunning = Math.min(replicationFactor, running.length)
  const racks = new Map(running.map((id) => [id, rackOf(id)]))
  const placed =
    racked.length > 0
      ? assignReplicasRackAware(
          racks as Map<number, string>,
          partitions,
          onRunning,
          undefined,
          firstPartition
        )
      : assignReplicas(running, partitions, onRunning, undefined, firstPartition)
  return placed.map((replicas, i) => {
    for (let j = 0; j < replicationFactor - onRunning; j++)
      replicas.push(stopped[(firstPartition + i + j) % stopped.length])
    return replicas
  })
}
