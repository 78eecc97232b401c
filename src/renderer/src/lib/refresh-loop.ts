// A refresh that runs while at least one view needs it: each view acquires it on mount and
// releases it on unmount; the timer stops when the last one leaves, or when the store that
// made it is disposed.
import { getCurrentScope, onScopeDispose } from 'vue'

export interface RefreshLoop {
  /** Starts (or joins) the loop and refreshes now; returns the release function. */
  acquire(): () => void
  readonly active: boolean
}

export function refreshLoop(refresh: () => void, intervalMs: () => number): RefreshLoop {
  let users = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  let ended = false

  const tick = () => {
    refresh()
    timer = setTimeout(tick, intervalMs())
  }

  if (getCurrentScope())
    onScopeDispose(() => {
      ended = true
      if (timer !== null) clearTimeout(timer)
      timer = null
    })

  return {
    acquire() {
      users++
      if (users === 1 && !ended) tick()
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
