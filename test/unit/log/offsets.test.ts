// Offset lookups and log-bound changes: timestamps, DeleteRecords, truncation.
import { afterEach, describe, expect, it } from 'vitest'
import { ListOffsetsTimestamp } from '../../../src/engine/log/partition-log'
import { TimestampType, parseBatchHeader } from '../../../src/engine/records'
import { batch, cleanup, contents, errorCode, harness, records } from './helpers'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'

afterEach(cleanup)

const NOW = 1_700_000_000_000
const MiB = 1 << 20

function logOf(configs: Record<string, string> = {}) {
  const h = harness()
  return { h, log: h.logs.log(h.topic('t', 1, configs), 0) }
}

describe('offsetForTimestamp', () => {
  // Batches: [0..2] at 100,300,200; [3..4] at 150,400; [5] at 400.
  function timed() {
    const { h, log } = logOf()
    const at = (pairs: Array<[string, number]>) =>
      batch(pairs.map(([key, t]) => ({ key, value: key, timestamp: NOW + t })))
    log.append(
      at([
        ['a', 100],
        ['b', 300],
        ['c', 200]
      ]),
      { now: NOW, leaderEpoch: 1 }
    )
    log.append(
      at([
        ['d', 150],
        ['e', 400]
      ]),
      { now: NOW, leaderEpoch: 2 }
    )
    log.append(at([['f', 400]]), { now: NOW, leaderEpoch: 3 })
    return { h, log }
  }

  it('finds the first offset, in offset order, whose timestamp is >= the target', () => {
    const { log } = timed()
    const find = (t: number) => log.offsetForTimestamp(NOW + t)
    expect(find(0)).toEqual({ offset: 0, timestamp: NOW + 100, leaderEpoch: 1 })
    expect(find(100)?.offset).toBe(0)
    expect(find(101)).toEqual({ offset: 1, timestamp: NOW + 300, leaderEpoch: 1 })
    expect(find(250)?.offset).toBe(1)
    expect(find(301)).toEqual({ offset: 4, timestamp: NOW + 400, leaderEpoch: 2 })
    expect(find(401)).toBeNull()
    // Records at or past upTo (the high watermark for consumers) are not answers.
    expect(log.offsetForTimestamp(NOW + 301, { upTo: 3 })).toBeNull()
  })

  it('answers LATEST, EARLIEST and MAX_TIMESTAMP', () => {
    const { log } = timed()
    expect(log.offsetForTimestamp(ListOffsetsTimestamp.LATEST)).toEqual({
      offset: 6,
      timestamp: -1,
      leaderEpoch: -1
    })
    expect(log.offsetForTimestamp(-1, { upTo: 3 })?.offset).toBe(3)
    expect(log.offsetForTimestamp(ListOffsetsTimestamp.EARLIEST)?.offset).toBe(0)
    // The first record holding the largest timestamp.
    expect(log.offsetForTimestamp(ListOffsetsTimestamp.MAX_TIMESTAMP)).toEqual({
      offset: 4,
      timestamp: NOW + 400,
      leaderEpoch: 2
    })
    log.deleteRecordsBefore(2)
    expect(log.offsetForTimestamp(ListOffsetsTimestamp.EARLIEST)?.offset).toBe(2)
    // Records below the log start are skipped even inside a batch that holds them.
    expect(log.offsetForTimestamp(NOW)?.offset).toBe(2)
  })

  it('on an empty log: LATEST and EARLIEST are the log end, no max timestamp', () => {
    const { log } = logOf()
    expect(log.offsetForTimestamp(-1)?.offset).toBe(0)
    expect(log.offsetForTimestamp(-2)?.offset).toBe(0)
    expect(log.offsetForTimestamp(-3)).toBeNull()
    expect(log.offsetForTimestamp(NOW)).toBeNull()
  })

  it('uses the append time on LogAppendTime topics', () => {
    const { log } = logOf({ 'message.timestamp.type': 'LogAppendTime' })
    log.append(batch(records(2)), { now: NOW })
    log.append(batch(records(2)), { now: NOW + 10 })
    expect(log.offsetForTimestamp(NOW + 1)).toEqual({
      offset: 2,
      timestamp: NOW + 10,
      leaderEpoch: 0
    })
    expect(log.offsetForTimestamp(-3)).toMatchObject({ offset: 2, timestamp: NOW + 10 })
    expect(parseBatchHeader(log.read(0, MiB)[0]).timestampType).toBe(TimestampType.LogAppendTime)
  })

  it('skips whole segments that are older than the target', () => {
    const { log } = logOf({ 'segment.bytes': '200' })
    for (let i = 0; i < 30; i++) {
      log.append(batch(records(2, { from: i * 2, timestamp: NOW + i })), { now: NOW })
    }
    expect(log.segments.length).toBeGreaterThan(5)
    expect(log.offsetForTimestamp(NOW + 17)?.offset).toBe(34)
  })
})

