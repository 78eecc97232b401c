// The simulated brokers: their ids (0 to N-1 unless given, as Kafka's node.id; kept in the data
// directory, which is refused without one of its brokers), listener addresses and whether each
// is running (kept in the database, so a stopped broker stays stopped across restarts).
import { EngineError } from '../engine-error'
import type { BrokerStatus } from '../../shared/model'
import type { Db } from '../storage/database'
import { clusterQueries } from '../storage/cluster-queries'

export interface SimulatedBroker {
  /** Its broker id (Kafka's node.id), any int32 from 0. */
  id: number
  /** Its place in id order, 0 for the lowest id: what per-broker ports and lists go by. */
  index: number
  host: string
  /** The port of its first listener (the one `--port` and `--security` describe). */
  port: number
  status: BrokerStatus
  /** Its listeners' ports, the first listener's first; empty until the listeners are set up. */
  endpoints: BrokerEndpoint[]
}

/** Where a broker listens on one of the cluster's listeners. */
export interface BrokerEndpoint {
  /** The listener's name (Kafka's `listeners` NAME), for listener.name.<name>.* configs. */
  listener: string
  securityProtocol: string
  port: number
  /**
   * Where clients are told to connect instead (Kafka's `advertised.listeners`: a proxy, NAT or
   * port mapping in front of the port it listens on); absent, the broker's host and `port`.
   */
  advertised?: { host: string; port: number }
}

/**
 * A broker's address on a listener, as Metadata, DescribeCluster and FindCoordinator tell a
 * client whose request came on that listener (so it keeps using the same protocol): the
 * listener's advertised address when it has one.
 */
export function endpointOn(
  broker: Readonly<SimulatedBroker>,
  listenerName: string | undefined
): { host: string; port: number } {
  const endpoint = broker.endpoints.find((e) => e.listener === listenerName)
  if (endpoint?.advertised) return { ...endpoint.advertised }
  return { host: broker.host, port: endpoint?.port ?? broker.port }
}

export interface BrokerLayout {
  /** The brokers' ids, ascending (Kafka's node.id / broker.id), when given. */
  brokerIds?: readonly number[]
  /** How many brokers when their ids are not given (0 to brokers - 1). */
  brokers: number
  /** The data directory's brokers, when it keeps their ids (else `brokers`). */
  keptBrokers?: boolean
  /** Address clients are told to connect to. */
  advertisedHost: string
  /** Port of the first broker; the i-th in id order listens on port + i. Port 0 picks free ports. */
  port: number
}

function layoutBrokers(
  brokerIds: readonly number[],
  { advertisedHost, port }: BrokerLayout
): SimulatedBroker[] {
  return brokerIds.map((id, index) => ({
    id,
    index,
    host: advertisedHost,
    port: port === 0 ? 0 : port + index,
    status: 'online' as const,
    endpoints: []
  }))
}

/** cluster_meta's key for the brokers' ids, comma-separated, ascending. */
const BROKER_IDS = 'broker.ids'

const listed = (ids: Iterable<number>) => [...ids].join(', ')

/** Whether the ids are 0 to N-1, as a count of brokers gives them. */
export const numberedFromZero = (ids: readonly number[]): boolean => ids.every((id, i) => id === i)

/**
 * A data directory opened without one of the brokers it holds (its replicas live on them). The
 * message names the ids that open it; how a caller gives them (a serve flag, a library option)
 * is the caller's to word, through `worded`.
 */
export class MissingBrokersError extends EngineError {
  constructor(
    /** The brokers the data directory holds, ascending. */
    readonly heldIds: readonly number[],
    /** Whether the directory kept them; else they were read from its replicas. */
    readonly kept: boolean,
    /** The brokers it was opened with. */
    readonly openedWith: readonly number[]
  ) {
    super('invalid-argument', missingBrokersMessage(heldIds, kept, openedWith), 'brokerIds')
    this.name = 'MissingBrokersError'
  }

  /** The message, with how the caller gives the held ids: `how([1, 2, 3])`, in parentheses. */
  worded(how: (ids: readonly number[]) => string): string {
    return missingBrokersMessage(this.heldIds, this.kept, this.openedWith, how(this.heldIds))
  }
}

function missingBrokersMessage(
  held: readonly number[],
  kept: boolean,
  openedWith: readonly number[],
  how?: string
): string {
  const missing = held.filter((id) => !openedWith.includes(id))
  return (
    `The data directory holds a cluster of brokers ${listed(held)}${kept ? '' : ' (the brokers its replicas are on)'}, ` +
    `but it is opened with brokers ${listed(openedWith)}, without broker${missing.length === 1 ? '' : 's'} ${listed(missing)}: ` +
    `open it with broker ids ${held.join(',')}${how ? ` (${how})` : ''}, or use another data directory`
  )
}

