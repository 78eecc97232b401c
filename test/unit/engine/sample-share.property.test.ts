// How the key-sample budget is split over partitions: by weight, never more than a partition holds.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { shareOut } from '../../../src/engine/messages/key-sample'

describe('shareOut', () => {
  it('gives out min(size, all held), no part above its cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.array(fc.tuple(fc.nat(1000), fc.nat(3000)), { minLength: 1, maxLength: 12 }),
        (size, parts) => {
          const weights = parts.map(([w]) => w)
          const caps = parts.map(([, c]) => c)
          const out = shareOut(size, weights, caps)
          const held = caps.reduce((a, b) => a + b, 0)
          expect(out.reduce((a, b) => a + b, 0)).toBe(Math.min(size, held))
          out.forEach((n, i) => {
            expect(n).toBeGreaterThanOrEqual(0)
            expect(n).toBeLessThanOrEqual(caps[i])
          })
          // A budget at least as large as the topic reads every partition whole.
          if (size >= held) expect(out).toEqual(caps)
        }
      )
    )
  })

  it('splits by weight while no cap binds', () => {
    expect(shareOut(100, [9, 1], [1000, 1000])).toEqual([90, 10])
    expect(shareOut(100, [9, 1], [50, 1000])).toEqual([50, 50])
    expect(shareOut(10, [0, 0, 0], [5, 5, 5]).reduce((a, b) => a + b, 0)).toBe(10)
  })
})
