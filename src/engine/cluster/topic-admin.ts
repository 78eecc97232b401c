// Topic administration as Kafka's controller does it: checking a new topic (name, collisions,
// configs, replication factor, an explicit assignment), placing its replicas, creating, growing,
// altering and deleting topics, and electing the first leaders of new partitions.
import { EngineError } from '../engine-error'
import { topicConfigFrom } from '../../shared/kafka/topic-config'
import type { LogManager } from '../log/log-manager'
import type { Topic } from '../log/topic-registry'
import type { ClusterParts } from './cluster-parts'
import type { Leadership } from './leadership'
import type { Replication } from './replication'
import { placeReplicas } from './replica-assignment'
import { isDiskFull } from '../storage/disk-full'
import type { StorageMonitor } from '../storage/storage-monitor'

export interface CreateTopicSpec {
  name: string
  partitions: number
  replicationFactor: number
  configs?: Record<string, string>
  /** Explicit replicas per partition (Kafka's replica assignment); overrides the two above. */
  assignment?: number[][]
  /** One of Kafka's internal topics (__consumer_offsets), made by the broker itself. */
  internal?: boolean
}

/** Partitions per topic, as the contract allows; a Kafka request asking for more is refused. */
export const MAX_PARTITIONS_PER_TOPIC = 10_000

export type TopicChange = 'created' | 'altered' | 'deleted'

export interface TopicAdminParts extends ClusterParts {
  readonly logs: LogManager
  readonly replication: Replication
  readonly leadership: Leadership
  /** Whether the disk has room for new topics and partitions. */
  readonly storage: Pick<StorageMonitor, 'writable' | 'writeFailed'>
  brokerIds(): number[]
  /** A broker's broker.rack (null: none); replicas are spread over the racks (no rack: one more). */
  brokerRack(id: number): string | null
  /** Called after each change, with the topic's name. */
  topicChanged(reason: TopicChange, name: string): void
  /** Forgets what other parts kept about a deleted topic. */
  topicDeleted(topic: Topic): void
  /**
   * Inside the SQLite transaction that deletes the topic, before its rows go: the group
   * coordinator writes the tombstones of the offsets committed on it, as Kafka's does, and the
   * transaction coordinator drops those open transactions committed on it.
   */
  topicDeleting?(topic: Topic): void
}

export class TopicAdmin {
  constructor(private readonly parts: TopicAdminParts) {}

  /**
   * Checks a new topic as Kafka would (name, collisions, configs, replication factor, an
   * explicit assignment) and returns its replica assignment; throws EngineError naming the field.
   */
  check(spec: CreateTopicSpec): number[][] {
    this.parts.topics.validateNew(spec.name, spec.configs, spec.internal)
    const count = spec.assignment?.length ?? spec.partitions
    if (!Number.isInteger(count) || count < 1 || count > MAX_PARTITIONS_PER_TOPIC)
      throw new EngineError(
        'invalid-partitions',
        `A topic has from 1 to ${MAX_PARTITIONS_PER_TOPIC} partitions, not ${count}`,
        'partitions'
      )
    const brokerIds = this.parts.brokerIds()
    if (spec.assignment) {
      if (spec.assignment.length === 0)
        throw new EngineError(
          'invalid-partitions',
          'A replica assignment needs at least one partition',
          'partitions'
        )
      return checkAssignment(spec.assignment, brokerIds, spec.assignment[0].length, 0)
    }
    if (spec.replicationFactor > brokerIds.length)
      throw new EngineError(
        'invalid-replication-factor',
        `Replication factor ${spec.replicationFactor} is larger than the ${brokerIds.length} available brokers`,
        'replicationFactor'
      )
    this.requireRunningBroker('replicationFactor')
    const minIsr = topicConfigFrom(spec.configs).minInsyncReplicas
    if (minIsr > spec.replicationFactor)
      throw new EngineError(
        'invalid-config',
        `min.insync.replicas ${minIsr} is larger than the replication factor ${spec.replicationFactor}: acks=all writes could never succeed`,
        'min.insync.replicas'
      )
    return placeReplicas(
      brokerIds,
      (id) => this.parts.isOnline(id),
      spec.partitions,
      spec.replicationFactor,
      (id) => this.parts.brokerRack(id)
    )
  }

  /** Kafka places no new partition while every broker is fenced: its leader must run. */
  private requireRunningBroker(field: string): void {
    if (!this.parts.brokerIds().some((id) => this.parts.isOnline(id)))
      throw new EngineError(
        'invalid-replication-factor',
        'All brokers are stopped: a new partition needs a running broker to lead it',
        field
      )
  }

  /**
   * Creates a topic whole or not at all: on a full disk it is refused before anything is written
   * (Kafka's KAFKA_STORAGE_ERROR), and a write that fails all the same leaves no trace of it.
   */
  create(spec: CreateTopicSpec): Topic {
    const { parts } = this
    const assignment = this.check(spec)
    const refused = () =>
      new EngineError(
        'storage-full',
        `Topic '${spec.name}' was not created: the disk is full. Delete topics or records to free space (deletes work while it is full), then try again`,
        'name'
      )
    if (!parts.storage.writable) throw refused()
    let created: Topic | undefined
    try {
      parts.db.transaction(() => {
        const topic = parts.topics.create({
          name: spec.name,
          replicaAssignment: assignment,
          configs: spec.configs,
          internal: spec.internal
        })
        created = topic
        parts.logs.configureTopic(topic.id, parts.topics.effectiveConfigs(topic))
        // A replica on a stopped broker starts out of sync; leadership goes to a running one.
        for (const p of topic.partitions) {
          parts.replication.initPartition(topic, p)
          parts.leadership.elect(topic, p)
        }
      })()
    } catch (err) {
      if (created) this.forget(created)
      if (!isDiskFull(err)) throw err
      parts.storage.writeFailed()
      throw refused()
    }
    const topic = created as Topic
    parts.topicChanged('created', topic.name)
    return topic
  }

