// Simulated replication over one physical log per partition: each follower replica has its own
// log end offset that trails the leader's by a configurable delay and throughput; the ISR holds
// the followers that kept up within replica.lag.time.max.ms; the high watermark is the lowest
// log end offset in the ISR; elections pick the new leader from the ISR, or (unclean) from any
// running replica, truncating the log to the new leader's end and counting what was lost. A
// replica added by a reassignment starts empty, sends its first fetch replicaStartMs later (never
// within the request that added it, so the move is in flight even for an empty partition, as in
// Kafka), then copies the log at its broker's rate, held under the leader's and follower's
// replication throttles (bytes per second), as is any replica out of the ISR that its topic's
// throttled-replicas configs name.
import { isDiskFull } from '../storage/disk-full'
import type { PartitionState, Topic } from '../log/topic-registry'
import { replicaQueries } from '../storage/replica-queries'
import { partitionKey, type AppendSignals, type PartitionKey } from './append-signals'
import type { ClusterParts } from './cluster-parts'
import type { ReplicationSettings } from './replication-settings'
import { isThrottledReplica } from './throttled-replicas'

/** What replication needs beyond the cluster's parts: where to wake readers, whom to tell of ISR changes. */
export interface ReplicationParts extends ClusterParts {
  readonly signals: AppendSignals
  /** The followers that kept up make this partition's ISR (leadership records the change). */
  isrChanged(topic: Topic, p: PartitionState, isr: number[]): void
  /**
   * Whether a fault holds this follower out of the ISR (it copies nothing meanwhile);
   * `dropping` says it leaves the ISR now.
   */
  heldOutOfIsr(topic: Topic, p: PartitionState, brokerId: number, dropping: boolean): boolean
}

interface Follower {
  leo: number
  /** The log end offset stored for it; null when no row is stored (in step with the log). */
  stored: number | null
  /** Records a rate-limited copy may take but has not yet (a fraction of one, carried over). */
  credit?: number
}

/** One append to the leader: offsets [start, end) appended at `time`. */
type Append = [start: number, end: number, time: number]

const MAX_TRACKED_APPENDS = 10_000

const startKey = (topic: Topic, p: PartitionState, brokerId: number) =>
  `${partitionKey(topic.id, p.partition)}/${brokerId}`

export class Replication {
  private readonly followers = new Map<PartitionKey, Map<number, Follower>>()
  private readonly appends = new Map<PartitionKey, Append[]>()
  private readonly waiters = new Map<
    PartitionKey,
    { offset: number; resolve: (ok: boolean) => void }[]
  >()
  /**
   * Replicas added by a reassignment that have not fetched yet, by `partition key/broker id`:
   * when they were added (or the cluster started again).
   */
  private readonly starting = new Map<string, number>()
  /** Partitions with work left: followers behind, replicas out of the ISR, copies pending. */
  private readonly attention = new Map<PartitionKey, { topic: Topic; p: PartitionState }>()
  private readonly q
  private timer: NodeJS.Timeout | null = null
  private lastTick = Date.now()
  /** Bytes each broker's leader and follower throttles may still copy in this tick. */
  private throttleLeft = { leader: new Map<number, number>(), follower: new Map<number, number>() }

  constructor(
    private readonly parts: ReplicationParts,
    readonly settings: ReplicationSettings
  ) {
    this.q = replicaQueries(parts.db)
    for (const row of this.q.replicasSelectAll.all()) {
      this.followerMap(partitionKey(row.topic_id, row.partition)).set(row.broker_id, {
        leo: row.log_end_offset,
        stored: row.log_end_offset
      })
    }
  }

  /**
   * Registers every replica of a partition that has no state yet as in step with the log end.
   * Called when partitions come into existence (and for all at startup), before any append,
   * so that a follower first seen after an append is not taken to hold it.
   */
  initPartition(topic: Topic, p: PartitionState): void {
    const m = this.followerMap(partitionKey(topic.id, p.partition))
    const leo = this.parts.log(topic, p.partition).logEndOffset
    for (const r of p.replicas) if (!m.has(r)) m.set(r, { leo, stored: null })
  }

