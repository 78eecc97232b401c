// Fetch (1): whole stored batches from each partition's leader, or from a follower for a consumer's
// Fetch 11+ (fetch-read.ts); a long poll that returns once minBytes are there, an append wakes it,
// maxWaitMs passes, or a leader names a preferred read replica (KIP-392). Fetch sessions
// (KIP-227, fetch-session-context.ts) let a client send only what changed and hear only of
// partitions with news; Fetch 13+ names topics by id (UNKNOWN_TOPIC_ID for an id no topic has).
// With ACLs on, READ is checked here on every partition the fetch serves, its session's included
// (authorization/fetch-access.ts); a refused partition is answered TOPIC_AUTHORIZATION_FAILED
// without being read, and does not end a long poll.
//
// Fetch Request (Version: 17) => max_wait_ms min_bytes max_bytes isolation_level session_id
//   session_epoch [topics] [forgotten_topics_data] rack_id
//   (17 adds each partition's replica_directory_id, a tagged field a follower sends (KIP-853),
//   which consumers leave out and is not needed here; its response is 16's)
import { ErrorCode } from '../../../shared/kafka/error-codes'
import type { Encodable, FetchRequest, FetchResponse } from '../protocol'
import type { RequestContext } from '../request-context'
import { unreadableTargets } from '../authorization/fetch-access'
import { movedLeaderEndpoints } from '../leader-partition'
import {
  readOnce,
  recordBytes,
  refusedPartition,
  type FetchTarget,
  type PartitionData
} from './fetch-read'
import {
  finishFetch,
  newFetchContext,
  usesTopicIds,
  type FetchAnswer
} from './fetch-session-context'

type TopicResponse = Encodable<FetchResponse['responses'][number]>

export async function handleFetch(
  body: FetchRequest,
  ctx: RequestContext,
  apiVersion: number
): Promise<Encodable<FetchResponse>> {
  const deadline = Date.now() + Math.max(0, body.maxWaitMs)
  const replicaId = apiVersion >= 15 ? body.replicaState.replicaId : body.replicaId
  // Consumers' isolation level (v4+) tells read_committed groups apart, for their lag.
  if (replicaId < 0)
    ctx.engine.noteConsumerFetch(
      ctx.header.clientId ?? '',
      ctx.clientHost,
      apiVersion >= 4 && body.isolationLevel === 1
    )
  const cache = ctx.fetchSessions
  const context = newFetchContext(body, apiVersion, cache)
  if (context.kind === 'error')
    return { throttleTimeMs: 0, errorCode: context.errorCode, sessionId: 0, responses: [] }
  // A request-level maxBytes exists from v3; the broker's fetch.max.bytes caps every version.
  const fetchMaxBytes = ctx.settings.limits.fetchMaxBytes
  const opts = {
    maxBytes: apiVersion >= 3 ? Math.min(body.maxBytes, fetchMaxBytes) : fetchMaxBytes,
    readCommitted: body.isolationLevel === 1,
    topicIds: usesTopicIds(apiVersion),
    // KIP-392: a consumer's Fetch 11+ may be served by a follower, and carries its client.rack.
    consumerRack: apiVersion >= 11 && replicaId < 0 ? body.rackId : null
  }
  // Without ACLs nothing is asked.
  const refused = ctx.authorizer
    ? unreadableTargets(context.targets, ctx, ctx.authorizer)
    : undefined
  const targets = refused ? context.targets.filter((t) => !refused.has(t)) : context.targets
  for (;;) {
    const pass = readOnce(targets, opts, ctx)
    const remaining = deadline - Date.now()
    const done =
      pass.bytes >= Math.max(1, body.minBytes) ||
      remaining <= 0 ||
      pass.keys.length === 0 ||
      pass.partitions.some(
        (p) => (p.errorCode ?? 0) !== ErrorCode.NONE || (p.preferredReadReplica ?? -1) >= 0
      )
    if (!done) await ctx.engine.waitForAppends(pass.keys, remaining)
    if (done || ctx.closed?.()) {
      if (replicaId < 0) countFetch(ctx, targets, pass.partitions)
      const partitions = refused
        ? withRefused(context.targets, refused, pass.partitions)
        : pass.partitions
      const answer = finishFetch(context, partitions, cache, {
        apiVersion,
        privileged: replicaId >= 0
      })
      return response(answer, ctx, apiVersion)
    }
  }
}

/**
 * The partitions a consumer's Fetch read, as Kafka's BrokerTopicMetrics count them: each of a
 * topic the broker has, its record bytes, and a failure for errors other than those of a moved
 * leader, an unknown partition or an offset out of range.
 */
function countFetch(
  ctx: RequestContext,
  targets: readonly FetchTarget[],
  read: readonly PartitionData[]
): void {
  const stats = ctx.engine.brokerStats(ctx.broker.id)
  for (const [i, p] of read.entries()) {
    const code = p.errorCode ?? ErrorCode.NONE
    if (code === ErrorCode.UNKNOWN_TOPIC_ID || code === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
      continue
    stats.fetched(targets[i].topic, recordBytes(p), !FETCH_NOT_FAILURES.has(code))
  }
}

/** Errors Kafka's FailedFetchRequestsPerSec leaves out. */
const FETCH_NOT_FAILURES = new Set<number>([
  ErrorCode.NONE,
  ErrorCode.NOT_LEADER_OR_FOLLOWER,
  ErrorCode.UNKNOWN_LEADER_EPOCH,
  ErrorCode.FENCED_LEADER_EPOCH,
  ErrorCode.REPLICA_NOT_AVAILABLE,
  ErrorCode.KAFKA_STORAGE_ERROR,
  ErrorCode.OFFSET_OUT_OF_RANGE
])

/** One answer per target, in the targets' order: the refused ones' and those read. */
function withRefused(
  targets: readonly FetchTarget[],
  refused: ReadonlySet<FetchTarget>,
  read: readonly PartitionData[]
): PartitionData[] {
  let next = 0
  return targets.map((t) =>
    refused.has(t) ? refusedPartition(t, ErrorCode.TOPIC_AUTHORIZATION_FAILED) : read[next++]
  )
}

function response(
  answer: FetchAnswer,
  ctx: RequestContext,
  apiVersion: number
): Encodable<FetchResponse> {
  const responses: TopicResponse[] = []
  let last: (TopicResponse & { partitions: PartitionData[] }) | undefined
  for (const { target, data } of answer.partitions) {
    // Consecutive partitions of a topic share its entry, as Kafka builds the answer.
    if (!last || last.topic !== target.topic || last.topicId !== target.topicId) {
      last = { topic: target.topic, topicId: target.topicId, partitions: [] }
      responses.push(last)
    }
    last.partitions.push(data)
  }
  return {
    throttleTimeMs: 0,
    errorCode: answer.errorCode,
    sessionId: answer.sessionId,
    responses,
    nodeEndpoints:
      apiVersion >= 16
        ? movedLeaderEndpoints(
            ctx,
            answer.partitions.map((p) => p.data)
          )
        : []
  }
}
