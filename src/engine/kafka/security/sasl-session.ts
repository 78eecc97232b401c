// One connection's SASL state on a SASL listener: which requests it may send before it has
// logged in, the mechanism chosen by SaslHandshake, the exchange SaslAuthenticate drives, and
// the session's expiry: connections.max.reauth.ms when re-authentication is on, and an
// OAUTHBEARER token's exp, whichever comes first (KIP-368).
import { createHash, timingSafeEqual } from 'node:crypto'
import { ApiKey } from '../protocol'
import { OAuthBearerServerExchange, type OAuthBearerOptions } from './oauthbearer'
import {
  SaslAuthenticationError,
  ScramServerExchange,
  SCRAM_MECHANISMS,
  type ScramCredential,
  type ScramMechanism,
  type ScramTokenLogin
} from '../../security/scram'

/** Every mechanism the listeners can serve (sasl.enabled.mechanisms picks among them). */
export const SASL_MECHANISMS = ['PLAIN', ...SCRAM_MECHANISMS, 'OAUTHBEARER'] as const
export type SaslMechanism = (typeof SASL_MECHANISMS)[number]
/** The mechanisms a SASL listener offers unless told otherwise. */
export const DEFAULT_SASL_MECHANISMS: readonly SaslMechanism[] = ['PLAIN', ...SCRAM_MECHANISMS]

export interface SaslSettings {
  /** Mechanisms offered, in the order SaslHandshake lists them. */
  mechanisms: readonly SaslMechanism[]
  /** connections.max.reauth.ms: a session's lifetime; 0 means sessions do not expire. */
  maxReauthMs: number
  credentials: SaslCredentials
  /** A PLAIN login known only to this process (the demo's clients); never stored. */
  internal?: { user: string; password: string }
  /** How OAUTHBEARER tokens are checked (Kafka's unsecured validator, or a JWKS's keys). */
  oauthBearer?: OAuthBearerOptions
  /**
   * The listener's PLAIN logins from its JAAS config (user_NAME="PASSWORD"), checked instead of
   * the stored users, as Kafka's PlainServerCallbackHandler checks them: none refuses every one.
   */
  plainUsers?: ReadonlyMap<string, string>
  /** Where plainUsers come from, for log lines (`JAAS file F section KafkaServer`). */
  plainUsersFrom?: string
}

/** Where logins are checked: the stored SCRAM credentials and delegation tokens (the engine's). */
export interface SaslCredentials {
  scramCredential(user: string, mechanism: ScramMechanism): ScramCredential | undefined
  checkSaslPassword(user: string, password: string): boolean
  /** A delegation token's login (SCRAM with tokenauth=true), by token id; undefined if none. */
  delegationTokenLogin?(tokenId: string, mechanism: ScramMechanism): ScramTokenLogin | undefined
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
  private exchange: ScramServerExchange | OAuthBearerServerExchange | null = null
  /** SaslHandshake v0: the next frames are bare SASL tokens, not Kafka requests. */
  rawTokens = false
  private user: string | null = null
  private expiresAt = Infinity
  /** What bounds the session: the reauth setting, or the token's exp (for log lines). */
  private expiryCause = ''
  /** The lifetime told to the client at the end of the last login (session_lifetime_ms). */
  private lifetimeMs = 0
  /** The user being authenticated (for log lines), once the client has named it. */
  pendingUser: string | null = null
  /** Whether the login was a delegation token's (such a connection may not use token APIs). */
  private byToken = false
  /** Why the last PLAIN login was refused, when the JAAS config says more than the message. */
  private plainFailure: string | null = null

  constructor(private readonly settings: SaslSettings) {}

  get principal(): string | null {
    return this.user
  }

  /** Whether the session logged in with a delegation token (KIP-48's tokenAuthenticated). */
  get tokenAuthenticated(): boolean {
    return this.byToken
  }

  /** session_lifetime_ms of the last login: 0 when the session does not expire. */
  get sessionLifetimeMs(): number {
    return this.lifetimeMs
  }

  get enabledMechanisms(): readonly SaslMechanism[] {
    return this.settings.mechanisms
  }

  /** Whether a login is under way: a mechanism chosen (SaslHandshake v1) and no one logged in. */
  get authenticating(): boolean {
    return this.mechanism !== null && !this.rawTokens && this.user === null
  }

