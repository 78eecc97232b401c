// Several Kafka services of a compose file (kafka1, kafka2, kafka3 ...) served as one cluster, a
// Logdeck broker for each broker service, with the service's node id (KAFKA_NODE_ID,
// KAFKA_BROKER_ID, KAFKA_CFG_NODE_ID) as its broker id; services without one take the ids after
// the highest given, in file order (0, 1, 2 ... when none has one). The summary says which
// service is which broker.
// KRaft controllers only (process.roles=controller) are left out, not being brokers. Each broker
// listens on the host port compose publishes for its service and is advertised as its service
// advertises it, and takes its service's broker.rack; every other setting is the cluster's, so
// services giving it different values are refused, naming the services and the keys.
import { readFileSync } from 'node:fs'
import { UsageError } from './cli-errors'
import { MAX_BROKER_ID } from '../engine/engine-options'
import { MAX_BROKERS } from '../shared/kafka/cluster-size'
import type { ComposeProject, ComposeService } from './compose-merge'
import {
  isControllerOnly,
  readService,
  serviceProperties,
  type ComposeProperties,
  type ServiceSettings
} from './compose-service'

type FlagValues = Record<string, string | string[] | boolean | undefined>

/** The flags that are each broker's own (listener ports, advertised addresses, broker.rack). */
const PER_BROKER = [
  'port',
  'listener',
  'advertised-listener',
  'broker-rack',
  'brokers',
  'broker-ids'
]
const KEYED = ['broker-config', 'listener-config']
/** Settings whose values a message does not show. */
const SECRET = /password|jaas|secret|key(store)?\.key$|^user$/i

const values = (v: FlagValues[string]): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [String(v)]

