// The share group (KIP-932) APIs the console sends to a real cluster, which @platformatic/kafka
// has no codecs for, written from Kafka's message definitions (scripts/kafka-spec-newer/) with
// the library's Writer and Reader, so that they go over the library's connections like its own:
//
// ShareGroupDescribe Request (Version: 1) => [group_ids] include_authorized_operations TAG_BUFFER
// ShareGroupDescribe Response (Version: 1) => throttle_time_ms [groups] TAG_BUFFER
//   groups => error_code error_message group_id group_state group_epoch assignment_epoch
//             assignor_name [members] authorized_operations TAG_BUFFER
//     members => member_id rack_id member_epoch client_id client_host [subscribed_topic_names]
//                assignment TAG_BUFFER
//       assignment => [topic_partitions] TAG_BUFFER
//         topic_partitions => topic_id topic_name [partitions] TAG_BUFFER
// DescribeShareGroupOffsets Request (Version: 0) => [groups] TAG_BUFFER
//   groups => group_id [topics] TAG_BUFFER   (topics null: every partition the group has state in)
//     topics => topic_name [partitions] TAG_BUFFER
// DescribeShareGroupOffsets Response (Version: 0) => throttle_time_ms [groups] TAG_BUFFER
//   groups => group_id [topics] error_code error_message TAG_BUFFER
//     topics => topic_name topic_id [partitions] TAG_BUFFER
//       partitions => partition_index start_offset leader_epoch error_code error_message TAG_BUFFER
// AlterShareGroupOffsets Request (Version: 0) => group_id [topics] TAG_BUFFER
//   topics => topic_name [partitions] TAG_BUFFER
//     partitions => partition_index start_offset TAG_BUFFER
// AlterShareGroupOffsets Response (Version: 0) => throttle_time_ms error_code error_message
//   [responses] TAG_BUFFER
//   responses => topic_name topic_id [partitions] TAG_BUFFER
//     partitions => partition_index error_code error_message TAG_BUFFER
// DeleteShareGroupOffsets Request (Version: 0) => group_id [topics] TAG_BUFFER
//   topics => topic_name TAG_BUFFER
// DeleteShareGroupOffsets Response (Version: 0) => throttle_time_ms error_code error_message
//   [responses] TAG_BUFFER
//   responses => topic_name topic_id error_code error_message TAG_BUFFER
import { createAPI, Writer, type Reader } from '@platformatic/kafka'

export const SHARE_GROUP_DESCRIBE = { key: 77, version: 1 }
export const DESCRIBE_SHARE_GROUP_OFFSETS = { key: 90, version: 0 }
export const ALTER_SHARE_GROUP_OFFSETS = { key: 91, version: 0 }
export const DELETE_SHARE_GROUP_OFFSETS = { key: 92, version: 0 }

interface OffsetsRequestTopic {
  topicName: string
  partitions: number[]
}
/** topics null: every partition the group has state in. */
interface OffsetsRequestGroup {
  groupId: string
  topics: OffsetsRequestTopic[] | null
}
interface AlterRequestTopic {
  topicName: string
  partitions: { partitionIndex: number; startOffset: bigint }[]
}

interface TopicPartitions {
  topicId: string
  topicName: string
  partitions: number[]
}

export interface DescribedShareGroup {
  errorCode: number
  errorMessage: string | null
  groupId: string
  groupState: string
  groupEpoch: number
  assignmentEpoch: number
  assignorName: string
  members: {
    memberId: string
    rackId: string | null
    memberEpoch: number
    clientId: string
    clientHost: string
    subscribedTopicNames: string[]
    assignment: TopicPartitions[]
  }[]
  authorizedOperations: number
}

const int32s = (r: Reader) => r.readArray((r) => r.readInt32(), true, false)
const strings = (r: Reader) => r.readArray((r) => r.readString(), true, false)

function readMember(r: Reader): DescribedShareGroup['members'][number] {
  const member = {
    memberId: r.readString(),
    rackId: r.readNullableString(),
    memberEpoch: r.readInt32(),
    clientId: r.readString(),
    clientHost: r.readString(),
    subscribedTopicNames: strings(r),
    assignment: r.readArray((r) => ({
      topicId: r.readUUID(),
      topicName: r.readString(),
      partitions: int32s(r)
    }))
  }
  r.readTaggedFields() // the Assignment struct's
  return member
}

export const shareGroupDescribe = createAPI<
  [groupIds: string[], includeAuthorizedOperations: boolean],
  { throttleTimeMs: number; groups: DescribedShareGroup[] }
>(
  SHARE_GROUP_DESCRIBE.key,
  SHARE_GROUP_DESCRIBE.version,
  (groupIds, include) =>
    Writer.create()
      .appendArray(groupIds, (w, id: string) => w.appendString(id), true, false)
      .appendBoolean(include)
      .appendTaggedFields(),
  (_correlationId, _apiKey, _apiVersion, reader) => {
    const response = {
      throttleTimeMs: reader.readInt32(),
      groups: reader.readArray((r): DescribedShareGroup => ({
        errorCode: r.readInt16(),
        errorMessage: r.readNullableString(),
        groupId: r.readString(),
        groupState: r.readString(),
        groupEpoch: r.readInt32(),
        assignmentEpoch: r.readInt32(),
        assignorName: r.readString(),
        members: r.readArray(readMember),
        authorizedOperations: r.readInt32()
      }))
    }
    reader.readTaggedFields()
    return response
  }
)

