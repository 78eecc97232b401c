// Kafka's internal topics of coordinator records: __consumer_offsets (the group coordinator's,
// groups/offsets-topic.ts) and __transaction_state (the transaction coordinator's,
// transactions/transaction-state-topic.ts). The coordinators keep their state in SQLite; the topic
// is what they write out, record by record, in Kafka's own layout, inside the same SQLite
// transaction as the change it records. Its partitions also place the coordinators: a key's
// coordinator is the leader of partition abs(String.hashCode(key)) % the topic's partitions, as
// in Kafka.
import { EngineError } from '../engine-error'
import type { LogConfig } from '../log/log-config'
import type { PartitionLog } from '../log/partition-log'
import type { Topic } from '../log/topic-registry'
import type { Appended } from './leader-append'
import { encodeBatch } from '../records'
import { javaHash } from '../kafka/java-hash-order'

/** A record of the topic: a key and a value, or null for a tombstone. */
export interface CoordinatorRecordBytes {
  key: Buffer
  value: Buffer | null
}

/** Which internal topic: its name and the topic configs Kafka creates it with. */
export interface InternalTopicSpec {
  name: string
  configs: Record<string, string>
}

/** Where a coordinator writes its records out (an InternalTopic). */
export interface CoordinatorRecordSink {
  /** Makes sure the topic exists, outside any SQLite transaction. */
  ensure(): unknown
  write(key: string, records: readonly CoordinatorRecordBytes[], now: number): void
  committed(): void
  rolledBack(): void
}

export interface InternalTopicParts {
  topic(name: string): Topic | undefined
  /** Creates the topic (TopicAdmin.create); throws EngineError when it cannot. */
  create(spec: {
    name: string
    partitions: number
    replicationFactor: number
    configs: Record<string, string>
    internal: true
  }): Topic
  brokerCount(): number
  /** Configs of the topic read from the broker's when it is made (min.insync.replicas). */
  topicConfigs?(replicationFactor: number): Record<string, string>
  /** The topic's broker configs (offsets.topic.num.partitions ...), as configured. */
  numPartitions(): number
  replicationFactor(): number
  log(topic: Topic, partition: number): PartitionLog
  logConfig(topic: Topic): LogConfig
  /** Records went in (committed): replicate them, wake fetches waiting on the partition. */
  appended: Appended
  /** A line for the broker log. */
  logLine?(line: string): void
  /**
   * The topic was just created: the coordinator writes out what it holds already (offsets
   * committed while it could not be created, or kept by an older data directory).
   */
  created?(): void
}

/** Kafka's Utils.abs: Math.abs, with Integer.MIN_VALUE taken to 0. */
function abs(n: number): number {
  return n === -2147483648 ? 0 : Math.abs(n)
}

/** The partition of a key's records (a group or transactional id), as Kafka's partitionFor. */
export function coordinatorPartitionFor(key: string, partitions: number): number {
  return abs(javaHash(key)) % partitions
}

export class InternalTopic {
  /** Appends made in the SQLite transaction under way, announced once it commits. */
  private pending: (() => void)[] = []
  /** Partitions appended to in the transaction under way, reloaded if it rolls back. */
  private touched = new Set<number>()

  constructor(
    private readonly spec: InternalTopicSpec,
    private readonly parts: InternalTopicParts
  ) {}

  get name(): string {
    return this.spec.name
  }

  /** The topic, if it exists yet. */
  topic(): Topic | undefined {
    return this.parts.topic(this.spec.name)
  }

  /**
   * The topic, created first if it does not exist (Kafka creates it on the first FindCoordinator
   * of its coordinator); undefined when it cannot be created now (a full disk, every broker
   * stopped), which Kafka answers COORDINATOR_NOT_AVAILABLE.
   */
  ensure(): Topic | undefined {
    const existing = this.topic()
    if (existing) return existing
    const { parts } = this
    // Capped by the brokers there are, so that a cluster of one broker has the topic too.
    const replicationFactor = Math.min(parts.replicationFactor(), parts.brokerCount())
    let topic: Topic
    try {
      topic = parts.create({
        name: this.spec.name,
        partitions: parts.numPartitions(),
        replicationFactor,
        configs: { ...this.spec.configs, ...parts.topicConfigs?.(replicationFactor) },
        internal: true
      })
    } catch (err) {
      if (!(err instanceof EngineError)) throw err
      parts.logLine?.(`${this.spec.name} not created: ${err.message}`)
      return undefined
    }
    parts.created?.()
    return topic
  }

  /**
   * The broker id coordinating a key: the leader of its partition, creating the topic first if
   * needed; null when that partition has no leader or the topic cannot be created.
   */
  coordinatorOf(key: string): number | null {
    const topic = this.ensure()
    const leader = topic?.partitions[coordinatorPartitionFor(key, topic.partitions.length)]?.leader
    return leader === undefined || leader < 0 ? null : leader
  }

  /**
   * Appends a key's records to its partition as one batch. Call inside the SQLite transaction
   * that makes the change they record; then `committed()` or `rolledBack()`.
   */
  write(key: string, records: readonly CoordinatorRecordBytes[], now: number): void {
    if (records.length === 0) return
    const topic = this.ensure()
    // The topic cannot be made now (a full disk, every broker stopped; ensure() logged why): the
    // change goes in without its records, as the tables are what the coordinator reads.
    if (!topic) return
    const partition = coordinatorPartitionFor(key, topic.partitions.length)
    const state = topic.partitions[partition]
    const batch = encodeBatch(
      records.map((r) => ({ key: r.key, value: r.value, timestamp: now })),
      { now }
    )
    this.touched.add(partition)
    const r = this.parts.log(topic, partition).append(batch, {
      config: this.parts.logConfig(topic),
      now,
      leaderEpoch: Math.max(state.leaderEpoch, 0)
    })
    this.pending.push(() =>
      this.parts.appended(topic, partition, now, r.baseOffset, records.length, batch.length)
    )
  }

  /** The transaction holding the writes committed: replicate them, wake waiting fetches. */
  committed(): void {
    const pending = this.pending
    this.pending = []
    this.touched.clear()
    for (const notify of pending) notify()
  }

  /** The transaction holding the writes rolled back: the logs go back to what SQLite has. */
  rolledBack(): void {
    this.pending = []
    const topic = this.topic()
    if (topic) for (const p of this.touched) this.parts.log(topic, p).reload()
    this.touched.clear()
  }
}
