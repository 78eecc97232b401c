// SCRAM (RFC 5802, with SHA-256 and SHA-512 as RFC 7677 and Kafka define them): the credential a
// broker keeps for a user (salt, iterations, StoredKey, ServerKey: never the password) and the
// server's side of one authentication exchange.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto'

export const SCRAM_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const
export type ScramMechanism = (typeof SCRAM_MECHANISMS)[number]

/** Kafka's ScramMechanism type codes (DescribeUserScramCredentials, AlterUserScramCredentials). */
export const SCRAM_MECHANISM_CODES: Record<ScramMechanism, number> = {
  'SCRAM-SHA-256': 1,
  'SCRAM-SHA-512': 2
}

const HASH: Record<ScramMechanism, { name: string; bytes: number }> = {
  'SCRAM-SHA-256': { name: 'sha256', bytes: 32 },
  'SCRAM-SHA-512': { name: 'sha512', bytes: 64 }
}

/** Kafka's bounds on iterations (and its default for new credentials is the minimum). */
export const SCRAM_MIN_ITERATIONS = 4096
export const SCRAM_MAX_ITERATIONS = 16384

export interface ScramCredential {
  mechanism: ScramMechanism
  salt: Buffer
  iterations: number
  storedKey: Buffer
  serverKey: Buffer
}

const hmac = (m: ScramMechanism, key: Buffer, data: string | Buffer) =>
  createHmac(HASH[m].name, key).update(data).digest()
const hash = (m: ScramMechanism, data: Buffer) => createHash(HASH[m].name).update(data).digest()

/** Hi(password, salt, i) of RFC 5802: PBKDF2 with the mechanism's HMAC. */
export function saltedPassword(
  mechanism: ScramMechanism,
  password: string,
  salt: Buffer,
  iterations: number
): Buffer {
  return pbkdf2Sync(
    Buffer.from(password, 'utf8'),
    salt,
    iterations,
    HASH[mechanism].bytes,
    HASH[mechanism].name
  )
}

/** The stored credential from a salted password (what AlterUserScramCredentials sends). */
export function credentialFromSaltedPassword(
  mechanism: ScramMechanism,
  salt: Buffer,
  iterations: number,
  salted: Buffer
): ScramCredential {
  const clientKey = hmac(mechanism, salted, 'Client Key')
  return {
    mechanism,
    salt,
    iterations,
    storedKey: hash(mechanism, clientKey),
    serverKey: hmac(mechanism, salted, 'Server Key')
  }
}

/** A new credential for a password, with a fresh random salt. */
export function credentialFromPassword(
  mechanism: ScramMechanism,
  password: string,
  iterations = SCRAM_MIN_ITERATIONS,
  salt: Buffer = randomBytes(32)
): ScramCredential {
  return credentialFromSaltedPassword(
    mechanism,
    salt,
    iterations,
    saltedPassword(mechanism, password, salt, iterations)
  )
}

/** Whether `password` is the one `credential` was made from. */
export function passwordMatches(credential: ScramCredential, password: string): boolean {
  const derived = credentialFromSaltedPassword(
    credential.mechanism,
    credential.salt,
    credential.iterations,
    saltedPassword(credential.mechanism, password, credential.salt, credential.iterations)
  )
  return timingSafeEqual(derived.storedKey, credential.storedKey)
}

/** A login that cannot succeed; `message` is what the client is told. */
export class SaslAuthenticationError extends Error {}

/** Kafka's words for a failed SCRAM login, whichever step failed (nothing about which). */
export function scramFailure(mechanism: ScramMechanism): SaslAuthenticationError {
  return new SaslAuthenticationError(
    `Authentication failed during authentication due to invalid credentials with SASL mechanism ${mechanism}`
  )
}

/** Splits `a=x,b=y` into its attributes (values may contain '='). */
function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const part of text.split(',')) {
    const eq = part.indexOf('=')
    if (eq !== 1) throw new SaslAuthenticationError(`Invalid SCRAM message: '${part}'`)
    out.set(part[0], part.slice(2))
  }
  return out
}

/** saslname of RFC 5802: '=2C' is ',' and '=3D' is '='. */
function decodeSaslName(name: string): string {
  if (/=(?!2C|3D)/.test(name)) throw new SaslAuthenticationError('Invalid SCRAM user name')
  return name.replace(/=2C/g, ',').replace(/=3D/g, '=')
}

/**
 * The client-first message's bare part: n=saslname,r=nonce, then extensions as Kafka reads them
 * (`name=value`, such as `tokenauth=true`; RFC 5802 leaves room for them after the nonce).
 */
function clientFirstBare(text: string): {
  user: string
  nonce: string
  extensions: Map<string, string>
} {
  const parts = text.split(',')
  const user = parts[0]?.startsWith('n=') ? parts[0].slice(2) : undefined
  const nonce = parts[1]?.startsWith('r=') ? parts[1].slice(2) : undefined
  if (user === undefined || !nonce)
    throw new SaslAuthenticationError('Invalid SCRAM client-first message: no user name or nonce')
  const extensions = new Map<string, string>()
  for (const part of parts.slice(2)) {
    const m = /^([A-Za-z]+)=(.*)$/s.exec(part)
    if (!m) throw new SaslAuthenticationError(`Invalid SCRAM message: '${part}'`)
    extensions.set(m[1], m[2])
  }
  return { user, nonce, extensions }
}

