// Kafka's ssl.enabled.protocols, ssl.protocol and ssl.cipher.suites of a TLS listener, read
// under Kafka's (Java's) names into what Node's TLS server takes: a range of protocol versions
// (minVersion to maxVersion) and a `ciphers` string. Each mistake is a TlsParameterError whose
// message names the value; the caller names the config or flag.
import { cipherSuiteNamed, type CipherSuite } from './cipher-suites'

/** The protocol versions Node's TLS speaks, oldest first, under Java's names. */
export const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const
export type TlsVersion = (typeof TLS_VERSIONS)[number]

/** Kafka's default ssl.enabled.protocols. */
export const DEFAULT_ENABLED_PROTOCOLS: readonly TlsVersion[] = ['TLSv1.2', 'TLSv1.3']

/** What a TLS listener negotiates; Kafka's defaults (and Node's default suites) when absent. */
export interface TlsParameters {
  /** ssl.enabled.protocols: one range of TLS_VERSIONS, oldest first. */
  enabledProtocols?: readonly TlsVersion[]
  /** ssl.cipher.suites; Node's default suites when absent or null (given empty). */
  cipherSuites?: readonly CipherSuite[] | null
}

export class TlsParameterError extends Error {}

/** Protocols Java names that Node's TLS cannot enable, and why. */
const REFUSED_PROTOCOLS: Record<string, string> = {
  SSLv3: "Node's TLS does not speak SSLv3 (nor does a current JVM, which disables it)",
  SSLv2Hello: "Node's TLS does not take SSLv2-format ClientHellos",
  'DTLSv1.0': "DTLS is for datagrams; Kafka's listeners speak TLS over TCP",
  'DTLSv1.2': "DTLS is for datagrams; Kafka's listeners speak TLS over TCP"
}

const list = (raw: string) =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')

/**
 * ssl.enabled.protocols, e.g. `TLSv1.2,TLSv1.3`: Java's names, as Java takes them (case
 * matters). Empty, Kafka leaves the JVM's defaults, which on a current JVM are its own defaults
 * (TLSv1.2,TLSv1.3). Node enables one range of versions, so a list with a gap (TLSv1.1,TLSv1.3)
 * is refused.
 */
export function parseEnabledProtocols(raw: string): TlsVersion[] {
  const names = list(raw)
  if (names.length === 0) return [...DEFAULT_ENABLED_PROTOCOLS]
  const versions = new Set<TlsVersion>()
  for (const name of names) {
    if ((TLS_VERSIONS as readonly string[]).includes(name)) {
      versions.add(name as TlsVersion)
      continue
    }
    const known = [...TLS_VERSIONS, ...Object.keys(REFUSED_PROTOCOLS)].find(
      (p) => p.toLowerCase() === name.toLowerCase()
    )
    if (known && known !== name)
      throw new TlsParameterError(`'${name}' is not a protocol name: Java's is ${known}`)
    if (known) throw new TlsParameterError(`${name} cannot be enabled: ${REFUSED_PROTOCOLS[known]}`)
    throw new TlsParameterError(`'${name}' is not a TLS protocol (${TLS_VERSIONS.join(', ')})`)
  }
  const sorted = TLS_VERSIONS.filter((v) => versions.has(v))
  const from = TLS_VERSIONS.indexOf(sorted[0])
  const to = TLS_VERSIONS.indexOf(sorted[sorted.length - 1])
  const gap = TLS_VERSIONS.slice(from, to + 1).filter((v) => !versions.has(v))
  if (gap.length > 0)
    throw new TlsParameterError(
      `${sorted.join(',')} leaves out ${gap.join(', ')}: Node's TLS enables one range of versions (from its oldest to its newest), so list ${TLS_VERSIONS.slice(from, to + 1).join(',')} or fewer`
    )
  return sorted
}

/**
 * ssl.cipher.suites, e.g. `TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_AES_128_GCM_SHA256`:
 * Kafka's (Java's) names or OpenSSL's, in any case; null when empty (the default suites).
 */
