// Idempotent producer state: InitProducerId, sequence and epoch checks, duplicates, persistence.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ErrorCode as E } from '../../../src/shared/kafka/error-codes'
import {
  ProducerStateManager,
  lastSequence,
  type ProducerBatch
} from '../../../src/engine/producers/producer-state'
import { openDatabase, type Db } from '../../../src/engine/storage/database'

const INT32_MAX = 2_147_483_647
const dbs: Db[] = []
const dirs: string[] = []
afterEach(() => {
  dbs.splice(0).forEach((d) => d.close())
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }))
})

function open(dataDir = ':memory:'): Db {
  const db = openDatabase({ dataDir })
  dbs.push(db)
  return db
}

let clock = 1_000
const manager = (db = open()) => new ProducerStateManager(db, () => clock)
const batch = (
  producerId: number,
  producerEpoch: number,
  baseSequence: number,
  records = 1
): ProducerBatch => ({
  producerId,
  producerEpoch,
  baseSequence,
  lastOffsetDelta: records - 1
})

/** Checks and appends like the log would: offsets handed out from `next`. */
function producer(m: ProducerStateManager, topic = 't', partition = 0) {
  let next = 0
  return (b: ProducerBatch) => {
    const check = m.checkSequence(topic, partition, b)
    if (check !== 'ok') return check
    const at = { baseOffset: next, lastOffset: next + b.lastOffsetDelta, timestamp: clock }
    next += b.lastOffsetDelta + 1
    m.recordAppend(topic, partition, b, at)
    return at
  }
}

describe('InitProducerId', () => {
  it('hands out a new producer id with epoch 0 to every idempotent producer', () => {
    const m = manager()
    const a = m.initProducerId({ transactionalId: null, transactionTimeoutMs: 60_000 })
    const b = m.initProducerId({
      transactionalId: null,
      producerId: a.producerId,
      producerEpoch: 0
    })
    expect(a).toMatchObject({ errorCode: 0, producerEpoch: 0 })
    expect(b.producerId).toBeGreaterThan(a.producerId)
    expect(b.producerEpoch).toBe(0)
  })

  it('refuses transactional ids with a fatal error (transactions are not supported)', () => {
    expect(
      manager().initProducerId({ transactionalId: 'tx-1', transactionTimeoutMs: 60_000 })
    ).toEqual({
      errorCode: E.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
      producerId: -1,
      producerEpoch: -1
    })
  })

  it('never reuses a producer id after a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'logdeck-producers-'))
    dirs.push(dir)
    const db1 = openDatabase({ dataDir: dir })
    const first = new ProducerStateManager(db1).initProducerId({ transactionalId: null })
    db1.close()
    const second = manager(open(dir)).initProducerId({ transactionalId: null })
    expect(second.producerId).toBeGreaterThan(first.producerId)
  })
})

