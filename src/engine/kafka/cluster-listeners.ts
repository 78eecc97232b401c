// The cluster's listeners, as Kafka's `listeners` names them: every broker has an acceptor on
// each, with the listener's own security protocol and port. The first is the one `--port` and
// `--security` describe; max.connections and max.connections.per.ip count a broker's connections
// over all of them.
import type { Engine } from '../engine'
import { ConnectionCounts } from './connection-limits'
import {
  BrokerListeners,
  type ListenerAddress,
  type ListenerGroup,
  type ListenerSpec
} from './listeners'
import type { SecurityProtocol } from './security/listener-security'

/** A listener's brokers as clients reach them. */
export interface ListenerEndpoints {
  name: string
  securityProtocol: SecurityProtocol
  addresses: ListenerAddress[]
}

export class ClusterListeners implements ListenerGroup {
  readonly counts = new ConnectionCounts()
  private readonly members: BrokerListeners[]

  constructor(
    engine: Engine,
    bindHost: string,
    private readonly specs: readonly ListenerSpec[],
    log: (line: string) => void
  ) {
    this.members = specs.map((spec) => new BrokerListeners(engine, bindHost, spec, this, log))
    // Every broker lists its endpoints in the listeners' order, a stopped one too.
    for (const b of engine.listBrokers()) for (const m of this.members) m.endpointOf(b)
  }

  released(brokerId: number): void {
    for (const m of this.members) m.release(brokerId)
  }

  /** Opens every listener of every running broker, the first listener first. */
  async start(): Promise<ListenerEndpoints[]> {
    const out: ListenerEndpoints[] = []
    for (const [i, m] of this.members.entries())
      out.push({
        name: this.specs[i].name,
        securityProtocol: this.specs[i].securityProtocol,
        addresses: await m.start()
      })
    return out
  }

  async close(): Promise<void> {
    await Promise.all(this.members.map((m) => m.close()))
  }
}
