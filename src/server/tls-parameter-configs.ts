// Kafka's ssl.* configs of a TLS listener beyond its certificates: ssl.enabled.protocols,
// ssl.protocol and ssl.cipher.suites, which Node's TLS honours, and the configs that choose Java
// classes and algorithms (ssl.provider, ssl.keymanager.algorithm, ssl.trustmanager.algorithm,
// ssl.secure.random.implementation, ssl.engine.factory.class, and
// ssl.endpoint.identification.algorithm, which only a broker's own connections to other brokers
// use), which are taken where they name what Kafka's default JVM uses anyway and refused
// otherwise. Read for `logdeck serve --ssl.*`,
// `--listener-config NAME.ssl.*` and startCluster's sslConfigs; a mistake is a UsageError naming
// where the value came from.
import {
  checkSslProtocol,
  parseCipherSuites,
  parseEnabledProtocols,
  TlsParameterError,
  type TlsParameters
} from '../engine/kafka/security/tls-protocols'
import { UsageError } from './cli-errors'

/**
 * The Java-only configs and the values taken for each: those of Kafka's default JVM (OpenJDK on
 * Linux), which change nothing here, where TLS is Node's OpenSSL. JCA algorithm names are
 * matched in any case, as Java matches them; provider and class names exactly.
 */
const JAVA_CONFIGS = {
  'ssl.provider': { values: ['SunJSSE'], anyCase: false, what: 'a Java security provider' },
  'ssl.keymanager.algorithm': {
    values: ['SunX509', 'NewSunX509', 'PKIX'],
    anyCase: true,
    what: 'a Java KeyManagerFactory algorithm'
  },
  'ssl.trustmanager.algorithm': {
    values: ['PKIX', 'SunPKIX', 'X509', 'X.509', 'SunX509'],
    anyCase: true,
    what: 'a Java TrustManagerFactory algorithm'
  },
  'ssl.secure.random.implementation': {
    values: ['NativePRNG', 'NativePRNGBlocking', 'NativePRNGNonBlocking', 'DRBG', 'SHA1PRNG'],
    anyCase: true,
    what: 'a Java SecureRandom algorithm'
  },
  'ssl.engine.factory.class': {
    values: ['org.apache.kafka.common.security.ssl.DefaultSslEngineFactory'],
    anyCase: false,
    what: 'a Java class'
  },
  // On a broker it checks the host names of the brokers it connects to itself (inter-broker
  // TLS), which simulated brokers do not do; empty turns it off, as production configs often do.
  'ssl.endpoint.identification.algorithm': {
    values: ['https', 'ldaps'],
    anyCase: true,
    what: 'a Java endpoint identification algorithm'
  }
} as const

/** The configs read here, under Kafka's names. */
export const TLS_PARAMETER_KEYS = [
  'ssl.enabled.protocols',
  'ssl.protocol',
  'ssl.cipher.suites',
  ...(Object.keys(JAVA_CONFIGS) as (keyof typeof JAVA_CONFIGS)[])
] as const
type TlsParameterKey = (typeof TLS_PARAMETER_KEYS)[number]

/**
 * The parameters the configs give (none when they give none); `get` reads a config, `where`
 * names it in messages (a flag, a listener's config, an option).
 */
export function readTlsParameters(
  get: (key: TlsParameterKey) => string | undefined,
  where: (key: TlsParameterKey) => string
): TlsParameters | undefined {
  const parsed = <T>(key: TlsParameterKey, parse: (raw: string) => T): T | undefined => {
    const raw = get(key)
    if (raw === undefined) return undefined
    try {
      return parse(raw)
    } catch (err) {
      if (err instanceof TlsParameterError) throw new UsageError(`${where(key)}: ${err.message}`)
      throw err
    }
  }
  parsed('ssl.protocol', checkSslProtocol)
  for (const [key, spec] of Object.entries(JAVA_CONFIGS) as [
    keyof typeof JAVA_CONFIGS,
    (typeof JAVA_CONFIGS)[keyof typeof JAVA_CONFIGS]
  ][]) {
    const raw = get(key)?.trim()
    if (raw === undefined || raw === '') continue
    const same = (v: string) => (spec.anyCase ? v.toLowerCase() === raw.toLowerCase() : v === raw)
    if (!spec.values.some(same))
      throw new UsageError(
        `${where(key)}: '${raw}' is ${spec.what}, which Logdeck cannot load (its TLS is Node's OpenSSL); only what Kafka's default JVM uses is taken, which changes nothing here: ${spec.values.join(', ')}`
      )
  }
  const enabledProtocols = parsed('ssl.enabled.protocols', parseEnabledProtocols)
  const cipherSuites = parsed('ssl.cipher.suites', parseCipherSuites)
  if (enabledProtocols === undefined && cipherSuites === undefined) return undefined
  return {
    ...(enabledProtocols ? { enabledProtocols } : {}),
    ...(cipherSuites !== undefined ? { cipherSuites } : {})
  }
}
