// A consumer group's health: lag in time, whether it is catching up and by when, and how long
// before retention deletes records it has not read yet.
import type { GroupHealth, GroupOffset } from '../../shared/api/groups'
import type { PartitionHealthInput, PartitionOffsets } from './types'

const HOUR = 3_600_000

/** Lag in time and time to loss for one partition; null time to loss means no deadline. */
export function partitionRisk(
  lag: number,
  p: PartitionOffsets,
  h: PartitionHealthInput | undefined,
  now: number
): {
  lagMs: number
  timeToLossMs: number | null
  reason: 'retention.ms' | 'retention.bytes' | null
} {
  if (!h || lag <= 0) return { lagMs: 0, timeToLossMs: null, reason: null }
  const lagMs = h.recordTimestamp === null ? 0 : Math.max(0, now - h.recordTimestamp)
  if (!h.deleteEnabled) return { lagMs, timeToLossMs: null, reason: null }
  let timeToLossMs: number | null = null
  let reason: 'retention.ms' | 'retention.bytes' | null = null
  if (h.retentionMs >= 0 && h.recordTimestamp !== null) {
    timeToLossMs = Math.max(0, h.recordTimestamp + h.retentionMs - now)
    reason = 'retention.ms'
  }
  const held = p.highWatermark - p.logStartOffset
  if (h.retentionBytes >= 0 && held > 0 && h.bytesPerSec > 0) {
    // Segments go once the partition outgrows retention.bytes: the oldest unconsumed record
    // goes when the bytes after it reach that size.
    const unconsumedBytes = (h.sizeBytes * lag) / held
    const byBytes = Math.max(0, ((h.retentionBytes - unconsumedBytes) / h.bytesPerSec) * 1000)
    if (timeToLossMs === null || byBytes < timeToLossMs) {
      timeToLossMs = byBytes
      reason = 'retention.bytes'
    }
  }
  return { lagMs, timeToLossMs, reason }
}

/**
 * Group health from its offsets (with lagMs and timeToLossMs filled in), the produce rate into
 * its partitions and the total-lag history (consumption = production - d(lag)/dt).
 */
export function groupHealth(
  offsets: GroupOffset[],
  produceRatePerSec: number,
  lagTotals: [number, number][],
  retentionMsOf: (topic: string) => number,
  reasons: Map<string, 'retention.ms' | 'retention.bytes'>
): GroupHealth {
  const totalLag = offsets.reduce((n, o) => n + o.lag, 0)
  const recordsLost = offsets.reduce((n, o) => n + o.recordsLost, 0)
  const lagMs = offsets.reduce((m, o) => Math.max(m, o.lagMs), 0)
  let consumeRatePerSec: number | null = null
  const recent = lagTotals.filter(([t]) => t >= (lagTotals.at(-1)?.[0] ?? 0) - 120_000)
  if (recent.length >= 2) {
    const [t1, l1] = recent[0]
    const [t2, l2] = recent[recent.length - 1]
    if (t2 - t1 >= 5000) {
      const lagGrowth = ((l2 - l1) / (t2 - t1)) * 1000
      consumeRatePerSec = Math.max(0, produceRatePerSec - lagGrowth)
    }
  }
  let trend: GroupHealth['trend'] = 'unknown'
  let catchUpInMs: number | null = null
  if (totalLag === 0) trend = 'caught-up'
  else if (consumeRatePerSec !== null) {
    const net = consumeRatePerSec - produceRatePerSec
    if (net > Math.max(0.05 * produceRatePerSec, 0.01)) {
      trend = 'catching-up'
      catchUpInMs = (totalLag / net) * 1000
    } else if (net < -Math.max(0.05 * produceRatePerSec, 0.01)) trend = 'falling-behind'
    else trend = 'steady'
  }
  let first: GroupOffset | null = null
  for (const o of offsets)
    if (
      o.timeToLossMs !== null &&
      (first === null || o.timeToLossMs < (first.timeToLossMs ?? Infinity))
    )
      first = o
  const timeToLossMs = first?.timeToLossMs ?? null
  const retentionMs = first ? retentionMsOf(first.topic) : -1
  return {
    lagMs,
    produceRatePerSec,
    consumeRatePerSec,
    trend,
    catchUpInMs,
    timeToLossMs,
    lossPartition: first
      ? {
          topic: first.topic,
          partition: first.partition,
          reason: reasons.get(`${first.topic}:${first.partition}`) ?? 'retention.ms'
        }
      : null,
    atRisk:
      recordsLost > 0 ||
      (timeToLossMs !== null &&
        (timeToLossMs < HOUR || (retentionMs > 0 && timeToLossMs < retentionMs / 10))),
    recordsLost
  }
}
