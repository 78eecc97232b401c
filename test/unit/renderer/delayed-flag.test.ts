import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, ref } from 'vue'
import { delayedFlag } from '../../../src/renderer/src/lib/delayed-flag'

describe('a busy indicator shown after a delay', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('never shows for work shorter than the delay, shows for longer work, hides at once', () => {
    const scope = effectScope()
    const busy = ref(false)
    const shown = scope.run(() => delayedFlag(() => busy.value, 200))!
    busy.value = true
    vi.advanceTimersByTime(150)
    busy.value = false
    vi.advanceTimersByTime(500)
    expect(shown.value).toBe(false)

    busy.value = true
    vi.advanceTimersByTime(199)
    expect(shown.value).toBe(false)
    vi.advanceTimersByTime(1)
    expect(shown.value).toBe(true)
    busy.value = false
    expect(shown.value).toBe(false)

    busy.value = true
    scope.stop()
    vi.advanceTimersByTime(1000)
    expect(shown.value).toBe(false)
  })
})
