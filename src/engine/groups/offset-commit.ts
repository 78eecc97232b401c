// OffsetCommit and OffsetFetch: Kafka's checks on who may commit, and committed offsets read back.
import { ErrorCode } from '../../shared/kafka/error-codes'
import type { ClassicGroup } from './classic-group'
import type { ConsumerGroup } from './consumer-group'
import type { CoordinatorContext } from './context'
import { isDiskFull } from '../storage/disk-full'
import type { GroupMember } from './member'
import type { CommittedOffset, OffsetStore } from './offset-store'
import type {
  OffsetCommitParams,
  OffsetCommitResult,
  OffsetFetchParams,
  OffsetFetchResult,
  PartitionSource,
  TxnCommitMember
} from './types'

export interface OffsetContext extends CoordinatorContext {
  readonly store: OffsetStore
  readonly partitions: Pick<PartitionSource, 'partitionCount'>
}

export function handleOffsetCommit(
  ctx: OffsetContext,
  req: OffsetCommitParams
): OffsetCommitResult {
  const errors = new Map<string, number>()
  const key = (topic: string, p: number) => `${p}:${topic}`
  const known: {
    topic: string
    topicId?: string
    p: OffsetCommitParams['topics'][number]['partitions'][number]
  }[] = []
  for (const t of req.topics) {
    const count = ctx.partitions.partitionCount(t.name)
    for (const p of t.partitions) {
      if (count === undefined || p.partitionIndex < 0 || p.partitionIndex >= count)
        errors.set(key(t.name, p.partitionIndex), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
      else known.push({ topic: t.name, ...(t.topicId ? { topicId: t.topicId } : {}), p })
    }
  }
  const groupError = known.length === 0 ? null : commitGroupError(ctx, req)
  if (groupError !== null) {
    for (const k of known) errors.set(key(k.topic, k.p.partitionIndex), groupError)
  } else if (known.length > 0) {
    const now = ctx.now()
    const max = ctx.settings.offsetMetadataMaxBytes
    const accepted: CommittedOffset[] = []
    // As Kafka 4 takes a retention time: the offset expires that long after now, whatever
    // offsets.retention.minutes says (-1, the default, leaves it to the broker).
    const retention = req.retentionTimeMs ?? -1
    const expiry = retention === -1 ? {} : { expireTimestamp: now + retention }
    for (const { topic, topicId, p } of known) {
      const metadata = p.committedMetadata ?? ''
      if (Buffer.byteLength(metadata, 'utf8') > max) {
        errors.set(key(topic, p.partitionIndex), ErrorCode.OFFSET_METADATA_TOO_LARGE)
        continue
      }
      accepted.push({
        topic,
        partition: p.partitionIndex,
        committedOffset: p.committedOffset,
        leaderEpoch: p.committedLeaderEpoch,
        metadata,
        commitTimestamp:
          p.commitTimestamp !== undefined && p.commitTimestamp >= 0 ? p.commitTimestamp : now,
        ...expiry,
        ...(topicId ? { topicId } : {})
      })
    }
    try {
      ctx.store.commit(req.groupId, accepted)
    } catch (err) {
      // As Kafka answers a commit its offsets log could not take (KAFKA_STORAGE_ERROR): the
      // client finds the coordinator again and retries; the group itself is untouched.
      if (!isDiskFull(err)) throw err
      for (const o of accepted) errors.set(key(o.topic, o.partition), ErrorCode.NOT_COORDINATOR)
    }
  }
  return {
    topics: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        errorCode: errors.get(key(t.name, p.partitionIndex)) ?? ErrorCode.NONE
      }))
    }))
  }
}

/** null when the request may commit; otherwise the error every known partition gets. */
function commitGroupError(ctx: OffsetContext, req: OffsetCommitParams): number | null {
  if (!ctx.active) return ErrorCode.COORDINATOR_NOT_AVAILABLE
  const consumerGroup = ctx.consumerGroup(req.groupId)
  if (consumerGroup) return consumerCommitError(consumerGroup, req.memberId, req.generationId)
  let group = ctx.group(req.groupId)
  if (!group) {
    // Generation -1: a group that only stores offsets (admin tools, assign()-based consumers).
    if (req.generationId >= 0) return ErrorCode.ILLEGAL_GENERATION
    group = ctx.createGroup(req.groupId)
    ctx.changed(req.groupId)
  }
  const error = validateOffsetCommit(group, req)
  if (error !== null) return error
  switch (group.state) {
    case 'Empty':
      return null
    case 'Stable':
    case 'PreparingRebalance':
      // A commit renews the session; the rebalance is signalled through the heartbeat.
      ctx.rebalancer.scheduleHeartbeat(group, group.get(req.memberId) as GroupMember)
      return null
    case 'CompletingRebalance':
      return ErrorCode.REBALANCE_IN_PROGRESS
    default:
      return ErrorCode.COORDINATOR_NOT_AVAILABLE
  }
}

