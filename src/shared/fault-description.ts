// One line naming what a fault does and where, for logs, the cluster history and the console.
import type { Fault } from './api/faults'

/** `NOT_LEADER_OR_FOLLOWER on Produce, topic orders` and the like, for logs and history. */
export function describeFault(f: Pick<Fault, 'target' | 'action'>): string {
  const a = f.action
  const what =
    a.type === 'error'
      ? a.error
      : a.type === 'closeConnection'
        ? 'connection close'
        : a.type === 'rebalance' || a.type === 'leaveIsr'
          ? a.type
          : `${a.type} ${a.ms} ms`
  const t = f.target
  const where = [
    t.apiKey && `on ${t.apiKey}`,
    t.brokerId !== undefined && `broker ${t.brokerId}`,
    t.topic && (t.partition !== undefined ? `${t.topic}-${t.partition}` : `topic ${t.topic}`),
    t.groupId && `group ${t.groupId}`
  ].filter(Boolean)
  return where.length > 0 ? `${what} ${where.join(', ')}` : `${what} on every request`
}
