// Delegation tokens (KIP-48, KIP-373) as Kafka's token manager keeps them: a token is an id, an
// owner, the requester who created it, renewers, and three times (issued, expires, max). The
// broker's secret key (`delegation.token.secret.key`) makes the token's HMAC of its id; a client
// names a token by that HMAC to renew or expire it, and logs in with SCRAM using the id as its
// user name and the HMAC (base64) as its password. Kept in the database; expired tokens are
// removed every `delegation.token.expiry.check.interval.ms` and at start.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { ErrorName } from '../../shared/kafka/error-codes'
import type { Db } from '../storage/database'
import { delegationTokenQueries } from '../storage/delegation-token-queries'
import {
  credentialFromPassword,
  SCRAM_MIN_ITERATIONS,
  type ScramCredential,
  type ScramMechanism
} from './scram'

/** A principal as Kafka writes it: `User:NAME`. */
export type Principal = string

export interface DelegationToken {
  tokenId: string
  owner: Principal
  requester: Principal
  renewers: Principal[]
  issueMs: number
  expiryMs: number
  maxMs: number
  hmac: Buffer
}

/** What the token manager reads from the broker configs, on every request. */
export interface DelegationTokenSettings {
  /** delegation.token.secret.key; null or '' disables delegation tokens. */
  secretKey: string | null
  /** delegation.token.max.lifetime.ms */
  maxLifetimeMs: number
  /** delegation.token.expiry.time.ms: how long a token lives before it must be renewed. */
  expiryTimeMs: number
  /** delegation.token.expiry.check.interval.ms: how often expired tokens are removed. */
  expiryCheckIntervalMs: number
}

export type TokenOutcome<T> = ({ ok: true } & T) | { ok: false; error: ErrorName }

const MAX_TIMER_MS = 2 ** 31 - 1

/** Kafka's saturating sum of a time and a duration. */
const plus = (now: number, ms: number) =>
  ms > Number.MAX_SAFE_INTEGER - now ? Number.MAX_SAFE_INTEGER : now + ms

/** Kafka's Uuid.randomUuid().toString(): 16 random bytes in URL-safe base64, not led by '-'. */
function newTokenId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url')
    if (!id.startsWith('-')) return id
  }
}

export function tokenHmac(secretKey: string, tokenId: string): Buffer {
  return createHmac('sha512', Buffer.from(secretKey, 'utf8')).update(tokenId, 'utf8').digest()
}

export class DelegationTokens {
  private readonly q
  private readonly byId = new Map<string, DelegationToken>()
  /** SCRAM credentials made from a token's HMAC, per mechanism, made at its first login. */
  private readonly credentials = new Map<string, Map<ScramMechanism, ScramCredential>>()
  private timer: NodeJS.Timeout | null = null

  constructor(
    db: Db,
    private readonly settings: () => DelegationTokenSettings,
    /** Told of the tokens each expiry check removed. */
    private readonly onRemoved: (tokenIds: string[]) => void = () => {}
  ) {
    this.q = delegationTokenQueries(db)
    for (const r of this.q.tokenSelectAll.all())
      this.byId.set(r.token_id, {
        tokenId: r.token_id,
        owner: r.owner,
        requester: r.requester,
        renewers: JSON.parse(r.renewers) as Principal[],
        issueMs: r.issue_ms,
        expiryMs: r.expiry_ms,
        maxMs: r.max_ms,
        hmac: r.hmac
      })
  }

  get enabled(): boolean {
    const key = this.settings().secretKey
    return key !== null && key !== ''
  }

  /** Removes expired tokens now and then every expiry check interval. */
  start(now = Date.now()): void {
    this.sweep(now)
    this.schedule()
  }

