// Append and read semantics of a partition log: offsets, bounds, maxBytes, reopen from disk.
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { afterEach, describe, expect, it } from 'vitest'
import { CompressionType, HeaderOffset, parseBatchHeader } from '../../../src/engine/records'

import { batch, cleanup, contents, errorCode, harness, records, tempDir } from './helpers'

afterEach(cleanup)

const MiB = 1 << 20

describe('partition log: append', () => {
  it('starts empty: log start, high watermark and log end all 0', () => {
    const h = harness()
    const log = h.logs.log(h.topic('t'), 0)
    expect([log.logStartOffset, log.highWatermark, log.logEndOffset, log.sizeBytes]).toEqual([
      0, 0, 0, 0
    ])
    expect(log.read(0, MiB)).toEqual([])
    expect(log.segments).toEqual([])
  })

  it('assigns offsets by rewriting baseOffset, keeping lastOffsetDelta and the records', () => {
    const h = harness()
    const log = h.logs.log(h.topic('t'), 0)
    const r1 = log.append(batch(records(3)))
    const r2 = log.append(batch(records(2, { from: 3 })))
    expect(r1).toEqual({ baseOffset: 0, lastOffset: 2, recordCount: 3, logAppendTime: -1 })
    expect(r2).toEqual({ baseOffset: 3, lastOffset: 4, recordCount: 2, logAppendTime: -1 })
    expect([log.logEndOffset, log.highWatermark]).toEqual([5, 5])
    const stored = log.read(0, MiB)
    expect(
      stored.map((b) => [parseBatchHeader(b).baseOffset, parseBatchHeader(b).lastOffset])
    ).toEqual([
      [0, 2],
      [3, 4]
    ])
    expect(contents(stored)).toEqual([
      [0, 'k0', 'v0'],
      [1, 'k1', 'v1'],
      [2, 'k2', 'v2'],
      [3, 'k3', 'v3'],
      [4, 'k4', 'v4']
    ])
    expect(log.sizeBytes).toBe(stored[0].length + stored[1].length)
  })

  it('stores the batch bytes as sent apart from baseOffset and the leader epoch', () => {
    const h = harness()
    const log = h.logs.log(h.topic('t'), 0)
    log.append(batch(records(1)))
    const sent = batch(records(4), { producerId: 7, producerEpoch: 1, baseSequence: 0 })
    const copy = Buffer.from(sent)
    log.append(sent, { leaderEpoch: 5 })
    const [stored] = log.read(1, MiB)
    const header = parseBatchHeader(stored)
    expect(header).toMatchObject({ baseOffset: 1, partitionLeaderEpoch: 5, producerId: 7 })
    // Everything from the CRC on is untouched.
    expect(stored.subarray(HeaderOffset.magic)).toEqual(copy.subarray(HeaderOffset.magic))
  })

  it('appends several concatenated batches as one request', () => {
    const h = harness()
    const log = h.logs.log(h.topic('t'), 0)
    const res = log.append(Buffer.concat([batch(records(2)), batch(records(3, { from: 2 }))]))
    expect(res).toMatchObject({ baseOffset: 0, lastOffset: 4, recordCount: 5 })
    expect(log.read(0, MiB)).toHaveLength(2)
  })

  it('accepts and serves compressed batches as stored', () => {
    const h = harness()
    const log = h.logs.log(h.topic('t'), 0)
    for (const compression of [
      CompressionType.Gzip,
      CompressionType.Snappy,
      CompressionType.Lz4,
      CompressionType.Zstd
    ]) {
      log.append(batch(records(5, { from: log.logEndOffset }), { compression }))
    }
    const stored = log.read(0, MiB)
    expect(stored.map((b) => parseBatchHeader(b).compression)).toEqual([1, 2, 3, 4])
    expect(contents(stored).map(([o, k]) => `${o}:${k}`)).toEqual(
      Array.from({ length: 20 }, (_, i) => `${i}:k${i}`)
    )
  })
})