  /**
   * Settles, at startup, the partitions that need it: those with a follower stored as behind,
   * a replica on a stopped broker or a replica out of the ISR. Every other follower is in step
   * with the log end and is registered on first use.
   */
  init(now: number): void {
    const behind = new Set(this.followers.keys())
    for (const topic of this.parts.topics.list())
      for (const p of topic.partitions) {
        // A move in flight: its new replicas' brokers start their fetchers again.
        for (const r of p.reassignment?.adding ?? [])
          if (!p.isr.includes(r)) this.starting.set(startKey(topic, p, r), now)
        if (
          behind.has(partitionKey(topic.id, p.partition)) ||
          p.isr.length < p.replicas.length ||
          p.replicas.some((r) => !this.parts.isOnline(r))
        )
          this.watch(topic, p)
      }
    this.tick(now)
  }

  private watch(topic: Topic, p: PartitionState): void {
    this.attention.set(partitionKey(topic.id, p.partition), { topic, p })
  }

  /** Nothing left to do until the next append or broker change. */
  private settled(topic: Topic, p: PartitionState): boolean {
    if (p.leader < 0) return true
    const key = partitionKey(topic.id, p.partition)
    if ((this.appends.get(key)?.length ?? 0) > 0) return false
    const leo = this.parts.log(topic, p.partition).logEndOffset
    return p.replicas.every(
      (r) =>
        r === p.leader ||
        !this.parts.isOnline(r) ||
        (p.isr.includes(r) && this.follower(topic, p, r).leo >= leo)
    )
  }

  /** Starts the replication clock; a tickMs of 0 leaves ticking to the caller (tests). */
  start(): void {
    if (this.timer || this.settings.tickMs <= 0) return
    this.timer = setInterval(() => this.tick(Date.now()), this.settings.tickMs)
    this.timer.unref()
  }

  private followerMap(key: PartitionKey): Map<number, Follower> {
    let m = this.followers.get(key)
    if (!m) this.followers.set(key, (m = new Map()))
    return m
  }

  /** A follower's state; one never seen is in step with the log end. */
  private follower(topic: Topic, p: PartitionState, brokerId: number): Follower {
    const m = this.followerMap(partitionKey(topic.id, p.partition))
    let f = m.get(brokerId)
    if (!f)
      m.set(brokerId, (f = { leo: this.parts.log(topic, p.partition).logEndOffset, stored: null }))
    return f
  }

  /**
   * A replica added by a reassignment at `now`: it holds nothing yet, and copies from the log
   * start once it has sent its first fetch.
   */
  addReplica(topic: Topic, p: PartitionState, brokerId: number, now: number): void {
    const log = this.parts.log(topic, p.partition)
    this.followerMap(partitionKey(topic.id, p.partition)).set(brokerId, {
      leo: log.logStartOffset,
      stored: null
    })
    this.starting.set(startKey(topic, p, brokerId), now)
    this.watch(topic, p)
  }

  /**
   * Whether a replica a reassignment added is still to send its first fetch at `now`; the first
   * tick at or past its start time is that fetch.
   */
  private notFetchingYet(topic: Topic, p: PartitionState, brokerId: number, now: number): boolean {
    // Asked for every follower on every tick: no key is built while no move is starting.
    if (this.starting.size === 0) return false
    const key = startKey(topic, p, brokerId)
    const since = this.starting.get(key)
    if (since === undefined) return false
    if (now < since + this.settings.replicaStartMs || now <= since) return true
    this.starting.delete(key)
    return false
  }

  /** Whether a replica a reassignment added has not fetched yet (it cannot join the ISR). */
  private awaitingFirstFetch(topic: Topic, p: PartitionState, brokerId: number): boolean {
    return this.starting.has(startKey(topic, p, brokerId))
  }

