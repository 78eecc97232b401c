// The contract's groups.* methods over the coordinator, its offsets and the lag history.
import { ErrorCode } from '../../shared/kafka/error-codes'
import type { GroupsResults, IsolationLevel } from '../../shared/api/groups'
import type { Params } from '../../shared/contract'
import { EngineError } from '../engine-error'
import type { GroupCoordinator } from './coordinator'

import type { ClassicGroup } from './classic-group'
import { ConsumerGroup } from './consumer-group'
import { consumerGroupDescription, consumerGroupSummary } from './consumer-views'
import type { LagSampler } from './lag-sampler'
import { resetOffsets } from './offset-reset'
import type { PartitionSource } from './types'
import { groupDescription, groupOffsets, groupSummary, type OffsetsView } from './views'
import { groupHealth } from './health'
import { ShareGroup } from '../share-groups/share-group'
import {
  shareGroupDescription,
  shareGroupOffsets,
  shareGroupSummary
} from '../share-groups/share-views'
import {
  deleteShareOffsets,
  resetShareOffsets,
  type ShareStartOffsets
} from '../share-groups/share-offset-reset'

export class GroupsApi {
  constructor(
    private readonly coordinator: GroupCoordinator,
    private readonly sampler: LagSampler,
    private readonly partitions: PartitionSource,
    private readonly isolationOf: (groupId: string) => IsolationLevel | null,
    /** Share groups' share partitions and their start offsets. */
    private readonly shareStartOffsets: ShareStartOffsets = {
      of: () => [],
      set: () => {},
      forget: () => {}
    }
  ) {}

  private require(groupId: string) {
    const group =
      this.coordinator.group(groupId) ??
      this.coordinator.consumerGroup(groupId) ??
      this.coordinator.shareGroup(groupId)
    if (!group) throw new EngineError('not-found', `Group '${groupId}' does not exist`, 'groupId')
    return group
  }

  private offsets(groupId: string, isolation: IsolationLevel | null) {
    return groupOffsets(
      this.coordinator.store.offsets(groupId),
      this.partitions,
      Date.now(),
      isolation
    )
  }

  private health(groupId: string, view: OffsetsView) {
    const produce = view.offsets.reduce(
      (n, o) =>
        n +
        (this.partitions.partitionHealth?.(o.topic, o.partition, o.highWatermark)?.recordsPerSec ??
          0),
      0
    )
    const history = this.sampler.history(groupId, 180_000)
    return groupHealth(
      view.offsets,
      produce,
      history.total,
      (topic) => this.partitions.partitionHealth?.(topic, 0, 0)?.retentionMs ?? -1,
      view.reasons
    )
  }

  private shareOffsets(groupId: string): OffsetsView {
    const offsets = shareGroupOffsets(this.shareStartOffsets.of(groupId), (t, p) =>
      this.partitions.partitionOffsets(t, p)
    )
    return { offsets, reasons: new Map() }
  }

  list(): GroupsResults['groups.list'] {
    const summary = (g: ClassicGroup | ConsumerGroup | ShareGroup) => {
      if (g instanceof ShareGroup) return shareGroupSummary(g, this.shareOffsets(g.groupId).offsets)
      const isolation = this.isolationOf(g.groupId)
      const view = this.offsets(g.groupId, isolation)
      const health = this.health(g.groupId, view)
      return g instanceof ConsumerGroup
        ? consumerGroupSummary(g, view.offsets, health, isolation)
        : groupSummary(g, view.offsets, health, isolation)
    }
    const groups = [
      ...this.coordinator.listAll(),
      ...this.coordinator.consumerGroups.list(),
      ...this.coordinator.shareGroups.list()
    ]
      .map(summary)
      .sort((a, b) => a.groupId.localeCompare(b.groupId))
    return { groups }
  }

  describe(groupId: string): GroupsResults['groups.describe'] {
    const group = this.require(groupId)
    if (group instanceof ShareGroup) {
      const view = this.shareOffsets(groupId)
      return shareGroupDescription(group, view.offsets, this.health(groupId, view))
    }
    const isolation = this.isolationOf(groupId)
    const view = this.offsets(groupId, isolation)
    const health = this.health(groupId, view)
    return group instanceof ConsumerGroup
      ? consumerGroupDescription(group, view.offsets, health, isolation)
      : groupDescription(group, view.offsets, health, isolation)
  }

  resetOffsets(params: Params<'groups.resetOffsets'>): GroupsResults['groups.resetOffsets'] {
    const share = this.coordinator.shareGroup(params.groupId)
    if (share) return resetShareOffsets(share, this.partitions, this.shareStartOffsets, params)
    return resetOffsets(this.coordinator, this.partitions, params)
  }

  deleteShareOffsets(
    params: Params<'groups.deleteShareOffsets'>
  ): GroupsResults['groups.deleteShareOffsets'] {
    const { groupId, topic } = params
    const group = this.require(groupId)
    if (!(group instanceof ShareGroup))
      throw new EngineError(
        'invalid-argument',
        `Group '${groupId}' is not a share group: its committed offsets are reset, not deleted here`,
        'groupId'
      )
    deleteShareOffsets(group, this.partitions, this.shareStartOffsets, topic)
    return { groupId, topic, deleted: true }
  }

  delete(groupId: string): GroupsResults['groups.delete'] {
    const group = this.require(groupId)
    const [result] = this.coordinator.deleteGroups([groupId])
    if (result.errorCode === ErrorCode.COORDINATOR_NOT_AVAILABLE)
      throw new EngineError('unavailable', 'The group coordinator is not available')
    if (result.errorCode !== ErrorCode.NONE)
      throw new EngineError(
        'group-not-empty',
        `Group '${groupId}' has active members (${group.state}, ${memberCount(group)} member(s)); ` +
          'only a group without members can be deleted',
        'groupId'
      )
    return { groupId, deleted: true }
  }

  lagHistory(params: Params<'groups.lagHistory'>): GroupsResults['groups.lagHistory'] {
    const history = this.sampler.history(params.groupId, params.windowMs)
    const known =
      this.coordinator.group(params.groupId) ??
      this.coordinator.consumerGroup(params.groupId) ??
      this.coordinator.shareGroup(params.groupId)
    if (!known && history.partitions.length === 0)
      throw new EngineError('not-found', `Group '${params.groupId}' does not exist`, 'groupId')
    return history
  }
}

function memberCount(group: ClassicGroup | ConsumerGroup | ShareGroup): number {
  return group instanceof ConsumerGroup || group instanceof ShareGroup
    ? group.members.size
    : group.size
}
