// Group health: lag in time, time until retention deletes unconsumed records, catching up.
import { describe, expect, it } from 'vitest'
import { groupHealth, partitionRisk } from '../../../src/engine/groups/health'
import type { GroupOffset } from '../../../src/shared/api/groups'

const NOW = 1_800_000_000_000
const HOUR = 3_600_000
const input = (over: Partial<Parameters<typeof partitionRisk>[2] & object> = {}) => ({
  recordTimestamp: NOW - 2 * HOUR,
  deleteEnabled: true,
  retentionMs: 3 * HOUR,
  retentionBytes: -1,
  sizeBytes: 1_000_000,
  recordsPerSec: 10,
  bytesPerSec: 1000,
  ...over
})

describe('partitionRisk', () => {
  it('measures lag in time and the time left before retention.ms deletes the oldest unconsumed record', () => {
    const r = partitionRisk(500, { logStartOffset: 0, highWatermark: 1000 }, input(), NOW)
    expect(r).toEqual({ lagMs: 2 * HOUR, timeToLossMs: HOUR, reason: 'retention.ms' })
  })

  it('uses retention.bytes at the current produce rate when that comes first', () => {
    // Half the partition (500 kB) is unconsumed; 100 kB more at 1 kB/s reaches the 600 kB limit.
    const r = partitionRisk(
      500,
      { logStartOffset: 0, highWatermark: 1000 },
      input({ retentionMs: -1, retentionBytes: 600_000 }),
      NOW
    )
    expect(r).toEqual({ lagMs: 2 * HOUR, timeToLossMs: 100_000, reason: 'retention.bytes' })
  })

  it('has no deadline when caught up or on a compacted topic', () => {
    expect(
      partitionRisk(0, { logStartOffset: 0, highWatermark: 10 }, input(), NOW).timeToLossMs
    ).toBeNull()
    expect(
      partitionRisk(
        5,
        { logStartOffset: 0, highWatermark: 10 },
        input({ deleteEnabled: false }),
        NOW
      ).timeToLossMs
    ).toBeNull()
  })
})

function offset(lag: number, over: Partial<GroupOffset> = {}): GroupOffset {
  return {
    topic: 't',
    partition: 0,
    committedOffset: 0,
    highWatermark: lag,
    logStartOffset: 0,
    lag,
    metadata: null,
    commitTimestamp: NOW,
    recordsLost: 0,
    lagMs: 0,
    timeToLossMs: null,
    ...over
  }
}

describe('groupHealth', () => {
  it('derives the consume rate from the lag trend and predicts when the group catches up', () => {
    // Lag falls by 5 records/s while 10/s are produced: the group consumes 15/s.
    const h = groupHealth(
      [offset(300)],
      10,
      [
        [NOW - 60_000, 600],
        [NOW, 300]
      ],
      () => -1,
      new Map()
    )
    expect(h.consumeRatePerSec).toBeCloseTo(15)
    expect(h.trend).toBe('catching-up')
    expect(h.catchUpInMs).toBeCloseTo(60_000)
  })

  it('says when a group falls behind and flags a deadline within the hour', () => {
    const h = groupHealth(
      [offset(900, { lagMs: 5000, timeToLossMs: 20 * 60_000 })],
      10,
      [
        [NOW - 30_000, 600],
        [NOW, 900]
      ],
      () => 6 * HOUR,
      new Map([['t:0', 'retention.ms' as const]])
    )
    expect(h.trend).toBe('falling-behind')
    expect(h.catchUpInMs).toBeNull()
    expect(h.atRisk).toBe(true)
    expect(h.lossPartition).toEqual({ topic: 't', partition: 0, reason: 'retention.ms' })
    expect(h.lagMs).toBe(5000)
  })

  it('is caught up with no lag, and unknown without enough history', () => {
    expect(groupHealth([offset(0)], 5, [], () => -1, new Map()).trend).toBe('caught-up')
    expect(groupHealth([offset(4)], 5, [[NOW, 4]], () => -1, new Map()).trend).toBe('unknown')
  })
})
