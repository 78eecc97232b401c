// One Kafka service of a compose project as server.properties settings: its environment (its
// env_files, then `environment:`, which wins; interpolated with the variables of the file each
// value is written in) turned into keys as its image does (compose-environment.ts), the image's
// defaults and derived listeners added as the images add them, and its `ports:` deciding where
// each listener is served: a container port published on another host port is served on the host
// port (what clients on the host connect to), a listener not published on a free port (only the
// compose network reached it); without `ports:` (or with network_mode: host) the listeners keep
// their ports. A mistake is a UsageError naming the file, the line, the service and the variable.
import { isAbsolute, join } from 'node:path'
import { existsSync, readFileSync } from 'node:fs'
import { UsageError } from './cli-errors'
import { bitnamiJaasPaths, bitnamiLogins } from './bitnami-sasl'
import {
  convertEnvironment,
  imageFlavour,
  KAFKA_IMAGES,
  type ConvertedEnvironment,
  type ImageFlavour
} from './compose-environment'
import { interpolate, InterpolationError, readEnvFile } from './compose-interpolation'
import type { ComposeProject, ComposeService, Sourced } from './compose-merge'
import { parsePorts } from './compose-ports'
import { hostPathOf } from './compose-volumes'
import { jaasFileOfJvmOptions } from './jaas-login-file'
import { JVM_OPTION_VARIABLES, systemPropertiesOf } from './jvm-system-properties'
import type { PropertyEntry } from './java-properties'
import { serverPropertiesOf, type ServerProperties } from './server-properties'

type FlagValues = Record<string, string | string[] | boolean | undefined>

export interface ComposeProperties extends ServerProperties {
  /** The title of the start summary's lines. */
  heading: string
  /** Each broker's own port by listener name (several services as one cluster). */
  brokerPorts?: Record<string, number[]>
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

/** A service's environment read, before it is served. */
export interface ServiceSettings {
  name: string
  image: string
  flavour: ImageFlavour
  env: { name: string; value: string; line?: number; file: string }[]
  converted: ConvertedEnvironment
  /** Its keys, the images' defaults and derived listeners added. */
  entries: PropertyEntry[]
  /** The variable each key came from. */
  variableOf: Map<string, string>
  notes: string[]
  ignoredConfluent: string[]
  /** process.roles, when given. */
  roles?: string[]
  /** node.id (or broker.id) and the variable that gave it. */
  nodeId?: { id: number; variable: string }
  /** `file line N, service NAME` for a message. */
  here(line?: number, file?: string): string
  service: ComposeService
  project: ComposeProject
}

/** Where a value is, for a message. */
export function whereOf(s: Sourced<unknown>, name: string): string {
  return `${s.file}${s.line ? ` line ${s.line}` : ''}, service ${name}`
}

function interp(project: ComposeProject, s: Sourced<unknown>, text: string, where: string) {
  try {
    return interpolate(text, s.vars, project.unset)
  } catch (err) {
    if (err instanceof InterpolationError) throw new UsageError(`${where}: ${err.message}`)
    throw err
  }
}

/** The image of a service, interpolated (undefined: none). */
export function imageOf(project: ComposeProject, s: ComposeService): string | undefined {
  return s.image
    ? interp(project, s.image, s.image.value, `${whereOf(s.image, s.name)}, image`)
    : undefined
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new UsageError(
      `${what} ${file} ${code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : 'is not readable'}`
    )
  }
}

