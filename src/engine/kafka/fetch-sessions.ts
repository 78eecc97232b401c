// Incremental fetch sessions (KIP-227), one cache per broker as in Kafka: a session remembers the
// partitions a client fetches (and what it was last told of each), so a client sends only what
// changed and hears only of partitions with news. Sessions live in memory: a broker restart
// forgets them, and clients start over with a full fetch.

/** A partition of a session: the client's last fetch position and what it was last told. */
export interface SessionPartition {
  topic: string
  topicId: string
  partition: number
  fetchOffset: bigint
  partitionMaxBytes: number
  currentLeaderEpoch: number
  lastFetchedEpoch: number
  logStartOffset: bigint
  /** The high watermark last sent; -1 after an error, so the partition is sent again. */
  sentHighWatermark: bigint
  /** The log start offset last sent. */
  sentLogStartOffset: bigint
}

export interface FetchSession {
  readonly id: number
  /** The epoch the next incremental request must carry. */
  epoch: number
  /** A follower's session (replica id >= 0); consumers' sessions are not. */
  readonly privileged: boolean
  /** Fetch 13+ names topics by id; a session keeps the form it was created with. */
  readonly usesTopicIds: boolean
  readonly creationMs: number
  lastUsedMs: number
  /** In fetch order; a partition that returned records moves to the end, for fairness. */
  readonly partitions: Map<string, SessionPartition>
}

/** The epoch after `epoch`: 1 after the last int32, as Kafka wraps it. */
export function nextSessionEpoch(epoch: number): number {
  if (epoch < 0) return -1
  return epoch === 0x7fffffff ? 1 : epoch + 1
}

export function sessionPartitionKey(
  usesTopicIds: boolean,
  p: { topic: string; topicId: string; partition: number }
): string {
  return `${usesTopicIds ? p.topicId : p.topic}:${p.partition}`
}

interface EvictableKey {
  privileged: boolean
  size: number
  id: number
}

const evictableKey = (s: FetchSession): EvictableKey => ({
  privileged: s.privileged,
  size: s.partitions.size,
  id: s.id
})

/** Kafka's eviction order: consumers before followers, then fewer partitions, then lower id. */
function compareEvictable(a: EvictableKey, b: EvictableKey): number {
  if (a.privileged !== b.privileged) return a.privileged ? 1 : -1
  if (a.size !== b.size) return a.size - b.size
  return a.id - b.id
}

export class FetchSessionCache {
  private readonly byId = new Map<number, FetchSession>()

  /**
   * @param maxSlots max.incremental.fetch.session.cache.slots (Kafka's default 1000; 0: none).
   * @param evictionMs how long a session must be unused, or have lived, before a newcomer may
   *   take its slot (Kafka's fixed 120 s).
   */
  constructor(
    private readonly maxSlots: number,
    private readonly evictionMs = 120_000,
    private readonly now: () => number = Date.now
  ) {}

  get size(): number {
    return this.byId.size
  }

  list(): IterableIterator<FetchSession> {
    return this.byId.values()
  }

  get(id: number): FetchSession | undefined {
    return this.byId.get(id)
  }

  remove(id: number): boolean {
    return this.byId.delete(id)
  }

  clear(): void {
    this.byId.clear()
  }

  /** Marks a session used now (it is then the last to go as stale). */
  touch(session: FetchSession): void {
    session.lastUsedMs = this.now()
  }

  /**
   * A new session for these partitions, or undefined when every slot is taken and no session
   * may be evicted for it: first the least recently used one if it has been unused for
   * evictionMs; otherwise, among sessions older than evictionMs (a consumer's newcomer) or any
   * consumer session (a follower's newcomer), the least valuable one if it is worth less than
   * the newcomer (fewer partitions).
   */
  create(
    partitions: SessionPartition[],
    opts: { privileged: boolean; usesTopicIds: boolean }
  ): FetchSession | undefined {
    if (this.maxSlots <= 0) return undefined
    const now = this.now()
    if (this.byId.size >= this.maxSlots && !this.evictFor(opts.privileged, partitions.length))
      return undefined
    const session: FetchSession = {
      id: this.newId(),
      epoch: 1,
      privileged: opts.privileged,
      usesTopicIds: opts.usesTopicIds,
      creationMs: now,
      lastUsedMs: now,
      partitions: new Map(partitions.map((p) => [sessionPartitionKey(opts.usesTopicIds, p), p]))
    }
    this.byId.set(session.id, session)
    return session
  }

  private evictFor(privileged: boolean, size: number): boolean {
    const now = this.now()
    let stalest: FetchSession | undefined
    for (const s of this.byId.values())
      if (!stalest || s.lastUsedMs < stalest.lastUsedMs) stalest = s
    if (stalest && now - stalest.lastUsedMs > this.evictionMs) {
      this.byId.delete(stalest.id)
      return true
    }
    let cheapest: FetchSession | undefined
    for (const s of this.byId.values()) {
      const old = now - s.creationMs > this.evictionMs
      const evictable = privileged ? !s.privileged || old : old
      if (evictable && (!cheapest || compareEvictable(evictableKey(s), evictableKey(cheapest)) < 0))
        cheapest = s
    }
    // The newcomer (id 0 in Kafka's comparison) must not be worth less than what it evicts.
    if (!cheapest || compareEvictable({ privileged, size, id: 0 }, evictableKey(cheapest)) < 0)
      return false
    this.byId.delete(cheapest.id)
    return true
  }

  private newId(): number {
    for (;;) {
      const id = 1 + Math.floor(Math.random() * 0x7ffffffe)
      if (!this.byId.has(id)) return id
    }
  }
}

/** Every broker's session cache; a stopped broker forgets its sessions. */
export class FetchSessionCaches {
  private readonly caches = new Map<number, FetchSessionCache>()

  constructor(private readonly maxSlots: number) {}

  forBroker(brokerId: number): FetchSessionCache {
    let cache = this.caches.get(brokerId)
    if (!cache) {
      cache = new FetchSessionCache(this.maxSlots)
      this.caches.set(brokerId, cache)
    }
    return cache
  }

  forget(brokerId: number): void {
    this.caches.get(brokerId)?.clear()
  }
}
