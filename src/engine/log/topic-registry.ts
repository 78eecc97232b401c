// The engine's topics and their partitions' replica state, kept in memory and written
// through to SQLite.
import { randomUUID } from 'node:crypto'
import { EngineError } from '../engine-error'
import type { Db } from '../storage/database'
import { topicQueries, type TopicQueries } from '../storage/topic-queries'
import { reassignmentQueries } from '../storage/reassignment-queries'
import { collisionKey, reservedTopicName, validateTopicName } from './topic-names'
import { checkConfigCombination, effectiveConfigs, validateTopicConfigs } from './topic-configs'

export interface PartitionState {
  partition: number
  replicas: number[]
  isr: number[]
  leader: number
  leaderEpoch: number
  logStartOffset: number
  /**
   * A reassignment in flight: `replicas` holds the target replicas followed by those leaving;
   * `adding` are not in the original set, `removing` not in the target.
   */
  reassignment?: Reassignment
}

export interface Reassignment {
  adding: number[]
  removing: number[]
  startedAt: number
}

export interface Topic {
  id: number
  name: string
  uuid: string
  internal: boolean
  createdAt: number
  /** Only the configs set on the topic; see effectiveConfigs() for the rest. */
  configOverrides: Record<string, string>
  partitions: PartitionState[]
}

export interface NewTopic {
  name: string
  replicaAssignment: number[][]
  configs?: Record<string, string>
  internal?: boolean
}

export class TopicRegistry {
  private readonly q: TopicQueries
  private readonly rq
  private readonly byName = new Map<string, Topic>()
  /** collisionKey(name) -> name, so that a new name's '.'/'_' clash is found in O(1). */
  private readonly byCollisionKey = new Map<string, string>()
  private readonly byUuid = new Map<string, Topic>()

  /** `brokerDefaults`: the broker's values of topic configs (log.retention.ms ...), as they are now. */
  constructor(
    private readonly db: Db,
    private readonly brokerDefaults: () => Readonly<Record<string, string>> = () => ({})
  ) {
    this.q = topicQueries(db)
    this.rq = reassignmentQueries(db)
    this.load()
  }

  private load(): void {
    const byId = new Map<number, Topic>()
    for (const r of this.q.topicsSelectAll.all()) {
      const t: Topic = {
        id: r.topic_id,
        name: r.name,
        uuid: r.uuid,
        internal: r.internal === 1,
        createdAt: r.created_at,
        configOverrides: {},
        partitions: []
      }
      byId.set(t.id, t)
      this.byName.set(t.name, t)
      this.byCollisionKey.set(collisionKey(t.name), t.name)
      this.byUuid.set(t.uuid, t)
    }
    for (const c of this.q.topicConfigsSelectAll.all()) {
      const t = byId.get(c.topic_id)
      if (t) t.configOverrides[c.name] = c.value
    }
    for (const p of this.q.partitionsSelectAll.all()) {
      byId.get(p.topic_id)?.partitions.push({
        partition: p.partition,
        replicas: JSON.parse(p.replicas) as number[],
        isr: JSON.parse(p.isr) as number[],
        leader: p.leader,
        leaderEpoch: p.leader_epoch,
        logStartOffset: p.log_start_offset
      })
    }
    for (const r of this.rq.reassignmentsSelectAll.all()) {
      const p = byId.get(r.topic_id)?.partitions[r.partition]
      if (p)
        p.reassignment = {
          adding: JSON.parse(r.adding) as number[],
          removing: JSON.parse(r.removing) as number[],
          startedAt: r.started_at
        }
    }
  }

  list(): Topic[] {
    return [...this.byName.values()]
  }

  get(name: string): Topic | undefined {
    return this.byName.get(name)
  }

  /** The topic with this topic id (a UUID), if any. */
  getById(uuid: string): Topic | undefined {
    return this.byUuid.get(uuid)
  }

  /** The topic, or a NOT_FOUND error that says which. */
  require(name: string): Topic {
    const t = this.byName.get(name)
    if (!t) throw new EngineError('unknown-topic', `Topic '${name}' does not exist`, 'name')
    return t
  }

  effectiveConfigs(topic: Topic): Record<string, string> {
    return effectiveConfigs(topic.configOverrides, this.brokerDefaults())
  }

