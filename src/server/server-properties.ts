// `logdeck serve --server-properties FILE`: a Kafka server.properties read as Kafka reads it
// (Java properties syntax) and mapped onto the flags that serve the same: listeners (a KRaft
// controller listener is not a client listener and is left out), advertised.listeners,
// broker.rack, ssl.*, sasl.enabled.mechanisms, listener.name.<listener>.* (TLS, SASL mechanisms
// and the JAAS configs whose user_ options are a listener's PLAIN logins), the authorizer and
// its super users, every broker config --broker-config takes, and the limits and SASL settings
// that are flags of their own. Keys with no meaning for simulated brokers (KRaft, ZooKeeper,
// threads, data folders, inter-broker connections) are taken and listed as ignored, with why.
// An unknown key or a bad value is a UsageError naming the file, the line and the key; flags
// given on the command line win over the file.
import { readFileSync } from 'node:fs'
import { isIP } from 'node:net'
import { dirname, isAbsolute, join } from 'node:path'
import { SECURITY_PROTOCOLS, usesSasl, usesTls } from '../engine/kafka/security/listener-security'
import { addListenerConfigs, checkBrokerConfig } from '../shared/kafka/broker-configs'
import { UsageError } from './cli-errors'
import { SERVE_FLAGS } from './cli-flags'
import { MAX_BROKER_ID } from '../engine/engine-options'
import { PropertiesSyntaxError, readJavaProperties, type PropertyEntry } from './java-properties'
import { JAAS_KEYS, JAAS_MECHANISMS, parseJaasNaming, readListenerJaas } from './jaas-flags'
import { fromKafkaEnvironment, type EnvironmentEntry } from './kafka-environment'
import { OAUTHBEARER_LOGIN_MODULE } from '../engine/security/jaas-config'
import { LISTENER_CONFIG_KEYS } from './listener-config-flags'
import { jaasFileOfJvmOptions, type JaasFileSource } from './jaas-login-file'
import { JVM_OPTION_VARIABLES, systemPropertiesOf } from './jvm-system-properties'

type FlagValues = Record<string, string | string[] | boolean | undefined>

/** A flag value the file gave, for naming the file's line in a later message about it. */
interface Origin {
  flag: string
  /** What follows `--flag ` in messages about this value. */
  match: string
  where: string
}

export interface ServerProperties {
  file: string
  /** The flags the file gives, those of the command line left out (they win). */
  values: FlagValues
  /** The first listener's name, when it is not its protocol. */
  listenerName?: string
  origins: Origin[]
  /** What was taken, one line per group, no secrets. */
  summary: string[]
  /** The JAAS file its KAFKA_OPTS names (-Djava.security.auth.login.config), when it names one. */
  jaasConfig?: JaasFileSource
  /** The Java system properties of its JVM options (KAFKA_OPTS ...), for a JAAS file's `${name}`. */
  systemProperties?: Pick<JaasFileSource, 'systemProperties' | 'propertySources'>
}

/** Kafka's default listener.security.protocol.map: each protocol names itself. */
const DEFAULT_PROTOCOL_MAP = new Map(SECURITY_PROTOCOLS.map((p) => [p as string, p as string]))

/** Kafka's authorizers, which the authorizer (ACLs, super users) serves as they do. */
const AUTHORIZERS = [
  'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
  'kafka.security.authorizer.AclAuthorizer',
  'kafka.security.auth.SimpleAclAuthorizer'
]

const KRAFT = 'KRaft: the simulated brokers need no controller quorum'
const INTER_BROKER = 'simulated brokers make no connections to each other'
const ONE_PROCESS = 'threads and socket buffers of the JVM: one Node process serves every broker'

