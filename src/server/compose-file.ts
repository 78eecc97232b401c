// `logdeck serve --compose FILE [--compose-service NAME]`: the Kafka service of a
// docker-compose file served without Docker. The service is the one named, or the one whose image
// is apache/kafka, confluentinc/cp-kafka or bitnami/kafka. Its environment (a map or a list of
// KEY=VALUE, after its env_file) is interpolated as compose does (${VAR}, ${VAR:-default},
// ${VAR-default}, ${VAR:?error}, ${VAR:+other}, $VAR, $$; from the environment, then the .env
// file beside the compose file), turned into server.properties keys as its image does
// (compose-environment.ts) and read as --server-properties reads a file. Its `ports:` decide
// where each listener is served: a container port published on another host port is served on
// the host port (what clients on the host connect to), a listener not published on a free port
// (only the compose network reached it); without `ports:` (or with network_mode: host) the
// listeners keep their ports. A mistake is a UsageError naming the file, the service and the
// variable.
import { readFileSync } from 'node:fs'
import { dirname, isAbsolute, join } from 'node:path'
import { UsageError } from './cli-errors'
import {
  bitnamiUsers,
  convertEnvironment,
  imageFlavour,
  KAFKA_IMAGES,
  type ImageFlavour
} from './compose-environment'
import type { PropertyEntry } from './java-properties'
import { serverPropertiesOf, type ServerProperties } from './server-properties'
import { parseYamlWithLines } from './yaml-text'

type FlagValues = Record<string, string | string[] | boolean | undefined>

export interface ComposeProperties extends ServerProperties {
  /** The title of the start summary's lines. */
  heading: string
}

/** The default configuration apache/kafka starts with when no KAFKA_ variable is given. */
const APACHE_DEFAULTS: Record<string, string> = {
  'advertised.listeners': 'PLAINTEXT://localhost:29092,PLAINTEXT_HOST://localhost:9092',
  'controller.listener.names': 'CONTROLLER',
  'controller.quorum.voters': '1@localhost:29093',
  'group.initial.rebalance.delay.ms': '0',
  'inter.broker.listener.name': 'PLAINTEXT',
  'listener.security.protocol.map':
    'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT',
  listeners:
    'PLAINTEXT://localhost:29092,CONTROLLER://localhost:29093,PLAINTEXT_HOST://0.0.0.0:9092',
  'log.dirs': '/tmp/kraft-combined-logs',
  'node.id': '1',
  'offsets.topic.replication.factor': '1',
  'process.roles': 'broker,controller',
  'transaction.state.log.min.isr': '1',
  'transaction.state.log.replication.factor': '1'
}

function readText(file: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new UsageError(
      `${flag} ${file} ${code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : 'is not readable'}`
    )
  }
}

/** KEY=VALUE lines of a .env or env_file (comments, `export `, quotes), in order. */
export function readEnvFile(text: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = []
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line)
    if (!m) continue
    let value = m[2]
    const quoted = /^(['"])(.*)\1$/.exec(value)
    if (quoted) value = quoted[1] === '"' ? quoted[2].replace(/\\n/g, '\n') : quoted[2]
    else value = value.replace(/\s+#.*$/, '')
    out.push({ name: m[1], value })
  }
  return out
}

export class InterpolationError extends Error {}

/**
 * A compose value with its variables replaced: ${VAR}, ${VAR:-default}, ${VAR-default},
 * ${VAR:?message}, ${VAR?message}, ${VAR:+other}, ${VAR+other} (defaults may hold variables
 * themselves), $VAR, and $$ for a dollar sign. An unset variable without a default is empty and
 * noted in `unset`.
 */
export function interpolate(
  text: string,
  vars: ReadonlyMap<string, string>,
  unset: Set<string> = new Set()
): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    const c = text[i]
    if (c !== '$') {
      out += c
      i++
      continue
    }
    const next = text[i + 1]
    if (next === '$') {
      out += '$'
      i += 2
      continue
    }
    if (next === '{') {
      let depth = 1
      let j = i + 2
      for (; j < text.length && depth > 0; j++) {
        if (text[j] === '{') depth++
        else if (text[j] === '}') depth--
      }
      if (depth > 0) throw new InterpolationError(`'${text.slice(i)}' has no closing '}'`)
      const body = text.slice(i + 2, j - 1)
      out += expand(body, vars, unset)
      i = j
      continue
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))?.[0]
    if (name === undefined) {
      out += '$'
      i++
      continue
    }
    out += lookup(name, vars, unset)
    i += 1 + name.length
  }
  return out
}

function lookup(name: string, vars: ReadonlyMap<string, string>, unset: Set<string>): string {
  const v = vars.get(name)
  if (v === undefined) unset.add(name)
  return v ?? ''
}

