// Partition reassignments as Kafka's controller takes them (AlterPartitionReassignments,
// ListPartitionReassignments): the target is checked here, and Leadership moves the replica set.
import { EngineError } from '../engine-error'
import type { Db } from '../storage/database'
import type { PartitionState, Topic, TopicRegistry } from '../log/topic-registry'
import type { Leadership } from './leadership'
import type { Replication } from './replication'

export interface ReassignmentParts {
  readonly db: Db
  readonly topics: TopicRegistry
  readonly leadership: Leadership
  readonly replication: Replication
  brokerIds(): number[]
  /** Called after a reassignment started, was replaced or was cancelled. */
  changed(reason: string): void
}

export interface OngoingReassignment {
  topic: string
  partition: number
  /** The target replicas followed by those leaving. */
  replicas: number[]
  addingReplicas: number[]
  removingReplicas: number[]
  startedAt: number
}

export interface ReassignOptions {
  /**
   * KIP-860's allow_replication_factor_change (true by default): false refuses a target whose
   * size differs from the replication factor the partition has, or is headed for.
   */
  allowReplicationFactorChange?: boolean
}

export class Reassignments {
  constructor(private readonly parts: ReassignmentParts) {}

  /** The partition, or a not-found error naming it. */
  private partition(topicName: string, partition: number): { topic: Topic; p: PartitionState } {
    const topic = this.parts.topics.require(topicName)
    const p = topic.partitions[partition]
    if (!p)
      throw new EngineError(
        'not-found',
        `Partition ${partition} of topic '${topicName}' does not exist`,
        'partition'
      )
    return { topic, p }
  }

  /** Checks a target as Kafka does: some replicas, each a broker of the cluster, none twice. */
  private check(replicas: readonly number[]): void {
    const field = 'replicas'
    if (replicas.length === 0)
      throw new EngineError('invalid-replica-assignment', 'The replica list is empty', field)
    const known = new Set(this.parts.brokerIds())
    const unknown = replicas.filter((r) => !known.has(r))
    if (unknown.length > 0)
      throw new EngineError(
        'invalid-replica-assignment',
        `Broker ${unknown.join(', ')} does not exist (brokers: ${[...known].join(', ')})`,
        field
      )
    if (new Set(replicas).size !== replicas.length)
      throw new EngineError(
        'invalid-replica-assignment',
        `The replica list [${replicas.join(', ')}] names a broker twice`,
        field
      )
  }

  /**
   * Refuses a target of another size than the replica set the partition has, or is headed for
   * while a reassignment is in flight, with Kafka's message.
   */
  private checkReplicationFactorUnchanged(p: PartitionState, replicas: readonly number[]): void {
    const current = p.replicas.length - (p.reassignment?.removing.length ?? 0)
    if (current !== replicas.length)
      throw new EngineError(
        'invalid-replication-factor',
        `The replication factor is changed from ${current} to ${replicas.length}`,
        'replicas'
      )
  }

  /** Moves a partition to `replicas`; null cancels the reassignment in flight. */
  reassign(
    topicName: string,
    partition: number,
    replicas: readonly number[] | null,
    options: ReassignOptions = {}
  ): void {
    const { topic, p } = this.partition(topicName, partition)
    const { leadership, db } = this.parts
    if (replicas === null) {
      db.transaction(() => leadership.cancelReassignment(topic, p))()
      this.parts.changed('reassignment cancelled')
      return
    }
    this.check(replicas)
    if (options.allowReplicationFactorChange === false)
      this.checkReplicationFactorUnchanged(p, replicas)
    db.transaction(() => leadership.reassign(topic, p, [...replicas], Date.now()))()
    this.parts.replication.tick(Date.now())
    this.parts.changed('reassignment started')
  }

  /** Reassignments in flight, of the partitions asked for (all when none is named). */
  list(filter?: (topic: string, partition: number) => boolean): OngoingReassignment[] {
    const out: OngoingReassignment[] = []
    for (const topic of this.parts.topics.list())
      for (const p of topic.partitions) {
        const r = p.reassignment
        if (!r || (filter && !filter(topic.name, p.partition))) continue
        out.push({
          topic: topic.name,
          partition: p.partition,
          replicas: [...p.replicas],
          addingReplicas: [...r.adding],
          removingReplicas: [...r.removing],
          startedAt: r.startedAt
        })
      }
    return out
  }
}
