// The SASL users of the embedded cluster: their SCRAM credentials per mechanism, kept in the
// database (so they survive a restart) and cached in memory for logins.
import type { Db } from '../storage/database'
import { scramQueries } from '../storage/scram-queries'
import {
  credentialFromPassword,
  passwordMatches,
  SCRAM_MECHANISMS,
  SCRAM_MIN_ITERATIONS,
  type ScramCredential,
  type ScramMechanism
} from './scram'

export interface ScramUser {
  name: string
  credentials: { mechanism: ScramMechanism; iterations: number }[]
}

export class ScramCredentials {
  private readonly q
  private readonly byUser = new Map<string, Map<ScramMechanism, ScramCredential>>()

  constructor(db: Db) {
    this.q = scramQueries(db)
    for (const row of this.q.credentialSelectAll.all()) {
      if (!(SCRAM_MECHANISMS as readonly string[]).includes(row.mechanism)) continue
      this.cache(row.user, {
        mechanism: row.mechanism as ScramMechanism,
        salt: row.salt,
        iterations: row.iterations,
        storedKey: row.stored_key,
        serverKey: row.server_key
      })
    }
  }

  private cache(user: string, c: ScramCredential): void {
    const m = this.byUser.get(user) ?? new Map<ScramMechanism, ScramCredential>()
    m.set(c.mechanism, c)
    this.byUser.set(user, m)
  }

  users(): ScramUser[] {
    return [...this.byUser.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, m]) => ({
        name,
        credentials: SCRAM_MECHANISMS.filter((x) => m.has(x)).map((mechanism) => ({
          mechanism,
          iterations: m.get(mechanism)!.iterations
        }))
      }))
  }

  has(user: string): boolean {
    return this.byUser.has(user)
  }

  credential(user: string, mechanism: ScramMechanism): ScramCredential | undefined {
    return this.byUser.get(user)?.get(mechanism)
  }

  /** Whether `password` is the user's (PLAIN logins), checked against a stored SCRAM credential. */
  checkPassword(user: string, password: string): boolean {
    const m = this.byUser.get(user)
    const c = m?.get('SCRAM-SHA-256') ?? m?.get('SCRAM-SHA-512')
    return c !== undefined && passwordMatches(c, password)
  }

  upsert(user: string, credential: ScramCredential): void {
    this.q.credentialUpsert.run(
      user,
      credential.mechanism,
      credential.salt,
      credential.iterations,
      credential.storedKey,
      credential.serverKey
    )
    this.cache(user, credential)
  }

  /** Sets the user's password for every mechanism given (both SCRAM mechanisms by default). */
  setPassword(
    user: string,
    password: string,
    mechanisms: readonly ScramMechanism[] = SCRAM_MECHANISMS,
    iterations = SCRAM_MIN_ITERATIONS
  ): void {
    for (const mechanism of mechanisms)
      this.upsert(user, credentialFromPassword(mechanism, password, iterations))
  }

  /** Removes one credential of the user; false when there was none. */
  remove(user: string, mechanism: ScramMechanism): boolean {
    const m = this.byUser.get(user)
    if (!m?.has(mechanism)) return false
    this.q.credentialDelete.run(user, mechanism)
    m.delete(mechanism)
    if (m.size === 0) this.byUser.delete(user)
    return true
  }

  /** Removes every credential of the user; false when there were none. */
  removeUser(user: string): boolean {
    if (!this.byUser.has(user)) return false
    this.q.credentialDeleteUser.run(user)
    this.byUser.delete(user)
    return true
  }
}
