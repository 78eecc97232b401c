// `logdeck serve --security ... --tls-cert --tls-key --tls-ca`: checked and read into what the
// listeners need (the first one, `--security`, and those of `--listener`, which share the
// certificate and the SASL users), each mistake one line naming the flag.
import { readFileSync } from 'node:fs'
import {
  CLIENT_AUTH,
  SECURITY_PROTOCOLS,
  usesSasl,
  usesTls,
  type ClientAuth,
  type ListenerTls,
  type SecurityProtocol
} from '../engine/kafka/security/listener-security'
import {
  SslPrincipalMapper,
  SslPrincipalMappingError
} from '../engine/kafka/security/ssl-principal'
import {
  DEFAULT_SASL_MECHANISMS,
  SASL_MECHANISMS,
  type SaslMechanism
} from '../engine/kafka/security/sasl-session'
import type { UnsecuredValidatorOptions } from '../engine/kafka/security/oauthbearer'
import type { JwksValidatorConfig } from '../engine/kafka/security/oauthbearer-jwks'
import { UsageError } from './cli-errors'
import type { ExtraListener } from '../engine/embedded-cluster'
import { parseListenerConfigFlags, type ListenerConfigValue } from './listener-config-flags'
import { KAFKA_SSL_KEYS, readKafkaSsl } from './keystores'
import { readTlsParameters, TLS_PARAMETER_KEYS } from './tls-parameter-configs'
import type { TlsParameters } from '../engine/kafka/security/tls-protocols'
import {
  listenerSecurityOf,
  type ListenerSecurityOverride
} from '../engine/kafka/security/listener-overrides'
import { readJaasFile, type JaasFileSource } from './jaas-login-file'

export interface ServeSecurity {
  protocol: SecurityProtocol
  /** The first listener's name, when it is not its protocol (a server.properties' listeners). */
  listenerName?: string
  tls?: ListenerTls
  /** SASL users from --user and --users. */
  users?: { name: string; password: string }[]
  /** connections.max.reauth.ms */
  maxReauthMs?: number
  /** sasl.enabled.mechanisms */
  saslMechanisms?: SaslMechanism[]
  /** The unsecured validator's options, or the JWKS's (jwks), when OAUTHBEARER is offered. */
  oauthBearer?: UnsecuredValidatorOptions & { jwks?: JwksValidatorConfig }
  /** ssl.principal.mapping.rules */
  sslPrincipalMappingRules?: string
  /** ssl.enabled.protocols and ssl.cipher.suites of every TLS listener without its own. */
  tlsParameters?: TlsParameters
  /** Kafka's ssl.keystore.* and ssl.truststore.* as given (--ssl.keystore.location ...). */
  sslConfigs?: Record<string, string>
  /** Listeners' own TLS and SASL settings (--listener-config), by listener name. */
  listeners?: Record<string, ListenerSecurityOverride>
  /** The JAAS file read (--jaas-config, KAFKA_OPTS) and what the listeners took of it. */
  jaasFile?: { shown: string; summary: string[] }
}

/** `NAME:PASSWORD` (the password may hold ':'); `where` names the flag or file line. */
function parseUser(text: string, where: string): { name: string; password: string } {
  const colon = text.indexOf(':')
  if (colon <= 0 || colon === text.length - 1)
    throw new UsageError(`${where} must be NAME:PASSWORD with neither empty`)
  const name = text.slice(0, colon)
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (/[\x00-\x1f\x7f]/.test(name))
    throw new UsageError(`${where}: the name has a control character`)
  return { name, password: text.slice(colon + 1) }
}

function readUsersFile(file: string): { name: string; password: string }[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new UsageError(
      `--users ${file} ${code === 'ENOENT' ? 'does not exist' : 'is not readable'}`
    )
  }
  return text.split(/\r?\n/).flatMap((line, i) => {
    const t = line.trim()
    if (t === '' || t.startsWith('#')) return []
    return [parseUser(t, `--users ${file} line ${i + 1}`)]
  })
}

