// `logdeck serve --listener NAME=PROTOCOL:PORT` (repeatable): listeners beside the first one
// (`--port`, `--security`, named by its protocol), as Kafka's `listeners` lists them. Each
// mistake is one line naming the flag. `--advertised-listener NAME=HOST:PORT` tells the clients of
// a listener another address than the one it listens on (Kafka's `advertised.listeners`).
import {
  SECURITY_PROTOCOLS,
  type SecurityProtocol
} from '../engine/kafka/security/listener-security'
import type { ExtraListener } from '../engine/embedded-cluster'
import {
  hostPort,
  isWildcardHost,
  type AdvertisedListener
} from '../engine/kafka/advertised-listeners'
import { UsageError } from './cli-errors'

/** The ports a listener's brokers use: PORT to PORT+brokers-1 (none fixed for port 0). */
interface PortRange {
  flag: string
  first: number
  last: number
}

function rangeOf(flag: string, port: number, brokers: number): PortRange | null {
  return port === 0 ? null : { flag, first: port, last: port + brokers - 1 }
}

function portsText(r: PortRange): string {
  return r.first === r.last ? `port ${r.first}` : `ports ${r.first}-${r.last}`
}

/** One listener as given: `where` names it in errors (`--listener SSL=ssl:9192`, `listeners[0]`). */
export interface GivenListener {
  where: string
  name: string
  protocol: string
  port: string
}

/**
 * Listeners beside the first, checked against each other, the first listener (named by its
 * protocol, on `first.port`, which `first.where` names) and the console's port: names are unique
 * (upper case, as Kafka's), protocols known, and no two listeners (or the console) share a port.
 */
export function checkListeners(
  given: readonly GivenListener[],
  first: {
    protocol: SecurityProtocol
    port: number
    where: string
    portWhere: string
    /** Its name when it is not its protocol. */
    name?: string
  },
  brokers: number,
  uiPort: number | null
): ExtraListener[] {
  const names = new Map<string, string>([[first.name ?? first.protocol, first.where]])
  const ranges: PortRange[] = []
  const firstRange = rangeOf(first.portWhere, first.port, brokers)
  if (firstRange) ranges.push(firstRange)
  if (firstRange && uiPort !== null && uiPort >= firstRange.first && uiPort <= firstRange.last)
    throw new UsageError(
      `${first.portWhere} ${first.port}: its brokers' ${portsText(firstRange)} clash with --ui-port ${uiPort}`
    )
  return given.map(({ where, name: rawName, protocol: rawProtocol, port: rawPort }) => {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(rawName))
      throw new UsageError(
        `${where}: the name must be letters, digits and _, starting with a letter, got '${rawName}'`
      )
    const name = rawName.toUpperCase()
    const taken = names.get(name)
    if (taken) throw new UsageError(`${where}: the listener name ${name} is taken by ${taken}`)
    names.set(name, where)
    const protocol = rawProtocol.toUpperCase() as SecurityProtocol
    if (!SECURITY_PROTOCOLS.includes(protocol))
      throw new UsageError(
        `${where}: PROTOCOL must be one of ${SECURITY_PROTOCOLS.map((p) => p.toLowerCase()).join(', ')}, got '${rawProtocol}'`
      )
    const port = Number(rawPort)
    if (!/^\d+$/.test(rawPort) || port > 65535)
      throw new UsageError(
        `${where}: PORT must be a whole number from 0 to 65535, got '${rawPort}'`
      )
    if (port + brokers - 1 > 65535)
      throw new UsageError(
        `${where}: port ${port} leaves no room for ${brokers} brokers (PORT+${brokers - 1} must be at most 65535)`
      )
    const range = rangeOf(where, port, brokers)
    if (range) {
      const clash = ranges.find((r) => r.first <= range.last && range.first <= r.last)
      if (clash)
        throw new UsageError(
          `${where}: its brokers' ${portsText(range)} clash with ${clash.flag} (${portsText(clash)})`
        )
      if (uiPort !== null && uiPort >= range.first && uiPort <= range.last)
        throw new UsageError(
          `${where}: its brokers' ${portsText(range)} clash with --ui-port ${uiPort}`
        )
      ranges.push(range)
    }
    return { name, securityProtocol: protocol, port }
  })
}

