// Kafka's secured OAUTHBEARER validator (KIP-768, OAuthBearerValidatorCallbackHandler): a
// compact JWS signed with RS256/384/512, PS256/384/512 or ES256/384/512 by a key of the JWKS, or
// HS256/384/512 with a symmetric (`oct`) key of it, chosen by its `kid`; `alg: none` refused. The claims are checked as jose4j's JwtConsumer does
// for Kafka (exp and iat required, nbf with the clock skew, aud by jose4j's audience rule, iss
// when expected), then the principal (sasl.oauthbearer.sub.claim.name) and the scope as Kafka
// reads them.
import {
  constants,
  createHmac,
  timingSafeEqual,
  verify,
  type JsonWebKey,
  type KeyObject
} from 'node:crypto'
import type { TokenFailure, ValidToken } from './oauthbearer'

/** A key of the JWKS, with the public (or, `oct`, secret) key node:crypto made of it. */
export interface VerificationKey {
  jwk: JsonWebKey & { kid?: string; use?: string; alg?: string }
  key: KeyObject
}

/** Kafka's sasl.oauthbearer.* options of the secured validator. */
export interface SecuredValidatorOptions {
  /** sasl.oauthbearer.expected.audience: one of these must be in aud; if empty, aud must be absent. */
  expectedAudience?: readonly string[]
  /** sasl.oauthbearer.expected.issuer: iss must be this; unchecked if absent. */
  expectedIssuer?: string
  /** sasl.oauthbearer.sub.claim.name: `sub` by default. */
  subClaimName?: string
  /** sasl.oauthbearer.scope.claim.name: `scope` by default. */
  scopeClaimName?: string
  /** sasl.oauthbearer.clock.skew.seconds: 30 by default. */
  clockSkewSeconds?: number
}

interface Algorithm {
  kty: 'RSA' | 'EC' | 'oct'
  hash: string
  pss?: boolean
  curve?: string
  /** HMAC: the least key size jose4j takes (the hash's output), in bits. */
  hmacMinBits?: number
}

const ALGORITHMS: Record<string, Algorithm> = {
  RS256: { kty: 'RSA', hash: 'sha256' },
  RS384: { kty: 'RSA', hash: 'sha384' },
  RS512: { kty: 'RSA', hash: 'sha512' },
  PS256: { kty: 'RSA', hash: 'sha256', pss: true },
  PS384: { kty: 'RSA', hash: 'sha384', pss: true },
  PS512: { kty: 'RSA', hash: 'sha512', pss: true },
  ES256: { kty: 'EC', hash: 'sha256', curve: 'P-256' },
  ES384: { kty: 'EC', hash: 'sha384', curve: 'P-384' },
  ES512: { kty: 'EC', hash: 'sha512', curve: 'P-521' },
  HS256: { kty: 'oct', hash: 'sha256', hmacMinBits: 256 },
  HS384: { kty: 'oct', hash: 'sha384', hmacMinBits: 384 },
  HS512: { kty: 'oct', hash: 'sha512', hmacMinBits: 512 }
}

class InvalidToken extends Error {}

