// groups.resetOffsets: plans new committed offsets (earliest, latest, offset, timestamp,
// shift-by) for a topic's partitions and applies them, only while the group has no members.
import { ErrorCode } from '../../shared/kafka/error-codes'
import type { OffsetResetPlan } from '../../shared/api/groups'
import type { Params } from '../../shared/contract'
import { EngineError } from '../engine-error'
import type { GroupCoordinator } from './coordinator'

import type { PartitionOffsets, PartitionSource } from './types'

export type ResetOffsetsParams = Params<'groups.resetOffsets'>

export function activeGroupError(groupId: string, state: string, members: number): EngineError {
  return new EngineError(
    'group-not-empty',
    `Offsets of group '${groupId}' can only be reset while it has no active members; it is ` +
      `${state} with ${members} member(s). Stop its consumers and try again.`,
    'groupId'
  )
}

export function resetOffsets(
  coordinator: GroupCoordinator,
  source: PartitionSource,
  params: ResetOffsetsParams
): OffsetResetPlan {
  const { groupId, topic } = params
  const dryRun = params.dryRun ?? false
  const group = coordinator.group(groupId)
  if (group && !group.is('Empty')) throw activeGroupError(groupId, group.state, group.size)
  const consumerGroup = coordinator.consumerGroup(groupId)
  if (consumerGroup && consumerGroup.members.size > 0)
    throw activeGroupError(groupId, consumerGroup.state, consumerGroup.members.size)
  const offsets = planOffsets(
    source,
    params,
    (p) => coordinator.store.offset(groupId, topic, p)?.committedOffset ?? null
  )
  if (!dryRun) {
    const now = coordinator.now()
    const error = coordinator.commitAdminOffsets(
      groupId,
      offsets.map((o) => ({
        topic,
        partition: o.partition,
        committedOffset: o.newOffset,
        leaderEpoch: -1,
        metadata: '',
        commitTimestamp: now
      }))
    )
    if (error === ErrorCode.NON_EMPTY_GROUP) {
      const g = coordinator.group(groupId)
      const cg = coordinator.consumerGroup(groupId)
      throw activeGroupError(
        groupId,
        g?.state ?? cg?.state ?? 'active',
        g?.size ?? cg?.members.size ?? 0
      )
    }
    if (error !== ErrorCode.NONE)
      throw new EngineError('unavailable', 'The group coordinator is not available')
  }
  return { groupId, dryRun, offsets }
}

/**
 * The new offsets of a reset of the topic's partitions (all, or those asked), from each
 * partition's bounds and the group's offset there now (`previousOf`, null: none).
 */
export function planOffsets(
  source: PartitionSource,
  params: ResetOffsetsParams,
  previousOf: (partition: number) => number | null
): OffsetResetPlan['offsets'] {
  const { groupId, topic, to } = params
  const count = source.partitionCount(topic)
  if (count === undefined)
    throw new EngineError('unknown-topic', `Topic '${topic}' does not exist`, 'topic')
  const partitions = [...new Set(params.partitions ?? Array.from({ length: count }, (_, i) => i))]
  partitions.sort((a, b) => a - b)
  for (const p of partitions)
    if (p >= count)
      throw new EngineError('not-found', `Topic '${topic}' has no partition ${p}`, 'partitions')

  return partitions.map((partition) => {
    const range: PartitionOffsets = source.partitionOffsets(topic, partition) ?? {
      logStartOffset: 0,
      highWatermark: 0
    }
    const previousOffset = previousOf(partition)
    let target: number
    if ('earliest' in to) target = range.logStartOffset
    else if ('latest' in to) target = range.highWatermark
    else if ('offset' in to) target = to.offset
    else if ('timestamp' in to)
      target = source.offsetForTimestamp(topic, partition, to.timestamp) ?? range.highWatermark
    else {
      if (previousOffset === null)
        throw new EngineError(
          'invalid-argument',
          `Cannot shift the offset of ${topic}-${partition}: group '${groupId}' has no offset there`,
          'to'
        )
      target = previousOffset + to.shiftBy
    }
    // Out-of-range targets land on the nearest end of the log, as kafka-consumer-groups does.
    const newOffset = Math.min(Math.max(target, range.logStartOffset), range.highWatermark)
    return { topic, partition, previousOffset, newOffset, lag: range.highWatermark - newOffset }
  })
}
