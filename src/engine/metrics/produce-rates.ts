// Per-partition produce rates: records and bytes appended per second, kept in a ring of
// one-second buckets for the last hour (allocated a minute at a time, as written), summed on
// demand into topic and cluster series.
import { RATE_AVERAGE_SECONDS, type RatePoint } from '../../shared/api/metrics'

const WINDOW_SECONDS = 3600
/** Seconds per block: a partition holds only the blocks of the minutes it was written in. */
const BLOCK_SECONDS = 60
/** An hour of minutes and one more, so the oldest second a window reaches is never reused. */
const BLOCKS = WINDOW_SECONDS / BLOCK_SECONDS + 1
/** Where a block keeps the minute it holds, after its seconds. */
const MINUTE = BLOCK_SECONDS * 2

/**
 * One partition's last hour, in blocks of a minute allocated on the first write in that minute
 * (records and bytes of each second side by side, then the minute the block holds), so a
 * partition written once holds about a kilobyte, not the whole hour.
 */
class Ring {
  private readonly blocks: (Float64Array | undefined)[] = []

  add(sec: number, records: number, bytes: number): void {
    const minute = Math.floor(sec / BLOCK_SECONDS)
    const b = minute % BLOCKS
    let block = this.blocks[b]
    if (!block) this.blocks[b] = block = new Float64Array(BLOCK_SECONDS * 2 + 1)
    else if (block[MINUTE] !== minute) block.fill(0)
    block[MINUTE] = minute
    const i = (sec % BLOCK_SECONDS) * 2
    block[i] += records
    block[i + 1] += bytes
  }

  at(sec: number): [number, number] {
    const minute = Math.floor(sec / BLOCK_SECONDS)
    const block = this.blocks[minute % BLOCKS]
    // A block left over from an older minute holds nothing of this one.
    if (!block || block[MINUTE] !== minute) return [0, 0]
    const i = (sec % BLOCK_SECONDS) * 2
    return [block[i], block[i + 1]]
  }
}

export class ProduceRates {
  private readonly rings = new Map<string, Ring>()
  /** The first second counted: series never reach back before it (nothing was measured). */
  private readonly since: number

  constructor(private readonly now: () => number = Date.now) {
    this.since = Math.floor(now() / 1000)
  }

  private key(topic: string, partition: number): string {
    return `${topic}\u0000${partition}`
  }

  record(topic: string, partition: number, records: number, bytes: number): void {
    const k = this.key(topic, partition)
    let ring = this.rings.get(k)
    if (!ring) this.rings.set(k, (ring = new Ring()))
    ring.add(Math.floor(this.now() / 1000), records, bytes)
  }

  forget(topic: string): void {
    for (const k of this.rings.keys()) if (k.startsWith(`${topic}\u0000`)) this.rings.delete(k)
  }

  /** Average rate over the last `seconds` full seconds. */
  rate(
    topic: string,
    partition: number,
    seconds = RATE_AVERAGE_SECONDS
  ): { recordsPerSec: number; bytesPerSec: number } {
    const ring = this.rings.get(this.key(topic, partition))
    if (!ring) return { recordsPerSec: 0, bytesPerSec: 0 }
    const end = Math.floor(this.now() / 1000)
    let r = 0
    let b = 0
    for (let s = end - seconds; s < end; s++) {
      const [rr, bb] = ring.at(s)
      r += rr
      b += bb
    }
    return { recordsPerSec: r / seconds, bytesPerSec: b / seconds }
  }

  /**
   * A series of points over the window, each averaging `stepSeconds`, summed over the
   * partitions selected by `filter`; it starts when counting started, not before.
   */
  series(
    windowMs: number,
    filter: (topic: string, partition: number) => boolean,
    points = 60
  ): RatePoint[] {
    const end = Math.floor(this.now() / 1000)
    const windowSec = Math.min(WINDOW_SECONDS - 1, Math.ceil(windowMs / 1000))
    const step = Math.max(1, Math.floor(windowSec / points))
    const selected = [...this.rings.entries()].filter(([k]) => {
      const [topic, p] = k.split('\u0000')
      return filter(topic, Number(p))
    })
    const out: RatePoint[] = []
    for (let start = end - windowSec; start + step <= end; start += step) {
      // Seconds before the rates were first counted are not zeros but unknown: left out.
      const from = Math.max(start, this.since)
      if (from >= start + step) continue
      let r = 0
      let b = 0
      for (const [, ring] of selected)
        for (let s = from; s < start + step; s++) {
          const [rr, bb] = ring.at(s)
          r += rr
          b += bb
        }
      const seconds = start + step - from
      out.push({
        timestamp: (start + step) * 1000,
        recordsPerSec: r / seconds,
        bytesPerSec: b / seconds
      })
    }
    return out
  }
}