function decodePart(part: string, what: string): Record<string, unknown> {
  let value: unknown
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(part)) throw new Error()
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
  } catch {
    throw new InvalidToken(`the JWS ${what} is not Base64URL-encoded JSON`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidToken(`the JWS ${what} is not a JSON object`)
  return value as Record<string, unknown>
}

function numericDate(claims: Record<string, unknown>, name: string, label: string): number {
  const v = claims[name]
  if (v === undefined || v === null) throw new InvalidToken(`No ${label} (${name}) claim present.`)
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new InvalidToken(`The value of the '${name}' claim is not the expected type`)
  return v
}

/** The keys a token's header may be verified with: its kid's (or, without kid, every key). */
function candidates(
  header: Record<string, unknown>,
  alg: string,
  a: Algorithm,
  keys: readonly VerificationKey[]
): VerificationKey[] {
  const kid = header.kid
  return keys.filter(
    ({ jwk }) =>
      (kid === undefined || jwk.kid === kid) &&
      jwk.kty === a.kty &&
      (a.curve === undefined || jwk.crv === a.curve) &&
      (jwk.use === undefined || jwk.use === 'sig') &&
      (jwk.alg === undefined || jwk.alg === alg)
  )
}

function signatureValid(a: Algorithm, data: Buffer, signature: Buffer, key: KeyObject): boolean {
  if (a.hmacMinBits !== undefined) {
    const bits = (key.symmetricKeySize ?? 0) * 8
    if (bits < a.hmacMinBits)
      throw new InvalidToken(
        `A key of the same size as the hash output (i.e. ${a.hmacMinBits} bits for ${a.hash.replace('sha', 'HS')}) or larger MUST be used with the HMAC SHA algorithms but this key is only ${bits} bits`
      )
    const mac = createHmac(a.hash, key).update(data).digest()
    return mac.length === signature.length && timingSafeEqual(mac, signature)
  }
  try {
    if (a.kty === 'EC') return verify(a.hash, data, { key, dsaEncoding: 'ieee-p1363' }, signature)
    if (a.pss)
      return verify(
        a.hash,
        data,
        {
          key,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: constants.RSA_PSS_SALTLEN_DIGEST
        },
        signature
      )
    return verify(a.hash, data, key, signature)
  } catch {
    return false
  }
}

/**
 * jose4j's audience rule as Kafka's validator builds it: with expected audiences, aud is
 * required and must hold one of them; without, jose4j's default still applies, and a token
 * that carries an aud claim (any value) is refused, one without aud passes.
 */
function checkAudience(aud: unknown, expected: readonly string[]): void {
  if (aud === undefined || aud === null) {
    if (expected.length > 0) throw new InvalidToken('No Audience (aud) claim present.')
    return
  }
  const auds = typeof aud === 'string' ? [aud] : aud
  if (!Array.isArray(auds) || !auds.every((x) => typeof x === 'string'))
    throw new InvalidToken("The value of the 'aud' claim is not the expected type")
  if (auds.some((x) => expected.includes(x))) return
  const why =
    expected.length === 0
      ? 'present in the JWT but no expected audience value(s) were provided to the JWT Consumer.'
      : "doesn't contain an acceptable identifier."
  const wanted = expected.length === 1 ? expected[0] : `one of ${JSON.stringify(expected)}`
  throw new InvalidToken(
    `Audience (aud) claim ${JSON.stringify(auds)} ${why} Expected ${wanted} as an aud value.`
  )
}

export interface SignedTokenCheck {
  result: ValidToken | TokenFailure
  /** The token's kid when no key of the JWKS has it (the key source may look again). */
  unknownKid?: string
}

/** Checks a signed token against the JWKS's keys, as Kafka's secured validator does. */
export function validateSignedToken(
  token: string,
  keys: readonly VerificationKey[],
  options: SecuredValidatorOptions = {},
  now = Date.now()
): SignedTokenCheck {
  let unknownKid: string | undefined
  try {
    const parts = token.split('.')
    if (parts.length !== 3)
      throw new InvalidToken(
        'a JWS compact serialization must have 3 dot-separated Base64URL-encoded parts'
      )
    const header = decodePart(parts[0], 'header')
    const alg = header.alg
    if (alg === 'none' || alg === undefined || alg === null)
      throw new InvalidToken(
        `'${String(alg ?? 'none')}' is not a permitted algorithm: signed tokens are required`
      )
    const a = typeof alg === 'string' ? ALGORITHMS[alg] : undefined
    if (!a) throw new InvalidToken(`'${String(alg)}' is not a supported algorithm`)
    if (header.kid !== undefined && typeof header.kid !== 'string')
      throw new InvalidToken('the key ID (kid) header is not a string')
    const claims = decodePart(parts[1], 'payload')
    const signature = Buffer.from(parts[2], 'base64url')
    const usable = candidates(header, alg as string, a, keys)
    if (usable.length === 0) {
      const kid = header.kid
      if (typeof kid === 'string' && !keys.some((k) => k.jwk.kid === kid)) unknownKid = kid
      throw new InvalidToken(
        `Unable to find a suitable verification key for JWS w/ header ${JSON.stringify(header)}`
      )
    }
    const data = Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii')
    if (!usable.some((k) => signatureValid(a, data, signature, k.key)))
      throw new InvalidToken(`JWS signature is invalid: ${JSON.stringify(header)}`)
    const skewMs = (options.clockSkewSeconds ?? 30) * 1000
    const skewNote = `(even when providing ${options.clockSkewSeconds ?? 30} seconds of leeway to account for clock skew)`
    const exp = numericDate(claims, 'exp', 'Expiration Time')
    numericDate(claims, 'iat', 'Issued At')
    if (now >= exp * 1000 + skewMs)
      throw new InvalidToken(
        `The JWT is no longer valid - the evaluation time ${Math.floor(now / 1000)} is on or after the Expiration Time (exp=${exp}) claim value ${skewNote}.`
      )
    if (claims.nbf !== undefined) {
      const nbf = numericDate(claims, 'nbf', 'Not Before')
      if (now + skewMs < nbf * 1000)
        throw new InvalidToken(
          `The JWT is not yet valid as the evaluation time ${Math.floor(now / 1000)} is before the Not Before (nbf=${nbf}) claim time ${skewNote}.`
        )
    }
    checkAudience(claims.aud, options.expectedAudience ?? [])
    if (options.expectedIssuer !== undefined) {
      const iss = claims.iss
      if (iss === undefined || iss === null)
        throw new InvalidToken('No Issuer (iss) claim present.')
      if (iss !== options.expectedIssuer)
        throw new InvalidToken(
          `Issuer (iss) claim value (${String(iss)}) doesn't match expected value of ${options.expectedIssuer}`
        )
    }
    const subClaim = options.subClaimName || 'sub'
    const sub = claims[subClaim]
    if (sub === undefined || sub === null)
      throw new InvalidToken(`${subClaim} value must be non-null`)
    if (typeof sub !== 'string')
      throw new InvalidToken(`The value of the '${subClaim}' claim is not the expected type`)
    if (sub.trim() === '') throw new InvalidToken(`${subClaim} value must be non-empty`)
    const scopeClaim = options.scopeClaimName || 'scope'
    const rawScope = claims[scopeClaim]
    let scope: string[] = []
    if (typeof rawScope === 'string') scope = rawScope.split(' ').filter((s) => s !== '')
    else if (Array.isArray(rawScope) && rawScope.every((s) => typeof s === 'string'))
      scope = rawScope as string[]
    else if (rawScope !== undefined && rawScope !== null)
      throw new InvalidToken(`The value of the '${scopeClaim}' claim is not the expected type`)
    return { result: { principal: sub.trim(), expiresAtMs: exp * 1000, scope } }
  } catch (err) {
    if (!(err instanceof InvalidToken)) throw err
    return {
      result: {
        status: 'invalid_token',
        reason: `Could not validate the access token: ${err.message}`
      },
      ...(unknownKid !== undefined ? { unknownKid } : {})
    }
  }
}
