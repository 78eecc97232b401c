// groups.resetOffsets and groups.deleteShareOffsets of a share group (KIP-932), as kafka-share-groups.sh --reset-offsets does
// it with AlterShareGroupOffsets: plans new share-partition start offsets (earliest, latest, an
// offset, a timestamp, a shift from the start offset) for a topic's partitions and sets them,
// dropping the partitions' in-flight state, only while the group has no members (Kafka's
// NON_EMPTY_GROUP); a dry run previews them at any time.
import type { OffsetResetPlan } from '../../shared/api/groups'
import { EngineError } from '../engine-error'
import { activeGroupError, planOffsets, type ResetOffsetsParams } from '../groups/offset-reset'
import type { PartitionSource } from '../groups/types'
import type { ShareGroup } from './share-group'
import type { ShareStartOffset } from './share-views'

export interface ShareStartOffsets {
  /** The group's share partitions and their start offsets. */
  of(groupId: string): ShareStartOffset[]
  /** Sets start offsets of a topic's partitions (AlterShareGroupOffsets). */
  set(groupId: string, topic: string, offsets: { partition: number; startOffset: number }[]): void
  /** Forgets the group's state of a topic's partitions (DeleteShareGroupOffsets). */
  forget(groupId: string, topic: string): void
}

export function resetShareOffsets(
  group: ShareGroup,
  source: PartitionSource,
  starts: ShareStartOffsets,
  params: ResetOffsetsParams
): OffsetResetPlan {
  const { groupId, topic } = params
  const dryRun = params.dryRun ?? false
  // A preview is fine while members are in, as kafka-share-groups.sh --dry-run is.
  if (group.members.size > 0 && !dryRun)
    throw activeGroupError(groupId, group.state, group.members.size)
  const known = new Map(
    starts
      .of(groupId)
      .filter((s) => s.topic === topic)
      .map((s) => [s.partition, s.startOffset])
  )
  const offsets = planOffsets(source, params, (p) => known.get(p) ?? null)
  if (!dryRun)
    starts.set(
      groupId,
      topic,
      offsets.map((o) => ({ partition: o.partition, startOffset: o.newOffset }))
    )
  return { groupId, dryRun, offsets }
}

/** groups.deleteShareOffsets: the group's state of the topic goes, only while it is empty. */
export function deleteShareOffsets(
  group: ShareGroup,
  source: PartitionSource,
  starts: ShareStartOffsets,
  topic: string
): void {
  if (group.members.size > 0) throw activeGroupError(group.groupId, group.state, group.members.size)
  if (source.partitionCount(topic) === undefined)
    throw new EngineError('unknown-topic', `Topic '${topic}' does not exist`, 'topic')
  starts.forget(group.groupId, topic)
}
