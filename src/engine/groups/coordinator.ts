// The group coordinator of Kafka's classic protocol, transport-independent: the Kafka handlers
// call it with decoded request fields and send back what it returns.
import { ErrorCode } from '../../shared/kafka/error-codes'
import { randomUUID } from 'node:crypto'
import { afterTransaction, type Db } from '../storage/database'
import { ClassicGroup, joinError, syncError } from './classic-group'
import { consumerGroupDescriptions, type ConsumerGroupDescription } from './consumer-describe'
import type { ConsumerGroup, ConsumerMember } from './consumer-group'
import type { ConsumerHeartbeatParams, ConsumerHeartbeatResult } from './consumer-heartbeat'
import { ConsumerGroups } from './consumer-groups'
import { ShareGroups } from '../share-groups/share-groups'
import type { ShareGroup } from '../share-groups/share-group'
import type { ShareHeartbeatParams, ShareHeartbeatResult } from '../share-groups/share-heartbeat'
import { describeShareGroup, type ShareGroupDescription } from '../share-groups/share-describe'

import {
  heartbeatConsumerGroup,
  joinConsumerGroup,
  leaveConsumerGroup,
  syncConsumerGroup
} from './classic-members'
import {
  classicToConsumerGroup,
  consumerToClassicGroup,
  mayDowngrade,
  upgradeRefusal
} from './group-migration'
import { handleJoinGroup } from './join-group'
import { handleHeartbeat, handleLeaveGroup } from './membership'
import {
  handleOffsetCommit,
  handleOffsetFetch,
  txnOffsetCommitError,
  type OffsetContext
} from './offset-commit'
import { OffsetStore, type CommittedOffset } from './offset-store'
import type { CoordinatorRecordSink } from '../cluster/internal-topic'
import { groupMetadataKey, groupMetadataValue } from './coordinator-records'
import {
  consumerGroupPartitionMetadataKey,
  consumerGroupRecords,
  type GroupStateRecord
} from './consumer-group-records'
import { ConsumerGroupPartitionMetadataRecordType } from '../kafka/protocol/generated/coordinator-records'
import { shareGroupRecords } from '../share-groups/share-group-records'
import { ConsumerRecordScope } from './consumer-record-scope'
import { groupHash, topicHash } from './metadata-hash'
import type { CoordinatorRecordBytes } from '../cluster/internal-topic'
import { expiredOffsets, type GroupExpiry } from './offset-expiry'
import { Rebalancer } from './rebalance'
import { systemScheduler, type Scheduler, type Timer } from './scheduler'
import { defaultGroupSettings, type GroupSettings } from './settings'
import { GroupConfigs } from './group-configs'
import { handleSyncGroup } from './sync-group'
import { subscribedTopics } from './consumer-protocol'
import type {
  DescribedGroup,
  HeartbeatParams,
  JoinGroupParams,
  JoinGroupResult,
  LeaveGroupParams,
  LeaveGroupResult,
  ListedGroup,
  OffsetCommitParams,
  OffsetCommitResult,
  OffsetFetchParams,
  OffsetFetchResult,
  PartitionSource,
  SyncGroupParams,
  SyncGroupResult,
  TxnCommitMember
} from './types'

export interface GroupCoordinatorOptions {
  db: Db
  /** Topic existence, for OffsetCommit's UNKNOWN_TOPIC_OR_PARTITION; topics for subscriptions. */
  partitions: Pick<
    PartitionSource,
    'partitionCount' | 'topicNames' | 'topicId' | 'partitionRacks' | 'topicHash'
  >
  settings?: Partial<GroupSettings>
  scheduler?: Scheduler
  /** Called (coalesced per tick) when a group's state, members or offsets changed. */
  onChange?: (groupId: string) => void
  /** A failure inside a timer task; defaults to console.error. */
  onError?: (err: unknown) => void
  /** Partitions of a group with offsets a transaction committed and has not completed. */
  pendingTransactionalOffsets?: (groupId: string) => { topic: string; partition: number }[]
  /** A share group member left or was fenced. */
  shareMemberLeft?: (groupId: string, memberId: string) => void
  /** A share group was deleted: its share-partition state goes with it. */
  shareGroupDeleted?: (groupId: string) => void
  /** Where the groups' records go out: __consumer_offsets (offsets-topic.ts). */
  records?: CoordinatorRecordSink
}

