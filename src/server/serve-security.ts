// `logdeck serve --security ... --tls-cert --tls-key --tls-ca`: checked and read into what the
// listeners need (the first one, `--security`, and those of `--listener`, which share the
// certificate and the SASL users), each mistake one line naming the flag.
import { readFileSync } from 'node:fs'
import {
  SECURITY_PROTOCOLS,
  usesSasl,
  usesTls,
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

export interface ServeSecurity {
  protocol: SecurityProtocol
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

function readPem(flag: string, file: string): string {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable' : String(err)
    throw new UsageError(`--${flag} ${file} ${why}`)
  }
  if (!text.includes('-----BEGIN '))
    throw new UsageError(`--${flag} ${file} is not a PEM file (no -----BEGIN line)`)
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
function readMechanisms(raw: string): SaslMechanism[] {
  const names = raw
    .split(',')
    .map((m) => m.trim().toUpperCase())
    .filter((m) => m !== '')
  if (names.length === 0)
    throw new UsageError('--sasl.enabled.mechanisms must name at least one mechanism')
  for (const m of names)
    if (!(SASL_MECHANISMS as readonly string[]).includes(m))
      throw new UsageError(
        `--sasl.enabled.mechanisms: '${m}' is not one of ${SASL_MECHANISMS.join(', ')}`
      )
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
  listeners: readonly ExtraListener[] = []
): ServeSecurity {
  const raw = flag('security') ?? 'plaintext'
  const protocol = raw.toUpperCase() as SecurityProtocol
  if (!SECURITY_PROTOCOLS.includes(protocol))
    throw new UsageError(
      `--security must be one of ${SECURITY_PROTOCOLS.map((p) => p.toLowerCase()).join(', ')}, got '${raw}'`
    )
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
  const oauthBearerOn = saslMechanisms.includes('OAUTHBEARER')
  const oauthFlag = [
    ...OAUTHBEARER_FLAGS,
    'sasl.oauthbearer.jwks.endpoint.url',
    ...JWKS_FLAGS
  ].find((f) => flag(f) !== undefined)
  if (oauthFlag && !oauthBearerOn)
    throw new UsageError(
      `--${oauthFlag} needs OAUTHBEARER in --sasl.enabled.mechanisms (with --security sasl_plaintext or sasl_ssl)`
    )
  const jwks = oauthBearerOn ? readJwksConfig(flag, int) : undefined
  const requiredScope = flag('unsecuredValidatorRequiredScope')
  const oauthBearer: ServeSecurity['oauthBearer'] = jwks
    ? { jwks }
    : oauthBearerOn
      ? {
          principalClaimName:
            claimName(
              'unsecuredValidatorPrincipalClaimName',
              flag('unsecuredValidatorPrincipalClaimName')
            ) ?? 'sub',
          scopeClaimName:
            claimName(
              'unsecuredValidatorScopeClaimName',
              flag('unsecuredValidatorScopeClaimName')
            ) ?? 'scope',
          requiredScope: (requiredScope ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
          allowableClockSkewMs
        }
      : undefined
  const saslPart = sasl
    ? { users, maxReauthMs, saslMechanisms, ...(oauthBearer ? { oauthBearer } : {}) }
    : {}
  const certFile = flag('tls-cert')
  const keyFile = flag('tls-key')
  const caFile = flag('tls-ca')
  const mappingRules = flag('ssl.principal.mapping.rules')
  if (mappingRules !== undefined) {
    if ((protocol !== 'SSL' && !listeners.some((l) => l.securityProtocol === 'SSL')) || !caFile)
      throw new UsageError(
        '--ssl.principal.mapping.rules needs --security ssl and --tls-ca, or an ssl --listener and --tls-ca (client certificates name the principal only there)'
      )
    try {
      new SslPrincipalMapper(mappingRules)
    } catch (err) {
      if (err instanceof SslPrincipalMappingError) throw new UsageError(`--${err.message}`)
      throw err
    }
  }
  const tlsListener = listeners.find((l) => usesTls(l.securityProtocol))
  if (!usesTls(protocol) && !tlsListener) {
    const given = [certFile && '--tls-cert', keyFile && '--tls-key', caFile && '--tls-ca'].filter(
      Boolean
    )
    if (given.length > 0)
      throw new UsageError(
        `${given.join(', ')} need${given.length === 1 ? 's' : ''} --security ssl or sasl_ssl, or a TLS --listener (got ${raw})`
      )
    return { protocol, ...saslPart }
  }
  if (!certFile || !keyFile) {
    const needing =
      usesTls(protocol) || !tlsListener
        ? `--security ${raw}`
        : `--listener ${tlsListener.name}=${tlsListener.securityProtocol.toLowerCase()}:${tlsListener.port}`
    throw new UsageError(
      `${needing} needs --tls-cert and --tls-key (logdeck certs writes a development pair)`
    )
  }
  const listenerTls: ListenerTls = {
    cert: readPem('tls-cert', certFile),
    key: readPem('tls-key', keyFile),
    ...(caFile ? { ca: readPem('tls-ca', caFile) } : {})
  }
  // node:tls loads only when a listener speaks TLS.
  const tls = process.getBuiltinModule('node:tls')
  try {
    tls.createSecureContext({ cert: listenerTls.cert, key: listenerTls.key })
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err)
    throw new UsageError(
      /mismatch/i.test(msg)
        ? `--tls-key ${keyFile} is not the key of --tls-cert ${certFile}`
        : `--tls-cert ${certFile} / --tls-key ${keyFile} cannot be used: ${msg}`
    )
  }
  if (listenerTls.ca) {
    try {
      tls.createSecureContext({ ca: listenerTls.ca })
    } catch (err) {
      throw new UsageError(
        `--tls-ca ${caFile} cannot be used: ${err instanceof Error ? err.message : String(err)}`
      )
    }
  }
  return {
    protocol,
    tls: listenerTls,
    ...saslPart,
    ...(mappingRules !== undefined ? { sslPrincipalMappingRules: mappingRules } : {})
  }
}