/** The `--listener NAME=PROTOCOL:PORT` values, checked as checkListeners does. */
export function parseListenerFlags(
  values: readonly string[],
  first: { protocol: SecurityProtocol; port: number; name?: string },
  brokers: number,
  uiPort: number | null
): ExtraListener[] {
  const given = values.map((value): GivenListener => {
    const m = /^([^=]*)=([^:]*):(.*)$/.exec(value)
    if (!m)
      throw new UsageError(
        `--listener takes NAME=PROTOCOL:PORT (e.g. SSL=ssl:9192), got '${value}'`
      )
    return { where: `--listener ${value}`, name: m[1], protocol: m[2], port: m[3] }
  })
  return checkListeners(
    given,
    { ...first, where: `--security ${first.protocol.toLowerCase()}`, portWhere: '--port' },
    brokers,
    uiPort
  )
}

/**
 * One advertised listener as given: one address (broker i on its port + i) or one per broker;
 * `where` names it in errors.
 */
export interface GivenAdvertisedListener {
  where: string
  name: string
  addresses: { host: string; port: string }[]
}

/** A host clients can connect to and a port, checked; an IPv6 host without its brackets. */
function advertisedHostPort(
  where: string,
  rawHost: string,
  rawPort: string
): { host: string; port: number } {
  const host = rawHost.replace(/^\[(.*)\]$/, '$1')
  if (host === '' || /\s|\//.test(host))
    throw new UsageError(`${where}: HOST must be a host name or address, got '${rawHost}'`)
  if (isWildcardHost(host))
    throw new UsageError(
      `${where}: cannot use the nonroutable meta-address ${host}; use a routable address clients can connect to`
    )
  const port = Number(rawPort)
  if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535)
    throw new UsageError(`${where}: PORT must be a whole number from 1 to 65535, got '${rawPort}'`)
  return { host, port }
}

/**
 * Advertised listeners (Kafka's `advertised.listeners`) checked as Kafka checks them: each names
 * one of the cluster's listeners (`names`, the first listener's being its protocol) once, with a
 * host clients can connect to (not 0.0.0.0 or ::) and a port leaving room for every broker.
 */
export function checkAdvertisedListeners(
  given: readonly GivenAdvertisedListener[],
  names: readonly string[],
  brokers: number
): AdvertisedListener[] {
  const seen = new Map<string, string>()
  return given.map(({ where, name: rawName, addresses }) => {
    const name = rawName.toUpperCase()
    if (!names.includes(name))
      throw new UsageError(
        `${where}: no listener is named ${rawName === '' ? "''" : rawName} (the listeners are ${names.join(', ')})`
      )
    const twice = seen.get(name)
    if (twice) throw new UsageError(`${where}: listener ${name} is already advertised by ${twice}`)
    seen.set(name, where)
    if (addresses.length !== 1 && addresses.length !== brokers)
      throw new UsageError(
        `${where}: ${addresses.length} addresses for ${brokers} broker${brokers === 1 ? '' : 's'}; give one (broker i on PORT+i) or one per broker`
      )
    const checked = addresses.map((a) => advertisedHostPort(where, a.host, a.port))
    const [{ host, port }] = checked
    if (checked.length === 1) {
      if (port + brokers - 1 > 65535)
        throw new UsageError(
          `${where}: port ${port} leaves no room for ${brokers} brokers (PORT+${brokers - 1} must be at most 65535)`
        )
      return { name, host, port }
    }
    checked.forEach((a, i) => {
      const same = checked.findIndex((b) => b.host === a.host && b.port === a.port)
      if (same !== i)
        throw new UsageError(
          `${where}: brokers ${same} and ${i} are both advertised on ${hostPort(a)}; each broker needs its own address`
        )
    })
    return { name, host, port, brokers: checked }
  })
}

/** The `--advertised-listener NAME=HOST:PORT` values, checked as checkAdvertisedListeners does. */
export function parseAdvertisedListenerFlags(
  values: readonly string[],
  names: readonly string[],
  brokers: number
): AdvertisedListener[] {
  const given = values.map((value): GivenAdvertisedListener => {
    // HOST:PORT, an IPv6 address in brackets ([::1]:19092), or one such a broker, comma-separated.
    const m = /^([^=]*)=(.*)$/.exec(value)
    const addresses = m?.[2].split(',').map((a) => /^(\[[^\]]*\]|[^:]*):([^:]*)$/.exec(a.trim()))
    if (!m || !addresses || addresses.some((a) => !a))
      throw new UsageError(
        `--advertised-listener takes NAME=HOST:PORT or NAME=HOST0:PORT0,HOST1:PORT1,... one a broker (e.g. PLAINTEXT=localhost:19092), got '${value}'`
      )
    return {
      where: `--advertised-listener ${value}`,
      name: m[1],
      addresses: addresses.map((a) => ({ host: a![1], port: a![2] }))
    }
  })
  return checkAdvertisedListeners(given, names, brokers)
}
