// Kafka's ssl.cipher.suites names suites as Java does (the IANA names,
// TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384); Node's TLS takes OpenSSL's names for TLS 1.2 and
// earlier (ECDHE-RSA-AES256-GCM-SHA384) and the IANA names for TLS 1.3, in one `ciphers` string.
// The suites below are those Node's OpenSSL offers (`openssl ciphers -stdname` against
// tls.getCiphers()), without the PSK and SRP ones, which Kafka has no configs for.

/** TLS 1.3 suites: the same name in Java, IANA and Node. */
const TLS13_SUITES = [
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_128_CCM_SHA256',
  'TLS_AES_128_CCM_8_SHA256'
] as const

/** TLS 1.2 (and earlier) suites: the IANA (Java) name and OpenSSL's. */
const TLS12_SUITES: readonly (readonly [iana: string, openssl: string])[] = [
  ['TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'ECDHE-ECDSA-AES256-GCM-SHA384'],
  ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'ECDHE-RSA-AES256-GCM-SHA384'],
  ['TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', 'DHE-RSA-AES256-GCM-SHA384'],
  ['TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', 'ECDHE-ECDSA-CHACHA20-POLY1305'],
  ['TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 'ECDHE-RSA-CHACHA20-POLY1305'],
  ['TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 'DHE-RSA-CHACHA20-POLY1305'],
  ['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'ECDHE-ECDSA-AES128-GCM-SHA256'],
  ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'ECDHE-RSA-AES128-GCM-SHA256'],
  ['TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', 'DHE-RSA-AES128-GCM-SHA256'],
  ['TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384', 'ECDHE-ECDSA-AES256-SHA384'],
  ['TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384', 'ECDHE-RSA-AES256-SHA384'],
  ['TLS_DHE_RSA_WITH_AES_256_CBC_SHA256', 'DHE-RSA-AES256-SHA256'],
  ['TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256', 'ECDHE-ECDSA-AES128-SHA256'],
  ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', 'ECDHE-RSA-AES128-SHA256'],
  ['TLS_DHE_RSA_WITH_AES_128_CBC_SHA256', 'DHE-RSA-AES128-SHA256'],
  ['TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA', 'ECDHE-ECDSA-AES256-SHA'],
  ['TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', 'ECDHE-RSA-AES256-SHA'],
  ['TLS_DHE_RSA_WITH_AES_256_CBC_SHA', 'DHE-RSA-AES256-SHA'],
  ['TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', 'ECDHE-ECDSA-AES128-SHA'],
  ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'ECDHE-RSA-AES128-SHA'],
  ['TLS_DHE_RSA_WITH_AES_128_CBC_SHA', 'DHE-RSA-AES128-SHA'],
  ['TLS_RSA_WITH_AES_256_GCM_SHA384', 'AES256-GCM-SHA384'],
  ['TLS_RSA_WITH_AES_128_GCM_SHA256', 'AES128-GCM-SHA256'],
  ['TLS_RSA_WITH_AES_256_CBC_SHA256', 'AES256-SHA256'],
  ['TLS_RSA_WITH_AES_128_CBC_SHA256', 'AES128-SHA256'],
  ['TLS_RSA_WITH_AES_256_CBC_SHA', 'AES256-SHA'],
  ['TLS_RSA_WITH_AES_128_CBC_SHA', 'AES128-SHA']
]

/** Java's signalling suite for secure renegotiation (RFC 5746), which OpenSSL always sends. */
const RENEGOTIATION_SCSV = 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV'

export interface CipherSuite {
  /** Kafka's (Java's, IANA's) name. */
  name: string
  /** The name Node's `ciphers` takes. */
  openssl: string
  /** A TLS 1.3 suite (used only with TLS 1.3), else one of TLS 1.2 and before. */
  tls13: boolean
}

/**
 * A suite by its Java/IANA name or its OpenSSL name (any case); null for Java's renegotiation
 * SCSV, which changes nothing here; undefined for a name Node's OpenSSL does not offer.
 */
export function cipherSuiteNamed(name: string): CipherSuite | null | undefined {
  const upper = name.toUpperCase()
  if (upper === RENEGOTIATION_SCSV) return null
  const tls13 = TLS13_SUITES.find((s) => s === upper)
  if (tls13) return { name: tls13, openssl: tls13, tls13: true }
  const row = TLS12_SUITES.find(([iana, openssl]) => iana === upper || openssl === upper)
  return row ? { name: row[0], openssl: row[1], tls13: false } : undefined
}