export function parseCipherSuites(raw: string): CipherSuite[] | null {
  const names = list(raw)
  if (names.length === 0) return null
  const suites = new Map<string, CipherSuite>()
  for (const name of names) {
    const suite = cipherSuiteNamed(name)
    if (suite === undefined)
      throw new TlsParameterError(
        `'${name}' is not a cipher suite Node's OpenSSL offers (Kafka's names, e.g. TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 or TLS_AES_128_GCM_SHA256, or OpenSSL's, e.g. ECDHE-RSA-AES256-GCM-SHA384)`
      )
    if (suite) suites.set(suite.name, suite)
  }
  return [...suites.values()]
}

/** The SSLContext protocols of Java's default provider (SunJSSE) a TCP listener can use. */
const SSL_CONTEXT_PROTOCOLS = ['TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1', 'TLS', 'SSLv3', 'SSL']

/**
 * ssl.protocol (default TLSv1.3): the protocol of the broker's SSLContext. On a broker it limits
 * nothing: Kafka enables ssl.enabled.protocols on every engine, and Java's server-side contexts
 * offer every protocol whatever their own. So it is checked (Java's names, in any case, as
 * SSLContext.getInstance takes them) and otherwise changes nothing.
 */
export function checkSslProtocol(raw: string): string {
  const name = SSL_CONTEXT_PROTOCOLS.find((p) => p.toLowerCase() === raw.trim().toLowerCase())
  if (name) return name
  if (/^dtls/i.test(raw.trim()))
    throw new TlsParameterError(`${raw}: ${REFUSED_PROTOCOLS['DTLSv1.2']}`)
  throw new TlsParameterError(
    `'${raw}' is not an SSLContext protocol of Java's default provider (${SSL_CONTEXT_PROTOCOLS.join(', ')})`
  )
}

/** What a listener's handshakes may use: the versions (oldest first) and Node's options. */
export interface TlsVersionOptions {
  versions: TlsVersion[]
  minVersion: TlsVersion
  maxVersion: TlsVersion
  ciphers?: string
}

/**
 * Node's minVersion, maxVersion and ciphers for the parameters. As with Java's engines, a version
 * none of the suites is for cannot be negotiated (TLS 1.3 suites serve TLS 1.3 only, the others
 * the versions before it); parameters that leave no version at all are refused.
 */
export function tlsVersionOptions(p: TlsParameters = {}): TlsVersionOptions {
  const enabled = p.enabledProtocols ?? DEFAULT_ENABLED_PROTOCOLS
  const suites = p.cipherSuites ?? undefined
  const versions = suites
    ? enabled.filter((v) => suites.some((s) => s.tls13 === (v === 'TLSv1.3')))
    : [...enabled]
  if (versions.length === 0)
    throw new TlsParameterError(
      `ssl.cipher.suites ${suites!.map((s) => s.name).join(',') || '(none)'} has no suite for ssl.enabled.protocols ${enabled.join(',')} (TLS 1.3 suites serve TLSv1.3 only, the others the versions before it)`
    )
  const minVersion = versions[0]
  // OpenSSL's default security level refuses TLS 1.0 and 1.1 handshakes (their signatures use
  // SHA-1): enabled by name, they are served, at level 0.
  const legacy = minVersion === 'TLSv1' || minVersion === 'TLSv1.1'
  const ciphers = suites
    ? suites.map((s) => s.openssl).join(':')
    : legacy
      ? process.getBuiltinModule('node:tls').DEFAULT_CIPHERS
      : undefined
  return {
    versions,
    minVersion,
    maxVersion: versions[versions.length - 1],
    ...(ciphers ? { ciphers: legacy ? `${ciphers}:@SECLEVEL=0` : ciphers } : {})
  }
}

/**
 * What a listener's parameters change from Kafka's defaults, for people: `TLSv1.3`, `cipher
 * suites TLS_AES_128_GCM_SHA256`; nothing for the defaults.
 */
export function describeTlsParameters(p: TlsParameters): string[] {
  const { versions } = tlsVersionOptions(p)
  const byDefault = versions.join() === DEFAULT_ENABLED_PROTOCOLS.join()
  return [
    ...(byDefault ? [] : [versions.join(',')]),
    ...(p.cipherSuites ? [`cipher suites ${p.cipherSuites.map((s) => s.name).join(',')}`] : [])
  ]
}