/** A Kafka service's environment as its image reads it. */
export function readService(project: ComposeProject, service: ComposeService): ServiceSettings {
  const name = service.name
  const image = imageOf(project, service)
  const flavour = image ? imageFlavour(image) : undefined
  if (!flavour || !image)
    throw new UsageError(
      `${service.file} service ${name}: its image ${image ?? '(none)'} is not one of ${Object.values(KAFKA_IMAGES).flat().join(', ')}, whose environment Logdeck reads`
    )
  const here = (line?: number, file = service.file) =>
    `${file}${line ? ` line ${line}` : ''}, service ${name}`

  // Its environment: env_files first, then environment, which wins.
  const env: ServiceSettings['env'] = []
  for (const f of service.envFiles) {
    const where = whereOf(f, name)
    const resolved = interp(project, f, f.value.path, `${where}, env_file`)
    const absolute = isAbsolute(resolved) ? resolved : join(f.dir, resolved)
    let text: string
    try {
      text = readFileSync(absolute, 'utf8')
    } catch (err) {
      if (!f.value.required && (err as NodeJS.ErrnoException).code === 'ENOENT') continue
      text = readText(absolute, `${where}: env_file`)
    }
    for (const e of readEnvFile(text))
      env.push({
        ...e,
        value: interp(project, f, e.value, `${where}, env_file ${resolved}, ${e.name}`),
        ...(f.line !== undefined ? { line: f.line } : {}),
        file: f.file
      })
  }
  for (const [n, s] of service.environment) {
    // A name without a value takes the variable's value from the environment, or is left out.
    const v = s.value === null ? s.vars.get(n) : s.value
    for (let k = env.length - 1; k >= 0; k--) if (env[k].name === n) env.splice(k, 1)
    if (v !== undefined)
      env.push({
        name: n,
        value: interp(project, s, v, `${whereOf(s, name)}, ${n}`),
        ...(s.line !== undefined ? { line: s.line } : {}),
        file: s.file
      })
  }

  const converted = convertEnvironment(flavour, env)
  const lineOf = (variable: string) => env.findLast((e) => e.name === variable)
  if (converted.unknown.length > 0) {
    const e = lineOf(converted.unknown[0])
    throw new UsageError(
      `${here(e?.line, e?.file)}, ${converted.unknown[0]}: not a variable of ${image} (its server.properties keys are KAFKA_CFG_ variables)`
    )
  }
  const variableOf = new Map<string, string>()
  const entries: PropertyEntry[] = []
  const notes: string[] = []
  const ignoredConfluent: string[] = []
  for (const k of converted.keys) {
    if (flavour === 'confluent' && k.key.startsWith('confluent.')) {
      ignoredConfluent.push(k.name)
      continue
    }
    entries.push({ key: k.key, value: k.value, line: lineOf(k.name)?.line ?? 0 })
    variableOf.set(k.key, k.name)
  }
  const keyed = (key: string) => entries.findLast((e) => e.key === key)
  if (flavour === 'apache' && entries.length === 0 && ignoredConfluent.length === 0) {
    for (const [key, value] of Object.entries(APACHE_DEFAULTS))
      entries.push({ key, value, line: 0 })
    notes.push("no KAFKA_ variable: the image's default configuration (PLAINTEXT_HOST on 9092)")
  }
  const roles = keyed('process.roles')
    ?.value.split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
  const idEntry = keyed('node.id') ?? keyed('broker.id')
  let nodeId: ServiceSettings['nodeId']
  if (idEntry) {
    const variable = variableOf.get(idEntry.key) ?? idEntry.key
    if (!/^\d+$/.test(idEntry.value.trim()))
      throw new UsageError(
        `${here(idEntry.line || undefined)}, ${variable} (${idEntry.key}): '${idEntry.value}' is not a whole number`
      )
    nodeId = { id: Number(idEntry.value.trim()), variable }
  }
  return {
    name,
    image,
    flavour,
    env,
    converted,
    entries,
    variableOf,
    notes,
    ignoredConfluent,
    ...(roles ? { roles } : {}),
    ...(nodeId ? { nodeId } : {}),
    here,
    service,
    project
  }
}

