// ConsumerGroupDescribe: a consumer-protocol group's epochs, assignor and members with what each
// owns and is headed for, in topic names (the handler adds topic ids).
import { ErrorCode } from '../../shared/kafka/error-codes'
import { toTopicList, type ConsumerGroup } from './consumer-group'
import type { ConsumerGroupState } from './types'

type TopicList = { topic: string; partitions: number[] }[]

export interface ConsumerGroupMemberDescription {
  memberId: string
  instanceId: string | null
  rackId: string | null
  memberEpoch: number
  clientId: string
  clientHost: string
  subscribedTopicNames: string[]
  subscribedTopicRegex: string | null
  assignment: TopicList
  targetAssignment: TopicList
  /** classic: a member of the classic protocol in the group (KIP-848's online migration). */
  memberType: 'classic' | 'consumer'
}

export interface ConsumerGroupDescription {
  errorCode: number
  errorMessage: string | null
  groupId: string
  groupState: ConsumerGroupState
  groupEpoch: number
  assignmentEpoch: number
  assignorName: string
  members: ConsumerGroupMemberDescription[]
}

export function describeConsumerGroup(group: ConsumerGroup): ConsumerGroupDescription {
  return {
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    groupId: group.groupId,
    groupState: group.state,
    groupEpoch: group.groupEpoch,
    assignmentEpoch: group.assignmentEpoch,
    assignorName: group.assignorName,
    members: [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      instanceId: m.instanceId,
      rackId: m.rackId,
      memberEpoch: m.memberEpoch,
      clientId: m.clientId,
      clientHost: m.clientHost,
      subscribedTopicNames: m.subscribedTopicNames,
      subscribedTopicRegex: m.subscribedTopicRegex,
      assignment: toTopicList(m.assigned),
      targetAssignment: toTopicList(group.target.get(m.memberId) ?? new Map()),
      memberType: m.classic ? ('classic' as const) : ('consumer' as const)
    }))
  }
}

export function consumerGroupDescriptions(
  coordinator: {
    readonly active: boolean
    consumerGroup(groupId: string): ConsumerGroup | undefined
    group(groupId: string): unknown
  },
  groupIds: string[]
): ConsumerGroupDescription[] {
  return groupIds.map((groupId) => {
    const group = coordinator.consumerGroup(groupId)
    if (coordinator.active && group) return describeConsumerGroup(group)
    const errorMessage = !coordinator.active
      ? null
      : coordinator.group(groupId)
        ? `Group ${groupId} is not a consumer group.`
        : `Group ${groupId} not found.`
    return {
      errorCode: coordinator.active
        ? ErrorCode.GROUP_ID_NOT_FOUND
        : ErrorCode.COORDINATOR_NOT_AVAILABLE,
      errorMessage,
      groupId,
      groupState: 'Dead',
      groupEpoch: -1,
      assignmentEpoch: -1,
      assignorName: '',
      members: []
    }
  })
}
