// `logdeck serve --listener-config NAME.KEY=VALUE` (repeatable; Kafka's spelling
// `listener.name.<name>.KEY=VALUE` too): one listener's own TLS and SASL settings, over the
// ones every listener shares: tls-cert, tls-key and tls-ca (PEM files, as --tls-cert, --tls-key
// and --tls-ca), Kafka's ssl.keystore.*, ssl.truststore.*, ssl.enabled.protocols,
// ssl.cipher.suites and the like (as the --ssl.* flags), ssl.client.auth,
// sasl.enabled.mechanisms and the JAAS configs <mechanism>.sasl.jaas.config (PLAIN's may list
// the listener's own PLAIN logins). Each mistake is one line naming the flag.
import {
  CLIENT_AUTH,
  usesSasl,
  usesTls,
  type ClientAuth,
  type SecurityProtocol
} from '../engine/kafka/security/listener-security'
import type { ListenerSecurityOverride } from '../engine/kafka/security/listener-overrides'
import type { SaslMechanism } from '../engine/kafka/security/sasl-session'
import { UsageError } from './cli-errors'
import { KAFKA_SSL_KEYS, type KeystoreTls } from './keystores'
import { readTlsParameters, TLS_PARAMETER_KEYS } from './tls-parameter-configs'
import { JAAS_KEYS, readListenerJaas } from './jaas-flags'

/** Read together once all of a listener's are known (a keystore needs its type and password). */
const KAFKA_KEYS: readonly string[] = [...KAFKA_SSL_KEYS, ...TLS_PARAMETER_KEYS]
const TLS_KEYS = ['tls-cert', 'tls-key', 'tls-ca', 'ssl.client.auth', ...KAFKA_KEYS] as const
const SASL_KEYS = ['sasl.enabled.mechanisms', ...JAAS_KEYS]
const KEYS: readonly string[] = [...TLS_KEYS, ...SASL_KEYS]
/** The keys a listener takes of its own (Kafka's listener.name.<name>.KEY, and tls-*). */
export const LISTENER_CONFIG_KEYS = KEYS

/** How the settings' values are read: PEM files and mechanism lists, errors naming `where`. */
export interface ListenerConfigReaders {
  pem(where: string, file: string): string
  mechanisms(where: string, raw: string): SaslMechanism[]
  /** Kafka's ssl.keystore.* and ssl.truststore.* of one listener; `where` names each. */
  kafkaSsl(get: (key: string) => string | undefined, where: (key: string) => string): KeystoreTls
}

/** A listener's own settings and the flag that gave each, for messages. */
export interface ListenerConfig {
  override: ListenerSecurityOverride
  where: Partial<Record<string, string>>
}

/**
 * A listener's setting given by another flag than --listener-config: a JAAS config given as
 * `--broker-config listener.name.<name>.<mechanism>.sasl.jaas.config=...`, named in messages as
 * the flag and key the user gave.
 */
export interface ListenerConfigValue {
  flag: string
  value: string
  /**
   * Where the value was given when not on the command line (a server.properties' line and key),
   * named in messages instead of the flag.
   */
  where?: string
}

/**
 * The `--listener-config` values (and those given by other flags) by listener name (the
 * listeners as named, the first by its protocol): each names a listener, a key its protocol
 * uses, at most once per listener.
 */
