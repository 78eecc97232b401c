// Parses `logdeck serve` flags into options, with one clear line naming the flag for every
// mistake.
import { parseArgs } from 'node:util'
import { defaultDataDir } from './app-data'
import { SERVE_FLAGS, type FlagSpec } from './cli-flags'
import { LIMIT_SETTINGS, type KafkaLimits } from '../engine/kafka/limits'
import { MAX_BROKER_ID } from '../engine/engine-options'
import { MAX_BROKERS } from '../shared/kafka/cluster-size'
import { checkMetricsPorts } from './metrics-port-flags'
import { UsageError } from './cli-errors'
import {
  addListenerConfigs,
  brokerConfigDefs,
  checkBrokerConfig
} from '../shared/kafka/broker-configs'
import { parseAdvertisedListenerFlags, parseListenerFlags } from './listener-flags'
import type { AdvertisedListener, ExtraListener } from '../engine/embedded-cluster'
import type { SecurityProtocol } from '../engine/kafka/security/listener-security'
import { readListenerSecurity, type ServeSecurity } from './serve-security'
import { parseFaultFlags, readFaultsFile } from './fault-specs'
import { parseBrokerRackFlags } from './broker-rack-flags'
import { parseClientMetricsExportFlags } from './client-metrics-export-flags'
import {
  listenerConfigOrigin,
  namingTheFile,
  readServerProperties,
  type ServerProperties
} from './server-properties'
import { readComposeFile, type ComposeProperties } from './compose-file'
import { JAAS_KEYS } from './jaas-flags'
import type { JaasFileSource } from './jaas-login-file'
import type { ClientMetricsExportOptions } from '../engine/telemetry/client-metrics-export'
import type { FaultSpec } from '../engine/faults/registry'
import {
  schemaRegistrySettings,
  SchemaRegistryFlagError,
  readSchemaRegistryTls,
  type SchemaRegistrySettings
} from '../engine/registry/server/registry-settings'

export interface ServeOptions {
  dataDir: string
  host: string
  advertisedHost: string
  port: number
  brokers: number
  /** The brokers' ids, ascending (--broker-ids, a compose file's node ids, else 0 to N-1). */
  brokerIds: number[]
  uiPort: number | null
  token: string | null
  demo: boolean
  stoppedBrokers: number[]
  /** A YAML or JSON file of external cluster connections. */
  connectionsFile: string | null
  /** fsync every commit: acknowledged records also survive power loss, at some speed. */
  fsync: boolean
  /** Simulated time followers take to copy an append (ms). */
  replicationDelayMs: number
  /** replica.lag.time.max.ms */
  replicaLagTimeMaxMs: number
  /** Disk reserve for deletes, and the free space under which storage is low. */
  storage: { reserveBytes: number; lowFreeBytes: number }
  /** The schema registry's port (null: not served) and the basic auth it asks for. */
  /** The schema registry's HTTP server (port null: not served). */
  schemaRegistry: SchemaRegistrySettings
  /** Limits given on the command line (Kafka's setting names as flags); others keep defaults. */
  limits: Partial<KafkaLimits>
  /** Broker configs given with --broker-config KEY=VALUE, checked, in canonical form. */
  brokerConfigs: Record<string, string>
  /** Each broker's broker.rack (--broker-rack), in broker id order; undefined when not given. */
  brokerRacks: (string | null)[] | undefined
  /** What the Kafka listeners ask of clients (TLS material read from the files given). */
  security: ServeSecurity
  /** Each broker's own port on the first listener, in broker id order (a compose file's services). */
  brokerPorts?: number[]
  /** Listeners beside the first (--listener NAME=PROTOCOL:PORT). */
  listeners: ExtraListener[]
  /** Listeners advertised elsewhere (--advertised-listener NAME=HOST:PORT). */
  advertisedListeners: AdvertisedListener[]
  /** Faults injected before the listeners open (--fault, then --faults FILE). */
  faults: FaultSpec[]
  /** The Prometheus metrics port (--metrics-port; 0: a free one), null when not served. */
  metricsPort: number | null
  /**
   * Each broker's own metrics (--broker-metrics-port): the first broker's port, the i-th's (in id
   * order) PORT+i (0: free ports); null when not served.
   */
  brokerMetricsPort: number | null
  /** Where pushed client metrics are sent on (--client-metrics-export), null when nowhere. */
  clientMetricsExport: ClientMetricsExportOptions | null
  /** ACL enforcement (--authorizer), null when off. */
  authorizer: { superUsers: string[]; allowEveryoneIfNoAclFound: boolean } | null
  /**
   * The server.properties read (--server-properties, or a compose service's environment with
   * --compose) and what was taken from it, under `heading` when it is not a server.properties.
   */
  serverProperties?: { file: string; summary: string[]; heading?: string }
}