  /** A replica removed by a reassignment (or a cancelled one): its state goes. */
  forgetReplica(topic: Topic, p: PartitionState, brokerId: number): void {
    this.followers.get(partitionKey(topic.id, p.partition))?.delete(brokerId)
    this.starting.delete(startKey(topic, p, brokerId))
    this.q.replicasDelete.run(topic.id, p.partition, brokerId)
    this.watch(topic, p)
  }

  /**
   * Records `brokerId` may copy of a partition in `elapsedMs`: its broker's records-per-second
   * cap and, for a replica out of the ISR that is throttled, what is left this tick of the
   * leader's and follower's throttled byte rates, over the log's mean record size. As in Kafka,
   * the topic's leader.replication.throttled.replicas and follower.replication.throttled.replicas
   * say which replicas are throttled (the leader's on its side, the follower's on its own), a
   * replica a reassignment adds is on both sides (as `kafka-reassign-partitions --throttle` lists
   * it), and a broker's rate is shared by all its throttled replicas. Infinity when nothing
   * limits it; `charge` takes what the replica then copied off the shared rates.
   */
  private budget(
    topic: Topic,
    p: PartitionState,
    brokerId: number,
    elapsedMs: number
  ): { records: number; charge: (copied: number) => void } {
    const s = this.settings
    const perSec = s.brokerRecordsPerSec[brokerId] > 0 ? s.brokerRecordsPerSec[brokerId] : Infinity
    const pools: Map<number, number>[] = []
    const sides: number[] = []
    if (!p.isr.includes(brokerId)) {
      const adding = p.reassignment?.adding.includes(brokerId) ?? false
      const configs = topic.configOverrides
      const throttled = (config: string, replica: number) =>
        adding || isThrottledReplica(configs[config], p.partition, replica)
      if (
        s.followerThrottledRate[brokerId] > 0 &&
        throttled('follower.replication.throttled.replicas', brokerId)
      ) {
        pools.push(this.throttleLeft.follower)
        sides.push(brokerId)
      }
      if (
        s.leaderThrottledRate[p.leader] > 0 &&
        throttled('leader.replication.throttled.replicas', p.leader)
      ) {
        pools.push(this.throttleLeft.leader)
        sides.push(p.leader)
      }
    }
    if (pools.length === 0) return { records: (perSec * elapsedMs) / 1000, charge: () => {} }
    const rateOf = (pool: Map<number, number>, b: number) =>
      pool === this.throttleLeft.follower ? s.followerThrottledRate[b] : s.leaderThrottledRate[b]
    // Each throttled broker side starts the tick with its rate's worth of bytes.
    const left = pools.map((pool, k) => {
      const b = sides[k]
      let bytes = pool.get(b)
      if (bytes === undefined) pool.set(b, (bytes = (rateOf(pool, b) * elapsedMs) / 1000))
      return bytes
    })
    const log = this.parts.log(topic, p.partition)
    const recordBytes = Math.max(
      1,
      log.sizeBytes / Math.max(1, log.logEndOffset - log.logStartOffset)
    )
    const capped = Number.isFinite(perSec) ? (perSec * elapsedMs) / 1000 : Infinity
    return {
      records: Math.min(capped, Math.max(0, Math.min(...left)) / recordBytes),
      charge: (copied) => {
        pools.forEach((pool, k) =>
          pool.set(sides[k], (pool.get(sides[k]) ?? 0) - copied * recordBytes)
        )
      }
    }
  }

  /** The log end offset of `brokerId`'s replica of a partition. */
  replicaLogEnd(topic: Topic, p: PartitionState, brokerId: number): number {
    const leo = this.parts.log(topic, p.partition).logEndOffset
    return brokerId === p.leader ? leo : Math.min(this.follower(topic, p, brokerId).leo, leo)
  }

  private delayOf(brokerId: number): number {
    return this.settings.brokerDelayMs[brokerId] ?? this.settings.followerDelayMs
  }

