// The embedded engine: one SQLite database holding a simulated Kafka cluster's brokers,
// topics and partitions. Plain Node: no Electron, no UI.
import { EventEmitter } from 'node:events'
import { randomBytes } from 'node:crypto'
import { EngineError } from './engine-error'
import { FaultRegistry } from './faults/registry'
import type { ClusterEvents, EventName } from '../shared/contract'
import type { ClusterChange } from '../shared/api/cluster'
import { openDatabase, type Db } from './storage/database'
import { ScramCredentials } from './security/scram-credentials'
import { isDiskFull } from './storage/disk-full'
import { clusterQueries } from './storage/cluster-queries'
import {
  StorageMonitor,
  defaultStorageSettings,
  type StorageSettings
} from './storage/storage-monitor'
import { layoutBrokers, type SimulatedBroker } from './cluster/brokers'
import { TopicRegistry, type PartitionState, type Topic } from './log/topic-registry'
import { LogManager } from './log/log-manager'
import { LogCleaner } from './log/cleaner'
import { ProducerStateManager } from './producers/producer-state'
import { PartitionTransactions } from './transactions/partition-transactions'
import { TransactionCoordinator } from './transactions/coordinator'
import { writeMarker } from './transactions/markers'
import type { ProducerIdentity, TxnOffset } from './transactions/coordinator'
import type { PartitionTransaction } from './transactions/partition-transactions'
import type { TopicPartitionRef, TransactionMetadata } from './transactions/transaction-state'
import {
  createGroupServices,
  type GroupServices,
  type GroupSettings,
  type LagSettings
} from './groups'
import { ProduceRates } from './metrics/produce-rates'
import { AppendSignals, partitionKey, type PartitionKey } from './cluster/append-signals'
import { Replication } from './cluster/replication'
import {
  defaultReplicationSettings,
  type ReplicationSettings
} from './cluster/replication-settings'
import { Leadership, type ElectedLeader } from './cluster/leadership'
import { TopicAdmin, type CreateTopicSpec } from './cluster/topic-admin'
import { appendAsLeader, type AppendOutcome, type LeaderAppendParts } from './cluster/leader-append'
import type { PartitionLog } from './log/partition-log'
import { endOffsetForLeaderEpoch, type EpochEndOffset } from './log/leader-epochs'
import { recordTimestampNear } from './messages/partition-reader'
import type { SampleSource } from './messages/key-sample'
import type { RatePoint } from '../shared/api/metrics'
import type { InitProducerIdParams, InitProducerIdResult } from './producers/producer-state'
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
  ResetOffsetsParams,
  SyncGroupParams,
  SyncGroupResult
} from './groups'
import type { Params } from '../shared/contract'
import type { StorageStatus } from '../shared/model'
import type { GroupsResults } from '../shared/api/groups'

export interface EngineOptions {
  /** Data directory, or ':memory:'. */
  dataDir: string
  /** Number of simulated brokers (1..9). */
  brokers?: number
  /** Host the Kafka listeners advertise to clients. */
  advertisedHost?: string
  /** Port of broker 0; broker i listens on port + i. */
  port?: number
  fsync?: boolean
  replication?: Partial<ReplicationSettings>
  groups?: Partial<GroupSettings>
  lag?: Partial<LagSettings>
  /** How often the cleaner applies retention and compaction (ms). */
  cleanerIntervalMs?: number
  /** message.max.bytes: the most a compressed record batch may inflate to. */
  messageMaxBytes?: number
  /** The disk reserve for deletes and the free space under which storage is low. */
  storage?: Partial<StorageSettings>
}

export type { CreateTopicSpec } from './cluster/topic-admin'

type ResolvedEngineOptions = EngineOptions &
  Required<Pick<EngineOptions, 'brokers' | 'advertisedHost' | 'port' | 'fsync'>>

type Listener<E extends EventName> = (payload: ClusterEvents[E]) => void