export class GroupCoordinator implements OffsetContext {
  readonly settings: GroupSettings
  readonly rebalancer: Rebalancer
  readonly store: OffsetStore
  readonly partitions: Pick<
    PartitionSource,
    'partitionCount' | 'topicNames' | 'topicId' | 'partitionRacks' | 'topicHash'
  >
  /** Groups of the consumer protocol (KIP-848); a group id is of one protocol or the other. */
  readonly consumerGroups: ConsumerGroups
  /** Share groups (KIP-932); one group-id namespace with the classic and consumer groups. */
  readonly shareGroups: ShareGroups
  /** The configs of GROUP resources (consumer.session.timeout.ms ...). */
  readonly groupConfigs: GroupConfigs
  private readonly scheduler: Scheduler
  private readonly groups = new Map<string, ClassicGroup>()
  private readonly pendingChanges = new Set<string>()
  /**
   * Records to go out before a group's next state records: the GroupMetadata tombstone of a
   * classic group that became a consumer group.
   */
  private readonly recordsBefore = new Map<string, CoordinatorRecordBytes[]>()
  /** Which of a consumer group's records a heartbeat can touch. */
  private readonly recordScope = new ConsumerRecordScope()
  private readonly db: Db
  private readonly onChange: (groupId: string) => void
  private readonly onError: (err: unknown) => void
  private readonly pendingTransactionalOffsets: (
    groupId: string
  ) => { topic: string; partition: number }[]
  private readonly groupDeleted: (groupId: string) => void
  private cleanupTimer: Timer | null = null
  private closed = false

  constructor(options: GroupCoordinatorOptions) {
    this.settings = { ...defaultGroupSettings, ...options.settings }
    this.scheduler = options.scheduler ?? systemScheduler
    this.partitions = options.partitions
    this.onChange = options.onChange ?? (() => {})
    this.onError = options.onError ?? ((err) => console.error('[groups]', err))
    this.pendingTransactionalOffsets = options.pendingTransactionalOffsets ?? (() => [])
    this.groupDeleted = options.shareGroupDeleted ?? (() => {})
    this.db = options.db
    this.store = new OffsetStore(options.db, options.records, () => this.scheduler.now())
    this.rebalancer = new Rebalancer(this.scheduler, this.settings, {
      changed: (g) => this.changed(g.groupId),
      generationStarted: (g) => this.persist(g),
      error: (err) => this.onError(err)
    })
    this.groupConfigs = new GroupConfigs(options.db, this.settings)
    this.consumerGroups = new ConsumerGroups({
      settings: this.settings,
      sessionTimeoutMs: (groupId) => this.groupConfigs.sessionTimeoutMs(groupId),
      heartbeatIntervalMs: (groupId) => this.groupConfigs.heartbeatIntervalMs(groupId),
      scheduler: this.scheduler,
      isActive: () => this.active,
      topics: () => this.topicCounts(),
      metadataHash: (topicNames) => this.metadataHash(topicNames),
      shareGroup: (groupId) => this.shareGroups.get(groupId) !== undefined,
      classicGroup: (groupId) => {
        const g = this.groups.get(groupId)
        return g && { empty: g.is('Empty') && g.pendingMembers.size === 0 }
      },
      dropClassicGroup: (groupId) => {
        const g = this.groups.get(groupId)
        if (!g) return
        this.rebalancer.shutdown(g, ErrorCode.COORDINATOR_NOT_AVAILABLE)
        this.groups.delete(groupId)
        this.recordsBefore.set(groupId, [{ key: groupMetadataKey(groupId), value: null }])
      },
      upgradeClassicGroup: (groupId) => this.upgrade(groupId),
      downgrade: (g, leaving) => this.downgrade(g, leaving),
      persist: (g) => this.persistEpoch(g, 'consumer'),
      changed: (groupId, memberId) => this.changed(groupId, memberId),
      error: (err) => this.onError(err)
    })
    this.shareGroups = new ShareGroups({
      scheduler: this.scheduler,
      isActive: () => this.active,
      maxSize: () => this.settings.shareMaxSize,
      sessionTimeoutMs: (groupId) => this.groupConfigs.shareSessionTimeoutMs(groupId),
      heartbeatIntervalMs: (groupId) => this.groupConfigs.shareHeartbeatIntervalMs(groupId),
      topics: () => this.topicCounts(),
      metadataHash: (topicNames) => this.metadataHash(topicNames),
      heldByOtherType: (groupId) =>
        this.groups.has(groupId) || this.consumerGroups.get(groupId) !== undefined,
      persist: (g) => this.persistEpoch(g, 'share'),
      memberLeft: options.shareMemberLeft ?? (() => {}),
      changed: (groupId) => this.changed(groupId),
      error: (err) => this.onError(err)
    })
    for (const g of this.store.loadGroups())
      if (g.groupType === 'share')
        this.shareGroups.restore(g.groupId, g.generationId, g.stateTimestamp)
      else if (g.groupType === 'consumer')
        this.consumerGroups.restore(g.groupId, g.generationId, g.stateTimestamp)
      else
        this.groups.set(
          g.groupId,
          new ClassicGroup(g.groupId, g.stateTimestamp, {
            protocolType: g.protocolType,
            generationId: g.generationId
          })
        )
    this.scheduleCleanup()
  }

