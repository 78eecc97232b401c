// The preferred read replica (KIP-392) a partition's leader names to a consumer, as Kafka's
// ReplicaManager.findPreferredReadReplica and its RackAwareReplicaSelector choose it: with
// replica.selector.class set and a client.rack, the leader if it is in the client's rack, else
// the most caught-up in-sync replica there whose log holds the fetch offset, else the leader.
// Choosing the leader names none (-1): the leader then serves the fetch itself.
import type { PartitionState, Topic } from '../log/topic-registry'
import type { RequestContext } from './request-context'

/** A replica the selector may choose: its broker and how far its log reaches. */
export interface ReplicaView {
  brokerId: number
  logEndOffset: number
}

/**
 * RackAwareReplicaSelector.select: the leader when the client has no rack, when no candidate is
 * in its rack or when the leader is; otherwise the candidate in its rack with the highest log end
 * (the lowest broker id among equals).
 */
export function rackAwareSelect(
  candidates: readonly ReplicaView[],
  leader: ReplicaView,
  clientRack: string,
  rackOf: (brokerId: number) => string | null
): ReplicaView {
  if (clientRack === '') return leader
  const sameRack = candidates.filter((r) => rackOf(r.brokerId) === clientRack)
  if (sameRack.length === 0 || sameRack.includes(leader)) return leader
  return sameRack.reduce((best, r) =>
    r.logEndOffset > best.logEndOffset ||
    (r.logEndOffset === best.logEndOffset && r.brokerId < best.brokerId)
      ? r
      : best
  )
}

/**
 * The replica this broker, leading the partition, sends a consumer fetching `fetchOffset` from
 * `clientRack` to; -1 for itself (no selector configured, or it is the best choice). Followers
 * out of the ISR, on stopped brokers, or whose log does not hold the offset are not candidates.
 */
export function preferredReadReplica(
  ctx: RequestContext,
  topic: Topic,
  state: PartitionState,
  fetchOffset: number,
  clientRack: string
): number {
  const { engine } = ctx
  if (engine.brokerConfigOn('replica.selector.class', ctx.broker.id) === null) return -1
  const log = engine.partitionLog(topic, state.partition)
  const leader: ReplicaView = { brokerId: state.leader, logEndOffset: log.logEndOffset }
  const candidates: ReplicaView[] = [leader]
  for (const r of state.replicas) {
    if (r === state.leader || !state.isr.includes(r) || !engine.isOnline(r)) continue
    const logEndOffset = engine.replicaLogEnd(topic, state, r)
    if (logEndOffset >= fetchOffset && log.logStartOffset <= fetchOffset)
      candidates.push({ brokerId: r, logEndOffset })
  }
  const chosen = rackAwareSelect(candidates, leader, clientRack, (id) => engine.brokerRack(id))
  return chosen === leader ? -1 : chosen.brokerId
}
