// The client side of a SCRAM login with a delegation token, as Kafka's Java client makes it
// (RFC 5802 with the `tokenauth=true` extension in the client-first message; the token id is the
// user name, the token's HMAC in base64 the password), for the clients installed here, which do
// not make it themselves: kafkajs through its custom SASL mechanism hook (`authenticationProvider`)
// and @platformatic/kafka through its custom authenticator (`sasl.authenticate`).
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto'
import type { SASLCustomAuthenticator } from '@platformatic/kafka'

export type TokenMechanism = 'SCRAM-SHA-256' | 'SCRAM-SHA-512'

export interface TokenLogin {
  mechanism: TokenMechanism
  tokenId: string
  /** The token's HMAC, as CreateDelegationToken returned it. */
  hmac: Buffer
}

const HASH = { 'SCRAM-SHA-256': ['sha256', 32], 'SCRAM-SHA-512': ['sha512', 64] } as const

/** One exchange: first() -> server-first -> final(serverFirst) -> server-final -> verify(). */
export class ScramTokenExchange {
  private readonly nonce = randomBytes(18).toString('base64url')
  private readonly bare: string
  private authMessage = ''
  private serverKey = Buffer.alloc(0)

  constructor(private readonly login: TokenLogin) {
    const user = login.tokenId.replace(/=/g, '=3D').replace(/,/g, '=2C')
    this.bare = `n=${user},r=${this.nonce},tokenauth=true`
  }

  first(): Buffer {
    return Buffer.from(`n,,${this.bare}`)
  }

  final(serverFirst: Buffer): Buffer {
    const [hash, bytes] = HASH[this.login.mechanism]
    const text = serverFirst.toString()
    const attrs = new Map(text.split(',').map((p) => [p[0], p.slice(2)]))
    const nonce = attrs.get('r') ?? ''
    if (!nonce.startsWith(this.nonce)) throw new Error(`unexpected server-first message ${text}`)
    const salted = pbkdf2Sync(
      this.login.hmac.toString('base64'),
      Buffer.from(attrs.get('s') ?? '', 'base64'),
      Number(attrs.get('i')),
      bytes,
      hash
    )
    const withoutProof = `c=${Buffer.from('n,,').toString('base64')},r=${nonce}`
    this.authMessage = `${this.bare},${text},${withoutProof}`
    const clientKey = createHmac(hash, salted).update('Client Key').digest()
    const storedKey = createHash(hash).update(clientKey).digest()
    const signature = createHmac(hash, storedKey).update(this.authMessage).digest()
    const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]))
    this.serverKey = createHmac(hash, salted).update('Server Key').digest()
    return Buffer.from(`${withoutProof},p=${proof.toString('base64')}`)
  }

  /** Checks the server-final message: the server knew the token too. */
  verify(serverFinal: Buffer): void {
    const [hash] = HASH[this.login.mechanism]
    const expected = createHmac(hash, this.serverKey).update(this.authMessage).digest()
    const got = Buffer.from(serverFinal.toString().replace(/^v=/, ''), 'base64')
    if (got.length !== expected.length || !timingSafeEqual(got, expected))
      throw new Error('invalid server signature')
  }
}

/** kafkajs frames SASL bytes with an INT32 length both ways. */
const framed = (b: Buffer) => {
  const out = Buffer.alloc(4 + b.length)
  out.writeInt32BE(b.length, 0)
  b.copy(out, 4)
  return out
}
const unframed = {
  decode: async (raw: Buffer) => raw.subarray(4, 4 + raw.readInt32BE(0)),
  parse: async (data: Buffer) => data
}

interface KafkajsSaslArgs {
  saslAuthenticate: (io: {
    request: { encode: () => Promise<Buffer> }
    response: typeof unframed
  }) => Promise<Buffer>
}

/**
 * kafkajs's `sasl` option for a token login (its custom mechanism hook, with the mechanism's own
 * name so that SaslHandshake asks for SCRAM).
 */
export function kafkajsTokenSasl(login: TokenLogin) {
  return {
    mechanism: login.mechanism.toLowerCase(),
    authenticationProvider: ({ saslAuthenticate }: KafkajsSaslArgs) => ({
      authenticate: async () => {
        const exchange = new ScramTokenExchange(login)
        const send = (b: Buffer) =>
          saslAuthenticate({ request: { encode: async () => framed(b) }, response: unframed })
        const serverFirst = await send(exchange.first())
        exchange.verify(await send(exchange.final(serverFirst)))
      }
    })
  }
}

/** @platformatic/kafka's custom authenticator for a token login. */
export function platformaticTokenAuthenticator(login: TokenLogin): SASLCustomAuthenticator {
  return (_mechanism, connection, authenticate, _u, _p, _t, callback) => {
    const exchange = new ScramTokenExchange(login)
    authenticate(connection, exchange.first(), (error, first) => {
      if (error || !first) return callback(error ?? new Error('no answer'), undefined as never)
      let final: Buffer
      try {
        final = exchange.final(first.authBytes)
      } catch (err) {
        return callback(err as Error, undefined as never)
      }
      authenticate(connection, final, (error2, last) => {
        if (error2 || !last) return callback(error2 ?? new Error('no answer'), undefined as never)
        try {
          exchange.verify(last.authBytes)
        } catch (err) {
          return callback(err as Error, undefined as never)
        }
        callback(null, last)
      })
    })
  }
}
