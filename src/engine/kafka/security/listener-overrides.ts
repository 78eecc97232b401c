// One listener's own TLS and SASL settings, as Kafka's `listener.name.<name>.ssl.*`,
// `listener.name.<name>.ssl.client.auth` and `listener.name.<name>.sasl.enabled.mechanisms`:
// its certificate, key and CA, whether it asks for client certificates, and the SASL mechanisms
// it offers, each over the settings every listener shares.
import {
  usesSasl,
  usesTls,
  type ClientAuth,
  type ListenerTls,
  type SecurityProtocol
} from './listener-security'
import { DEFAULT_SASL_MECHANISMS, type SaslMechanism } from './sasl-session'
import { TlsParameterError, tlsVersionOptions, type TlsParameters } from './tls-protocols'
import type { PlainLoginsSource } from '../../../shared/api/users'

export interface ListenerSecurityOverride {
  /** Its own certificate and key (both), and/or CA of client certificates (null: none). */
  tls?: { cert?: string | Buffer; key?: string | Buffer; ca?: string | Buffer | null }
  /** ssl.client.auth; by default `required` where the listener has a CA, else `none`. */
  clientAuth?: ClientAuth
  /** sasl.enabled.mechanisms of this listener. */
  saslMechanisms?: readonly SaslMechanism[]
  /** Its own ssl.enabled.protocols and/or ssl.cipher.suites, each over the shared one. */
  tlsParameters?: TlsParameters
  /**
   * PLAIN logins from its listener.name.<name>.plain.sasl.jaas.config or its JAAS file section
   * (user_NAME options), checked instead of the cluster's SASL users; with plainUsersFrom an
   * empty map refuses every PLAIN login, as Kafka's PlainServerCallbackHandler does.
   */
  plainUsers?: ReadonlyMap<string, string>
  /** Where plainUsers come from. */
  plainUsersFrom?: PlainLoginsSource
  /** Kafka's ssl.keystore.* and ssl.truststore.* its `tls` was read from, as given. */
  sslConfigs?: Record<string, string>
  /**
   * The mechanisms whose JAAS config it was given (Kafka's spelling: plain, scram-sha-256), as
   * listener.name.<name>.<mechanism>.sasl.jaas.config.
   */
  jaasConfigs?: readonly string[]
}

/** Where PLAIN users come from, in words: `listener.name.x.plain.sasl.jaas.config`, a file's section. */
export function plainSourceText(source: PlainLoginsSource): string {
  return source.from === 'jaas-config'
    ? `its JAAS config ${source.key}`
    : `section ${source.section} of the JAAS file ${source.file}`
}

/** What one listener asks of its clients, its own settings over the shared ones. */
export interface ListenerSecurity {
  tls?: ListenerTls
  clientAuth: ClientAuth
  /** The mechanisms it offers, none unless it speaks SASL. */
  saslMechanisms: readonly SaslMechanism[]
  /** ssl.enabled.protocols and ssl.cipher.suites of a TLS listener, as given (own or shared). */
  tlsParameters: TlsParameters
  /** Its PLAIN logins from its JAAS config, when it has one; else the cluster's users. */
  plainUsers?: ReadonlyMap<string, string>
  /** Where plainUsers come from (set with them, unless they were given without a source). */
  plainUsersFrom?: PlainLoginsSource
}

/**
 * A listener's effective security: an Error names a setting its protocol has no use for, a TLS
 * listener without certificate and key, or client certificates asked for without a CA.
 */
export function listenerSecurityOf(
  listener: { name: string; securityProtocol: SecurityProtocol },
  shared: {
    tls?: ListenerTls
    saslMechanisms?: readonly SaslMechanism[]
    tlsParameters?: TlsParameters
  },
  own: ListenerSecurityOverride = {}
): ListenerSecurity {
  const { name, securityProtocol: protocol } = listener
  const tls = usesTls(protocol)
  if (!tls && (own.tls || own.clientAuth || own.tlsParameters))
    throw new Error(`listener ${name} (${protocol}) does not speak TLS: it takes no TLS settings`)
  if (!usesSasl(protocol) && own.saslMechanisms)
    throw new Error(`listener ${name} (${protocol}) asks for no SASL login: it takes no mechanisms`)
  if (!usesSasl(protocol) && own.plainUsers)
    throw new Error(`listener ${name} (${protocol}) asks for no SASL login: it takes no users`)
  const saslMechanisms = usesSasl(protocol)
    ? (own.saslMechanisms ?? shared.saslMechanisms ?? DEFAULT_SASL_MECHANISMS)
    : []
  // Users given without a source (startCluster's own) count only when there are some.
  const plainUsers =
    own.plainUsers && (own.plainUsers.size > 0 || own.plainUsersFrom)
      ? {
          plainUsers: own.plainUsers,
          ...(own.plainUsersFrom ? { plainUsersFrom: own.plainUsersFrom } : {})
        }
      : {}
  if (!tls) return { clientAuth: 'none', saslMechanisms, tlsParameters: {}, ...plainUsers }
  if ((own.tls?.cert === undefined) !== (own.tls?.key === undefined))
    throw new Error(`listener ${name}: its own certificate and key go together`)
  const cert = own.tls?.cert ?? shared.tls?.cert
  const key = own.tls?.key ?? shared.tls?.key
  if (cert === undefined || key === undefined)
    throw new Error(
      `${protocol} listener ${name} needs a certificate and key (--tls-cert, --tls-key)`
    )
  const ca = own.tls?.ca === undefined ? shared.tls?.ca : (own.tls.ca ?? undefined)
  const clientAuth = own.clientAuth ?? (ca ? 'required' : 'none')
  if (clientAuth !== 'none' && !ca)
    throw new Error(
      `listener ${name}: ssl.client.auth=${clientAuth} needs a CA of client certificates`
    )
  const enabledProtocols =
    own.tlsParameters?.enabledProtocols ?? shared.tlsParameters?.enabledProtocols
  // An own empty ssl.cipher.suites (null) is the default suites, whatever the shared one says.
  const cipherSuites =
    own.tlsParameters?.cipherSuites !== undefined
      ? own.tlsParameters.cipherSuites
      : shared.tlsParameters?.cipherSuites
  const tlsParameters = {
    ...(enabledProtocols ? { enabledProtocols } : {}),
    ...(cipherSuites ? { cipherSuites } : {})
  }
  try {
    tlsVersionOptions(tlsParameters)
  } catch (err) {
    if (err instanceof TlsParameterError)
      throw new Error(`listener ${name}: ${err.message}`, { cause: err })
    throw err
  }
  return {
    tls: { cert, key, ...(ca ? { ca } : {}) },
    clientAuth,
    saslMechanisms,
    tlsParameters,
    ...plainUsers
  }
}
