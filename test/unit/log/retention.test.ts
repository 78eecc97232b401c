// Segments and retention: rolling by segment.bytes / segment.ms, deletion by retention.ms and
// retention.bytes, run by the cleaner inline (':memory:') and in its worker (file databases).
import { afterEach, describe, expect, it } from 'vitest'
import { LogCleaner } from '../../../src/engine/log/cleaner'
import { INLINE_PURGE_BATCHES } from '../../../src/engine/log/partition-log'
import { batch, cleanup, contents, harness, records, tempDir } from './helpers'

const NOW = Date.now()
const HOUR = 3_600_000
const cleaners: LogCleaner[] = []
afterEach(async () => {
  for (const c of cleaners.splice(0)) await c.close()
  cleanup()
})

function cleanerFor(h: ReturnType<typeof harness>) {
  const c = new LogCleaner(h.logs, { clock: () => NOW })
  cleaners.push(c)
  return c
}

describe('segments', () => {
  it('rolls a new segment before one would pass segment.bytes', () => {
    const h = harness()
    const log = h.logs.log(h.topic('t', 1, { 'segment.bytes': '500' }), 0)
    const size = batch(records(3, { from: 100 })).length
    for (let i = 0; i < 10; i++) log.append(batch(records(3, { from: 100 + i * 3 })), { now: NOW })
    const perSegment = Math.floor(500 / size)
    expect(log.segments.map((s) => s.recordCount)).toEqual(
      Array.from(
        { length: Math.ceil(10 / perSegment) },
        (_, i) => Math.min(perSegment, 10 - i * perSegment) * 3
      )
    )
    for (const s of log.segments) expect(s.sizeBytes).toBeLessThanOrEqual(500)
    expect(log.segments.map((s) => s.baseOffset)[1]).toBe(perSegment * 3)
  })

  it('rolls a new segment once segment.ms has passed since its first append', () => {
    const h = harness()
    const log = h.logs.log(h.topic('t', 1, { 'segment.ms': String(HOUR) }), 0)
    log.append(batch(records(2)), { now: NOW })
    log.append(batch(records(2)), { now: NOW + HOUR - 1 })
    log.append(batch(records(2)), { now: NOW + HOUR })
    expect(log.segments.map((s) => [s.baseOffset, s.lastOffset])).toEqual([
      [0, 3],
      [4, 5]
    ])
  })
})