type Values = Record<string, string | string[] | boolean | undefined>

/** Reads flags as the table defines them; unknown flags, missing and stray values throw. */
export function readFlags(argv: string[], flags: readonly FlagSpec[]): Values {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {}
  for (const f of flags) {
    options[f.name] = { type: f.value ? 'string' : 'boolean' }
    if (f.short) options[f.name].short = f.short
  }
  const { tokens } = parseArgs({
    args: argv,
    options,
    strict: false,
    allowPositionals: true,
    tokens: true
  })
  const values: Values = {}
  for (const t of tokens) {
    if (t.kind === 'positional') throw new UsageError(`unexpected argument '${t.value}'`)
    if (t.kind === 'option-terminator') continue
    const spec = flags.find((f) => f.name === t.name)
    if (!spec) throw new UsageError(`unknown flag ${t.rawName}${suggestion(t.rawName, flags)}`)
    const flag = `--${spec.name}`
    if (spec.value) {
      if (t.value === undefined || (!t.inlineValue && t.value.startsWith('-')))
        throw new UsageError(`${flag} needs a value (${flag} ${spec.value})`)
      const prev = values[spec.name]
      values[spec.name] = spec.repeatable
        ? [...(Array.isArray(prev) ? prev : []), t.value]
        : t.value
    } else {
      if (t.inlineValue) throw new UsageError(`${flag} takes no value, got '${t.value ?? ''}'`)
      values[spec.name] = true
    }
  }
  return values
}

function suggestion(raw: string, flags: readonly FlagSpec[]): string {
  const name = raw.replace(/^-+/, '')
  let best: { name: string; d: number } | null = null
  for (const f of flags) {
    const d = editDistance(name, f.name)
    if (!best || d < best.d) best = { name: f.name, d }
  }
  return best && best.d <= Math.max(2, Math.floor(name.length / 3))
    ? `; did you mean --${best.name}?`
    : ''
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[b.length]
}

function str(values: Values, name: string): string | undefined {
  const v = values[name]
  return typeof v === 'string' ? v : undefined
}

/** A repeatable flag's values, in order. */
function list(values: Values, name: string): string[] {
  const v = values[name]
  return Array.isArray(v) ? v : []
}