/**
 * A consumer-protocol group takes commits from its members at their current member epoch (the
 * request's generation) and, once it has no members, from anyone with epoch -1; a member a
 * heartbeat behind gets STALE_MEMBER_EPOCH (a classic member ILLEGAL_GENERATION), as Kafka
 * answers.
 */
function consumerCommitError(
  group: ConsumerGroup,
  memberId: string,
  memberEpoch: number
): number | null {
  if (memberEpoch < 0 && group.members.size === 0) return null
  const member = group.members.get(memberId)
  if (!member) return ErrorCode.UNKNOWN_MEMBER_ID
  if (memberEpoch === member.memberEpoch) return null
  // A classic member commits with its generation, as in a classic group.
  return member.classic ? ErrorCode.ILLEGAL_GENERATION : ErrorCode.STALE_MEMBER_EPOCH
}

function validateOffsetCommit(group: ClassicGroup, req: OffsetCommitParams): number | null {
  if (group.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE
  if (req.generationId < 0 && group.is('Empty')) return null
  if (req.generationId >= 0 || req.memberId !== '' || req.groupInstanceId !== null) {
    const memberError = group.validateCurrentMember(req.memberId, req.groupInstanceId)
    if (memberError !== null) return memberError
    return req.generationId === group.generationId ? null : ErrorCode.ILLEGAL_GENERATION
  }
  // Only members commit for a group with members.
  return group.is('Empty') ? null : ErrorCode.UNKNOWN_MEMBER_ID
}

/**
 * Kafka's checks on a TxnOffsetCommit (KIP-447): a member that names itself must be the
 * group's current one in its current generation; a commit without a member is taken whatever
 * the group's state, as the producer may commit for a consumer it is not; no group with a
 * generation is ILLEGAL_GENERATION. Null when the commit may go on.
 */
export function txnOffsetCommitError(
  ctx: Pick<OffsetContext, 'active' | 'group' | 'consumerGroup'>,
  groupId: string,
  who: TxnCommitMember
): number | null {
  if (!ctx.active) return ErrorCode.COORDINATOR_NOT_AVAILABLE
  const consumerGroup = ctx.consumerGroup(groupId)
  if (consumerGroup) {
    if (who.generationId < 0 && who.memberId === '' && who.groupInstanceId === null) return null
    return consumerCommitError(consumerGroup, who.memberId, who.generationId)
  }
  const group = ctx.group(groupId)
  if (!group) return who.generationId >= 0 ? ErrorCode.ILLEGAL_GENERATION : null
  if (group.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE
  if (who.generationId < 0 && group.is('Empty')) return null
  if (who.generationId >= 0 || who.memberId !== '' || who.groupInstanceId !== null) {
    const memberError = group.validateCurrentMember(who.memberId, who.groupInstanceId)
    if (memberError !== null) return memberError
    return who.generationId === group.generationId ? null : ErrorCode.ILLEGAL_GENERATION
  }
  return null
}

/** Committed offsets regardless of the group's state; -1 where there is none. */
export function handleOffsetFetch(ctx: OffsetContext, req: OffsetFetchParams): OffsetFetchResult {
  if (!ctx.active) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, topics: [] }
  const committed = ctx.store.offsets(req.groupId)
  const toPartition = (o: CommittedOffset) => ({
    partitionIndex: o.partition,
    committedOffset: o.committedOffset,
    committedLeaderEpoch: o.leaderEpoch,
    metadata: o.metadata,
    errorCode: ErrorCode.NONE
  })
  if (req.topics === null) {
    const byTopic = new Map<string, CommittedOffset[]>()
    for (const o of committed) byTopic.set(o.topic, [...(byTopic.get(o.topic) ?? []), o])
    return {
      errorCode: ErrorCode.NONE,
      topics: [...byTopic].map(([name, list]) => ({ name, partitions: list.map(toPartition) }))
    }
  }
  const byKey = new Map(committed.map((o) => [`${o.partition}:${o.topic}`, o]))
  return {
    errorCode: ErrorCode.NONE,
    topics: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitionIndexes.map((partitionIndex) => {
        const o = byKey.get(`${partitionIndex}:${t.name}`)
        return o
          ? toPartition(o)
          : {
              partitionIndex,
              committedOffset: -1,
              committedLeaderEpoch: -1,
              metadata: '',
              errorCode: ErrorCode.NONE
            }
      })
    }))
  }
}