  private instant(p: PartitionState): boolean {
    return p.replicas.every(
      (r) => r === p.leader || (this.delayOf(r) <= 0 && !(this.settings.brokerRecordsPerSec[r] > 0))
    )
  }

  /** Called by the leader after each append of the offsets from `fromOffset` to the log end. */
  afterAppend(topic: Topic, partition: number, now: number, fromOffset: number): void {
    const p = topic.partitions[partition]
    const key = partitionKey(topic.id, partition)
    // Followers first seen now held everything before this append, and nothing of it.
    const m = this.followerMap(key)
    for (const r of p.replicas) if (!m.has(r)) m.set(r, { leo: fromOffset, stored: null })
    const log = this.parts.log(topic, partition)
    if (p.replicas.length > 1) {
      if (this.instant(p)) {
        for (const r of p.replicas) {
          if (r === p.leader || !this.parts.isOnline(r)) continue
          if (this.parts.heldOutOfIsr(topic, p, r, false)) continue
          if (this.awaitingFirstFetch(topic, p, r)) continue
          const f = this.follower(topic, p, r)
          if (p.isr.includes(r) || f.leo >= log.highWatermark) f.leo = log.logEndOffset
        }
      } else {
        const list = this.appends.get(key) ?? []
        list.push([fromOffset, log.logEndOffset, now])
        this.watch(topic, p)
        if (list.length > MAX_TRACKED_APPENDS) list.splice(0, list.length - MAX_TRACKED_APPENDS)
        this.appends.set(key, list)
      }
    }
    this.update(topic, p, now)
  }

  /** Resolves true once the high watermark reaches `offset`, false after `timeoutMs`. */
  waitForHighWatermark(
    topic: Topic,
    partition: number,
    offset: number,
    timeoutMs: number
  ): Promise<boolean> {
    if (this.parts.log(topic, partition).highWatermark >= offset) return Promise.resolve(true)
    const key = partitionKey(topic.id, partition)
    return new Promise((resolve) => {
      const entry = { offset, resolve: (ok: boolean) => resolve(ok) }
      const list = this.waiters.get(key) ?? []
      list.push(entry)
      this.waiters.set(key, list)
      setTimeout(() => {
        const l = this.waiters.get(key)
        const i = l?.indexOf(entry) ?? -1
        if (l && i >= 0) {
          l.splice(i, 1)
          resolve(false)
        }
      }, timeoutMs).unref()
    })
  }

  /** Advances lagging followers, re-checks every ISR and high watermark. */
  tick(now: number): void {
    const elapsed = Math.max(0, now - this.lastTick)
    this.lastTick = now
    this.throttleLeft.leader.clear()
    this.throttleLeft.follower.clear()
    if (this.attention.size === 0) return
    this.parts.db.transaction(() => {
      for (const [key, { topic, p }] of this.attention) {
        if (this.parts.topics.get(topic.name) !== topic || !topic.partitions.includes(p)) {
          this.attention.delete(key)
          continue
        }
        if (p.replicas.length > 1) this.advance(topic, p, now, elapsed)
        this.update(topic, p, now)
        if (this.settled(topic, p)) this.attention.delete(key)
      }
    })()
  }