  /** Every topic with its partition count. */
  private topicCounts(): Map<string, number> {
    const counts = new Map<string, number>()
    for (const t of this.partitions.topicNames?.() ?? [])
      counts.set(t, this.partitions.partitionCount(t) ?? 0)
    return counts
  }

  // --- CoordinatorContext ---

  get active(): boolean {
    return !this.closed
  }

  now(): number {
    return this.scheduler.now()
  }

  group(groupId: string): ClassicGroup | undefined {
    return this.groups.get(groupId)
  }

  createGroup(groupId: string): ClassicGroup {
    const group = new ClassicGroup(groupId, this.now())
    this.groups.set(groupId, group)
    return group
  }

  newMemberId(prefix: string): string {
    return `${prefix}-${randomUUID()}`
  }

  storeGroup(group: ClassicGroup): void {
    const name = group.protocolName
    try {
      this.store.writeGroupMetadata(
        group.groupId,
        groupMetadataValue({
          protocolType: group.protocolType ?? '',
          generation: group.generationId,
          protocol: name,
          leader: group.leaderId,
          currentStateTimestamp: BigInt(group.stateTimestamp),
          members: [...group.members.values()].map((m) => ({
            memberId: m.memberId,
            groupInstanceId: m.groupInstanceId,
            clientId: m.clientId,
            clientHost: m.clientHost,
            rebalanceTimeout: m.rebalanceTimeoutMs,
            sessionTimeout: m.sessionTimeoutMs,
            subscription: name === null ? Buffer.alloc(0) : m.metadata(name),
            assignment: m.assignment
          }))
        })
      )
    } catch (err) {
      this.onError(new Error(`group ${group.groupId}: metadata not written: ${String(err)}`))
    }
  }

  /**
   * Writes out what the groups hold to a __consumer_offsets just created: every committed offset
   * and the generation of each classic group that has one.
   */
  writeOutStoredState(): void {
    for (const { group_id: groupId } of this.store.q.offsetsGroupIds.all())
      this.store.writeOutOffsets(groupId)
    for (const g of this.groups.values())
      if (g.is('Stable') || (g.is('Empty') && g.protocolType !== null)) this.storeGroup(g)
    // Consumer-protocol and share groups' records, kept while the topic could not be made.
    for (const { group_id: groupId } of this.store.q.recordsGroupIds.all())
      this.store.writeOutStateRecords(groupId)
  }

  /**
   * The records of a group's own state, a consumer-protocol or share group's as Kafka 4.2 writes
   * them; none for classic groups, so that a group leaving the consumer protocol leaves tombstones.
   */
  private stateRecords(groupId: string): GroupStateRecord[] {
    const shareGroup = this.shareGroups.get(groupId)
    if (shareGroup)
      return shareGroupRecords(
        shareGroup,
        (t) => this.partitions.topicId?.(t),
        this.metadataHash(shareGroup.subscribedTopicNames())
      )
    const group = this.consumerGroups.get(groupId)
    if (!group) return []
    return this.consumerRecords(group, this.subscribedTopics(group))
  }

  /** The existing topics a consumer group's members subscribe to, with their partition counts. */
  private subscribedTopics(group: ConsumerGroup): Map<string, number> {
    const subscribed = new Map<string, number>()
    for (const t of this.consumerGroups.groupSubscribedTopics(group))
      subscribed.set(t, this.partitions.partitionCount(t) ?? 0)
    return subscribed
  }

  /**
   * KIP-1101's hash of the existing topics among `topicNames`: their ids, names, partition counts
   * and replicas' racks, as Kafka's ModernGroup.computeMetadataHash (metadata-hash.ts).
   */
  private metadataHash(topicNames: Iterable<string>): bigint {
    const hashes = new Map<string, bigint>()
    for (const name of topicNames) {
      if (this.partitions.topicHash) {
        const hash = this.partitions.topicHash(name)
        if (hash !== undefined) hashes.set(name, hash)
        continue
      }
      const id = this.partitions.topicId?.(name)
      const count = this.partitions.partitionCount(name)
      if (id === undefined || count === undefined) continue
      const partitionRacks = Array.from(
        { length: count },
        (_, p) => this.partitions.partitionRacks?.(name, p) ?? []
      )
      hashes.set(name, topicHash({ id, name, partitionRacks }))
    }
    return groupHash(hashes)
  }

  /** A consumer group's records: all of them, or `only` a member's beside the group's own. */
  private consumerRecords(
    group: ConsumerGroup,
    subscribed: Map<string, number>,
    only?: string
  ): GroupStateRecord[] {
    return consumerGroupRecords(
      group,
      {
        topicId: (t) => this.partitions.topicId?.(t),
        metadataHash: this.metadataHash(subscribed.keys())
      },
      only
    )
  }

