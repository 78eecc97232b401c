// Lag per partition and the contract's group views (GroupSummary, GroupDescription), built from
// the coordinator's state, the committed offsets and the partitions' offsets.
import type {
  GroupDescription,
  GroupHealth,
  GroupMember as MemberView,
  GroupOffset,
  GroupSummary,
  IsolationLevel
} from '../../shared/api/groups'
import type { ClassicGroup } from './classic-group'
import { assignedPartitions, subscribedTopics } from './consumer-protocol'
import type { CommittedOffset } from './offset-store'
import type { PartitionOffsets, PartitionSource } from './types'
import { partitionRisk } from './health'

/**
 * Lag and records lost for a committed offset, up to the high watermark, or for a read_committed
 * group up to the last stable offset (what it can read). Kafka tools commit -2 (earliest) and -1
 * (latest) as markers: they resolve to the log start and the end, never to lost records.
 */
export function partitionLag(
  committedOffset: number,
  p: PartitionOffsets,
  isolation: IsolationLevel | null = null
): { lag: number; recordsLost: number; position: number } {
  const end =
    isolation === 'read_committed' && p.lastStableOffset !== undefined
      ? p.lastStableOffset
      : p.highWatermark
  const position =
    committedOffset === -2 ? p.logStartOffset : committedOffset < 0 ? end : committedOffset
  return {
    lag: Math.max(0, end - position),
    recordsLost: Math.max(0, p.logStartOffset - position),
    position: Math.max(position, p.logStartOffset)
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
  now = Date.now(),
  isolation: IsolationLevel | null = null
): OffsetsView {
  const reasons = new Map<string, 'retention.ms' | 'retention.bytes'>()
  const offsets = committed.map((o) => {
    // A partition the log no longer has shows no lag.
    const p = source.partitionOffsets(o.topic, o.partition) ?? {
      logStartOffset: 0,
      highWatermark: o.committedOffset
    }
    const { lag, recordsLost, position } = partitionLag(o.committedOffset, p, isolation)
    const health = lag > 0 ? source.partitionHealth?.(o.topic, o.partition, position) : undefined
    const risk = partitionRisk(lag, p, health, now)
    if (risk.reason) reasons.set(`${o.topic}:${o.partition}`, risk.reason)
    return {
      topic: o.topic,
      partition: o.partition,
      committedOffset: o.committedOffset,
      highWatermark: p.highWatermark,
      logStartOffset: p.logStartOffset,
      ...(p.lastStableOffset !== undefined ? { lastStableOffset: p.lastStableOffset } : {}),
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

/** A group's lag over its offsets, for its summary line (either protocol). */
export function groupLag(
  offsets: GroupOffset[],
  health?: Pick<GroupHealth, 'atRisk'>,
  isolation?: IsolationLevel | null
): Pick<GroupSummary, 'totalLag' | 'lagMs' | 'atRisk' | 'recordsLost' | 'isolationLevel'> {
  return {
    totalLag: offsets.reduce((sum, o) => sum + o.lag, 0),
    lagMs: offsets.reduce((m, o) => Math.max(m, o.lagMs), 0),
    atRisk: health?.atRisk ?? false,
    recordsLost: offsets.reduce((sum, o) => sum + o.recordsLost, 0),
    ...(isolation !== undefined ? { isolationLevel: isolation } : {})
  }
}

export function groupSummary(
  group: ClassicGroup,
  offsets: GroupOffset[],
  health?: Pick<GroupHealth, 'atRisk'>,
  isolation?: IsolationLevel | null
): GroupSummary {
  return {
    groupId: group.groupId,
    state: group.state,
    groupType: 'classic',
    protocolType: group.protocolType ?? '',
    members: group.size,
    topics: groupTopics(group, offsets),
    ...groupLag(offsets, health, isolation)
  }
}

export function groupDescription(
  group: ClassicGroup,
  offsets: GroupOffset[],
  health: GroupHealth,
  isolation?: IsolationLevel | null
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
    groupType: 'classic',
    protocolType: group.protocolType ?? '',
    protocol: group.protocolName ?? '',
    generationId: group.generationId,
    members,
    offsets,
    totalLag: offsets.reduce((sum, o) => sum + o.lag, 0),
    health,
    ...(isolation !== undefined ? { isolationLevel: isolation } : {})
  }
}
