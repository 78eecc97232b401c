// Reads the parts of Kafka's consumer protocol (Subscription, Assignment) that the UI shows:
// subscribed topics and assigned partitions. Malformed data reads as empty.

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
