// Stopping and starting simulated brokers as Kafka's controller would: a stopped broker's
// partitions elect new leaders, a started one catches up and takes offline partitions back; and
// each broker's simulated replication delay and rate.
import { EngineError } from '../engine-error'
import type { Db } from '../storage/database'
import { clusterQueries } from '../storage/cluster-queries'
import { isDiskFull } from '../storage/disk-full'
import type { StorageMonitor } from '../storage/storage-monitor'
import type { Brokers, SimulatedBroker } from './brokers'
import type { Leadership } from './leadership'
import type { Replication } from './replication'
import { saveBrokerReplication } from './replication-settings'
import type { ThrottleSide } from './replication-throttles'

export interface BrokerLifecycleParts {
  readonly db: Db
  readonly brokers: Brokers
  readonly replication: Replication
  readonly leadership: Leadership
  readonly storage: Pick<StorageMonitor, 'withRoom' | 'writeFailed'>
  /** Called after a broker stopped, started or was configured. */
  changed(reason: string, brokerId: number): void
  /** Sets a broker's leader/follower.replication.throttled.rate (0: removes its own value). */
  setThrottledRate(brokerId: number, side: ThrottleSide, rate: number): void
}

/** A broker's replication as simulated: delay, rate, and Kafka's throttles in bytes per second. */
export interface BrokerReplication {
  delayMs: number
  recordsPerSec: number
  /** leader.replication.throttled.rate: what reassigned replicas copy from its leaders. */
  leaderThrottledRate: number
  /** follower.replication.throttled.rate: what its reassigned replicas copy. */
  followerThrottledRate: number
}

export interface BrokerReplicationChange {
  replicationDelayMs?: number
  replicationRecordsPerSec?: number
  leaderThrottledRate?: number
  followerThrottledRate?: number
}

export class BrokerLifecycle {
  private readonly cq

  constructor(private readonly parts: BrokerLifecycleParts) {
    this.cq = clusterQueries(parts.db)
  }

  /**
   * Stops a broker: its partitions elect new leaders. Done whole or not at all, on a full disk
   * too (see change).
   */
  stop(brokerId: number): void {
    const { brokers, leadership, replication } = this.parts
    const broker = brokers.require(brokerId)
    if (broker.status === 'stopped') return
    this.change(broker, 'stopped', () => {
      leadership.record({ kind: 'broker-stopped', brokerId, message: `Broker ${brokerId} stopped` })
      replication.onBrokerStopped(brokerId)
      leadership.brokerStopped(brokerId)
    })
    this.parts.changed('broker stopped', brokerId)
  }

  start(brokerId: number): void {
    const { brokers, leadership, replication } = this.parts
    const broker = brokers.require(brokerId)
    if (broker.status === 'online') return
    this.change(broker, 'online', () => {
      leadership.record({ kind: 'broker-started', brokerId, message: `Broker ${brokerId} started` })
      replication.onBrokerStarted(brokerId)
      leadership.brokerStarted(brokerId)
    })
    replication.tick(Date.now())
    this.parts.changed('broker started', brokerId)
  }

  /**
   * Changes a broker's status and runs the elections that follow in one transaction. On a full
   * disk it takes the deletes' reserve to have room, and is refused before anything changes when
   * even that is not there; should the write fail all the same, the status and the leaders in
   * memory go back to what the database still holds.
   */
  private change(broker: SimulatedBroker, status: 'online' | 'stopped', elect: () => void) {
    const { storage, leadership } = this.parts
    const verb = status === 'stopped' ? 'stopped' : 'started'
    const refused = () =>
      new EngineError(
        'storage-full',
        `Broker ${broker.id} was not ${verb}: the disk is full. Delete topics or records to free space (deletes work while it is full), then try again`,
        'brokerId'
      )
    const before = broker.status
    try {
      leadership.undoneOnFailure(broker.id, () =>
        storage.withRoom(refused, () => {
          this.cq.brokersUpsert.run(broker.id, status === 'stopped' ? 1 : 0)
          broker.status = status
          elect()
        })
      )
    } catch (err) {
      broker.status = before
      if (isDiskFull(err)) {
        storage.writeFailed()
        throw refused()
      }
      throw err
    }
  }

  /** A broker's simulated replication delay and rate, and its throttles (0: unlimited). */
  replicationOf(brokerId: number): BrokerReplication {
    const s = this.parts.replication.settings
    return {
      delayMs: s.brokerDelayMs[brokerId] ?? s.followerDelayMs,
      recordsPerSec: s.brokerRecordsPerSec[brokerId] ?? 0,
      leaderThrottledRate: s.leaderThrottledRate[brokerId] ?? 0,
      followerThrottledRate: s.followerThrottledRate[brokerId] ?? 0
    }
  }

  /** Sets a broker's simulated replication delay, rate and throttles; kept across restarts. */
  configure(brokerId: number, change: BrokerReplicationChange): void {
    this.parts.brokers.require(brokerId)
    const s = this.parts.replication.settings
    if (change.replicationDelayMs !== undefined)
      s.brokerDelayMs[brokerId] = change.replicationDelayMs
    if (change.replicationRecordsPerSec !== undefined)
      s.brokerRecordsPerSec[brokerId] = change.replicationRecordsPerSec
    if (change.leaderThrottledRate !== undefined)
      this.parts.setThrottledRate(brokerId, 'leader', change.leaderThrottledRate)
    if (change.followerThrottledRate !== undefined)
      this.parts.setThrottledRate(brokerId, 'follower', change.followerThrottledRate)
    saveBrokerReplication(this.parts.db, s)
    this.parts.changed('broker configured', brokerId)
  }
}
