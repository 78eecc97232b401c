// The simulated brokers: ids, listener addresses and whether each is running.
import type { BrokerStatus } from '../../shared/model'

export interface SimulatedBroker {
  id: number
  host: string
  port: number
  status: BrokerStatus
}

export interface BrokerLayout {
  /** Number of simulated brokers, 1..9. */
  brokers: number
  /** Address clients are told to connect to. */
  advertisedHost: string
  /** Port of broker 0; broker i listens on port + i. Port 0 picks free ports. */
  port: number
}

export function layoutBrokers({ brokers, advertisedHost, port }: BrokerLayout): SimulatedBroker[] {
  return Array.from({ length: brokers }, (_, id) => ({
    id,
    host: advertisedHost,
    port: port === 0 ? 0 : port + id,
    status: 'online' as const
  }))
}
