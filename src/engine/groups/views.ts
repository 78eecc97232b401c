// Lag per partition and the contract's group views (GroupSummary, GroupDescription), built from
// the coordinator's state, the committed offsets and the partitions' offsets.
import type {
  GroupDescription,
  GroupHealth,
  GroupMember as MemberView,
  GroupOffset,
  GroupSummary
} from '../../shared/api/groups'
import type { ClassicGroup } from './classic-group'
import { assignedPartitions, subscribedTopics } from './consumer-protocol'
import type { CommittedOffset } from './offset-store'
import type { PartitionOffsets, PartitionSource } from './types'
import { partitionRisk } from './health'

/**
 * Lag and records lost for a committed offset. Kafka tools commit -2 (earliest) and -1
 * (latest) as markers: they resolve to the log start and the high watermark, never to lost
 * records.
 */
export function partitionLag(
  committedOffset: number,
  p: PartitionOffsets
): { lag: number; recordsLost: number } {
  const position =
    committedOffset === -2
      ? p.logStartOffset
      : committedOffset < 0
        ? p.highWatermark
        : committedOffset
  return {
    lag: Math.max(0, p.highWatermark - position),
    recordsLost: Math.max(0, p.logStartOffset - position)
  }
}

export interface OffsetsView {
  offsets: GroupOffset[]
  /** Why each partition with a deadline would lose records, by `topic:partition`. */
  reasons: Map<string, 'retention.ms' | 'retention.bytes'>
}

export function groupOffsets(
  committed: CommittedOffset[],
  source: Pick<PartitionSource, 'partitionOffsets' | 'partitionHealth'>,
  now = Date.now()
): OffsetsView {
  const reasons = new Map<string, 'retention.ms' | 'retention.bytes'>()
  const offsets = committed.map((o) => {
    // A partition the log no longer has shows no lag.
    const p = source.partitionOffsets(o.topic, o.partition) ?? {
      logStartOffset: 0,
      highWatermark: o.committedOffset
    }
    const { lag, recordsLost } = partitionLag(o.committedOffset, p)
    const position = Math.max(p.highWatermark - lag, p.logStartOffset)
    const health = lag > 0 ? source.partitionHealth?.(o.topic, o.partition, position) : undefined
    const risk = partitionRisk(lag, p, health, now)
    if (risk.reason) reasons.set(`${o.topic}:${o.partition}`, risk.reason)
    return {
      topic: o.topic,
      partition: o.partition,
      committedOffset: o.committedOffset,
      highWatermark: p.highWatermark,
      logStartOffset: p.logStartOffset,
      lag,
      metadata: o.metadata === '' ? null : o.metadata,
      commitTimestamp: o.commitTimestamp,
      recordsLost,
      lagMs: risk.lagMs,
      timeToLossMs: risk.timeToLossMs
    }
  })
  return { offsets, reasons }
}

function isConsumerGroup(group: ClassicGroup): boolean {
  return group.protocolType === 'consumer'
}

/** Topics the group consumes: committed, subscribed (consumer protocol) or assigned. */
export function groupTopics(group: ClassicGroup, offsets: GroupOffset[]): string[] {
  const topics = new Set(offsets.map((o) => o.topic))
  if (isConsumerGroup(group)) {
    for (const m of group.members.values()) {
      const selected = m.protocols.find((p) => p.name === group.protocolName) ?? m.protocols[0]
      if (selected) for (const t of subscribedTopics(selected.metadata)) topics.add(t)
      for (const a of assignedPartitions(m.assignment)) topics.add(a.topic)
    }
  }
  return [...topics].sort()
}

export function groupSummary(
  group: ClassicGroup,
  offsets: GroupOffset[],
  health?: Pick<GroupHealth, 'atRisk'>
): GroupSummary {
  return {
    groupId: group.groupId,
    state: group.state,
    protocolType: group.protocolType ?? '',
    members: group.size,
    topics: groupTopics(group, offsets),
    totalLag: offsets.reduce((sum, o) => sum + o.lag, 0),
    lagMs: offsets.reduce((m, o) => Math.max(m, o.lagMs), 0),
    atRisk: health?.atRisk ?? false,
    recordsLost: offsets.reduce((sum, o) => sum + o.recordsLost, 0)
  }
}

export function groupDescription(
  group: ClassicGroup,
  offsets: GroupOffset[],
  health: GroupHealth
): GroupDescription {
  // Assignments are only meaningful once the generation is Stable.
  const showAssignments = group.is('Stable') && isConsumerGroup(group)
  const members: MemberView[] = [...group.members.values()].map((m) => ({
    memberId: m.memberId,
    groupInstanceId: m.groupInstanceId,
    clientId: m.clientId,
    clientHost: m.clientHost,
    assignments: showAssignments ? assignedPartitions(m.assignment) : []
  }))
  return {
    groupId: group.groupId,
    state: group.state,
    protocolType: group.protocolType ?? '',
    protocol: group.protocolName ?? '',
    generationId: group.generationId,
    members,
    offsets,
    totalLag: offsets.reduce((sum, o) => sum + o.lag, 0),
    health
  }
}
