// DescribeTopicPartitions (key 75, KIP-966): topics and their partitions' leaders, replicas, ISR
// and eligible leader replicas, a page at a time. The Java admin client (3.7+) describes topics
// with it. As Kafka's DescribeTopicPartitionsRequestHandler: the named topics (every topic for an
// empty list) from the cursor's topic on, sorted by name, at most response_partition_limit
// partitions per answer (and at most max.request.partition.size.limit, 2000); next_cursor names
// the topic and partition the next page starts at, null once everything was answered.
//
// DescribeTopicPartitions Request (Version: 0) => [topics] response_partition_limit cursor
//   topics => name   cursor => topic_name partition_index
import { ErrorCode } from '../../../shared/kafka/error-codes'
import { ZERO_UUID } from '../../../shared/kafka/protocol-constants'
import { isInternalTopic, topicNameProblem } from '../../../shared/kafka/topic-names'
import type { Topic } from '../../log/topic-registry'
import type {
  DescribeTopicPartitionsRequest,
  DescribeTopicPartitionsResponse,
  DescribeTopicPartitionsResponseTopic,
  Encodable
} from '../protocol'
import type { RequestContext } from '../request-context'
import { authorizedOperations } from '../authorized-operations'
import { mapRequestInSlices } from '../time-slices'

type ResponseTopic = Encodable<DescribeTopicPartitionsResponseTopic>

/** One topic of the page: a topic that exists with the partitions [from, to), or a name without one. */
type PageEntry = { name: string; topic: Topic; from: number; to: number } | { name: string }

/** A named topic answered with an error and nothing else (no topic id, as Kafka answers it). */
function topicError(name: string, errorCode: number): ResponseTopic {
  return {
    errorCode,
    name,
    topicId: ZERO_UUID,
    isInternal: false,
    partitions: []
  }
}

export async function handleDescribeTopicPartitions(
  body: DescribeTopicPartitionsRequest,
  ctx: RequestContext
): Promise<Encodable<DescribeTopicPartitionsResponse>> {
  const { engine } = ctx
  const all = body.topics.length === 0
  const cursor = body.cursor
  const first = cursor?.topicName ?? ''
  const names = new Set<string>()
  for (const name of all ? engine.listTopics().map((t) => t.name) : body.topics.map((t) => t.name))
    if (name >= first) names.add(name)
  // The cursor's topic must be among those named, and its partition index not negative: the
  // whole request is refused otherwise, each named topic answered INVALID_REQUEST.
  if (cursor && ((!all && !names.has(cursor.topicName)) || cursor.partitionIndex < 0))
    return {
      throttleTimeMs: 0,
      topics: body.topics.map((t) => topicError(t.name, ErrorCode.INVALID_REQUEST)),
      nextCursor: null
    }

  // The page: whole topics while the limit allows, then part of one; the cursor says where the
  // next page starts. (Code-unit order, as Java's String.compareTo sorts.)
  const page: PageEntry[] = []
  let nextCursor: { topicName: string; partitionIndex: number } | null = null
  let remaining = Math.min(
    ctx.settings.limits.maxRequestPartitionSizeLimit,
    body.responsePartitionLimit
  )
  for (const name of [...names].sort()) {
    // A limit below zero answers nothing, and no cursor (as Kafka does).
    if (remaining < 0) break
    if (remaining === 0) {
      nextCursor = { topicName: name, partitionIndex: 0 }
      break
    }
    const topic = engine.topic(name)
    if (!topic) {
      // Listing every topic, one that went meanwhile is left out.
      if (!all) page.push({ name })
      continue
    }
    const count = topic.partitions.length
    const from = name === cursor?.topicName ? cursor.partitionIndex : 0
    const to = Math.min(count, from + remaining)
    page.push({ name, topic, from, to })
    if (to < count) {
      nextCursor = { topicName: name, partitionIndex: to }
      break
    }
    remaining -= Math.max(0, to - from)
  }

  const online = new Set(engine.onlineBrokerIds())
  const topics = await mapRequestInSlices(ctx, page, (entry): ResponseTopic => {
    const operations = authorizedOperations(ctx, 'TOPIC', entry.name)
    if (!('topic' in entry))
      return {
        errorCode:
          topicNameProblem(entry.name) === null
            ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
            : ErrorCode.INVALID_TOPIC_EXCEPTION,
        name: entry.name,
        topicId: ZERO_UUID,
        isInternal: isInternalTopic(entry.name),
        partitions: [],
        topicAuthorizedOperations: operations
      }
    const { topic, from, to } = entry
    return {
      errorCode: ErrorCode.NONE,
      name: topic.name,
      topicId: topic.uuid,
      isInternal: topic.internal,
      partitions: topic.partitions.slice(from, to).map((p) => ({
        errorCode: ErrorCode.NONE,
        partitionIndex: p.partition,
        leaderId: p.leader,
        leaderEpoch: p.leaderEpoch,
        replicaNodes: p.replicas,
        isrNodes: p.isr,
        // No eligible leader replicas (KIP-966's ELR) without ELR: empty, as Kafka answers then.
        eligibleLeaderReplicas: [],
        lastKnownElr: [],
        offlineReplicas: p.replicas.filter((r) => !online.has(r))
      })),
      topicAuthorizedOperations: operations
    }
  })
  return { throttleTimeMs: 0, topics, nextCursor }
}