  private advance(topic: Topic, p: PartitionState, now: number, elapsedMs: number): void {
    if (p.leader < 0) return
    const key = partitionKey(topic.id, p.partition)
    const leo = this.parts.log(topic, p.partition).logEndOffset
    const list = this.appends.get(key) ?? []
    for (const r of p.replicas) {
      if (r === p.leader || !this.parts.isOnline(r)) continue
      if (this.parts.heldOutOfIsr(topic, p, r, false)) continue
      if (this.notFetchingYet(topic, p, r, now)) continue
      const f = this.follower(topic, p, r)
      if (f.leo >= leo) continue
      const ripe = now - this.delayOf(r)
      const allowance = this.budget(topic, p, r, elapsedMs)
      let budget = allowance.records
      const before = f.leo
      // Records older than the appends tracked (a new replica copying the log) go at the rate
      // allowed, whole records at a time with the fraction carried to the next tick.
      const trackedFrom = Math.min(leo, list[0]?.[0] ?? leo)
      if (f.leo < trackedFrom) {
        const allowed = budget + (f.credit ?? 0)
        const step = Math.min(trackedFrom - f.leo, Math.floor(allowed))
        f.leo += step
        budget -= step
        f.credit = f.leo < trackedFrom && Number.isFinite(allowed) ? allowed - step : 0
        if (f.leo < trackedFrom) {
          allowance.charge(f.leo - before)
          continue
        }
      }
      let target = leo
      // Copy whole appends, oldest first, that are old enough and fit the throughput budget.
      for (const [start, end, time] of list) {
        if (end <= f.leo) continue
        if (time > ripe || budget <= 0) {
          target = Math.max(f.leo, start)
          break
        }
        budget -= end - Math.max(start, f.leo)
      }
      if (target !== f.leo) {
        f.leo = Math.min(target, leo)
      }
      allowance.charge(f.leo - before)
    }
    // Forget appends every running follower has copied.
    let min = leo
    for (const r of p.replicas)
      if (r !== p.leader && this.parts.isOnline(r))
        min = Math.min(min, this.follower(topic, p, r).leo)
    while (list.length > 0 && list[0][1] <= min) list.shift()
  }

  /** How long `brokerId` has been missing a record: 0 when it has everything. */
  private lagMs(topic: Topic, p: PartitionState, brokerId: number, now: number): number {
    const leo = this.parts.log(topic, p.partition).logEndOffset
    const f = this.follower(topic, p, brokerId)
    if (f.leo >= leo) return 0
    const list = this.appends.get(partitionKey(topic.id, p.partition)) ?? []
    const missing = list.find(([, end]) => end > f.leo)
    return missing ? now - missing[2] : Infinity
  }

  /** Re-checks one partition's ISR and high watermark; persists follower offsets that moved. */
  private update(topic: Topic, p: PartitionState, now: number): void {
    const key = partitionKey(topic.id, p.partition)
    const log = this.parts.log(topic, p.partition)
    if (p.leader >= 0 && p.replicas.length > 1) {
      let isr = p.isr
      for (const r of p.replicas) {
        if (r === p.leader) continue
        const online = this.parts.isOnline(r)
        const inIsr = isr.includes(r)
        if (
          inIsr &&
          (!online ||
            this.lagMs(topic, p, r, now) > this.settings.replicaLagTimeMaxMs ||
            this.parts.heldOutOfIsr(topic, p, r, true))
        ) {
          isr = isr.filter((x) => x !== r)
        } else if (
          !inIsr &&
          online &&
          !this.parts.heldOutOfIsr(topic, p, r, false) &&
          !this.awaitingFirstFetch(topic, p, r) &&
          this.follower(topic, p, r).leo >= log.highWatermark &&
          this.lagMs(topic, p, r, now) <= this.settings.replicaLagTimeMaxMs
        ) {
          isr = p.replicas.filter((x) => x === r || isr.includes(x))
        }
      }
      if (isr !== p.isr) this.parts.isrChanged(topic, p, isr)
    }
    let hw = log.logEndOffset
    if (p.leader < 0) hw = log.highWatermark
    else
      for (const r of p.isr) if (r !== p.leader) hw = Math.min(hw, this.follower(topic, p, r).leo)
    const before = log.highWatermark
    log.setHighWatermark(hw)
    const after = log.highWatermark
    if (after > before) this.parts.signals.notify(key)
    const waiting = this.waiters.get(key)
    if (waiting && waiting.length > 0) {
      const ready = waiting.filter((w) => w.offset <= after)
      if (ready.length > 0) {
        this.waiters.set(
          key,
          waiting.filter((w) => w.offset > after)
        )
        for (const w of ready) w.resolve(true)
      }
    }
    this.persist(topic, p)
  }

