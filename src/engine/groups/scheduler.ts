// The clock and timers the coordinator and the lag sampler run on; injectable for tests.

export interface Timer {
  cancel(): void
}

export interface Scheduler {
  /** Milliseconds since the epoch. */
  now(): number
  /** Runs `task` once after `delayMs`; the returned timer cancels it. */
  setTimer(delayMs: number, task: () => void): Timer
}

/** Wall-clock time and Node's timers, unref'd so that they never keep the process alive. */
export const systemScheduler: Scheduler = {
  now: () => Date.now(),
  setTimer(delayMs, task) {
    const handle = setTimeout(task, Math.max(0, delayMs))
    handle.unref()
    return { cancel: () => clearTimeout(handle) }
  }
}