export class Engine {
  private readonly db: Db
  private readonly id: string
  private readonly brokers: SimulatedBroker[]
  private readonly topics: TopicRegistry
  private readonly logs: LogManager
  private readonly producers: ProducerStateManager
  private readonly groups: GroupServices
  private readonly replication: Replication
  private readonly rates = new ProduceRates()
  private readonly signals = new AppendSignals()
  private readonly cleaner: LogCleaner
  /** Free space on the data directory's disk: ok, low or full. */
  private readonly storage: StorageMonitor
  private readonly events = new EventEmitter()
  private readonly cq
  private readonly leadership: Leadership
  private readonly admin: TopicAdmin
  private readonly appendParts: LeaderAppendParts
  private readonly partitionTxns: PartitionTransactions
  private readonly txns: TransactionCoordinator
  /** Faults injected into Kafka requests (faults.inject); the Kafka connections consult it. */
  readonly faults: FaultRegistry
  /** SASL users and their SCRAM credentials. */
  readonly scramCredentials: ScramCredentials
  private closed = false

  private constructor(options: ResolvedEngineOptions) {
    this.db = openDatabase({ dataDir: options.dataDir, fsync: options.fsync })
    this.storage = new StorageMonitor(
      this.db,
      options.dataDir === ':memory:' ? null : options.dataDir,
      { ...defaultStorageSettings, ...options.storage },
      (status) => this.emit('cluster.changed', { reason: `storage ${status.state}` })
    )
    this.cq = clusterQueries(this.db)
    this.id = this.loadClusterId()
    this.brokers = layoutBrokers({
      brokers: options.brokers,
      advertisedHost: options.advertisedHost,
      port: options.port
    })
    for (const row of this.cq.brokersSelectAll.all()) {
      const b = this.brokers[row.broker_id]
      if (b && row.stopped === 1) b.status = 'stopped'
    }
    this.topics = new TopicRegistry(this.db)
    this.logs = new LogManager(this.db, options.messageMaxBytes)
    for (const t of this.topics.list())
      this.logs.configureTopic(t.id, this.topics.effectiveConfigs(t))
    this.producers = new ProducerStateManager(this.db)
    const parts = {
      db: this.db,
      topics: this.topics,
      signals: this.signals,
      log: (topic: Topic, partition: number) => this.logs.log(topic.id, partition),
      isOnline: (brokerId: number) => this.isOnline(brokerId),
      isrChanged: (topic: Topic, p: PartitionState, isr: number[]) =>
        this.leadership.changeIsr(topic, p, isr)
    }
    this.replication = new Replication(parts, this.replicationSettings(options.replication))
    this.leadership = new Leadership(parts, this.replication, (change) =>
      this.emit('cluster.changed', { reason: change.kind, change })
    )
    this.faults = new FaultRegistry((message, fault) =>
      this.leadership.record({
        kind: 'fault',
        brokerId: fault?.target.brokerId,
        topic: fault?.target.topic,
        partition: fault?.target.partition,
        message
      })
    )
    this.admin = new TopicAdmin({
      ...parts,
      logs: this.logs,
      replication: this.replication,
      leadership: this.leadership,
      storage: this.storage,
      brokerIds: () => this.brokers.map((b) => b.id),
      topicChanged: (reason, name) => this.emit('topics.changed', { reason, name }),
      topicDeleted: (topic) => this.rates.forget(topic.name)
    })
    this.groups = createGroupServices({
      db: this.db,
      partitions: {
        partitionCount: (t) => this.topics.get(t)?.partitions.length,
        partitionOffsets: (t, p) => {
          const topic = this.topics.get(t)
          if (!topic || !topic.partitions[p]) return undefined
          const log = this.logs.log(topic.id, p)
          return { logStartOffset: log.logStartOffset, highWatermark: log.highWatermark }
        },
        offsetForTimestamp: (t, p, ts) => {
          const topic = this.topics.get(t)
          if (!topic || !topic.partitions[p]) return null
          const log = this.logs.log(topic.id, p)
          return log.offsetForTimestamp(ts, { upTo: log.highWatermark })?.offset ?? null
        },
        partitionHealth: (t, p, offset) => {
          const topic = this.topics.get(t)
          if (!topic || !topic.partitions[p]) return undefined
          const log = this.logs.log(topic.id, p)
          const config = this.logs.configOf(topic.id)
          return {
            recordTimestamp: recordTimestampNear(log, offset),
            deleteEnabled: config.deleteEnabled,
            retentionMs: config.retentionMs,
            retentionBytes: config.retentionBytes,
            sizeBytes: log.sizeBytes,
            ...this.rates.rate(t, p, 60)
          }
        }
      },
      groupSettings: options.groups,
      lagSettings: options.lag,
      onChange: (groupId) => this.emit('groups.changed', { groupId })
    })
    this.partitionTxns = new PartitionTransactions(this.db)
    this.scramCredentials = new ScramCredentials(this.db)
    const appended = (
      topic: Topic,
      partition: number,
      now: number,
      baseOffset: number,
      records: number,
      bytes: number
    ) => {
      this.rates.record(topic.name, partition, records, bytes)
      this.replication.afterAppend(topic, partition, now, baseOffset)
      this.signals.notify(partitionKey(topic.id, partition))
    }
    const markerParts = {
      topic: (name: string) => this.topics.get(name),
      log: parts.log,
      logConfig: (topic: Topic) => this.logs.configOf(topic.id),
      partitionTransactions: this.partitionTxns,
      appended: (topic: Topic, partition: number, now: number, baseOffset: number, bytes: number) =>
        appended(topic, partition, now, baseOffset, 0, bytes)
    }
    this.txns = new TransactionCoordinator({
      db: this.db,
      allocateProducerId: () => this.producers.initProducerId({ transactionalId: null }).producerId,
      partitionExists: (t, p) => this.topics.get(t)?.partitions[p] !== undefined,
      writeMarker: (ref, producerId, producerEpoch, committed) =>
        writeMarker(markerParts, ref, producerId, producerEpoch, committed),
      commitGroupOffsets: (groupId, offsets) =>
        this.groups.coordinator.commitTransactionalOffsets(groupId, offsets)
    })
    this.appendParts = {
      db: this.db,
      log: parts.log,
      logConfig: (topic) => this.logs.configOf(topic.id),
      producers: this.producers,
      storage: this.storage,
      transactions: {
        check: (producerId, producerEpoch, topic, partition) =>
          this.txns.checkTransactionalAppend(producerId, producerEpoch, topic, partition),
        recordAppend: (topic, partition, producerId, baseOffset, lastOffset) =>
          this.partitionTxns.recordAppend(topic.id, partition, producerId, baseOffset, lastOffset)
      },
      appended
    }
    this.cleaner = new LogCleaner(this.logs, { intervalMs: options.cleanerIntervalMs })
    this.replication.init(Date.now())
    this.replication.start()
    this.cleaner.start()
    this.storage.start()
    this.txns.start()
  }

