// The check a consumer's Fetch starts with, as Kafka's Partition.fetchRecords makes it: from Fetch
// 11 (KIP-392) a consumer may read from any replica of a partition, not only its leader; a
// follower serves what it has copied, up to its own high watermark (the leader's, or its own log
// end if that is lower). Kafka's leader epoch checks apply on either. A broker with no replica of
// the partition (or any broker, to a fetch that must go to the leader) is NOT_LEADER_OR_FOLLOWER.
import type { PartitionLog } from '../log/partition-log'
import type { PartitionState, Topic } from '../log/topic-registry'
import type { RequestContext } from './request-context'
import { resolveLeaderPartition, staleEpoch, type LeaderPartition } from './leader-partition'

export type ReplicaPartition =
  | LeaderPartition
  | {
      kind: 'follower'
      topic: Topic
      state: PartitionState
      log: PartitionLog
      /** How far this broker's replica reaches. */
      logEndOffset: number
      /** What this replica may serve: the leader's high watermark, at most its log end. */
      highWatermark: number
    }

export function resolveReplicaPartition(
  ctx: RequestContext,
  topic: Topic | undefined,
  partition: number,
  currentLeaderEpoch: number,
  followerMayServe: boolean
): ReplicaPartition {
  const led = resolveLeaderPartition(ctx, topic, partition, currentLeaderEpoch)
  if (led.kind !== 'not-leader' || !followerMayServe || !topic) return led
  const state = topic.partitions[partition]
  if (!state.replicas.includes(ctx.broker.id)) return led
  const stale = staleEpoch(state, currentLeaderEpoch)
  if (stale) return stale
  const log = ctx.engine.partitionLog(topic, partition)
  const logEndOffset = ctx.engine.replicaLogEnd(topic, state, ctx.broker.id)
  return {
    kind: 'follower',
    topic,
    state,
    log,
    logEndOffset,
    highWatermark: Math.min(log.highWatermark, logEndOffset)
  }
}
