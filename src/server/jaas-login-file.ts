// A broker's JAAS file (`-Djava.security.auth.login.config`, --jaas-config, KAFKA_OPTS): the
// section each SASL listener takes, as Kafka's JaasContext.loadServerContext picks it for every
// mechanism the listener enables without a listener.name.<listener>.<mechanism>.sasl.jaas.config
// of its own: `<listener in lower case>.KafkaServer` when the file has it, else `KafkaServer`; a
// listener needing one with neither is refused, as Kafka does not start then. The PlainLoginModule
// user_NAME options of the section a listener's PLAIN takes are its PLAIN logins, as
// PlainServerCallbackHandler checks them (none: every PLAIN login is refused). Kafka runs every login module of a section it takes, so
// each must be Kafka's (PlainLoginModule, ScramLoginModule, OAuthBearerLoginModule; their
// username and password are the broker's own login to other brokers, which simulated brokers do
// not make); Krb5LoginModule (GSSAPI) and other classes are refused naming the file and line.
// A listener's OAUTHBEARER takes a section of one module, whose unsecuredValidator* options are
// the unsecured validator's. Sections no listener takes (Client for ZooKeeper, KafkaClient ...)
// are listed with why.
import { readFileSync } from 'node:fs'
import {
  JaasConfigError,
  OAUTHBEARER_LOGIN_MODULE,
  PLAIN_LOGIN_MODULE,
  plainJaasUsers,
  SCRAM_LOGIN_MODULE
} from '../engine/security/jaas-config'
import { parseJaasFile, type JaasSection } from '../engine/security/jaas-file'
import { usesSasl, type SecurityProtocol } from '../engine/kafka/security/listener-security'
import type { SaslMechanism } from '../engine/kafka/security/sasl-session'
import { UsageError } from './cli-errors'
import {
  systemPropertyLookup,
  jvmOptionWords,
  type SystemProperties,
  type SystemProperty
} from './jvm-system-properties'

/** Where a JAAS file comes from, to read it and to name it in messages. */
export interface JaasFileSource {
  /** The file to read, on this machine. */
  path: string
  /** Why it cannot be read (a path no volume mounts), said only if a listener needs it. */
  unavailable?: string
  /** How messages name it (`--jaas-config FILE`, or the host file a compose volume mounts). */
  shown: string
  /** What gave it, when not --jaas-config (`KAFKA_OPTS of ...`), said after the file. */
  context?: string
  /** Said when the file does not exist. */
  missing?: string
  /** The broker's Java system properties (its JVM options' -D), for `${name}` in values. */
  systemProperties?: SystemProperties
  /** Where -D options were looked for (`KAFKA_OPTS ... of .env`), for a refusal. */
  propertySources?: string
}

export interface JaasListener {
  name: string
  securityProtocol: SecurityProtocol
  /** The mechanisms it enables. */
  mechanisms: readonly SaslMechanism[]
  /** The mechanisms (lower case) with a listener.name.<listener>.<mechanism>.sasl.jaas.config. */
  ownConfigs: ReadonlySet<string>
}

export interface JaasFileUse {
  /**
   * PLAIN logins by listener, for the listeners whose PLAIN takes a section, and the section:
   * none (no user_ options) refuses every PLAIN login, as Kafka's PlainServerCallbackHandler.
   */
  plainUsers: Map<string, { users: Map<string, string>; section: string }>
  /**
   * The unsecured OAUTHBEARER validator's options (unsecuredValidator*) of the sections the
   * listeners' OAUTHBEARER takes, with the line of each; the validator is shared by the listeners.
   */
  oauthBearerOptions: Map<string, { value: string; where: string }>
  /** What was taken, no secrets. */
  summary: string[]
}

const KAFKA_SERVER = 'KafkaServer'
const KRB5_LOGIN_MODULE = 'com.sun.security.auth.module.Krb5LoginModule'
const KAFKA_MODULES = [PLAIN_LOGIN_MODULE, SCRAM_LOGIN_MODULE, OAUTHBEARER_LOGIN_MODULE]

/** Sections a broker does not read, with why. */
const OTHER_SECTIONS: Record<string, string> = {
  Client: "ZooKeeper's client login: ZooKeeper is not used",
  Server: "a ZooKeeper server's own login: ZooKeeper is not used",
  KafkaClient: "a Kafka client's login, not the broker's",
  QuorumServer: "a ZooKeeper quorum's login: ZooKeeper is not used",
  QuorumLearner: "a ZooKeeper quorum's login: ZooKeeper is not used"
}

