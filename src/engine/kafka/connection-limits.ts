// Kafka's ConnectionQuotas counts, per broker: its client connections over all its listeners
// (max.connections), on each listener (listener.name.<listener>.max.connections) and those from
// each address (max.connections.per.ip, max.connections.per.ip.overrides). The values are read on
// each new connection, as one broker has them (set for it alone, else for every broker).

/** A broker config's value on one broker. */
export type ValueOn = (name: string, brokerId: number) => string | null

/** What a broker allows now, over all its listeners and on one of them. */
export interface ConnectionLimits {
  /** max.connections: over all the broker's listeners. */
  maxConnections: number
  /** listener.name.<listener>.max.connections: on this listener (no bound when unset). */
  listenerMaxConnections: number
  /** That config's name, for the log line. */
  listenerConfig: string
  maxConnectionsPerIp: number
  /** max.connections.per.ip.overrides: address -> its own bound. */
  perIpOverrides: ReadonlyMap<string, number>
}

export function connectionLimitsOn(
  valueOn: ValueOn,
  brokerId: number,
  listenerName: string
): ConnectionLimits {
  const listenerConfig = `listener.name.${listenerName.toLowerCase()}.max.connections`
  const listenerValue = valueOn(listenerConfig, brokerId)
  return {
    maxConnections: Number(valueOn('max.connections', brokerId) ?? Number.MAX_SAFE_INTEGER),
    listenerMaxConnections:
      listenerValue === null ? Number.MAX_SAFE_INTEGER : Number(listenerValue),
    listenerConfig,
    maxConnectionsPerIp: Number(
      valueOn('max.connections.per.ip', brokerId) ?? Number.MAX_SAFE_INTEGER
    ),
    perIpOverrides: parsePerIpOverrides(valueOn('max.connections.per.ip.overrides', brokerId))
  }
}

/**
 * max.connections.per.ip.overrides as Kafka reads it: `host:count` pairs separated by commas
 * (`127.0.0.1:200,localhost:50`). A host is an IPv4 address or `localhost`, which stands for
 * both loopback addresses.
 */
export function parsePerIpOverrides(text: string | null): Map<string, number> {
  const out = new Map<string, number>()
  for (const entry of (text ?? '').split(',')) {
    const [host, count] = entry.split(':').map((s) => s.trim())
    if (!host || count === undefined) continue
    for (const address of host === 'localhost' ? ['127.0.0.1', '::1'] : [host])
      out.set(address, Number(count))
  }
  return out
}

/**
 * A client's address as Kafka names it (in ACLs, the per-IP counts and their overrides): an
 * IPv4-mapped IPv6 address as IPv4.
 */
export function addressOf(remoteAddress: string | undefined): string {
  const ip = remoteAddress ?? '?'
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip
}

/** The connections each broker holds now, in all and from each address. */
export class ConnectionCounts {
  private readonly brokers = new Map<number, { total: number; perIp: Map<string, number> }>()

  private of(brokerId: number) {
    let counts = this.brokers.get(brokerId)
    if (!counts) this.brokers.set(brokerId, (counts = { total: 0, perIp: new Map() }))
    return counts
  }

  total(brokerId: number): number {
    return this.brokers.get(brokerId)?.total ?? 0
  }

  fromAddress(brokerId: number, address: string): number {
    return this.brokers.get(brokerId)?.perIp.get(address) ?? 0
  }

  /** Counts a connection; the returned function uncounts it (once). */
  add(brokerId: number, address: string): () => void {
    const counts = this.of(brokerId)
    counts.total++
    counts.perIp.set(address, (counts.perIp.get(address) ?? 0) + 1)
    let done = false
    return () => {
      if (done) return
      done = true
      counts.total--
      const left = (counts.perIp.get(address) ?? 1) - 1
      if (left <= 0) counts.perIp.delete(address)
      else counts.perIp.set(address, left)
    }
  }
}