  /** Why a request of this API may not be handled now, or null when it may. */
  refusal(apiKey: number, now = Date.now()): string | null {
    if (BEFORE_LOGIN.has(apiKey)) return null
    if (this.user === null) {
      // A client that takes the error challenge for success (kafkajs) goes on with requests.
      const refused =
        this.exchange instanceof OAuthBearerServerExchange ? this.exchange.pendingFailure : null
      return refused !== null
        ? `API key ${apiKey} before SASL authentication: SASL authentication with OAUTHBEARER failed: ${refused}`
        : `API key ${apiKey} before SASL authentication`
    }
    if (now > this.expiresAt)
      return `the SASL session of '${this.user}' expired (${this.expiryCause}) without re-authentication`
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
      let credentialExpiresAt: number | undefined
      let byToken = false
      if (mechanism === 'PLAIN') {
        user = this.plain(token)
      } else if (mechanism === 'OAUTHBEARER') {
        const exchange = (this.exchange ??= new OAuthBearerServerExchange(
          this.settings.oauthBearer
        )) as OAuthBearerServerExchange
        const step = exchange.step(token, now)
        response = step.response
        user = step.user
        credentialExpiresAt = step.expiresAtMs
        if (user !== undefined) this.pendingUser = user
        // The process's own login is PLAIN's alone: no token may claim it.
        if (user !== undefined && user === this.settings.internal?.user)
          throw new SaslAuthenticationError(
            `Authentication failed: the principal name '${user}' is reserved`
          )
      } else {
        const exchange = (this.exchange ??= new ScramServerExchange(
          mechanism,
          (u) => {
            this.pendingUser = u
            return this.settings.credentials.scramCredential(u, mechanism)
          },
          undefined,
          (tokenId) => {
            this.pendingUser = tokenId
            return this.settings.credentials.delegationTokenLogin?.(tokenId, mechanism)
          }
        )) as ScramServerExchange
        const step = exchange.step(token)
        response = step.response
        user = step.user
        if (step.tokenExpiryMs !== undefined) {
          credentialExpiresAt = step.tokenExpiryMs
          byToken = true
        }
      }
      if (user === undefined) return { ok: true, response, done: false }
      if (this.user !== null && user !== this.user)
        throw new SaslAuthenticationError(
          `Cannot change principals during re-authentication from User:${this.user} to User:${user}`
        )
      this.user = user
      this.byToken = byToken
      this.startSession(now, credentialExpiresAt, byToken)
      this.mechanism = null
      this.exchange = null
      this.rawTokens = false
      return { ok: true, response, done: true }
    } catch (err) {
      if (err instanceof SaslAuthenticationError) return { ok: false, message: err.message }
      throw err
    }
  }

  /**
   * Kafka's session lifetime: connections.max.reauth.ms when set, the credential's remaining
   * life when it has one (an OAUTHBEARER token's exp), the smaller of the two when both.
   */
  private startSession(
    now: number,
    credentialExpiresAt: number | undefined,
    tokenLogin = false
  ): void {
    const maxReauthMs = this.settings.maxReauthMs
    const byToken = credentialExpiresAt !== undefined
    const byReauth = maxReauthMs > 0
    if (!byToken && !byReauth) {
      this.lifetimeMs = 0
      this.expiresAt = Infinity
      return
    }
    const tokenLeft = byToken ? Math.max(0, Math.floor(credentialExpiresAt - now)) : Infinity
    const reauth = byReauth ? maxReauthMs : Infinity
    this.lifetimeMs = Math.min(tokenLeft, reauth)
    this.expiresAt = now + this.lifetimeMs
    this.expiryCause =
      tokenLeft <= reauth
        ? tokenLogin
          ? `the expiry of its delegation token, ${new Date(credentialExpiresAt as number).toISOString()}`
          : `the exp of its OAUTHBEARER token, ${new Date(credentialExpiresAt as number).toISOString()}`
        : `connections.max.reauth.ms ${maxReauthMs}`
  }

  /** The log line of a failed login. */
  failureLine(message: string): string {
    const who = this.pendingUser !== null ? ` of user '${this.pendingUser}'` : ''
    const how = this.lastMechanism ? ` with ${this.lastMechanism}` : ''
    const why =
      this.exchange instanceof OAuthBearerServerExchange && this.exchange.failureReason
        ? ` (${this.exchange.failureReason})`
        : this.lastMechanism === 'PLAIN' && this.plainFailure
          ? ` (${this.plainFailure})`
          : ''
    return `SASL authentication${who}${how} failed: ${message}${why}`
  }

  /** PLAIN (RFC 4616): authzid NUL authcid NUL password. */
  private plain(token: Buffer): string {
    this.plainFailure = null
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
    const jaas = this.settings.plainUsers
    const ok =
      internal && user === internal.user
        ? password === internal.password
        : jaas
          ? samePassword(jaas.get(user), password)
          : this.settings.credentials.checkSaslPassword(user, password)
    if (!ok) {
      const from = this.settings.plainUsersFrom ?? 'its JAAS config'
      if (jaas && !(internal && user === internal.user))
        this.plainFailure =
          jaas.size === 0
            ? `${from} lists no user_ options, so every PLAIN login is refused, as Kafka's PlainServerCallbackHandler refuses it`
            : jaas.has(user)
              ? `not the password of user_${user} in ${from}`
              : `no user_${user} in ${from}: PLAIN logins here are its users only`
      throw new SaslAuthenticationError('Authentication failed: Invalid username or password')
    }
    return user
  }
}

/** A JAAS user's password compared without telling by its timing how much matched. */
function samePassword(expected: string | undefined, given: string): boolean {
  if (expected === undefined) return false
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest()
  return timingSafeEqual(digest(expected), digest(given))
}