const shortModule = (m: string) => m.split('.').pop() ?? m

function readText(source: JaasFileSource): string {
  try {
    return readFileSync(source.path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : 'is not readable'
    throw new UsageError(
      `${source.shown} ${why}${source.context ? ` (${source.context})` : ''}${code === 'ENOENT' && source.missing ? `; ${source.missing}` : ''}`
    )
  }
}

/** The JAAS file's sections as the listeners take them, or a UsageError naming the file and line. */
export function readJaasFile(
  source: JaasFileSource,
  listeners: readonly JaasListener[]
): JaasFileUse {
  const at = (line: number) =>
    `${source.shown} line ${line}${source.context ? ` (${source.context})` : ''}`
  const sasl = listeners.filter((l) => usesSasl(l.securityProtocol))
  const fromFileOf = (l: JaasListener) =>
    l.mechanisms.filter((m) => !l.ownConfigs.has(m.toLowerCase()))
  // As Kafka, the file is read only when a listener's mechanism has no JAAS config of its own.
  if (!sasl.some((l) => fromFileOf(l).length > 0))
    return {
      plainUsers: new Map(),
      oauthBearerOptions: new Map(),
      summary: [
        sasl.length === 0
          ? 'not read: no listener asks for a SASL login'
          : "not read: every SASL listener's mechanisms have JAAS configs of their own (listener.name.<listener>.<mechanism>.sasl.jaas.config), which Kafka takes over the file"
      ]
    }
  if (source.unavailable !== undefined) throw new UsageError(source.unavailable)
  let sections: JaasSection[]
  const expanded = new Map<string, SystemProperty>()
  try {
    sections = parseJaasFile(
      readText(source),
      systemPropertyLookup(
        source.systemProperties ?? new Map(),
        source.propertySources ??
          'Logdeck reads -D options from KAFKA_OPTS of a --server-properties environment file or a --compose service',
        expanded
      )
    )
  } catch (err) {
    if (err instanceof JaasConfigError)
      throw new UsageError(`${at(err.line ?? 1)}: not a JAAS file: ${err.message}`)
    throw err
  }
  // Java's getAppConfigurationEntry answers null for a section without entries.
  const byName = new Map(sections.filter((s) => s.entries.length > 0).map((s) => [s.name, s]))
  const used = new Map<JaasSection, string[]>()
  const plainUsers: JaasFileUse['plainUsers'] = new Map()
  const oauthBearerOptions = new Map<string, { value: string; where: string }>()
  const taken: string[] = []
  for (const l of sasl) {
    const fromFile = fromFileOf(l)
    if (fromFile.length === 0) continue
    const own = `${l.name.toLowerCase()}.${KAFKA_SERVER}`
    const section = byName.get(own) ?? byName.get(KAFKA_SERVER)
    if (!section) {
      // Logdeck's OAUTHBEARER validator reads no JAAS options: only the others need a section.
      if (fromFile.every((m) => m === 'OAUTHBEARER')) continue
      const named = sections.map((s) => s.name)
      throw new UsageError(
        `${source.shown}${source.context ? ` (${source.context})` : ''} has no section ${KAFKA_SERVER} or ${own} for listener ${l.name} (${l.securityProtocol}; ${fromFile.join(', ')} without a listener.name.${l.name.toLowerCase()}.<mechanism>.sasl.jaas.config), so Kafka would not start ("Could not find a '${KAFKA_SERVER}' or '${own}' entry in the JAAS configuration"); ${named.length > 0 ? `its sections are ${named.join(', ')}` : 'it has no section'}`
      )
    }
    used.set(section, [...(used.get(section) ?? []), l.name])
    for (const e of section.entries) {
      if (e.loginModule === KRB5_LOGIN_MODULE)
        throw new UsageError(
          `${at(e.line)}: section ${section.name} (listener ${l.name}) logs in with ${KRB5_LOGIN_MODULE}, Kerberos for SASL GSSAPI, which Logdeck does not serve: give its listeners PlainLoginModule or ScramLoginModule`
        )
      if (!KAFKA_MODULES.includes(e.loginModule))
        throw new UsageError(
          `${at(e.line)}: section ${section.name} (listener ${l.name}) logs in with ${e.loginModule}, which is not one of Kafka's login modules (${KAFKA_MODULES.map(shortModule).join(', ')}); Logdeck loads no Java classes`
        )
    }
    if (fromFile.includes('OAUTHBEARER') && section.entries.length !== 1)
      throw new UsageError(
        `${at(section.line)}: section ${section.name} has ${section.entries.length} login modules, and listener ${l.name}'s OAUTHBEARER takes exactly one, so Kafka would not start ("Must supply exactly 1 non-null JAAS mechanism configuration (size was ${section.entries.length})")`
      )
    const parts: string[] = []
    if (fromFile.includes('PLAIN')) {
      const users = plainJaasUsers(section.entries)
      plainUsers.set(l.name, { users, section: section.name })
      if (users.size > 0) parts.push(`PLAIN users ${[...users.keys()].join(', ')}`)
      else
        parts.push(
          section.entries.some((e) => e.loginModule === PLAIN_LOGIN_MODULE)
            ? 'no user_ options: every PLAIN login is refused, as Kafka refuses them'
            : 'no PlainLoginModule with user_ options: every PLAIN login is refused, as Kafka refuses them'
        )
    } else if (l.mechanisms.includes('PLAIN'))
      parts.push(`PLAIN from listener.name.${l.name.toLowerCase()}.plain.sasl.jaas.config`)
    if (fromFile.some((m) => m.startsWith('SCRAM-')))
      parts.push("SCRAM logins are the cluster's SASL users")
    if (fromFile.includes('OAUTHBEARER')) {
      // The unsecured validator's options: one validator serves every listener.
      const [entry] = section.entries
      const options = [...entry.options].filter(([o]) => o.startsWith('unsecuredValidator'))
      for (const [option, value] of options) {
        const before = oauthBearerOptions.get(option)
        if (before && before.value !== value)
          throw new UsageError(
            `${at(entry.line)}: section ${section.name} gives ${option} another value than ${before.where}; Logdeck's OAUTHBEARER validator is shared by the listeners, so they take one value`
          )
        oauthBearerOptions.set(option, { value, where: at(entry.line) })
      }
      parts.push(
        options.length > 0
          ? `OAUTHBEARER's unsecured validator options ${options.map(([o]) => o).join(', ')}`
          : 'OAUTHBEARER with the unsecured validator options of the flags'
      )
    }
    taken.push(`${l.name} takes section ${section.name} (${parts.join('; ')})`)
  }
  const summary: string[] = []
  if (taken.length > 0) summary.push(taken.join('; '))
  if (expanded.size > 0)
    summary.push(
      `system properties expanded: ${[...expanded].map(([name, p]) => `\${${name}} (-D${name} in ${p.where})`).join(', ')}`
    )
  const logins = [...used.keys()].flatMap((s) =>
    s.entries
      .filter((e) => e.options.has('username'))
      .map((e) => `${s.name} ${shortModule(e.loginModule)} as ${e.options.get('username')}`)
  )
  if (logins.length > 0)
    summary.push(
      `the brokers' own logins (username, password) change nothing, simulated brokers not connecting to each other: ${logins.join(', ')}`
    )
  const ignored = sections
    .filter((s) => !used.has(s))
    .map((s) => `${s.name} (${whyIgnored(s, sasl)})`)
  if (ignored.length > 0) summary.push(`sections ignored: ${ignored.join('; ')}`)
  return { plainUsers, oauthBearerOptions, summary }
}

function whyIgnored(s: JaasSection, sasl: readonly JaasListener[]): string {
  if (s.entries.length === 0) return 'no login module: Java takes it for no section'
  const why = OTHER_SECTIONS[s.name]
  if (why) return why
  if (s.name === KAFKA_SERVER)
    return sasl.length === 0
      ? 'no listener asks for a SASL login'
      : 'every SASL listener has a section of its own or its own JAAS configs'
  const m = /^(.+)\.KafkaServer$/.exec(s.name)
  if (m) {
    const l = sasl.find((x) => x.name.toLowerCase() === m[1])
    if (l) return `listener ${l.name} has its own JAAS config for every mechanism`
    return `no SASL listener is named ${m[1]} (a listener's section is its name in lower case, then .KafkaServer)`
  }
  return 'not a section a Kafka broker reads'
}

/**
 * The JAAS file a JVM's options name (`-Djava.security.auth.login.config=PATH` in KAFKA_OPTS,
 * the options split as a shell splits them, quotes and backslashes taken away; the last one
 * wins, as Java's system properties), or undefined.
 */
export function jaasFileOfJvmOptions(options: string): string | undefined {
  const words = jvmOptionWords(options)
  const prefix = '-Djava.security.auth.login.config='
  // java -Dname==value (two equal signs) overrides the security properties' file: the same path.
  const path = words.findLast((w) => w.startsWith(prefix))?.slice(prefix.length)
  return path?.replace(/^=/, '')
}