  /** Drops what memory holds of a topic whose creation was rolled back. */
  private forget(topic: Topic): void {
    this.parts.topics.forget(topic)
    this.parts.logs.forgetTopic(topic.id)
    this.parts.replication.forgetTopic(topic.id)
  }

  alterConfigs(name: string, set: Record<string, string>, remove: string[]): void {
    const { parts } = this
    const topic = parts.topics.require(name)
    parts.topics.setConfigs(topic, set, remove)
    parts.logs.configureTopic(topic.id, parts.topics.effectiveConfigs(topic))
    parts.topicChanged('altered', name)
  }

  /** Grows a topic to `totalCount` partitions, placing new replicas as Kafka does. */
  /**
   * Checks growing a topic to `totalCount` partitions (with the new partitions' replicas when
   * given, as Kafka's CreatePartitions takes them) and returns the new partitions' replicas.
   */
  checkPartitions(name: string, totalCount: number, assignment?: number[][]): number[][] {
    const { parts } = this
    const topic = parts.topics.require(name)
    // As Kafka's tools refuse it: the partition count places the groups' coordinators.
    if (topic.internal)
      throw new EngineError(
        'invalid-partitions',
        `The number of partitions for the internal topic '${name}' cannot be changed`,
        'totalCount'
      )
    const current = topic.partitions.length
    if (totalCount > MAX_PARTITIONS_PER_TOPIC)
      throw new EngineError(
        'invalid-partitions',
        `A topic has at most ${MAX_PARTITIONS_PER_TOPIC} partitions, not ${totalCount}`,
        'totalCount'
      )
    if (totalCount < current)
      throw new EngineError(
        'invalid-partitions',
        `Topic '${name}' has ${current} partitions; partitions can be added but never removed`,
        'totalCount'
      )
    if (totalCount === current)
      throw new EngineError(
        'invalid-partitions',
        `Topic '${name}' already has ${current} partitions`,
        'totalCount'
      )
    if (!parts.storage.writable)
      throw new EngineError(
        'storage-full',
        `Topic '${name}' was not given new partitions: the disk is full. Delete topics or records to free space, then try again`,
        'totalCount'
      )
    const rf = topic.partitions[0]?.replicas.length ?? 1
    if (!assignment) {
      this.requireRunningBroker('totalCount')
      return placeReplicas(
        parts.brokerIds(),
        (id) => parts.isOnline(id),
        totalCount - current,
        rf,
        (id) => parts.brokerRack(id),
        topic.partitions.map((p) => p.replicas)
      )
    }
    if (assignment.length !== totalCount - current)
      throw new EngineError(
        'invalid-replica-assignment',
        `Adding ${totalCount - current} partitions needs as many assignments, not ${assignment.length}`,
        'assignments'
      )
    return checkAssignment(assignment, parts.brokerIds(), rf, current)
  }

  createPartitions(name: string, totalCount: number, explicit?: number[][]): void {
    const { parts } = this
    const assignment = this.checkPartitions(name, totalCount, explicit)
    const topic = parts.topics.require(name)
    const current = topic.partitions.length
    parts.topics.addPartitions(topic, assignment)
    for (let p = current; p < totalCount; p++) {
      parts.replication.initPartition(topic, topic.partitions[p])
      parts.leadership.elect(topic, topic.partitions[p])
    }
    parts.topicChanged('altered', name)
  }

  delete(name: string): void {
    const { parts } = this
    if (parts.topics.get(name)?.internal)
      throw new EngineError(
        'internal-topic',
        `Topic '${name}' is a Kafka internal topic and is not allowed to be deleted`,
        'name'
      )
    const topic = parts.db.transaction(() => {
      const deleting = parts.topics.require(name)
      parts.topicDeleting?.(deleting)
      return parts.topics.delete(name)
    })()
    parts.logs.forgetTopic(topic.id)
    parts.replication.forgetTopic(topic.id)
    parts.topicDeleted(topic)
    parts.topicChanged('deleted', name)
  }
}

/**
 * Kafka's checks of a manual replica assignment (INVALID_REPLICA_ASSIGNMENT): every partition
 * lists `replicationFactor` distinct brokers, each one that exists.
 */
function checkAssignment(
  assignment: number[][],
  brokerIds: readonly number[],
  replicationFactor: number,
  firstPartition: number
): number[][] {
  for (const [i, replicas] of assignment.entries()) {
    const p = firstPartition + i
    const refuse = (message: string) => {
      throw new EngineError('invalid-replica-assignment', message, 'assignments')
    }
    if (replicas.length === 0) refuse(`Partition ${p} has an empty replica list`)
    if (replicas.length !== replicationFactor)
      refuse(
        `Partition ${p} has ${replicas.length} replicas, but the topic's partitions have ${replicationFactor}`
      )
    if (new Set(replicas).size !== replicas.length) refuse(`Partition ${p} lists a broker twice`)
    const unknown = replicas.find((r) => !brokerIds.includes(r))
    if (unknown !== undefined)
      refuse(`Partition ${p} names broker ${unknown}, but no such broker exists`)
  }
  return assignment.map((r) => [...r])
}
