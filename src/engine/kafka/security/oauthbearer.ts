// SASL/OAUTHBEARER (RFC 7628, KIP-255) with Kafka's default unsecured validator
// (OAuthBearerUnsecuredValidatorCallbackHandler), or the secured one when a JWKS is configured
// (oauthbearer-jws.ts, oauthbearer-jwks.ts): the client's initial response
// `n,[a=authzid],\x01auth=Bearer <token>\x01[key=value\x01...]\x01` carries an unsecured JWS
// (`alg: none`, no signature) whose principal claim (`sub` by default) names the user. A token
// that fails the checks is answered with RFC 7628's error JSON as a challenge; the client's
// `\x01` reply then ends the exchange with a failure, as Kafka's OAuthBearerSaslServer does.
import { SaslAuthenticationError } from '../../security/scram'

/** The unsecured validator's options (Kafka's JAAS options of the same names). */
export interface UnsecuredValidatorOptions {
  /** unsecuredValidatorPrincipalClaimName: the claim naming the principal; `sub` by default. */
  principalClaimName?: string
  /** unsecuredValidatorScopeClaimName: the claim holding the token's scope; `scope` by default. */
  scopeClaimName?: string
  /** unsecuredValidatorRequiredScope: scope values every token must hold; none by default. */
  requiredScope?: readonly string[]
  /** unsecuredValidatorAllowableClockSkewMs: leeway on exp and iat; 0 by default. */
  allowableClockSkewMs?: number
}

/**
 * How OAUTHBEARER tokens are checked: Kafka's unsecured validator with its options, unless a
 * secured validator (signed tokens, a JWKS) is given, which then checks every token.
 */
export interface OAuthBearerOptions extends UnsecuredValidatorOptions {
  secured?: (token: string, now: number) => ValidToken | TokenFailure
}

/** A token that passed: its principal and when it expires (ms since the epoch). */
export interface ValidToken {
  principal: string
  expiresAtMs: number
  scope: string[]
}

/** Why a token failed: RFC 7628's status (and scope), and the reason for the log. */
export interface TokenFailure {
  status: 'invalid_token' | 'insufficient_scope'
  scope?: string
  reason: string
}

class IllegalToken extends Error {
  constructor(
    reason: string,
    readonly scope?: string
  ) {
    super(reason)
  }
}

