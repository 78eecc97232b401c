// A refresh that runs while at least one view needs it: each view acquires it on mount and
// releases it on unmount; the timer stops when the last one leaves.

export interface RefreshLoop {
  /** Starts (or joins) the loop and refreshes now; returns the release function. */
  acquire(): () => void
  readonly active: boolean
}

export function refreshLoop(refresh: () => void, intervalMs: () => number): RefreshLoop {
  let users = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  const tick = () => {
    refresh()
    timer = setTimeout(tick, intervalMs())
  }

  return {
    acquire() {
      users++
      if (users === 1) tick()
      let released = false
      return () => {
        if (released) return
        released = true
        users--
        if (users === 0 && timer !== null) {
          clearTimeout(timer)
          timer = null
        }
      }
    },
    get active() {
      return users > 0
    }
  }
}
