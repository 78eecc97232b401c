// The token comparison runs in constant time over equal-length digests, whatever the length of
// the candidate: no early return tells an attacker how long the token is.
import { describe, expect, it, vi } from 'vitest'

const compared = vi.hoisted(() => [] as [number, number][])

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>()
  return {
    ...actual,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      compared.push([a.byteLength, b.byteLength])
      return actual.timingSafeEqual(a, b)
    }
  }
})

const { AccessPolicy } = await import('../../../src/server/security')

describe('token comparison', () => {
  it('compares fixed-length digests for candidates of every length', () => {
    const policy = new AccessPolicy('s3cret-token', '127.0.0.1', 9080)
    const candidates = [
      'x',
      's3cret',
      's3cret-toke',
      's3cret-tokeN',
      's3cret-token!',
      'y'.repeat(4096)
    ]
    for (const c of candidates) expect(policy.tokenMatches(c), c).toBe(false)
    expect(policy.tokenMatches('s3cret-token')).toBe(true)
    expect(compared).toHaveLength(candidates.length + 1)
    const lengths = new Set(compared.flat())
    expect([...lengths]).toEqual([32])
  })
})