function intFlag(values: Values, name: string): number {
  const spec = SERVE_FLAGS.find((f) => f.name === name)
  if (!spec?.range) throw new Error(`--${name} is not a whole-number flag`)
  const [min, max] = spec.range
  const raw = str(values, name)
  if (raw === undefined) return Number(spec.default)
  const n = Number(raw)
  if (!/^\d+$/.test(raw) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got '${raw}'`)
  return n
}

function parseBrokerList(raw: string | undefined, brokerIds: readonly number[]): number[] {
  if (raw === undefined || raw.trim() === '') return []
  const ids = raw.split(',').map((s) => s.trim())
  const bad = ids.find((id) => !/^\d+$/.test(id) || !brokerIds.includes(Number(id)))
  if (bad !== undefined)
    throw new UsageError(
      `--stopped-brokers takes ids of the brokers (${brokerIds.join(', ')}), got '${bad}'`
    )
  return [...new Set(ids.map(Number))]
}

/** --broker-ids: whole numbers from 0 to 2^31-1, each once, ascending; as many as --brokers. */
function parseBrokerIds(values: Values): number[] {
  const raw = str(values, 'broker-ids')
  if (raw === undefined) return Array.from({ length: intFlag(values, 'brokers') }, (_, i) => i)
  const items = raw.split(',').map((s) => s.trim())
  const bad = items.find((id) => !/^\d+$/.test(id) || Number(id) > MAX_BROKER_ID)
  if (bad !== undefined)
    throw new UsageError(
      `--broker-ids takes broker ids (whole numbers from 0 to ${MAX_BROKER_ID}), comma-separated, got '${bad}'`
    )
  const ids = items.map(Number).sort((a, b) => a - b)
  const twice = ids.find((id, i) => i > 0 && ids[i - 1] === id)
  if (twice !== undefined)
    throw new UsageError(`--broker-ids ${raw}: broker id ${twice} is given twice`)
  if (ids.length > MAX_BROKERS)
    throw new UsageError(
      `--broker-ids ${raw}: ${ids.length} brokers; Logdeck serves at most ${MAX_BROKERS}`
    )
  if (values.brokers !== undefined && intFlag(values, 'brokers') !== ids.length)
    throw new UsageError(
      `--brokers ${String(values.brokers)} and --broker-ids ${raw} (${ids.length} broker${ids.length === 1 ? '' : 's'}) disagree; --broker-ids alone says how many`
    )
  return ids
}

/** True when the flags ask for help rather than a server. */
export function wantsHelp(argv: string[]): boolean {
  const end = argv.indexOf('--')
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h')
}

function registrySettings(values: Values, kafkaPort: number): SchemaRegistrySettings {
  try {
    const settings = schemaRegistrySettings({
      port:
        values['schema-registry-port'] !== undefined
          ? intFlag(values, 'schema-registry-port')
          : undefined,
      off: values['no-schema-registry'] === true,
      auth: str(values, 'schema-registry-auth'),
      tlsCert: str(values, 'schema-registry-tls-cert'),
      tlsKey: str(values, 'schema-registry-tls-key'),
      tlsCa: str(values, 'schema-registry-tls-ca'),
      ...(values['schema-registry-https-port'] !== undefined
        ? { httpsPort: intFlag(values, 'schema-registry-https-port') }
        : {}),
      kafkaPort
    })
    // Its files are checked before anything starts, as the listeners' --tls-cert is.
    if (settings.tls && settings.port !== null) readSchemaRegistryTls(settings.tls)
    return settings
  } catch (err) {
    if (err instanceof SchemaRegistryFlagError) throw new UsageError(err.message)
    throw err
  }
}

export function parseServeArgs(argv: string[]): ServeOptions {
  const commandLine = readFlags(argv, SERVE_FLAGS)
  const file = str(commandLine, 'server-properties')
  const composeFiles = list(commandLine, 'compose')
  const compose = composeFiles[0]
  const service = str(commandLine, 'compose-service')
  const profiles = list(commandLine, 'compose-profile')
  if (service !== undefined && compose === undefined)
    throw new UsageError('--compose-service needs --compose FILE')
  if (profiles.length > 0 && compose === undefined)
    throw new UsageError('--compose-profile needs --compose FILE')
  if (compose !== undefined) {
    if (file !== undefined)
      throw new UsageError('--compose and --server-properties cannot be used together')
    if (composeFiles.includes(''))
      throw new UsageError('--compose needs a file, got an empty value')
    if (service === '') throw new UsageError('--compose-service needs a name, got an empty value')
    if (profiles.includes(''))
      throw new UsageError('--compose-profile needs a name, got an empty value')
    return composeOptions(
      readComposeFile(composeFiles, service, commandLine, process.env, profiles),
      commandLine
    )
  }
  if (file === undefined) return parseValues(commandLine)
  if (file === '') throw new UsageError('--server-properties needs a file, got an empty value')
  return withServerProperties(readServerProperties(file, commandLine), commandLine)
}

/** The options of a server.properties under the flags given, which win over it. */
function withServerProperties(
  props: ServerProperties & { heading?: string },
  commandLine: Values,
  adjust: (fromFile: Values) => void = () => {}
): ServeOptions {
  const { file, heading } = props
  adjust(props.values)
  // The command line wins: over each flag, and key by key for the KEY=VALUE ones.
  const values: Values = { ...props.values, ...commandLine }
  for (const flag of ['listener-config', 'broker-config'])
    values[flag] = [...list(props.values, flag), ...list(commandLine, flag)]
  try {
    return {
      ...parseValues(
        values,
        props.listenerName,
        commandLine['jaas-config'] === undefined ? props.jaasConfig : undefined,
        props.systemProperties,
        (value) => listenerConfigOrigin(value, props.origins)
      ),
      serverProperties: { file, summary: props.summary, ...(heading ? { heading } : {}) }
    }
  } catch (err) {
    if (err instanceof UsageError) throw new UsageError(namingTheFile(err.message, props.origins))
    throw err
  }
}

/** The options of a compose file's Kafka under the flags given, each broker on its own ports. */
function composeOptions(props: ComposeProperties, commandLine: Values): ServeOptions {
  const options = withServerProperties(props, commandLine)
  const ports = props.brokerPorts
  if (!ports) return options
  const first = options.security.listenerName ?? options.security.protocol
  if (ports[first] && commandLine.port === undefined && commandLine.security === undefined)
    options.brokerPorts = ports[first]
  if (commandLine.listener === undefined)
    options.listeners = options.listeners.map((l) =>
      ports[l.name] ? { ...l, brokerPorts: ports[l.name] } : l
    )
  return options
}

/**
 * startCluster's reading of a compose file: as `logdeck serve --compose` reads it, in memory,
 * without the console and the schema registry (startCluster serves those itself).
 */
export function composeFileOptions(
  file: string | readonly string[],
  service: string | undefined,
  profiles: readonly string[],
  brokers: number | undefined,
  jaasConfig?: string
): ServeOptions {
  const commandLine: Values = {
    'in-memory': true,
    'no-ui': true,
    'no-schema-registry': true,
    ...(brokers !== undefined ? { brokers: String(brokers) } : {}),
    ...(jaasConfig !== undefined ? { 'jaas-config': jaasConfig } : {})
  }
  return composeOptions(
    readComposeFile(file, service, commandLine, process.env, profiles),
    commandLine
  )
}

/**
 * startCluster's reading of a server.properties: its listeners on free ports (as every
 * startCluster listener), advertised nowhere (advertised.listeners name the file's ports).
 */
export function serverPropertiesOptions(
  file: string,
  brokers: number,
  jaasConfig?: string
): ServeOptions {
  let advertised = false
  const commandLine = {
    'in-memory': true,
    'no-ui': true,
    'no-schema-registry': true,
    brokers: String(brokers),
    ...(jaasConfig !== undefined ? { 'jaas-config': jaasConfig } : {})
  }
  const options = withServerProperties(
    readServerProperties(file, commandLine),
    commandLine,
    (fromFile) => {
      if (fromFile.port !== undefined) fromFile.port = '0'
      fromFile.listener = list(fromFile, 'listener').map((l) => l.replace(/:\d+$/, ':0'))
      advertised = fromFile['advertised-listener'] !== undefined
      delete fromFile['advertised-listener']
    }
  )
  options.serverProperties?.summary.push(
    `startCluster: every listener on free ports${advertised ? ', advertised.listeners not taken' : ''}`
  )
  return options
}

/**
 * The options the flags (and a server.properties) give; `listenerName` names the first listener,
 * `listenerConfigFrom` where a --listener-config value was given when the file gave it.
 */
function parseValues(
  values: Values,
  listenerName?: string,
  jaasFromFile?: JaasFileSource,
  systemProperties?: Pick<JaasFileSource, 'systemProperties' | 'propertySources'>,
  listenerConfigFrom: (value: string) => string | undefined = () => undefined
): ServeOptions {
  const jaasPath = str(values, 'jaas-config')
  if (jaasPath === '') throw new UsageError('--jaas-config needs a file, got an empty value')
  // --jaas-config wins over the file KAFKA_OPTS names, not over its other -D options.
  const jaasSource =
    jaasFromFile ??
    (jaasPath !== undefined
      ? { path: jaasPath, shown: `--jaas-config ${jaasPath}`, ...systemProperties }
      : undefined)
  const dataDir = str(values, 'data-dir')
  if (dataDir !== undefined && values['in-memory'])
    throw new UsageError('--data-dir and --in-memory cannot be used together')
  if (dataDir === '') throw new UsageError('--data-dir needs a folder, got an empty value')
  if (values['ui-port'] !== undefined && values['no-ui'])
    throw new UsageError('--ui-port and --no-ui cannot be used together')
  const token = str(values, 'token')
  if (token !== undefined && !/^[\x21-\x7e]{1,256}$/.test(token))
    throw new UsageError('--token must be 1-256 printable characters without spaces')
  const host = str(values, 'host') ?? '127.0.0.1'
  if (host === '') throw new UsageError('--host needs an address, got an empty value')
  const brokerIds = parseBrokerIds(values)
  const brokers = brokerIds.length
  const port = intFlag(values, 'port')
  if (port + brokers - 1 > 65535)
    throw new UsageError(
      `--port ${port} leaves no room for ${brokers} brokers (PORT+${brokers - 1} must be at most 65535)`
    )
  const brokerMetricsPort =
    values['broker-metrics-port'] === undefined ? null : intFlag(values, 'broker-metrics-port')
  if (brokerMetricsPort !== null && brokerMetricsPort + brokers - 1 > 65535)
    throw new UsageError(
      `--broker-metrics-port ${brokerMetricsPort} leaves no room for ${brokers} brokers (PORT+${brokers - 1} must be at most 65535)`
    )
  const uiPort = values['no-ui'] ? null : intFlag(values, 'ui-port')
  // A --security that is not a protocol is refused below, naming the flag.
  const firstProtocol = (str(values, 'security') ?? 'plaintext').toUpperCase() as SecurityProtocol
  const firstName = listenerName ?? firstProtocol
  const listeners = parseListenerFlags(
    list(values, 'listener'),
    { protocol: firstProtocol, port, name: firstName },
    brokers,
    uiPort
  )
  const advertisedListeners = parseAdvertisedListenerFlags(
    list(values, 'advertised-listener'),
    [firstName, ...listeners.map((l) => l.name)],
    brokers
  )
  // A listener's JAAS config given as a broker config is the listener's own setting.
  const jaasBrokerConfigs = list(values, 'broker-config')
    .filter(isListenerJaas)
    .map((value) => ({ flag: 'broker-config', value }))
  // Their listener.name.<name>.* configs may be given with --broker-config.
  for (const l of listeners) addListenerConfigs(l.name)
  const options: ServeOptions = {
    dataDir: values['in-memory'] ? ':memory:' : (dataDir ?? defaultDataDir()),
    host,
    advertisedHost:
      str(values, 'advertised-host') ?? (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host),
    port,
    brokers,
    brokerIds,
    uiPort,
    token: token ?? null,
    demo: values.demo === true,
    stoppedBrokers: parseBrokerList(str(values, 'stopped-brokers'), brokerIds),
    connectionsFile: str(values, 'connections') || null,
    fsync: values.fsync === true,
    replicationDelayMs: intFlag(values, 'replication-delay-ms'),
    replicaLagTimeMaxMs: intFlag(values, 'replica-lag-time-max-ms'),
    storage: {
      reserveBytes: intFlag(values, 'storage-reserve-bytes'),
      lowFreeBytes: intFlag(values, 'storage-low-free-bytes')
    },
    schemaRegistry: registrySettings(values, port),
    limits: Object.fromEntries(
      LIMIT_SETTINGS.filter((l) => values[l.name] !== undefined).map((l) => [
        l.key,
        intFlag(values, l.name)
      ])
    ),
    brokerConfigs: readBrokerConfigs(
      list(values, 'broker-config').filter((v) => !isListenerJaas(v))
    ),
    brokerRacks: parseBrokerRackFlags(list(values, 'broker-rack'), brokerIds),
    security: readListenerSecurity(
      (name) => str(values, name),
      list(values, 'user'),
      intFlag(values, 'connections.max.reauth.ms'),
      intFlag(values, 'unsecuredValidatorAllowableClockSkewMs'),
      (name) => intFlag(values, name),
      listeners,
      [
        ...list(values, 'listener-config').map((value) => {
          const where = listenerConfigFrom(value)
          return where === undefined ? value : { flag: 'listener-config', value, where }
        }),
        ...jaasBrokerConfigs
      ],
      listenerName,
      jaasSource
    ),
    listeners,
    advertisedListeners,
    faults: [
      ...parseFaultFlags(list(values, 'fault'), brokerIds),
      ...(str(values, 'faults') !== undefined
        ? readFaultsFile(str(values, 'faults') as string, brokerIds)
        : [])
    ],
    authorizer: readAuthorizer(values),
    metricsPort: values['metrics-port'] === undefined ? null : intFlag(values, 'metrics-port'),
    brokerMetricsPort,
    clientMetricsExport: parseClientMetricsExportFlags(
      str(values, 'client-metrics-export'),
      str(values, 'client-metrics-export-protocol'),
      list(values, 'client-metrics-export-header')
    )
  }
  const registry = options.schemaRegistry
  checkMetricsPorts(options.metricsPort, brokerMetricsPort, brokers, [
    { flag: '--port', first: port, last: port + brokers - 1 },
    ...listeners.map((l, i) => ({
      flag: `--listener ${list(values, 'listener')[i]}`,
      first: l.port,
      last: l.port + brokers - 1
    })),
    ...(uiPort !== null ? [{ flag: '--ui-port', first: uiPort, last: uiPort }] : []),
    ...(registry.port !== null
      ? [{ flag: '--schema-registry-port', first: registry.port, last: registry.port }]
      : []),
    ...(registry.port !== null && registry.httpsPort !== undefined
      ? [
          {
            flag: '--schema-registry-https-port',
            first: registry.httpsPort,
            last: registry.httpsPort
          }
        ]
      : [])
  ])
  return options
}

/** `listener.name.<listener>.<mechanism>.sasl.jaas.config=...` */
function isListenerJaas(pair: string): boolean {
  const m = /^listener\.name\.[A-Za-z][A-Za-z0-9_]*\.([^=]+)=/.exec(pair)
  return m !== null && JAAS_KEYS.includes(m[1].toLowerCase())
}

/**
 * A JAAS config without its listener or its mechanism (`sasl.jaas.config`,
 * `plain.sasl.jaas.config`, `listener.name.<listener>.sasl.jaas.config`), which a broker does not read.
 */
function isUnplacedJaas(name: string): boolean {
  return /^(?:listener\.name\.[A-Za-z][A-Za-z0-9_]*\.|[A-Za-z0-9-]+\.)?sasl\.jaas\.config$/i.test(
    name
  )
}

/** Broker configs Logdeck sets through flags named otherwise. */
const FLAG_OF_CONFIG: Record<string, string> = {
  'replica.lag.time.max.ms': 'replica-lag-time-max-ms',
  listeners: 'listener',
  'advertised.listeners': 'advertised-listener',
  'listener.security.protocol.map': 'listener',
  'node.id': 'broker-ids',
  'broker.id': 'broker-ids'
}

function readBrokerConfigs(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of pairs) {
    const eq = pair.indexOf('=')
    if (eq <= 0) throw new UsageError(`--broker-config takes KEY=VALUE, got '${pair}'`)
    const name = pair.slice(0, eq).trim()
    const check = checkBrokerConfig(name, pair.slice(eq + 1))
    // Kafka's catalogue knows these without effect; the flag is what Logdeck acts on.
    const withoutEffect =
      (check.ok || !check.unknown) && brokerConfigDefs.get(name)?.embedded === false
    const flag = SERVE_FLAGS.some((f) => f.name === name) ? name : (FLAG_OF_CONFIG[name] ?? null)
    if ((withoutEffect || (!check.ok && check.unknown)) && flag)
      throw new UsageError(
        `--broker-config ${name}: a setting read at start, given as its own flag: --${flag} VALUE`
      )
    const listenerForm = /^listener\.name\.([^.]+)\.(.+)$/.exec(name)
    if (listenerForm && brokerConfigDefs.get(name)?.listenerFormOf)
      throw new UsageError(
        `--broker-config ${name}: a listener's own setting, read at start: --listener-config ${listenerForm[1].toUpperCase()}.${listenerForm[2]}=VALUE`
      )
    if ((withoutEffect || (!check.ok && check.unknown)) && isUnplacedJaas(name))
      throw new UsageError(
        `--broker-config ${name}: a broker reads its JAAS config only per listener and mechanism: --broker-config listener.name.<listener>.<mechanism>.sasl.jaas.config=... (or --listener-config <listener>.<mechanism>.sasl.jaas.config=..., or the KafkaServer section of --jaas-config FILE)`
      )
    if (!check.ok)
      throw new UsageError(
        check.unknown
          ? `--broker-config: unknown broker config '${name}'`
          : `--broker-config ${name}: '${pair.slice(eq + 1)}' ${check.problem}`
      )
    out[name] = check.value
  }
  return out
}

function readAuthorizer(values: Values): ServeOptions['authorizer'] {
  const superUsers = Array.isArray(values['super-user']) ? values['super-user'] : []
  const allowEveryone = values['allow.everyone.if.no.acl.found'] === true
  if (values.authorizer !== true) {
    if (superUsers.length > 0) throw new UsageError('--super-user needs --authorizer')
    if (allowEveryone) throw new UsageError('--allow.everyone.if.no.acl.found needs --authorizer')
    return null
  }
  for (const u of superUsers)
    if (u === '' || u.endsWith(':'))
      throw new UsageError(`--super-user needs a user name or TYPE:NAME, got '${u}'`)
  return { superUsers, allowEveryoneIfNoAclFound: allowEveryone }
}