/** Keys taken and ignored, with why. */
const IGNORED: Record<string, string> = {
  'process.roles': KRAFT,
  'controller.quorum.voters': KRAFT,
  'controller.quorum.bootstrap.servers': KRAFT,
  'controller.quorum.election.timeout.ms': KRAFT,
  'controller.quorum.fetch.timeout.ms': KRAFT,
  'metadata.log.dir': KRAFT,
  'metadata.log.segment.bytes': KRAFT,
  'metadata.max.retention.bytes': KRAFT,
  'cluster.id': KRAFT,
  'zookeeper.connect': 'ZooKeeper is not used',
  'zookeeper.connection.timeout.ms': 'ZooKeeper is not used',
  'zookeeper.session.timeout.ms': 'ZooKeeper is not used',
  'log.dirs': 'records are kept where --data-dir says, or in memory',
  'log.dir': 'records are kept where --data-dir says, or in memory',
  'num.network.threads': ONE_PROCESS,
  'num.io.threads': ONE_PROCESS,
  'num.recovery.threads.per.data.dir': ONE_PROCESS,
  'num.replica.fetchers': ONE_PROCESS,
  'background.threads': ONE_PROCESS,
  'socket.send.buffer.bytes': ONE_PROCESS,
  'socket.receive.buffer.bytes': ONE_PROCESS,
  'inter.broker.listener.name': INTER_BROKER,
  'security.inter.broker.protocol': INTER_BROKER,
  'inter.broker.protocol.version': INTER_BROKER,
  'sasl.mechanism.inter.broker.protocol': INTER_BROKER,
  'sasl.mechanism.controller.protocol': INTER_BROKER,
  'delete.topic.enable': 'topics can always be deleted',
  'auto.leader.rebalance.enable': 'leaders move only when a broker stops or is reassigned',
  'log.cleaner.enable': 'the cleaner always runs for compacted topics',
  'replica.socket.timeout.ms': INTER_BROKER,
  'offsets.commit.timeout.ms':
    'an offset commit is answered once stored, without waiting for replicas of __consumer_offsets',
  'sasl.jaas.config':
    'a broker reads its JAAS config only per listener and mechanism (listener.name.<listener>.<mechanism>.sasl.jaas.config), or from the KafkaServer section of a JAAS file (--jaas-config, KAFKA_OPTS -Djava.security.auth.login.config)'
}

/** A listener's OAUTHBEARER callback handlers, taken where they name Kafka's own. */
const OAUTHBEARER_HANDLERS: Record<string, string> = {
  'oauthbearer.sasl.server.callback.handler.class':
    'tokens are checked with the JWKS of sasl.oauthbearer.jwks.endpoint.url when given, else as unsecured tokens',
  'oauthbearer.sasl.login.callback.handler.class': "a broker's own login to other brokers"
}

/** The OAuthBearerLoginModule options that are flags: the unsecured validator's. */
const UNSECURED_VALIDATOR_OPTIONS = [
  'unsecuredValidatorPrincipalClaimName',
  'unsecuredValidatorScopeClaimName',
  'unsecuredValidatorRequiredScope',
  'unsecuredValidatorAllowableClockSkewMs'
]

/**
 * A listener's OAUTHBEARER JAAS config: its unsecured validator options (the unsecuredLogin*
 * ones are a broker's own login), or a UsageError naming `where`.
 */
function readOAuthBearerJaas(where: string, raw: string): Map<string, string> {
  const entries = parseJaasNaming(where, raw)
  const out = new Map<string, string>()
  for (const entry of entries) {
    if (entry.loginModule !== OAUTHBEARER_LOGIN_MODULE)
      throw new UsageError(
        `${where}: OAUTHBEARER's login module is ${OAUTHBEARER_LOGIN_MODULE}, got ${entry.loginModule} (Logdeck loads no Java classes)`
      )
    for (const [option, value] of entry.options)
      if (UNSECURED_VALIDATOR_OPTIONS.includes(option)) out.set(option, value)
  }
  return out
}

/** server.properties keys that are flags under another name. */
const FLAG_ALIASES: Record<string, string> = {
  'replica.lag.time.max.ms': 'replica-lag-time-max-ms'
}

