// queued.max.request.bytes: one budget for the bytes of requests being read or handled, over
// every connection. A connection reserves a frame's size as soon as its size prefix is in,
// before reading the rest; when the budget is spent it stops reading (TCP pushes back on the
// client) until enough is released. Nothing is allocated for a reservation.
import { RECLAIM_THRESHOLD, scheduleReclaim } from './reclaim'

/**
 * Frames up to this size never wait: the requests of well-behaved clients (metadata, heartbeats,
 * fetches, most produces) keep flowing while large frames queue for the budget.
 */
export const SMALL_FRAME_BYTES = 64 * 1024

interface Waiter {
  bytes: number
  grant: () => void
}

export class RequestMemoryPool {
  private used = 0
  private readonly waiters: Waiter[] = []

  constructor(readonly capacity: number) {}

  /** Bytes reserved now. */
  get reserved(): number {
    return this.used
  }

  /** Connections waiting for room. */
  get waiting(): number {
    return this.waiters.length
  }

  private fits(bytes: number): boolean {
    // One request larger than the whole budget still goes through when it is alone.
    return this.used === 0 || this.used + bytes <= this.capacity
  }

  /** Reserves `bytes` when they fit and nobody waits before us, or are small; true when reserved. */
  tryReserve(bytes: number): boolean {
    if (bytes > SMALL_FRAME_BYTES && (this.waiters.length > 0 || !this.fits(bytes))) return false
    this.used += bytes
    return true
  }

  /**
   * Queues for `bytes`; `grant` runs once they are reserved, in arrival order. Returns a
   * function that leaves the queue (a closed connection).
   */
  waitFor(bytes: number, grant: () => void): () => void {
    const waiter = { bytes, grant }
    this.waiters.push(waiter)
    return () => {
      const i = this.waiters.indexOf(waiter)
      if (i >= 0) this.waiters.splice(i, 1)
      this.drain()
    }
  }

  release(bytes: number): void {
    if (bytes <= 0) return
    this.used = Math.max(0, this.used - bytes)
    if (bytes >= RECLAIM_THRESHOLD) scheduleReclaim()
    this.drain()
  }

  private drain(): void {
    while (this.waiters.length > 0 && this.fits(this.waiters[0].bytes)) {
      const w = this.waiters.shift()!
      this.used += w.bytes
      w.grant()
    }
  }
}