function expand(body: string, vars: ReadonlyMap<string, string>, unset: Set<string>): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body)
  if (!m) throw new InterpolationError(`'\${${body}}' is not a variable reference`)
  const [, name, op, rest = ''] = m
  const value = vars.get(name)
  if (op === undefined) return lookup(name, vars, unset)
  const missing = op.startsWith(':') ? value === undefined || value === '' : value === undefined
  switch (op.slice(-1)) {
    case '-':
      return missing ? interpolate(rest, vars, unset) : value!
    case '+':
      return missing ? '' : interpolate(rest, vars, unset)
    default:
      if (missing)
        throw new InterpolationError(
          `${name} is required: ${interpolate(rest, vars, unset) || `${name} is not set`}`
        )
      return value!
  }
}

/** A `ports:` entry as container port -> host port (0: a port Docker picks); tcp only. */
export function parsePorts(entry: unknown): { container: number; host: number }[] {
  if (typeof entry === 'number') return [{ container: entry, host: 0 }]
  if (entry !== null && typeof entry === 'object') {
    const o = entry as Record<string, unknown>
    if ((o.protocol ?? 'tcp') !== 'tcp') return []
    const target = Number(o.target)
    if (!Number.isInteger(target)) throw new InterpolationError('a long-syntax port needs target')
    if (o.published === undefined || o.published === '') return [{ container: target, host: 0 }]
    const published = String(o.published as string | number)
    const range = /^(\d+)(?:-(\d+))?$/.exec(published)
    if (!range) throw new InterpolationError(`published '${published}' is not a port`)
    return [{ container: target, host: Number(range[1]) }]
  }
  const text = String(entry as string)
  const m =
    /^(?:(?:\[[^\]]*\]|[^:[\]]*):)??(?:(\d+)(?:-(\d+))?:)?(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/.exec(
      text
    )
  if (!m) throw new InterpolationError(`'${text}' is not [HOST_IP:][HOST_PORT:]CONTAINER_PORT`)
  if (m[5] !== undefined && m[5] !== 'tcp') return []
  const c0 = Number(m[3])
  const c1 = m[4] === undefined ? c0 : Number(m[4])
  const h0 = m[1] === undefined ? 0 : Number(m[1])
  const out: { container: number; host: number }[] = []
  for (let p = c0; p <= c1; p++) out.push({ container: p, host: h0 === 0 ? 0 : h0 + (p - c0) })
  return out
}

interface ListenerItem {
  name: string
  host: string
  port: number
}

function listenerItems(value: string): ListenerItem[] | undefined {
  const items: ListenerItem[] = []
  for (const item of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z][A-Za-z0-9_]*):\/\/(\[[^\]]*\]|[^:/]*):(\d+)$/.exec(item)
    if (!m) return undefined // server-properties.ts names the mistake
    items.push({ name: m[1].toUpperCase(), host: m[2], port: Number(m[3]) })
  }
  return items
}