/** What a login with a delegation token (`tokenauth=true`) checks, by the token's id. */
export interface ScramTokenLogin {
  credential: ScramCredential
  /** The token's owner: the principal the connection acts as. */
  owner: string
  expiryMs: number
}

export interface ScramStep {
  response: Buffer
  /** Set once the client has proved it knows the password: the authenticated user. */
  user?: string
  /** Set with `user` when the login was a delegation token's: when the token expires. */
  tokenExpiryMs?: number
}

/**
 * The server side of one SCRAM exchange: client-first -> server-first, then client-final ->
 * server-final. Every failure throws SaslAuthenticationError.
 */
export class ScramServerExchange {
  private state: 'first' | 'final' | 'done' = 'first'
  private user = ''
  private credential: ScramCredential | undefined
  private nonce = ''
  private gs2Header = ''
  private clientFirstBare = ''
  private serverFirst = ''
  /** The login's delegation token, when the client asked for token authentication. */
  private token: ScramTokenLogin | undefined

  constructor(
    private readonly mechanism: ScramMechanism,
    private readonly lookup: (user: string) => ScramCredential | undefined,
    private readonly serverNonce: string = randomBytes(24).toString('base64url'),
    private readonly tokenLookup: (tokenId: string) => ScramTokenLogin | undefined = () => undefined
  ) {}

  step(message: Buffer): ScramStep {
    if (this.state === 'first') return this.first(message.toString('utf8'))
    if (this.state === 'final') return this.final(message.toString('utf8'))
    throw new SaslAuthenticationError('The SCRAM exchange is already complete')
  }

  private first(text: string): ScramStep {
    // gs2-header: cbind flag "," [authzid] ","
    const m = /^([nyp][^,]*),([^,]*),(.*)$/s.exec(text)
    if (!m) throw new SaslAuthenticationError('Invalid SCRAM client-first message')
    if (m[1].startsWith('p'))
      throw new SaslAuthenticationError('SCRAM channel binding is not supported')
    this.gs2Header = `${m[1]},${m[2]},`
    this.clientFirstBare = m[3]
    const first = clientFirstBare(this.clientFirstBare)
    const clientNonce = first.nonce
    this.user = decodeSaslName(first.user)
    // Kafka's tokenauth extension: the user name is a delegation token's id, the password its HMAC.
    if ((first.extensions.get('tokenauth') ?? '').toLowerCase() === 'true') {
      this.token = this.tokenLookup(this.user)
      this.credential = this.token?.credential
    } else this.credential = this.lookup(this.user)
    if (!this.credential) throw scramFailure(this.mechanism)
    if (m[2] !== '' && decodeSaslName(m[2].replace(/^a=/, '')) !== this.user)
      throw new SaslAuthenticationError(
        'Authentication failed: Client requested an authorization id that is different from username'
      )
    this.nonce = clientNonce + this.serverNonce
    this.serverFirst = `r=${this.nonce},s=${this.credential.salt.toString('base64')},i=${this.credential.iterations}`
    this.state = 'final'
    return { response: Buffer.from(this.serverFirst, 'utf8') }
  }

  private final(text: string): ScramStep {
    const credential = this.credential
    const at = text.lastIndexOf(',p=')
    if (!credential || at < 0)
      throw new SaslAuthenticationError('Invalid SCRAM client-final message')
    const withoutProof = text.slice(0, at)
    const attrs = attributes(withoutProof)
    // Kafka checks only that the nonce ends with the server-first one: librdkafka repeats its
    // client nonce in front of the whole server nonce, and the proof covers what it sent.
    if (!(attrs.get('r') ?? '').endsWith(this.nonce)) throw scramFailure(this.mechanism)
    if (Buffer.from(attrs.get('c') ?? '', 'base64').toString('utf8') !== this.gs2Header)
      throw scramFailure(this.mechanism)
    const proof = Buffer.from(text.slice(at + 3), 'base64')
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`
    const clientSignature = hmac(this.mechanism, credential.storedKey, authMessage)
    if (proof.length !== clientSignature.length) throw scramFailure(this.mechanism)
    const clientKey = Buffer.alloc(proof.length)
    for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i] ^ clientSignature[i]
    if (!timingSafeEqual(hash(this.mechanism, clientKey), credential.storedKey))
      throw scramFailure(this.mechanism)
    this.state = 'done'
    const serverSignature = hmac(this.mechanism, credential.serverKey, authMessage)
    const response = Buffer.from(`v=${serverSignature.toString('base64')}`, 'utf8')
    if (this.token) return { response, user: this.token.owner, tokenExpiryMs: this.token.expiryMs }
    return { response, user: this.user }
  }
}