  /**
   * Writes out what changed in a group's own state since its records were last written. With
   * `memberId` (a heartbeat's member), when nothing but that member and the group's own records
   * can have changed, only those are rebuilt and compared (consumer-record-scope.ts).
   */
  private writeStateRecords(groupId: string, memberId?: string): void {
    try {
      const before = this.recordsBefore.get(groupId) ?? []
      this.recordsBefore.delete(groupId)
      const group = this.shareGroups.get(groupId) ? undefined : this.consumerGroups.get(groupId)
      if (!group) {
        this.recordScope.forget(groupId)
        this.store.syncStateRecords(groupId, this.stateRecords(groupId), before)
        return
      }
      const subscribed = this.subscribedTopics(group)
      const topics = [...subscribed]
        .map(([t, n]) => `${t}:${n}:${this.partitions.topicId?.(t) ?? ''}`)
        .join(',')
      const scope =
        memberId === undefined || before.length > 0
          ? undefined
          : this.recordScope.of(group, memberId, topics)
      const state = this.consumerRecords(group, subscribed, scope ? memberId : undefined)
      // Should the records not be written (or their transaction roll back), all are rebuilt next.
      this.recordScope.forget(groupId)
      this.store.syncStateRecords(groupId, state, before, scope)
      this.recordScope.wrote(group, topics, state, scope !== undefined)
      afterTransaction(
        this.db,
        () => {},
        () => this.recordScope.forget(groupId)
      )
    } catch (err) {
      this.onError(new Error(`group ${groupId}: state records not written: ${String(err)}`))
    }
  }

  /**
   * Writes out what changed in the groups whose records were written before a restart: their
   * members did not survive it, so those members' records get their tombstones (Kafka's
   * coordinator writes them when the members' sessions time out), and a group not brought back
   * (a consumer group without offsets) tombstones of all its records. Once the broker runs.
   */
  writeRestoredStateRecords(): void {
    for (const { group_id: groupId } of this.store.q.recordsGroupIds.all())
      this.writeStateRecords(groupId)
  }

  /** A group changed (with `memberId`: a heartbeat's member, and what it may have moved). */
  changed(groupId: string, memberId?: string): void {
    this.writeStateRecords(groupId, memberId)
    if (this.pendingChanges.size === 0)
      queueMicrotask(() => {
        const ids = [...this.pendingChanges]
        this.pendingChanges.clear()
        for (const id of ids) this.onChange(id)
      })
    this.pendingChanges.add(groupId)
  }

  // --- Kafka APIs ---

  /** JoinGroup: resolves when the join phase completes (or at once with an error). */
  joinGroup(req: JoinGroupParams): Promise<JoinGroupResult> {
    // As Kafka: a classic member may not join a group of another type.
    if (this.shareGroups.get(req.groupId) && this.active)
      return Promise.resolve(joinError('', ErrorCode.INCONSISTENT_GROUP_PROTOCOL))
    const consumerGroup = this.consumerGroups.get(req.groupId)
    if (consumerGroup && this.active) {
      // An empty consumer-protocol group becomes a classic one; one with members takes the
      // member in as a classic member (KIP-848's online migration).
      if (consumerGroup.members.size > 0)
        return Promise.resolve(
          this.guard(req.memberId, () => joinConsumerGroup(this, consumerGroup, req))
        )
      this.consumerGroups.remove(req.groupId)
    }
    return new Promise((resolve) => {
      try {
        handleJoinGroup(this, req, resolve)
      } catch (err) {
        this.onError(err)
        resolve(joinError(req.memberId, ErrorCode.UNKNOWN_SERVER_ERROR))
      }
    })
  }

  /** SyncGroup: the leader's call resolves every member's pending SyncGroup. */
  syncGroup(req: SyncGroupParams): Promise<SyncGroupResult> {
    const consumerGroup = this.consumerGroups.get(req.groupId)
    if (consumerGroup && this.active)
      return Promise.resolve(syncConsumerGroup(this, consumerGroup, req))
    return new Promise((resolve) => {
      try {
        handleSyncGroup(this, req, resolve)
      } catch (err) {
        this.onError(err)
        resolve(syncError(ErrorCode.UNKNOWN_SERVER_ERROR))
      }
    })
  }

  /** Heartbeat: the error code to answer with. */
  heartbeat(req: HeartbeatParams): { errorCode: number } {
    const consumerGroup = this.consumerGroups.get(req.groupId)
    if (consumerGroup && this.active)
      return { errorCode: heartbeatConsumerGroup(this, consumerGroup, req) }
    return { errorCode: handleHeartbeat(this, req) }
  }

  leaveGroup(req: LeaveGroupParams): LeaveGroupResult {
    const consumerGroup = this.consumerGroups.get(req.groupId)
    if (consumerGroup && this.active) return leaveConsumerGroup(this, consumerGroup, req)
    return handleLeaveGroup(this, req)
  }

  /** The JoinGroup answer of `join`, or UNKNOWN_SERVER_ERROR when it throws. */
  private guard(memberId: string, join: () => JoinGroupResult): JoinGroupResult {
    try {
      return join()
    } catch (err) {
      this.onError(err)
      return joinError(memberId, ErrorCode.UNKNOWN_SERVER_ERROR)
    }
  }

