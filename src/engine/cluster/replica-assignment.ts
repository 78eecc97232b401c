// Replica placement: new topics and partitions as Kafka 4's controller places them
// (striped-placement.ts), and Kafka's AdminUtils assignment (leaders round-robin from a start
// broker, followers shifted so that replicas of consecutive partitions spread evenly) where a
// fixed layout of every broker is wanted.
import { placeStriped } from './striped-placement'

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
  const out: number[][] = []
  let nextReplicaShift = shift
  for (let p = firstPartition; p < firstPartition + partitions; p++) {
    // The replica shift grows by one each time the partitions have gone round the brokers.
    if (p > 0 && p % n === 0) nextReplicaShift++
    const first = (p + startIndex) % n
    const followers = Array.from(
      { length: replicationFactor - 1 },
      (_, j) => brokerIds[candidate(first, nextReplicaShift, j, n)]
    )
    out.push([brokerIds[first], ...followers])
  }
  return out
}

/**
 * Replicas of new partitions as Kafka 4's controller places them (its striped replica placer,
 * the only placer of a KRaft cluster): over the racks, the brokers without one forming one more
 * rack, so that with no racks at all every broker is in that one; within a rack, running brokers
 * before stopped ones (Kafka's fenced brokers), and a leader always a running broker. New
 * partitions of a topic
 * (`existing`: its replica lists so far) carry on from where its last ones left off. Callers check
 * the replication factor against all brokers and that one of them runs.
 */
export function placeReplicas(
  brokerIds: readonly number[],
  isRunning: (id: number) => boolean,
  partitions: number,
  replicationFactor: number,
  rackOf: (id: number) => string | null = () => null,
  existing: readonly (readonly number[])[] = []
): number[][] {
  return placeStriped(
    brokerIds.map((id) => ({ id, rack: rackOf(id), running: isRunning(id) })),
    partitions,
    replicationFactor,
    existing
  )
}
