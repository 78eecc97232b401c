// Lag per partition and the contract's group views (GroupSummary, GroupDescription), built from
// the coordinator's state, the committed offsets and the partitions' offsets.
import type {
  GroupDescription,
  GroupMember as MemberView,
  GroupOffset,
  GroupSummary
} from '../../shared/api/groups'
import type { ClassicGroup } from './classic-group'
import { assignedPartitions, subscribedTopics } from './consumer-protocol'
import type { CommittedOffset } from './offset-store'
import type { PartitionOffsets, PartitionSource } from './types'

/** Lag = high watermark - committed; records lost = log start - committed when it is ahead. */
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

export function groupOffsets(
  committed: CommittedOffset[],
  source: Pick<PartitionSource, 'partitionOffsets'>
): GroupOffset[] {
  return committed.map((o) => {
    // A partition the log no longer has shows no lag.
    const p = source.partitionOffsets(o.topic, o.partition) ?? {
      logStartOffset: 0,
      highWatermark: o.committedOffset
    }
    const { lag, recordsLost } = partitionLag(o.committedOffset, p)
    return {
      topic: o.topic,
      partition: o.partition,
      committedOffset: o.committedOffset,
      highWatermark: p.highWatermark,
      logStartOffset: p.logStartOffset,
      lag,
      metadata: o.metadata === '' ? null : o.metadata,
      commitTimestamp: o.commitTimestamp,
      recordsLost
    }
  })
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

export function groupSummary(group: ClassicGroup, offsets: GroupOffset[]): GroupSummary {
  return {
    groupId: group.groupId,
    state: group.state,
    protocolType: group.protocolType ?? '',
    members: group.size,
    topics: groupTopics(group, offsets),
    totalLag: offsets.reduce((sum, o) => sum + o.lag, 0)
  }
}

export function groupDescription(group: ClassicGroup, offsets: GroupOffset[]): GroupDescription {
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
    totalLag: offsets.reduce((sum, o) => sum + o.lag, 0)
  }
}
