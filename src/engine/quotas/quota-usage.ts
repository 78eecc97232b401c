// What each quota entity used, measured as Kafka's quota sensors do (quota.window.num samples of
// quota.window.size.seconds each), and the throttle time a client gets for going over: Kafka's
// (rate - quota) / quota x the measured window, at most the whole window; for request time and
// connection creation at most one sample (Kafka's ClientRequestQuotaManager and ConnectionQuotas
// bound it by quota.window.size.seconds).
import type { BindingQuota, QuotaEntity, QuotaKey } from './client-quotas'

export interface QuotaWindow {
  /** quota.window.num (Kafka: 11). */
  samples: number
  /** quota.window.size.seconds in milliseconds (Kafka: 1000). */
  sampleMs: number
}

export const defaultQuotaWindow: QuotaWindow = { samples: 11, sampleMs: 1000 }

/** A client's recent use of its quota, for the console. */
export interface QuotaUse {
  key: QuotaKey
  /** The entity the use is counted for (names filled in from the client). */
  entity: QuotaEntity
  /** The broker a connection_creation_rate use is counted on. */
  brokerId?: number
  quota: number
  /**
   * The rate over the window, as the broker measures it, in the quota's unit: bytes per second,
   * or for request_percentage the percentage of one request handler's time.
   */
  rate: number
  /** Throttle time given to its clients in all, and the last one. */
  throttleMsTotal: number
  lastThrottleMs: number
  lastSeen: number
}

interface Usage {
  samples: { start: number; amount: number }[]
  use: QuotaUse
}

/** The quotas whose throttle is at most one sample. */
const ONE_SAMPLE_BOUND: ReadonlySet<QuotaKey> = new Set([
  'request_percentage',
  'connection_creation_rate'
])

/** Usage not seen for this long is forgotten. */
const FORGET_AFTER_MS = 5 * 60_000

export class QuotaUsage {
  private readonly usage = new Map<string, Usage>()

  constructor(private readonly window: QuotaWindow = defaultQuotaWindow) {}

  /**
   * Records `amount` (bytes, or percent-seconds of handler time) against the quota and returns
   * the throttle time owed (0 within it).
   */
  record(quota: BindingQuota, key: QuotaKey, amount: number, now: number): number {
    const { samples, sampleMs } = this.window
    const { rate, elapsed } = this.sample(quota, key, amount, now)
    const maxThrottleMs = ONE_SAMPLE_BOUND.has(key) ? sampleMs : samples * sampleMs
    const throttleMs =
      rate <= quota.bound
        ? 0
        : Math.min(Math.round(((rate - quota.bound) / quota.bound) * elapsed), maxThrottleMs)
    this.throttled(quota, throttleMs)
    return throttleMs
  }

  /**
   * Records `amount` against a quota that works out its throttle itself (a token bucket): for
   * the measured rate, and the throttle it gave.
   */
  count(quota: BindingQuota, key: QuotaKey, amount: number, now: number, throttleMs: number): void {
    this.sample(quota, key, amount, now)
    this.throttled(quota, throttleMs)
  }

  private throttled(quota: BindingQuota, throttleMs: number): void {
    const u = this.usage.get(quota.usageKey)
    if (u && throttleMs > 0) {
      u.use.throttleMsTotal += throttleMs
      u.use.lastThrottleMs = throttleMs
    }
  }

  /** Adds `amount` to the entity's samples; the rate over the window and the window (ms). */
  private sample(
    quota: BindingQuota,
    key: QuotaKey,
    amount: number,
    now: number
  ): { rate: number; elapsed: number } {
    const { samples, sampleMs } = this.window
    let u = this.usage.get(quota.usageKey)
    if (!u) {
      u = {
        samples: [],
        use: {
          key,
          entity: quota.counted,
          ...(quota.brokerId === undefined ? {} : { brokerId: quota.brokerId }),
          quota: quota.bound,
          rate: 0,
          throttleMsTotal: 0,
          lastThrottleMs: 0,
          lastSeen: now
        }
      }
      this.usage.set(quota.usageKey, u)
      if (this.usage.size > 10_000) this.forget(now)
    }
    const list = u.samples
    while (list.length > 0 && list[0].start <= now - samples * sampleMs) list.shift()
    const last = list.at(-1)
    if (last && now - last.start < sampleMs) last.amount += amount
    else list.push({ start: now, amount })
    const total = list.reduce((n, s) => n + s.amount, 0)
    // Kafka's window: from the oldest sample, and at least samples - 1 whole windows.
    let elapsed = now - list[0].start
    const fullWindows = Math.floor(elapsed / sampleMs)
    if (fullWindows < samples - 1) elapsed += (samples - 1 - fullWindows) * sampleMs
    const rate = total / (elapsed / 1000)
    Object.assign(u.use, { quota: quota.bound, rate, lastSeen: now })
    return { rate, elapsed }
  }

  /** Recent use of every quota, the nearest to (or furthest over) its quota first. */
  list(now: number): QuotaUse[] {
    this.forget(now)
    return [...this.usage.values()]
      .map((u) => ({ ...u.use, entity: { ...u.use.entity } }))
      .sort((a, b) => b.rate / b.quota - a.rate / a.quota)
  }

  private forget(now: number): void {
    for (const [k, u] of this.usage)
      if (now - u.use.lastSeen > FORGET_AFTER_MS) this.usage.delete(k)
  }
}
