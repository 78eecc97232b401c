// Replica placement as Kafka assigns it without racks: leaders round-robin from a start
// broker, followers shifted so that replicas of consecutive partitions spread evenly; running
// brokers first, as Kafka's controller prefers unfenced brokers.

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
  let currentPartition = firstPartition
  for (let i = 0; i < partitions; i++) {
    if (currentPartition > 0 && currentPartition % n === 0) nextReplicaShift++
    const first = (currentPartition + startIndex) % n
    const replicas = [brokerIds[first]]
    for (let j = 0; j < replicationFactor - 1; j++) {
      const s = 1 + ((nextReplicaShift + j) % (n - 1))
      replicas.push(brokerIds[(first + s) % n])
    }
    out.push(replicas)
    currentPartition++
  }
  return out
}

/**
 * Replicas of new partitions as Kafka's controller places them: on running brokers only while
 * they suffice, and on stopped ones (Kafka's fenced brokers) only for followers the running
 * ones cannot hold, so every new partition starts with a running leader. Callers check the
 * replication factor against all brokers and that one of them runs.
 */
export function placeReplicas(
  brokerIds: readonly number[],
  isRunning: (id: number) => boolean,
  partitions: number,
  replicationFactor: number,
  firstPartition = 0
): number[][] {
  const running = brokerIds.filter(isRunning)
  const stopped = brokerIds.filter((id) => !isRunning(id))
  const onRunning = Math.min(replicationFactor, running.length)
  return assignReplicas(running, partitions, onRunning, undefined, firstPartition).map(
    (replicas, i) => {
      for (let j = 0; j < replicationFactor - onRunning; j++)
        replicas.push(stopped[(firstPartition + i + j) % stopped.length])
      return replicas
    }
  )
}
