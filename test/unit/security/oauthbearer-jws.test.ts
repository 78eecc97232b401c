// Kafka's secured OAUTHBEARER validator: tokens signed with keys made here (RSA, RSA-PSS and EC,
// exported as JWK) pass when the JWKS holds the key their kid names; alg none, an unknown kid, a
// bad signature, a wrong audience or issuer (or any aud when no audience is expected) and an
// expired token are refused; a JWKS file is read again when it changes, and a file that turns bad
// keeps the keys read before.
import {
  createHmac,
  createSecretKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  constants,
  type KeyObject
} from 'node:crypto'
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { validateSignedToken } from '../../../src/engine/kafka/security/oauthbearer-jws'
import {
  JwksKeySource,
  parseJwks,
  startJwksValidator
} from '../../../src/engine/kafka/security/oauthbearer-jwks'
import { OAuthBearerServerExchange } from '../../../src/engine/kafka/security/oauthbearer'

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0)
const S = NOW / 1000
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

const HASH: Record<string, string> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' }

/** A compact JWS signed as RFC 7518 says for alg. */
function signJws(alg: string, key: KeyObject, claims: unknown, kid?: string): string {
  const input = `${b64({ alg, typ: 'JWT', ...(kid !== undefined ? { kid } : {}) })}.${b64(claims)}`
  const hash = HASH[alg.slice(2)]
  const sig = alg.startsWith('HS')
    ? createHmac(hash, key).update(input).digest()
    : alg.startsWith('ES')
      ? sign(hash, Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' })
      : alg.startsWith('PS')
        ? sign(hash, Buffer.from(input), {
            key,
            padding: constants.RSA_PKCS1_PSS_PADDING,
            saltLength: constants.RSA_PSS_SALTLEN_DIGEST
          })
        : sign(hash, Buffer.from(input), key)
  return `${input}.${sig.toString('base64url')}`
}

function keyPair(kind: 'rsa' | 'P-256' | 'P-384') {
  return kind === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: kind })
}

const rsa = keyPair('rsa')
const p256 = keyPair('P-256')
const p384 = keyPair('P-384')
const other = keyPair('rsa')
const jwk = (k: KeyObject, kid: string) => ({ ...k.export({ format: 'jwk' }), kid, use: 'sig' })
const hmac = createSecretKey(randomBytes(32))
const shortHmac = createSecretKey(randomBytes(16))
const JWKS = {
  keys: [
    jwk(rsa.publicKey, 'rsa1'),
    jwk(p256.publicKey, 'ec256'),
    jwk(p384.publicKey, 'ec384'),
    jwk(hmac, 'hs'),
    jwk(shortHmac, 'hs-short')
  ]
}
const keys = parseJwks(JSON.stringify(JWKS)).keys
const claims = { sub: 'alice', iat: S, exp: S + 600, iss: 'https://idp', aud: ['kafka', 'x'] }
/** The claims for a validator given no expected audience, which refuses any aud claim. */
const claimsNoAud = { ...claims, aud: undefined }

