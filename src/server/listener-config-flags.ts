// `logdeck serve --listener-config NAME.KEY=VALUE` (repeatable; Kafka's spelling
// `listener.name.<name>.KEY=VALUE` too): one listener's own TLS and SASL settings, over the
// ones every listener shares: tls-cert, tls-key and tls-ca (PEM files, as --tls-cert, --tls-key
// and --tls-ca), ssl.client.auth and sasl.enabled.mechanisms. Each mistake is one line naming
// the flag.
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

const TLS_KEYS = ['tls-cert', 'tls-key', 'tls-ca', 'ssl.client.auth'] as const
const SASL_KEYS = ['sasl.enabled.mechanisms'] as const
const KEYS: readonly string[] = [...TLS_KEYS, ...SASL_KEYS]

/** How the settings' values are read: PEM files and mechanism lists, errors naming `where`. */
export interface ListenerConfigReaders {
  pem(where: string, file: string): string
  mechanisms(where: string, raw: string): SaslMechanism[]
}

/** A listener's own settings and the flag that gave each, for messages. */
export interface ListenerConfig {
  override: ListenerSecurityOverride
  where: Partial<Record<string, string>>
}

/**
 * The `--listener-config` values by listener name (the listeners as named, the first by its
 * protocol): each names a listener, a key its protocol uses, at most once per listener.
 */
export function parseListenerConfigFlags(
  values: readonly string[],
  listeners: readonly { name: string; securityProtocol: SecurityProtocol }[],
  read: ListenerConfigReaders
): Map<string, ListenerConfig> {
  const out = new Map<string, ListenerConfig>()
  for (const value of values) {
    const where = `--listener-config ${value}`
    const m = /^(?:listener\.name\.)?([A-Za-z][A-Za-z0-9_]*)\.([^=]+)=(.*)$/.exec(value)
    if (!m)
      throw new UsageError(
        `--listener-config takes NAME.KEY=VALUE (e.g. INTERNAL.ssl.client.auth=required), got '${value}'`
      )
    const [, rawName, key, raw] = m
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
    if ((SASL_KEYS as readonly string[]).includes(key) && !usesSasl(protocol))
      throw new UsageError(
        `${where}: listener ${listener.name} is ${protocol}, which asks for no SASL login`
      )
    const config = out.get(listener.name) ?? { override: {}, where: {} }
    out.set(listener.name, config)
    const before = config.where[key]
    if (before)
      throw new UsageError(`${where}: ${listener.name}'s ${key} is already given by ${before}`)
    config.where[key] = where
    const o = config.override
    if (key === 'tls-cert') o.tls = { ...o.tls, cert: read.pem(where, raw) }
    else if (key === 'tls-key') o.tls = { ...o.tls, key: read.pem(where, raw) }
    else if (key === 'tls-ca') o.tls = { ...o.tls, ca: raw === '' ? null : read.pem(where, raw) }
    else if (key === 'ssl.client.auth') {
      const auth = raw.toLowerCase()
      if (!(CLIENT_AUTH as readonly string[]).includes(auth))
        throw new UsageError(
          `${where}: ssl.client.auth must be one of ${CLIENT_AUTH.join(', ')}, got '${raw}'`
        )
      o.clientAuth = auth as ClientAuth
    } else o.saslMechanisms = read.mechanisms(where, raw)
  }
  return out
}