/**
 * The brokers a data directory holds: its kept ids, else (made before they were kept) the ids
 * its partitions' replicas and its stopped brokers name.
 */
function heldBrokerIds(db: Db): { ids: number[]; kept: boolean } {
  const cq = clusterQueries(db)
  const kept = cq.metaSelect.get(BROKER_IDS)
  if (kept) return { ids: kept.value.split(',').map(Number), kept: true }
  const ids = new Set<number>()
  for (const row of cq.partitionReplicasAll.all())
    for (const id of JSON.parse(row.replicas) as number[]) ids.add(id)
  for (const row of cq.brokersSelectAll.all()) ids.add(row.broker_id)
  return { ids: [...ids].sort((a, b) => a - b), kept: false }
}

/**
 * The brokers' ids: those given, else the data directory's when `keptBrokers` (those it keeps,
 * or 0 to brokers - 1 and the brokers its replicas are on), else 0 to brokers - 1. Checks that
 * the cluster has every broker its data directory holds (it may have more: a cluster grows as a
 * Kafka cluster does, its new brokers holding nothing yet), and keeps the ids.
 */
function keepBrokerIds(
  db: Db,
  layout: BrokerLayout
): { ids: readonly number[]; keptBefore: string | null | undefined } {
  const held = heldBrokerIds(db)
  const numbered = Array.from({ length: layout.brokers }, (_, i) => i)
  // No brokers given (the desktop app): the kept ids, or, for a directory made before they were
  // kept, the brokers its replicas are on beside the default ones.
  const brokerIds =
    layout.brokerIds ??
    (!layout.keptBrokers
      ? numbered
      : held.kept
        ? held.ids
        : [...new Set([...numbered, ...held.ids])].sort((a, b) => a - b))
  if (held.ids.some((id) => !brokerIds.includes(id)))
    throw new MissingBrokersError(held.ids, held.kept, brokerIds)
  const value = brokerIds.join(',')
  if (held.kept && held.ids.join(',') === value) return { ids: brokerIds, keptBefore: undefined }
  clusterQueries(db).metaUpsert.run(BROKER_IDS, value)
  return { ids: brokerIds, keptBefore: held.kept ? held.ids.join(',') : null }
}

export class Brokers {
  private readonly all: SimulatedBroker[]
  private readonly byId: Map<number, SimulatedBroker>
  /** The ids the data directory kept before this open changed them (null: none); else undefined. */
  private readonly keptBefore: string | null | undefined

  constructor(
    private readonly db: Db,
    layout: BrokerLayout
  ) {
    const kept = keepBrokerIds(db, layout)
    this.keptBefore = kept.keptBefore
    this.all = layoutBrokers(kept.ids, layout)
    this.byId = new Map(this.all.map((b) => [b.id, b]))
    for (const row of clusterQueries(db).brokersSelectAll.all()) {
      const b = this.byId.get(row.broker_id)
      if (b && row.stopped === 1) b.status = 'stopped'
    }
  }

  /** Every broker in id order, running or stopped. */
  list(): readonly Readonly<SimulatedBroker>[] {
    return this.all
  }

  /**
   * Puts back the ids the data directory kept before this open: a cluster that did not start
   * (a port in use) leaves its data directory opening as before.
   */
  restoreKeptIds(): void {
    if (this.keptBefore === undefined) return
    const cq = clusterQueries(this.db)
    if (this.keptBefore === null) cq.metaDelete.run(BROKER_IDS)
    else cq.metaUpsert.run(BROKER_IDS, this.keptBefore)
  }

  get(brokerId: number): Readonly<SimulatedBroker> | undefined {
    return this.byId.get(brokerId)
  }

  /** The broker, to change its status; throws EngineError('not-found') when there is none. */
  require(brokerId: number): SimulatedBroker {
    const broker = this.byId.get(brokerId)
    if (!broker)
      throw new EngineError(
        'not-found',
        `Broker ${brokerId} does not exist (the brokers are ${listed(this.byId.keys())})`,
        'brokerId'
      )
    return broker
  }

  get count(): number {
    return this.all.length
  }

  /** The brokers' ids, ascending. */
  ids(): number[] {
    return this.all.map((b) => b.id)
  }

  /** The running brokers in id order. */
  online(): Readonly<SimulatedBroker>[] {
    return this.all.filter((b) => b.status === 'online')
  }

  isOnline(brokerId: number): boolean {
    return this.byId.get(brokerId)?.status === 'online'
  }

  /** The first running broker; -1 when none runs. */
  get controllerId(): number {
    return this.online()[0]?.id ?? -1
  }
}