describe('partition log: read', () => {
  function filled() {
    const h = harness()
    const log = h.logs.log(h.topic('t'), 0)
    for (let i = 0; i < 5; i++) log.append(batch(records(10, { from: i * 10 })))
    return log
  }

  it('starts with the batch containing the offset', () => {
    const log = filled()
    const got = log.read(25, MiB)
    expect(got.map((b) => parseBatchHeader(b).baseOffset)).toEqual([20, 30, 40])
  })

  it('returns whole batches up to maxBytes, and always at least one', () => {
    const log = filled()
    const sizes = log.read(0, MiB).map((b) => b.length)
    expect(log.read(0, 1)).toHaveLength(1)
    expect(log.read(0, sizes[0])).toHaveLength(1)
    expect(log.read(0, sizes[0] + sizes[1] - 1)).toHaveLength(1)
    expect(log.read(0, sizes[0] + sizes[1])).toHaveLength(2)
    expect(log.read(10, sizes[1] + sizes[2] + 1)).toHaveLength(2)
  })

  it('stops below an exclusive upTo bound, such as the high watermark', () => {
    const log = filled()
    expect(log.read(0, MiB, { upTo: 30 }).map((b) => parseBatchHeader(b).baseOffset)).toEqual([
      0, 10, 20
    ])
    // A batch straddling the bound is not returned: consumers never see past it.
    expect(log.read(0, MiB, { upTo: 35 })).toHaveLength(3)
    expect(log.read(30, MiB, { upTo: 30 })).toEqual([])
    log.setHighWatermark(20)
    expect(log.read(20, MiB, { upTo: log.highWatermark })).toEqual([])
  })

  it('returns nothing at the log end and OFFSET_OUT_OF_RANGE outside [logStart, LEO]', () => {
    const log = filled()
    expect(log.read(50, MiB)).toEqual([])
    expect(errorCode(() => log.read(51, MiB))).toBe(ErrorCode.OFFSET_OUT_OF_RANGE)
    expect(errorCode(() => log.read(-1, MiB))).toBe(ErrorCode.OFFSET_OUT_OF_RANGE)
    log.deleteRecordsBefore(20)
    expect(errorCode(() => log.read(19, MiB))).toBe(ErrorCode.OFFSET_OUT_OF_RANGE)
    expect(parseBatchHeader(log.read(20, MiB)[0]).baseOffset).toBe(20)
  })
})

describe('partition log: high watermark', () => {
  it('follows the log end until set, then stays within [logStart, LEO]', () => {
    const h = harness()
    const log = h.logs.log(h.topic('t'), 0)
    log.append(batch(records(10)))
    expect(log.highWatermark).toBe(10)
    log.setHighWatermark(4)
    log.append(batch(records(10)))
    expect([log.highWatermark, log.logEndOffset]).toEqual([4, 20])
    log.setHighWatermark(99)
    expect(log.highWatermark).toBe(20)
    log.truncateTo(10)
    expect(log.highWatermark).toBe(10)
  })
})

describe('partition log: reopen', () => {
  it('keeps batches, offsets, log start and segments across a reopen', () => {
    const h = harness(tempDir())
    const id = h.topic('t', 2, { 'segment.bytes': '1000' })
    const log = h.logs.log(id, 1)
    for (let i = 0; i < 20; i++) log.append(batch(records(5, { from: i * 5 })))
    log.deleteRecordsBefore(12)
    const before = {
      start: log.logStartOffset,
      end: log.logEndOffset,
      size: log.sizeBytes,
      segments: log.segments.map((s) => ({ ...s })),
      data: contents(log.read(12, MiB))
    }
    const again = h.reopen()
    const reopened = again.logs.log(id, 1)
    expect(reopened.logStartOffset).toBe(before.start)
    expect(reopened.logEndOffset).toBe(before.end)
    expect(reopened.sizeBytes).toBe(before.size)
    expect(reopened.segments).toEqual(before.segments)
    expect(contents(reopened.read(12, MiB))).toEqual(before.data)
    expect(again.logs.log(id, 0).logEndOffset).toBe(0)
    expect(reopened.append(batch(records(1))).baseOffset).toBe(100)
  })
})
