// Every rejection Kafka's broker applies to produced batches, with Kafka's error codes.
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { afterEach, describe, expect, it } from 'vitest'
import {
  Attribute,
  CompressionType,
  HeaderOffset,
  TimestampType,
  computeBatchCrc,
  decodeBatch,
  parseBatchHeader
} from '../../../src/engine/records'
import { batch, cleanup, errorCode, harness, records } from './helpers'

afterEach(cleanup)

const NOW = 1_700_000_000_000

function logOf(configs: Record<string, string> = {}) {
  const h = harness()
  return h.logs.log(h.topic('t', 1, configs), 0)
}

function recrc(buf: Buffer): Buffer {
  buf.writeUInt32BE(computeBatchCrc(buf), HeaderOffset.crc)
  return buf
}

describe('append validation', () => {
  it('rejects a damaged batch with CORRUPT_MESSAGE', () => {
    const log = logOf()
    const b = batch(records(3))
    b[b.length - 2] ^= 0xff
    expect(errorCode(() => log.append(b))).toBe(ErrorCode.CORRUPT_MESSAGE)
    expect(errorCode(() => log.append(batch(records(3)).subarray(0, 70)))).toBe(2)
    expect(log.logEndOffset).toBe(0)
  })

  it('rejects other magic values with INVALID_RECORD', () => {
    const log = logOf()
    const b = batch(records(1))
    b.writeInt8(1, HeaderOffset.magic)
    expect(errorCode(() => log.append(b))).toBe(ErrorCode.INVALID_RECORD)
  })

  it('rejects a record count that does not match the records', () => {
    const log = logOf()
    // Header says 2 records (and lastOffsetDelta 1) but the batch holds 3.
    const more = batch(records(3))
    more.writeInt32BE(2, HeaderOffset.recordCount)
    more.writeInt32BE(1, HeaderOffset.lastOffsetDelta)
    expect(errorCode(() => log.append(recrc(more)))).toBe(ErrorCode.INVALID_RECORD)
    // Header says 4 records but the batch holds 3.
    const fewer = batch(records(3))
    fewer.writeInt32BE(4, HeaderOffset.recordCount)
    fewer.writeInt32BE(3, HeaderOffset.lastOffsetDelta)
    expect(errorCode(() => log.append(recrc(fewer)))).toBe(ErrorCode.INVALID_RECORD)
    // lastOffsetDelta disagreeing with the count.
    const delta = batch(records(3))
    delta.writeInt32BE(5, HeaderOffset.lastOffsetDelta)
    expect(errorCode(() => log.append(recrc(delta)))).toBe(ErrorCode.INVALID_RECORD)
    // Offset deltas that skip.
    const gaps = batch([
      { key: 'a', value: '1', offsetDelta: 0 },
      { key: 'b', value: '2', offsetDelta: 2 }
    ])
    gaps.writeInt32BE(1, HeaderOffset.lastOffsetDelta)
    expect(errorCode(() => log.append(recrc(gaps)))).toBe(ErrorCode.INVALID_RECORD)
    expect(log.logEndOffset).toBe(0)
  })

  it('rejects batches over max.message.bytes with MESSAGE_TOO_LARGE', () => {
    const log = logOf({ 'max.message.bytes': '200' })
    const small = batch(records(1))
    const big = batch([{ key: 'k', value: Buffer.alloc(300) }])
    expect(log.append(small).baseOffset).toBe(0)
    expect(errorCode(() => log.append(big))).toBe(ErrorCode.MESSAGE_TOO_LARGE)
  })

  it('rejects keyless records on a compacted topic only', () => {
    const keyless = () => batch([{ key: 'a', value: '1' }, { value: 'no key' }])
    expect(errorCode(() => logOf({ 'cleanup.policy': 'compact' }).append(keyless()))).toBe(
      ErrorCode.INVALID_RECORD
    )
    expect(
      errorCode(() =>
        logOf({ 'cleanup.policy': 'compact,delete' }).append(
          batch([{ value: 'x' }], { compression: CompressionType.Gzip })
        )
      )
    ).toBe(87)
    expect(logOf().append(keyless()).recordCount).toBe(2)
    expect(
      logOf({ 'cleanup.policy': 'compact' }).append(batch([{ key: '', value: 'x' }]))
    ).toMatchObject({ recordCount: 1 })
  })

  it('rejects CreateTime timestamps outside message.timestamp.before/after.max.ms', () => {
    const log = logOf({
      'message.timestamp.before.max.ms': '60000',
      'message.timestamp.after.max.ms': '1000'
    })
    const at = (ts: number) => batch([{ key: 'k', value: 'v', timestamp: ts }])
    expect(log.append(at(NOW - 60000), { now: NOW }).baseOffset).toBe(0)
    expect(log.append(at(NOW + 1000), { now: NOW }).baseOffset).toBe(1)
    expect(errorCode(() => log.append(at(NOW - 60001), { now: NOW }))).toBe(
      ErrorCode.INVALID_TIMESTAMP
    )
    expect(errorCode(() => log.append(at(NOW + 1001), { now: NOW }))).toBe(32)
    // One bad record anywhere in the batch rejects it; -1 (no timestamp) passes, as in Kafka.
    const mixed = batch([
      { key: 'a', value: '1', timestamp: NOW },
      { key: 'b', value: '2', timestamp: NOW + 5000 }
    ])
    expect(errorCode(() => log.append(mixed, { now: NOW }))).toBe(32)
    expect(log.append(at(-1), { now: NOW }).baseOffset).toBe(2)
  })

  it("sets a CreateTime batch's maxTimestamp to its records' real maximum", () => {
    const log = logOf()
    const b = batch([
      { key: 'a', value: '1', timestamp: NOW - 10 },
      { key: 'b', value: '2', timestamp: NOW - 500 }
    ])
    b.writeBigInt64BE(BigInt(NOW - 1000), HeaderOffset.maxTimestamp)
    log.append(recrc(b), { now: NOW })
    const stored = log.read(0, 1 << 20)[0]
    expect(parseBatchHeader(stored).maxTimestamp).toBe(NOW - 10)
    expect(decodeBatch(stored).header.timestampType).toBe(TimestampType.CreateTime)
  })

  it('writes the broker time into batches of a LogAppendTime topic', () => {
    const log = logOf({ 'message.timestamp.type': 'LogAppendTime' })
    const res = log.append(batch(records(3, { timestamp: 5 })), { now: NOW })
    expect(res.logAppendTime).toBe(NOW)
    const stored = decodeBatch(log.read(0, 1 << 20)[0])
    expect(stored.header.attributes & Attribute.LOG_APPEND_TIME).toBeTruthy()
    expect(stored.header.maxTimestamp).toBe(NOW)
    expect(stored.records.map((r) => r.timestamp)).toEqual([NOW, NOW, NOW])
    // Timestamps a producer sends are not validated on such a topic, as in Kafka.
    expect(log.append(batch(records(1, { timestamp: 0 })), { now: NOW }).baseOffset).toBe(3)
    // But a producer may not claim LogAppendTime itself.
    const claimed = batch(records(1), { timestampType: TimestampType.LogAppendTime })
    expect(errorCode(() => log.append(claimed, { now: NOW }))).toBe(32)
  })

  it('rejects a produced batch whose base offset is not 0, and control batches', () => {
    const log = logOf()
    expect(errorCode(() => log.append(batch(records(1), { baseOffset: 7 })))).toBe(87)
    expect(errorCode(() => log.append(batch(records(1), { control: true })))).toBe(87)
    expect(errorCode(() => log.append(Buffer.alloc(0)))).toBe(ErrorCode.INVALID_RECORD)
  })

  it('appends nothing of a request when any of its batches is rejected', () => {
    const log = logOf()
    const bad = batch(records(2))
    bad[bad.length - 1] ^= 1
    expect(errorCode(() => log.append(Buffer.concat([batch(records(2)), bad])))).toBe(2)
    expect(log.logEndOffset).toBe(0)
    expect(log.read(0, 1 << 20)).toEqual([])
  })
})
