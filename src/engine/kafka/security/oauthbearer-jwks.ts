// The JWKS the secured OAUTHBEARER validator verifies tokens with
// (sasl.oauthbearer.jwks.endpoint.url): a `file:` URL is read at start and again when the file
// changes or sasl.oauthbearer.jwks.endpoint.refresh.ms has passed; an `http(s):` URL is fetched
// at start and every refresh.ms, and sooner (at most every few seconds) when a token names a kid
// it does not hold, as Kafka's RefreshingHttpsJwks does. A failed read or fetch keeps the keys
// already held and is logged.
import { createPublicKey, createSecretKey } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { TokenFailure, ValidToken } from './oauthbearer'
import {
  validateSignedToken,
  type SecuredValidatorOptions,
  type VerificationKey
} from './oauthbearer-jws'

/** sasl.oauthbearer.jwks.endpoint.refresh.ms's default (Kafka's): one hour. */
export const DEFAULT_JWKS_REFRESH_MS = 3_600_000
/** The least time between two fetches brought forward by an unknown kid. */
const EXPEDITED_REFRESH_MS = 10_000
const FETCH_TIMEOUT_MS = 10_000
/** A JWKS larger than this is refused. */
const MAX_JWKS_BYTES = 1 << 20

/** Reads a JWKS document's keys; throws when it is not `{"keys": [...]}`. */
export function parseJwks(text: string): { keys: VerificationKey[]; skipped: string[] } {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    throw new Error('the JWKS is not JSON')
  }
  const list = (doc as { keys?: unknown } | null)?.keys
  if (!Array.isArray(list)) throw new Error('the JWKS has no "keys" array')
  const keys: VerificationKey[] = []
  const skipped: string[] = []
  for (const jwk of list as VerificationKey['jwk'][]) {
    try {
      if (jwk.kty === 'oct') {
        keys.push({ jwk, key: createSecretKey(Buffer.from(String(jwk.k ?? ''), 'base64url')) })
        continue
      }
      if (jwk.kty !== 'RSA' && jwk.kty !== 'EC') throw new Error(`kty ${String(jwk.kty)}`)
      keys.push({ jwk, key: createPublicKey({ key: jwk, format: 'jwk' }) })
    } catch (err) {
      skipped.push(`${String(jwk?.kid ?? '(no kid)')}: ${(err as Error).message}`)
    }
  }
  return { keys, skipped }
}

export class JwksKeySource {
  private held: VerificationKey[] = []
  private readonly file: string | null
  private fileStamp = ''
  private failedStamp: string | null = null
  private readAt = 0
  private timer: NodeJS.Timeout | null = null
  private fetching: Promise<void> | null = null
  private lastExpedited = 0

  constructor(
    readonly url: string,
    private readonly refreshMs: number,
    private readonly log: (line: string) => void
  ) {
    const u = new URL(url)
    if (u.protocol === 'file:') this.file = fileURLToPath(u)
    else if (u.protocol === 'http:' || u.protocol === 'https:') this.file = null
    else throw new Error(`the JWKS endpoint URL must be file:, http: or https:, got ${url}`)
  }

  /** Reads the file (throws if it cannot be read) or fetches the URL (logs a failure). */
  async start(): Promise<void> {
    if (this.file !== null) {
      this.readFile(true)
      return
    }
    await this.fetchKeys()
    this.timer = setInterval(() => void this.fetchKeys(), this.refreshMs)
    this.timer.unref()
  }

  close(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** The keys held now (a file that changed, or whose refresh time passed, is read again). */
  keys(now = Date.now()): readonly VerificationKey[] {
    if (this.file !== null) {
      let stamp: string
      try {
        const st = statSync(this.file)
        stamp = `${st.mtimeMs}:${st.size}:${st.ino}`
      } catch {
        stamp = 'unreadable'
      }
      if (stamp !== this.fileStamp || now - this.readAt >= this.refreshMs) this.readFile(false)
    }
    return this.held
  }

  /** A token named a kid no key has: look again (a file at once, a URL in the background). */
  unknownKid(kid: string, now = Date.now()): void {
    if (this.file !== null || now - this.lastExpedited < EXPEDITED_REFRESH_MS) return
    this.lastExpedited = now
    this.log(`OAUTHBEARER: no key of the JWKS from ${this.url} has kid '${kid}'; fetching it again`)
    void this.fetchKeys()
  }

  private take(text: string): void {
    const { keys, skipped } = parseJwks(text)
    for (const s of skipped)
      this.log(`OAUTHBEARER: a key of the JWKS from ${this.url} is skipped (${s})`)
    this.held = keys
  }

  private readFile(first: boolean): void {
    const file = this.file as string
    this.readAt = Date.now()
    let stamp = 'unreadable'
    try {
      const st = statSync(file)
      stamp = `${st.mtimeMs}:${st.size}:${st.ino}`
      if (st.size > MAX_JWKS_BYTES) throw new Error(`larger than ${MAX_JWKS_BYTES} bytes`)
      this.take(readFileSync(file, 'utf8'))
      this.failedStamp = null
    } catch (err) {
      const message = `OAUTHBEARER: the JWKS ${file} could not be read: ${(err as Error).message}`
      if (first) throw new Error(message, { cause: err })
      // Logged once for each state of the file, not at every login.
      if (stamp !== this.failedStamp) this.log(`${message}; the keys read before are kept`)
      this.failedStamp = stamp
    }
    this.fileStamp = stamp
  }

  private fetchKeys(): Promise<void> {
    this.fetching ??= (async () => {
      try {
        const res = await fetch(this.url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) })
        if (!res.ok) throw new Error(`HTTP ${res.status}`)
        const text = await res.text()
        if (text.length > MAX_JWKS_BYTES) throw new Error(`larger than ${MAX_JWKS_BYTES} bytes`)
        this.take(text)
      } catch (err) {
        this.log(
          `OAUTHBEARER: the JWKS could not be fetched from ${this.url}: ${(err as Error).message}; ${this.held.length} key(s) held before are kept`
        )
      } finally {
        this.fetching = null
      }
    })()
    return this.fetching
  }
}

/** Kafka's broker configs of the secured validator (KIP-768). */
export interface JwksValidatorConfig extends SecuredValidatorOptions {
  /** sasl.oauthbearer.jwks.endpoint.url: `file:`, `http:` or `https:`. */
  endpointUrl: string
  /** sasl.oauthbearer.jwks.endpoint.refresh.ms: one hour by default. */
  refreshMs?: number
}

/** Reads (or fetches) the JWKS and gives the validator every OAUTHBEARER token goes through. */
export async function startJwksValidator(
  config: JwksValidatorConfig,
  log: (line: string) => void
): Promise<{ secured: (token: string, now: number) => ValidToken | TokenFailure; close(): void }> {
  const source = new JwksKeySource(
    config.endpointUrl,
    config.refreshMs ?? DEFAULT_JWKS_REFRESH_MS,
    log
  )
  await source.start()
  return {
    secured: (token, now) => {
      const { result, unknownKid } = validateSignedToken(token, source.keys(now), config, now)
      if (unknownKid !== undefined) source.unknownKid(unknownKid, now)
      return result
    },
    close: () => source.close()
  }
}