  private schedule(): void {
    // setTimeout takes at most 2^31 - 1 ms (about 24.8 days); a longer delay would fire at once.
    const delay = Math.min(this.settings().expiryCheckIntervalMs, MAX_TIMER_MS)
    this.timer = setTimeout(() => {
      this.sweep(Date.now())
      this.schedule()
    }, delay)
    this.timer.unref()
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  /** Removes the tokens past their expiry or max time; returns their ids. */
  sweep(now: number): string[] {
    const removed: string[] = []
    for (const t of [...this.byId.values()])
      if (expired(t, now)) {
        this.remove(t.tokenId)
        removed.push(t.tokenId)
      }
    if (removed.length > 0) this.onRemoved(removed)
    return removed
  }

  private remove(tokenId: string): void {
    this.q.tokenDelete.run(tokenId)
    this.byId.delete(tokenId)
    this.credentials.delete(tokenId)
  }

  /** Every token, oldest first. */
  list(): DelegationToken[] {
    return [...this.byId.values()]
  }

  token(tokenId: string): DelegationToken | undefined {
    return this.byId.get(tokenId)
  }

  private byHmac(hmac: Buffer): DelegationToken | undefined {
    for (const t of this.byId.values())
      if (t.hmac.length === hmac.length && timingSafeEqual(t.hmac, hmac)) return t
    return undefined
  }

  /**
   * CreateDelegationToken: max lifetime the smaller of the request's (when > 0) and
   * delegation.token.max.lifetime.ms; expiry delegation.token.expiry.time.ms from now, within it.
   */
  create(
    owner: Principal,
    requester: Principal,
    renewers: Principal[],
    maxLifetimeMs: number,
    now = Date.now()
  ): TokenOutcome<{ token: DelegationToken }> {
    const s = this.settings()
    if (!this.enabled) return { ok: false, error: 'DELEGATION_TOKEN_AUTH_DISABLED' }
    const lifetime = maxLifetimeMs > 0 ? Math.min(s.maxLifetimeMs, maxLifetimeMs) : s.maxLifetimeMs
    const maxMs = plus(now, lifetime)
    const tokenId = newTokenId()
    const token: DelegationToken = {
      tokenId,
      owner,
      requester,
      renewers,
      issueMs: now,
      expiryMs: Math.min(maxMs, plus(now, s.expiryTimeMs)),
      maxMs,
      hmac: tokenHmac(s.secretKey as string, tokenId)
    }
    this.q.tokenInsert.run(
      tokenId,
      owner,
      requester,
      JSON.stringify(renewers),
      token.issueMs,
      token.expiryMs,
      token.maxMs,
      token.hmac
    )
    this.byId.set(tokenId, token)
    return { ok: true, token }
  }

  /** RenewDelegationToken: by the owner, requester or a renewer, before the token expires. */
  renew(
    principal: Principal,
    hmac: Buffer,
    renewPeriodMs: number,
    now = Date.now()
  ): TokenOutcome<{ expiryMs: number }> {
    const s = this.settings()
    if (!this.enabled) return { ok: false, error: 'DELEGATION_TOKEN_AUTH_DISABLED' }
    const token = this.byHmac(hmac)
    if (!token) return { ok: false, error: 'DELEGATION_TOKEN_NOT_FOUND' }
    if (expired(token, now)) return { ok: false, error: 'DELEGATION_TOKEN_EXPIRED' }
    if (!ownerOrRenewer(token, principal))
      return { ok: false, error: 'DELEGATION_TOKEN_OWNER_MISMATCH' }
    const period = renewPeriodMs > 0 ? Math.min(s.expiryTimeMs, renewPeriodMs) : s.expiryTimeMs
    return { ok: true, expiryMs: this.setExpiry(token, Math.min(token.maxMs, plus(now, period))) }
  }

  /**
   * ExpireDelegationToken: a negative period removes the token at once (expired or not);
   * otherwise it expires that long from now, within its max time.
   */
  expire(
    principal: Principal,
    hmac: Buffer,
    expiryTimePeriodMs: number,
    now = Date.now()
  ): TokenOutcome<{ expiryMs: number }> {
    if (!this.enabled) return { ok: false, error: 'DELEGATION_TOKEN_AUTH_DISABLED' }
    const token = this.byHmac(hmac)
    if (!token) return { ok: false, error: 'DELEGATION_TOKEN_NOT_FOUND' }
    if (!ownerOrRenewer(token, principal))
      return { ok: false, error: 'DELEGATION_TOKEN_OWNER_MISMATCH' }
    if (expiryTimePeriodMs < 0) {
      this.remove(token.tokenId)
      return { ok: true, expiryMs: now }
    }
    if (expired(token, now)) return { ok: false, error: 'DELEGATION_TOKEN_EXPIRED' }
    const expiryMs = Math.min(token.maxMs, plus(now, expiryTimePeriodMs))
    return { ok: true, expiryMs: this.setExpiry(token, expiryMs) }
  }

  /** Removes a token by id (the console's expire); false when there is none. */
  expireById(tokenId: string): boolean {
    if (!this.byId.has(tokenId)) return false
    this.remove(tokenId)
    return true
  }

  private setExpiry(token: DelegationToken, expiryMs: number): number {
    this.q.tokenSetExpiry.run(expiryMs, token.tokenId)
    token.expiryMs = expiryMs
    return expiryMs
  }

  /**
   * What a SCRAM login with `tokenauth=true` checks: the credential made from the token's HMAC,
   * and the token's owner and expiry. Undefined for an unknown or expired token, or when
   * delegation tokens are disabled.
   */
  loginCredential(
    tokenId: string,
    mechanism: ScramMechanism,
    now = Date.now()
  ): { credential: ScramCredential; owner: Principal; expiryMs: number } | undefined {
    const token = this.byId.get(tokenId)
    if (!token || !this.enabled || expired(token, now)) return undefined
    let perMechanism = this.credentials.get(tokenId)
    if (!perMechanism) this.credentials.set(tokenId, (perMechanism = new Map()))
    let credential = perMechanism.get(mechanism)
    if (!credential) {
      credential = credentialFromPassword(
        mechanism,
        token.hmac.toString('base64'),
        SCRAM_MIN_ITERATIONS
      )
      perMechanism.set(mechanism, credential)
    }
    return { credential, owner: token.owner, expiryMs: token.expiryMs }
  }
}

export function expired(token: DelegationToken, now: number): boolean {
  return token.maxMs < now || token.expiryMs < now
}

/** Kafka's TokenInformation.ownerOrRenewer: the owner, the requester or a renewer. */
export function ownerOrRenewer(token: DelegationToken, principal: Principal): boolean {
  return (
    token.owner === principal || token.requester === principal || token.renewers.includes(principal)
  )
}