function readPem(where: string, file: string): string {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable' : String(err)
    throw new UsageError(`${where} ${file} ${why}`)
  }
  if (!text.includes('-----BEGIN '))
    throw new UsageError(`${where} ${file} is not a PEM file (no -----BEGIN line)`)
  return text
}

const OAUTHBEARER_FLAGS = [
  'unsecuredValidatorPrincipalClaimName',
  'unsecuredValidatorScopeClaimName',
  'unsecuredValidatorRequiredScope',
  'unsecuredValidatorAllowableClockSkewMs'
] as const

const JWKS_FLAGS = [
  'sasl.oauthbearer.jwks.endpoint.refresh.ms',
  'sasl.oauthbearer.expected.audience',
  'sasl.oauthbearer.expected.issuer',
  'sasl.oauthbearer.sub.claim.name',
  'sasl.oauthbearer.scope.claim.name',
  'sasl.oauthbearer.clock.skew.seconds'
] as const

/** `--sasl.oauthbearer.jwks.endpoint.url` and the secured validator's flags (KIP-768). */
function readJwksConfig(
  flag: (name: string) => string | undefined,
  int: (name: string) => number
): JwksValidatorConfig | undefined {
  const url = flag('sasl.oauthbearer.jwks.endpoint.url')
  const other = JWKS_FLAGS.find((f) => flag(f) !== undefined)
  if (url === undefined) {
    if (other)
      throw new UsageError(`--${other} needs --sasl.oauthbearer.jwks.endpoint.url (signed tokens)`)
    return undefined
  }
  let protocol = ''
  try {
    protocol = new URL(url).protocol
  } catch {
    // refused below
  }
  if (!['file:', 'http:', 'https:'].includes(protocol))
    throw new UsageError(
      `--sasl.oauthbearer.jwks.endpoint.url must be a file:, http: or https: URL, got '${url}'`
    )
  const unsecured = OAUTHBEARER_FLAGS.find((f) => flag(f) !== undefined)
  if (unsecured)
    throw new UsageError(
      `--${unsecured} is an option of the unsecured validator, not used with --sasl.oauthbearer.jwks.endpoint.url`
    )
  const audience = (flag('sasl.oauthbearer.expected.audience') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  const issuer = flag('sasl.oauthbearer.expected.issuer')
  return {
    endpointUrl: url,
    refreshMs: int('sasl.oauthbearer.jwks.endpoint.refresh.ms'),
    ...(audience.length > 0 ? { expectedAudience: audience } : {}),
    ...(issuer !== undefined ? { expectedIssuer: issuer } : {}),
    subClaimName:
      claimName('sasl.oauthbearer.sub.claim.name', flag('sasl.oauthbearer.sub.claim.name')) ??
      'sub',
    scopeClaimName:
      claimName('sasl.oauthbearer.scope.claim.name', flag('sasl.oauthbearer.scope.claim.name')) ??
      'scope',
    clockSkewSeconds: int('sasl.oauthbearer.clock.skew.seconds')
  }
}

/** `--sasl.enabled.mechanisms PLAIN,OAUTHBEARER`: known names, none twice, at least one. */
function readMechanisms(raw: string, where = '--sasl.enabled.mechanisms'): SaslMechanism[] {
  const names = raw
    .split(',')
    .map((m) => m.trim().toUpperCase())
    .filter((m) => m !== '')
  if (names.length === 0) throw new UsageError(`${where} must name at least one mechanism`)
  for (const m of names)
    if (!(SASL_MECHANISMS as readonly string[]).includes(m))
      throw new UsageError(`${where}: '${m}' is not one of ${SASL_MECHANISMS.join(', ')}`)
  return [...new Set(names)] as SaslMechanism[]
}

/** A claim name: not empty, no control characters. */
function claimName(flag: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (raw.trim() === '' || /[\x00-\x1f\x7f]/.test(raw))
    throw new UsageError(`--${flag} must be a claim name, got '${raw}'`)
  return raw.trim()
}

export function readListenerSecurity(
  flag: (name: string) => string | undefined,
  userFlags: string[] = [],
  maxReauthMs = 0,
  allowableClockSkewMs = 0,
  int: (name: string) => number = () => 0,
  listeners: readonly ExtraListener[] = [],
  listenerConfigs: readonly (string | ListenerConfigValue)[] = [],
  listenerName?: string,
  jaasSource?: JaasFileSource
): ServeSecurity {
  const raw = flag('security') ?? 'plaintext'
  const protocol = raw.toUpperCase() as SecurityProtocol
  if (!SECURITY_PROTOCOLS.includes(protocol))
    throw new UsageError(
      `--security must be one of ${SECURITY_PROTOCOLS.map((p) => p.toLowerCase()).join(', ')}, got '${raw}'`
    )
  const named = listenerName ? { listenerName } : {}
  const all = [
    { name: listenerName ?? protocol, securityProtocol: protocol, port: 0 },
    ...listeners
  ]
  const own = parseListenerConfigFlags(listenerConfigs, all, {
    pem: readPem,
    mechanisms: (where, raw) => readMechanisms(raw, where),
    kafkaSsl: readKafkaSsl
  })
  const sasl = usesSasl(protocol) || listeners.some((l) => usesSasl(l.securityProtocol))
  const usersFile = flag('users')
  if (!sasl && (userFlags.length > 0 || usersFile))
    throw new UsageError(
      `${userFlags.length > 0 ? '--user' : '--users'} needs --security sasl_plaintext or sasl_ssl, or a SASL --listener (got ${raw})`
    )
  const users = sasl
    ? [
        ...userFlags.map((u) => parseUser(u, '--user')),
        ...(usersFile ? readUsersFile(usersFile) : [])
      ]
    : undefined
  const mechanismsFlag = flag('sasl.enabled.mechanisms')
  if (!sasl && mechanismsFlag !== undefined)
    throw new UsageError(
      `--sasl.enabled.mechanisms needs --security sasl_plaintext or sasl_ssl, or a SASL --listener (got ${raw})`
    )
  const saslMechanisms = sasl
    ? mechanismsFlag !== undefined
      ? readMechanisms(mechanismsFlag)
      : [...DEFAULT_SASL_MECHANISMS]
    : []
  // A JAAS file's sections, under each listener's own JAAS configs (Kafka's precedence).
  let jaasFile: ServeSecurity['jaasFile']
  let fileOptions = new Map<string, { value: string; where: string }>()
  if (jaasSource) {
    const use = readJaasFile(
      jaasSource,
      all.map((l) => {
        const c = own.get(l.name)
        return {
          name: l.name,
          securityProtocol: l.securityProtocol,
          mechanisms: c?.override.saslMechanisms ?? saslMechanisms,
          ownConfigs: new Set(
            Object.keys(c?.where ?? {})
              .filter((k) => k.endsWith('.sasl.jaas.config'))
              .map((k) => k.slice(0, -'.sasl.jaas.config'.length))
          )
        }
      })
    )
    for (const [name, { users, section }] of use.plainUsers) {
      const c = own.get(name) ?? { override: {}, where: {} }
      c.override.plainUsers = users
      c.override.plainUsersFrom = { from: 'jaas-file', file: jaasSource.path, section }
      own.set(name, c)
    }
    jaasFile = { shown: jaasSource.shown, summary: use.summary }
    fileOptions = use.oauthBearerOptions
  }
  // The flags (and a server.properties' own OAUTHBEARER JAAS config) win over the file's options.
  const flagOrFile = (name: string) => flag(name) ?? fileOptions.get(name)?.value
  const oauthBearerOn =
    saslMechanisms.includes('OAUTHBEARER') ||
    [...own.values()].some((c) => c.override.saslMechanisms?.includes('OAUTHBEARER'))
  const oauthFlag = [
    ...OAUTHBEARER_FLAGS,
    'sasl.oauthbearer.jwks.endpoint.url',
    ...JWKS_FLAGS
  ].find((f) => flag(f) !== undefined)
  if (oauthFlag && !oauthBearerOn)
    throw new UsageError(
      `--${oauthFlag} needs OAUTHBEARER in --sasl.enabled.mechanisms (with --security sasl_plaintext or sasl_ssl) or in a SASL listener's (--listener-config NAME.sasl.enabled.mechanisms)`
    )
  const jwks = oauthBearerOn ? readJwksConfig(flag, int) : undefined
  if (jwks && fileOptions.size > 0)
    jaasFile?.summary.push(
      `${[...fileOptions.keys()].join(', ')} not used: tokens are checked with the JWKS of --sasl.oauthbearer.jwks.endpoint.url`
    )
  const requiredScope = flagOrFile('unsecuredValidatorRequiredScope')
  const skew = fileOptions.get('unsecuredValidatorAllowableClockSkewMs')
  if (skew && flag('unsecuredValidatorAllowableClockSkewMs') === undefined) {
    if (!/^\d+$/.test(skew.value) || Number(skew.value) > 3_600_000)
      throw new UsageError(
        `${skew.where}: unsecuredValidatorAllowableClockSkewMs must be a whole number from 0 to 3600000, got '${skew.value}'`
      )
    allowableClockSkewMs = Number(skew.value)
  }
  const oauthBearer: ServeSecurity['oauthBearer'] = jwks
    ? { jwks }
    : oauthBearerOn
      ? {
          principalClaimName:
            claimName(
              'unsecuredValidatorPrincipalClaimName',
              flagOrFile('unsecuredValidatorPrincipalClaimName')
            ) ?? 'sub',
          scopeClaimName:
            claimName(
              'unsecuredValidatorScopeClaimName',
              flagOrFile('unsecuredValidatorScopeClaimName')
            ) ?? 'scope',
          requiredScope: (requiredScope ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
          allowableClockSkewMs
        }
      : undefined
  const saslPart = {
    ...(sasl
      ? { users, maxReauthMs, saslMechanisms, ...(oauthBearer ? { oauthBearer } : {}) }
      : {}),
    ...(jaasFile ? { jaasFile } : {})
  }
  const listenerPart = () =>
    own.size > 0
      ? { listeners: Object.fromEntries([...own].map(([name, c]) => [name, c.override])) }
      : {}
  const certFile = flag('tls-cert')
  const keyFile = flag('tls-key')
  const caFile = flag('tls-ca')
  const clientAuthFlag = flag('ssl.client.auth')
  const mappingRules = flag('ssl.principal.mapping.rules')
  const tlsListeners = all.filter((l) => usesTls(l.securityProtocol))
  if (tlsListeners.length === 0) {
    const given = [
      certFile && '--tls-cert',
      keyFile && '--tls-key',
      caFile && '--tls-ca',
      ...[...KAFKA_SSL_KEYS, ...TLS_PARAMETER_KEYS, 'ssl.client.auth'].map(
        (k) => flag(k) !== undefined && `--${k}`
      )
    ].filter(Boolean)
    if (given.length > 0)
      throw new UsageError(
        `${given.join(', ')} need${given.length === 1 ? 's' : ''} --security ssl or sasl_ssl, or a TLS --listener (got ${raw})`
      )
    if (mappingRules !== undefined) throw mappingRulesMisplaced()
    return { protocol, ...named, ...saslPart, ...listenerPart() }
  }
  // Kafka's ssl.keystore.* and ssl.truststore.*, in place of --tls-cert, --tls-key and --tls-ca.
  const kafkaSsl = readKafkaSsl(flag, (k) => `--${k}`)
  const tlsParameters = readTlsParameters(flag, (k) => `--${k} ${flag(k)}`)
  if (kafkaSsl.cert !== undefined && (certFile || keyFile))
    throw new UsageError(
      `--ssl.keystore.* and ${certFile ? '--tls-cert' : '--tls-key'} both give the brokers' certificate: give one`
    )
  if (kafkaSsl.ca !== undefined && caFile)
    throw new UsageError(`--ssl.truststore.* and --tls-ca both give the CA: give one`)
  const keystoreWhere =
    flag('ssl.keystore.location') !== undefined
      ? `--ssl.keystore.location ${flag('ssl.keystore.location')}`
      : '--ssl.keystore.certificate.chain'
  const truststoreWhere =
    flag('ssl.truststore.location') !== undefined
      ? `--ssl.truststore.location ${flag('ssl.truststore.location')}`
      : '--ssl.truststore.certificates'
  let clientAuth: ClientAuth | undefined
  if (clientAuthFlag !== undefined) {
    if (!(CLIENT_AUTH as readonly string[]).includes(clientAuthFlag.toLowerCase()))
      throw new UsageError(
        `--ssl.client.auth must be one of ${CLIENT_AUTH.join(', ')}, got '${clientAuthFlag}'`
      )
    clientAuth = clientAuthFlag.toLowerCase() as ClientAuth
  }
  // Every TLS listener without its own ssl.client.auth takes --ssl.client.auth; as in Kafka, a
  // truststore given by ssl.truststore.* asks for no client certificate unless it says so.
  for (const l of tlsListeners) {
    const c = own.get(l.name) ?? { override: {}, where: {} }
    if (c.override.clientAuth !== undefined) continue
    const trustOnly =
      c.where.truststore !== undefined ||
      (c.override.tls?.ca === undefined && kafkaSsl.ca !== undefined)
    const auth = clientAuth ?? (trustOnly ? 'none' : undefined)
    if (auth === undefined) continue
    c.override.clientAuth = auth
    c.where['ssl.client.auth'] = `--ssl.client.auth ${auth}`
    own.set(l.name, c)
  }
  // Every TLS listener without a certificate of its own takes --tls-cert and --tls-key.
  const needing = tlsListeners.find((l) => own.get(l.name)?.override.tls?.cert === undefined)
  const sharedPair = (certFile && keyFile) || kafkaSsl.cert !== undefined
  if ((needing || caFile || kafkaSsl.ca !== undefined) && !sharedPair) {
    const who =
      !needing || needing === all[0]
        ? `--security ${raw}`
        : `--listener ${needing.name}=${needing.securityProtocol.toLowerCase()}:${needing.port}`
    throw new UsageError(
      `${who} needs --tls-cert and --tls-key (logdeck certs writes a development pair), or --ssl.keystore.location`
    )
  }
  const ca = caFile ? readPem('--tls-ca', caFile) : kafkaSsl.ca
  const listenerTls: ListenerTls | undefined =
    certFile && keyFile
      ? { cert: readPem('--tls-cert', certFile), key: readPem('--tls-key', keyFile) }
      : kafkaSsl.cert !== undefined && kafkaSsl.key !== undefined
        ? { cert: kafkaSsl.cert, key: kafkaSsl.key }
        : undefined
  if (listenerTls && ca !== undefined) listenerTls.ca = ca
  if (listenerTls)
    checkTlsPair(
      listenerTls,
      certFile ? `--tls-cert ${certFile}` : keystoreWhere,
      keyFile ? `--tls-key ${keyFile}` : keystoreWhere
    )
  if (listenerTls?.ca) checkCa(listenerTls.ca, caFile ? `--tls-ca ${caFile}` : truststoreWhere)
  // Each listener's own certificate, key and CA, and what comes of them with the shared ones.
  const clientAuthOn: string[] = []
  for (const l of tlsListeners) {
    const c = own.get(l.name)
    const o = c?.override.tls
    if ((o?.cert === undefined) !== (o?.key === undefined)) {
      const [given, missing] =
        o?.cert === undefined ? ['tls-key', 'tls-cert'] : ['tls-cert', 'tls-key']
      throw new UsageError(`${c!.where[given]} needs ${l.name}.${missing} too`)
    }
    if (o?.cert !== undefined && o.key !== undefined)
      checkTlsPair({ cert: o.cert, key: o.key }, c!.where['tls-cert']!, c!.where['tls-key']!)
    if (o?.ca) checkCa(o.ca, c!.where['tls-ca']!)
    const auth = c?.override.clientAuth
    if (auth && auth !== 'none' && !(o?.ca ?? (o?.ca === null ? null : listenerTls?.ca)))
      throw new UsageError(
        `${c!.where['ssl.client.auth']}: ${l.name} has no CA of client certificates (--tls-ca, --ssl.truststore.location or ${l.name}.tls-ca)`
      )
    let effective
    try {
      effective = listenerSecurityOf(l, { tls: listenerTls, tlsParameters }, c?.override)
    } catch (err) {
      // ssl.cipher.suites that leave none of ssl.enabled.protocols, named by the flags given.
      const from = (['ssl.cipher.suites', 'ssl.enabled.protocols'] as const).map(
        (k) => c?.where[k] ?? (flag(k) !== undefined ? `--${k} ${flag(k)}` : undefined)
      )
      const message = err instanceof Error ? err.message : String(err)
      const given = from.filter(Boolean)
      throw new UsageError(given.length > 0 ? `${given.join(' with ')}: ${message}` : message)
    }
    if (effective.clientAuth !== 'none' && l.securityProtocol === 'SSL') clientAuthOn.push(l.name)
  }
  if (mappingRules !== undefined) {
    if (clientAuthOn.length === 0) throw mappingRulesMisplaced()
    try {
      new SslPrincipalMapper(mappingRules)
    } catch (err) {
      if (err instanceof SslPrincipalMappingError) throw new UsageError(`--${err.message}`)
      throw err
    }
  }
  const sslConfigs = Object.fromEntries(
    KAFKA_SSL_KEYS.flatMap((k) => (flag(k) === undefined ? [] : [[k, flag(k)!]]))
  )
  return {
    protocol,
    ...named,
    ...(listenerTls ? { tls: listenerTls } : {}),
    ...(tlsParameters ? { tlsParameters } : {}),
    ...(Object.keys(sslConfigs).length > 0 ? { sslConfigs } : {}),
    ...saslPart,
    ...listenerPart(),
    ...(mappingRules !== undefined ? { sslPrincipalMappingRules: mappingRules } : {})
  }
}

function mappingRulesMisplaced(): UsageError {
  return new UsageError(
    '--ssl.principal.mapping.rules needs --security ssl and --tls-ca, or an ssl --listener and --tls-ca (client certificates name the principal only there)'
  )
}

/** A certificate and key that belong together (node:tls loads only when a listener speaks TLS). */
function checkTlsPair(
  t: { cert: string | Buffer; key: string | Buffer },
  certWhere: string,
  keyWhere: string
): void {
  try {
    process.getBuiltinModule('node:tls').createSecureContext({ cert: t.cert, key: t.key })
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err)
    throw new UsageError(
      /mismatch/i.test(msg)
        ? `${keyWhere} is not the key of ${certWhere}`
        : `${certWhere} / ${keyWhere} cannot be used: ${msg}`
    )
  }
}

function checkCa(ca: string | Buffer, where: string): void {
  // A PEM file of no certificate (a key given by mistake) is taken by OpenSSL as no CA at all,
  // and every client certificate would then be refused.
  if (!/-----BEGIN [A-Z0-9 ]*CERTIFICATE-----/.test(ca.toString()))
    throw new UsageError(`${where} holds no certificate (PEM)`)
  try {
    process.getBuiltinModule('node:tls').createSecureContext({ ca })
  } catch (err) {
    throw new UsageError(
      `${where} cannot be used: ${err instanceof Error ? err.message : String(err)}`
    )
  }
}
