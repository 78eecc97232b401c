// Where each replica of a partition stands: leader, in-sync follower, lagging follower (behind
// the log end offset), out of sync (left the ISR) or offline (its broker is stopped); and, while
// a reassignment moves the partition, which replicas it adds and which it removes.
import type { ClusterChange } from '../../../shared/api/cluster'
import type { PartitionInfo } from '../../../shared/model'
import { plural } from './format'

export type ReplicaState = 'leader' | 'in-sync' | 'lagging' | 'out-of-sync' | 'offline' | 'none'

export interface ReplicaCell {
  state: ReplicaState
  /** Records this replica lacks against the partition's log end offset (followers); null when unknown. */
  behind: number | null
  inIsr: boolean
  preferred: boolean
  /** A reassignment in flight adds this replica (it copies the log) or removes it. */
  move: 'adding' | 'removing' | null
}

export function replicaCell(p: PartitionInfo, broker: number): ReplicaCell {
  const index = p.replicas.indexOf(broker)
  if (index < 0) return { state: 'none', behind: 0, inIsr: false, preferred: false, move: null }
  const inIsr = p.isr.includes(broker)
  const preferred = index === 0
  const move = p.addingReplicas?.includes(broker)
    ? 'adding'
    : p.removingReplicas?.includes(broker)
      ? 'removing'
      : null
  if (p.offlineReplicas.includes(broker))
    return { state: 'offline', behind: 0, inIsr, preferred, move }
  if (broker === p.leader) return { state: 'leader', behind: 0, inIsr, preferred, move }
  const leo = p.replicaLogEndOffsets[broker]
  const behind = leo === undefined || leo === null ? null : Math.max(0, p.logEndOffset - leo)
  const state: ReplicaState = !inIsr ? 'out-of-sync' : (behind ?? 0) > 0 ? 'lagging' : 'in-sync'
  return { state, behind, inIsr, preferred, move }
}

export type PartitionStatus = 'offline' | 'under-replicated' | 'ok'

/** Under-replicated as Kafka counts it: replicas a reassignment is still adding do not count. */
export function partitionStatus(p: PartitionInfo): PartitionStatus {
  if (p.leader < 0) return 'offline'
  const adding = p.addingReplicas ?? []
  const expected = p.replicas.filter((r) => !adding.includes(r))
  if (expected.some((r) => !p.isr.includes(r))) return 'under-replicated'
  return 'ok'
}

export interface ReplicaMapSummary {
  partitions: number
  underReplicated: number
  offline: number
  /** Partitions whose leader is not their first (preferred) replica. */
  notPreferred: number
}

export function summarize(parts: readonly PartitionInfo[]): ReplicaMapSummary {
  let underReplicated = 0
  let offline = 0
  let notPreferred = 0
  for (const p of parts) {
    const s = partitionStatus(p)
    if (s === 'offline') offline++
    else if (s === 'under-replicated') underReplicated++
    if (p.leader >= 0 && p.replicas[0] !== p.leader) notPreferred++
  }
  return { partitions: parts.length, underReplicated, offline, notPreferred }
}

/** A short label for a replica cell. */
export function cellLabel(c: ReplicaCell): string {
  if (c.move === 'adding' && c.state === 'out-of-sync')
    return c.behind !== null && c.behind > 0 ? `copying −${c.behind}` : 'joining'
  switch (c.state) {
    case 'leader':
      return 'leader'
    case 'in-sync':
      return 'in sync'
    case 'lagging':
      return `−${c.behind}`
    case 'out-of-sync':
      return c.behind !== null && c.behind > 0 ? `out −${c.behind}` : 'out of ISR'
    case 'offline':
      return 'offline'
    default:
      return '·'
  }
}

function outBehind(behind: number | null): string {
  if (behind === null) return ', how far behind this cluster does not say'
  return behind > 0 ? `, ${plural(behind, 'record')} behind` : ''
}

/** What a replica cell means, for its tooltip. */
export function cellTitle(c: ReplicaCell, broker: number): string {
  const pref =
    (c.preferred ? ' (preferred leader)' : '') +
    (c.move === 'adding'
      ? '; a reassignment is adding this replica'
      : c.move === 'removing'
        ? '; a reassignment removes this replica once the new ones are in sync'
        : '')
  switch (c.state) {
    case 'leader':
      return `Broker ${broker} leads this partition${pref}`
    case 'in-sync':
      return `Broker ${broker}: in-sync follower, caught up${pref}`
    case 'lagging':
      return `Broker ${broker}: in-sync follower, ${plural(c.behind ?? 0, 'record')} behind the log end${pref}`
    case 'out-of-sync':
      return `Broker ${broker}: left the ISR${outBehind(c.behind)}${pref}`
    case 'offline':
      return `Broker ${broker} is stopped: this replica is offline${pref}`
    default:
      return `Broker ${broker} holds no replica of this partition`
  }
}

/** Records lost to unclean elections and truncations, newest first. */
export function lossesOf(changes: readonly ClusterChange[]): ClusterChange[] {
  return changes.filter((c) => (c.recordsLost ?? 0) > 0)
}

export type ChangeTone = 'error' | 'warning' | 'success' | 'info' | 'default'

export function changeTone(c: ClusterChange): ChangeTone {
  switch (c.kind) {
    case 'broker-stopped':
    case 'unclean-election':
    case 'truncated':
      return 'error'
    case 'isr-shrunk':
      return 'warning'
    case 'broker-started':
    case 'isr-expanded':
    case 'reassignment-completed':
      return 'success'
    case 'reassignment-started':
    case 'reassignment-cancelled':
    case 'throttle-removed':
      return 'info'
    case 'leader-elected':
      return c.leader !== undefined && c.leader < 0 ? 'error' : 'info'
    default:
      return 'default'
  }
}

export function changeLabel(c: ClusterChange): string {
  switch (c.kind) {
    case 'broker-stopped':
      return 'broker stopped'
    case 'broker-started':
      return 'broker started'
    case 'leader-elected':
      return c.leader !== undefined && c.leader < 0 ? 'offline' : 'leader elected'
    case 'isr-shrunk':
      return 'ISR shrunk'
    case 'isr-expanded':
      return 'ISR expanded'
    case 'unclean-election':
      return 'unclean election'
    case 'truncated':
      return 'truncated'
    case 'fault':
      return 'fault'
    case 'reassignment-started':
      return 'reassignment started'
    case 'reassignment-completed':
      return 'reassignment done'
    case 'reassignment-cancelled':
      return 'reassignment cancelled'
    case 'throttle-removed':
      return 'throttle removed'
  }
}