export interface DescribedShareOffsets {
  groupId: string
  topics: {
    topicName: string
    topicId: string
    partitions: {
      partitionIndex: number
      startOffset: bigint
      leaderEpoch: number
      errorCode: number
      errorMessage: string | null
    }[]
  }[]
  errorCode: number
  errorMessage: string | null
}

export const describeShareGroupOffsets = createAPI<
  [groups: OffsetsRequestGroup[]],
  { throttleTimeMs: number; groups: DescribedShareOffsets[] }
>(
  DESCRIBE_SHARE_GROUP_OFFSETS.key,
  DESCRIBE_SHARE_GROUP_OFFSETS.version,
  (groups) =>
    Writer.create()
      .appendArray(groups, (w, g: OffsetsRequestGroup) => {
        w.appendString(g.groupId).appendArray(g.topics, (w, t: OffsetsRequestTopic) => {
          w.appendString(t.topicName).appendArray(
            t.partitions,
            (w, p: number) => w.appendInt32(p),
            true,
            false
          )
        })
      })
      .appendTaggedFields(),
  (_correlationId, _apiKey, _apiVersion, reader) => {
    const response = {
      throttleTimeMs: reader.readInt32(),
      groups: reader.readArray((r): DescribedShareOffsets => ({
        groupId: r.readString(),
        topics: r.readArray((r) => ({
          topicName: r.readString(),
          topicId: r.readUUID(),
          partitions: r.readArray((r) => ({
            partitionIndex: r.readInt32(),
            startOffset: r.readInt64(),
            leaderEpoch: r.readInt32(),
            errorCode: r.readInt16(),
            errorMessage: r.readNullableString()
          }))
        })),
        errorCode: r.readInt16(),
        errorMessage: r.readNullableString()
      }))
    }
    reader.readTaggedFields()
    return response
  }
)

interface AlterShareOffsetsResponse {
  throttleTimeMs: number
  errorCode: number
  errorMessage: string | null
  responses: {
    topicName: string
    topicId: string
    partitions: { partitionIndex: number; errorCode: number; errorMessage: string | null }[]
  }[]
}

/** The answer as it came: the caller reads its error and the partitions'. */
export const alterShareGroupOffsets = createAPI<
  [groupId: string, topics: AlterRequestTopic[]],
  AlterShareOffsetsResponse
>(
  ALTER_SHARE_GROUP_OFFSETS.key,
  ALTER_SHARE_GROUP_OFFSETS.version,
  (groupId, topics) =>
    Writer.create()
      .appendString(groupId)
      .appendArray(topics, (w, t: AlterRequestTopic) => {
        w.appendString(t.topicName).appendArray(
          t.partitions,
          (w, p: AlterRequestTopic['partitions'][number]) => {
            w.appendInt32(p.partitionIndex).appendInt64(p.startOffset)
          }
        )
      })
      .appendTaggedFields(),
  (_correlationId, _apiKey, _apiVersion, reader) => {
    const response: AlterShareOffsetsResponse = {
      throttleTimeMs: reader.readInt32(),
      errorCode: reader.readInt16(),
      errorMessage: reader.readNullableString(),
      responses: reader.readArray((r) => ({
        topicName: r.readString(),
        topicId: r.readUUID(),
        partitions: r.readArray((r) => ({
          partitionIndex: r.readInt32(),
          errorCode: r.readInt16(),
          errorMessage: r.readNullableString()
        }))
      }))
    }
    reader.readTaggedFields()
    return response
  }
)

interface DeleteShareOffsetsResponse {
  throttleTimeMs: number
  errorCode: number
  errorMessage: string | null
  responses: {
    topicName: string
    topicId: string
    errorCode: number
    errorMessage: string | null
  }[]
}

/** The answer as it came: the caller reads its error and the topics'. */
export const deleteShareGroupOffsets = createAPI<
  [groupId: string, topicNames: string[]],
  DeleteShareOffsetsResponse
>(
  DELETE_SHARE_GROUP_OFFSETS.key,
  DELETE_SHARE_GROUP_OFFSETS.version,
  (groupId, topicNames) =>
    Writer.create()
      .appendString(groupId)
      .appendArray(topicNames, (w, name: string) => w.appendString(name))
      .appendTaggedFields(),
  (_correlationId, _apiKey, _apiVersion, reader) => {
    const response: DeleteShareOffsetsResponse = {
      throttleTimeMs: reader.readInt32(),
      errorCode: reader.readInt16(),
      errorMessage: reader.readNullableString(),
      responses: reader.readArray((r) => ({
        topicName: r.readString(),
        topicId: r.readUUID(),
        errorCode: r.readInt16(),
        errorMessage: r.readNullableString()
      }))
    }
    reader.readTaggedFields()
    return response
  }
)
