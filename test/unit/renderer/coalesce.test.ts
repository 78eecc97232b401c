import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { coalesce } from '../../../src/renderer/src/lib/coalesce'

describe('coalesced reloads', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('turns a burst of triggers into one run now and one after', async () => {
    let runs = 0
    let release: () => void = () => undefined
    const c = coalesce(
      () =>
        new Promise<void>((resolve) => {
          runs++
          release = resolve
        }),
      100
    )
    c.trigger()
    await vi.advanceTimersByTimeAsync(0)
    expect(runs).toBe(1)
    for (let i = 0; i < 1000; i++) c.trigger()
    await vi.advanceTimersByTimeAsync(500)
    expect(runs).toBe(1) // still in flight
    release()
    await vi.advanceTimersByTimeAsync(100)
    expect(runs).toBe(2) // the burst is not lost
    release()
    const idle = c.idle()
    await vi.advanceTimersByTimeAsync(1000)
    await idle
    expect(runs).toBe(2)
  })

  it('spaces runs by the minimum interval and survives failures', async () => {
    const times: number[] = []
    const c = coalesce(async () => {
      times.push(Date.now())
      throw new Error('boom')
    }, 200)
    c.trigger()
    await vi.advanceTimersByTimeAsync(10)
    c.trigger()
    await vi.advanceTimersByTimeAsync(500)
    expect(times).toHaveLength(2)
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(200)
  })
})
