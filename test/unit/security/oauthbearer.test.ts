// SASL/OAUTHBEARER with Kafka's unsecured validator: which tokens pass and why the others fail,
// the RFC 7628 client initial response, the error challenge and the client's \x01 that ends a
// failed exchange, and the session lifetime a token's exp bounds (KIP-368).
import { describe, expect, it } from 'vitest'
import {
  parseClientInitialResponse,
  validateUnsecuredToken
} from '../../../src/engine/kafka/security/oauthbearer'
import { SaslSession, type SaslSettings } from '../../../src/engine/kafka/security/sasl-session'

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0)
const S = NOW / 1000

const b64 = (v: unknown) =>
  Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url')
/** An unsecured JWS as librdkafka and Kafka's login module build it: `header.claims.` */
const jws = (claims: unknown, header: unknown = { alg: 'none' }) => `${b64(header)}.${b64(claims)}.`
const initial = (token: string, authzid = '', extra = '') =>
  Buffer.from(`n,${authzid ? `a=${authzid}` : ''},\x01auth=Bearer ${token}\x01${extra}\x01`)

describe('the unsecured validator', () => {
  it('passes a token with alg none, a sub and an exp to come; the principal is sub', () => {
    expect(validateUnsecuredToken(jws({ sub: 'alice', iat: S, exp: S + 3600 }), {}, NOW)).toEqual({
      principal: 'alice',
      expiresAtMs: NOW + 3_600_000,
      scope: []
    })
    // Without the trailing dot, and without iat (Kafka does not require it).
    const t = jws({ sub: 'bob', exp: S + 60, scope: 'read write' }).slice(0, -1)
    expect(validateUnsecuredToken(t, {}, NOW)).toEqual({
      principal: 'bob',
      expiresAtMs: NOW + 60_000,
      scope: ['read', 'write']
    })
  })

  it.each([
    [
      'an expired token',
      jws({ sub: 'alice', iat: S - 7200, exp: S - 3600 }),
      /on or after the Expiration Time/
    ],
    ['exp exactly now', jws({ sub: 'alice', exp: S }), /on or after the Expiration Time/],
    ['no exp', jws({ sub: 'alice', iat: S }), /No expiration time/],
    ['no sub', jws({ iat: S, exp: S + 60 }), /No principal name in JWT claim: sub/],
    ['a blank sub', jws({ sub: '  ', exp: S + 60 }), /No principal name in JWT claim: sub/],
    [
      'a sub that is not a string',
      jws({ sub: 7, exp: S + 60 }),
      /'sub' claim was not of type String/
    ],
    [
      'an exp that is not a number',
      jws({ sub: 'a', exp: 'soon' }),
      /'exp' claim was not of type Number/
    ],
    ['iat in the future', jws({ sub: 'a', iat: S + 10, exp: S + 60 }), /Issued At value/],
    ['exp before nbf', jws({ sub: 'a', nbf: S + 120, exp: S + 60 }), /not after the Not Before/],
    [
      'a signed token',
      `${jws({ sub: 'a', exp: S + 60 }, { alg: 'HS256' })}c2ln`,
      /must not have a signature/
    ],
    [
      'alg HS256 without a signature',
      jws({ sub: 'a', exp: S + 60 }, { alg: 'HS256' }),
      /'none' for its algorithm/
    ],
    ['one part', b64({ sub: 'a', exp: S + 60 }), /3 dot-separated/],
    ['claims that are not JSON', `${b64({ alg: 'none' })}.${b64('not json')}.`, /not JSON/],
    ['claims that are a JSON array', `${b64({ alg: 'none' })}.${b64([1])}.`, /not a JSON object/]
  ])('fails %s with invalid_token', (_, token, reason) => {
    const r = validateUnsecuredToken(token, {}, NOW)
    expect(r).toMatchObject({ status: 'invalid_token' })
    expect('reason' in r && r.reason).toMatch(reason)
  })

  it('takes the principal from the configured claim, and allows the clock skew', () => {
    const token = jws({ sub: 'ignored', preferred_username: 'carol', exp: S - 1 })
    expect(
      validateUnsecuredToken(token, { principalClaimName: 'preferred_username' }, NOW)
    ).toMatchObject({
      status: 'invalid_token'
    })
    expect(
      validateUnsecuredToken(
        token,
        { principalClaimName: 'preferred_username', allowableClockSkewMs: 5000 },
        NOW
      )
    ).toMatchObject({ principal: 'carol' })
    expect(
      validateUnsecuredToken(jws({ exp: S + 60, sub: 'x' }), { principalClaimName: 'uid' }, NOW)
    ).toMatchObject({
      reason: 'No principal name in JWT claim: uid'
    })
  })

  it('checks a required scope, failing with insufficient_scope', () => {
    const opts = { requiredScope: ['produce', 'consume'] }
    expect(
      validateUnsecuredToken(
        jws({ sub: 'a', exp: S + 60, scope: ['consume', 'produce'] }),
        opts,
        NOW
      )
    ).toMatchObject({
      principal: 'a'
    })
    expect(
      validateUnsecuredToken(jws({ sub: 'a', exp: S + 60, scope: 'consume' }), opts, NOW)
    ).toMatchObject({
      status: 'insufficient_scope',
      scope: 'produce consume'
    })
    expect(
      validateUnsecuredToken(
        jws({ sub: 'a', exp: S + 60, perms: 'produce consume' }),
        { ...opts, scopeClaimName: 'perms' },
        NOW
      )
    ).toMatchObject({ principal: 'a' })
  })
})

