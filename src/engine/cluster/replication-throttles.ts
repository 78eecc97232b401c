// Kafka's replication quotas, leader.replication.throttled.rate and
// follower.replication.throttled.rate, are broker configs (set for one broker or for every
// broker, by AlterConfigs or kafka-reassign-partitions --throttle); the simulated replication
// reads them as its per-broker throttles. The console's brokers.configure sets them the same way.
import { LONG_MAX } from '../../shared/kafka/protocol-constants'
import type { ReplicationSettings } from './replication-settings'

export const THROTTLED_RATE = {
  leader: 'leader.replication.throttled.rate',
  follower: 'follower.replication.throttled.rate'
} as const

export type ThrottleSide = keyof typeof THROTTLED_RATE

const SETTING = { leader: 'leaderThrottledRate', follower: 'followerThrottledRate' } as const

/**
 * A config value as the replication's rate: 0 for none (unset, or Kafka's default
 * Long.MAX_VALUE), else bytes per second (Kafka's 0, which stops the throttled replicas, as 1).
 */
export function throttledRateOf(value: string | null): number {
  if (value === null || BigInt(value) >= BigInt(LONG_MAX)) return 0
  return Math.max(1, Number(value))
}

/** Brings the replication's per-broker throttles up to date with the broker configs. */
export function applyThrottledRates(
  settings: ReplicationSettings,
  brokerIds: number[],
  valueOn: (name: string, brokerId: number) => string | null
): void {
  for (const side of ['leader', 'follower'] as const) {
    const rates = settings[SETTING[side]]
    for (const key of Object.keys(rates)) delete rates[Number(key)]
    for (const b of brokerIds) {
      const rate = throttledRateOf(valueOn(THROTTLED_RATE[side], b))
      if (rate > 0) rates[b] = rate
    }
  }
}

/** The per-broker config change a console rate (0: none) makes: set it, or remove the broker's. */
export function throttleChange(side: ThrottleSide, rate: number) {
  const name = THROTTLED_RATE[side]
  return rate > 0
    ? { set: { [name]: String(Math.round(rate)) }, remove: [] }
    : { set: {}, remove: [name] }
}

/**
 * Throttles given in the replication options, or kept with the replication settings by an
 * earlier version, become the per-broker configs they stand for, unless the broker has its own.
 */
export function adoptThrottledRates(
  settings: ReplicationSettings,
  brokerIds: number[],
  ownValues: (brokerId: number) => Record<string, string>,
  alter: (brokerId: number, change: ReturnType<typeof throttleChange>) => void
): void {
  for (const side of ['leader', 'follower'] as const)
    for (const [id, rate] of Object.entries(settings[SETTING[side]])) {
      const b = Number(id)
      if (rate > 0 && brokerIds.includes(b) && ownValues(b)[THROTTLED_RATE[side]] === undefined)
        alter(b, throttleChange(side, rate))
    }
}