describe('sequence checks', () => {
  it('accepts consecutive batches and lets batches without a producer id through', () => {
    const append = producer(manager())
    expect(append(batch(1, 0, 0, 3))).toEqual({ baseOffset: 0, lastOffset: 2, timestamp: clock })
    expect(append(batch(1, 0, 3, 2))).toMatchObject({ baseOffset: 3, lastOffset: 4 })
    expect(append(batch(-1, -1, -1, 5))).toMatchObject({ baseOffset: 5 })
  })

  it('answers a duplicate of one of the last 5 batches with its original offsets', () => {
    const m = manager()
    const append = producer(m)
    for (let i = 0; i < 6; i++) append(batch(1, 0, i * 2, 2))
    expect(m.checkSequence('t', 0, batch(1, 0, 10, 2))).toEqual({
      duplicate: 10,
      lastOffset: 11,
      timestamp: clock
    })
    expect(m.checkSequence('t', 0, batch(1, 0, 2, 2))).toEqual({
      duplicate: 2,
      lastOffset: 3,
      timestamp: clock
    })
    // The first batch has left the window of 5: no longer recognised, and out of order.
    expect(m.checkSequence('t', 0, batch(1, 0, 0, 2))).toMatchObject({
      errorCode: E.OUT_OF_ORDER_SEQUENCE_NUMBER
    })
    expect(m.entry(1, 't', 0)?.batches.map((b) => b.firstSequence)).toEqual([2, 4, 6, 8, 10])
  })

  it('refuses a gap, or a batch overlapping but not equal to an appended one', () => {
    const m = manager()
    const append = producer(m)
    append(batch(1, 0, 0, 5))
    const gap = m.checkSequence('t', 0, batch(1, 0, 6))
    expect(gap).toMatchObject({ errorCode: E.OUT_OF_ORDER_SEQUENCE_NUMBER })
    expect((gap as { message: string }).message).toContain('the last appended is 4')
    expect(m.checkSequence('t', 0, batch(1, 0, 0, 3))).toMatchObject({
      errorCode: E.OUT_OF_ORDER_SEQUENCE_NUMBER
    })
  })

  it('keeps sequences per partition and per producer', () => {
    const m = manager()
    producer(m, 't', 0)(batch(1, 0, 0, 5))
    expect(m.checkSequence('t', 1, batch(1, 0, 0))).toBe('ok')
    expect(m.checkSequence('u', 0, batch(1, 0, 0))).toBe('ok')
    expect(m.checkSequence('t', 0, batch(2, 0, 0))).toBe('ok')
  })

  it('fences an older epoch and restarts sequences at 0 on an epoch bump', () => {
    const m = manager()
    const append = producer(m)
    append(batch(1, 0, 0, 3))
    append(batch(1, 1, 0, 2))
    expect(m.checkSequence('t', 0, batch(1, 0, 3))).toMatchObject({
      errorCode: E.INVALID_PRODUCER_EPOCH
    })
    expect(m.checkSequence('t', 0, batch(1, 2, 5))).toMatchObject({
      errorCode: E.OUT_OF_ORDER_SEQUENCE_NUMBER
    })
    expect(m.checkSequence('t', 0, batch(1, 2, 0))).toBe('ok')
    expect(m.checkSequence('t', 0, batch(1, 1, 2))).toBe('ok')
    // The bump dropped the old epoch's batches.
    expect(m.entry(1, 't', 0)).toMatchObject({
      producerEpoch: 1,
      batches: [{ firstSequence: 0, lastSequence: 1 }]
    })
  })

  it('answers UNKNOWN_PRODUCER_ID when it has no record of a producer continuing a sequence', () => {
    const m = manager()
    expect(m.checkSequence('t', 0, batch(7, 0, 12))).toMatchObject({
      errorCode: E.UNKNOWN_PRODUCER_ID
    })
    expect(m.checkSequence('t', 0, batch(7, 0, 0))).toBe('ok')
  })

  it('wraps sequences from int32 max to 0', () => {
    expect(lastSequence(INT32_MAX - 1, 4)).toBe(2)
    expect(lastSequence(INT32_MAX, 0)).toBe(INT32_MAX)
    const m = manager()
    m.recordAppend('t', 0, batch(1, 0, INT32_MAX - 2, 2), {
      baseOffset: 0,
      lastOffset: 1,
      timestamp: 0
    })
    expect(m.entry(1, 't', 0)?.batches[0].lastSequence).toBe(INT32_MAX - 1)
    expect(m.checkSequence('t', 0, batch(1, 0, INT32_MAX, 3))).toBe('ok')
    m.recordAppend('t', 0, batch(1, 0, INT32_MAX, 3), {
      baseOffset: 2,
      lastOffset: 4,
      timestamp: 0
    })
    expect(m.entry(1, 't', 0)?.batches[1]).toMatchObject({
      firstSequence: INT32_MAX,
      lastSequence: 1
    })
    expect(m.checkSequence('t', 0, batch(1, 0, INT32_MAX, 3))).toMatchObject({ duplicate: 2 })
    expect(m.checkSequence('t', 0, batch(1, 0, 2))).toBe('ok')
    expect(m.checkSequence('t', 0, batch(1, 0, 0))).toMatchObject({
      errorCode: E.OUT_OF_ORDER_SEQUENCE_NUMBER
    })
  })
})

describe('persistence', () => {
  it('survives a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'logdeck-producers-'))
    dirs.push(dir)
    const db1 = openDatabase({ dataDir: dir })
    new ProducerStateManager(db1).recordAppend('t', 0, batch(3, 0, 0, 10), {
      baseOffset: 100,
      lastOffset: 109,
      timestamp: 5
    })
    db1.close()
    const db2 = open(dir)
    const restarted = new ProducerStateManager(db2)
    expect(restarted.checkSequence('t', 0, batch(3, 0, 0, 10))).toEqual({
      duplicate: 100,
      lastOffset: 109,
      timestamp: 5
    })
    expect(restarted.checkSequence('t', 0, batch(3, 0, 10))).toBe('ok')
  })

  it('commits or rolls back with the caller transaction', () => {
    const db = open()
    const m = manager(db)
    const append = db.transaction((fail: boolean) => {
      m.recordAppend('t', 0, batch(1, 0, 0, 2), { baseOffset: 0, lastOffset: 1, timestamp: 0 })
      if (fail) throw new Error('append failed')
    })
    expect(() => append(true)).toThrow('append failed')
    expect(m.entry(1, 't', 0)).toBeUndefined()
    append(false)
    expect(m.entry(1, 't', 0)?.batches).toHaveLength(1)
  })

  it('expires producers silent for producer.id.expiration.ms, and goes with a deleted topic', () => {
    const db = open()
    const m = manager(db)
    clock = 1_000
    m.recordAppend('t', 0, batch(1, 0, 0), { baseOffset: 0, lastOffset: 0, timestamp: 0 })
    clock = 50_000
    m.recordAppend('t', 0, batch(2, 0, 0), { baseOffset: 1, lastOffset: 1, timestamp: 0 })
    expect(m.expireProducers(30_000)).toBe(1)
    expect(m.entry(1, 't', 0)).toBeUndefined()
    expect(m.entry(2, 't', 0)).toBeDefined()
    db.prepare("INSERT INTO topics (name, uuid, created_at) VALUES ('t', 'u', 0)").run()
    db.prepare("DELETE FROM topics WHERE name = 't'").run()
    expect(m.entry(2, 't', 0)).toBeUndefined()
  })
})
