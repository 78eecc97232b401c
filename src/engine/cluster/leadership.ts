// Every change of a partition's leader or ISR happens here, and is recorded here.
//
// Elections: a partition whose leader stopped gets the first running in-sync replica (in
// assignment order); with unclean.leader.election.enable, any running replica when no in-sync
// one is left, losing the records it lacks; otherwise the partition goes offline. Replication
// reports ISR changes; an admin may ask for preferred leaders back.
//
// Reassignment (Kafka's AlterPartitionReassignments): the replica set becomes the target replicas
// followed by those leaving; the new replicas start empty and catch up (replication), join the
// ISR, and once every target replica is in it the leaving ones go, leadership moving to the
// first target replica in sync if the leader was among them. A cancel goes back to the original
// replicas.
import type { ClusterChange } from '../../shared/api/cluster'
import { EngineError } from '../engine-error'
import type { PartitionState, Topic } from '../log/topic-registry'
import type { ClusterParts } from './cluster-parts'
import type { Replication } from './replication'

export interface ElectedLeader {
  topic: string
  partition: number
  leader: number
  leaderEpoch: number
}

const MAX_CHANGES = 10_000

export class Leadership {
  private readonly changes: ClusterChange[] = []

  constructor(
    private readonly parts: ClusterParts,
    private readonly replication: Replication,
    /** Called with each change as it is recorded. */
    private readonly onChange: (change: ClusterChange) => void
  ) {}

  /** Leadership and ISR changes (and broker stops and starts), newest first. */
  history(limit: number): ClusterChange[] {
    return this.changes.slice(-limit).reverse()
  }

  record(change: Omit<ClusterChange, 'timestamp'>): void {
    const full = { timestamp: Date.now(), ...change }
    this.changes.push(full)
    this.onChange(full)
    if (this.changes.length > MAX_CHANGES) this.changes.splice(0, this.changes.length - MAX_CHANGES)
  }

  /** Elects a leader for a partition whose leader is gone, and drops stopped brokers from its ISR. */
  elect(topic: Topic, p: PartitionState): void {
    const { parts, replication } = this
    const online = (r: number) => parts.isOnline(r)
    let isr = p.isr.filter(online)
    let leader = p.leader
    let unclean = false
    if (leader < 0 || !online(leader)) {
      const clean = p.replicas.find((r) => online(r) && isr.includes(r))
      if (clean !== undefined) leader = clean
      else if (parts.topics.effectiveConfigs(topic)['unclean.leader.election.enable'] === 'true') {
        const candidates = p.replicas.filter(online)
        const best = candidates.sort(
          (a, b) => replication.replicaLogEnd(topic, p, b) - replication.replicaLogEnd(topic, p, a)
        )[0]
        leader = best ?? -1
        unclean = best !== undefined
        if (unclean) isr = [best]
      } else leader = -1
    }
    const where = `${topic.name}-${p.partition}`
    const leaderChanged = leader !== p.leader
    // Kafka keeps the last leader in the ISR of an offline partition.
    const newIsr = leader < 0 ? p.isr.slice(0, 1) : isr
    if (!leaderChanged && newIsr.join() === p.isr.join()) return
    const isrGrew = newIsr.length > p.isr.length
    if (leaderChanged) {
      p.leaderEpoch++
      replication.leaderSteppedDown(topic, p, p.leader)
    }
    p.leader = leader
    p.isr = newIsr
    parts.topics.saveLeadership(topic, p)
    let lost = 0
    if (leaderChanged && leader >= 0) lost = replication.truncateToLeader(topic, p)
    this.record({
      kind: unclean
        ? 'unclean-election'
        : leaderChanged
          ? 'leader-elected'
          : isrGrew
            ? 'isr-expanded'
            : 'isr-shrunk',
      topic: topic.name,
      partition: p.partition,
      leader,
      leaderEpoch: p.leaderEpoch,
      isr: [...p.isr],
      recordsLost: lost > 0 ? lost : undefined,
      message: leaderChanged
        ? leader < 0
          ? `${where} is offline: no in-sync replica is running`
          : unclean
            ? `${where}: unclean election of out-of-sync broker ${leader} (epoch ${p.leaderEpoch}); ${lost} record(s) lost`
            : `${where}: broker ${leader} elected leader (epoch ${p.leaderEpoch})` +
              (lost > 0 ? `; ${lost} unreplicated record(s) truncated` : '')
        : `${where}: ISR is now [${p.isr.join(', ')}]`
    })
  }

