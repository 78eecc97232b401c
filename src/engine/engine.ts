// The embedded engine: one SQLite database holding a simulated Kafka cluster's brokers,
// topics and partitions. Plain Node: no Electron, no UI.
import { EventEmitter } from 'node:events'
import { randomBytes } from 'node:crypto'
import { ApiError } from '../shared/errors'
import { topicConfigFrom } from '../shared/kafka/topic-config'
import type { ApiEvents, EventName } from '../shared/contract'
import type { ClusterChange } from '../shared/api/cluster'
import { openDatabase, type Db } from './storage/database'
import { clusterQueries } from './storage/cluster-queries'
import { layoutBrokers, type SimulatedBroker } from './cluster/brokers'
import { assignReplicas } from './cluster/replica-assignment'
import { TopicRegistry, type PartitionState, type Topic } from './log/topic-registry'
import { LogManager } from './log/log-manager'
import { LogCleaner } from './log/cleaner'
import { ProducerStateManager } from './producers/producer-state'
import {
  createGroupServices,
  type GroupServices,
  type GroupSettings,
  type LagSettings
} from './groups'
import { ProduceRates } from './metrics/produce-rates'
import { AppendSignals } from './cluster/append-signals'
import { Replication } from './cluster/replication'
import {
  defaultReplicationSettings,
  type ReplicationSettings
} from './cluster/replication-settings'
import { electLeader } from './cluster/elections'
import { recordTimestampNear } from './messages/partition-reader'

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
}

export interface CreateTopicSpec {
  name: string
  partitions: number
  replicationFactor: number
  configs?: Record<string, string>
  /** Explicit replicas per partition (Kafka's replica assignment); overrides the two above. */
  assignment?: number[][]
}

/** Partitions per topic, as the contract allows; a Kafka request asking for more is refused. */
export const MAX_PARTITIONS_PER_TOPIC = 10_000

type ResolvedEngineOptions = EngineOptions &
  Required<Pick<EngineOptions, 'brokers' | 'advertisedHost' | 'port' | 'fsync'>>

type Listener<E extends EventName> = (payload: ApiEvents[E]) => void

export class Engine {
  readonly db: Db
  readonly clusterId: string
  readonly brokers: SimulatedBroker[]
  readonly topics: TopicRegistry
  readonly logs: LogManager
  readonly producers: ProducerStateManager
  readonly groups: GroupServices
  readonly replication: Replication
  readonly rates = new ProduceRates()
  readonly signals = new AppendSignals()
  readonly cleaner: LogCleaner
  private readonly events = new EventEmitter()
  private readonly cq
  private readonly changes: ClusterChange[] = []
  private closed = false

  private constructor(readonly options: ResolvedEngineOptions) {
    this.db = openDatabase({ dataDir: options.dataDir, fsync: options.fsync })
    this.cq = clusterQueries(this.db)
    this.clusterId = this.loadClusterId()
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
    this.logs = new LogManager(this.db)
    for (const t of this.topics.list())
      this.logs.configureTopic(t.id, this.topics.effectiveConfigs(t))
    this.producers = new ProducerStateManager(this.db)
    this.replication = new Replication(this, this.replicationSettings(options.replication))
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
    this.cleaner = new LogCleaner(this.logs, { intervalMs: options.cleanerIntervalMs })
    this.replication.init(Date.now())
    this.replication.start()
    this.cleaner.start()
  }

