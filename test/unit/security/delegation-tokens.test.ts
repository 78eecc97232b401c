// The token manager's rules at chosen times: lifetimes from the settings, renew and expire within
// the max time, Kafka's errors, the expiry check, tokens read back from the database, and an
// expiry check interval longer than a timer can wait.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../../../src/engine/storage/database'
import {
  DelegationTokens,
  type DelegationTokenSettings
} from '../../../src/engine/security/delegation-tokens'

const settings: DelegationTokenSettings = {
  secretKey: 'key',
  maxLifetimeMs: 10_000,
  expiryTimeMs: 1_000,
  expiryCheckIntervalMs: 3_600_000
}

afterEach(() => {
  vi.useRealTimers()
})

describe('DelegationTokens', () => {
  it('lives, renews and expires by the settings, at the times given', () => {
    const db = openDatabase({ dataDir: ':memory:', fsync: false })
    const tokens = new DelegationTokens(db, () => settings)
    const out = tokens.create('User:alice', 'User:alice', ['User:bob'], -1, 100)
    if (!out.ok) throw new Error(out.error)
    const t = out.token
    expect([t.issueMs, t.expiryMs, t.maxMs]).toEqual([100, 1_100, 10_100])
    expect(tokens.renew('User:bob', t.hmac, 5_000, 1_000)).toEqual({ ok: true, expiryMs: 2_000 })
    expect(tokens.renew('User:carol', t.hmac, -1, 1_000)).toEqual({
      ok: false,
      error: 'DELEGATION_TOKEN_OWNER_MISMATCH'
    })
    expect(tokens.renew('User:alice', t.hmac, -1, 2_001)).toEqual({
      ok: false,
      error: 'DELEGATION_TOKEN_EXPIRED'
    })
    // A token of 1.5 s renewed after 1 s expires at its max time, not 1 s later.
    const short = tokens.create('User:alice', 'User:alice', [], 1_500, 100)
    if (!short.ok) throw new Error(short.error)
    expect([short.token.expiryMs, short.token.maxMs]).toEqual([1_100, 1_600])
    expect(tokens.renew('User:alice', short.token.hmac, -1, 1_000)).toEqual({
      ok: true,
      expiryMs: 1_600
    })
    expect(tokens.expire('User:alice', short.token.hmac, -1, 5_000)).toEqual({
      ok: true,
      expiryMs: 5_000
    })
    expect(tokens.loginCredential(t.tokenId, 'SCRAM-SHA-256', 2_001)).toBeUndefined()
    expect(tokens.loginCredential(t.tokenId, 'SCRAM-SHA-256', 2_000)?.owner).toBe('User:alice')
    // Read back from the database by another manager, then removed by the expiry check.
    const again = new DelegationTokens(db, () => settings)
    expect(again.list().map((x) => [x.tokenId, x.expiryMs])).toEqual([[t.tokenId, 2_000]])
    expect(again.sweep(2_000)).toEqual([])
    expect(again.sweep(2_001)).toEqual([t.tokenId])
    expect(new DelegationTokens(db, () => settings).list()).toEqual([])
    db.close()
  })

  it('is disabled without a secret key', () => {
    const db = openDatabase({ dataDir: ':memory:', fsync: false })
    const tokens = new DelegationTokens(db, () => ({ ...settings, secretKey: '' }))
    expect(tokens.create('User:a', 'User:a', [], -1, 0)).toEqual({
      ok: false,
      error: 'DELEGATION_TOKEN_AUTH_DISABLED'
    })
    db.close()
  })

  it('waits at most what a timer can between expiry checks', () => {
    vi.useFakeTimers()
    const db = openDatabase({ dataDir: ':memory:', fsync: false })
    let removed = 0
    const tokens = new DelegationTokens(
      db,
      () => ({ ...settings, expiryCheckIntervalMs: 9_000_000_000_000 }),
      () => removed++
    )
    tokens.create('User:a', 'User:a', [], 1, Date.now())
    tokens.start(Date.now())
    vi.advanceTimersByTime(1_000)
    expect(removed).toBe(0)
    vi.advanceTimersByTime(2 ** 31)
    expect(removed).toBe(1)
    tokens.close()
    db.close()
  })
})