describe.each(['inline', 'worker'] as const)('retention (%s cleaner)', (mode) => {
  const open = () => harness(mode === 'worker' ? tempDir() : ':memory:')

  it('deletes segments whose newest record is older than retention.ms', async () => {
    const h = open()
    const id = h.topic('t', 1, { 'retention.ms': String(2 * HOUR), 'segment.ms': '1000' })
    const log = h.logs.log(id, 0)
    // Three segments, written an hour apart with matching record timestamps: 2.5, 1.5 and 0.5
    // hours old.
    for (let i = 0; i < 3; i++) {
      const t = NOW - 2.5 * HOUR + i * HOUR
      log.append(batch(records(5, { from: i * 5, timestamp: t })), { now: t })
    }
    const cleaner = cleanerFor(h)
    expect(cleaner.mode).toBe(mode)
    const report = await cleaner.runOnce(NOW)
    expect(report.segmentsDeleted).toBe(1)
    expect(log.logStartOffset).toBe(5)
    expect(log.segments.map((s) => s.baseOffset)).toEqual([5, 10])
    expect(h.db.prepare('SELECT MIN(base_offset) AS m FROM log_batches').get()).toEqual({ m: 5 })
    // An hour later the next one goes; everything once all are old, the log end stays.
    await cleaner.runOnce(NOW + HOUR)
    expect(log.logStartOffset).toBe(10)
    await cleaner.runOnce(NOW + 10 * HOUR)
    expect([log.logStartOffset, log.logEndOffset, log.sizeBytes]).toEqual([15, 15, 0])
    expect(h.db.prepare('SELECT COUNT(*) AS n FROM log_batches').get()).toEqual({ n: 0 })
    expect(log.append(batch(records(1)), { now: NOW + 10 * HOUR }).baseOffset).toBe(15)
  })

  it('ages segments of records without timestamps from their creation', async () => {
    const h = open()
    const log = h.logs.log(h.topic('t', 1, { 'retention.ms': String(HOUR) }), 0)
    log.append(batch(records(2, { timestamp: -1 })), { now: NOW })
    expect(log.segments[0].maxTimestamp).toBe(-1)
    const cleaner = cleanerFor(h)
    await cleaner.runOnce(NOW + HOUR)
    expect(log.logStartOffset).toBe(0)
    await cleaner.runOnce(NOW + HOUR + 1)
    expect(log.logStartOffset).toBe(2)
  })

  it('deletes the oldest segments while the partition is over retention.bytes', async () => {
    const h = open()
    const id = h.topic('t', 2, { 'segment.bytes': '400', 'retention.ms': '-1' })
    const log = h.logs.log(id, 1)
    for (let i = 0; i < 20; i++) log.append(batch(records(2, { from: 100 + i * 2 })), { now: NOW })
    const total = log.sizeBytes
    const sizes = log.segments.map((s) => s.sizeBytes)
    const limit = Math.floor(total / 2)
    h.logs.configureTopic(id, {
      'segment.bytes': '400',
      'retention.ms': '-1',
      'retention.bytes': String(limit)
    })
    await cleanerFor(h).runOnce(NOW)
    // As Kafka: a segment goes only while the rest still holds at least retention.bytes.
    let expectDeleted = 0
    let diff = total - limit
    while (diff - sizes[expectDeleted] >= 0) diff -= sizes[expectDeleted++]
    expect(log.segments).toHaveLength(sizes.length - expectDeleted)
    expect(log.sizeBytes).toBeGreaterThanOrEqual(limit)
    expect(log.sizeBytes).toBeLessThan(limit + Math.max(...sizes))
    expect(contents(log.read(log.logStartOffset, 1 << 20))[0][0]).toBe(log.logStartOffset)
    expect(h.logs.log(id, 0).logStartOffset).toBe(0)
  })

  it('keeps segments that are not wholly below the high watermark', async () => {
    const h = open()
    const id = h.topic('t', 1, { 'retention.ms': '1000', 'segment.bytes': '200' })
    const log = h.logs.log(id, 0)
    for (let i = 0; i < 6; i++)
      log.append(batch(records(2, { timestamp: NOW - HOUR })), { now: NOW })
    log.setHighWatermark(5)
    await cleanerFor(h).runOnce(NOW)
    expect(log.logStartOffset).toBeLessThanOrEqual(5)
    expect(log.segments[0].lastOffset).toBeGreaterThanOrEqual(5)
  })

  it('leaves compact-only topics alone', async () => {
    const h = open()
    const id = h.topic('t', 1, { 'retention.ms': '1000', 'cleanup.policy': 'compact' })
    const log = h.logs.log(id, 0)
    log.append(batch(records(3, { timestamp: NOW - HOUR })), { now: NOW - HOUR })
    await cleanerFor(h).runOnce(NOW)
    expect(log.logStartOffset).toBe(0)
  })

  it('finishes deleting batches left below the log start after a reopen', async () => {
    const h = open()
    if (mode === 'inline') return // ':memory:' does not survive a reopen
    const id = h.topic('t')
    const log = h.logs.log(id, 0)
    for (let i = 0; i < 600; i++) log.append(batch(records(1)))
    log.deleteRecordsBefore(550)
    const left = () => h.db.prepare('SELECT COUNT(*) AS n FROM log_batches').get() as { n: number }
    expect(left().n).toBe(600 - INLINE_PURGE_BATCHES)
    const again = h.reopen()
    const report = await cleanerFor(again).runOnce(NOW)
    expect(report.batchesPurged).toBe(550 - INLINE_PURGE_BATCHES)
    expect(again.db.prepare('SELECT COUNT(*) AS n FROM log_batches').get()).toEqual({ n: 50 })
  })
})