describe('the secured validator', () => {
  it.each([
    ['RS256', rsa.privateKey, 'rsa1'],
    ['RS384', rsa.privateKey, 'rsa1'],
    ['RS512', rsa.privateKey, 'rsa1'],
    ['PS256', rsa.privateKey, 'rsa1'],
    ['ES256', p256.privateKey, 'ec256'],
    ['ES384', p384.privateKey, 'ec384'],
    ['HS256', hmac, 'hs']
  ])('passes a token signed with %s by the key its kid names', (alg, key, kid) => {
    const token = signJws(alg, key, { ...claims, scope: 'read write' }, kid)
    expect(
      validateSignedToken(
        token,
        keys,
        { expectedAudience: ['kafka'], expectedIssuer: 'https://idp' },
        NOW
      )
    ).toEqual({
      result: { principal: 'alice', expiresAtMs: (S + 600) * 1000, scope: ['read', 'write'] }
    })
  })

  it('reads the principal from sasl.oauthbearer.sub.claim.name', () => {
    const token = signJws('RS256', rsa.privateKey, { ...claimsNoAud, client_id: 'svc' }, 'rsa1')
    const r = validateSignedToken(token, keys, { subClaimName: 'client_id' }, NOW).result
    expect(r).toMatchObject({ principal: 'svc' })
  })

  const refused: [string, string, RegExp, { unknownKid?: string }?][] = [
    [
      'an unsigned token (alg none)',
      `${b64({ alg: 'none' })}.${b64(claims)}.`,
      /'none' is not a permitted algorithm/
    ],
    [
      'an unknown kid',
      signJws('RS256', rsa.privateKey, claims, 'nope'),
      /Unable to find a suitable verification key/,
      { unknownKid: 'nope' }
    ],
    [
      'a kid of a key of another type',
      signJws('RS256', rsa.privateKey, claims, 'ec256'),
      /Unable to find a suitable verification key/
    ],
    [
      'a signature by another key',
      signJws('RS256', other.privateKey, claims, 'rsa1'),
      /JWS signature is invalid/
    ],
    [
      'a claims set changed after signing',
      (() => {
        const [h, , s] = signJws('ES256', p256.privateKey, claims, 'ec256').split('.')
        return `${h}.${b64({ ...claims, sub: 'admin' })}.${s}`
      })(),
      /JWS signature is invalid/
    ],
    [
      'an expired token',
      signJws('RS256', rsa.privateKey, { ...claims, iat: S - 7200, exp: S - 3600 }, 'rsa1'),
      /no longer valid .* on or after the Expiration Time/
    ],
    [
      'a token without iat',
      signJws('RS256', rsa.privateKey, { ...claims, iat: undefined }, 'rsa1'),
      /No Issued At \(iat\) claim present/
    ],
    [
      'a token not yet valid (nbf)',
      signJws('RS256', rsa.privateKey, { ...claims, nbf: S + 120 }, 'rsa1'),
      /not yet valid/
    ],
    [
      'a wrong audience',
      signJws('RS256', rsa.privateKey, { ...claims, aud: 'billing' }, 'rsa1'),
      /Audience \(aud\) claim \["billing"\] doesn't contain an acceptable identifier/
    ],
    [
      'no audience',
      signJws('RS256', rsa.privateKey, { ...claims, aud: undefined }, 'rsa1'),
      /No Audience \(aud\) claim present/
    ],
    [
      'a wrong issuer',
      signJws('RS256', rsa.privateKey, { ...claims, iss: 'https://evil' }, 'rsa1'),
      /Issuer \(iss\) claim value \(https:\/\/evil\) doesn't match expected value of https:\/\/idp/
    ],
    [
      'no sub',
      signJws('RS256', rsa.privateKey, { ...claims, sub: undefined }, 'rsa1'),
      /sub value must be non-null/
    ],
    [
      'an HMAC token with a bad MAC',
      `${b64({ alg: 'HS256', kid: 'hs' })}.${b64(claims)}.c2ln`,
      /JWS signature is invalid/
    ],
    [
      'an HMAC token without an oct key of its kid',
      signJws('HS256', hmac, claims, 'rsa1'),
      /Unable to find a suitable verification key/
    ],
    [
      'an HMAC key shorter than the hash (jose4j)',
      signJws('HS256', shortHmac, claims, 'hs-short'),
      /A key of the same size as the hash output \(i.e. 256 bits for HS256\) or larger MUST be used/
    ],
    [
      'an unknown algorithm',
      `${b64({ alg: 'XS256' })}.${b64(claims)}.c2ln`,
      /'XS256' is not a supported/
    ]
  ]
  it.each(refused)('refuses %s', (_, token, reason, extra = {}) => {
    const r = validateSignedToken(
      token,
      keys,
      { expectedAudience: ['kafka'], expectedIssuer: 'https://idp' },
      NOW
    )
    expect(r.result).toEqual({
      status: 'invalid_token',
      reason: expect.stringMatching(/^Could not validate the access token: /)
    })
    expect((r.result as { reason: string }).reason).toMatch(reason)
    expect(r.unknownKid).toBe(extra.unknownKid)
  })

  it('allows the clock skew (30 s by default) on exp and nbf', () => {
    const t = signJws('RS256', rsa.privateKey, { ...claimsNoAud, exp: S - 20, nbf: S + 20 }, 'rsa1')
    expect(validateSignedToken(t, keys, {}, NOW).result).toMatchObject({ principal: 'alice' })
    expect(validateSignedToken(t, keys, { clockSkewSeconds: 10 }, NOW).result).toMatchObject({
      status: 'invalid_token'
    })
  })

  it('without an expected issuer, iss is not checked', () => {
    const t = signJws('RS256', rsa.privateKey, { ...claimsNoAud, iss: 'x' }, 'rsa1')
    expect(validateSignedToken(t, keys, {}, NOW).result).toMatchObject({ principal: 'alice' })
  })

  it.each([
    ['a string', 'other', '["other"]'],
    ['a list', ['kafka', 'x'], '["kafka","x"]'],
    ['an empty list', [], '[]']
  ])(
    'without an expected audience, refuses a token whose aud is %s, as jose4j does',
    (_, aud, shown) => {
      const t = signJws('RS256', rsa.privateKey, { ...claims, aud }, 'rsa1')
      expect(validateSignedToken(t, keys, {}, NOW).result).toEqual({
        status: 'invalid_token',
        reason: `Could not validate the access token: Audience (aud) claim ${shown} present in the JWT but no expected audience value(s) were provided to the JWT Consumer. Expected one of [] as an aud value.`
      })
    }
  )

  it('names the one expected audience as jose4j does', () => {
    const t = signJws('RS256', rsa.privateKey, { ...claims, aud: 'billing' }, 'rsa1')
    expect(validateSignedToken(t, keys, { expectedAudience: ['kafka'] }, NOW).result).toEqual({
      status: 'invalid_token',
      reason: `Could not validate the access token: Audience (aud) claim ["billing"] doesn't contain an acceptable identifier. Expected kafka as an aud value.`
    })
  })

  it('the exchange answers a refused token with the invalid_token challenge, then fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwks-'))
    try {
      writeFileSync(join(dir, 'jwks.json'), JSON.stringify(JWKS))
      const v = await startJwksValidator(
        { endpointUrl: pathToFileURL(join(dir, 'jwks.json')).href },
        () => {}
      )
      const ex = new OAuthBearerServerExchange({ secured: v.secured })
      const initial = (t: string) => Buffer.from(`n,,\x01auth=Bearer ${t}\x01\x01`)
      const ok = ex.step(initial(signJws('ES256', p256.privateKey, claimsNoAud, 'ec256')), NOW)
      expect(ok.user).toBe('alice')
      const bad = ex.step(initial(`${b64({ alg: 'none' })}.${b64(claims)}.`), NOW)
      expect(bad.response.toString()).toBe('{"status":"invalid_token"}')
      expect(ex.failureReason).toMatch(/'none' is not a permitted algorithm/)
      expect(() => ex.step(Buffer.from([1]), NOW)).toThrow('{"status":"invalid_token"}')
      v.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('a file: JWKS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jwks-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'jwks.json')
  const write = (text: string) => {
    writeFileSync(`${file}.tmp`, text)
    renameSync(`${file}.tmp`, file)
  }

  it('is read again when it changes; a file turned bad keeps the keys and logs once', async () => {
    write(JSON.stringify({ keys: [jwk(rsa.publicKey, 'rsa1')] }))
    const logs: string[] = []
    const source = new JwksKeySource(pathToFileURL(file).href, 3_600_000, (l) => logs.push(l))
    await source.start()
    expect(source.keys().map((k) => k.jwk.kid)).toEqual(['rsa1'])
    write(JSON.stringify({ keys: [jwk(rsa.publicKey, 'rsa1'), jwk(other.publicKey, 'rsa2')] }))
    expect(source.keys().map((k) => k.jwk.kid)).toEqual(['rsa1', 'rsa2'])
    write('{"keys": [')
    expect(source.keys().map((k) => k.jwk.kid)).toEqual(['rsa1', 'rsa2'])
    expect(source.keys().map((k) => k.jwk.kid)).toEqual(['rsa1', 'rsa2'])
    expect(logs).toEqual([
      expect.stringMatching(
        /could not be read: the JWKS is not JSON; the keys read before are kept/
      )
    ])
    source.close()
  })

  it('that cannot be read stops the start', async () => {
    const source = new JwksKeySource(pathToFileURL(join(dir, 'none.json')).href, 1000, () => {})
    await expect(source.start()).rejects.toThrow(/could not be read/)
  })
})

describe('an http: JWKS', () => {
  it('is fetched at start; a failed fetch keeps the keys and logs; an unknown kid fetches again', async () => {
    const { createServer } = await import('node:http')
    let body = JSON.stringify({ keys: [jwk(rsa.publicKey, 'rsa1')] })
    let status = 200
    let requests = 0
    const server = createServer((_, res) => {
      requests++
      res.writeHead(status, { 'content-type': 'application/json' }).end(body)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const { port } = server.address() as { port: number }
    const logs: string[] = []
    const source = new JwksKeySource(`http://127.0.0.1:${port}/jwks`, 3_600_000, (l) =>
      logs.push(l)
    )
    try {
      await source.start()
      expect(source.keys().map((k) => k.jwk.kid)).toEqual(['rsa1'])
      status = 500
      source.unknownKid('rsa2')
      await expect
        .poll(() => logs.some((l) => /HTTP 500; 1 key\(s\) held before are kept/.test(l)))
        .toBe(true)
      expect(source.keys().map((k) => k.jwk.kid)).toEqual(['rsa1'])
      // Brought forward at most every 10 s.
      source.unknownKid('rsa2')
      expect(requests).toBe(2)
      status = 200
      body = JSON.stringify({ keys: [jwk(rsa.publicKey, 'rsa1'), jwk(other.publicKey, 'rsa2')] })
      source.unknownKid('rsa2', Date.now() + 10_000)
      await expect.poll(() => source.keys().map((k) => k.jwk.kid)).toEqual(['rsa1', 'rsa2'])
    } finally {
      source.close()
      server.close()
    }
  })
})
