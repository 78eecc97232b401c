// The contract's views (GroupSummary, GroupDescription) of a share group (KIP-932): its group
// and assignment epochs, each member's epoch, subscription and assignment, and per partition the
// share-partition start offset (where the group's delivery stands) with the lag behind it, as
// Kafka counts it (KIP-1226): the records up to the high watermark not yet acknowledged or archived.
import type {
  GroupDescription,
  GroupHealth,
  GroupOffset,
  GroupSummary
} from '../../shared/api/groups'
import type { PartitionOffsets } from '../groups/types'
import { toTopicList, type ShareGroup } from './share-group'
import { SIMPLE_ASSIGNOR } from './simple-assignor'

/** A share partition's start offset, as the share partitions keep it. */
export interface ShareStartOffset {
  topic: string
  partition: number
  startOffset: number
  /** Records past the start offset already acknowledged or archived (0 when not known). */
  deliveryComplete?: number
  /** The lag as a real cluster counted it (DescribeShareGroupOffsets v1), used as given. */
  lag?: number
}

/**
 * The share partitions as offsets: the start offset stands where a consumer group's committed
 * offset does, and the lag is what lies between it and the high watermark less the records there
 * already acknowledged or archived.
 */
export function shareGroupOffsets(
  starts: ShareStartOffset[],
  offsetsOf: (topic: string, partition: number) => PartitionOffsets | undefined
): GroupOffset[] {
  return starts
    .map((s) => {
      const p = offsetsOf(s.topic, s.partition) ?? {
        logStartOffset: 0,
        highWatermark: s.startOffset
      }
      return {
        topic: s.topic,
        partition: s.partition,
        committedOffset: s.startOffset,
        highWatermark: p.highWatermark,
        logStartOffset: p.logStartOffset,
        lag:
          s.lag ??
          Math.max(
            0,
            p.highWatermark - Math.max(s.startOffset, p.logStartOffset) - (s.deliveryComplete ?? 0)
          ),
        metadata: null,
        commitTimestamp: null,
        recordsLost: 0,
        lagMs: 0,
        timeToLossMs: null
      }
    })
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition)
}

function shareGroupTopics(group: ShareGroup, offsets: GroupOffset[]): string[] {
  const topics = new Set(offsets.map((o) => o.topic))
  for (const t of group.subscribedTopicNames()) topics.add(t)
  return [...topics].sort()
}

export function shareGroupSummary(group: ShareGroup, offsets: GroupOffset[]): GroupSummary {
  return {
    groupId: group.groupId,
    state: group.state,
    groupType: 'share',
    protocolType: 'share',
    members: group.members.size,
    topics: shareGroupTopics(group, offsets),
    totalLag: offsets.reduce((sum, o) => sum + o.lag, 0),
    lagMs: 0,
    atRisk: false,
    recordsLost: 0
  }
}

export function shareGroupDescription(
  group: ShareGroup,
  offsets: GroupOffset[],
  health: GroupHealth
): GroupDescription {
  return {
    groupId: group.groupId,
    state: group.state,
    groupType: 'share',
    protocolType: 'share',
    protocol: SIMPLE_ASSIGNOR,
    generationId: group.groupEpoch,
    groupEpoch: group.groupEpoch,
    assignmentEpoch: group.assignmentEpoch,
    members: [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: null,
      clientId: m.clientId,
      clientHost: m.clientHost,
      assignments: toTopicList(m.assigned),
      memberEpoch: m.memberEpoch,
      subscribedTopics: [...m.subscribedTopicNames],
      subscribedTopicRegex: null,
      // What its next heartbeat gives it: a share group member takes its target at once.
      targetAssignments: toTopicList(group.target.get(m.memberId) ?? new Map())
    })),
    offsets,
    totalLag: offsets.reduce((sum, o) => sum + o.lag, 0),
    health
  }
}