function decodeJsonObject(part: string, what: string): Record<string, unknown> {
  if (!/^[A-Za-z0-9_-]*$/.test(part))
    throw new IllegalToken(`Invalid unsecured JWS: the ${what} is not Base64URL`)
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
  } catch {
    throw new IllegalToken(`Invalid unsecured JWS: the ${what} is not JSON`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new IllegalToken(`Invalid unsecured JWS: the ${what} is not a JSON object`)
  return value as Record<string, unknown>
}

function numberClaim(claims: Record<string, unknown>, name: string): number | undefined {
  const v = claims[name]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new IllegalToken(`The '${name}' claim was not of type Number: ${JSON.stringify(v)}`)
  return v
}

function scopeOf(claims: Record<string, unknown>, name: string): string[] {
  const v = claims[name]
  if (v === undefined || v === null) return []
  if (typeof v === 'string') return v.split(' ').filter((s) => s !== '')
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[]
  throw new IllegalToken(`The '${name}' claim was not a String or a List of Strings`)
}

/**
 * Kafka's unsecured validator: a compact JWS `header.claims.` with `alg: none` and no
 * signature; the principal claim a non-blank string; `exp` present and after now (less the
 * clock skew); `iat`, when present, not after now (plus the skew); `exp` after `nbf` (or `iat`)
 * when either is present; every required scope value in the token's scope.
 */
export function validateUnsecuredToken(
  token: string,
  options: UnsecuredValidatorOptions = {},
  now = Date.now()
): ValidToken | TokenFailure {
  const principalClaim = options.principalClaimName || 'sub'
  const scopeClaim = options.scopeClaimName || 'scope'
  const skew = options.allowableClockSkewMs ?? 0
  try {
    // Java's split drops a trailing empty part: `header.claims.` and `header.claims` both pass.
    const parts = token.split('.')
    if (parts.length === 3 && parts[2] === '') parts.pop()
    if (parts.length !== 2)
      throw new IllegalToken(
        parts.length === 3
          ? 'Unsecured JWS must not have a signature'
          : 'Unsecured JWS compact serializations must have 3 dot-separated Base64URL-encoded values'
      )
    const header = decodeJsonObject(parts[0], 'header')
    const claims = decodeJsonObject(parts[1], 'claims set')
    if (header.alg !== 'none')
      throw new IllegalToken(
        `Unsecured JWS must have 'none' for its algorithm (alg), got ${JSON.stringify(header.alg ?? null)}`
      )
    const exp = numberClaim(claims, 'exp')
    if (exp === undefined) throw new IllegalToken('No expiration time (exp) in JWT')
    const principal = claims[principalClaim]
    if (principal !== undefined && principal !== null && typeof principal !== 'string')
      throw new IllegalToken(
        `The '${principalClaim}' claim was not of type String: ${JSON.stringify(principal)}`
      )
    if (typeof principal !== 'string' || principal.trim() === '')
      throw new IllegalToken(`No principal name in JWT claim: ${principalClaim}`)
    const iat = numberClaim(claims, 'iat')
    const nbf = numberClaim(claims, 'nbf')
    const scope = scopeOf(claims, scopeClaim)
    const expMs = exp * 1000
    if (iat !== undefined && iat * 1000 > now + skew)
      throw new IllegalToken(
        `The Issued At value (${iat} seconds) was after the indicated time (${now} ms) plus allowable clock skew (${skew} ms)`
      )
    if (now - skew >= expMs)
      throw new IllegalToken(
        `The indicated time (${now} ms) minus allowable clock skew (${skew} ms) was on or after the Expiration Time value (${exp} seconds)`
      )
    const start = nbf ?? iat
    if (start !== undefined && expMs <= start * 1000)
      throw new IllegalToken(
        `The Expiration Time time (${exp} seconds) was not after the ${nbf !== undefined ? 'Not Before' : 'Issued At'} time (${start} seconds)`
      )
    const required = options.requiredScope ?? []
    for (const s of required)
      if (!scope.includes(s))
        throw new IllegalToken(
          `The provided scope (${JSON.stringify(scope)}) was missing a required scope (${s}). All required scope elements: ${JSON.stringify(required)}`,
          required.join(' ')
        )
    return { principal, expiresAtMs: expMs, scope }
  } catch (err) {
    if (!(err instanceof IllegalToken)) throw err
    return err.scope !== undefined
      ? { status: 'insufficient_scope', scope: err.scope, reason: err.message }
      : { status: 'invalid_token', reason: err.message }
  }
}

export function isTokenFailure(v: ValidToken | TokenFailure): v is TokenFailure {
  return 'status' in v
}

/** RFC 7628's error JSON, as Kafka writes it. */
export function errorChallenge(failure: TokenFailure): string {
  return failure.scope !== undefined
    ? `{"status":"${failure.status}", "scope":"${failure.scope}"}`
    : `{"status":"${failure.status}"}`
}

export interface ClientInitialResponse {
  authorizationId: string
  token: string
  extensions: Record<string, string>
}

const SASLNAME = '(?:[\\x01-\\x2B\\x2D-\\x3C\\x3E-\\x7F]|=2C|=3D)+'
const KVPAIRS = '(?:[A-Za-z]+=[\\x21-\\x7E \\t\\r\\n]+\\x01)*'
const INITIAL_RESPONSE = new RegExp(`^n,(?:a=(${SASLNAME}))?,\\x01(${KVPAIRS})\\x01$`)
const AUTH = /^(\w+) +([-_.a-zA-Z0-9]+)$/

/** Kafka's generic failure for a message it cannot read (it gives no detail to the client). */
const UNREADABLE =
  'Authentication failed during authentication due to invalid credentials with SASL mechanism OAUTHBEARER'

/** Parses `n,[a=authzid],\x01auth=Bearer <token>\x01...\x01` (Kafka's OAuthBearerClientInitialResponse). */
export function parseClientInitialResponse(bytes: Buffer): ClientInitialResponse | string {
  const m = INITIAL_RESPONSE.exec(bytes.toString('utf8'))
  if (!m) return 'Invalid OAUTHBEARER client first message'
  const properties: Record<string, string> = {}
  for (const pair of m[2].split('\x01')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    properties[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  const auth = properties.auth
  if (auth === undefined) return "Invalid OAUTHBEARER client first message: 'auth' not specified"
  delete properties.auth
  const a = AUTH.exec(auth)
  if (!a) return "Invalid OAUTHBEARER client first message: invalid 'auth' format"
  if (a[1].toLowerCase() !== 'bearer')
    return `Invalid scheme in OAUTHBEARER client first message: ${a[1]}`
  const authzid = (m[1] ?? '').replace(/=2C/g, ',').replace(/=3D/g, '=')
  return { authorizationId: authzid, token: a[2], extensions: properties }
}

export interface OAuthBearerStep {
  response: Buffer
  /** The principal's name once the token passed. */
  user?: string
  /** When the token expires (ms since the epoch), once it passed. */
  expiresAtMs?: number
}

/** The server's side of one OAUTHBEARER exchange (Kafka's OAuthBearerSaslServer). */
export class OAuthBearerServerExchange {
  /** The challenge sent for a failed token, until the client's `\x01` ends the exchange. */
  private errorMessage: string | null = null
  /** Why the last token failed, for the log line. */
  failureReason: string | null = null

  constructor(private readonly options: OAuthBearerOptions = {}) {}

  /** The refused token's challenge and why, while the client has not ended the exchange. */
  get pendingFailure(): string | null {
    return this.errorMessage === null ? null : `${this.errorMessage} (${this.failureReason})`
  }

  step(bytes: Buffer, now = Date.now()): OAuthBearerStep {
    if (bytes.length === 1 && bytes[0] === 0x01 && this.errorMessage !== null)
      throw new SaslAuthenticationError(this.errorMessage)
    this.errorMessage = null
    const initial = parseClientInitialResponse(bytes)
    if (typeof initial === 'string') {
      this.failureReason = initial
      throw new SaslAuthenticationError(UNREADABLE)
    }
    const checked = this.options.secured
      ? this.options.secured(initial.token, now)
      : validateUnsecuredToken(initial.token, this.options, now)
    if (isTokenFailure(checked)) {
      this.errorMessage = errorChallenge(checked)
      this.failureReason = checked.reason
      return { response: Buffer.from(this.errorMessage, 'utf8') }
    }
    if (initial.authorizationId !== '' && initial.authorizationId !== checked.principal)
      throw new SaslAuthenticationError(
        `Authentication failed: Client requested an authorization id (${initial.authorizationId}) that is different from the token's principal name (${checked.principal})`
      )
    return { response: Buffer.alloc(0), user: checked.principal, expiresAtMs: checked.expiresAtMs }
  }
}
