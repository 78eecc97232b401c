// Settings of the simulated replication, with defaults for local development.

export interface ReplicationSettings {
  /** Time a follower takes to copy an appended batch; 0 copies at once. */
  followerDelayMs: number
  /** Per-broker override of followerDelayMs, by broker id. */
  brokerDelayMs: Record<number, number>
  /** Per-broker cap on records copied per second (0 or absent: no cap), by broker id. */
  brokerRecordsPerSec: Record<number, number>
  /** replica.lag.time.max.ms: a follower behind this long leaves the ISR (Kafka: 30 s). */
  replicaLagTimeMaxMs: number
  /** How often lagging followers advance and the ISR is re-checked. */
  tickMs: number
}

export const defaultReplicationSettings: ReplicationSettings = {
  followerDelayMs: 0,
  brokerDelayMs: {},
  brokerRecordsPerSec: {},
  replicaLagTimeMaxMs: 10_000,
  tickMs: 50
}