describe('deleteRecordsBefore', () => {
  it('advances the log start and deletes the whole batches below it', () => {
    const { h, log } = logOf()
    for (let i = 0; i < 4; i++) log.append(batch(records(10, { from: i * 10 })))
    expect(log.deleteRecordsBefore(25)).toBe(25)
    expect(log.logStartOffset).toBe(25)
    const rows = h.db.prepare('SELECT base_offset FROM log_batches ORDER BY base_offset').all()
    expect(rows).toEqual([{ base_offset: 20 }, { base_offset: 30 }])
    // The batch holding the new start is served whole; consumers skip what is below.
    expect(contents(log.read(25, MiB))[0][0]).toBe(20)
    expect(errorCode(() => log.read(24, MiB))).toBe(ErrorCode.OFFSET_OUT_OF_RANGE)
    // At or below the start: nothing changes. -1: up to the high watermark.
    expect(log.deleteRecordsBefore(10)).toBe(25)
    log.setHighWatermark(35)
    expect(errorCode(() => log.deleteRecordsBefore(36))).toBe(ErrorCode.OFFSET_OUT_OF_RANGE)
    expect(log.deleteRecordsBefore(-1)).toBe(35)
    expect(log.read(35, MiB)).toHaveLength(1)
  })

  it('can empty the log; appends go on from the log end', () => {
    const { log } = logOf()
    log.append(batch(records(5)))
    expect(log.deleteRecordsBefore(5)).toBe(5)
    expect([log.logStartOffset, log.logEndOffset, log.sizeBytes]).toEqual([5, 5, 0])
    expect(log.read(5, MiB)).toEqual([])
    expect(log.append(batch(records(1))).baseOffset).toBe(5)
    expect(log.segments.map((s) => s.baseOffset)).toEqual([5])
  })
})

describe('truncateTo', () => {
  function filled() {
    const { h, log } = logOf({ 'segment.bytes': '300' })
    for (let i = 0; i < 6; i++) log.append(batch(records(5, { from: i * 5 })))
    return { h, log }
  }

  it('removes whole batches from a batch boundary on', () => {
    const { log } = filled()
    const segmentsBefore = log.segments.length
    expect(log.truncateTo(15)).toBe(15)
    expect(log.logEndOffset).toBe(15)
    expect(contents(log.read(0, MiB)).map(([o]) => o)).toEqual(
      Array.from({ length: 15 }, (_, i) => i)
    )
    expect(log.segments.length).toBeLessThan(segmentsBefore)
    expect(log.segments.at(-1)?.lastOffset).toBe(14)
    expect(log.sizeBytes).toBe(log.read(0, MiB).reduce((n, b) => n + b.length, 0))
    expect(log.append(batch(records(2))).baseOffset).toBe(15)
  })

  it('cuts at the start of the batch holding a mid-batch offset', () => {
    const { log } = filled()
    expect(log.truncateTo(12)).toBe(10)
    expect(log.logEndOffset).toBe(10)
    expect(log.truncateTo(50)).toBe(10)
  })

  it('below the log start, empties the log and restarts it at that offset', () => {
    const { h, log } = filled()
    log.deleteRecordsBefore(20)
    expect(log.truncateTo(7)).toBe(7)
    expect([log.logStartOffset, log.logEndOffset, log.sizeBytes]).toEqual([7, 7, 0])
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM log_batches').get()).toEqual({ n: 0 })
    expect(log.append(batch(records(1))).baseOffset).toBe(7)
  })
})
