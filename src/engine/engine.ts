// The embedded engine: one SQLite database holding a simulated Kafka cluster's brokers,
// topics and partitions. Plain Node: no Electron, no UI. This is its facade: the parts it is
// built of (engine-parts.ts) stay private, and every client calls the methods below.
import type { ShareHeartbeatParams, ShareHeartbeatResult } from './share-groups/share-heartbeat'
import type { ShareGroupDescription } from './share-groups/share-describe'
import type { GroupConfigChange, GroupConfigs } from './groups/group-configs'
import { EventEmitter } from 'node:events'
import { CLOSE_GRACE_MS, settled } from './shutdown/close-grace'
import { CallsInFlight } from './shutdown/front-doors'
import type { ClusterEvents, EventName, Params } from '../shared/contract'
import type { ClusterChange } from '../shared/api/cluster'
import type { GroupsResults } from '../shared/api/groups'
import type { RatePoint } from '../shared/api/metrics'
import type { StorageStatus } from '../shared/model'
import { assembleParts, startParts, stopParts, type EngineParts } from './engine-parts'
import type { SharePartitions } from './share-partitions/share-partitions'
import { resolveEngineOptions, type EngineOptions } from './engine-options'
import type { Fault } from '../shared/api/faults'
import type { AclBinding, AclFilter } from '../shared/api/acls'
import type { ClientMetricsExportStatus } from '../shared/api/client-metrics'
import type { ClientMetricsExportOptions } from './telemetry/client-metrics-export'
import type { FaultSpec, RequestScope } from './faults/registry'
import type { ScramUser } from './security/scram-credentials'
import type { ScramCredential, ScramMechanism, ScramTokenLogin } from './security/scram'
import type { DelegationToken, Principal, TokenOutcome } from './security/delegation-tokens'
import type { BrokerStats } from './metrics/broker-stats'
import type { SimulatedBroker } from './cluster/brokers'
import type { QuorumState } from './cluster/metadata-quorum'
import {
  SUPPORTED_FEATURES,
  TRANSACTION_VERSION,
  type FeatureUpdate,
  type SupportedFeature
} from './cluster/features'
import type { BrokerReplication, BrokerReplicationChange } from './cluster/broker-lifecycle'
import type { PartitionState, Topic } from './log/topic-registry'
import type { PartitionKey } from './cluster/append-signals'
import type { ElectedLeader } from './cluster/leadership'
import type { OngoingReassignment, ReassignOptions } from './cluster/reassignments'
import type {
  ClientQuota,
  QuotaAlteration,
  QuotaFilterComponent,
  QuotaKey
} from './quotas/client-quotas'
import type { QuotaUse } from './quotas/quota-usage'
import type { ClientMetricsChange } from './telemetry/client-metrics-resources'
import type {
  PushRequest,
  SubscriptionAnswer,
  TelemetryClient
} from './telemetry/client-metrics-manager'
import type { ClientTelemetry } from './telemetry/client-telemetry-store'
import { ControllerMutationQuota } from './quotas/mutation-quota'
import type { CreateTopicSpec } from './cluster/topic-admin'
import { brokerConfigDefs } from '../shared/kafka/broker-configs'
import type {
  BrokerConfigChange,
  BrokerConfigEntry,
  BrokerConfigValue,
  RunningBrokerConfig
} from './cluster/broker-configs'
import {
  appendAllAsLeader,
  appendAsLeader,
  type AppendOutcome,
  type PartitionAppend
} from './cluster/leader-append'
import type { PartitionLog } from './log/partition-log'
import { endOffsetForLeaderEpoch, type EpochEndOffset } from './log/leader-epochs'
import type { SampleSource } from './messages/key-sample'
import type { InitProducerIdParams, InitProducerIdResult } from './producers/producer-state'
import type { EndTxnResult, ProducerIdentity, TxnOffset } from './transactions/coordinator'
import type { PartitionTransaction } from './transactions/partition-transactions'
import type { TopicPartitionRef, TransactionMetadata } from './transactions/transaction-state'
import type {
  ConsumerGroupDescription,
  ConsumerHeartbeatParams,
  ConsumerHeartbeatResult,
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
  ResetOffsetsParams,
  SyncGroupParams,
  SyncGroupResult,
  TxnCommitMember
} from './groups'

/** max.connection.creation.rate's default: no limit. */
const MAX_CONNECTION_RATE = 2147483647

export type { EngineOptions } from './engine-options'
export type { CreateTopicSpec } from './cluster/topic-admin'

type Listener<E extends EventName> = (payload: ClusterEvents[E]) => void

export class Engine {
  private readonly events = new EventEmitter()
  private readonly parts: EngineParts
  private closed = false
  /** Kafka requests being handled: close lets them finish before it shuts the database. */
  private readonly inFlight = new CallsInFlight<Promise<unknown>>()
  /** Work of others on this engine (console operations) that close stops first. */
  private readonly closing: (() => Promise<void>)[] = []

  private constructor(options: EngineOptions) {
    this.parts = assembleParts(resolveEngineOptions(options), (event, payload) =>
      this.emit(event, payload)
    )
    startParts(this.parts)
  }

  static open(options: EngineOptions): Engine {
    return new Engine(options)
  }

