// The hot-partition remedy "move it to a cooler broker": which broker takes the partition's load
// off its leader's broker (the one taking the least writes), and whether that moves only the
// leadership (the cooler broker holds an in-sync replica) or a replica (copied first).
import type { BrokerInfo, PartitionInfo } from '../../../shared/model'

export interface MovePlan {
  partition: number
  from: number
  to: number
  moves: 'leader' | 'replica'
  /** Bytes per second written to the partition, the load that moves. */
  partitionBytesPerSec: number
  /** Each broker's write load now, and as the plan expects it after the move. */
  loads: { broker: number; now: number; expected: number }[]
}

export function coolerBrokerPlan(
  p: PartitionInfo,
  brokers: readonly BrokerInfo[]
): MovePlan | null {
  if (p.leader < 0) return null
  const load = (id: number) => brokers.find((b) => b.id === id)?.bytesInPerSec ?? 0
  const from = p.leader
  const candidates = brokers
    .filter((b) => b.status === 'online' && b.id !== from)
    // A replica that is not in sync can neither lead now nor be added again.
    .filter((b) => !p.replicas.includes(b.id) || p.isr.includes(b.id))
    .sort((a, b) => load(a.id) - load(b.id) || a.id - b.id)
  const to = candidates[0]?.id
  if (to === undefined) return null
  const moving = p.bytesPerSec ?? 0
  // Worth it only when the cooler broker stays cooler than the leader's broker is now.
  if (load(to) + moving >= load(from) && load(to) >= load(from)) return null
  return {
    partition: p.partition,
    from,
    to,
    moves: p.replicas.includes(to) ? 'leader' : 'replica',
    partitionBytesPerSec: moving,
    loads: brokers.map((b) => ({
      broker: b.id,
      now: load(b.id),
      expected: load(b.id) + (b.id === to ? moving : b.id === from ? -moving : 0)
    }))
  }
}
