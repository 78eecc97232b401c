// The check every partition-level read or write starts with, as Kafka's broker makes it: the
// topic and partition exist, this broker leads it, and the client's leader epoch is current.
import { ErrorCode } from '../../shared/kafka/error-codes'
import type { PartitionLog } from '../log/partition-log'
import type { PartitionState, Topic } from '../log/topic-registry'

import type { RequestContext } from './request-context'
import { endpointOn } from '../cluster/brokers'

export type LeaderPartition =
  | { kind: 'led'; topic: Topic; state: PartitionState; log: PartitionLog }
  | { kind: 'unknown-partition'; errorCode: typeof ErrorCode.UNKNOWN_TOPIC_OR_PARTITION }
  | {
      kind: 'not-leader'
      errorCode: typeof ErrorCode.NOT_LEADER_OR_FOLLOWER
      /** The leader the client should go to instead (-1 when the partition is offline). */
      currentLeader: { leaderId: number; leaderEpoch: number }
    }
  | { kind: 'fenced-epoch'; errorCode: typeof ErrorCode.FENCED_LEADER_EPOCH }
  | { kind: 'unknown-epoch'; errorCode: typeof ErrorCode.UNKNOWN_LEADER_EPOCH }

/**
 * Topic -> partition -> led by this broker? -> epoch current? A `currentLeaderEpoch` of -1
 * (clients that send none) skips the epoch check.
 */
export function resolveLeaderPartition(
  ctx: RequestContext,
  topic: Topic | undefined,
  partition: number,
  currentLeaderEpoch = -1
): LeaderPartition {
  const state = topic?.partitions[partition]
  if (!topic || !state)
    return { kind: 'unknown-partition', errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION }
  if (state.leader !== ctx.broker.id)
    return {
      kind: 'not-leader',
      errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER,
      currentLeader: { leaderId: state.leader, leaderEpoch: state.leaderEpoch }
    }
  if (currentLeaderEpoch >= 0 && currentLeaderEpoch < state.leaderEpoch)
    return { kind: 'fenced-epoch', errorCode: ErrorCode.FENCED_LEADER_EPOCH }
  if (currentLeaderEpoch > state.leaderEpoch)
    return { kind: 'unknown-epoch', errorCode: ErrorCode.UNKNOWN_LEADER_EPOCH }
  return { kind: 'led', topic, state, log: ctx.engine.partitionLog(topic, partition) }
}

/**
 * KIP-951's node endpoints (Fetch 16+, Produce 10+): where the running leaders among `ids`
 * listen, as the client's listener advertises them, so that it goes there without a Metadata.
 */
export function leaderEndpoints(ctx: RequestContext, ids: ReadonlySet<number>) {
  if (ids.size === 0) return []
  return ctx.engine
    .onlineBrokers()
    .filter((b) => ids.has(b.id))
    .map((b) => ({
      nodeId: b.id,
      ...endpointOn(b, ctx.listenerName),
      rack: ctx.engine.brokerRack(b.id)
    }))
}