export function parseListenerConfigFlags(
  values: readonly (string | ListenerConfigValue)[],
  listeners: readonly { name: string; securityProtocol: SecurityProtocol }[],
  read: ListenerConfigReaders
): Map<string, ListenerConfig> {
  const out = new Map<string, ListenerConfig>()
  const kafkaSsl = new Map<string, Map<string, string>>()
  /** Per listener, the keys given elsewhere than on the command line, and where. */
  const givenAt = new Map<string, Map<string, string>>()
  for (const given of values) {
    const { flag, value } =
      typeof given === 'string' ? { flag: 'listener-config', value: given } : given
    const m = /^(?:listener\.name\.)?([A-Za-z][A-Za-z0-9_]*)\.([^=]+)=([\s\S]*)$/.exec(value)
    if (!m)
      throw new UsageError(
        `--listener-config takes NAME.KEY=VALUE (e.g. INTERNAL.ssl.client.auth=required), got '${value}'`
      )
    const [, rawName, givenKey, raw] = m
    // Kafka spells the mechanism of a JAAS config in lower case; upper case is taken too.
    const key = JAAS_KEYS.includes(givenKey.toLowerCase()) ? givenKey.toLowerCase() : givenKey
    // Secrets are not repeated in messages; another flag's value is named as it was given.
    const secret = /password$|^ssl\.keystore\.key$|jaas\.config$/.test(key)
    const at = typeof given === 'string' ? undefined : given.where
    const where =
      at ??
      (flag !== 'listener-config'
        ? `--${flag} ${secret ? value.slice(0, value.indexOf('=')) : value}`
        : secret
          ? `--listener-config ${rawName}.${key}`
          : `--listener-config ${value}`)
    const listener = listeners.find((l) => l.name === rawName.toUpperCase())
    if (!listener)
      throw new UsageError(
        `${where}: no listener is named ${rawName} (the listeners are ${listeners.map((l) => l.name).join(', ')})`
      )
    if (!KEYS.includes(key))
      throw new UsageError(`${where}: KEY must be one of ${KEYS.join(', ')}, got '${key}'`)
    const protocol = listener.securityProtocol
    if ((TLS_KEYS as readonly string[]).includes(key) && !usesTls(protocol))
      throw new UsageError(
        `${where}: listener ${listener.name} is ${protocol}, which does not speak TLS`
      )
    if (SASL_KEYS.includes(key) && !usesSasl(protocol))
      throw new UsageError(
        `${where}: listener ${listener.name} is ${protocol}, which asks for no SASL login`
      )
    const config = out.get(listener.name) ?? { override: {}, where: {} }
    out.set(listener.name, config)
    const before = config.where[key]
    if (before)
      throw new UsageError(`${where}: ${listener.name}'s ${key} is already given by ${before}`)
    config.where[key] = where
    if (at !== undefined)
      givenAt.set(listener.name, (givenAt.get(listener.name) ?? new Map()).set(key, at))
    const o = config.override
    if (KAFKA_KEYS.includes(key)) {
      const given = kafkaSsl.get(listener.name) ?? new Map<string, string>()
      kafkaSsl.set(listener.name, given.set(key, raw))
      continue
    }
    if (key === 'tls-cert') o.tls = { ...o.tls, cert: read.pem(where, raw) }
    else if (key === 'tls-key') o.tls = { ...o.tls, key: read.pem(where, raw) }
    else if (key === 'tls-ca') o.tls = { ...o.tls, ca: raw === '' ? null : read.pem(where, raw) }
    else if (JAAS_KEYS.includes(key)) {
      const users = readListenerJaas(where, key, raw)
      o.jaasConfigs = [...(o.jaasConfigs ?? []), key.slice(0, -'.sasl.jaas.config'.length)]
      // PLAIN's, with or without user_ options, is all its PLAIN logins (none: every one refused).
      if (key.startsWith('plain.')) {
        o.plainUsers = users
        o.plainUsersFrom = {
          from: 'jaas-config',
          key: `listener.name.${listener.name.toLowerCase()}.${key}`
        }
      }
    } else if (key === 'ssl.client.auth') {
      const auth = raw.toLowerCase()
      if (!(CLIENT_AUTH as readonly string[]).includes(auth))
        throw new UsageError(
          `${where}: ssl.client.auth must be one of ${CLIENT_AUTH.join(', ')}, got '${raw}'`
        )
      o.clientAuth = auth as ClientAuth
    } else o.saslMechanisms = read.mechanisms(where, raw)
  }
  for (const [name, given] of kafkaSsl) {
    const config = out.get(name)!
    // A key is named where it was given; one not given as the others were (a file names Kafka's).
    const elsewhere = givenAt.get(name)
    const at = (key: string) =>
      elsewhere?.get(key) ??
      (elsewhere
        ? `listener.name.${name.toLowerCase()}.${key}`
        : `--listener-config ${name}.${key}`)
    const read_ = read.kafkaSsl((key) => given.get(key), at)
    const o = config.override
    const tlsParameters = readTlsParameters(
      (key) => given.get(key),
      (key) => config.where[key] ?? at(key)
    )
    if (tlsParameters) o.tlsParameters = tlsParameters
    const stores = [...given].filter(([key]) => (KAFKA_SSL_KEYS as readonly string[]).includes(key))
    if (stores.length > 0) o.sslConfigs = Object.fromEntries(stores)
    const mixed = (own: string, kafka: string) =>
      new UsageError(`${config.where[own]} and ${at(kafka)} both give ${name}'s ${own}: give one`)
    if (read_.cert !== undefined) {
      if (o.tls?.cert !== undefined) throw mixed('tls-cert', 'ssl.keystore.location')
      if (o.tls?.key !== undefined) throw mixed('tls-key', 'ssl.keystore.location')
      o.tls = { ...o.tls, cert: read_.cert, key: read_.key }
      const from = given.has('ssl.keystore.location')
        ? `${at('ssl.keystore.location')} ${given.get('ssl.keystore.location')}`
        : at('ssl.keystore.certificate.chain')
      config.where['tls-cert'] = from
      config.where['tls-key'] = from
    }
    if (read_.ca !== undefined) {
      if (o.tls?.ca !== undefined) throw mixed('tls-ca', 'ssl.truststore.location')
      o.tls = { ...o.tls, ca: read_.ca }
      config.where['tls-ca'] = given.has('ssl.truststore.location')
        ? `${at('ssl.truststore.location')} ${given.get('ssl.truststore.location')}`
        : at('ssl.truststore.certificates')
      // As in Kafka, a truststore alone asks for no client certificate.
      config.where.truststore = config.where['tls-ca']
    }
  }
  return out
}
