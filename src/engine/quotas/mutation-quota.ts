// controller_mutation_rate quotas (KIP-599): the partitions a client creates (CreateTopics,
// CreatePartitions) or deletes (DeleteTopics) per second, kept as Kafka keeps them in a token
// bucket per quota entity: it holds at most quota x quota.window.num x quota.window.size.seconds
// tokens, refills at the quota per second, and each mutation takes one token per partition.
//
// A request of a version that supports the error (CreateTopics v6+, CreatePartitions v3+,
// DeleteTopics v5+) meets a strict quota: while the bucket is not in debt each topic is accepted,
// even one that takes it below zero; once it is, each further topic is refused with
// THROTTLING_QUOTA_EXCEEDED and the answer is throttled for the time the bucket needs to get
// back to zero. Older versions meet a permissive one: every topic is accepted and the answer is
// throttled once the bucket is in debt.
import type { BindingQuota } from './client-quotas'
import type { QuotaUsage, QuotaWindow } from './quota-usage'

interface Bucket {
  tokens: number
  at: number
}

/** The token buckets of every entity under a controller_mutation_rate quota. */
export class MutationBuckets {
  private readonly buckets = new Map<string, Bucket>()

  constructor(
    private readonly window: QuotaWindow,
    private readonly usage: QuotaUsage
  ) {}

  /** The bucket's tokens now, refilled since it was last looked at. */
  private refill(quota: BindingQuota, now: number): Bucket {
    const burst = quota.bound * this.window.samples * (this.window.sampleMs / 1000)
    let b = this.buckets.get(quota.usageKey)
    if (!b) {
      b = { tokens: burst, at: now }
      this.buckets.set(quota.usageKey, b)
      if (this.buckets.size > 10_000) this.buckets.clear()
    }
    b.tokens = Math.min(burst, b.tokens + (quota.bound * Math.max(0, now - b.at)) / 1000)
    b.at = now
    return b
  }

  /** The time the bucket needs to get back to zero tokens (Kafka's -tokens / quota). */
  private debtMs(quota: BindingQuota, b: Bucket): number {
    return b.tokens < 0 ? Math.round((-b.tokens / quota.bound) * 1000) : 0
  }

  /**
   * Takes `permits` tokens. Strict: refused (with the throttle owed) when the bucket is already in
   * debt. Permissive: always taken, with the throttle owed once the bucket is in debt.
   */
  take(
    quota: BindingQuota,
    permits: number,
    strict: boolean,
    now: number
  ): { accepted: boolean; throttleMs: number } {
    const b = this.refill(quota, now)
    if (strict && b.tokens < 0) {
      const throttleMs = this.debtMs(quota, b)
      this.usage.count(quota, 'controller_mutation_rate', 0, now, throttleMs)
      return { accepted: false, throttleMs }
    }
    b.tokens -= permits
    const throttleMs = strict ? 0 : this.debtMs(quota, b)
    this.usage.count(quota, 'controller_mutation_rate', permits, now, throttleMs)
    return { accepted: true, throttleMs }
  }
}

/**
 * One request's controller mutation quota: each topic asks it for its partitions; the answer
 * carries the throttle of the last refusal (or, permissive, of the last debt), less the time
 * since, as Kafka's does.
 */
export class ControllerMutationQuota {
  private throttleMs = 0
  private throttledAt = 0

  constructor(
    private readonly buckets: MutationBuckets,
    private readonly quota: BindingQuota,
    private readonly strict: boolean,
    private readonly clock: () => number = Date.now
  ) {}

  /** Whether a mutation of `partitions` partitions may go ahead (always, when permissive). */
  record(partitions: number): boolean {
    const now = this.clock()
    const { accepted, throttleMs } = this.buckets.take(this.quota, partitions, this.strict, now)
    if (throttleMs > 0) {
      this.throttleMs = throttleMs
      this.throttledAt = now
    }
    return accepted
  }

  /** The throttle the answer carries. */
  throttleTimeMs(): number {
    return Math.max(0, this.throttleMs - (this.clock() - this.throttledAt))
  }
}
