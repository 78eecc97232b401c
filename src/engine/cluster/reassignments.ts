// Partition reassignments as Kafka's controller takes them (AlterPartitionReassignments,
// ListPartitionReassignments): the target is checked here, and Leadership moves the replica set.
// A move the console throttles (as kafka-reassign-partitions --throttle does) has the rates it
// set on the brokers taken off again once it is done or cancelled, as the tool's --verify does.
import { EngineError } from '../engine-error'
import type { Db } from '../storage/database'
import { clusterQueries } from '../storage/cluster-queries'
import type { PartitionState, Topic, TopicRegistry } from '../log/topic-registry'
import type { Leadership } from './leadership'
import {
  removalMessage,
  removesAnything,
  throttlesToRemove,
  trackMove,
  type BrokerRates,
  type ThrottledMove
} from './move-throttles'
import type { Replication } from './replication'

/** The moves the console throttled, kept across restarts. */
const THROTTLED_MOVES_KEY = 'reassignment.throttles'

export interface ReassignmentParts {
  readonly db: Db
  readonly topics: TopicRegistry
  readonly leadership: Leadership
  readonly replication: Replication
  brokerIds(): number[]
  /** Called after a reassignment started, was replaced or was cancelled. */
  changed(reason: string): void
  /** A broker's own leader/follower.replication.throttled.rate (null: not set for it). */
  brokerRates(brokerId: number): BrokerRates
  /** Sets (or, for null, removes) a broker's own throttled rates. */
  setBrokerRates(brokerId: number, rates: BrokerRates): void
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
  /**
   * The console's throttle (bytes per second): set on the leader's and the new replicas'
   * brokers before the move, as kafka-reassign-partitions --throttle sets it, and taken off
   * once the move is done or cancelled.
   */
  throttleBytesPerSec?: number
}

export class Reassignments {
  private readonly meta

  constructor(private readonly parts: ReassignmentParts) {
    this.meta = clusterQueries(parts.db)
  }

  private throttledMoves(): ThrottledMove[] {
    const row = this.meta.metaSelect.get(THROTTLED_MOVES_KEY)
    return row ? (JSON.parse(row.value) as ThrottledMove[]) : []
  }

  private saveThrottledMoves(moves: ThrottledMove[]): void {
    this.meta.metaUpsert.run(THROTTLED_MOVES_KEY, JSON.stringify(moves))
  }

  /** Sets the console's throttle of a move to `target` on the brokers it concerns. */
  private throttle(
    p: PartitionState,
    topic: string,
    target: readonly number[],
    rate: number
  ): void {
    const adding = target.filter((r) => !p.replicas.includes(r))
    const known = new Set(this.parts.brokerIds())
    const brokers = [...new Set([p.leader, ...adding])].filter((b) => known.has(b))
    const value = String(rate)
    const move: ThrottledMove = {
      topic,
      partition: p.partition,
      rate: value,
      brokers: brokers.map((id) => ({ id, ...this.parts.brokerRates(id) })),
      // The replicas a reassignment adds are throttled here without being listed on the topic.
      leaderReplicas: [],
      followerReplicas: []
    }
    this.saveThrottledMoves(trackMove(this.throttledMoves(), move))
    for (const b of brokers) this.parts.setBrokerRates(b, { leader: value, follower: value })
  }

  /**
   * Takes off the console's throttles of the moves no longer in flight: a broker's rates go back
   * to what it had unless a throttled move in flight still goes through it or its rates were
   * changed since; the timeline says what was removed.
   */
  settleThrottles(): void {
    const tracked = this.throttledMoves()
    if (tracked.length === 0) return
    const { removal, left } = throttlesToRemove(
      tracked,
      (topic, partition) =>
        this.parts.topics.get(topic)?.partitions[partition]?.reassignment !== undefined
    )
    if (removal.done.length === 0) return
    this.saveThrottledMoves(left)
    const known = new Set(this.parts.brokerIds())
    const brokers = removal.brokers.filter((b) => {
      if (!known.has(b.id)) return false
      const now = this.parts.brokerRates(b.id)
      return now.leader === b.rate && now.follower === b.rate
    })
    for (const b of brokers) this.parts.setBrokerRates(b.id, b.before)
    const removed = { ...removal, brokers }
    if (!removesAnything(removed)) return
    const first = removal.done[0]
    this.parts.leadership.record({
      kind: 'throttle-removed',
      topic: first.topic,
      partition: first.partition,
      message: removalMessage(removed)
    })
  }

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
    const now = Date.now()
    const { throttleBytesPerSec } = options
    db.transaction(() => {
      if (throttleBytesPerSec !== undefined)
        this.throttle(p, topic.name, replicas, throttleBytesPerSec)
      leadership.reassign(topic, p, [...replicas], now)
    })()
    // A target that moves nothing is done at once: its throttle comes off.
    if (!p.reassignment) this.settleThrottles()
    // Replication starts counting from now; the new replicas fetch on a later tick.
    this.parts.replication.tick(now)
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