/** A controller only (process.roles=controller): no broker, no client listener. */
export function isControllerOnly(s: Pick<ServiceSettings, 'roles'>): boolean {
  return s.roles !== undefined && s.roles.length > 0 && !s.roles.includes('broker')
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

/** A flag's values as a list. */
const values = (v: string | string[] | boolean | undefined): string[] =>
  v === undefined || typeof v === 'boolean' ? [] : Array.isArray(v) ? v : [v]

/** A Kafka service read as server.properties settings, the command line winning. */
export function serviceProperties(s: ServiceSettings, commandLine: FlagValues): ComposeProperties {
  const { name, image, flavour, entries, variableOf, notes, env, here, service, project } = s
  const file = project.file
  const keyed = (key: string) => entries.findLast((e) => e.key === key)
  const lineOf = (variable: string) => env.findLast((e) => e.name === variable)?.line
  const controllerOnly = isControllerOnly(s)
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
  const published = new Map<number, number>()
  if (service.networkMode !== 'host')
    for (const p of service.ports) {
      const where = `${whereOf(p, name)}, ports`
      try {
        const value =
          typeof p.value === 'string' ? interpolate(p.value, p.vars, project.unset) : p.value
        for (const { container, host } of parsePorts(value)) published.set(container, host)
      } catch (err) {
        if (err instanceof InterpolationError) throw new UsageError(`${where}: ${err.message}`)
        throw err
      }
    }
  const listeners = keyed('listeners')
  const items = listeners ? listenerItems(listeners.value) : undefined
  if (listeners && items && published.size > 0) {
    const controllers = new Set(
      (keyed('controller.listener.names')?.value ?? '')
        .split(',')
        .map((x) => x.trim().toUpperCase())
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
    const from = variable ? env.findLast((x) => x.name === variable.split(',')[0]) : undefined
    return `${here(e.line || undefined, from?.file)}, ${variable ? `${variable} (${e.key})` : `the image's default ${e.key}`}`
  })
  // bitnami/kafka's SASL logins, as its start script writes them.
  let bitnamiJaas: { container: string; host: string; mount: string } | undefined
  if (
    flavour === 'bitnami' &&
    /SASL_/i.test(
      `${keyed('listener.security.protocol.map')?.value ?? ''},${listeners?.value ?? ''}`
    )
  ) {
    // A kafka_jaas.conf in its configuration folder: no listener JAAS config written.
    for (const container of bitnamiJaasPaths(env)) {
      try {
        const host = hostPathOf(project, service, container, 'kafka_jaas.conf')
        if (existsSync(host.path)) {
          bitnamiJaas = { container, host: host.path, mount: host.mount }
          break
        }
      } catch (err) {
        if (!(err instanceof UsageError)) throw err
      }
    }
    const first =
      typeof props.values.security === 'string'
        ? [
            `${props.listenerName ?? props.values.security.toUpperCase()}=${props.values.security}:0`
          ]
        : []
    const saslListeners = [...first, ...values(props.values.listener)]
      .map((l) => /^([^=]+)=([a-z_]+):/i.exec(l))
      .filter((m) => m !== null && /^sasl_/i.test(m[2]))
      .map((m) => m![1].toUpperCase())
    const logins = bitnamiLogins(env, bitnamiJaas ? [] : saslListeners)
    if ('problem' in logins)
      throw new UsageError(`${here(lineOf('KAFKA_CLIENT_USERS'))}: ${logins.problem}`)
    if (commandLine.user === undefined) props.values.user = logins.users
    notes.push(
      `SASL users from KAFKA_CLIENT_USERS: ${logins.users.map((u) => u.slice(0, u.indexOf(':'))).join(', ')}`
    )
    // The image's listener JAAS configs, under the KAFKA_CFG_ ones and the command line's.
    const given = [
      ...values(props.values['listener-config']),
      ...values(commandLine['listener-config'])
    ]
      .map((v) => /^(?:listener\.name\.)?([A-Za-z][A-Za-z0-9_]*)\.([^=]+)=/.exec(v))
      .flatMap((m) => (m ? [`${m[1].toUpperCase()}.${m[2].toLowerCase()}`] : []))
    const written: string[] = []
    for (const c of logins.plainConfigs) {
      if (given.includes(`${c.listener}.plain.sasl.jaas.config`)) continue
      props.values['listener-config'] = [
        ...values(props.values['listener-config']),
        `${c.listener}.plain.sasl.jaas.config=${c.value}`
      ]
      written.push(`${c.listener} (${c.users.join(', ')})`)
    }
    if (written.length > 0)
      notes.push(
        `PLAIN users as the image writes each SASL listener's listener.name.<listener>.plain.sasl.jaas.config from KAFKA_CLIENT_USERS (and KAFKA_INTER_BROKER_USER on the inter-broker listener): ${written.join(', ')}`
      )
  }
  // The Java system properties of the service's JVM options, for a JAAS file's ${name}.
  const systemProperties = {
    systemProperties: systemPropertiesOf(
      env.map((e) => ({ name: e.name, value: e.value, where: here(e.line, e.file) }))
    ),
    propertySources: `Logdeck reads them from ${JVM_OPTION_VARIABLES.join(', ')} of service ${name}`
  }
  props.systemProperties = systemProperties
  // The JAAS file KAFKA_OPTS names, a container path: the host file a bind mount puts there.
  const jvmOptions = env.findLast((e) => e.name === 'KAFKA_OPTS')
  const jaasPath = jvmOptions ? jaasFileOfJvmOptions(jvmOptions.value) : undefined
  if (jvmOptions && jaasPath !== undefined) {
    const what = 'KAFKA_OPTS -Djava.security.auth.login.config'
    if (flavour === 'bitnami')
      notes.push(
        bitnamiJaas
          ? `${what} not read: bitnami/kafka names its kafka_jaas.conf after it, which wins`
          : `${what} not read: bitnami/kafka writes each SASL listener's own JAAS config, which Kafka takes over the file`
      )
    else if (commandLine['jaas-config'] !== undefined)
      notes.push(`the command line wins: --jaas-config over ${what}`)
    else {
      const where = here(jvmOptions.line, jvmOptions.file)
      let host: ReturnType<typeof hostPathOf> | undefined
      let unavailable: string | undefined
      try {
        host = hostPathOf(project, service, jaasPath, what)
      } catch (err) {
        // Kafka reads the file only when a listener needs it: said then.
        if (!(err instanceof UsageError)) throw err
        unavailable = err.message
      }
      props.jaasConfig = {
        path: host?.path ?? jaasPath,
        ...(unavailable !== undefined ? { unavailable } : {}),
        shown: `the JAAS file ${host?.path ?? jaasPath}`,
        context: `${what}=${jaasPath} of ${where}${host ? `, mounted by volume ${host.mount}` : ''}`,
        ...systemProperties
      }
      notes.push(
        host
          ? `JAAS file: ${jaasPath} in the container, ${host.path} on the host (volume ${host.mount})`
          : `JAAS file: ${jaasPath} in the container, mounted from no host file`
      )
    }
  }
  if (bitnamiJaas) {
    const what = `bitnami/kafka's ${bitnamiJaas.container}`
    if (commandLine['jaas-config'] !== undefined)
      notes.push(`the command line wins: --jaas-config over ${what}`)
    else {
      props.jaasConfig = {
        path: bitnamiJaas.host,
        shown: `the JAAS file ${bitnamiJaas.host}`,
        context: `${what} (-Djava.security.auth.login.config, as the image starts Kafka with it) of ${here(undefined)}, mounted by volume ${bitnamiJaas.mount}`,
        ...systemProperties
      }
      notes.push(
        `JAAS file: ${bitnamiJaas.container} in the container, ${bitnamiJaas.host} on the host (volume ${bitnamiJaas.mount}); the image writes no listener JAAS config then`
      )
    }
  }
  const ignoredEnv = new Map<string, string[]>()
  for (const { name: n, why } of s.converted.ignored)
    ignoredEnv.set(why, [...(ignoredEnv.get(why) ?? []), n])
  if (s.ignoredConfluent.length > 0)
    ignoredEnv.set(
      "Confluent Server settings (confluent.*), not Apache Kafka's",
      s.ignoredConfluent
    )
  const lines = [
    `image ${image}: ${flavour === 'bitnami' ? 'KAFKA_CFG_ variables' : 'KAFKA_ variables'} as server.properties keys`,
    ...notes
  ]
  if (ignoredEnv.size > 0)
    lines.push(
      `environment ignored: ${[...ignoredEnv].map(([why, names]) => `${names.join(', ')} (${why})`).join('; ')}`
    )
  if (project.unset.size > 0)
    lines.push(`not set, taken as empty: ${[...project.unset].join(', ')}`)
  return {
    ...props,
    summary: [...lines, ...props.summary],
    heading: `Compose file ${file}, service ${name}:`
  }
}