describe('the client initial response', () => {
  it('reads the token, the authorization id and extensions', () => {
    expect(parseClientInitialResponse(initial('a.b.', 'alice', 'traceId=123\x01'))).toEqual({
      authorizationId: 'alice',
      token: 'a.b.',
      extensions: { traceId: '123' }
    })
    expect(parseClientInitialResponse(Buffer.from('n,,\x01auth=bearer x.y\x01\x01'))).toMatchObject(
      {
        authorizationId: '',
        token: 'x.y'
      }
    )
  })

  it.each([
    ['no gs2 header', 'auth=Bearer x.y\x01\x01', /Invalid OAUTHBEARER client first message$/],
    ['no auth', 'n,,\x01host=h\x01\x01', /'auth' not specified/],
    ['another scheme', 'n,,\x01auth=Basic xyz\x01\x01', /Invalid scheme/],
    ['no closing \\x01', 'n,,\x01auth=Bearer x.y\x01', /Invalid OAUTHBEARER client first message$/]
  ])('refuses %s', (_, text, message) => {
    expect(parseClientInitialResponse(Buffer.from(text))).toMatch(message)
  })
})

function session(over: Partial<SaslSettings> = {}): SaslSession {
  const s = new SaslSession({
    mechanisms: ['PLAIN', 'OAUTHBEARER'],
    maxReauthMs: 0,
    credentials: { scramCredential: () => undefined, checkSaslPassword: () => false },
    internal: { user: 'logdeck-internal', password: 'secret' },
    ...over
  })
  expect(s.handshake('OAUTHBEARER', 1)).toBe(true)
  return s
}

