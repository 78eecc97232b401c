// queued.max.request.bytes: reservations up to the budget, waiters served in order as room frees.
import { describe, expect, it } from 'vitest'
import { RequestMemoryPool, SMALL_FRAME_BYTES } from '../../../src/engine/kafka/request-memory'

describe('RequestMemoryPool', () => {
  it('reserves up to the budget, queues the rest and grants in arrival order', () => {
    const M = 1024 * 1024
    const pool = new RequestMemoryPool(100 * M)
    expect(pool.tryReserve(60 * M)).toBe(true)
    expect(pool.tryReserve(50 * M)).toBe(false)
    const granted: string[] = []
    pool.waitFor(50 * M, () => granted.push('a'))
    pool.waitFor(10 * M, () => granted.push('b'))
    // b would fit, but a waits before it.
    expect(pool.tryReserve(10 * M)).toBe(false)
    expect(granted).toEqual([])
    pool.release(60 * M)
    expect(granted).toEqual(['a', 'b'])
    expect(pool.reserved).toBe(60 * M)
    expect(pool.waiting).toBe(0)
  })

  it('never makes a small frame wait', () => {
    const pool = new RequestMemoryPool(100_000)
    expect(pool.tryReserve(100_000)).toBe(true)
    pool.waitFor(50_000, () => {})
    expect(pool.tryReserve(SMALL_FRAME_BYTES)).toBe(true)
    expect(pool.tryReserve(SMALL_FRAME_BYTES + 1)).toBe(false)
  })

  it('lets one request larger than the budget through when it is alone', () => {
    const pool = new RequestMemoryPool(100_000)
    expect(pool.tryReserve(500_000)).toBe(true)
    expect(pool.tryReserve(70_000)).toBe(false)
    pool.release(500_000)
    expect(pool.tryReserve(70_000)).toBe(true)
  })

  it('forgets a waiter that leaves the queue, and serves the next', () => {
    const pool = new RequestMemoryPool(100_000)
    pool.tryReserve(100_000)
    const granted: string[] = []
    const leave = pool.waitFor(80_000, () => granted.push('gone'))
    pool.waitFor(20_000, () => granted.push('next'))
    leave()
    pool.release(30_000)
    expect(granted).toEqual(['next'])
    expect(pool.reserved).toBe(90_000)
  })
})
