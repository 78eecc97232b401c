// Health in words and tones, the same at every level: a partition without a leader is offline
// (nothing can be read or written there), one whose in-sync replicas are fewer than its
// replicas is under-replicated; a cluster is judged by its brokers, its partitions and its disk.
import type { ClusterInfo } from '../../../shared/model'
import { formatTimes } from './format'

export type Tone = 'ok' | 'warn' | 'bad'

export interface PartitionCounts {
  partitions: number
  /** Without a leader. */
  offline: number
  /** With a leader but fewer in-sync replicas than replicas. */
  underReplicated: number
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

export function countPartitions(
  parts: readonly { leader: number; isr: readonly number[]; replicas: readonly number[] }[]
): PartitionCounts {
  return {
    partitions: parts.length,
    offline: parts.filter((p) => p.leader < 0).length,
    underReplicated: parts.filter((p) => p.leader >= 0 && p.isr.length < p.replicas.length).length
  }
}

export interface HealthText {
  tone: Tone
  /** Short: "in sync", "1 offline · 2 under-replicated". */
  label: string
  /** One sentence on what it means. */
  detail: string
}

/** The replication health of a set of partitions (a topic). */
export function replicationHealth(c: PartitionCounts): HealthText {
  const parts: string[] = []
  if (c.offline) parts.push(`${c.offline} offline`)
  if (c.underReplicated) parts.push(`${c.underReplicated} under-replicated`)
  if (!parts.length) return { tone: 'ok', label: 'in sync', detail: 'Every replica in sync' }
  const details: string[] = []
  if (c.offline)
    details.push(
      `${plural(c.offline, 'partition')} of ${c.partitions} without a leader: nothing can be read or written there`
    )
  if (c.underReplicated)
    details.push(`${plural(c.underReplicated, 'partition')} with replicas out of sync`)
  return {
    tone: c.offline ? 'bad' : 'warn',
    label: parts.join(' · '),
    detail: details.join('; ')
  }
}

export type ClusterLevel = 'healthy' | 'degraded' | 'critical' | 'offline' | 'unknown'

export interface ClusterHealth {
  /** healthy; degraded (brokers down, partitions under-replicated or the disk nearly full,
   *  everything served); critical (partitions offline, or the disk full: no writes anywhere);
   *  offline (no broker runs). */
  level: ClusterLevel
  /** "healthy · 3 brokers", "1 of 3 brokers down · 1 partition offline · 8 under-replicated". */
  label: string
  reason: string
}

export function clusterHealth(info: ClusterInfo | null): ClusterHealth {
  if (!info)
    return { level: 'unknown', label: 'connecting', reason: 'Waiting for the cluster to answer' }
  const total = info.brokers.length
  const down = info.brokers.filter((b) => b.status !== 'online').length
  if (total > 0 && down === total)
    return {
      level: 'offline',
      label: `offline · ${plural(total, 'broker')} down`,
      reason: `Every broker is stopped: start one on the Brokers page`
    }
  const parts: string[] = []
  if (down) parts.push(`${down} of ${total} brokers down`)
  if (info.offlinePartitions) parts.push(`${plural(info.offlinePartitions, 'partition')} offline`)
  if (info.underReplicatedPartitions)
    parts.push(`${info.underReplicatedPartitions} under-replicated`)
  const disk = info.storage?.state ?? 'ok'
  if (disk === 'full') parts.push('writes refused')
  if (disk === 'low') parts.push('space low')
  if (!parts.length)
    return {
      level: 'healthy',
      label: `healthy · ${plural(total, 'broker')}`,
      reason: 'Every broker is up and every partition is in sync'
    }
  const reasons: string[] = []
  if (down) reasons.push(`${down} of ${total} brokers stopped`)
  if (info.offlinePartitions)
    reasons.push(
      `${plural(info.offlinePartitions, 'partition')} without a leader (every replica in sync is on a stopped broker)`
    )
  if (info.underReplicatedPartitions)
    reasons.push(
      `${plural(info.underReplicatedPartitions, 'partition')} with fewer in-sync replicas than replicas`
    )
  if (disk === 'full')
    reasons.push(
      'the disk is full: producers get KAFKA_STORAGE_ERROR until space returns (reads and deletes go on)'
    )
  if (disk === 'low') reasons.push('the disk is nearly full')
  const reason = reasons.join('; ')
  return {
    level: info.offlinePartitions || disk === 'full' ? 'critical' : 'degraded',
    label: parts.join(' · '),
    reason: reason.charAt(0).toUpperCase() + reason.slice(1)
  }
}

/** "partition 2 takes 50% of writes (3.00× the mean)". */
export function hotPartitionText(hot: {
  partition: number
  share: number
  maxOverMean: number
  basis: 'writes' | 'records'
}): string {
  return `partition ${hot.partition} takes ${Math.round(hot.share * 100)}% of ${hot.basis} (${formatTimes(hot.maxOverMean)} the mean)`
}
