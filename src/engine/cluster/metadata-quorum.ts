// The KRaft metadata quorum, as a cluster in combined mode describes it (DescribeQuorum): every
// simulated broker is also a controller and a voter of the __cluster_metadata log, and its leader
// is the active controller (the first running broker, as Metadata and DescribeCluster name it).
//
// The metadata log holds no records here; its end offset counts the metadata changes the cluster
// makes, one offset each: leader, ISR and replica changes, broker stops and starts, topics
// created, altered or deleted, broker configs and finalized features changed; and, as Kafka's
// LeaderChangeMessage does, one offset per change of quorum leader. Each change of leader is a
// new leader epoch, and so is each start of the cluster (an election in Kafka too). Both are kept
// in the database. Running voters copy the log at once: their log end offset is the leader's and
// they fetched and caught up now. A stopped voter keeps what it had when it stopped, until a new
// leader is elected, which knows nothing of it (-1) until it fetches again. Every node is a
// voter, so there are no observers.
import type { Db } from '../storage/database'
import { clusterQueries } from '../storage/cluster-queries'

export interface QuorumReplica {
  replicaId: number
  /** -1 when the leader does not know it. */
  logEndOffset: number
  lastFetchTimestamp: number
  lastCaughtUpTimestamp: number
}

export interface QuorumState {
  leaderId: number
  leaderEpoch: number
  highWatermark: number
  voters: QuorumReplica[]
  observers: QuorumReplica[]
}

export interface QuorumBrokers {
  readonly controllerId: number
  list(): readonly { id: number; status: 'online' | 'stopped' }[]
}

const END_OFFSET = 'metadata.log.end.offset'
const EPOCH = 'metadata.quorum.epoch'

export class MetadataQuorum {
  private readonly cq
  private endOffset: number
  private epoch: number
  private leaderId = -1
  /** Stopped voters: their log end offset and when they last fetched; null: not known. */
  private readonly stopped = new Map<number, { logEndOffset: number; at: number } | null>()

  constructor(
    db: Db,
    private readonly brokers: QuorumBrokers,
    private readonly now: () => number = Date.now
  ) {
    this.cq = clusterQueries(db)
    this.endOffset = Number(this.cq.metaSelect.get(END_OFFSET)?.value ?? 0)
    this.epoch = Number(this.cq.metaSelect.get(EPOCH)?.value ?? 0)
    this.sync(false)
  }

  /** The log end offset of the metadata log: the metadata changes made so far. */
  get logEndOffset(): number {
    return this.endOffset
  }

  /** One metadata change made: it takes the next offset of the metadata log. */
  append(): void {
    this.sync(true)
  }

  /** Follows the controller, noting what stopped voters had, and appends `change` offsets. */
  private sync(change: boolean): void {
    const now = this.now()
    const leader = this.brokers.controllerId
    const elected = leader !== this.leaderId
    if (elected) {
      this.leaderId = leader
      this.epoch++
      this.stopped.clear()
    }
    for (const b of this.brokers.list())
      if (b.status === 'online') this.stopped.delete(b.id)
      else if (!this.stopped.has(b.id))
        this.stopped.set(b.id, elected ? null : { logEndOffset: this.endOffset, at: now })
    const appended = (elected && leader >= 0 ? 1 : 0) + (change ? 1 : 0)
    if (appended === 0 && !elected) return
    this.endOffset += appended
    try {
      this.cq.metaUpsert.run(END_OFFSET, String(this.endOffset))
      this.cq.metaUpsert.run(EPOCH, String(this.epoch))
    } catch {
      // A full disk fails the change being made, not this count of it: the next change writes it.
    }
  }

  /** The quorum as its leader would describe it now. */
  describe(): QuorumState {
    this.sync(false)
    const now = this.now()
    const voters = this.brokers.list().map((b): QuorumReplica => {
      if (b.status === 'online')
        return {
          replicaId: b.id,
          logEndOffset: this.endOffset,
          lastFetchTimestamp: now,
          lastCaughtUpTimestamp: now
        }
      const known = this.stopped.get(b.id)
      return {
        replicaId: b.id,
        logEndOffset: known?.logEndOffset ?? -1,
        lastFetchTimestamp: known?.at ?? -1,
        lastCaughtUpTimestamp: known?.at ?? -1
      }
    })
    return {
      leaderId: this.leaderId,
      leaderEpoch: this.epoch,
      highWatermark: this.leaderId < 0 ? -1 : this.endOffset,
      voters,
      observers: []
    }
  }
}