  static open(options: EngineOptions): Engine {
    const brokers = options.brokers ?? 3
    if (!Number.isInteger(brokers) || brokers < 1 || brokers > 9)
      throw new EngineError('invalid-argument', 'brokers must be between 1 and 9', 'brokers')
    return new Engine({
      ...options,
      dataDir: options.dataDir,
      brokers,
      advertisedHost: options.advertisedHost ?? '127.0.0.1',
      port: options.port ?? 9092,
      fsync: options.fsync ?? false
    })
  }

  /** Settings from the options, with per-broker changes made at run time (brokers.configure). */
  private replicationSettings(given: Partial<ReplicationSettings> = {}): ReplicationSettings {
    const settings = {
      ...defaultReplicationSettings,
      ...given,
      brokerDelayMs: { ...given.brokerDelayMs },
      brokerRecordsPerSec: { ...given.brokerRecordsPerSec }
    }
    const saved = this.cq.metaSelect.get('replication.brokers')
    if (saved) {
      const parsed = JSON.parse(saved.value) as {
        delayMs?: Record<number, number>
        recordsPerSec?: Record<number, number>
      }
      Object.assign(settings.brokerDelayMs, parsed.delayMs)
      Object.assign(settings.brokerRecordsPerSec, parsed.recordsPerSec)
    }
    return settings
  }

