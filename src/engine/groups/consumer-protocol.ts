// Kafka's consumer protocol (Subscription, Assignment), the bytes classic members exchange in
// JoinGroup and SyncGroup: subscribed topics, owned and assigned partitions read (malformed data
// reads as empty), and assignments written for classic members of a consumer group.

export interface TopicPartitions {
  topic: string
  partitions: number[]
}

class Reader {
  private at = 0
  constructor(private readonly buf: Buffer) {}

  private need(n: number): void {
    if (n < 0 || this.at + n > this.buf.length) throw new RangeError('truncated consumer protocol')
  }

  int16(): number {
    this.need(2)
    const v = this.buf.readInt16BE(this.at)
    this.at += 2
    return v
  }

  int32(): number {
    this.need(4)
    const v = this.buf.readInt32BE(this.at)
    this.at += 4
    return v
  }

  string(): string {
    const len = this.int16()
    this.need(len)
    const s = this.buf.toString('utf8', this.at, this.at + len)
    this.at += len
    return s
  }

  /** Nullable bytes, skipped. */
  bytes(): void {
    const len = this.int32()
    if (len < 0) return
    this.need(len)
    this.at += len
  }

  array<T>(item: () => T): T[] {
    const n = this.int32()
    if (n < 0) return []
    // Each element takes at least 2 bytes: a count past the end is a lie.
    this.need(n * 2)
    return Array.from({ length: n }, item)
  }
}

/** Topics of a ConsumerProtocolSubscription (any version: they share the prefix). */
export function subscribedTopics(metadata: Buffer): string[] {
  try {
    const r = new Reader(metadata)
    r.int16()
    return r.array(() => r.string())
  } catch {
    return []
  }
}

/**
 * A ConsumerProtocolSubscription: its version, topics and the partitions the member owns (v1+;
 * none for v0, whose members give up everything before they rejoin).
 */
export function decodeSubscription(metadata: Buffer): {
  version: number
  topics: string[]
  ownedPartitions: TopicPartitions[]
} {
  try {
    const r = new Reader(metadata)
    const version = r.int16()
    const topics = r.array(() => r.string())
    if (version < 1) return { version, topics, ownedPartitions: [] }
    r.bytes()
    const ownedPartitions = r.array(() => ({
      topic: r.string(),
      partitions: r.array(() => r.int32())
    }))
    return { version, topics, ownedPartitions }
  } catch {
    return { version: 0, topics: subscribedTopics(metadata), ownedPartitions: [] }
  }
}

/**
 * A ConsumerProtocolAssignment of these partitions, in the version of the member's subscription
 * (at most 3), as Kafka writes one for a classic member of a consumer group.
 */
export function encodeAssignment(version: number, assigned: TopicPartitions[]): Buffer {
  const parts: Buffer[] = []
  const int16 = (v: number) => {
    const b = Buffer.alloc(2)
    b.writeInt16BE(v)
    parts.push(b)
  }
  const int32 = (v: number) => {
    const b = Buffer.alloc(4)
    b.writeInt32BE(v)
    parts.push(b)
  }
  const string = (v: string) => {
    const b = Buffer.from(v, 'utf8')
    int16(b.length)
    parts.push(b)
  }
  int16(Math.min(Math.max(version, 0), 3))
  int32(assigned.length)
  for (const t of assigned) {
    string(t.topic)
    int32(t.partitions.length)
    for (const p of t.partitions) int32(p)
  }
  int32(-1) // user_data: null
  return Buffer.concat(parts)
}

/** Assigned partitions of a ConsumerProtocolAssignment (versions 0-3). */
export function assignedPartitions(assignment: Buffer): TopicPartitions[] {
  if (assignment.length === 0) return []
  try {
    const r = new Reader(assignment)
    r.int16()
    return r.array(() => ({ topic: r.string(), partitions: r.array(() => r.int32()) }))
  } catch {
    return []
  }
}