  /** Checks everything Kafka checks before a topic is created; throws EngineError. */
  validateNew(
    name: string,
    configs: Record<string, string> = {},
    internal = false
  ): Record<string, string> {
    validateTopicName(name)
    const reserved = internal ? undefined : reservedTopicName(name)
    if (reserved !== undefined)
      throw new EngineError(
        'invalid-topic-name',
        reserved === name
          ? `Topic name '${name}' is reserved for Kafka's internal topic`
          : `Topic name '${name}' collides with Kafka's internal topic '${reserved}'`,
        'name'
      )
    if (this.byName.has(name))
      throw new EngineError('topic-exists', `Topic '${name}' already exists`, 'name')
    const other = this.byCollisionKey.get(collisionKey(name))
    if (other !== undefined)
      throw new EngineError(
        'topic-name-collision',
        `Topic '${name}' collides with existing topic '${other}': '.' and '_' are the same in metric names`,
        'name'
      )
    const valid = validateTopicConfigs(configs)
    checkConfigCombination(valid)
    return valid
  }

  create(spec: NewTopic): Topic {
    const configs = this.validateNew(spec.name, spec.configs, spec.internal)
    const topic: Topic = {
      id: 0,
      name: spec.name,
      uuid: randomUUID(),
      internal: spec.internal ?? false,
      createdAt: Date.now(),
      configOverrides: configs,
      partitions: spec.replicaAssignment.map((replicas, partition) => ({
        partition,
        replicas,
        isr: [...replicas],
        leader: replicas[0],
        leaderEpoch: 0,
        logStartOffset: 0
      }))
    }
    this.db.transaction(() => {
      const r = this.q.topicsInsert.run(
        topic.name,
        topic.uuid,
        topic.internal ? 1 : 0,
        topic.createdAt
      )
      topic.id = Number(r.lastInsertRowid)
      for (const [k, v] of Object.entries(configs)) this.q.topicConfigsUpsert.run(topic.id, k, v)
      for (const p of topic.partitions) this.insertPartition(topic.id, p)
    })()
    this.byName.set(topic.name, topic)
    this.byCollisionKey.set(collisionKey(topic.name), topic.name)
    this.byUuid.set(topic.uuid, topic)
    return topic
  }

  addPartitions(topic: Topic, assignment: number[][]): void {
    const added = assignment.map((replicas, i) => ({
      partition: topic.partitions.length + i,
      replicas,
      isr: [...replicas],
      leader: replicas[0],
      leaderEpoch: 0,
      logStartOffset: 0
    }))
    this.db.transaction(() => {
      for (const p of added) this.insertPartition(topic.id, p)
    })()
    topic.partitions.push(...added)
  }

  private insertPartition(topicId: number, p: PartitionState): void {
    this.q.partitionsInsert.run(
      topicId,
      p.partition,
      JSON.stringify(p.replicas),
      JSON.stringify(p.isr),
      p.leader,
      p.leaderEpoch
    )
  }

  setConfigs(topic: Topic, set: Record<string, string>, remove: string[] = []): void {
    const valid = validateTopicConfigs(set)
    const after = { ...topic.configOverrides, ...valid }
    for (const k of remove) delete after[k]
    checkConfigCombination(after)
    this.db.transaction(() => {
      for (const [k, v] of Object.entries(valid)) this.q.topicConfigsUpsert.run(topic.id, k, v)
      for (const k of remove) this.q.topicConfigsDelete.run(topic.id, k)
    })()
    Object.assign(topic.configOverrides, valid)
    for (const k of remove) delete topic.configOverrides[k]
  }

  saveLeadership(topic: Topic, p: PartitionState): void {
    this.q.partitionsUpdateLeadership.run(
      JSON.stringify(p.isr),
      p.leader,
      p.leaderEpoch,
      topic.id,
      p.partition
    )
  }

  /** Writes a partition's replicas, leadership and reassignment in flight (if any). */
  saveReplicas(topic: Topic, p: PartitionState): void {
    this.rq.partitionsUpdateReplicas.run(
      JSON.stringify(p.replicas),
      JSON.stringify(p.isr),
      p.leader,
      p.leaderEpoch,
      topic.id,
      p.partition
    )
    const r = p.reassignment
    if (r)
      this.rq.reassignmentsUpsert.run(
        topic.id,
        p.partition,
        JSON.stringify(r.adding),
        JSON.stringify(r.removing),
        r.startedAt
      )
    else this.rq.reassignmentsDelete.run(topic.id, p.partition)
  }

  delete(name: string): Topic {
    const topic = this.require(name)
    this.q.topicsDelete.run(topic.id)
    this.forget(topic)
    return topic
  }

  /** Drops a topic from memory only (its rows are gone, or were never committed). */
  forget(topic: Topic): void {
    this.byName.delete(topic.name)
    this.byCollisionKey.delete(collisionKey(topic.name))
    this.byUuid.delete(topic.uuid)
  }
}
