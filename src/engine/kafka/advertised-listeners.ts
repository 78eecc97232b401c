// Kafka's `advertised.listeners`: a listener whose clients are told another host and port than
// the ones it listens on (a proxy, NAT or port mapping in front). The simulated brokers share one
// advertised host, the i-th broker in id order on the advertised port + i, as they listen on
// port + i, or each has an address of its own, as each Kafka broker has its own
// advertised.listeners.

/**
 * Kafka's `advertised.listeners`, one listener's: clients are told to connect to HOST and
 * PORT + i for the i-th broker in id order (a proxy, NAT or port mapping forwarding there to where it listens).
 */
export interface AdvertisedListener {
  /** The listener's name (the first listener's is its protocol). */
  name: string
  host: string
  /** The first broker's advertised port; the i-th is advertised on port + i (unless `brokers` says). */
  port: number
  /** Each broker's own advertised address, in broker id order (the first is `host` and `port`). */
  brokers?: { host: string; port: number }[]
}

/** Where the `index`-th broker (in id order) of an advertised listener is advertised. */
export function advertisedAddress(
  a: Pick<AdvertisedListener, 'host' | 'port' | 'brokers'>,
  index: number
): { host: string; port: number } {
  return a.brokers?.[index] ?? { host: a.host, port: a.port + index }
}

/**
 * The advertised listeners by name, each naming one of the cluster's listeners at most once and
 * a host clients can connect to, as Kafka checks advertised.listeners.
 */
export function advertisedByName(
  named: readonly { name: string }[],
  given: readonly AdvertisedListener[]
): Map<string, Omit<AdvertisedListener, 'name'>> {
  const out = new Map<string, Omit<AdvertisedListener, 'name'>>()
  for (const a of given) {
    if (!named.some((l) => l.name === a.name))
      throw new Error(
        `advertised listener ${a.name} is not one of the listeners (${named.map((l) => l.name).join(', ')})`
      )
    if (out.has(a.name)) throw new Error(`listener ${a.name} is advertised twice`)
    for (const { host } of [a, ...(a.brokers ?? [])])
      if (isWildcardHost(host))
        throw new Error(
          `advertised listener ${a.name} cannot use the nonroutable meta-address ${host}: use a routable address`
        )
    out.set(a.name, { host: a.host, port: a.port, ...(a.brokers ? { brokers: a.brokers } : {}) })
  }
  return out
}

/** 0.0.0.0 and :: (any spelling), which a server binds to but no client can connect to. */
export function isWildcardHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1')
  return h === '0.0.0.0' || (h.includes(':') && /^[0:]+$/.test(h))
}

/** `host:port`, an IPv6 address in brackets. */
export function hostPort(a: { host: string; port: number }): string {
  return a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`
}