/** Repeatable flags whose values are KEY=VALUE: the command line wins key by key. */
const KEYED_FLAGS = ['listener-config', 'broker-config']

/** The key of a --listener-config (NAME.KEY, either spelling) or --broker-config value. */
function keyOf(flag: string, value: string): string {
  const key = value.slice(0, value.indexOf('=') < 0 ? value.length : value.indexOf('='))
  if (flag === 'broker-config') return key
  const m = /^(?:listener\.name\.)?([A-Za-z][A-Za-z0-9_]*)\.(.+)$/.exec(key)
  return m ? `${m[1].toUpperCase()}.${m[2].toLowerCase()}` : key
}

interface ParsedListener {
  name: string
  host: string
  port: number
  entry: PropertyEntry
}

/** `NAME://HOST:PORT,...` (HOST may be empty or an IPv6 address in brackets). */
function parseListenerList(e: PropertyEntry, where: string): ParsedListener[] {
  return e.value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((item) => {
      const m = /^([A-Za-z][A-Za-z0-9_]*):\/\/(\[[^\]]*\]|[^:/]*):(\d+)$/.exec(item)
      if (!m || Number(m[3]) > 65535)
        throw new UsageError(
          `${where}: '${item}' is not NAME://HOST:PORT (e.g. PLAINTEXT://localhost:9092)`
        )
      return {
        name: m[1].toUpperCase(),
        host: m[2].replace(/^\[(.*)\]$/, '$1'),
        port: Number(m[3]),
        entry: e
      }
    })
}

function readFile(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new UsageError(
      `--server-properties ${file} ${code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : 'is not readable'}`
    )
  }
}

/**
 * The file's settings as flag values; `commandLine` holds the flags given (which win), from
 * which the number of brokers is also read.
 */
export function readServerProperties(file: string, commandLine: FlagValues): ServerProperties {
  let entries: PropertyEntry[]
  try {
    entries = readJavaProperties(readFile(file))
  } catch (err) {
    if (err instanceof PropertiesSyntaxError)
      throw new UsageError(`${file} line ${err.line}: ${err.message}`)
    throw err
  }
  return serverPropertiesOf(file, entries, commandLine)
}

/**
 * Settings given as server.properties entries from elsewhere (a docker-compose service's
 * environment), read as readServerProperties reads a file's; `at` names where an entry came from.
 */