  offsetCommit(req: OffsetCommitParams): OffsetCommitResult {
    // A share group keeps no committed offsets: Kafka answers it is not a consumer group.
    if (this.shareGroups.get(req.groupId))
      return {
        topics: req.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p) => ({
            partitionIndex: p.partitionIndex,
            errorCode: ErrorCode.GROUP_ID_NOT_FOUND
          }))
        }))
      }
    return handleOffsetCommit(this, req)
  }

  offsetFetch(req: OffsetFetchParams): OffsetFetchResult {
    if (this.shareGroups.get(req.groupId))
      return { errorCode: ErrorCode.GROUP_ID_NOT_FOUND, topics: [] }
    return handleOffsetFetch(this, req)
  }

  /** The error every offset of a TxnOffsetCommit gets for who it names, or null. */
  txnOffsetCommitError(groupId: string, who: TxnCommitMember): number | null {
    return txnOffsetCommitError(this, groupId, who)
  }

  /** ConsumerGroupHeartbeat (KIP-848). */
  consumerGroupHeartbeat(
    req: ConsumerHeartbeatParams,
    apiVersion: number
  ): ConsumerHeartbeatResult {
    try {
      return this.consumerGroups.heartbeat(req, apiVersion)
    } catch (err) {
      this.onError(err)
      return {
        errorCode: ErrorCode.UNKNOWN_SERVER_ERROR,
        errorMessage: null,
        memberId: req.memberId,
        memberEpoch: req.memberEpoch,
        heartbeatIntervalMs: 0,
        assignment: null
      }
    }
  }

  /** ShareGroupHeartbeat (KIP-932). */
  shareGroupHeartbeat(req: ShareHeartbeatParams): ShareHeartbeatResult {
    try {
      return this.shareGroups.heartbeat(req)
    } catch (err) {
      this.onError(err)
      return {
        errorCode: ErrorCode.UNKNOWN_SERVER_ERROR,
        errorMessage: null,
        memberId: req.memberId,
        memberEpoch: req.memberEpoch,
        heartbeatIntervalMs: 0,
        assignment: null
      }
    }
  }

  /** ShareGroupDescribe: GROUP_ID_NOT_FOUND for unknown ids and groups of another type. */
  shareGroupDescribe(groupIds: string[]): ShareGroupDescription[] {
    return groupIds.map((groupId) => {
      if (!this.active)
        return {
          ...describeShareGroup(groupId, undefined),
          errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE,
          errorMessage: null
        }
      const d = describeShareGroup(groupId, this.shareGroups.get(groupId))
      if (d.errorCode === ErrorCode.GROUP_ID_NOT_FOUND && this.isOtherThanShare(groupId))
        d.errorMessage = `Group ${groupId} is not a share group.`
      return d
    })
  }

  private isOtherThanShare(groupId: string): boolean {
    return this.groups.has(groupId) || this.consumerGroups.get(groupId) !== undefined
  }

  shareGroup(groupId: string): ShareGroup | undefined {
    return this.shareGroups.get(groupId)
  }

  /** ConsumerGroupDescribe: GROUP_ID_NOT_FOUND for unknown and classic groups, as Kafka. */
  consumerGroupDescribe(groupIds: string[]): ConsumerGroupDescription[] {
    return consumerGroupDescriptions(this, groupIds)
  }

  consumerGroup(groupId: string): ConsumerGroup | undefined {
    return this.consumerGroups.get(groupId)
  }

  describeGroups(groupIds: string[]): DescribedGroup[] {
    return groupIds.map((groupId) => {
      const group = this.groups.get(groupId)
      if (!this.active || !group)
        return {
          errorCode: this.active ? ErrorCode.NONE : ErrorCode.COORDINATOR_NOT_AVAILABLE,
          groupId,
          groupState: 'Dead',
          protocolType: '',
          protocolData: '',
          members: []
        }
      const stable = group.is('Stable') && group.protocolName !== null
      return {
        errorCode: ErrorCode.NONE,
        groupId,
        groupState: group.state,
        protocolType: group.protocolType ?? '',
        protocolData: stable ? (group.protocolName ?? '') : '',
        members: [...group.members.values()].map((m) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          memberMetadata: stable ? m.metadata(group.protocolName ?? '') : Buffer.alloc(0),
          memberAssignment: stable ? m.assignment : Buffer.alloc(0)
        }))
      }
    })
  }

  /** ListGroups; states are matched case-insensitively, an empty filter matches all. */
  listGroups(
    statesFilter: string[] = [],
    typesFilter: string[] = []
  ): {
    errorCode: number
    groups: ListedGroup[]
  } {
    if (!this.active) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, groups: [] }
    const states = new Set(statesFilter.map((s) => s.toLowerCase()))
    const types = new Set(typesFilter.map((s) => s.toLowerCase()))
    const all: ListedGroup[] = [
      ...[...this.groups.values()].map((g) => ({
        groupId: g.groupId,
        protocolType: g.protocolType ?? '',
        groupState: g.state,
        groupType: 'classic' as const
      })),
      ...this.consumerGroups.list().map((g) => ({
        groupId: g.groupId,
        protocolType: 'consumer',
        groupState: g.state,
        groupType: 'consumer' as const
      })),
      ...this.shareGroups.list().map((g) => ({
        groupId: g.groupId,
        protocolType: 'share',
        groupState: g.state,
        groupType: 'share' as const
      }))
    ]
    const groups = all.filter(
      (g) =>
        (states.size === 0 || states.has(g.groupState.toLowerCase())) &&
        (types.size === 0 || types.has(g.groupType))
    )
    return { errorCode: ErrorCode.NONE, groups }
  }

  /** DeleteGroups: only Empty groups go, with their offsets; others get NON_EMPTY_GROUP. */
  deleteGroups(groupIds: string[]): { groupId: string; errorCode: number }[] {
    return groupIds.map((groupId) => {
      if (!this.active) return { groupId, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE }
      const shareGroup = this.shareGroups.get(groupId)
      if (shareGroup) {
        if (shareGroup.members.size > 0) return { groupId, errorCode: ErrorCode.NON_EMPTY_GROUP }
        this.store.deleteGroup(groupId)
        this.shareGroups.remove(groupId)
        this.groupDeleted(groupId)
        return { groupId, errorCode: ErrorCode.NONE }
      }
      const consumerGroup = this.consumerGroups.get(groupId)
      if (consumerGroup) {
        if (consumerGroup.members.size > 0) return { groupId, errorCode: ErrorCode.NON_EMPTY_GROUP }
        // Its offsets' tombstones, then its records', as Kafka deletes a group (Kafka 4.2 still
        // tombstones the subscribed topics' record Kafka 4.0 wrote).
        this.store.deleteGroup(groupId, [
          {
            type: ConsumerGroupPartitionMetadataRecordType,
            key: consumerGroupPartitionMetadataKey(groupId)
          }
        ])
        this.consumerGroups.remove(groupId)
        return { groupId, errorCode: ErrorCode.NONE }
      }
      const group = this.groups.get(groupId)
      if (!group || group.is('Dead')) return { groupId, errorCode: ErrorCode.GROUP_ID_NOT_FOUND }
      if (!group.is('Empty')) return { groupId, errorCode: ErrorCode.NON_EMPTY_GROUP }
      this.removeGroup(group)
      return { groupId, errorCode: ErrorCode.NONE }
    })
  }

  /**
   * OffsetDelete (KIP-496): removes committed offsets, except of topics the group's members
   * subscribe to while it is active (GROUP_SUBSCRIBED_TO_TOPIC), by name or through a consumer
   * protocol member's expression; an active classic group of another protocol type than
   * consumer is refused whole (NON_EMPTY_GROUP).
   */
  deleteOffsets(
    groupId: string,
    topics: { name: string; partitions: number[] }[]
  ): {
    errorCode: number
    topics: { name: string; partitions: { partitionIndex: number; errorCode: number }[] }[]
  } {
    const refuse = (errorCode: number) => ({ errorCode, topics: [] })
    if (!this.active) return refuse(ErrorCode.COORDINATOR_NOT_AVAILABLE)
    const consumerGroup = this.consumerGroups.get(groupId)
    const group = this.groups.get(groupId)
    let subscribed: Set<string>
    if (consumerGroup) {
      subscribed = this.consumerGroups.groupSubscribedTopics(consumerGroup)
    } else {
      if (!group || group.is('Dead')) return refuse(ErrorCode.GROUP_ID_NOT_FOUND)
      const active = !group.is('Empty')
      if (active && group.protocolType !== 'consumer') return refuse(ErrorCode.NON_EMPTY_GROUP)
      subscribed = active ? membersTopics(group) : new Set<string>()
    }
    const deleted: { topic: string; partition: number }[] = []
    const answer = topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((partitionIndex) => {
        if (subscribed.has(t.name))
          return { partitionIndex, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC }
        deleted.push({ topic: t.name, partition: partitionIndex })
        return { partitionIndex, errorCode: ErrorCode.NONE }
      })
    }))
    if (deleted.length > 0) {
      this.store.deleteOffsets(groupId, deleted)
      this.changed(groupId)
    }
    return { errorCode: ErrorCode.NONE, topics: answer }
  }

  // --- Engine-side access ---

  /** Starts a rebalance of a Stable group, as a fault asks; false when it is not Stable. */
  forceRebalance(groupId: string): boolean {
    const group = this.groups.get(groupId)
    if (!group?.is('Stable')) return false
    this.rebalancer.prepareRebalance(group)
    return true
  }

  /** Every group the coordinator knows, including Empty groups with committed offsets. */
  listAll(): ClassicGroup[] {
    return [...this.groups.values()]
  }

  /**
   * Writes offsets on behalf of an admin (offset reset): as a commit with generation -1, only
   * for a group without members; creates the group if needed. Returns an error code.
   */
  commitAdminOffsets(groupId: string, offsets: CommittedOffset[]): number {
    if (!this.active) return ErrorCode.COORDINATOR_NOT_AVAILABLE
    // A share group keeps no committed offsets (as OffsetCommit answers it).
    if (this.shareGroups.get(groupId)) return ErrorCode.GROUP_ID_NOT_FOUND
    const consumerGroup = this.consumerGroups.get(groupId)
    if (consumerGroup && consumerGroup.members.size > 0) return ErrorCode.NON_EMPTY_GROUP
    const group = this.groups.get(groupId)
    if (group && !group.is('Empty')) return ErrorCode.NON_EMPTY_GROUP
    if (!group && !consumerGroup) this.createGroup(groupId)
    this.store.commit(groupId, offsets)
    this.changed(groupId)
    return ErrorCode.NONE
  }

  /** Offsets a committed transaction wrote for the group: visible from now on. */
  commitTransactionalOffsets(groupId: string, offsets: CommittedOffset[]): void {
    if (!this.groups.has(groupId) && !this.consumerGroups.get(groupId)) this.createGroup(groupId)
    this.store.commit(groupId, offsets)
    this.changed(groupId)
  }

  /** Stops every timer; pending JoinGroup/SyncGroup calls get NOT_COORDINATOR. */
  close(): void {
    if (this.closed) return
    this.closed = true
    this.cleanupTimer?.cancel()
    this.consumerGroups.close()
    this.shareGroups.close()
    for (const g of this.groups.values()) this.rebalancer.shutdown(g, ErrorCode.NOT_COORDINATOR)
  }

  // --- internals ---

  /**
   * Saves the group's generation. A failed write (a full disk) must not stop the rebalance in
   * its middle: the group goes on in memory, and its next generation is saved when it can be.
   */
  private persist(group: ClassicGroup): void {
    // A generation without members is written out at once, as Kafka writes it; one with members
    // once the leader's assignment is set (storeGroup from SyncGroup).
    if (group.is('Empty')) this.storeGroup(group)
    try {
      this.store.saveGroup({
        groupId: group.groupId,
        protocolType: group.protocolType,
        generationId: group.generationId,
        stateTimestamp: group.stateTimestamp,
        groupType: 'classic'
      })
    } catch (err) {
      this.onError(new Error(`group ${group.groupId}: generation not saved: ${String(err)}`))
    }
  }

  /** Saves the epoch of a group of the consumer protocol or a share group. */
  private persistEpoch(group: ConsumerGroup | ShareGroup, groupType: 'consumer' | 'share'): void {
    const { groupId } = group
    try {
      // The epoch and the records of the change that moved it go into one SQLite transaction.
      const before = this.recordsBefore.get(groupId) ?? []
      this.recordsBefore.delete(groupId)
      this.store.saveGroup(
        {
          groupId,
          protocolType: groupType,
          generationId: group.groupEpoch,
          stateTimestamp: group.stateTimestamp,
          groupType
        },
        { state: this.stateRecords(groupId), before }
      )
    } catch (err) {
      this.onError(new Error(`group ${group.groupId}: epoch not saved: ${String(err)}`))
    }
  }

  private removeGroup(group: ClassicGroup): void {
    this.rebalancer.shutdown(group, ErrorCode.COORDINATOR_NOT_AVAILABLE)
    group.transitionTo('Dead', this.now())
    this.groups.delete(group.groupId)
    this.store.deleteGroup(group.groupId)
    this.changed(group.groupId)
  }

  /**
   * Removes the committed offsets past offsets.retention.minutes (offset-expiry.ts says which),
   * as Kafka's offset expiration task does; returns them by group.
   */
  expireOffsets(): Map<string, CommittedOffset[]> {
    const retentionMs = this.settings.offsetsRetentionMinutes * 60_000
    const now = this.scheduler.now()
    const expired = new Map<string, CommittedOffset[]>()
    for (const { group_id: groupId } of this.store.q.offsetsGroupIds.all()) {
      const gone = expiredOffsets(
        this.store.offsets(groupId),
        this.expiryOf(groupId),
        this.pendingTransactionalOffsets(groupId),
        now,
        retentionMs
      )
      if (gone.length === 0) continue
      this.store.deleteOffsets(groupId, gone)
      expired.set(groupId, gone)
      this.changed(groupId)
    }
    return expired
  }

  /**
   * A topic is being deleted (inside the SQLite transaction that deletes it): every group's
   * offsets committed on it go, with their OffsetCommit tombstones, as Kafka's group coordinator
   * removes them when a topic's partitions are deleted.
   */
  topicDeleted(topic: string): void {
    const byGroup = new Map<string, { topic: string; partition: number }[]>()
    for (const r of this.store.q.offsetsOfTopic.all(topic)) {
      const partitions = byGroup.get(r.group_id) ?? []
      partitions.push({ topic, partition: r.partition })
      byGroup.set(r.group_id, partitions)
    }
    for (const [groupId, partitions] of byGroup) {
      try {
        this.store.deleteOffsets(groupId, partitions)
      } catch (err) {
        // A full disk must not keep the topic from going: its offsets go with its row (the
        // database's trigger), without their tombstones.
        this.onError(
          new Error(`group ${groupId}: tombstones of ${topic} not written: ${String(err)}`)
        )
      }
      this.changed(groupId)
    }
  }

  /** How a group's offsets expire now (see offset-expiry.ts). */
  private expiryOf(groupId: string): GroupExpiry {
    const none = new Set<string>()
    const consumerGroup = this.consumerGroups.get(groupId)
    if (consumerGroup)
      return {
        base: { from: 'commit' },
        subscribed: this.consumerGroups.groupSubscribedTopics(consumerGroup)
      }
    const group = this.groups.get(groupId)
    if (!group || !group.protocolType) return { base: { from: 'commit' }, subscribed: none }
    if (group.is('Empty'))
      return { base: { from: 'empty', since: group.stateTimestamp }, subscribed: none }
    if (group.is('Stable') && group.protocolType === 'consumer')
      return { base: { from: 'commit' }, subscribed: membersTopics(group) }
    return { base: null, subscribed: none }
  }

  /**
   * KIP-848's online upgrade: a classic group with members becomes a consumer group as a
   * consumer-protocol member joins it, when group.consumer.migration.policy allows it; the
   * rebalance in progress, if any, ends for its members with REBALANCE_IN_PROGRESS.
   */
  private upgrade(groupId: string): ConsumerGroup | null {
    const group = this.groups.get(groupId)
    if (!group) return null
    const refusal = upgradeRefusal(
      group,
      this.settings.consumerMigrationPolicy,
      this.settings.consumerMaxSize
    )
    if (refusal !== null) return null
    this.rebalancer.shutdown(group, ErrorCode.REBALANCE_IN_PROGRESS)
    this.groups.delete(groupId)
    this.recordsBefore.set(groupId, [{ key: groupMetadataKey(groupId), value: null }])
    const converted = classicToConsumerGroup(group, this.now(), this.settings.consumerAssignors[0])
    this.consumerGroups.adopt(converted)
    return converted
  }

  /**
   * KIP-848's online downgrade: the group's last consumer-protocol member leaves and only
   * classic members stay: the group becomes a classic one and rebalances.
   */
  private downgrade(group: ConsumerGroup, leaving: ConsumerMember): boolean {
    if (!mayDowngrade(group, leaving, this.settings.consumerMigrationPolicy, this.settings.maxSize))
      return false
    this.consumerGroups.remove(group.groupId)
    const converted = consumerToClassicGroup(group, leaving, this.now())
    this.groups.set(group.groupId, converted)
    for (const m of converted.members.values()) this.rebalancer.scheduleHeartbeat(converted, m)
    this.rebalancer.prepareRebalance(converted)
    this.persist(converted)
    this.changed(group.groupId)
    return true
  }

  /** Empty groups without committed offsets are forgotten, as Kafka's expiration task does. */
  removeEmptyGroups(): string[] {
    const removed: string[] = []
    for (const g of [...this.groups.values()]) {
      if (!g.is('Empty') || g.pendingMembers.size > 0 || this.store.hasOffsets(g.groupId)) continue
      this.removeGroup(g)
      removed.push(g.groupId)
    }
    for (const g of this.consumerGroups.list()) {
      if (g.members.size > 0 || this.store.hasOffsets(g.groupId)) continue
      this.store.deleteGroup(g.groupId)
      this.consumerGroups.remove(g.groupId)
      removed.push(g.groupId)
    }
    return removed
  }

  private scheduleCleanup(): void {
    const interval = this.settings.offsetsRetentionCheckIntervalMs
    this.cleanupTimer = this.scheduler.setTimer(interval, () => {
      try {
        this.expireOffsets()
        this.removeEmptyGroups()
      } catch (err) {
        this.onError(new Error(`group cleanup failed: ${String(err)}`))
      }
      if (!this.closed) this.scheduleCleanup()
    })
  }
}

/** The topics a classic group's members subscribe to, as their chosen protocol's metadata says. */
function membersTopics(group: ClassicGroup): Set<string> {
  const topics = new Set<string>()
  for (const m of group.members.values()) {
    const selected = m.protocols.find((p) => p.name === group.protocolName) ?? m.protocols[0]
    if (selected) for (const t of subscribedTopics(selected.metadata)) topics.add(t)
  }
  return topics
}
