// Runs a reload at most once at a time and at most every `minIntervalMs`, however many change
// events arrive: a burst of 10,000 "topic created" events becomes a handful of reloads, and the
// last event is never lost. A pending reload is dropped when the store that made it is disposed.
import { getCurrentScope, onScopeDispose } from 'vue'

export interface Coalesced {
  trigger(): void
  /** Resolves once no run is in flight or pending. */
  idle(): Promise<void>
  cancel(): void
}

export function coalesce(run: () => Promise<void>, minIntervalMs: number): Coalesced {
  let running = false
  let pending = false
  let timer: ReturnType<typeof setTimeout> | null = null
  let lastStart = -Infinity
  let waiters: (() => void)[] = []

  const settle = () => {
    if (!running && !pending && timer === null) {
      const w = waiters
      waiters = []
      w.forEach((f) => f())
    }
  }

  const start = () => {
    timer = null
    pending = false
    running = true
    lastStart = Date.now()
    run()
      .catch(() => undefined)
      .finally(() => {
        running = false
        if (pending) schedule()
        settle()
      })
  }

  const schedule = () => {
    if (timer !== null || running) return
    const wait = Math.max(0, lastStart + minIntervalMs - Date.now())
    timer = setTimeout(start, wait)
  }

  const cancel = () => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    pending = false
    settle()
  }
  if (getCurrentScope()) onScopeDispose(cancel)

  return {
    trigger() {
      pending = true
      schedule()
    },
    idle() {
      if (!running && !pending && timer === null) return Promise.resolve()
      return new Promise((resolve) => waiters.push(resolve))
    },
    cancel
  }
}
