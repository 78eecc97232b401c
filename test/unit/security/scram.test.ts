// SCRAM server exchange: RFC 7677's SCRAM-SHA-256 example byte for byte, and failures for a
// wrong proof, a tampered nonce or channel-binding header and an unknown user; a delegation
// token's login (the tokenauth=true extension).
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  credentialFromPassword,
  passwordMatches,
  SaslAuthenticationError,
  ScramServerExchange,
  type ScramMechanism
} from '../../../src/engine/security/scram'
import { ScramTokenExchange } from '../../support/scram-token-client'

describe('SCRAM-SHA-256: the example of RFC 7677, section 3', () => {
  const salt = Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64')
  const credential = credentialFromPassword('SCRAM-SHA-256', 'pencil', 4096, salt)
  const serverNonce = '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0'

  it('answers the client exactly as the RFC shows', () => {
    const exchange = new ScramServerExchange(
      'SCRAM-SHA-256',
      (u) => (u === 'user' ? credential : undefined),
      serverNonce
    )
    const first = exchange.step(Buffer.from('n,,n=user,r=rOprNGfwEbeRWgbNEkqO'))
    expect(first.response.toString()).toBe(
      'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096'
    )
    expect(first.user).toBeUndefined()
    const final = exchange.step(
      Buffer.from(
        'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,' +
          'p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ='
      )
    )
    expect(final.response.toString()).toBe('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=')
    expect(final.user).toBe('user')
  })

  it('refuses a proof that is one bit off', () => {
    const exchange = new ScramServerExchange('SCRAM-SHA-256', () => credential, serverNonce)
    exchange.step(Buffer.from('n,,n=user,r=rOprNGfwEbeRWgbNEkqO'))
    expect(() =>
      exchange.step(
        Buffer.from(
          'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,' +
            'p=eHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ='
        )
      )
    ).toThrow(/invalid credentials with SASL mechanism SCRAM-SHA-256/)
  })

  it('refuses a changed nonce or channel-binding header', () => {
    for (const bad of [
      'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k1,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
      'c=eSws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ='
    ]) {
      const exchange = new ScramServerExchange('SCRAM-SHA-256', () => credential, serverNonce)
      exchange.step(Buffer.from('n,,n=user,r=rOprNGfwEbeRWgbNEkqO'))
      expect(() => exchange.step(Buffer.from(bad))).toThrow(SaslAuthenticationError)
    }
  })

  it('refuses an unknown user at the first message', () => {
    const exchange = new ScramServerExchange('SCRAM-SHA-256', () => undefined)
    expect(() => exchange.step(Buffer.from('n,,n=nobody,r=abc'))).toThrow(SaslAuthenticationError)
  })

  it('refuses channel binding and an authorization id other than the user', () => {
    const a = new ScramServerExchange('SCRAM-SHA-256', () => credential)
    expect(() => a.step(Buffer.from('p=tls-unique,,n=user,r=abc'))).toThrow(/channel binding/)
    const b = new ScramServerExchange('SCRAM-SHA-256', () => credential)
    expect(() => b.step(Buffer.from('n,a=admin,n=user,r=abc'))).toThrow(/authorization id/)
  })
})

