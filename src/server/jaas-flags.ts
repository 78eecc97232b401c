// A listener's listener.name.<name>.<mechanism>.sasl.jaas.config, as server.properties,
// --listener-config and --broker-config give it: PLAIN's (PlainLoginModule) may list the
// listener's PLAIN logins as user_NAME="PASSWORD" options, SCRAM's (ScramLoginModule) carries no
// users (SCRAM credentials stay the cluster's). Its username and password options are a
// broker's own login to other brokers, which simulated brokers do not make. A mistake is a
// UsageError naming where the value came from.
import {
  JaasConfigError,
  parseJaasConfig,
  plainJaasUsers,
  PLAIN_LOGIN_MODULE,
  SCRAM_LOGIN_MODULE
} from '../engine/security/jaas-config'
import { UsageError } from './cli-errors'

/**
 * A listener's JAAS config's one login module, or a UsageError naming `where`: as Kafka's
 * JaasContext, a config of more than one module is refused (Kafka does not start).
 */
export function parseJaasNaming(where: string, raw: string): ReturnType<typeof parseJaasConfig> {
  let entries
  try {
    entries = parseJaasConfig(raw)
  } catch (err) {
    if (err instanceof JaasConfigError)
      throw new UsageError(`${where}: not a JAAS configuration: ${err.message}`)
    throw err
  }
  if (entries.length !== 1)
    throw new UsageError(
      `${where}: JAAS config property contains ${entries.length} login modules, should be 1 module (${entries.map((e) => e.loginModule.split('.').pop()).join(', ')}); Kafka does not start with it`
    )
  return entries
}

/** The mechanisms whose JAAS config a listener takes, as Kafka spells them in the key. */
export const JAAS_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const

/** `plain.sasl.jaas.config` and the SCRAM ones: the keys a listener's JAAS config goes under. */
export const JAAS_KEYS: readonly string[] = JAAS_MECHANISMS.map((m) => `${m}.sasl.jaas.config`)

/**
 * The PLAIN logins a listener's JAAS config gives (an empty map for SCRAM's, and for a PLAIN one
 * without user_ options, where Kafka refuses every PLAIN login), or a UsageError naming `where`.
 */
export function readListenerJaas(where: string, key: string, raw: string): Map<string, string> {
  const mechanism = key.slice(0, key.indexOf('.sasl.jaas.config')).toLowerCase()
  const entries = parseJaasNaming(where, raw)
  const expected = mechanism === 'plain' ? PLAIN_LOGIN_MODULE : SCRAM_LOGIN_MODULE
  const other = entries.find((e) => e.loginModule !== expected)
  if (other)
    throw new UsageError(
      `${where}: ${mechanism.toUpperCase()}'s login module is ${expected}, got ${other.loginModule} (Logdeck loads no Java classes)`
    )
  return plainJaasUsers(entries)
}