/** Names in a sentence: `a`, `a and b`, `a, b and c`. */
const and = (names: readonly string[]) =>
  names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`

interface Listener {
  name: string
  protocol: string
  /** Undefined when the command line gives it. */
  port: number | undefined
}

/** A service's client listeners by name, the first first. */
function listenersOf(p: ComposeProperties, commandLine: FlagValues): Map<string, Listener> {
  const out = new Map<string, Listener>()
  const protocol = String(p.values.security ?? commandLine.security ?? 'plaintext').toUpperCase()
  const port = p.values.port
  out.set(p.listenerName ?? protocol, {
    name: p.listenerName ?? protocol,
    protocol,
    port: port === undefined ? undefined : Number(port)
  })
  for (const l of values(p.values.listener)) {
    const m = /^([^=]*)=([^:]*):(\d+)$/.exec(l)
    if (m)
      out.set(m[1].toUpperCase(), {
        name: m[1].toUpperCase(),
        protocol: m[2].toUpperCase(),
        port: Number(m[3])
      })
  }
  return out
}

/** The settings every broker shares, by name, as given (KEY=VALUE flags key by key). */
function sharedSettings(p: ComposeProperties): Map<string, string> {
  const out = new Map<string, string>()
  for (const [flag, v] of Object.entries(p.values)) {
    if (PER_BROKER.includes(flag) || v === undefined) continue
    if (KEYED.includes(flag))
      for (const item of values(v)) {
        const eq = item.indexOf('=')
        const key = item.slice(0, eq)
        const shown = flag === 'listener-config' ? `listener.name.${key.toLowerCase()}` : key
        out.set(shown, item.slice(eq + 1))
      }
    else out.set(flag, values(v).slice().sort().join(','))
  }
  return out
}

/** Whether the files (none for some) are all there and hold the same text. */
function sameContents(files: (string | undefined)[]): boolean {
  if (files.some((f) => f === undefined)) return false
  const text = (f: string) => {
    try {
      return readFileSync(f, 'utf8')
    } catch {
      return undefined
    }
  }
  const first = text(files[0]!)
  return first !== undefined && files.every((f) => text(f!) === first)
}

/** Refuses settings the services give differently, naming the services and the keys. */
function checkShared(file: string, names: string[], props: ComposeProperties[]): void {
  const settings = props.map(sharedSettings)
  const keys = [...new Set(settings.flatMap((s) => [...s.keys()]))]
  const differ: string[] = []
  for (const key of keys) {
    const given = settings.map((s) => s.get(key))
    if (given.every((v) => v === given[0])) continue
    const groups = new Map<string, string[]>()
    given.forEach((v, i) => {
      const shown = v === undefined ? 'not set' : SECRET.test(key) ? 'a value of its own' : v
      groups.set(shown, [...(groups.get(shown) ?? []), names[i]])
    })
    differ.push(`${key} (${[...groups].map(([v, ns]) => `${and(ns)}: ${v}`).join('; ')})`)
  }
  if (differ.length > 0)
    throw new UsageError(
      `${file}: services ${and(names)} are served as one cluster, whose brokers share these settings, but they give them differently: ${differ.join(', ')}; give every broker service the same values (or serve one with --compose-service NAME)`
    )
}

/**
 * The broker services in broker id order with their ids (their node ids; those without one the
 * ids after the highest given, in file order), refusing two with one node id.
 */
function brokerOrder(
  file: string,
  brokers: ServiceSettings[]
): { service: ServiceSettings; id: number }[] {
  const byId = new Map<number, ServiceSettings>()
  for (const b of brokers) {
    if (!b.nodeId) continue
    const other = byId.get(b.nodeId.id)
    if (other)
      throw new UsageError(
        `${file}: services ${other.name} and ${b.name} have the same node id ${b.nodeId.id} (${other.nodeId!.variable}, ${b.nodeId.variable}); each broker needs its own`
      )
    byId.set(b.nodeId.id, b)
  }
  let next = Math.max(-1, ...byId.keys()) + 1
  return brokers
    .map((service) => ({ service, id: service.nodeId?.id ?? next++ }))
    .sort((a, b) => a.id - b.id)
}

/** Several Kafka services as one cluster's settings, the command line winning. */
export function clusterProperties(
  project: ComposeProject,
  services: ComposeService[],
  commandLine: FlagValues
): ComposeProperties {
  const file = project.file
  const read = services.map((s) => readService(project, s))
  const controllers = read.filter(isControllerOnly)
  const unordered = read.filter((s) => !isControllerOnly(s))
  if (unordered.length === 0)
    throw new UsageError(
      `${file}: the Kafka services ${and(read.map((s) => s.name))} are KRaft controllers only (process.roles without broker): no broker to serve`
    )
  if (unordered.length > MAX_BROKERS)
    throw new UsageError(
      `${file}: ${unordered.length} broker services (${and(unordered.map((s) => s.name))}); Logdeck serves at most ${MAX_BROKERS} brokers (serve one with --compose-service NAME)`
    )
  const n = unordered.length
  if (commandLine.brokers !== undefined && Number(commandLine.brokers) !== n)
    throw new UsageError(
      `--brokers ${String(commandLine.brokers)}: the ${n} broker services of ${file} (${and(unordered.map((s) => s.name))}) are the brokers, one each`
    )
  const ordered = brokerOrder(file, unordered)
  const brokers = ordered.map((b) => b.service)
  const names = brokers.map((b) => b.name)
  const given = commandLine['broker-ids']
  // The command line's own ids are refused as its, not as a service's node id.
  const bad =
    typeof given === 'string'
      ? given
          .split(',')
          .map((id) => id.trim())
          .find((id) => !/^\d+$/.test(id) || Number(id) > MAX_BROKER_ID)
      : undefined
  if (bad !== undefined)
    throw new UsageError(
      `--broker-ids takes broker ids (whole numbers from 0 to ${MAX_BROKER_ID}), comma-separated, got '${bad}'`
    )
  const ids =
    typeof given === 'string'
      ? given
          .split(',')
          .map((id) => id.trim())
          .sort((a, b) => Number(a) - Number(b))
      : ordered.map((b) => String(b.id))
  if (ids.length !== n)
    throw new UsageError(
      `--broker-ids ${String(given)}: the ${n} broker services of ${file} (${and(unordered.map((s) => s.name))}) are the brokers, one id each`
    )
  const one: FlagValues = { ...commandLine }
  delete one.brokers
  delete one['broker-ids']
  const props = brokers.map((b) => serviceProperties(b, one))
  checkShared(file, names, props)

  // Listeners: the same names and protocols on every broker, each on its own port.
  const layouts = props.map((p) => listenersOf(p, commandLine))
  const first = layouts[0]
  layouts.forEach((l, i) => {
    const same =
      l.size === first.size &&
      [...first.values()].every((x) => l.get(x.name)?.protocol === x.protocol)
    if (!same)
      throw new UsageError(
        `${file}: services ${names[0]} and ${names[i]} have different listeners (${names[0]}: ${[...first.values()].map((x) => `${x.name} (${x.protocol})`).join(', ')}; ${names[i]}: ${[...l.values()].map((x) => `${x.name} (${x.protocol})`).join(', ')}); Logdeck's brokers share their listeners, each broker on its own port`
      )
  })
  const taken = new Map<number, string>()
  const brokerPorts: Record<string, number[]> = {}
  const shown: string[] = []
  for (const l of first.values()) {
    const ports = layouts.map((x) => x.get(l.name)!.port)
    if (ports.some((p) => p === undefined)) continue // the command line gives it
    ports.forEach((p, i) => {
      if (p === 0) return
      const other = taken.get(p!)
      if (other)
        throw new UsageError(
          `${file}: ${other} and service ${names[i]}'s ${l.name} are both on port ${p} (each container has its ports; on the host they are one): publish each service's listener on its own host port (ports: "19092:9092")`
        )
      taken.set(p!, `service ${names[i]}'s ${l.name}`)
    })
    if (ports.some((p) => p !== 0)) brokerPorts[l.name] = ports as number[]
    shown.push(
      `${l.name} (${l.protocol}) ${ports.every((p) => p === 0) ? 'on free ports' : `on ${ports.map((p, i) => `${p === 0 ? 'a free port' : p} (broker ${ids[i]})`).join(', ')}`}`
    )
  }
  // The JAAS file: one for the cluster, as every setting the brokers share.
  const jaasFiles = props.map((p) => p.jaasConfig?.path)
  if (jaasFiles.some((f) => f !== jaasFiles[0]) && !sameContents(jaasFiles))
    throw new UsageError(
      `${file}: services ${and(names)} are served as one cluster, whose brokers share their JAAS file, but their KAFKA_OPTS -Djava.security.auth.login.config give different ones (${names.map((n, i) => `${n}: ${jaasFiles[i] ?? 'none'}`).join('; ')}); mount one file in every broker service`
    )
  const combined: FlagValues = {
    ...props[0].values,
    brokers: String(n),
    'broker-ids': ids.join(',')
  }
  if (combined.port !== undefined) combined.port = '0'
  if (combined.listener !== undefined)
    combined.listener = values(combined.listener).map((l) => l.replace(/:\d+$/, ':0'))

  // Advertised listeners: each broker's own address.
  const advertised = props.map(
    (p) =>
      new Map(
        values(p.values['advertised-listener']).map((a) => {
          const eq = a.indexOf('=')
          return [a.slice(0, eq).toUpperCase(), a.slice(eq + 1)] as const
        })
      )
  )
  const advertisedNames = [...new Set(advertised.flatMap((a) => [...a.keys()]))]
  for (const name of advertisedNames) {
    const missing = names.filter((_, i) => !advertised[i].has(name))
    if (missing.length > 0)
      throw new UsageError(
        `${file}: ${and(names.filter((_, i) => advertised[i].has(name)))} advertise${names.length - missing.length === 1 ? 's' : ''} listener ${name} (advertised.listeners), ${and(missing)} not${missing.length === 1 ? ' (it has no address to advertise)' : ''}: advertise it on every broker service`
      )
  }
  if (advertisedNames.length > 0) {
    combined['advertised-listener'] = advertisedNames.map(
      (name) => `${name}=${advertised.map((a) => a.get(name)).join(',')}`
    )
  }

  // broker.rack: each broker its service's.
  const racks = props.map((p) => values(p.values['broker-rack'])[0])
  if (racks.some((r) => r !== undefined))
    combined['broker-rack'] = [
      racks.flatMap((r, i) => (r === undefined ? [] : [`${ids[i]}=${r}`])).join(',')
    ]
  else delete combined['broker-rack']

  // What was taken: lines every service gives once, the others under their service.
  const dropped =
    /^(brokers: 1, as|listeners: |advertised\.listeners: |broker\.rack: |broker ids?: )/
  const summary: string[] = [
    `brokers: ${n}, one a broker service, each with its node id as broker id: ${brokers.map((b, i) => `${b.name} as broker ${ids[i]}${b.nodeId ? ` (${b.nodeId.variable})` : ' (no node id)'}`).join(', ')}${typeof commandLine['broker-ids'] === 'string' ? ` (the command line wins: --broker-ids over the node ids)` : ''}`
  ]
  if (controllers.length > 0)
    summary.push(
      `KRaft controllers left out, not brokers: ${controllers.map((c) => `${c.name} (process.roles=${c.roles!.join(',')})`).join(', ')}`
    )
  const lines = props.map((p) => p.summary.filter((l) => !dropped.test(l)))
  const seen = new Set<string>()
  lines.forEach((ls, i) => {
    for (const l of ls) {
      const common = lines.every((other) => other.includes(l))
      const line = common ? l : `${names[i]}: ${l}`
      if (!seen.has(line)) summary.push(line)
      seen.add(line)
    }
  })
  const controllerNote = /; (\S.* left out \(controller\.listener\.names.*)$/.exec(
    props[0].summary.find((l) => l.startsWith('listeners: ')) ?? ''
  )?.[1]
  if (shown.length > 0)
    summary.push(`listeners: ${shown.join(', ')}${controllerNote ? `; ${controllerNote}` : ''}`)
  if (advertisedNames.length > 0)
    summary.push(
      `advertised.listeners: ${advertisedNames.map((name) => `${name} as ${advertised.map((a) => a.get(name)).join(', ')}`).join('; ')}`
    )
  if (racks.some((r) => r !== undefined))
    summary.push(
      `broker.rack: ${racks.map((r, i) => `broker ${ids[i]} ${r ?? 'none'}`).join(', ')}`
    )

  return {
    file,
    values: combined,
    ...(props[0].listenerName ? { listenerName: props[0].listenerName } : {}),
    origins: props.flatMap((p) => p.origins),
    summary,
    heading: `Compose file ${file}, services ${names.join(', ')} as one cluster:`,
    ...(props[0].jaasConfig ? { jaasConfig: props[0].jaasConfig } : {}),
    ...(Object.keys(brokerPorts).length > 0 ? { brokerPorts } : {})
  }
}
