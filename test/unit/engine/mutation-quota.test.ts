// The token bucket of controller_mutation_rate quotas, as Kafka keeps it (KIP-599): quota x
// samples x sample seconds of burst, refilled at the quota per second; strict requests are
// refused only once the bucket is in debt, permissive ones are always accepted and throttled for
// the debt; the answer's throttle shrinks with the time since it was given.
import { describe, expect, it } from 'vitest'
import { ControllerMutationQuota, MutationBuckets } from '../../../src/engine/quotas/mutation-quota'
import { QuotaUsage } from '../../../src/engine/quotas/quota-usage'

const window = { samples: 11, sampleMs: 1000 }
const quota = { bound: 1, usageKey: 'k', counted: { 'client-id': 'c' } }

describe('controller mutation quotas', () => {
  it('accepts strict mutations until the bucket is in debt, then refuses them', () => {
    const usage = new QuotaUsage(window)
    const buckets = new MutationBuckets(window, usage)
    const T = 1_000_000
    // Burst: 1 per second x 11 s = 11 tokens.
    expect(buckets.take(quota, 5, true, T)).toEqual({ accepted: true, throttleMs: 0 })
    expect(buckets.take(quota, 5, true, T)).toEqual({ accepted: true, throttleMs: 0 })
    // 1 token left: still accepted, and the bucket goes 4 in debt.
    expect(buckets.take(quota, 5, true, T)).toEqual({ accepted: true, throttleMs: 0 })
    expect(buckets.take(quota, 1, true, T)).toEqual({ accepted: false, throttleMs: 4000 })
    // Refilled at 1 per second: 2 s later 2 in debt, 4 s later none.
    expect(buckets.take(quota, 1, true, T + 2000)).toEqual({ accepted: false, throttleMs: 2000 })
    expect(buckets.take(quota, 1, true, T + 4000)).toEqual({ accepted: true, throttleMs: 0 })
    const [use] = usage.list(T + 4000)
    expect(use).toMatchObject({ key: 'controller_mutation_rate', throttleMsTotal: 6000 })
  })

  it('accepts permissive mutations and throttles them for the debt', () => {
    const buckets = new MutationBuckets(window, new QuotaUsage(window))
    expect(buckets.take(quota, 12, false, 0)).toEqual({ accepted: true, throttleMs: 1000 })
    expect(buckets.take(quota, 2, false, 0)).toEqual({ accepted: true, throttleMs: 3000 })
  })

  it("gives the answer the last throttle less the time since, as Kafka's does", () => {
    let now = 5_000_000
    const buckets = new MutationBuckets(window, new QuotaUsage(window))
    const q = new ControllerMutationQuota(buckets, quota, true, () => now)
    expect(q.record(13)).toBe(true)
    expect(q.throttleTimeMs()).toBe(0)
    expect(q.record(1)).toBe(false)
    now += 500
    expect(q.throttleTimeMs()).toBe(1500)
  })
})
