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
  return (
    staleEpoch(state, currentLeaderEpoch) ?? {
      kind: 'led',
      topic,
      state,
      log: ctx.engine.partitionLog(topic, partition)
    }
  )
}

/** The client's leader epoch against the partition's, on a leader or a follower (-1: unchecked). */
export function staleEpoch(state: PartitionState, currentLeaderEpoch: number) {
  if (currentLeaderEpoch >= 0 && currentLeaderEpoch < state.leaderEpoch)
    return { kind: 'fenced-epoch', errorCode: ErrorCode.FENCED_LEADER_EPOCH } as const
  if (currentLeaderEpoch > state.leaderEpoch)
    return { kind: 'unknown-epoch', errorCode: ErrorCode.UNKNOWN_LEADER_EPOCH } as const
  return null
}

/** A partition's answer, as far as KIP-951's node endpoints look at it. */
interface PartitionAnswer {
  errorCode?: number
  currentLeader?: { leaderId?: number }
}

/**
 * KIP-951's node endpoints (Fetch 16+, Produce 10+): where the running leaders that
 * NOT_LEADER_OR_FOLLOWER answers name listen, as the client's listener advertises them, so that
 * it goes there without a Metadata. Nothing to look up when no partition was refused so.
 */
export function movedLeaderEndpoints(ctx: RequestContext, answers: Iterable<PartitionAnswer>) {
  let ids: Set<number> | null = null
  for (const a of answers) {
    const leader = a.currentLeader?.leaderId ?? -1
    if (leader >= 0 && a.errorCode === ErrorCode.NOT_LEADER_OR_FOLLOWER)
      (ids ??= new Set()).add(leader)
  }
  if (ids === null) return []
  const moved = ids
  return ctx.engine
    .onlineBrokers()
    .filter((b) => moved.has(b.id))
    .map((b) => ({
      nodeId: b.id,
      ...endpointOn(b, ctx.listenerName),
      rack: ctx.engine.brokerRack(b.id)
    }))
}