  private loadClusterId(): string {
    const row = this.cq.metaSelect.get('cluster.id')
    if (row) return row.value
    // Kafka cluster ids are 16 random bytes in URL-safe base64 without padding.
    const id = randomBytes(16).toString('base64url')
    this.cq.metaUpsert.run('cluster.id', id)
    return id
  }

  /** Kafka's cluster id: 16 random bytes, kept in the database. */
  get clusterId(): string {
    return this.id
  }

  get controllerId(): number {
    return this.brokers.find((b) => b.status === 'online')?.id ?? -1
  }

  isOnline(brokerId: number): boolean {
    return this.brokers[brokerId]?.status === 'online'
  }

  onlineBrokerIds(): number[] {
    return this.brokers.filter((b) => b.status === 'online').map((b) => b.id)
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
    return this.brokers
  }

  broker(brokerId: number): Readonly<SimulatedBroker> | undefined {
    return this.brokers[brokerId]
  }

  get brokerCount(): number {
    return this.brokers.length
  }

  /** The running brokers in id order. */
  onlineBrokers(): Readonly<SimulatedBroker>[] {
    return this.brokers.filter((b) => b.status === 'online')
  }

  /** A broker's simulated replication delay and rate (0: unlimited). */
  brokerReplication(brokerId: number): { delayMs: number; recordsPerSec: number } {
    const s = this.replication.settings
    return {
      delayMs: s.brokerDelayMs[brokerId] ?? s.followerDelayMs,
      recordsPerSec: s.brokerRecordsPerSec[brokerId] ?? 0
    }
  }

  // Topics.

  topic(name: string): Topic | undefined {
    return this.topics.get(name)
  }

  topicById(uuid: string): Topic | undefined {
    return this.topics.getById(uuid)
  }

  /** The topic; throws EngineError('not-found') naming it when there is none. */
  requireTopic(name: string): Topic {
    return this.topics.require(name)
  }

  listTopics(): Topic[] {
    return this.topics.list()
  }

  /** Every topic config, the topic's own values over the defaults. */
  topicConfigs(topic: Topic): Record<string, string> {
    return this.topics.effectiveConfigs(topic)
  }

  minInsyncReplicas(topic: Topic): number {
    return this.logs.configOf(topic.id).minInsyncReplicas
  }

  // Partitions.

  /** The log of one partition of a topic. */
  partitionLog(topic: Topic, partition: number): PartitionLog {
    return this.logs.log(topic.id, partition)
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
    return appendAsLeader(this.appendParts, topic, partition, records, acks, now)
  }

  /** Resolves true once the partition's high watermark reaches `offset`, false after the timeout. */
  waitForHighWatermark(
    topic: Topic,
    partition: number,
    offset: number,
    timeoutMs: number
  ): Promise<boolean> {
    return this.replication.waitForHighWatermark(topic, partition, offset, timeoutMs)
  }

  /** Resolves when one of the partitions is appended to, or after the timeout. */
  waitForAppends(keys: readonly PartitionKey[], timeoutMs: number): Promise<void> {
    return this.signals.wait(keys, timeoutMs)
  }

  /** OffsetForLeaderEpoch's answer for one partition: where `leaderEpoch` ended. */
  endOffsetForLeaderEpoch(topic: Topic, partition: number, leaderEpoch: number): EpochEndOffset {
    const p = topic.partitions[partition]
    return endOffsetForLeaderEpoch(
      this.db,
      topic.id,
      partition,
      leaderEpoch,
      p.leaderEpoch,
      this.partitionLog(topic, partition).logEndOffset
    )
  }

  /** How far a replica's copy of the partition reaches (the log end for its leader). */
  replicaLogEnd(topic: Topic, p: PartitionState, brokerId: number): number {
    return this.replication.replicaLogEnd(topic, p, brokerId)
  }

