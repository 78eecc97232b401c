// ShareGroupDescribe: a share group's epochs, assignor and members with what each is assigned,
// in topic names (the handler adds topic ids). Unknown ids and groups of another type get
// GROUP_ID_NOT_FOUND, as Kafka answers them.
import { ErrorCode } from '../../shared/kafka/error-codes'
import { toTopicList, type ShareGroup, type ShareGroupState } from './share-group'
import { SIMPLE_ASSIGNOR } from './simple-assignor'

export interface ShareGroupMemberDescription {
  memberId: string
  rackId: string | null
  memberEpoch: number
  clientId: string
  clientHost: string
  subscribedTopicNames: string[]
  assignment: { topic: string; partitions: number[] }[]
}

export interface ShareGroupDescription {
  errorCode: number
  errorMessage: string | null
  groupId: string
  /** '' with an error; Kafka's state names otherwise (Empty, Stable). */
  groupState: ShareGroupState | ''
  groupEpoch: number
  assignmentEpoch: number
  assignorName: string
  members: ShareGroupMemberDescription[]
}

export function describeShareGroup(
  groupId: string,
  group: ShareGroup | undefined
): ShareGroupDescription {
  if (!group)
    return {
      errorCode: ErrorCode.GROUP_ID_NOT_FOUND,
      errorMessage: `Group ${groupId} not found.`,
      groupId,
      groupState: '',
      groupEpoch: 0,
      assignmentEpoch: 0,
      assignorName: '',
      members: []
    }
  return {
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    groupId,
    groupState: group.state,
    groupEpoch: group.groupEpoch,
    assignmentEpoch: group.assignmentEpoch,
    assignorName: SIMPLE_ASSIGNOR,
    members: [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      rackId: m.rackId,
      memberEpoch: m.memberEpoch,
      clientId: m.clientId,
      clientHost: m.clientHost,
      subscribedTopicNames: [...m.subscribedTopicNames],
      assignment: toTopicList(m.assigned)
    }))
  }
}
