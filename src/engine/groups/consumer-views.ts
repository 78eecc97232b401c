// The contract's views (GroupSummary, GroupDescription) of a consumer-protocol (KIP-848) group:
// the group and assignment epochs, each member's epoch, subscription, assignment and target.
import type {
  GroupDescription,
  GroupHealth,
  GroupOffset,
  GroupSummary,
  IsolationLevel
} from '../../shared/api/groups'
import { toTopicList, type ConsumerGroup } from './consumer-group'
import { groupLag } from './views'

/** Topics the group consumes: committed, subscribed by name, or assigned (regex matches). */
function consumerGroupTopics(group: ConsumerGroup, offsets: GroupOffset[]): string[] {
  const topics = new Set(offsets.map((o) => o.topic))
  for (const m of group.members.values()) {
    for (const t of m.subscribedTopicNames) topics.add(t)
    for (const t of m.assigned.keys()) if ((m.assigned.get(t)?.size ?? 0) > 0) topics.add(t)
  }
  return [...topics].sort()
}

export function consumerGroupSummary(
  group: ConsumerGroup,
  offsets: GroupOffset[],
  health?: Pick<GroupHealth, 'atRisk'>,
  isolation?: IsolationLevel | null
): GroupSummary {
  return {
    groupId: group.groupId,
    state: group.state,
    groupType: 'consumer',
    protocolType: 'consumer',
    members: group.members.size,
    topics: consumerGroupTopics(group, offsets),
    ...groupLag(offsets, health, isolation)
  }
}

export function consumerGroupDescription(
  group: ConsumerGroup,
  offsets: GroupOffset[],
  health: GroupHealth,
  isolation?: IsolationLevel | null
): GroupDescription {
  return {
    groupId: group.groupId,
    state: group.state,
    groupType: 'consumer',
    protocolType: 'consumer',
    protocol: group.assignorName,
    generationId: group.groupEpoch,
    groupEpoch: group.groupEpoch,
    assignmentEpoch: group.assignmentEpoch,
    members: [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.instanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      assignments: toTopicList(m.assigned),
      memberEpoch: m.memberEpoch,
      subscribedTopics: m.subscribedTopicNames,
      subscribedTopicRegex: m.subscribedTopicRegex,
      targetAssignments: toTopicList(group.target.get(m.memberId) ?? new Map()),
      protocol: m.classic ? ('classic' as const) : ('consumer' as const)
    })),
    offsets,
    totalLag: offsets.reduce((sum, o) => sum + o.lag, 0),
    health,
    ...(isolation !== undefined ? { isolationLevel: isolation } : {})
  }
}