export function serverPropertiesOf(
  file: string,
  entries: readonly PropertyEntry[],
  commandLine: FlagValues,
  at: (e: EnvironmentEntry) => string = (e) =>
    `${file} line ${e.line}, ${e.givenAs ? `${e.givenAs} (${e.key})` : e.key}`
): ServerProperties {
  // The KAFKA_* environment of the images, as the configs it sets.
  const environment = fromKafkaEnvironment(entries)
  // As java.util.Properties: a key given twice keeps its last value.
  const byKey = new Map<string, EnvironmentEntry>()
  for (const e of environment?.filter((e) => e.why === undefined) ?? entries) {
    byKey.delete(e.key)
    byKey.set(e.key, e)
  }
  const values: FlagValues = {}
  const origins: Origin[] = []
  const given: Record<string, string[]> = {}
  const fromFile = (
    e: PropertyEntry,
    flag: string,
    value: string | true,
    match = String(value)
  ) => {
    ;(given[flag] ??= []).push(e.key)
    if (commandLine[flag] !== undefined && !KEYED_FLAGS.includes(flag)) return
    if (KEYED_FLAGS.includes(flag)) {
      // Command-line values of these win key by key.
      const mine = keyOf(flag, String(value))
      const over = ((commandLine[flag] as string[] | undefined) ?? []).find(
        (v) => keyOf(flag, v) === mine
      )
      if (over) {
        overriddenKeys.push(`--${flag} ${over.slice(0, over.indexOf('='))} over ${e.key}`)
        return
      }
    }
    const spec = SERVE_FLAGS.find((f) => f.name === flag)
    if (value === true) values[flag] = true
    else if (spec?.repeatable) values[flag] = [...((values[flag] as string[]) ?? []), value]
    else values[flag] = value
    origins.push({ flag, match, where: at(e) })
  }
  const overriddenKeys: string[] = []
  const ignored: { key: string; why: string }[] = []
  const ignore = (e: EnvironmentEntry, why: string) =>
    ignored.push({ key: e.givenAs ?? e.key, why })
  for (const e of environment ?? []) if (e.why !== undefined) ignore(e, e.why)
  // The Java system properties of the JVM options, and the JAAS file they name.
  const jvmVariables = (environment ?? []).filter((e) =>
    (JVM_OPTION_VARIABLES as readonly string[]).includes(e.key)
  )
  const systemProperties = environment
    ? {
        systemProperties: systemPropertiesOf(
          jvmVariables.map((e) => ({
            name: e.key,
            value: e.value,
            where: `${file} line ${e.line}`
          }))
        ),
        propertySources: `Logdeck reads them from ${JVM_OPTION_VARIABLES.slice(1).join(', ')} of ${file}`
      }
    : undefined
  let jaasConfig: JaasFileSource | undefined
  const jvmOptions = environment?.findLast((e) => e.key === 'KAFKA_OPTS')
  const jaasPath = jvmOptions ? jaasFileOfJvmOptions(jvmOptions.value) : undefined
  if (jvmOptions && jaasPath !== undefined) {
    const path = isAbsolute(jaasPath) ? jaasPath : join(dirname(file), jaasPath)
    jaasConfig = {
      path,
      shown: `the JAAS file ${jaasPath}`,
      context: `KAFKA_OPTS -Djava.security.auth.login.config of ${file} line ${jvmOptions.line}`,
      missing: "a path in a container? give the host's file with --jaas-config FILE",
      ...systemProperties
    }
  }
  // A server.properties describes one broker.
  const idsGiven = commandLine['broker-ids']
  const brokers =
    typeof idsGiven === 'string' ? idsGiven.split(',').length : Number(commandLine.brokers ?? 1)
  /** node.id and broker.id: the broker's id. */
  const idEntries: EnvironmentEntry[] = []

  // Listeners: their protocols, the controller's left out.
  const mapEntry = byKey.get('listener.security.protocol.map')
  const protocols = new Map(DEFAULT_PROTOCOL_MAP)
  if (mapEntry) {
    protocols.clear()
    for (const pair of mapEntry.value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const m = /^([A-Za-z][A-Za-z0-9_]*):([A-Za-z_]+)$/.exec(pair)
      const protocol = m?.[2].toUpperCase()
      if (!m || !(SECURITY_PROTOCOLS as readonly string[]).includes(protocol!))
        throw new UsageError(
          `${at(mapEntry)}: '${pair}' is not NAME:PROTOCOL with PROTOCOL one of ${SECURITY_PROTOCOLS.join(', ')}`
        )
      protocols.set(m[1].toUpperCase(), protocol!)
    }
  }
  const controllerEntry = byKey.get('controller.listener.names')
  const controllers = new Set(
    (controllerEntry?.value ?? '')
      .split(',')
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean)
  )
  const listenersEntry = byKey.get('listeners')
  const all = listenersEntry ? parseListenerList(listenersEntry, at(listenersEntry)) : []
  for (const l of all)
    if (!controllers.has(l.name) && !protocols.has(l.name))
      throw new UsageError(
        `${at(listenersEntry!)}: listener ${l.name} has no security protocol (name it in listener.security.protocol.map, e.g. ${l.name}:PLAINTEXT)`
      )
  const clients = all.filter((l) => !controllers.has(l.name))
  const controllerListeners = all.filter((l) => controllers.has(l.name))
  if (listenersEntry && clients.length === 0)
    throw new UsageError(
      `${at(listenersEntry)}: no client listener (${[...controllers].join(', ')} ${controllers.size === 1 ? 'is a controller listener' : 'are controller listeners'}: a KRaft controller only)`
    )
  const protocolOf = (name: string) => protocols.get(name)!
  const summary: string[] = []
  let listenerName: string | undefined
  if (clients.length > 0) {
    const [first, ...others] = clients
    fromFile(first.entry, 'security', protocolOf(first.name).toLowerCase())
    fromFile(first.entry, 'port', String(first.port))
    if (first.name !== protocolOf(first.name) && commandLine.security === undefined)
      listenerName = first.name
    for (const l of others) {
      const value = `${l.name}=${protocolOf(l.name).toLowerCase()}:${l.port}`
      fromFile(l.entry, 'listener', value)
    }
    const hosts = [...new Set(clients.map((l) => l.host))]
    const host = hosts.length === 1 ? hosts[0] : undefined
    let hostNote = ''
    if (host !== undefined && host !== '' && (isIP(host) !== 0 || host === 'localhost'))
      fromFile(first.entry, 'host', host)
    else if (hosts.some((h) => h !== ''))
      hostNote = `; their hosts (${hosts.map((h) => h || "''").join(', ')}) are not bound: --host says where (127.0.0.1 by default)`
    summary.push(
      `listeners: ${clients.map((l) => `${l.name} (${protocolOf(l.name)}) on ${l.port === 0 ? 'a free port' : l.port}`).join(', ')}` +
        (controllerListeners.length > 0
          ? `; ${controllerListeners.map((l) => l.name).join(', ')} left out (controller.listener.names: a KRaft controller listener, not a client listener)`
          : '') +
        hostNote
    )
  }
  const clientNames = clients.length > 0 ? clients.map((l) => l.name) : ['PLAINTEXT']
  const protocolByName = new Map(
    clients.length > 0
      ? clients.map((l) => [l.name, protocolOf(l.name)])
      : [['PLAINTEXT', 'PLAINTEXT']]
  )
  const advertisedEntry = byKey.get('advertised.listeners')
  if (advertisedEntry) {
    const advertised = parseListenerList(advertisedEntry, at(advertisedEntry))
    const shown: string[] = []
    for (const a of advertised) {
      if (controllers.has(a.name)) continue
      if (a.host === '')
        throw new UsageError(
          `${at(advertisedEntry)}: ${a.name} is advertised without a host; give the host clients connect to`
        )
      const host = a.host.includes(':') ? `[${a.host}]` : a.host
      fromFile(advertisedEntry, 'advertised-listener', `${a.name}=${host}:${a.port}`)
      shown.push(`${a.name} as ${host}:${a.port}`)
    }
    if (shown.length > 0) summary.push(`advertised.listeners: ${shown.join(', ')}`)
  }

  const anyTls = [...protocolByName.values()].some((p) => usesTls(p as never))
  const anySasl = [...protocolByName.values()].some((p) => usesSasl(p as never))
  const security: string[] = []
  const brokerConfigs: string[] = []
  const flags: string[] = []
  let authorizerEntry: PropertyEntry | undefined
  const authorizerKeys: PropertyEntry[] = []
  const handled = new Set([
    'listeners',
    'advertised.listeners',
    'listener.security.protocol.map',
    'controller.listener.names'
  ])
  for (const e of byKey.values()) {
    if (handled.has(e.key)) continue
    const key = e.key
    const value = e.value
    const listenerKey = /^listener\.name\.([A-Za-z][A-Za-z0-9_]*)\.(.+)$/.exec(key)
    if (listenerKey) {
      const name = listenerKey[1].toUpperCase()
      const rest = listenerKey[2]
      if (controllers.has(name)) {
        ignore(e, 'a KRaft controller listener is not served')
        continue
      }
      if (!clientNames.includes(name))
        throw new UsageError(
          `${at(e)}: no listener is named ${listenerKey[1]} (the listeners are ${clientNames.join(', ')})`
        )
      const lower = rest.toLowerCase()
      const jaas = /^([a-z0-9-]+)\.sasl\.jaas\.config$/.exec(lower)
      if (lower === 'oauthbearer.sasl.jaas.config') {
        // The unsecured validator's options are the --unsecuredValidator* flags (shared).
        const options = readOAuthBearerJaas(at(e), value)
        for (const [option, v] of options) fromFile(e, option, v)
        security.push(
          `${name} OAUTHBEARER JAAS config` +
            (options.size > 0 ? ` (${[...options.keys()].join(', ')})` : '')
        )
        continue
      }
      if (OAUTHBEARER_HANDLERS[lower]) {
        ignore(e, OAUTHBEARER_HANDLERS[lower])
        continue
      }
      if (jaas && !JAAS_KEYS.includes(lower))
        throw new UsageError(
          `${at(e)}: ${jaas[1].toUpperCase()} is not served; JAAS configs are taken for ${[...JAAS_MECHANISMS, 'oauthbearer'].map((m) => m.toUpperCase()).join(', ')}`
        )
      if (LISTENER_CONFIG_KEYS.includes(jaas ? lower : rest)) {
        const configKey = jaas ? lower : rest
        if (jaas) {
          // Checked here, so that a mistake names the line; read again with the other settings.
          const users = readListenerJaas(at(e), configKey, value)
          security.push(
            `${name} ${jaas[1].toUpperCase()} JAAS config` +
              (users.size > 0
                ? ` with ${users.size} PLAIN user(s): ${[...users.keys()].join(', ')}`
                : jaas[1] === 'plain'
                  ? ' (no user_ options: every PLAIN login is refused, as Kafka refuses them)'
                  : " (SCRAM logins are the cluster's SASL users)")
          )
        } else security.push(`${name} ${configKey}`)
        fromFile(e, 'listener-config', `${name}.${configKey}=${value}`, `${name}.${configKey}`)
        continue
      }
      addListenerConfigs(name)
      const check = checkBrokerConfig(key.toLowerCase(), value)
      if (check.ok) {
        fromFile(e, 'broker-config', `${key.toLowerCase()}=${check.value}`, key.toLowerCase())
        brokerConfigs.push(key.toLowerCase())
        continue
      }
      if (!check.unknown) throw new UsageError(`${at(e)}: '${value}' ${check.problem}`)
      throw new UsageError(
        `${at(e)}: unknown listener setting '${rest}' (taken: ${LISTENER_CONFIG_KEYS.filter((k) => !k.startsWith('tls-')).join(', ')}, max.connections, max.connection.creation.rate)`
      )
    }
    if (key === 'authorizer.class.name') {
      if (value.trim() === '') continue
      if (!AUTHORIZERS.includes(value.trim()))
        throw new UsageError(
          `${at(e)}: '${value}' is not one of Kafka's authorizers (${AUTHORIZERS.join(', ')}); Logdeck loads no Java classes`
        )
      authorizerEntry = e
      continue
    }
    if (key === 'super.users' || key === 'allow.everyone.if.no.acl.found') {
      authorizerKeys.push(e)
      continue
    }
    if (key === 'node.id' || key === 'broker.id') {
      idEntries.push(e)
      continue
    }
    if (key === 'broker.rack') {
      fromFile(e, 'broker-rack', Array.from({ length: brokers }, () => value.trim()).join(','))
      summary.push(`broker.rack: ${value.trim()}${brokers > 1 ? ' (every broker)' : ''}`)
      continue
    }
    const flagName = FLAG_ALIASES[key] ?? key
    const spec = SERVE_FLAGS.find((f) => f.name === flagName && f.value && f.name.includes('.'))
    if (spec || FLAG_ALIASES[key]) {
      const name = spec?.name ?? flagName
      if (/^ssl\./.test(name) && !anyTls) {
        ignore(e, 'no listener speaks TLS')
        continue
      }
      if (/^(sasl\.|unsecuredValidator|connections\.max\.reauth)/.test(name) && !anySasl) {
        ignore(e, 'no listener asks for a SASL login')
        continue
      }
      const range = SERVE_FLAGS.find((f) => f.name === name)?.range
      if (
        range &&
        (!/^\d+$/.test(value.trim()) || Number(value) < range[0] || Number(value) > range[1])
      )
        throw new UsageError(
          `${at(e)}: must be a whole number from ${range[0]} to ${range[1]}, got '${value}'`
        )
      fromFile(e, name, range ? value.trim() : value)
      if (/^(ssl|sasl)\./.test(name))
        security.push(/password|keystore\.key$/.test(name) ? name : `${name}=${value}`)
      else flags.push(key)
      continue
    }
    // Before the broker configs: Kafka's catalogue knows most of these, without effect here.
    if (Object.hasOwn(IGNORED, key)) {
      ignore(e, IGNORED[key])
      continue
    }
    const check = checkBrokerConfig(key, value)
    if (check.ok) {
      fromFile(e, 'broker-config', `${key}=${check.value}`, key)
      brokerConfigs.push(key)
      continue
    }
    if (!check.unknown) throw new UsageError(`${at(e)}: '${value}' ${check.problem}`)
    if (key.startsWith('zookeeper.')) {
      ignore(e, 'ZooKeeper is not used')
      continue
    }
    throw new UsageError(`${at(e)}: unknown key '${key}' (not a broker config Logdeck serves)`)
  }

  // The broker's id: node.id (KRaft), or broker.id, which must then be the same.
  const nodeId = brokerIdOf(idEntries, at)
  if (nodeId) {
    if (idsGiven !== undefined) given['broker-ids'] = [nodeId.entry.givenAs ?? nodeId.entry.key]
    else {
      const ids = Array.from({ length: brokers }, (_, i) => nodeId.id + i)
      if (ids.at(-1)! > MAX_BROKER_ID)
        throw new UsageError(
          `${at(nodeId.entry)}: ${nodeId.id} leaves no room for ${brokers} brokers (broker ids are at most ${MAX_BROKER_ID})`
        )
      fromFile(nodeId.entry, 'broker-ids', ids.join(','))
      const key = nodeId.entry.givenAs ?? nodeId.entry.key
      summary.push(
        brokers === 1
          ? `broker id: ${nodeId.id} (${key})`
          : `broker ids: ${ids.join(', ')} (${key} ${nodeId.id} and the ids after it, one a broker)`
      )
    }
  }

  // The authorizer and what only it reads.
  if (authorizerEntry) {
    fromFile(authorizerEntry, 'authorizer', true, '')
    const parts: string[] = [authorizerEntry.value.trim().split('.').pop()!]
    for (const e of authorizerKeys) {
      if (e.key === 'super.users') {
        const users = e.value
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean)
        for (const u of users) fromFile(e, 'super-user', u)
        parts.push(`super users ${users.join(', ')}`)
      } else {
        const v = e.value.trim().toLowerCase()
        if (v !== 'true' && v !== 'false')
          throw new UsageError(`${at(e)}: must be true or false, got '${e.value}'`)
        if (v === 'true') fromFile(e, 'allow.everyone.if.no.acl.found', true, '')
        parts.push(`allow.everyone.if.no.acl.found=${v}`)
      }
    }
    summary.push(`authorizer: ${parts.join(', ')}`)
  } else for (const e of authorizerKeys) ignore(e, 'no authorizer.class.name')

  if (security.length > 0) summary.push(`security: ${security.join('; ')}`)
  if (brokerConfigs.length > 0) summary.push(`broker configs: ${brokerConfigs.join(', ')}`)
  if (flags.length > 0) summary.push(`settings: ${flags.join(', ')}`)
  if (ignored.length > 0) {
    // One reason once, after the keys it covers.
    const byReason = new Map<string, string[]>()
    for (const { key, why } of ignored) byReason.set(why, [...(byReason.get(why) ?? []), key])
    summary.push(
      `ignored: ${[...byReason].map(([why, keys]) => `${keys.join(', ')} (${why})`).join('; ')}`
    )
  }
  const overridden = [
    ...Object.entries(given)
      .filter(([flag]) => commandLine[flag] !== undefined && !KEYED_FLAGS.includes(flag))
      .map(([flag, keys]) => `--${flag} over ${[...new Set(keys)].join(', ')}`),
    ...overriddenKeys
  ]
  if (overridden.length > 0) summary.push(`the command line wins: ${overridden.join(', ')}`)
  if (environment)
    summary.unshift('KAFKA_* environment names read as the configs they set, as the images do')
  if (commandLine.brokers === undefined && idsGiven === undefined) {
    values.brokers = '1'
    summary.unshift('brokers: 1, as the file describes one broker (--brokers N for more)')
  }
  if (jaasConfig)
    summary.push(
      commandLine['jaas-config'] !== undefined
        ? 'the command line wins: --jaas-config over KAFKA_OPTS -Djava.security.auth.login.config'
        : `JAAS file: ${jaasConfig.path} (KAFKA_OPTS -Djava.security.auth.login.config)`
    )
  return {
    file,
    values,
    ...(listenerName ? { listenerName } : {}),
    origins,
    summary,
    ...(jaasConfig && commandLine['jaas-config'] === undefined ? { jaasConfig } : {}),
    ...(systemProperties ? { systemProperties } : {})
  }
}

