// One connection's SASL state on a SASL listener: which requests it may send before it has
// logged in, the mechanism chosen by SaslHandshake, the exchange SaslAuthenticate drives, and
// the session's expiry when re-authentication is on (KIP-368, connections.max.reauth.ms).
import { ApiKey } from '../protocol'
import {
  SaslAuthenticationError,
  ScramServerExchange,
  SCRAM_MECHANISMS,
  type ScramCredential,
  type ScramMechanism
} from '../../security/scram'

export const SASL_MECHANISMS = ['PLAIN', ...SCRAM_MECHANISMS] as const
export type SaslMechanism = (typeof SASL_MECHANISMS)[number]

export interface SaslSettings {
  /** Mechanisms offered, in the order SaslHandshake lists them. */
  mechanisms: readonly SaslMechanism[]
  /** connections.max.reauth.ms: a session's lifetime; 0 means sessions do not expire. */
  maxReauthMs: number
  credentials: SaslCredentials
  /** A PLAIN login known only to this process (the demo's clients); never stored. */
  internal?: { user: string; password: string }
}

/** Where logins are checked: the stored SCRAM credentials (the engine keeps them). */
export interface SaslCredentials {
  scramCredential(user: string, mechanism: ScramMechanism): ScramCredential | undefined
  checkSaslPassword(user: string, password: string): boolean
}

/** Requests a connection may send before it has logged in. */
const BEFORE_LOGIN: ReadonlySet<number> = new Set([
  ApiKey.ApiVersions,
  ApiKey.SaslHandshake,
  ApiKey.SaslAuthenticate
])

export type SaslOutcome =
  { ok: true; response: Buffer; done: boolean } | { ok: false; message: string }

export class SaslSession {
  private mechanism: SaslMechanism | null = null
  /** The mechanism of the exchange under way, for log lines. */
  lastMechanism: SaslMechanism | null = null
  private exchange: ScramServerExchange | null = null
  /** SaslHandshake v0: the next frames are bare SASL tokens, not Kafka requests. */
  rawTokens = false
  private user: string | null = null
  private expiresAt = Infinity
  /** The user being authenticated (for log lines), once the client has named it. */
  pendingUser: string | null = null

  constructor(private readonly settings: SaslSettings) {}

  get principal(): string | null {
    return this.user
  }

  get sessionLifetimeMs(): number {
    return this.settings.maxReauthMs
  }

  get enabledMechanisms(): readonly SaslMechanism[] {
    return this.settings.mechanisms
  }

  /** Why a request of this API may not be handled now, or null when it may. */
  refusal(apiKey: number, now = Date.now()): string | null {
    if (BEFORE_LOGIN.has(apiKey)) return null
    if (this.user === null) return `API key ${apiKey} before SASL authentication`
    if (now > this.expiresAt)
      return `the SASL session of '${this.user}' expired (connections.max.reauth.ms ${this.settings.maxReauthMs}) without re-authentication`
    return null
  }

  /** SaslHandshake: picks the mechanism; false when it is not offered. */
  handshake(mechanism: string, version: number): boolean {
    if (!(this.settings.mechanisms as readonly string[]).includes(mechanism)) return false
    this.mechanism = mechanism as SaslMechanism
    this.lastMechanism = this.mechanism
    this.exchange = null
    this.pendingUser = null
    this.rawTokens = version === 0
    return true
  }

  /** One SaslAuthenticate (or bare v0 token) step. */
  authenticate(token: Buffer, now = Date.now()): SaslOutcome {
    const mechanism = this.mechanism
    if (mechanism === null) return { ok: false, message: 'SaslAuthenticate before SaslHandshake' }
    try {
      let user: string | undefined
      let response: Buffer = Buffer.alloc(0)
      if (mechanism === 'PLAIN') {
        user = this.plain(token)
      } else {
        this.exchange ??= new ScramServerExchange(mechanism, (u) => {
          this.pendingUser = u
          return this.settings.credentials.scramCredential(u, mechanism as ScramMechanism)
        })
        const step = this.exchange.step(token)
        response = step.response
        user = step.user
      }
      if (user === undefined) return { ok: true, response, done: false }
      if (this.user !== null && user !== this.user)
        throw new SaslAuthenticationError(
          `Cannot change principals during re-authentication from User:${this.user} to User:${user}`
        )
      this.user = user
      this.expiresAt = this.settings.maxReauthMs > 0 ? now + this.settings.maxReauthMs : Infinity
      this.mechanism = null
      this.exchange = null
      this.rawTokens = false
      return { ok: true, response, done: true }
    } catch (err) {
      if (err instanceof SaslAuthenticationError) return { ok: false, message: err.message }
      throw err
    }
  }

  /** The log line of a failed login. */
  failureLine(message: string): string {
    const who = this.pendingUser !== null ? ` of user '${this.pendingUser}'` : ''
    const how = this.lastMechanism ? ` with ${this.lastMechanism}` : ''
    return `SASL authentication${who}${how} failed: ${message}`
  }

  /** PLAIN (RFC 4616): authzid NUL authcid NUL password. */
  private plain(token: Buffer): string {
    const parts = token.toString('utf8').split('\u0000')
    if (parts.length !== 3)
      throw new SaslAuthenticationError('Invalid SASL/PLAIN response: expected 3 tokens')
    const [authzid, user, password] = parts
    this.pendingUser = user
    if (!user) throw new SaslAuthenticationError('Authentication failed: username not specified')
    if (authzid && authzid !== user)
      throw new SaslAuthenticationError(
        'Authentication failed: Client requested an authorization id that is different from username'
      )
    const internal = this.settings.internal
    const ok =
      internal && user === internal.user
        ? password === internal.password
        : this.settings.credentials.checkSaslPassword(user, password)
    if (!ok)
      throw new SaslAuthenticationError('Authentication failed: Invalid username or password')
    return user
  }
}
