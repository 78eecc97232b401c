// OffsetDelete (47, KIP-496): removes a group's committed offsets of some partitions, as
// `kafka-consumer-groups --delete-offsets` asks; refused for topics the group's active members
// subscribe to (GROUP_SUBSCRIBED_TO_TOPIC), and per partition of a topic that does not exist.
//
// OffsetDelete Request (Version: 0) => group_id [topics]
//   topics => name [partitions]   partitions => partition_index
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { Encodable, OffsetDeleteRequest, OffsetDeleteResponse } from '../protocol'
import type { RequestContext } from '../request-context'
import { isGroupCoordinator } from './groups'

export function handleOffsetDelete(
  body: OffsetDeleteRequest,
  ctx: RequestContext
): Encodable<OffsetDeleteResponse> {
  if (!isGroupCoordinator(ctx, body.groupId))
    return { errorCode: ErrorCode.NOT_COORDINATOR, throttleTimeMs: 0, topics: [] }
  const known = body.topics.filter((t) => ctx.engine.topic(t.name))
  const unknown = body.topics
    .filter((t) => !ctx.engine.topic(t.name))
    .map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
      }))
    }))
  const result = ctx.engine.deleteGroupOffsets(
    body.groupId,
    known.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => p.partitionIndex) }))
  )
  if (result.errorCode !== ErrorCode.NONE)
    return { errorCode: result.errorCode, throttleTimeMs: 0, topics: [] }
  return { errorCode: ErrorCode.NONE, throttleTimeMs: 0, topics: [...result.topics, ...unknown] }
}
