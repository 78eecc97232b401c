// startCluster's `sslConfigs`, for every TLS listener and per listener: Kafka's ssl.keystore.*,
// ssl.key.password, ssl.truststore.*, ssl.client.auth, ssl.enabled.protocols, ssl.cipher.suites
// and the rest, read as `logdeck serve --ssl.*` reads them (JKS, PKCS12, PEM); a mistake is an
// ApiError naming the option and the config.
import { ApiError } from '../shared/errors'
import { UsageError } from './cli-errors'
import { KAFKA_SSL_KEYS, readKafkaSsl, type KeystoreTls } from './keystores'
import { CLIENT_AUTH, type ClientAuth } from '../engine/kafka/security/listener-security'
import type { TlsParameters } from '../engine/kafka/security/tls-protocols'
import { readTlsParameters, TLS_PARAMETER_KEYS } from './tls-parameter-configs'

export interface SslConfigsRead {
  tls: KeystoreTls
  clientAuth?: ClientAuth
  /** ssl.enabled.protocols and ssl.cipher.suites, when given. */
  tlsParameters?: TlsParameters
  /** Kafka's ssl.keystore.* and ssl.truststore.* as given, which DescribeConfigs lists. */
  stores?: Record<string, string>
}

const KEYS: readonly string[] = [...KAFKA_SSL_KEYS, ...TLS_PARAMETER_KEYS, 'ssl.client.auth']

/** Whether the configs name a keystore (the brokers' certificate and key). */
export function givesKeystore(configs: Record<string, string> | undefined): boolean {
  return (
    configs?.['ssl.keystore.location'] !== undefined ||
    configs?.['ssl.keystore.certificate.chain'] !== undefined
  )
}

/** `configs` read at `where` (e.g. `listeners[1].sslConfigs`); the ApiError's field is `field`. */
export function readSslConfigs(
  configs: unknown,
  where: string,
  field: string
): SslConfigsRead | undefined {
  if (configs === undefined) return undefined
  const fail = (message: string) => new ApiError('BAD_REQUEST', message, field)
  if (typeof configs !== 'object' || configs === null || Array.isArray(configs))
    throw fail(`${where} must be an object of Kafka's ssl.* configs`)
  const given = configs as Record<string, unknown>
  for (const [key, value] of Object.entries(given)) {
    if (!KEYS.includes(key)) throw fail(`${where}: '${key}' is not one of ${KEYS.join(', ')}`)
    if (typeof value !== 'string') throw fail(`${where}['${key}'] must be a string`)
  }
  const get = (key: string) => given[key] as string | undefined
  let clientAuth: ClientAuth | undefined
  const auth = get('ssl.client.auth')
  if (auth !== undefined) {
    if (!(CLIENT_AUTH as readonly string[]).includes(auth.toLowerCase()))
      throw fail(`${where}['ssl.client.auth'] must be one of ${CLIENT_AUTH.join(', ')}`)
    clientAuth = auth.toLowerCase() as ClientAuth
  }
  try {
    const tls = readKafkaSsl(get, (key) => `${where}['${key}']`)
    const tlsParameters = readTlsParameters(get, (key) => `${where}['${key}']`)
    const stores = Object.fromEntries(
      KAFKA_SSL_KEYS.flatMap((key) => (get(key) === undefined ? [] : [[key, get(key)!]]))
    )
    return {
      tls,
      ...(clientAuth ? { clientAuth } : {}),
      ...(tlsParameters ? { tlsParameters } : {}),
      ...(Object.keys(stores).length > 0 ? { stores } : {})
    }
  } catch (err) {
    if (err instanceof UsageError) throw fail(err.message)
    throw err
  }
}