  /** Stores the log end offset of followers behind the log end; forgets those in step. */
  private persist(topic: Topic, p: PartitionState): void {
    const m = this.followers.get(partitionKey(topic.id, p.partition))
    if (!m) return
    const leo = this.parts.log(topic, p.partition).logEndOffset
    for (const [brokerId, f] of m) {
      if (brokerId === p.leader) continue
      const wanted = f.leo < leo ? f.leo : null
      if (wanted === f.stored) continue
      try {
        if (wanted === null) this.q.replicasDelete.run(topic.id, p.partition, brokerId)
        else this.q.replicasUpsert.run(topic.id, p.partition, brokerId, wanted)
      } catch (err) {
        // On a full disk the follower's position stays in memory and is stored on a later tick.
        if (isDiskFull(err)) continue
        throw err
      }
      f.stored = wanted
    }
  }

  /** A leader that steps down (stopped, or replaced) holds the whole log as a follower. */
  leaderSteppedDown(topic: Topic, p: PartitionState, brokerId: number): void {
    if (brokerId < 0) return
    const m = this.followerMap(partitionKey(topic.id, p.partition))
    const leo = this.parts.log(topic, p.partition).logEndOffset
    const f = m.get(brokerId)
    if (f) f.leo = leo
    else m.set(brokerId, { leo, stored: null })
  }

  /**
   * Truncates a partition's log to what the new leader holds, as a leader change does in Kafka;
   * returns the number of records removed.
   */
  truncateToLeader(topic: Topic, p: PartitionState): number {
    const log = this.parts.log(topic, p.partition)
    const f = this.followers.get(partitionKey(topic.id, p.partition))?.get(p.leader)
    if (!f || f.leo >= log.logEndOffset) return 0
    const before = log.logEndOffset
    const newEnd = log.truncateTo(f.leo)
    f.leo = newEnd
    for (const [, other] of this.followers.get(partitionKey(topic.id, p.partition)) ?? []) {
      if (other.leo > newEnd) {
        other.leo = newEnd
      }
    }
    this.appends.delete(partitionKey(topic.id, p.partition))
    return before - newEnd
  }

  /** Re-checks every partition with a follower on `brokerId` (a fault on it came or went). */
  recheckBroker(brokerId: number): void {
    for (const topic of this.parts.topics.list())
      for (const p of topic.partitions)
        if (p.replicas.includes(brokerId) && p.leader !== brokerId) this.watch(topic, p)
  }

  /** A stopped broker keeps the log end offset its replicas had; a started one truncates to the HW. */
  onBrokerStopped(brokerId: number): void {
    for (const topic of this.parts.topics.list())
      for (const p of topic.partitions) if (p.replicas.includes(brokerId)) this.persist(topic, p)
  }

  onBrokerStarted(brokerId: number): void {
    for (const topic of this.parts.topics.list())
      for (const p of topic.partitions) {
        if (!p.replicas.includes(brokerId) || brokerId === p.leader) continue
        this.watch(topic, p)
        const f = this.follower(topic, p, brokerId)
        const hw = this.parts.log(topic, p.partition).highWatermark
        if (f.leo > hw) {
          f.leo = hw
        }
      }
  }

  forgetTopic(topicId: number): void {
    for (const key of [...this.starting.keys()])
      if (key.startsWith(`${topicId}:`)) this.starting.delete(key)
    for (const key of [...this.attention.keys()])
      if (key.startsWith(`${topicId}:`)) this.attention.delete(key)
    for (const key of [...this.followers.keys()])
      if (key.startsWith(`${topicId}:`)) this.followers.delete(key)
    for (const key of [...this.appends.keys()])
      if (key.startsWith(`${topicId}:`)) this.appends.delete(key)
  }

  close(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    for (const list of this.waiters.values()) for (const w of list) w.resolve(false)
    this.waiters.clear()
  }
}
