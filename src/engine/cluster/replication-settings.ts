// Settings of the simulated replication, with defaults for local development, and the
// per-broker ones kept in the database.
import type { Db } from '../storage/database'
import { clusterQueries } from '../storage/cluster-queries'

export interface ReplicationSettings {
  /** Time a follower takes to copy an appended batch; 0 copies at once. */
  followerDelayMs: number
  /** Per-broker override of followerDelayMs, by broker id. */
  brokerDelayMs: Record<number, number>
  /** Per-broker cap on records copied per second (0 or absent: no cap), by broker id. */
  brokerRecordsPerSec: Record<number, number>
  /**
   * Kafka's leader.replication.throttled.rate and follower.replication.throttled.rate, by broker
   * id, in bytes per second (0 or absent: none): they hold the replicas a reassignment adds.
   */
  leaderThrottledRate: Record<number, number>
  followerThrottledRate: Record<number, number>
  /**
   * Time a replica added by a reassignment takes to send its first fetch (its broker learning of
   * the move and starting a fetcher for it): it copies nothing and cannot join the ISR before.
   */
  replicaStartMs: number
  /** replica.lag.time.max.ms: a follower behind this long leaves the ISR (Kafka: 30 s). */
  replicaLagTimeMaxMs: number
  /** How often lagging followers advance and the ISR is re-checked. */
  tickMs: number
}

export const defaultReplicationSettings: ReplicationSettings = {
  followerDelayMs: 0,
  brokerDelayMs: {},
  brokerRecordsPerSec: {},
  leaderThrottledRate: {},
  followerThrottledRate: {},
  replicaStartMs: 500,
  replicaLagTimeMaxMs: 10_000,
  tickMs: 50
}

const SAVED_KEY = 'replication.brokers'

/**
 * Settings from the options, with the per-broker changes made at run time (brokers.configure);
 * throttles saved by earlier versions are read for adoptThrottledRates to turn into configs.
 */
export function loadReplicationSettings(
  db: Db,
  given: Partial<ReplicationSettings> = {}
): ReplicationSettings {
  const settings = {
    ...defaultReplicationSettings,
    ...given,
    brokerDelayMs: { ...given.brokerDelayMs },
    brokerRecordsPerSec: { ...given.brokerRecordsPerSec },
    leaderThrottledRate: { ...given.leaderThrottledRate },
    followerThrottledRate: { ...given.followerThrottledRate }
  }
  const saved = clusterQueries(db).metaSelect.get(SAVED_KEY)
  if (saved) {
    const parsed = JSON.parse(saved.value) as {
      delayMs?: Record<number, number>
      recordsPerSec?: Record<number, number>
      leaderThrottledRate?: Record<number, number>
      followerThrottledRate?: Record<number, number>
    }
    Object.assign(settings.brokerDelayMs, parsed.delayMs)
    Object.assign(settings.brokerRecordsPerSec, parsed.recordsPerSec)
    Object.assign(settings.leaderThrottledRate, parsed.leaderThrottledRate)
    Object.assign(settings.followerThrottledRate, parsed.followerThrottledRate)
  }
  return settings
}

/**
 * Keeps the per-broker delays and rates across restarts (the throttles are broker configs, kept
 * with them: see replication-throttles.ts).
 */
export function saveBrokerReplication(db: Db, settings: ReplicationSettings): void {
  clusterQueries(db).metaUpsert.run(
    SAVED_KEY,
    JSON.stringify({ delayMs: settings.brokerDelayMs, recordsPerSec: settings.brokerRecordsPerSec })
  )
}
