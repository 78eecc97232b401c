// Wakes long-polling fetches and live tails when records are appended to a partition.

export type PartitionKey = string

export function partitionKey(topicId: number, partition: number): PartitionKey {
  return `${topicId}:${partition}`
}

export class AppendSignals {
  private readonly waiters = new Map<PartitionKey, Set<() => void>>()
  /** Set at shutdown: nothing waits any more. */
  private closed = false

  notify(key: PartitionKey): void {
    const set = this.waiters.get(key)
    if (!set) return
    this.waiters.delete(key)
    for (const wake of set) wake()
  }

  /** Resolves on the first append to any of `keys`, or after `timeoutMs`. */
  wait(keys: readonly PartitionKey[], timeoutMs: number): Promise<void> {
    if (this.closed) return Promise.resolve()
    return new Promise((resolve) => {
      let done = false
      const finish = () => {
        if (done) return
        done = true
        clearTimeout(timer)
        for (const k of keys) this.waiters.get(k)?.delete(finish)
        resolve()
      }
      const timer = setTimeout(finish, Math.max(0, timeoutMs))
      for (const k of keys) {
        let set = this.waiters.get(k)
        if (!set) this.waiters.set(k, (set = new Set()))
        set.add(finish)
      }
    })
  }

  /** Wakes every waiter, and any later one at once (shutdown). */
  wakeAll(): void {
    this.closed = true
    for (const key of [...this.waiters.keys()]) this.notify(key)
  }
}