  /**
   * Runs `work` (a broker's stop or start and its elections) whole or not at all: should it
   * throw, the leader, epoch and ISR of every partition with a replica on the broker go back to
   * what they were.
   */
  undoneOnFailure<T>(brokerId: number, work: () => T): T {
    const saved = this.parts.topics
      .list()
      .flatMap((t) => t.partitions.filter((p) => p.replicas.includes(brokerId)))
      .map((p) => ({ p, leader: p.leader, leaderEpoch: p.leaderEpoch, isr: p.isr }))
    try {
      return work()
    } catch (err) {
      for (const { p, leader, leaderEpoch, isr } of saved)
        Object.assign(p, { leader, leaderEpoch, isr })
      throw err
    }
  }

  /** Elects leaders for every partition with a replica on a broker that stopped. */
  brokerStopped(brokerId: number): void {
    this.parts.db.transaction(() => {
      for (const topic of this.parts.topics.list())
        for (const p of topic.partitions) if (p.replicas.includes(brokerId)) this.elect(topic, p)
    })()
  }

  /** Elects leaders for the offline partitions a started broker holds a replica of. */
  brokerStarted(brokerId: number): void {
    this.parts.db.transaction(() => {
      for (const topic of this.parts.topics.list())
        for (const p of topic.partitions)
          if (p.replicas.includes(brokerId) && p.leader < 0) this.elect(topic, p)
    })()
  }

  /** Replication changed a partition's ISR. */
  changeIsr(topic: Topic, p: PartitionState, isr: number[]): void {
    const grew = isr.length > p.isr.length
    p.isr = isr
    this.parts.topics.saveLeadership(topic, p)
    this.record({
      kind: grew ? 'isr-expanded' : 'isr-shrunk',
      topic: topic.name,
      partition: p.partition,
      leader: p.leader,
      leaderEpoch: p.leaderEpoch,
      isr: [...isr],
      message: `${topic.name}-${p.partition}: ISR is now [${isr.join(', ')}]`
    })
    if (grew) this.completeReassignment(topic, p)
  }

  /** The replicas a partition had before its reassignment in flight (its replicas when none). */
  private originalReplicas(p: PartitionState): number[] {
    const adding = p.reassignment?.adding ?? []
    return p.replicas.filter((r) => !adding.includes(r))
  }

  /**
   * Starts moving a partition to `target` (checked by the caller: distinct running-or-not
   * brokers of the cluster). A reassignment in flight is replaced, counted from the original
   * replicas; a target equal to them cancels it.
   */
  reassign(topic: Topic, p: PartitionState, target: number[], now: number): void {
    const original = this.originalReplicas(p)
    const before = p.reassignment?.adding ?? []
    const adding = target.filter((r) => !original.includes(r))
    const removing = original.filter((r) => !target.includes(r))
    for (const r of before) if (!target.includes(r)) this.replication.forgetReplica(topic, p, r)
    for (const r of adding) if (!before.includes(r)) this.replication.addReplica(topic, p, r, now)
    p.replicas = [...target, ...removing]
    p.isr = p.isr.filter((r) => p.replicas.includes(r))
    p.reassignment =
      adding.length === 0 && removing.length === 0
        ? undefined
        : { adding, removing, startedAt: p.reassignment?.startedAt ?? now }
    this.parts.topics.saveReplicas(topic, p)
    const where = `${topic.name}-${p.partition}`
    this.record({
      kind: 'reassignment-started',
      topic: topic.name,
      partition: p.partition,
      leader: p.leader,
      leaderEpoch: p.leaderEpoch,
      isr: [...p.isr],
      replicas: [...p.replicas],
      message:
        `${where}: reassigning to [${target.join(', ')}]` +
        (adding.length > 0 ? `, adding [${adding.join(', ')}]` : '') +
        (removing.length > 0 ? `, removing [${removing.join(', ')}]` : '')
    })
    this.completeReassignment(topic, p)
  }

