// The embedded engine: one SQLite database holding a simulated Kafka cluster's brokers,
// topics and partitions. Plain Node: no Electron, no UI.
import { EventEmitter } from 'node:events'
import { randomBytes } from 'node:crypto'
import { ApiError } from '../shared/errors'
import type { ApiEvents, EventName } from '../shared/contract'
import { openDatabase, type Db } from './storage/database'
import { clusterQueries } from './storage/cluster-queries'
import { layoutBrokers, type SimulatedBroker } from './cluster/brokers'
import { assignReplicas } from './cluster/replica-assignment'
import { TopicRegistry, type Topic } from './log/topic-registry'

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
}

export interface CreateTopicSpec {
  name: string
  partitions: number
  replicationFactor: number
  configs?: Record<string, string>
}

type Listener<E extends EventName> = (payload: ApiEvents[E]) => void

export class Engine {
  readonly db: Db
  readonly clusterId: string
  readonly brokers: SimulatedBroker[]
  readonly topics: TopicRegistry
  private readonly events = new EventEmitter()
  private readonly cq
  private closed = false

  private constructor(readonly options: Required<EngineOptions>) {
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
  }

  static open(options: EngineOptions): Engine {
    const brokers = options.brokers ?? 3
    if (!Number.isInteger(brokers) || brokers < 1 || brokers > 9)
      throw new ApiError('BAD_REQUEST', 'brokers must be between 1 and 9', 'brokers')
    return new Engine({
      dataDir: options.dataDir,
      brokers,
      advertisedHost: options.advertisedHost ?? '127.0.0.1',
      port: options.port ?? 9092,
      fsync: options.fsync ?? false
    })
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

  createTopic(spec: CreateTopicSpec): Topic {
    this.topics.validateNew(spec.name, spec.configs)
    const brokerIds = this.brokers.map((b) => b.id)
    if (spec.replicationFactor > brokerIds.length)
      throw new ApiError(
        'BAD_REQUEST',
        `Replication factor ${spec.replicationFactor} is larger than the ${brokerIds.length} available brokers`,
        'replicationFactor'
      )
    const assignment = assignReplicas(brokerIds, spec.partitions, spec.replicationFactor)
    const topic = this.topics.create({
      name: spec.name,
      replicaAssignment: assignment,
      configs: spec.configs
    })
    // A replica on a stopped broker starts out of sync; leadership goes to a running one.
    for (const p of topic.partitions) this.electLeader(topic, p.partition)
    this.emit('topics.changed', { reason: 'created', name: topic.name })
    return topic
  }

  deleteTopic(name: string): void {
    this.topics.delete(name)
    this.emit('topics.changed', { reason: 'deleted', name })
  }

  stopBroker(brokerId: number): void {
    const broker = this.requireBroker(brokerId)
    if (broker.status === 'stopped') return
    broker.status = 'stopped'
    this.cq.brokersUpsert.run(brokerId, 1)
    this.db.transaction(() => {
      for (const topic of this.topics.list())
        for (const p of topic.partitions)
          if (p.replicas.includes(brokerId)) this.electLeader(topic, p.partition)
    })()
    this.emit('cluster.changed', { reason: 'broker stopped', brokerId })
  }

  startBroker(brokerId: number): void {
    const broker = this.requireBroker(brokerId)
    if (broker.status === 'online') return
    broker.status = 'online'
    this.cq.brokersUpsert.run(brokerId, 0)
    this.db.transaction(() => {
      for (const topic of this.topics.list())
        for (const p of topic.partitions)
          if (p.replicas.includes(brokerId)) this.electLeader(topic, p.partition)
    })()
    this.emit('cluster.changed', { reason: 'broker started', brokerId })
  }

  private requireBroker(brokerId: number): SimulatedBroker {
    const broker = this.brokers[brokerId]
    if (!broker) throw new ApiError('NOT_FOUND', `Broker ${brokerId} does not exist`, 'brokerId')
    return broker
  }

  /**
   * Recomputes a partition's ISR from the running brokers and, when the leader is gone,
   * elects the first running in-sync replica (leader epoch bumped); -1 when none is left.
   */
  private electLeader(topic: Topic, partition: number): void {
    const p = topic.partitions[partition]
    const online = new Set(this.onlineBrokerIds())
    const isr = p.replicas.filter((r) => online.has(r))
    const leader = online.has(p.leader) ? p.leader : (isr[0] ?? -1)
    const changed = leader !== p.leader || isr.join() !== p.isr.join()
    if (!changed) return
    if (leader !== p.leader) p.leaderEpoch++
    p.leader = leader
    // Kafka keeps the last leader in the ISR of an offline partition.
    p.isr = isr.length > 0 ? isr : p.isr.slice(0, 1)
    this.topics.saveLeadership(topic, p)
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.events.removeAllListeners()
    this.db.close()
  }
}
