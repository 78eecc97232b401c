// The broker configs Logdeck sets through flags of its own (--port, --security, --listener,
// --tls-cert/--tls-key/--tls-ca, --sasl.enabled.mechanisms, --listener-config ...), as Kafka
// describes a broker started with the equivalent server.properties: its listeners (where it binds
// and where it tells clients to connect) and their
// protocols, the SASL mechanisms offered, the TLS key store (PEM) and client authentication, each
// listener's own (Kafka's listener.name.<name>.* forms), and its node.id. A value the flags leave
// at Kafka's default is left to it (undefined).
import { endpointOn, type SimulatedBroker } from '../../cluster/brokers'
import type { RunningBrokerConfig } from '../../cluster/broker-configs'
import { hostPort } from '../advertised-listeners'
import {
  usesSasl,
  usesTls,
  type ClientAuth,
  type ListenerTls,
  type SecurityProtocol
} from './listener-security'
import { DEFAULT_SASL_MECHANISMS, type SaslMechanism } from './sasl-session'
import type { TlsParameters } from './tls-protocols'
import type { ListenerSecurityOverride } from './listener-overrides'

export interface RunningListener {
  name: string
  securityProtocol: SecurityProtocol
}

/** The TLS and SASL settings every listener shares, as the unprefixed ssl.* and sasl.* are. */
export interface SharedSecurity {
  tls?: ListenerTls
  saslMechanisms?: readonly SaslMechanism[]
  tlsParameters?: TlsParameters
  /** Kafka's ssl.keystore.* and ssl.truststore.* the PEM of `tls` was read from, as given. */
  sslConfigs?: Record<string, string>
}

/** A value for the PEM secrets Kafka describes without it (sensitive). */
const GIVEN = 'PEM'

/** TLS and SASL settings, every listener's or one listener's own. */
interface SecuritySettings {
  tls?: { cert?: unknown; ca?: unknown }
  saslMechanisms?: readonly SaslMechanism[]
  tlsParameters?: TlsParameters
  sslConfigs?: Record<string, string>
  clientAuth?: ClientAuth
  jaasConfigs?: readonly string[]
}

/**
 * The configs some settings give, by Kafka's unprefixed names: a key store or trust store given
 * as Kafka's configs as given, the PEM files of --tls-cert, --tls-key and --tls-ca as Kafka's PEM
 * configs; a JAAS config (a secret) by its mechanism.
 */
function securityConfigs(s: SecuritySettings): Record<string, string> {
  const out: Record<string, string> = {}
  if (s.saslMechanisms) out['sasl.enabled.mechanisms'] = s.saslMechanisms.join(',')
  for (const mechanism of s.jaasConfigs ?? []) out[`${mechanism}.sasl.jaas.config`] = GIVEN
  const { tls, tlsParameters, sslConfigs = {} } = s
  const given = (prefix: string) => Object.keys(sslConfigs).some((k) => k.startsWith(prefix))
  Object.assign(out, sslConfigs)
  if (tls?.cert !== undefined && !given('ssl.keystore.')) {
    out['ssl.keystore.type'] = 'PEM'
    out['ssl.keystore.certificate.chain'] = GIVEN
    out['ssl.keystore.key'] = GIVEN
  }
  if (tls?.ca && !given('ssl.truststore.')) {
    out['ssl.truststore.type'] = 'PEM'
    out['ssl.truststore.certificates'] = GIVEN
  }
  if (s.clientAuth) out['ssl.client.auth'] = s.clientAuth
  if (tlsParameters?.enabledProtocols)
    out['ssl.enabled.protocols'] = tlsParameters.enabledProtocols.join(',')
  if (tlsParameters?.cipherSuites)
    out['ssl.cipher.suites'] = tlsParameters.cipherSuites.map((c) => c.name).join(',')
  return out
}

/**
 * The running configuration's value of each config the flags set: per broker for listeners and
 * node.id / broker.id (nothing for null, every broker); the shared TLS and SASL settings for the
 * unprefixed ssl.* and sasl.enabled.mechanisms, when some listener speaks TLS or SASL; a
 * listener's own (--listener-config) for Kafka's listener.name.<name>.* forms of them.
 */
export function runningBrokerConfigs(
  listeners: readonly RunningListener[],
  security: SharedSecurity,
  /** Each listener's ssl.client.auth, its own or the shared one. */
  clientAuthOf: (listener: string) => ClientAuth,
  broker: (id: number) => Readonly<SimulatedBroker> | undefined,
  /** The interface the listeners bind to (listeners names it, advertised.listeners the host). */
  bindHost: string,
  /** Each listener's own settings, by listener name. */
  own: Readonly<Record<string, ListenerSecurityOverride>> = {}
): RunningBrokerConfig {
  const shared: Record<string, string> = {}
  // Kafka's default map names every protocol by itself: only other names need it.
  if (listeners.some((l) => l.name !== l.securityProtocol))
    shared['listener.security.protocol.map'] = listeners
      .map((l) => `${l.name}:${l.securityProtocol}`)
      .join(',')
  const sasl = listeners.some((l) => usesSasl(l.securityProtocol))
  const tlsListeners = listeners.filter((l) => usesTls(l.securityProtocol))
  // ssl.client.auth as every TLS listener has it (--tls-ca, --ssl.client.auth); where they
  // differ, each has its own (listener.name.<name>.ssl.client.auth) and the shared one is none.
  const auths = new Set(tlsListeners.map((l) => clientAuthOf(l.name)))
  const [auth] = auths
  Object.assign(
    shared,
    securityConfigs({
      ...(sasl ? { saslMechanisms: security.saslMechanisms ?? DEFAULT_SASL_MECHANISMS } : {}),
      ...(tlsListeners.length > 0
        ? {
            tls: security.tls,
            tlsParameters: security.tlsParameters,
            sslConfigs: security.sslConfigs,
            ...(auths.size === 1 && auth !== 'none' ? { clientAuth: auth } : {})
          }
        : {})
    })
  )
  for (const l of listeners) {
    const o = Object.hasOwn(own, l.name) ? own[l.name] : undefined
    if (!o) continue
    const prefix = `listener.name.${l.name.toLowerCase()}.`
    for (const [name, value] of Object.entries(securityConfigs(o))) shared[prefix + name] = value
  }

  return (name, brokerId) => {
    if (name in shared) return shared[name]
    if (brokerId === null) return undefined
    if (name === 'node.id' || name === 'broker.id') return String(brokerId)
    if (name !== 'listeners' && name !== 'advertised.listeners') return undefined
    const b = broker(brokerId)
    if (!b || b.endpoints.length === 0) return undefined
    // listeners where the broker binds; advertised.listeners where its clients are told to connect.
    const address =
      name === 'listeners'
        ? (e: (typeof b.endpoints)[number]) => ({ host: bindHost, port: e.port })
        : (e: (typeof b.endpoints)[number]) => endpointOn(b, e.listener)
    return b.endpoints.map((e) => `${e.listener}://${hostPort(address(e))}`).join(',')
  }
}
