// The embedded engine: one SQLite database holding a simulated Kafka cluster's brokers,
// topics and partitions. Plain Node: no Electron, no UI.
import { EventEmitter } from 'node:events'
import { randomBytes } from 'node:crypto'
import { ApiError } from '../shared/errors'
import type { ApiEvents, EventName } from '../shared/contract'
import type { ClusterChange } from '../shared/api/cluster'
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
  /** Explicit replicas per partition (Kafka's replica assignment); overrides the two above. */
  assignment?: number[][]
}

type Listener<E extends EventName> = (payload: ApiEvents[E]) => void

export class Engine {
  readonly db: Db
  readonly clusterId: string
  readonly brokers: SimulatedBroker[]
  readonly topics: TopicRegistry
  private readonly events = new EventEmitter()
  private readonly cq
  private readonly changes: ClusterChange[] = []
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

  /**
   * Checks a new topic as Kafka would (name, collisions, configs, replication factor, an
   * explicit assignment) and returns its replica assignment; throws ApiError naming the field.
   */
  checkNewTopic(spec: CreateTopicSpec): number[][] {
    this.topics.validateNew(spec.name, spec.configs)
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
    const minIsr = Number(spec.configs?.['min.insync.replicas'] ?? 1)
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
    // A replica on a stopped broker starts out of sync; leadership goes to a running one.
    for (const p of topic.partitions) this.electLeader(topic, p.partition)
    this.emit('topics.changed', { reason: 'created', name: topic.name })
    return topic
  }

  alterTopicConfigs(name: string, set: Record<string, string>, remove: string[]): void {
    const topic = this.topics.require(name)
    this.topics.setConfigs(topic, set, remove)
    this.emit('topics.changed', { reason: 'altered', name })
  }

  /** Grows a topic to `totalCount` partitions, placing new replicas as Kafka does. */
  createPartitions(name: string, totalCount: number): void {
    const topic = this.topics.require(name)
    const current = topic.partitions.length
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
    for (let p = current; p < totalCount; p++) this.electLeader(topic, p)
    this.emit('topics.changed', { reason: 'altered', name })
  }

  /** Leadership and ISR changes, newest first. */
  history(limit: number): ClusterChange[] {
    return this.changes.slice(-limit).reverse()
  }

  private record(change: Omit<ClusterChange, 'timestamp'>): void {
    const full = { timestamp: Date.now(), ...change }
    this.changes.push(full)
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
        p.leader = preferred
        p.leaderEpoch++
        this.topics.saveLeadership(topic, p)
        this.record({
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
    this.topics.delete(name)
    this.emit('topics.changed', { reason: 'deleted', name })
  }

  stopBroker(brokerId: number): void {
    const broker = this.requireBroker(brokerId)
    if (broker.status === 'stopped') return
    broker.status = 'stopped'
    this.cq.brokersUpsert.run(brokerId, 1)
    this.record({ kind: 'broker-stopped', brokerId, message: `Broker ${brokerId} stopped` })
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
    this.record({ kind: 'broker-started', brokerId, message: `Broker ${brokerId} started` })
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
    const leaderChanged = leader !== p.leader
    const isrGrew = isr.length > p.isr.length
    if (leaderChanged) p.leaderEpoch++
    p.leader = leader
    // Kafka keeps the last leader in the ISR of an offline partition.
    p.isr = isr.length > 0 ? isr : p.isr.slice(0, 1)
    this.topics.saveLeadership(topic, p)
    const where = `${topic.name}-${p.partition}`
    this.record({
      kind: leaderChanged ? 'leader-elected' : isrGrew ? 'isr-expanded' : 'isr-shrunk',
      topic: topic.name,
      partition: p.partition,
      leader,
      leaderEpoch: p.leaderEpoch,
      isr: [...p.isr],
      message: leaderChanged
        ? leader < 0
          ? `${where} is offline: no in-sync replica is running`
          : `${where}: broker ${leader} elected leader (epoch ${p.leaderEpoch})`
        : `${where}: ISR is now [${p.isr.join(', ')}]`
    })
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.events.removeAllListeners()
    this.db.close()
  }
}