/**
 * The broker's id the file gives: node.id, or broker.id (ZooKeeper's name; -1, its "generate
 * one", gives none); both given, they must be the same, as Kafka requires.
 */
function brokerIdOf(
  entries: readonly EnvironmentEntry[],
  at: (e: EnvironmentEntry) => string
): { id: number; entry: EnvironmentEntry } | undefined {
  // As java.util.Properties: a key given twice keeps its last value.
  const last = (key: string) => entries.findLast((e) => e.key === key)
  const read = (e: EnvironmentEntry | undefined) => {
    if (!e) return undefined
    const v = e.value.trim()
    if (e.key === 'broker.id' && v === '-1') return undefined
    if (!/^\d+$/.test(v) || Number(v) > MAX_BROKER_ID)
      throw new UsageError(
        `${at(e)}: '${e.value}' is not a broker id (a whole number from 0 to ${MAX_BROKER_ID})`
      )
    return { id: Number(v), entry: e }
  }
  const nodeId = read(last('node.id'))
  const brokerId = read(last('broker.id'))
  if (nodeId && brokerId && nodeId.id !== brokerId.id)
    throw new UsageError(
      `${at(brokerId.entry)}: broker.id ${brokerId.id} is not node.id ${nodeId.id} (${at(nodeId.entry)}); Kafka requires them to be the same`
    )
  return nodeId ?? brokerId
}

/**
 * A message about a flag value the file gave, prefixed with the file's line and key; other
 * messages as they are. A KEY=VALUE flag's message is the file's only for the key it gave.
 */
export function namingTheFile(message: string, origins: readonly Origin[]): string {
  const flag = /^--([^\s:]+)/.exec(message)?.[1]
  const hit =
    origins.find((o) => o.match !== '' && message.startsWith(`--${o.flag} ${o.match}`)) ??
    origins.find((o) => o.flag === flag && !KEYED_FLAGS.includes(o.flag))
  return hit ? `${hit.where}: ${message}` : message
}

/**
 * Where the file gave a --listener-config value (`NAME.KEY=VALUE`): its line and key, which the
 * listener's settings name in their messages in place of the flag.
 */
export function listenerConfigOrigin(
  value: string,
  origins: readonly Origin[]
): string | undefined {
  const key = keyOf('listener-config', value)
  return origins.find((o) => o.flag === 'listener-config' && o.match === key)?.where
}