  static open(options: EngineOptions): Engine {
    const brokers = options.brokers ?? 3
    if (!Number.isInteger(brokers) || brokers < 1 || brokers > 9)
      throw new ApiError('BAD_REQUEST', 'brokers must be between 1 and 9', 'brokers')
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

  emit<E extends EventName>(event: E, payload: ApiEvents[E]): void {
    this.events.emit(event, payload)
  }

  /**
   * Checks a new topic as Kafka would (name, collisions, configs, replication factor, an
   * explicit assignment) and returns its replica assignment; throws ApiError naming the field.
   */
  checkNewTopic(spec: CreateTopicSpec): number[][] {
    this.topics.validateNew(spec.name, spec.configs)
    const count = spec.assignment?.length ?? spec.partitions
    if (!Number.isInteger(count) || count < 1 || count > MAX_PARTITIONS_PER_TOPIC)
      throw new ApiError(
        'BAD_REQUEST',
        `A topic has from 1 to ${MAX_PARTITIONS_PER_TOPIC} partitions, not ${count}`,
        'partitions'
      )
    const brokerIds = this.brokers.map((b) => b.id)
    if (spec.assignment) {
      if (spec.assignment.length === 0)
        throw new ApiError(
          'BAD_REQUEST',
          'A replica assignment needs at least one partition',
          'partitions'
        )
      const rf = spec.assignment[0].length
      for (const [p, replicas] of spec.assignment.entries()) {
        if (replicas.length !== rf || replicas.length === 0)
          throw new ApiError(
            'BAD_REQUEST',
            `Partition ${p} has ${replicas.length} replicas, expected ${rf}`,
            'replicationFactor'
          )
        if (new Set(replicas).size !== replicas.length)
          throw new ApiError(
            'BAD_REQUEST',
            `Partition ${p} lists a broker twice`,
            'replicationFactor'
          )
        const unknown = replicas.find((r) => !brokerIds.includes(r))
        if (unknown !== undefined)
          throw new ApiError(
            'BAD_REQUEST',
            `Partition ${p} names unknown broker ${unknown}`,
            'replicationFactor'
          )
      }
      return spec.assignment.map((r) => [...r])
    }
    if (spec.replicationFactor > brokerIds.length)
      throw new ApiError(
        'BAD_REQUEST',
        `Replication factor ${spec.replicationFactor} is larger than the ${brokerIds.length} available brokers`,
        'replicationFactor'
      )
    const minIsr = topicConfigFrom(spec.configs).minInsyncReplicas
    if (minIsr > spec.replicationFactor)
      throw new ApiError(
        'BAD_REQUEST',
        `min.insync.replicas ${minIsr} is larger than the replication factor ${spec.replicationFactor}: acks=all writes could never succeed`,
        'min.insync.replicas'
      )
    return assignReplicas(brokerIds, spec.partitions, spec.replicationFactor)
  }

  createTopic(spec: CreateTopicSpec): Topic {
    const assignment = this.checkNewTopic(spec)
    const topic = this.topics.create({
      name: spec.name,
      replicaAssignment: assignment,
      configs: spec.configs
    })
    this.logs.configureTopic(topic.id, this.topics.effectiveConfigs(topic))
    // A replica on a stopped broker starts out of sync; leadership goes to a running one.
    for (const p of topic.partitions) {
      this.replication.initPartition(topic, p)
      electLeader(this, topic, p)
    }
    this.emit('topics.changed', { reason: 'created', name: topic.name })
    return topic
  }

  alterTopicConfigs(name: string, set: Record<string, string>, remove: string[]): void {
    const topic = this.topics.require(name)
    this.topics.setConfigs(topic, set, remove)
    this.logs.configureTopic(topic.id, this.topics.effectiveConfigs(topic))
    this.emit('topics.changed', { reason: 'altered', name })
  }

  /** Grows a topic to `totalCount` partitions, placing new replicas as Kafka does. */
  createPartitions(name: string, totalCount: number): void {
    const topic = this.topics.require(name)
    const current = topic.partitions.length
    if (totalCount > MAX_PARTITIONS_PER_TOPIC)
      throw new ApiError(
        'BAD_REQUEST',
        `A topic has at most ${MAX_PARTITIONS_PER_TOPIC} partitions, not ${totalCount}`,
        'totalCount'
      )
    if (totalCount < current)
      throw new ApiError(
        'BAD_REQUEST',
        `Topic '${name}' has ${current} partitions; partitions can be added but never removed`,
        'totalCount'
      )
    if (totalCount === current)
      throw new ApiError(
        'BAD_REQUEST',
        `Topic '${name}' already has ${current} partitions`,
        'totalCount'
      )
    const rf = topic.partitions[0]?.replicas.length ?? 1
    const brokerIds = this.brokers.map((b) => b.id)
    const assignment = assignReplicas(brokerIds, totalCount - current, rf, undefined, current)
    this.topics.addPartitions(topic, assignment)
    for (let p = current; p < totalCount; p++) {
      this.replication.initPartition(topic, topic.partitions[p])
      electLeader(this, topic, topic.partitions[p])
    }
    this.emit('topics.changed', { reason: 'altered', name })
  }

  /** Leadership and ISR changes, newest first. */
  history(limit: number): ClusterChange[] {
    return this.changes.slice(-limit).reverse()
  }

  recordChange(change: Omit<ClusterChange, 'timestamp'>): void {
    const full = { timestamp: Date.now(), ...change }
    this.changes.push(full)
    this.emit('cluster.changed', { reason: change.kind, change: full })
    if (this.changes.length > 10_000) this.changes.splice(0, this.changes.length - 10_000)
  }

  /** Makes each partition's first replica its leader again where it is in sync. */
  electPreferredLeaders(
    topicName?: string,
    partitions?: number[]
  ): { topic: string; partition: number; leader: number; leaderEpoch: number }[] {
    const topics = topicName ? [this.topics.require(topicName)] : this.topics.list()
    const elected: { topic: string; partition: number; leader: number; leaderEpoch: number }[] = []
    for (const topic of topics) {
      for (const p of topic.partitions) {
        if (partitions && !partitions.includes(p.partition)) continue
        const preferred = p.replicas[0]
        if (p.leader === preferred || !p.isr.includes(preferred)) continue
        if (this.brokers[preferred]?.status !== 'online') continue
        this.replication.leaderSteppedDown(topic, p, p.leader)
        p.leader = preferred
        p.leaderEpoch++
        this.topics.saveLeadership(topic, p)
        this.recordChange({
          kind: 'leader-elected',
          topic: topic.name,
          partition: p.partition,
          leader: preferred,
          leaderEpoch: p.leaderEpoch,
          isr: [...p.isr],
          message: `${topic.name}-${p.partition}: preferred replica ${preferred} leads again (epoch ${p.leaderEpoch})`
        })
        elected.push({
          topic: topic.name,
          partition: p.partition,
          leader: preferred,
          leaderEpoch: p.leaderEpoch
        })
      }
    }
    if (elected.length > 0) this.emit('cluster.changed', { reason: 'preferred leaders elected' })
    return elected
  }

  deleteTopic(name: string): void {
    const topic = this.topics.delete(name)
    this.logs.forgetTopic(topic.id)
    this.replication.forgetTopic(topic.id)
    this.rates.forget(name)
    this.emit('topics.changed', { reason: 'deleted', name })
  }

  /** Moves a partition's log start offset up to `offset` (DeleteRecords). */
  deleteRecordsBefore(topic: Topic, partition: number, offset: number): void {
    this.logs.log(topic.id, partition).deleteRecordsBefore(offset)
  }

  /** Replication changed a partition's ISR. */
  changeIsr(topic: Topic, p: PartitionState, isr: number[]): void {
    const grew = isr.length > p.isr.length
    p.isr = isr
    this.topics.saveLeadership(topic, p)
    this.recordChange({
      kind: grew ? 'isr-expanded' : 'isr-shrunk',
      topic: topic.name,
      partition: p.partition,
      leader: p.leader,
      leaderEpoch: p.leaderEpoch,
      isr: [...isr],
      message: `${topic.name}-${p.partition}: ISR is now [${isr.join(', ')}]`
    })
  }

  stopBroker(brokerId: number): void {
    const broker = this.requireBroker(brokerId)
    if (broker.status === 'stopped') return
    broker.status = 'stopped'
    this.cq.brokersUpsert.run(brokerId, 1)
    this.recordChange({ kind: 'broker-stopped', brokerId, message: `Broker ${brokerId} stopped` })
    this.replication.onBrokerStopped(brokerId)
    this.db.transaction(() => {
      for (const topic of this.topics.list())
        for (const p of topic.partitions)
          if (p.replicas.includes(brokerId)) electLeader(this, topic, p)
    })()
    this.emit('cluster.changed', { reason: 'broker stopped', brokerId })
  }

  startBroker(brokerId: number): void {
    const broker = this.requireBroker(brokerId)
    if (broker.status === 'online') return
    broker.status = 'online'
    this.cq.brokersUpsert.run(brokerId, 0)
    this.recordChange({ kind: 'broker-started', brokerId, message: `Broker ${brokerId} started` })
    this.replication.onBrokerStarted(brokerId)
    this.db.transaction(() => {
      for (const topic of this.topics.list())
        for (const p of topic.partitions)
          if (p.replicas.includes(brokerId) && p.leader < 0) electLeader(this, topic, p)
    })()
    this.replication.tick(Date.now())
    this.emit('cluster.changed', { reason: 'broker started', brokerId })
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
    if (!broker) throw new ApiError('NOT_FOUND', `Broker ${brokerId} does not exist`, 'brokerId')
    return broker
  }

  /** Stops the background work and closes the database. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.cleaner.close()
    this.groups.close()
    this.replication.close()
    this.signals.wakeAll()
    this.events.removeAllListeners()
    this.db.close()
  }
}