/** The Kafka service of a compose file as server.properties settings, the command line winning. */
export function readComposeFile(
  file: string,
  serviceName: string | undefined,
  commandLine: FlagValues,
  environment: NodeJS.ProcessEnv = process.env
): ComposeProperties {
  const text = readText(file, '--compose')
  let yaml: ReturnType<typeof parseYamlWithLines>
  try {
    yaml = parseYamlWithLines(text)
  } catch (err) {
    throw new UsageError(`${file}: not YAML: ${(err as Error).message.split('\n')[0]}`)
  }
  const services = (yaml.value as { services?: unknown } | null)?.services
  if (services === null || typeof services !== 'object' || Array.isArray(services))
    throw new UsageError(`${file}: no services: (a compose file lists its containers there)`)
  const byName = services as Record<string, Record<string, unknown> | null>

  // Variables for interpolation: the environment, then the .env file beside the compose file.
  const vars = new Map<string, string>()
  const dir = dirname(file)
  let dotEnv: string | undefined
  try {
    dotEnv = readFileSync(join(dir, '.env'), 'utf8')
  } catch {
    dotEnv = undefined
  }
  for (const { name, value } of readEnvFile(dotEnv ?? '')) vars.set(name, value)
  for (const [k, v] of Object.entries(environment)) if (v !== undefined) vars.set(k, v)
  const unset = new Set<string>()
  const interp = (value: string, where: string) => {
    try {
      return interpolate(value, vars, unset)
    } catch (err) {
      if (err instanceof InterpolationError) throw new UsageError(`${where}: ${err.message}`)
      throw err
    }
  }
  const imageOf = (name: string) => {
    const image = byName[name]?.image
    return typeof image === 'string' ? interp(image, `${file} service ${name}, image`) : undefined
  }

  // The service.
  const all = Object.keys(byName)
  const described = () =>
    all.map((n) => `${n}${imageOf(n) ? ` (${imageOf(n)})` : ''}`).join(', ') || 'none'
  const images = Object.values(KAFKA_IMAGES).flat().join(', ')
  let name: string
  if (serviceName !== undefined) {
    if (!Object.hasOwn(byName, serviceName))
      throw new UsageError(
        `${file}: no service ${serviceName} (--compose-service); the services are ${described()}`
      )
    name = serviceName
  } else {
    const kafkas = all.filter((n) => imageFlavour(imageOf(n) ?? '') !== undefined)
    if (kafkas.length !== 1)
      throw new UsageError(
        kafkas.length === 0
          ? `${file}: no service runs ${images} (the services are ${described()}); name one with --compose-service`
          : `${file}: ${kafkas.length} services run Kafka images (${kafkas.map((n) => `${n} (${imageOf(n)})`).join(', ')}); name one with --compose-service`
      )
    name = kafkas[0]
  }
  const service = byName[name] ?? {}
  const image = imageOf(name)
  const flavour: ImageFlavour | undefined = image ? imageFlavour(image) : undefined
  if (!flavour)
    throw new UsageError(
      `${file} service ${name}: its image ${image ?? '(none)'} is not one of ${images}, whose environment Logdeck reads`
    )
  const here = (line: number | undefined) =>
    `${file}${line ? ` line ${line}` : ''}, service ${name}`

  // Its environment: env_file first, then environment, which wins.
  const env: { name: string; value: string; line?: number }[] = []
  const envFiles = service.env_file
  for (const [i, f] of (Array.isArray(envFiles)
    ? envFiles
    : envFiles
      ? [envFiles]
      : []
  ).entries()) {
    const path = typeof f === 'object' && f !== null ? (f as { path?: unknown }).path : f
    const line = yaml.line(['services', name, 'env_file', ...(Array.isArray(envFiles) ? [i] : [])])
    const resolved = interp(String(path), `${here(line)}, env_file`)
    const absolute = isAbsolute(resolved) ? resolved : join(dir, resolved)
    for (const e of readEnvFile(readText(absolute, `${here(line)}: env_file`)))
      env.push({ ...e, value: interp(e.value, `${here(line)}, env_file ${resolved}, ${e.name}`) })
  }
  const environment_ = service.environment
  const setting = (n: string, value: unknown, line: number | undefined) => {
    // A name without a value takes the variable's value from the environment, or is left out.
    const v = value === null || value === undefined ? vars.get(n) : String(value as string)
    for (let k = env.length - 1; k >= 0; k--) if (env[k].name === n) env.splice(k, 1)
    if (v !== undefined) env.push({ name: n, value: interp(v, `${here(line)}, ${n}`), line })
  }
  if (Array.isArray(environment_))
    environment_.forEach((item, i) => {
      const s = String(item as string)
      const eq = s.indexOf('=')
      const line = yaml.line(['services', name, 'environment', i])
      setting(eq < 0 ? s : s.slice(0, eq), eq < 0 ? null : s.slice(eq + 1), line)
    })
  else if (environment_ !== null && typeof environment_ === 'object')
    for (const [k, v] of Object.entries(environment_ as Record<string, unknown>))
      setting(k, v, yaml.line(['services', name, 'environment', k]))
  else if (environment_ !== undefined)
    throw new UsageError(
      `${here(yaml.line(['services', name, 'environment']))}: environment is neither a map nor a list`
    )

  const converted = convertEnvironment(flavour, env)
  const lineOf = (variable: string) => env.findLast((e) => e.name === variable)?.line
  if (converted.unknown.length > 0)
    throw new UsageError(
      `${here(lineOf(converted.unknown[0]))}, ${converted.unknown[0]}: not a variable of ${image} (its server.properties keys are KAFKA_CFG_ variables)`
    )
  const variableOf = new Map<string, string>()
  const entries: PropertyEntry[] = []
  const notes: string[] = []
  const ignoredConfluent: string[] = []
  for (const k of converted.keys) {
    if (flavour === 'confluent' && k.key.startsWith('confluent.')) {
      ignoredConfluent.push(k.name)
      continue
    }
    entries.push({ key: k.key, value: k.value, line: lineOf(k.name) ?? 0 })
    variableOf.set(k.key, k.name)
  }
  const keyed = (key: string) => entries.find((e) => e.key === key)
  if (flavour === 'apache' && entries.length === 0 && ignoredConfluent.length === 0) {
    for (const [key, value] of Object.entries(APACHE_DEFAULTS))
      entries.push({ key, value, line: 0 })
    notes.push("no KAFKA_ variable: the image's default configuration (PLAINTEXT_HOST on 9092)")
  }
  const roles = keyed('process.roles')
    ?.value.split(',')
    .map((s) => s.trim())
  const controllerOnly = roles !== undefined && roles.length === 1 && roles[0] === 'controller'
  if (flavour === 'confluent' && !controllerOnly && !keyed('advertised.listeners'))
    throw new UsageError(
      `${here(undefined)}: KAFKA_ADVERTISED_LISTENERS is not set; ${image} does not start without it`
    )
  const advertised = keyed('advertised.listeners')
  if (flavour !== 'bitnami' && !keyed('listeners') && advertised && !controllerOnly) {
    // As the images do: listeners are the advertised ones on every interface.
    entries.push({
      key: 'listeners',
      value: advertised.value.replace(/:\/\/[^:]*:/g, '://0.0.0.0:'),
      line: advertised.line
    })
    variableOf.set('listeners', `${variableOf.get('advertised.listeners')}, as listeners`)
    notes.push('listeners from KAFKA_ADVERTISED_LISTENERS on 0.0.0.0, as the image derives them')
  }

  // Ports: where each client listener is served.
  const portsEntry = service.ports
  const published = new Map<number, number>()
  const hostNetwork = service.network_mode === 'host'
  if (Array.isArray(portsEntry) && !hostNetwork)
    portsEntry.forEach((p, i) => {
      const where = `${here(yaml.line(['services', name, 'ports', i]))}, ports`
      try {
        const value = typeof p === 'string' ? interp(p, where) : p
        for (const { container, host } of parsePorts(value)) published.set(container, host)
      } catch (err) {
        if (err instanceof InterpolationError) throw new UsageError(`${where}: ${err.message}`)
        throw err
      }
    })
  const listeners = keyed('listeners')
  const items = listeners ? listenerItems(listeners.value) : undefined
  if (listeners && items && published.size > 0) {
    const controllers = new Set(
      (keyed('controller.listener.names')?.value ?? '')
        .split(',')
        .map((s) => s.trim().toUpperCase())
    )
    const moved: string[] = []
    for (const l of items) {
      if (controllers.has(l.name)) continue
      const host = published.get(l.port)
      if (host === undefined) {
        moved.push(`${l.name} (${l.port}) not published: on a free port`)
        l.port = 0
      } else if (host === 0) {
        moved.push(`${l.name} (${l.port}) published on a port Docker picks: on a free port`)
        l.port = 0
      } else if (host !== l.port) {
        moved.push(`${l.name} ${l.port} in the container published as ${host}: served on ${host}`)
        l.port = host
      }
    }
    // Those clients on the host reach first: the first listener is the one Logdeck names first.
    const reached = (l: ListenerItem) => (l.port === 0 || controllers.has(l.name) ? 1 : 0)
    listeners.value = items
      .sort((a, b) => reached(a) - reached(b))
      .map((l) => `${l.name}://${l.host}:${l.port}`)
      .join(',')
    if (moved.length > 0) notes.push(`ports: ${moved.join('; ')}`)
  }

  const props = serverPropertiesOf(file, entries, commandLine, (e) => {
    const variable = variableOf.get(e.key)
    return `${here(e.line || undefined)}, ${variable ? `${variable} (${e.key})` : `the image's default ${e.key}`}`
  })
  if (
    flavour === 'bitnami' &&
    /SASL_/i.test(
      `${keyed('listener.security.protocol.map')?.value ?? ''},${listeners?.value ?? ''}`
    )
  ) {
    const users = bitnamiUsers(env)
    if ('problem' in users)
      throw new UsageError(`${here(lineOf('KAFKA_CLIENT_USERS'))}: ${users.problem}`)
    if (commandLine.user === undefined) props.values.user = users.users
    notes.push(
      `SASL users from KAFKA_CLIENT_USERS: ${users.users.map((u) => u.slice(0, u.indexOf(':'))).join(', ')}`
    )
  }
  const ignoredEnv = new Map<string, string[]>()
  for (const { name: n, why } of converted.ignored)
    ignoredEnv.set(why, [...(ignoredEnv.get(why) ?? []), n])
  if (ignoredConfluent.length > 0)
    ignoredEnv.set("Confluent Server settings (confluent.*), not Apache Kafka's", ignoredConfluent)
  const lines = [
    `image ${image}: ${flavour === 'bitnami' ? 'KAFKA_CFG_ variables' : 'KAFKA_ variables'} as server.properties keys`,
    ...notes
  ]
  if (ignoredEnv.size > 0)
    lines.push(
      `environment ignored: ${[...ignoredEnv].map(([why, names]) => `${names.join(', ')} (${why})`).join('; ')}`
    )
  if (unset.size > 0) lines.push(`not set, taken as empty: ${[...unset].join(', ')}`)
  return {
    ...props,
    summary: [...lines, ...props.summary],
    heading: `Compose file ${file}, service ${name}:`
  }
}
