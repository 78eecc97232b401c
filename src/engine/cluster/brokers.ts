// The simulated brokers: ids, listener addresses and whether each is running (kept in the
// database, so a stopped broker stays stopped across restarts).
import { EngineError } from '../engine-error'
import type { BrokerStatus } from '../../shared/model'
import type { Db } from '../storage/database'
import { clusterQueries } from '../storage/cluster-queries'

export interface SimulatedBroker {
  id: number
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
  /** Number of simulated brokers, 1..9. */
  brokers: number
  /** Address clients are told to connect to. */
  advertisedHost: string
  /** Port of broker 0; broker i listens on port + i. Port 0 picks free ports. */
  port: number
}

function layoutBrokers({ brokers, advertisedHost, port }: BrokerLayout): SimulatedBroker[] {
  return Array.from({ length: brokers }, (_, id) => ({
    id,
    host: advertisedHost,
    port: port === 0 ? 0 : port + id,
    status: 'online' as const,
    endpoints: []
  }))
}

export class Brokers {
  private readonly all: SimulatedBroker[]

  constructor(db: Db, layout: BrokerLayout) {
    this.all = layoutBrokers(layout)
    for (const row of clusterQueries(db).brokersSelectAll.all()) {
      const b = this.all[row.broker_id]
      if (b && row.stopped === 1) b.status = 'stopped'
    }
  }

  /** Every broker in id order, running or stopped. */
  list(): readonly Readonly<SimulatedBroker>[] {
    return this.all
  }

  get(brokerId: number): Readonly<SimulatedBroker> | undefined {
    return this.all[brokerId]
  }

  /** The broker, to change its status; throws EngineError('not-found') when there is none. */
  require(brokerId: number): SimulatedBroker {
    const broker = this.all[brokerId]
    if (!broker) throw new EngineError('not-found', `Broker ${brokerId} does not exist`, 'brokerId')
    return broker
  }

  get count(): number {
    return this.all.length
  }

  ids(): number[] {
    return this.all.map((b) => b.id)
  }

  /** The running brokers in id order. */
  online(): Readonly<SimulatedBroker>[] {
    return this.all.filter((b) => b.status === 'online')
  }

  isOnline(brokerId: number): boolean {
    return this.all[brokerId]?.status === 'online'
  }

  /** The first running broker; -1 when none runs. */
  get controllerId(): number {
    return this.online()[0]?.id ?? -1
  }
}
