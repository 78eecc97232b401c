// Faults that act on the cluster rather than on requests: a group made to rebalance each time
// it is Stable, and followers held out of the ISR. Replication asks the registry about the
// latter on every check; this wakes it when such a fault comes or goes.
import type { FaultRegistry } from './registry'

export interface ClusterFaultParts {
  brokerIds(): number[]
  /** Re-checks the ISR of every partition with a follower on the broker. */
  recheckBroker(brokerId: number): void
  isStable(groupId: string): boolean
  forceRebalance(groupId: string): void
}

/** Wires the registry to the cluster; returns what the group coordinator must report. */
export function actOnClusterFaults(
  faults: FaultRegistry,
  parts: ClusterFaultParts
): { groupChanged(groupId: string): void } {
  const rebalanceIfAsked = (groupId: string) => {
    if (parts.isStable(groupId) && faults.takeRebalance(groupId)) parts.forceRebalance(groupId)
  }
  faults.onChange((fault) => {
    if (fault === null) for (const id of parts.brokerIds()) parts.recheckBroker(id)
    else if (fault.action.type === 'leaveIsr' && fault.target.brokerId !== undefined)
      parts.recheckBroker(fault.target.brokerId)
    else if (fault.action.type === 'rebalance' && fault.target.groupId !== undefined)
      rebalanceIfAsked(fault.target.groupId)
  })
  return { groupChanged: rebalanceIfAsked }
}