  /** Kafka's cluster id: 16 random bytes, kept in the database. */
  get clusterId(): string {
    return this.parts.clusterId
  }

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    this.events.on(event, listener)
    return () => this.events.off(event, listener)
  }

  emit<E extends EventName>(event: E, payload: ClusterEvents[E]): void {
    this.events.emit(event, payload)
  }

  // Brokers.

  /** The simulated brokers in id order, running or stopped. */
  listBrokers(): readonly Readonly<SimulatedBroker>[] {
    return this.parts.brokers.list()
  }

  broker(brokerId: number): Readonly<SimulatedBroker> | undefined {
    return this.parts.brokers.get(brokerId)
  }

  get brokerCount(): number {
    return this.parts.brokers.count
  }

  /** Puts back the broker ids the data directory kept before this open (a start that failed). */
  restoreKeptBrokerIds(): void {
    this.parts.brokers.restoreKeptIds()
  }

  /** The brokers' ids, ascending (0 to N-1 unless the cluster was given its own). */
  brokerIds(): number[] {
    return this.parts.brokers.ids()
  }

  /** The running brokers in id order. */
  onlineBrokers(): Readonly<SimulatedBroker>[] {
    return this.parts.brokers.online()
  }

  onlineBrokerIds(): number[] {
    return this.onlineBrokers().map((b) => b.id)
  }

  isOnline(brokerId: number): boolean {
    return this.parts.brokers.isOnline(brokerId)
  }

  get controllerId(): number {
    return this.parts.brokers.controllerId
  }

  /** The features this cluster supports, with their level ranges. */
  supportedFeatures(): readonly SupportedFeature[] {
    return SUPPORTED_FEATURES
  }

  /**
   * Each supported feature's finalized level (0: off), and their epoch: the offset of the latest
   * record of the metadata log, as a KRaft broker reports it.
   */
  finalizedFeatures(): { levels: Readonly<Record<string, number>>; epoch: number } {
    return {
      levels: this.parts.features.levels(),
      epoch: this.parts.quorum.logEndOffset - 1
    }
  }

  /** UpdateFeatures: all or nothing; throws EngineError('invalid-feature-update') with why. */
  updateFeatures(updates: readonly FeatureUpdate[], validateOnly = false): void {
    this.parts.features.update(updates, validateOnly)
    if (!validateOnly && updates.length > 0)
      this.emit('cluster.changed', { reason: 'features updated' })
  }

  /** The KRaft metadata quorum as its leader (the controller) describes it now. */
  metadataQuorum(): QuorumState {
    return this.parts.quorum.describe()
  }

  /**
   * What a broker has counted since it started (its traffic per topic, requests, connections);
   * the Kafka handlers add to it, the broker metrics read it.
   */
  brokerStats(brokerId: number): BrokerStats {
    return this.parts.brokerStats.of(brokerId)
  }

  /** Stops a broker: its partitions elect new leaders, whole or not at all (a full disk too). */
  stopBroker(brokerId: number): void {
    this.parts.brokerLifecycle.stop(brokerId)
  }

  startBroker(brokerId: number): void {
    this.parts.brokerLifecycle.start(brokerId)
  }

  /** A broker's simulated replication delay and rate, and its throttles (0: unlimited). */
  brokerReplication(brokerId: number): BrokerReplication {
    return this.parts.brokerLifecycle.replicationOf(brokerId)
  }

  /** Sets a broker's simulated replication delay, rate and throttles; kept across restarts. */
  configureBroker(brokerId: number, change: BrokerReplicationChange): void {
    this.parts.brokerLifecycle.configure(brokerId, change)
  }

  // Broker configs (DescribeConfigs / AlterConfigs on the BROKER resource, `--broker-config`).

  /** A broker's configs with their sources; null: those set at run time for every broker. */
  describeBrokerConfigs(brokerId: number | null, everyConfig = false): BrokerConfigEntry[] {
    return this.parts.brokerConfigs.describe(brokerId, everyConfig)
  }

  /**
   * Changes run-time broker configs, all or nothing; throws EngineError naming the config.
   * `customAllowed` keeps names no config has, as Kafka's AlterConfigs does.
   */
  alterBrokerConfigs(
    change: BrokerConfigChange,
    validateOnly = false,
    customAllowed = false
  ): void {
    this.parts.brokerConfigs.alter(change, validateOnly, customAllowed)
  }

  /** Describes the configs flags set (listeners, ssl.* ...) from the running configuration. */
  setRunningBrokerConfigs(fn: RunningBrokerConfig): void {
    this.parts.brokerConfigs.setRunning(fn)
  }

  /** A broker config's cluster-wide value (null: unset, as log.retention.ms is by default). */
  brokerConfig(name: string): string | null {
    return this.parts.brokerConfigs.value(name)
  }

  /** A broker config's value on one broker: set for it alone, else as every broker has it. */
  brokerConfigOn(name: string, brokerId: number): string | null {
    return this.parts.brokerConfigs.valueOn(name, brokerId)
  }

  /** A broker's broker.rack; null when it has none. */
  brokerRack(brokerId: number): string | null {
    return this.parts.brokerConfigs.valueOn('broker.rack', brokerId)
  }

  /** A topic config's synonyms among the broker configs, as Kafka's DescribeConfigs lists them. */
  topicConfigSynonyms(topicConfig: string): BrokerConfigValue[] {
    return this.parts.brokerConfigs.describedTopicSynonyms(topicConfig)
  }

  /** The run-time values set on one broker (null: for every broker). */
  brokerConfigOverrides(brokerId: number | null): Record<string, string> {
    return this.parts.brokerConfigs.dynamicValues(brokerId)
  }

  /** Each topic config's default as the broker configs give it now (retention.ms ...). */
  topicConfigDefaults(): Readonly<Record<string, string>> {
    return this.parts.brokerConfigs.topicDefaults()
  }

  /** Calls `fn` after every run-time change of broker configs. */
  onBrokerConfigsChanged(fn: () => void): void {
    this.parts.brokerConfigs.onChange(fn)
  }

  // Topics.

  topic(name: string): Topic | undefined {
    return this.parts.topics.get(name)
  }

  topicById(uuid: string): Topic | undefined {
    return this.parts.topics.getById(uuid)
  }

  /** The topic; throws EngineError('not-found') naming it when there is none. */
  requireTopic(name: string): Topic {
    return this.parts.topics.require(name)
  }

  listTopics(): Topic[] {
    return this.parts.topics.list()
  }

  /** Every topic config, the topic's own values over the defaults. */
  topicConfigs(topic: Topic): Record<string, string> {
    return this.parts.topics.effectiveConfigs(topic)
  }

  minInsyncReplicas(topic: Topic): number {
    return this.parts.logs.configOf(topic.id).minInsyncReplicas
  }

  // Partitions.

  /** The log of one partition of a topic. */
  partitionLog(topic: Topic, partition: number): PartitionLog {
    return this.parts.logs.log(topic.id, partition)
  }

  /**
   * Appends produced record batches to a partition as its leader (see cluster/leader-append.ts);
   * `acks` only decides whether min.insync.replicas applies.
   */
  appendAsLeader(
    topic: Topic,
    partition: number,
    records: Buffer,
    acks: number,
    now = Date.now()
  ): AppendOutcome {
    return appendAsLeader(this.parts.appendParts, topic, partition, records, acks, now)
  }

  /** Appends the partitions of one Produce request together, in one SQLite transaction. */
  appendAllAsLeader(appends: readonly PartitionAppend[], now = Date.now()): AppendOutcome[] {
    return appendAllAsLeader(this.parts.appendParts, appends, now)
  }

  /** Resolves true once the partition's high watermark reaches `offset`, false after the timeout. */
  waitForHighWatermark(
    topic: Topic,
    partition: number,
    offset: number,
    timeoutMs: number
  ): Promise<boolean> {
    return this.parts.replication.waitForHighWatermark(topic, partition, offset, timeoutMs)
  }

  /** Resolves when one of the partitions is appended to, or after the timeout. */
  waitForAppends(keys: readonly PartitionKey[], timeoutMs: number): Promise<void> {
    return this.parts.signals.wait(keys, timeoutMs)
  }

  /** OffsetForLeaderEpoch's answer for one partition: where `leaderEpoch` ended. */
  endOffsetForLeaderEpoch(topic: Topic, partition: number, leaderEpoch: number): EpochEndOffset {
    const p = topic.partitions[partition]
    return endOffsetForLeaderEpoch(
      this.parts.db,
      topic.id,
      partition,
      leaderEpoch,
      p.leaderEpoch,
      this.partitionLog(topic, partition).logEndOffset
    )
  }

  /** How far a replica's copy of the partition reaches (the log end for its leader). */
  replicaLogEnd(topic: Topic, p: PartitionState, brokerId: number): number {
    return this.parts.replication.replicaLogEnd(topic, p, brokerId)
  }

  /**
   * The bytes of `brokerId`'s replica of a partition: the log's size, in proportion for a
   * replica still copying it.
   */
  replicaSizeBytes(topic: Topic, p: PartitionState, brokerId: number): number {
    const log = this.partitionLog(topic, p.partition)
    const records = log.logEndOffset - log.logStartOffset
    const held = this.replicaLogEnd(topic, p, brokerId) - log.logStartOffset
    if (records <= 0 || held >= records) return log.sizeBytes
    return Math.round((log.sizeBytes * Math.max(0, held)) / records)
  }

  /** Records and bytes per second written to a partition over the last `seconds`. */
  produceRate(
    topicName: string,
    partition: number,
    seconds?: number
  ): { recordsPerSec: number; bytesPerSec: number } {
    return this.parts.rates.rate(topicName, partition, seconds)
  }

  /** Produce rate over a window, summed over the partitions `filter` selects. */
  produceRateSeries(
    windowMs: number,
    filter: (topic: string, partition: number) => boolean
  ): RatePoint[] {
    return this.parts.rates.series(windowMs, filter)
  }

  /** What a key sample of the topic reads (messages/key-sample.ts). */
  sampleSource(topic: Topic): SampleSource {
    return {
      topic,
      log: (p) => this.partitionLog(topic, p),
      recordsPerSec: (p) => this.parts.rates.rate(topic.name, p, 60).recordsPerSec,
      databaseFile: this.databaseFile()
    }
  }

  /** The database file a worker can open its own read connection on; null when in memory. */
  databaseFile(): string | null {
    return this.parts.db.memory ? null : this.parts.db.name
  }

  // Producers.

  /** A producer id and epoch: a new one when idempotent, the transactional id's when not. */
  initProducerId(
    params: InitProducerIdParams & { producerFencedKnown?: boolean }
  ): InitProducerIdResult {
    if (params.transactionalId === null) return this.parts.producers.initProducerId(params)
    return this.parts.txns.initProducerId({
      transactionalId: params.transactionalId,
      transactionTimeoutMs: params.transactionTimeoutMs ?? 60_000,
      producerId: params.producerId,
      producerEpoch: params.producerEpoch,
      producerFencedKnown: params.producerFencedKnown ?? true
    })
  }

  // Transactions.

  addPartitionsToTxn(
    who: ProducerIdentity,
    partitions: TopicPartitionRef[],
    opts: { producerFencedKnown: boolean; verifyOnly?: boolean }
  ): Map<TopicPartitionRef, number> {
    return this.parts.txns.addPartitions(who, partitions, opts)
  }

  addOffsetsToTxn(who: ProducerIdentity, groupId: string, producerFencedKnown: boolean): number {
    return this.parts.txns.addOffsets(who, groupId, producerFencedKnown)
  }

  /**
   * TxnOffsetCommit: the transaction's checks (Kafka's verification), then the group's on the
   * member it names; the offsets wait for the transaction's commit. An error code per offset.
   */
  commitTransactionalOffsets(
    who: ProducerIdentity,
    groupId: string,
    member: TxnCommitMember,
    offsets: TxnOffset[]
  ): number[] {
    // As in Kafka, the transaction is verified first, then the group checks the member.
    const verified = this.parts.txns.verifyOffsetCommit(who, groupId)
    if (typeof verified === 'number') return offsets.map(() => verified)
    const groupError = this.parts.groups.coordinator.txnOffsetCommitError(groupId, member)
    if (groupError !== null) return offsets.map(() => groupError)
    return this.parts.txns.commitOffsets(who, groupId, offsets)
  }

  /** EndTxn; `epochBump` for transaction version 2's EndTxn 5 (KIP-890). */
  endTxn(
    who: ProducerIdentity,
    committed: boolean,
    opts: { producerFencedKnown: boolean; epochBump?: boolean }
  ): EndTxnResult {
    return this.parts.txns.endTransaction(who, committed, opts)
  }

  /** Whether transaction version 2 (KIP-890's epoch bump per transaction) is finalized. */
  transactionVersion2(): boolean {
    return this.parts.features.level(TRANSACTION_VERSION) >= 2
  }

  /** Aborts a transaction that hangs, fencing its producer; a Kafka error code. */
  abortTransaction(transactionalId: string): number {
    return this.parts.txns.abort(transactionalId)
  }

  /** Aborts transactions open past their timeout and retries markers waiting for a leader. */
  checkTransactions(now?: number): void {
    this.parts.txns.tick(now)
  }

  describeTransaction(transactionalId: string): TransactionMetadata | undefined {
    return this.parts.txns.describe(transactionalId)
  }

  listTransactions(): TransactionMetadata[] {
    return this.parts.txns.list()
  }

  /** The transactional state of the producer with this id, if it has a transactional id. */
  transactionOfProducer(producerId: number): TransactionMetadata | undefined {
    return this.parts.txns.byProducerId(producerId)
  }

  /** A consumer fetched: its isolation level, by client id and host, for its group's lag. */
  noteConsumerFetch(clientId: string, clientHost: string, readCommitted: boolean): void {
    this.parts.groups.isolation.noteFetch(clientId, clientHost, readCommitted)
  }

  /** Partitions of a group with transactional offsets not yet committed. */
  pendingTransactionalOffsets(groupId: string): TopicPartitionRef[] {
    return this.parts.txns.pendingOffsets(groupId)
  }

  /** The partition's last stable offset: read_committed consumers read below it. */
  lastStableOffset(topic: Topic, partition: number): number {
    const hw = this.partitionLog(topic, partition).highWatermark
    return this.parts.partitionTxns.lastStableOffset(topic.id, partition, hw)
  }

  /** Aborted transactions with records in [from, upTo) of the partition. */
  abortedTransactions(
    topic: Topic,
    partition: number,
    from: number,
    upTo: number
  ): PartitionTransaction[] {
    return this.parts.partitionTxns.aborted(topic.id, partition, from, upTo)
  }

  /** DescribeProducers: the producers with state in a partition, with their open transaction. */
  activeProducers(topic: Topic, partition: number) {
    const open = new Map(
      this.parts.partitionTxns.open(topic.id, partition).map((t) => [t.producerId, t.firstOffset])
    )
    return this.parts.producers.partitionProducers(topic.name, partition).map((p) => ({
      ...p,
      currentTxnStartOffset: open.get(p.producerId) ?? -1
    }))
  }

  /** Transactions with records in the partition and no marker yet. */
  openTransactions(topic: Topic, partition: number): PartitionTransaction[] {
    return this.parts.partitionTxns.open(topic.id, partition)
  }

  // Consumer groups, as Kafka's group APIs ask for them.

  joinGroup(params: JoinGroupParams): Promise<JoinGroupResult> {
    return this.parts.groups.coordinator.joinGroup(params)
  }

  syncGroup(params: SyncGroupParams): Promise<SyncGroupResult> {
    return this.parts.groups.coordinator.syncGroup(params)
  }

  heartbeat(params: HeartbeatParams): { errorCode: number } {
    return this.parts.groups.coordinator.heartbeat(params)
  }

  leaveGroup(params: LeaveGroupParams): LeaveGroupResult {
    return this.parts.groups.coordinator.leaveGroup(params)
  }

  commitOffsets(params: OffsetCommitParams): OffsetCommitResult {
    return this.parts.groups.coordinator.offsetCommit(params)
  }

  fetchOffsets(params: OffsetFetchParams): OffsetFetchResult {
    return this.parts.groups.coordinator.offsetFetch(params)
  }

  consumerGroupHeartbeat(
    params: ConsumerHeartbeatParams,
    apiVersion: number
  ): ConsumerHeartbeatResult {
    return this.parts.groups.coordinator.consumerGroupHeartbeat(params, apiVersion)
  }

  /** group.coordinator.rebalance.protocols lists consumer (KIP-848). */
  consumerProtocolAccepted(): boolean {
    return this.parts.groups.coordinator.settings.consumerProtocolAccepted
  }

  shareGroupHeartbeat(params: ShareHeartbeatParams): ShareHeartbeatResult {
    return this.parts.groups.coordinator.shareGroupHeartbeat(params)
  }

  shareGroupDescribe(groupIds: string[]): ShareGroupDescription[] {
    return this.parts.groups.coordinator.shareGroupDescribe(groupIds)
  }

  /**
   * Whether share groups are served: the share.version feature at 1, or share listed in
   * group.coordinator.rebalance.protocols.
   */
  shareGroupsEnabled(): boolean {
    return (
      (this.finalizedFeatures().levels['share.version'] ?? 0) >= 1 ||
      this.parts.groups.coordinator.settings.shareProtocolListed
    )
  }

  /** The number of members of a share group now; null when no share group has the id. */
  shareGroupMemberCount(groupId: string): number | null {
    return this.parts.groups.coordinator.shareGroup(groupId)?.members.size ?? null
  }

  /** Whether the member is in the share group now. */
  isShareMember(groupId: string, memberId: string): boolean {
    return this.parts.groups.coordinator.shareGroups.isMember(groupId, memberId)
  }

  consumerGroupDescribe(groupIds: string[]): ConsumerGroupDescription[] {
    return this.parts.groups.coordinator.consumerGroupDescribe(groupIds)
  }

  describeGroups(groupIds: string[]): DescribedGroup[] {
    return this.parts.groups.coordinator.describeGroups(groupIds)
  }

  listGroups(
    statesFilter?: string[],
    typesFilter?: string[]
  ): { errorCode: number; groups: ListedGroup[] } {
    return this.parts.groups.coordinator.listGroups(statesFilter, typesFilter)
  }

  deleteGroups(groupIds: string[]): { groupId: string; errorCode: number }[] {
    return this.parts.groups.coordinator.deleteGroups(groupIds)
  }

  /** OffsetDelete: a group's committed offsets of partitions its members do not subscribe to. */
  deleteGroupOffsets(groupId: string, topics: { name: string; partitions: number[] }[]) {
    return this.parts.groups.coordinator.deleteOffsets(groupId, topics)
  }

  // Consumer groups, as the contract's groups.* methods show them.

  groupSummaries(): GroupsResults['groups.list'] {
    return this.parts.groups.api.list()
  }

  groupDescription(groupId: string): GroupsResults['groups.describe'] {
    return this.parts.groups.api.describe(groupId)
  }

  resetGroupOffsets(params: ResetOffsetsParams): GroupsResults['groups.resetOffsets'] {
    return this.parts.groups.api.resetOffsets(params)
  }

  deleteGroup(groupId: string): GroupsResults['groups.delete'] {
    return this.parts.groups.api.delete(groupId)
  }

  deleteShareGroupOffsets(
    params: Params<'groups.deleteShareOffsets'>
  ): GroupsResults['groups.deleteShareOffsets'] {
    return this.parts.groups.api.deleteShareOffsets(params)
  }

  /** KIP-932 share partitions: records in flight per share group, and share sessions. */
  get sharePartitions(): SharePartitions {
    return this.parts.shares
  }

  /**
   * The configs set on a GROUP resource (KIP-848, KIP-932), the broker values they default to,
   * and a group's value of one (what the share partitions read: share.record.lock.duration.ms ...).
   */
  get groupConfigs(): Pick<
    GroupConfigs,
    'configsOf' | 'brokerValue' | 'value' | 'configuredGroupIds'
  > {
    return this.parts.groups.coordinator.groupConfigs
  }

  /** Sets and removes a group's configs, checked as Kafka checks them; kept across restarts. */
  alterGroupConfigs(change: GroupConfigChange, validateOnly = false): void {
    this.parts.groups.coordinator.groupConfigs.alter(change, validateOnly)
    if (!validateOnly) this.emit('groups.changed', { groupId: change.groupId })
  }

  /** How often the lag history samples the groups' committed offsets (ms). */
  get lagSampleIntervalMs(): number {
    return this.parts.groups.sampler.settings.sampleIntervalMs
  }

  groupLagHistory(params: Params<'groups.lagHistory'>): GroupsResults['groups.lagHistory'] {
    return this.parts.groups.api.lagHistory(params)
  }

  /**
   * Checks a new topic as Kafka would (name, collisions, configs, replication factor, an
   * explicit assignment) and returns its replica assignment; throws EngineError naming the field.
   */
  checkNewTopic(spec: CreateTopicSpec): number[][] {
    return this.parts.admin.check(spec)
  }

  /**
   * The broker coordinating a group: the leader of its partition of __consumer_offsets, which is
   * created by the first lookup; null when that partition has no running leader.
   */
  groupCoordinator(groupId: string): number | null {
    return this.parts.offsetsTopic.coordinatorOf(groupId)
  }

  /**
   * The broker coordinating a transactional id: the leader of its partition of
   * __transaction_state, which is created by the first lookup; null when that partition has no
   * running leader.
   */
  transactionCoordinator(transactionalId: string): number | null {
    return this.parts.transactionStateTopic.coordinatorOf(transactionalId)
  }

  /**
   * Creates __consumer_offsets, __transaction_state or __share_group_state if it does not exist yet (as a Metadata
   * request naming it does); false for any other name.
   */
  /**
   * The broker coordinating a share partition's state (key "groupId:topicId:partition"): the
   * leader of its partition of __share_group_state, which is created by the first lookup; null
   * when that partition has no running leader.
   */
  shareCoordinator(key: string): number | null {
    return this.parts.shareGroupStateTopic.coordinatorOf(key)
  }

  createInternalTopic(name: string): boolean {
    const internal = [
      this.parts.offsetsTopic,
      this.parts.transactionStateTopic,
      this.parts.shareGroupStateTopic
    ].find((t) => t.name === name)
    internal?.ensure()
    return internal !== undefined
  }

  createTopic(spec: CreateTopicSpec): Topic {
    return this.parts.admin.create(spec)
  }

  alterTopicConfigs(name: string, set: Record<string, string>, remove: string[]): void {
    this.parts.admin.alterConfigs(name, set, remove)
  }

  /**
   * Grows a topic to `totalCount` partitions, placing new replicas as Kafka does, or on the
   * brokers `assignment` names for each new partition.
   */
  createPartitions(name: string, totalCount: number, assignment?: number[][]): void {
    this.parts.admin.createPartitions(name, totalCount, assignment)
  }

  /** Throws what createPartitions would refuse, changing nothing. */
  checkNewPartitions(name: string, totalCount: number, assignment?: number[][]): void {
    this.parts.admin.checkPartitions(name, totalCount, assignment)
  }

  /** Deletes a topic; this works on a full disk, and its space goes back to the disk. */
  deleteTopic(name: string): void {
    this.parts.storage.freeing(() => this.parts.admin.delete(name))
  }

  /** The data directory's disk: ok, low or full, and what to do. */
  storageStatus(): StorageStatus {
    return this.parts.storage.status()
  }

  /** Runs a delete (of records, say) with room to do it even on a full disk; see StorageMonitor. */
  freeingSpace<T>(work: () => T): T {
    return this.parts.storage.freeing(work)
  }

  /** Leadership and ISR changes, newest first. */
  history(limit: number): ClusterChange[] {
    return this.parts.leadership.history(limit)
  }

  /** Makes each partition's first replica its leader again where it is in sync. */
  electPreferredLeaders(topicName?: string, partitions?: number[]): ElectedLeader[] {
    const topics = topicName ? [this.parts.topics.require(topicName)] : this.parts.topics.list()
    const elected = this.parts.leadership.electPreferred(topics, partitions)
    if (elected.length > 0) this.emit('cluster.changed', { reason: 'preferred leaders elected' })
    return elected
  }

  // Faults injected on purpose (faults.inject, logdeck serve --fault).

  injectFault(spec: FaultSpec): Fault {
    return this.parts.faults.inject(spec)
  }

  listFaults(): Fault[] {
    return this.parts.faults.list()
  }

  /** Removes one fault or all (and wakes requests they hold); returns how many were removed. */
  clearFaults(id?: string): number {
    return this.parts.faults.clear(id)
  }

  /** The first active fault that matches a Kafka request and acts on it this time (counted). */
  takeFault(scopeOf: () => RequestScope): Fault | null {
    return this.parts.faults.take(scopeOf)
  }

  /** Aborted when faults are cleared: a request held by a fault stops waiting. */
  get faultsCleared(): AbortSignal {
    return this.parts.faults.clearSignal
  }

  // SASL users and their SCRAM credentials (kept in the database).

  saslUsers(): ScramUser[] {
    return this.parts.scramCredentials.users()
  }

  hasSaslUser(user: string): boolean {
    return this.parts.scramCredentials.has(user)
  }

  scramCredential(user: string, mechanism: ScramMechanism): ScramCredential | undefined {
    return this.parts.scramCredentials.credential(user, mechanism)
  }

  /** Whether `password` is the user's (PLAIN logins), checked against a SCRAM credential. */
  checkSaslPassword(user: string, password: string): boolean {
    return this.parts.scramCredentials.checkPassword(user, password)
  }

  /** Sets the user's password for every mechanism given (both SCRAM mechanisms by default). */
  setSaslPassword(
    user: string,
    password: string,
    mechanisms?: readonly ScramMechanism[],
    iterations?: number
  ): void {
    this.parts.scramCredentials.setPassword(user, password, mechanisms, iterations)
  }

  /** Stores a credential a client salted and hashed itself (AlterUserScramCredentials). */
  putScramCredential(user: string, credential: ScramCredential): void {
    this.parts.scramCredentials.upsert(user, credential)
  }

  /** Removes one credential of the user; false when there was none. */
  removeScramCredential(user: string, mechanism: ScramMechanism): boolean {
    return this.parts.scramCredentials.remove(user, mechanism)
  }

  /** Removes every credential of the user; false when there were none. */
  removeSaslUser(user: string): boolean {
    return this.parts.scramCredentials.removeUser(user)
  }

  // Delegation tokens (KIP-48), enabled by delegation.token.secret.key.

  delegationTokensEnabled(): boolean {
    return this.parts.delegationTokens.enabled
  }

  /** Every token, expired ones included until the next expiry check removes them. */
  delegationTokens(): DelegationToken[] {
    return this.parts.delegationTokens.list()
  }

  createDelegationToken(
    owner: Principal,
    requester: Principal,
    renewers: Principal[],
    maxLifetimeMs: number,
    now?: number
  ): TokenOutcome<{ token: DelegationToken }> {
    const out = this.parts.delegationTokens.create(owner, requester, renewers, maxLifetimeMs, now)
    if (out.ok) this.emit('cluster.changed', { reason: 'delegation token created' })
    return out
  }

  renewDelegationToken(
    principal: Principal,
    hmac: Buffer,
    renewPeriodMs: number,
    now?: number
  ): TokenOutcome<{ expiryMs: number }> {
    const out = this.parts.delegationTokens.renew(principal, hmac, renewPeriodMs, now)
    if (out.ok) this.emit('cluster.changed', { reason: 'delegation token renewed' })
    return out
  }

  expireDelegationToken(
    principal: Principal,
    hmac: Buffer,
    expiryTimePeriodMs: number,
    now?: number
  ): TokenOutcome<{ expiryMs: number }> {
    const out = this.parts.delegationTokens.expire(principal, hmac, expiryTimePeriodMs, now)
    if (out.ok) this.emit('cluster.changed', { reason: 'delegation token expired' })
    return out
  }

  /** Removes a token at once, by id (the console); false when there is none. */
  removeDelegationToken(tokenId: string): boolean {
    const removed = this.parts.delegationTokens.expireById(tokenId)
    if (removed) this.emit('cluster.changed', { reason: 'delegation token expired' })
    return removed
  }

  /**
   * A SCRAM login with tokenauth=true: the token's credential, its owner's name (the user the
   * connection acts as) and its expiry; undefined for an unknown or expired token.
   */
  delegationTokenLogin(
    tokenId: string,
    mechanism: ScramMechanism,
    now?: number
  ): ScramTokenLogin | undefined {
    const login = this.parts.delegationTokens.loginCredential(tokenId, mechanism, now)
    if (!login) return undefined
    return { ...login, owner: login.owner.slice(login.owner.indexOf(':') + 1) }
  }

  // ACLs, kept whether or not the authorizer enforces them.

  /** Every ACL, as the authorizer reads them (not to be changed). */
  allAcls(): readonly AclBinding[] {
    return this.parts.acls.all()
  }

  /** The ACLs matching the filter (every ACL without one). */
  listAcls(filter?: AclFilter): AclBinding[] {
    return this.parts.acls.list(filter)
  }

  addAcls(acls: readonly AclBinding[]): void {
    this.parts.acls.add(acls)
  }

  /** Removes the ACLs matching the filter and returns them. */
  removeAcls(filter: AclFilter): AclBinding[] {
    return this.parts.acls.remove(filter)
  }

  // Partition reassignments.

  /**
   * Moves a partition's replicas to `replicas` (the adding ones copy the log, then the leaving
   * ones go); null cancels the reassignment in flight. `allowReplicationFactorChange: false`
   * refuses a target of another size than the partition's replication factor (KIP-860).
   */
  reassignPartition(
    topic: string,
    partition: number,
    replicas: readonly number[] | null,
    options?: ReassignOptions
  ): void {
    this.parts.reassignments.reassign(topic, partition, replicas, options)
  }

  /** Reassignments in flight, of the partitions `filter` selects (all without one). */
  reassignments(filter?: (topic: string, partition: number) => boolean): OngoingReassignment[] {
    return this.parts.reassignments.list(filter)
  }

  // Client metrics (KIP-714).

  /** The CLIENT_METRICS resources (metrics subscriptions) by name, sorted. */
  clientMetricsResources(): string[] {
    return this.parts.clientMetrics.names()
  }

  /** A CLIENT_METRICS resource's configs as set (empty when it does not exist). */
  clientMetricsConfigs(name: string): Record<string, string> {
    return this.parts.clientMetrics.configsOf(name)
  }

  /** Sets and removes a subscription's configs, checked as Kafka checks them; kept across restarts. */
  alterClientMetrics(change: ClientMetricsChange, validateOnly = false): void {
    this.parts.clientMetrics.alter(change, validateOnly)
    if (!validateOnly) this.emit('cluster.changed', { reason: 'client metrics altered' })
  }

  /** GetTelemetrySubscriptions: the client instance's id, subscription and push interval. */
  getTelemetrySubscriptions(
    clientInstanceId: string,
    client: TelemetryClient,
    now = Date.now()
  ): SubscriptionAnswer {
    return this.parts.clientMetricsManager.getSubscriptions(clientInstanceId, client, now)
  }

  /** PushTelemetry: the error code a push is answered with (NONE once its metrics are kept). */
  pushTelemetry(
    request: PushRequest,
    client: TelemetryClient,
    now = Date.now()
  ): { code: number; message?: string } {
    return this.parts.clientMetricsManager.push(request, client, now)
  }

  /** A Kafka connection closed: its client instance is forgotten, as Kafka does. */
  telemetryConnectionClosed(connectionId: string): void {
    this.parts.clientMetricsManager.connectionClosed(connectionId)
  }

  /**
   * A Kafka connection closed: the share sessions it opened end and their records go back. A
   * connection that outlives the engine's close has nothing to release: the database is shut,
   * and the records it held come back as available when the data directory opens again.
   */
  shareConnectionClosed(connectionId: string): number {
    if (this.closed) return 0
    return this.parts.shares.connectionClosed(connectionId, (uuid) => this.topicById(uuid)?.id)
  }

  /** How the export of pushed metrics to a collector goes; null without one. */
  clientMetricsExport(): ClientMetricsExportStatus | null {
    return this.parts.clientMetricsExport.status()
  }

  /** Sends pushed metrics to this collector from now on (null: nowhere), kept in the data dir. */
  setClientMetricsExport(options: ClientMetricsExportOptions | null): Promise<void> {
    return this.parts.clientMetricsExport.set(options)
  }

  /** The client instances heard from lately and the last metrics each pushed. */
  clientTelemetry(now = Date.now()): (ClientTelemetry & { connected: boolean })[] {
    return this.parts.clientTelemetry.list().map((c) => ({
      ...c,
      connected: this.parts.clientMetricsManager.isLive(c.clientInstanceId, now)
    }))
  }

  // Client quotas.

  /** The quotas of the entities the filter matches (all without one). */
  clientQuotas(filter?: readonly QuotaFilterComponent[], strict?: boolean): ClientQuota[] {
    return this.parts.quotas.list(filter, strict)
  }

  /** Sets and removes quotas, all or (on a bad one) none; kept across restarts. */
  alterClientQuotas(alterations: readonly QuotaAlteration[], validateOnly = false): void {
    this.parts.quotas.alter(alterations, validateOnly)
    if (!validateOnly) this.emit('cluster.changed', { reason: 'client quotas altered' })
  }

  /** Whether any client quota is set (without one, no request owes a throttle). */
  get clientQuotasSet(): boolean {
    return this.parts.quotas.any
  }

  /** Whether some user or client id has a quota on `key`. */
  clientQuotaSet(key: QuotaKey): boolean {
    return this.parts.quotas.isSet(key)
  }

  /**
   * Counts what a client (user, client id) used against the quota on `key` that binds it: bytes
   * produced or fetched, or for request_percentage the percent-seconds of handler time its
   * request took; returns the throttle time it owes, 0 within its quota or without one.
   */
  useQuota(key: QuotaKey, user: string, clientId: string, amount: number, now: number): number {
    const quota = this.parts.quotas.binding(key, user, clientId)
    return quota ? this.parts.quotaUsage.record(quota, key, amount, now) : 0
  }

  /**
   * Counts a new connection from `ip` to a broker against its connection_creation_rate quota;
   * returns how long the connection is held before it is closed unserved, 0 to serve it.
   */
  useConnectionQuota(ip: string, brokerId: number, now: number): number {
    const quota = this.parts.quotas.ipBinding(ip)
    if (!quota) return 0
    const perBroker = { ...quota, usageKey: `${quota.usageKey} broker ${brokerId}`, brokerId }
    return this.parts.quotaUsage.record(perBroker, 'connection_creation_rate', 1, now)
  }

  /**
   * Records a new connection on a broker's listener and returns how long its acceptor waits
   * before taking it (0 within the rates), as Kafka's ConnectionQuotas: the longer of what
   * max.connection.creation.rate (the broker's, over its listeners) and
   * listener.name.<listener>.max.connection.creation.rate ask for.
   */
  useConnectionCreationRate(brokerId: number, listenerName: string, now: number): number {
    const { brokerConfigs, connectionRates } = this.parts
    const rated = (usageKey: string, config: string) => {
      const value = brokerConfigs.valueOn(config, brokerId)
      if (value === null) return 0
      const bound = Number(value)
      if (bound >= MAX_CONNECTION_RATE) return 0
      // A rate of 0 lets nothing through: every connection waits the longest.
      const quota = { bound: Math.max(bound, Number.MIN_VALUE), usageKey, counted: {}, brokerId }
      return connectionRates.record(quota, 'connection_creation_rate', 1, now)
    }
    const listener = `listener.name.${listenerName.toLowerCase()}.max.connection.creation.rate`
    return Math.max(
      rated(`broker ${brokerId}`, 'max.connection.creation.rate'),
      brokerConfigDefs.has(listener) ? rated(`broker ${brokerId} ${listener}`, listener) : 0
    )
  }

  /**
   * The controller_mutation_rate quota a client's CreateTopics, CreatePartitions or DeleteTopics
   * request meets (strict for the versions that answer THROTTLING_QUOTA_EXCEEDED); null without
   * one.
   */
  controllerMutationQuota(
    user: string,
    clientId: string,
    strict: boolean
  ): ControllerMutationQuota | null {
    const quota = this.parts.quotas.binding('controller_mutation_rate', user, clientId)
    return quota ? new ControllerMutationQuota(this.parts.mutationBuckets, quota, strict) : null
  }

  /** What clients used of their quotas lately, the nearest to (or over) its quota first. */
  quotaUse(now = Date.now()): QuotaUse[] {
    return this.parts.quotaUsage.list(now)
  }

  /** Registers work to stop when the engine closes, before its parts and database. */
  beforeClose(stop: () => Promise<void>): void {
    this.closing.push(stop)
  }

  /** Whether close has begun: requests are no longer taken in. */
  get isClosed(): boolean {
    return this.closed
  }

  /**
   * Handles a client request unless the engine is closing (null then: the request is dropped
   * unanswered, as a broker shutting down drops it). Close waits for the requests it let in.
   */
  serveRequest<T>(handle: () => Promise<T>): Promise<T> | null {
    if (this.closed) return null
    const handling = handle()
    this.inFlight.admit(handling, handling)
    return handling
  }

  /**
   * Stops the background work and closes the database, as Kafka's broker shuts down: no request
   * is taken in any more, the ones parked (long-polls, acks=all produces, rebalances) are woken
   * and answered, and the database closes once they are done (or after a short grace).
   */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await settled(
      this.closing.map((stop) => stop()),
      CLOSE_GRACE_MS
    )
    await stopParts(this.parts)
    await this.inFlight.drain(CLOSE_GRACE_MS)
    this.events.removeAllListeners()
    this.parts.db.close()
  }
}
