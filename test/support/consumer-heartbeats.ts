// A member of a consumer-protocol group (KIP-848) heartbeating with @platformatic/kafka's
// ConsumerGroupHeartbeat v1 call as a client does: it owns what it last heard, and each
// heartbeat must succeed.
import { expect } from 'vitest'
import { consumerGroupHeartbeatV1, type Connection } from '@platformatic/kafka'

export class HeartbeatingMember {
  /** The member epoch it last heard; set it to -1 to leave with the next heartbeat. */
  epoch = 0
  private owned: { topicId: string; partitions: number[] }[] = []

  constructor(
    private readonly connection: Connection,
    private readonly groupId: string,
    private readonly memberId: string,
    /** A topic's name by its id (the assignment names topics by id). */
    private readonly topicName: (topicId: string) => string | undefined
  ) {}

  /** Heartbeats (with the expression, or null: unchanged); its partitions, `topic-n`, sorted. */
  async beat(regex: string | null): Promise<string[]> {
    const r = await consumerGroupHeartbeatV1.api.async(
      this.connection,
      this.groupId,
      this.memberId,
      this.epoch,
      null,
      null,
      10_000,
      null,
      regex,
      null,
      this.owned
    )
    expect(r.errorCode).toBe(0)
    this.epoch = r.memberEpoch
    if (r.assignment) this.owned = r.assignment.topicPartitions
    return this.owned
      .flatMap((t) => t.partitions.map((p) => `${this.topicName(t.topicId)}-${p}`))
      .sort()
  }
}