  /** Goes back to the original replicas of a partition being reassigned. */
  cancelReassignment(topic: Topic, p: PartitionState): void {
    const r = p.reassignment
    const where = `${topic.name}-${p.partition}`
    if (!r) throw new EngineError('no-reassignment', `No reassignment of ${where} is in progress`)
    const original = this.originalReplicas(p)
    for (const b of r.adding) this.replication.forgetReplica(topic, p, b)
    this.finish(topic, p, original, 'reassignment-cancelled', `${where}: reassignment cancelled`)
  }

  /** Ends a reassignment once every target replica is in the ISR. */
  private completeReassignment(topic: Topic, p: PartitionState): void {
    const r = p.reassignment
    if (!r) return
    const target = p.replicas.filter((b) => !r.removing.includes(b))
    if (!target.every((b) => p.isr.includes(b))) return
    if (!target.some((b) => this.parts.isOnline(b))) return
    for (const b of r.removing) this.replication.forgetReplica(topic, p, b)
    this.finish(
      topic,
      p,
      target,
      'reassignment-completed',
      `${topic.name}-${p.partition}: reassignment done, replicas [${target.join(', ')}]`
    )
  }

  /**
   * Sets a partition's replicas to `replicas` and ends its reassignment: the ISR keeps only
   * them, and a leader outside them hands over to the first of them in sync and running (a
   * controlled change: the new leader holds the log, nothing is truncated).
   */
  private finish(
    topic: Topic,
    p: PartitionState,
    replicas: number[],
    kind: 'reassignment-completed' | 'reassignment-cancelled',
    message: string
  ): void {
    const isr = p.isr.filter((b) => replicas.includes(b))
    let leader = p.leader
    if (!replicas.includes(leader) || !this.parts.isOnline(leader))
      leader = replicas.find((b) => isr.includes(b) && this.parts.isOnline(b)) ?? -1
    const leaderChanged = leader !== p.leader
    if (leaderChanged) {
      this.replication.leaderSteppedDown(topic, p, p.leader)
      p.leaderEpoch++
    }
    p.replicas = replicas
    p.isr = isr.length > 0 ? isr : replicas.slice(0, 1)
    p.leader = leader
    p.reassignment = undefined
    this.parts.topics.saveReplicas(topic, p)
    this.record({
      kind,
      topic: topic.name,
      partition: p.partition,
      leader,
      leaderEpoch: p.leaderEpoch,
      isr: [...p.isr],
      replicas: [...replicas],
      message: leaderChanged
        ? `${message}; broker ${leader} leads (epoch ${p.leaderEpoch})`
        : message
    })
  }

  /** Makes each partition's first replica its leader again where it is in sync and running. */
  electPreferred(topics: Topic[], partitions?: number[]): ElectedLeader[] {
    const elected: ElectedLeader[] = []
    for (const topic of topics) {
      for (const p of topic.partitions) {
        if (partitions && !partitions.includes(p.partition)) continue
        const preferred = p.replicas[0]
        if (p.leader === preferred || !p.isr.includes(preferred)) continue
        if (!this.parts.isOnline(preferred)) continue
        this.replication.leaderSteppedDown(topic, p, p.leader)
        p.leader = preferred
        p.leaderEpoch++
        this.parts.topics.saveLeadership(topic, p)
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
    return elected
  }
}