describe('an OAUTHBEARER login', () => {
  it('logs in as the token sub, for the rest of the token life', () => {
    const s = session()
    const r = s.authenticate(initial(jws({ sub: 'alice', iat: S, exp: S + 90 })), NOW)
    expect(r).toEqual({ ok: true, response: Buffer.alloc(0), done: true })
    expect(s.principal).toBe('alice')
    expect(s.sessionLifetimeMs).toBe(90_000)
    expect(s.refusal(3, NOW + 90_000)).toBeNull()
    expect(s.refusal(3, NOW + 90_001)).toMatch(
      /session of 'alice' expired \(the exp of its OAUTHBEARER token, 2026-01-01T12:01:30.000Z\)/
    )
  })

  it('lives the shorter of the token life and connections.max.reauth.ms', () => {
    const short = session({ maxReauthMs: 30_000 })
    short.authenticate(initial(jws({ sub: 'alice', exp: S + 90 })), NOW)
    expect(short.sessionLifetimeMs).toBe(30_000)
    expect(short.refusal(3, NOW + 30_001)).toMatch(/connections.max.reauth.ms 30000/)
    const long = session({ maxReauthMs: 600_000 })
    long.authenticate(initial(jws({ sub: 'alice', exp: S + 90 })), NOW)
    expect(long.sessionLifetimeMs).toBe(90_000)
  })

  it("answers a bad token with the error JSON, then fails on the client's \\x01", () => {
    const s = session()
    const challenge = s.authenticate(initial(jws({ sub: 'alice', exp: S - 1 })), NOW)
    expect(challenge).toEqual({
      ok: true,
      response: Buffer.from('{"status":"invalid_token"}'),
      done: false
    })
    expect(s.principal).toBeNull()
    // A client that goes on with other requests instead is refused, the log saying why.
    expect(s.refusal(3, NOW)).toMatch(
      /^API key 3 before SASL authentication: SASL authentication with OAUTHBEARER failed: \{"status":"invalid_token"\} \(The indicated time/
    )
    const end = s.authenticate(Buffer.from([1]), NOW)
    expect(end).toEqual({ ok: false, message: '{"status":"invalid_token"}' })
    expect(s.failureLine('{"status":"invalid_token"}')).toMatch(
      /^SASL authentication with OAUTHBEARER failed: \{"status":"invalid_token"\} \(The indicated time .* was on or after the Expiration Time value/
    )
  })

  it('answers a missing scope with insufficient_scope and the scope', () => {
    const s = session({ oauthBearer: { requiredScope: ['kafka'] } })
    const challenge = s.authenticate(initial(jws({ sub: 'alice', exp: S + 60 })), NOW)
    expect(challenge.ok && challenge.response.toString()).toBe(
      '{"status":"insufficient_scope", "scope":"kafka"}'
    )
  })

  it('refuses an unreadable message, another authorization id and the internal user', () => {
    expect(session().authenticate(Buffer.from('n,,auth=Bearer x'), NOW)).toMatchObject({
      ok: false,
      message: /invalid credentials with SASL mechanism OAUTHBEARER/
    })
    expect(
      session().authenticate(initial(jws({ sub: 'alice', exp: S + 60 }), 'bob'), NOW)
    ).toMatchObject({
      ok: false,
      message: /authorization id \(bob\) that is different .* \(alice\)/
    })
    expect(
      session().authenticate(initial(jws({ sub: 'logdeck-internal', exp: S + 60 })), NOW)
    ).toMatchObject({ ok: false, message: /reserved/ })
  })

  it('re-authenticates only as the same principal', () => {
    const s = session()
    s.authenticate(initial(jws({ sub: 'alice', exp: S + 60 })), NOW)
    expect(s.handshake('OAUTHBEARER', 1)).toBe(true)
    expect(
      s.authenticate(initial(jws({ sub: 'alice', exp: S + 120 })), NOW + 50_000)
    ).toMatchObject({ ok: true, done: true })
    expect(s.sessionLifetimeMs).toBe(70_000)
    expect(s.handshake('OAUTHBEARER', 1)).toBe(true)
    expect(s.authenticate(initial(jws({ sub: 'mallory', exp: S + 120 })), NOW)).toMatchObject({
      ok: false,
      message: /Cannot change principals/
    })
  })

  it('is not offered unless enabled', () => {
    const s = new SaslSession({
      mechanisms: ['PLAIN'],
      maxReauthMs: 0,
      credentials: { scramCredential: () => undefined, checkSaslPassword: () => false }
    })
    expect(s.handshake('OAUTHBEARER', 1)).toBe(false)
  })
})
