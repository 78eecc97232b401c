// The records Kafka 4.2's group coordinator writes to __consumer_offsets for a share group
// (KIP-932), as GroupCoordinatorRecordHelpers makes them: each member's subscription
// (ShareGroupMemberMetadata), the group epoch with KIP-1101's hash of the subscribed topics'
// metadata (ShareGroupMetadata), the target assignment (one
// ShareGroupTargetAssignmentMember per member and ShareGroupTargetAssignmentMetadata with its
// epoch) and each member's current assignment (ShareGroupCurrentMemberAssignment), in the order
// Kafka writes them in a heartbeat. The coordinator writes what changed since the last time
// (OffsetStore.syncStateRecords).
import {
  ShareGroupCurrentMemberAssignmentRecordType,
  ShareGroupMemberMetadataRecordType,
  ShareGroupMetadataRecordType,
  ShareGroupTargetAssignmentMemberRecordType,
  ShareGroupTargetAssignmentMetadataRecordType,
  shareGroupCurrentMemberAssignmentKeySchema,
  shareGroupCurrentMemberAssignmentValueSchema,
  shareGroupMemberMetadataKeySchema,
  shareGroupMemberMetadataValueSchema,
  shareGroupMetadataKeySchema,
  shareGroupMetadataValueSchema,
  shareGroupTargetAssignmentMemberKeySchema,
  shareGroupTargetAssignmentMemberValueSchema,
  shareGroupTargetAssignmentMetadataKeySchema,
  shareGroupTargetAssignmentMetadataValueSchema
} from '../kafka/protocol/generated/coordinator-records'
import {
  byMemberId,
  groupStateKey as key,
  groupStateValue as value
} from '../groups/coordinator-records'
import { byTopicId, type GroupStateRecord } from '../groups/consumer-group-records'
import type { ShareGroup } from './share-group'

/** Kafka's MemberState STABLE: a share group's members revoke nothing, so are always stable. */
const STABLE = 0

/**
 * The records of the share group's whole state. `topicId` gives a topic's id (undefined for a
 * topic that does not exist, left out); `metadataHash` is KIP-1101's hash of the subscribed
 * topics that exist (metadata-hash.ts).
 */
export function shareGroupRecords(
  group: ShareGroup,
  topicId: (topic: string) => string | undefined,
  metadataHash: bigint
): GroupStateRecord[] {
  const { groupId } = group
  const members = byMemberId(group.members.values())
  const memberType = ShareGroupMemberMetadataRecordType
  const records: GroupStateRecord[] = members.map((m) => ({
    type: memberType,
    key: key(memberType, shareGroupMemberMetadataKeySchema, { groupId, memberId: m.memberId }),
    value: value(shareGroupMemberMetadataValueSchema, {
      rackId: m.rackId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      subscribedTopicNames: [...m.subscribedTopicNames].sort()
    })
  }))
  const epochType = ShareGroupMetadataRecordType
  records.push({
    type: epochType,
    key: key(epochType, shareGroupMetadataKeySchema, { groupId }),
    value: value(shareGroupMetadataValueSchema, { epoch: group.groupEpoch, metadataHash })
  })
  const targetType = ShareGroupTargetAssignmentMemberRecordType
  for (const memberId of [...group.target.keys()].sort())
    records.push({
      type: targetType,
      key: key(targetType, shareGroupTargetAssignmentMemberKeySchema, { groupId, memberId }),
      value: value(shareGroupTargetAssignmentMemberValueSchema, {
        topicPartitions: byTopicId(group.target.get(memberId) ?? new Map(), topicId)
      })
    })
  const targetEpochType = ShareGroupTargetAssignmentMetadataRecordType
  records.push({
    type: targetEpochType,
    key: key(targetEpochType, shareGroupTargetAssignmentMetadataKeySchema, { groupId }),
    value: value(shareGroupTargetAssignmentMetadataValueSchema, {
      assignmentEpoch: group.assignmentEpoch
    })
  })
  const currentType = ShareGroupCurrentMemberAssignmentRecordType
  for (const m of members)
    records.push({
      type: currentType,
      key: key(currentType, shareGroupCurrentMemberAssignmentKeySchema, {
        groupId,
        memberId: m.memberId
      }),
      value: value(shareGroupCurrentMemberAssignmentValueSchema, {
        memberEpoch: m.memberEpoch,
        previousMemberEpoch: m.previousMemberEpoch,
        state: STABLE,
        assignedPartitions: byTopicId(m.assigned, topicId)
      })
    })
  return records
}