/** A SCRAM client as RFC 5802 describes it, independent of the server code. */
function clientLogin(
  mechanism: ScramMechanism,
  user: string,
  password: string,
  server: ScramServerExchange
) {
  const h = mechanism === 'SCRAM-SHA-256' ? 'sha256' : 'sha512'
  const len = mechanism === 'SCRAM-SHA-256' ? 32 : 64
  const bare = `n=${user.replace(/=/g, '=3D').replace(/,/g, '=2C')},r=clientnonce123`
  const serverFirst = server.step(Buffer.from(`n,,${bare}`)).response.toString()
  const attrs = Object.fromEntries(serverFirst.split(',').map((p) => [p[0], p.slice(2)]))
  const salted = pbkdf2Sync(password, Buffer.from(attrs.s, 'base64'), Number(attrs.i), len, h)
  const clientKey = createHmac(h, salted).update('Client Key').digest()
  const storedKey = createHash(h).update(clientKey).digest()
  const withoutProof = `c=biws,r=${attrs.r}`
  const authMessage = `${bare},${serverFirst},${withoutProof}`
  const signature = createHmac(h, storedKey).update(authMessage).digest()
  const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]))
  const final = server.step(Buffer.from(`${withoutProof},p=${proof.toString('base64')}`))
  const serverKey = createHmac(h, salted).update('Server Key').digest()
  const expected = createHmac(h, serverKey).update(authMessage).digest().toString('base64')
  return { user: final.user, serverVerified: final.response.toString() === `v=${expected}` }
}

describe.each(['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const)('%s', (mechanism) => {
  const credential = credentialFromPassword(mechanism, 's3cret,=x', 8192)

  it('logs in a client that knows the password, and the client verifies the server', () => {
    const server = new ScramServerExchange(mechanism, (u) =>
      u === 'a,b=c' ? credential : undefined
    )
    expect(clientLogin(mechanism, 'a,b=c', 's3cret,=x', server)).toEqual({
      user: 'a,b=c',
      serverVerified: true
    })
  })

  it('refuses a wrong password', () => {
    const server = new ScramServerExchange(mechanism, () => credential)
    expect(() => clientLogin(mechanism, 'u', 'wrong', server)).toThrow(SaslAuthenticationError)
  })

  it('checks a password against the stored credential (PLAIN uses this)', () => {
    expect(passwordMatches(credential, 's3cret,=x')).toBe(true)
    expect(passwordMatches(credential, 's3cret,=y')).toBe(false)
  })
})

describe.each(['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const)(
  '%s with a delegation token',
  (mechanism) => {
    const hmac = createHmac('sha512', 'secret').update('tokenId1').digest()
    const token = {
      credential: credentialFromPassword(mechanism, hmac.toString('base64'), 4096),
      owner: 'alice',
      expiryMs: 1_700_000_000_000
    }
    const server = () =>
      new ScramServerExchange(
        mechanism,
        () => undefined,
        undefined,
        (id) => (id === 'tokenId1' ? token : undefined)
      )
    const login = (exchange: ScramServerExchange, client: ScramTokenExchange) => {
      const first = exchange.step(client.first())
      const final = exchange.step(client.final(first.response))
      client.verify(final.response)
      return final
    }

    it('logs in with tokenauth=true as the token owner, until the token expires', () => {
      const final = login(
        server(),
        new ScramTokenExchange({ mechanism, tokenId: 'tokenId1', hmac })
      )
      expect(final.user).toBe('alice')
      expect(final.tokenExpiryMs).toBe(token.expiryMs)
    })

    it('refuses a wrong HMAC, an unknown token, and a token id without tokenauth', () => {
      expect(() =>
        login(
          server(),
          new ScramTokenExchange({ mechanism, tokenId: 'tokenId1', hmac: Buffer.alloc(64) })
        )
      ).toThrow(SaslAuthenticationError)
      expect(() =>
        login(server(), new ScramTokenExchange({ mechanism, tokenId: 'other', hmac }))
      ).toThrow(SaslAuthenticationError)
      expect(() => server().step(Buffer.from('n,,n=tokenId1,r=abc'))).toThrow(
        SaslAuthenticationError
      )
    })

    it('reads extensions after the nonce and ignores those it does not know', () => {
      const first = server().step(Buffer.from('n,,n=tokenId1,r=abc,tokenauth=TRUE,other=1'))
      expect(first.response.toString()).toMatch(/^r=abc/)
      expect(() => server().step(Buffer.from('n,,n=tokenId1,r=abc,tokenauth'))).toThrow(
        /Invalid SCRAM message/
      )
    })
  }
)