  /** Records and bytes per second written to a partition over the last `seconds`. */
  produceRate(
    topicName: string,
    partition: number,
    seconds?: number
  ): { recordsPerSec: number; bytesPerSec: number } {
    return this.rates.rate(topicName, partition, seconds)
  }

  /** Produce rate over a window, summed over the partitions `filter` selects. */
  produceRateSeries(
    windowMs: number,
    filter: (topic: string, partition: number) => boolean
  ): RatePoint[] {
    return this.rates.series(windowMs, filter)
  }

  /** What a key sample of the topic reads (messages/key-sample.ts). */
  sampleSource(topic: Topic): SampleSource {
    return {
      topic,
      log: (p) => this.partitionLog(topic, p),
      recordsPerSec: (p) => this.rates.rate(topic.name, p, 60).recordsPerSec,
      databaseFile: this.databaseFile()
    }
  }

  /** The database file a worker can open its own read connection on; null when in memory. */
  databaseFile(): string | null {
    return this.db.memory ? null : this.db.name
  }

  // Producers.

  /** A producer id and epoch: a new one when idempotent, the transactional id's when not. */
  initProducerId(
    params: InitProducerIdParams & { producerFencedKnown?: boolean }
  ): InitProducerIdResult {
    if (params.transactionalId === null) return this.producers.initProducerId(params)
    return this.txns.initProducerId({
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
    return this.txns.addPartitions(who, partitions, opts)
  }

  addOffsetsToTxn(who: ProducerIdentity, groupId: string, producerFencedKnown: boolean): number {
    return this.txns.addOffsets(who, groupId, producerFencedKnown)
  }

  /** TxnOffsetCommit: the offsets wait for the transaction's commit; an error code per offset. */
  commitTransactionalOffsets(
    who: ProducerIdentity,
    groupId: string,
    offsets: TxnOffset[]
  ): number[] {
    return this.txns.commitOffsets(who, groupId, offsets)
  }

  endTxn(who: ProducerIdentity, committed: boolean, producerFencedKnown: boolean): number {
    return this.txns.endTransaction(who, committed, producerFencedKnown)
  }

  /** Aborts a transaction that hangs, fencing its producer; a Kafka error code. */
  abortTransaction(transactionalId: string): number {
    return this.txns.abort(transactionalId)
  }

  /** Aborts transactions open past their timeout and retries markers waiting for a leader. */
  checkTransactions(now?: number): void {
    this.txns.tick(now)
  }

  describeTransaction(transactionalId: string): TransactionMetadata | undefined {
    return this.txns.describe(transactionalId)
  }

  listTransactions(): TransactionMetadata[] {
    return this.txns.list()
  }

  /** The transactional state of the producer with this id, if it has a transactional id. */
  transactionOfProducer(producerId: number): TransactionMetadata | undefined {
    return this.txns.byProducerId(producerId)
  }

  /** Partitions of a group with transactional offsets not yet committed. */
  pendingTransactionalOffsets(groupId: string): TopicPartitionRef[] {
    return this.txns.pendingOffsets(groupId)
  }

  /** The partition's last stable offset: read_committed consumers read below it. */
  lastStableOffset(topic: Topic, partition: number): number {
    const hw = this.partitionLog(topic, partition).highWatermark
    return this.partitionTxns.lastStableOffset(topic.id, partition, hw)
  }

  /** Aborted transactions with records in [from, upTo) of the partition. */
  abortedTransactions(
    topic: Topic,
    partition: number,
    from: number,
    upTo: number
  ): PartitionTransaction[] {
    return this.partitionTxns.aborted(topic.id, partition, from, upTo)
  }

  /** DescribeProducers: the producers with state in a partition, with their open transaction. */
  activeProducers(topic: Topic, partition: number) {
    const open = new Map(
      this.partitionTxns.open(topic.id, partition).map((t) => [t.producerId, t.firstOffset])
    )
    return this.producers.partitionProducers(topic.name, partition).map((p) => ({
      ...p,
      currentTxnStartOffset: open.get(p.producerId) ?? -1
    }))
  }

  /** Transactions with records in the partition and no marker yet. */
  openTransactions(topic: Topic, partition: number): PartitionTransaction[] {
    return this.partitionTxns.open(topic.id, partition)
  }

  // Consumer groups, as Kafka's group APIs ask for them.

  joinGroup(params: JoinGroupParams): Promise<JoinGroupResult> {
    return this.groups.coordinator.joinGroup(params)
  }

  syncGroup(params: SyncGroupParams): Promise<SyncGroupResult> {
    return this.groups.coordinator.syncGroup(params)
  }

  heartbeat(params: HeartbeatParams): { errorCode: number } {
    return this.groups.coordinator.heartbeat(params)
  }

  leaveGroup(params: LeaveGroupParams): LeaveGroupResult {
    return this.groups.coordinator.leaveGroup(params)
  }

  commitOffsets(params: OffsetCommitParams): OffsetCommitResult {
    return this.groups.coordinator.offsetCommit(params)
  }

  fetchOffsets(params: OffsetFetchParams): OffsetFetchResult {
    return this.groups.coordinator.offsetFetch(params)
  }

  describeGroups(groupIds: string[]): DescribedGroup[] {
    return this.groups.coordinator.describeGroups(groupIds)
  }

  listGroups(
    statesFilter?: string[],
    typesFilter?: string[]
  ): { errorCode: number; groups: ListedGroup[] } {
    return this.groups.coordinator.listGroups(statesFilter, typesFilter)
  }

  deleteGroups(groupIds: string[]): { groupId: string; errorCode: number }[] {
    return this.groups.coordinator.deleteGroups(groupIds)
  }

  // Consumer groups, as the contract's groups.* methods show them.

  groupSummaries(): GroupsResults['groups.list'] {
    return this.groups.api.list()
  }

  groupDescription(groupId: string): GroupsResults['groups.describe'] {
    return this.groups.api.describe(groupId)
  }

  resetGroupOffsets(params: ResetOffsetsParams): GroupsResults['groups.resetOffsets'] {
    return this.groups.api.resetOffsets(params)
  }

  deleteGroup(groupId: string): GroupsResults['groups.delete'] {
    return this.groups.api.delete(groupId)
  }

  /** How often the lag history samples the groups' committed offsets (ms). */
  get lagSampleIntervalMs(): number {
    return this.groups.sampler.settings.sampleIntervalMs
  }

  groupLagHistory(params: Params<'groups.lagHistory'>): GroupsResults['groups.lagHistory'] {
    return this.groups.api.lagHistory(params)
  }

  /**
   * Checks a new topic as Kafka would (name, collisions, configs, replication factor, an
   * explicit assignment) and returns its replica assignment; throws EngineError naming the field.
   */
  checkNewTopic(spec: CreateTopicSpec): number[][] {
    return this.admin.check(spec)
  }

  createTopic(spec: CreateTopicSpec): Topic {
    return this.admin.create(spec)
  }

  alterTopicConfigs(name: string, set: Record<string, string>, remove: string[]): void {
    this.admin.alterConfigs(name, set, remove)
  }

  /** Grows a topic to `totalCount` partitions, placing new replicas as Kafka does. */
  createPartitions(name: string, totalCount: number): void {
    this.admin.createPartitions(name, totalCount)
  }

  /** Deletes a topic; this works on a full disk, and its space goes back to the disk. */
  deleteTopic(name: string): void {
    this.storage.freeing(() => this.admin.delete(name))
  }

  /** The data directory's disk: ok, low or full, and what to do. */
  storageStatus(): StorageStatus {
    return this.storage.status()
  }

  /** Runs a delete (of records, say) with room to do it even on a full disk; see StorageMonitor. */
  freeingSpace<T>(work: () => T): T {
    return this.storage.freeing(work)
  }

  /** Leadership and ISR changes, newest first. */
  history(limit: number): ClusterChange[] {
    return this.leadership.history(limit)
  }

  /** Makes each partition's first replica its leader again where it is in sync. */
  electPreferredLeaders(topicName?: string, partitions?: number[]): ElectedLeader[] {
    const topics = topicName ? [this.topics.require(topicName)] : this.topics.list()
    const elected = this.leadership.electPreferred(topics, partitions)
    if (elected.length > 0) this.emit('cluster.changed', { reason: 'preferred leaders elected' })
    return elected
  }

  /**
   * Stops a broker: its partitions elect new leaders. Done whole or not at all, on a full disk
   * too (see brokerChange).
   */
  stopBroker(brokerId: number): void {
    const broker = this.requireBroker(brokerId)
    if (broker.status === 'stopped') return
    this.brokerChange(broker, 'stopped', () => {
      this.leadership.record({
        kind: 'broker-stopped',
        brokerId,
        message: `Broker ${brokerId} stopped`
      })
      this.replication.onBrokerStopped(brokerId)
      this.leadership.brokerStopped(brokerId)
    })
    this.emit('cluster.changed', { reason: 'broker stopped', brokerId })
  }

  startBroker(brokerId: number): void {
    const broker = this.requireBroker(brokerId)
    if (broker.status === 'online') return
    this.brokerChange(broker, 'online', () => {
      this.leadership.record({
        kind: 'broker-started',
        brokerId,
        message: `Broker ${brokerId} started`
      })
      this.replication.onBrokerStarted(brokerId)
      this.leadership.brokerStarted(brokerId)
    })
    this.replication.tick(Date.now())
    this.emit('cluster.changed', { reason: 'broker started', brokerId })
  }

  /**
   * Changes a broker's status and runs the elections that follow in one transaction. On a full
   * disk it takes the deletes' reserve to have room, and is refused before anything changes when
   * even that is not there; should the write fail all the same, the status and the leaders in
   * memory go back to what the database still holds.
   */
  private brokerChange(broker: SimulatedBroker, status: 'online' | 'stopped', elect: () => void) {
    const verb = status === 'stopped' ? 'stopped' : 'started'
    const refused = () =>
      new EngineError(
        'storage-full',
        `Broker ${broker.id} was not ${verb}: the disk is full. Delete topics or records to free space (deletes work while it is full), then try again`,
        'brokerId'
      )
    const before = broker.status
    try {
      this.leadership.undoneOnFailure(broker.id, () =>
        this.storage.withRoom(refused, () => {
          this.cq.brokersUpsert.run(broker.id, status === 'stopped' ? 1 : 0)
          broker.status = status
          elect()
        })
      )
    } catch (err) {
      broker.status = before
      if (isDiskFull(err)) {
        this.storage.writeFailed()
        throw refused()
      }
      throw err
    }
  }

  /** Sets a broker's simulated replication delay and rate; kept across restarts. */
  configureBroker(
    brokerId: number,
    change: { replicationDelayMs?: number; replicationRecordsPerSec?: number }
  ): void {
    this.requireBroker(brokerId)
    const s = this.replication.settings
    if (change.replicationDelayMs !== undefined)
      s.brokerDelayMs[brokerId] = change.replicationDelayMs
    if (change.replicationRecordsPerSec !== undefined)
      s.brokerRecordsPerSec[brokerId] = change.replicationRecordsPerSec
    this.cq.metaUpsert.run(
      'replication.brokers',
      JSON.stringify({ delayMs: s.brokerDelayMs, recordsPerSec: s.brokerRecordsPerSec })
    )
    this.emit('cluster.changed', { reason: 'broker configured', brokerId })
  }

  private requireBroker(brokerId: number): SimulatedBroker {
    const broker = this.brokers[brokerId]
    if (!broker) throw new EngineError('not-found', `Broker ${brokerId} does not exist`, 'brokerId')
    return broker
  }

  /** Stops the background work and closes the database. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.faults.clear()
    this.storage.close()
    await this.cleaner.close()
    this.txns.close()
    this.groups.close()
    this.replication.close()
    this.signals.wakeAll()
    this.events.removeAllListeners()
    this.db.close()
  }
}
