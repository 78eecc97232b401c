// Reads of ranges that start or end inside one stored batch, as real clients write them: the
// two reported cases (copy 10..20 of one 100-record batch; a backward page ending at 60), and
// search and key sampling in the scan worker, which reads through its own connection.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Engine } from '../../../src/engine/engine'
import { CompressionType, encodeBatch } from '../../../src/engine/records'
import { embeddedBackend } from '../../../src/engine/service/embedded'
import { sampleRecords } from '../../../src/engine/messages/key-sample'
import { createService, type Service } from '../../../src/engine/service/service'
import { operationDone } from '../../support/wait-for'

const engines: Engine[] = []
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }))
})

function open(dataDir = ':memory:'): { engine: Engine; svc: Service } {
  const engine = Engine.open({ dataDir, brokers: 1, port: 0 })
  engines.push(engine)
  return { engine, svc: createService(embeddedBackend(engine)) }
}

/** `count` records in one batch, as kcat sends them with linger.ms and batch.num.messages. */
async function oneBatch(
  engine: Engine,
  svc: Service,
  topic: string,
  count: number,
  compression: CompressionType = CompressionType.None
) {
  await svc.call('topics.create', { name: topic, partitions: 1, replicationFactor: 1 })
  const t = engine.requireTopic(topic)
  const input = Array.from({ length: count }, (_, i) => ({
    key: `k${i % 7}`,
    value: `order-${i}`,
    timestamp: Date.now() - 60_000 + i
  }))
  const out = engine.appendAsLeader(t, 0, encodeBatch(input, { compression }), 1)
  expect(out.errorCode).toBe(0)
  expect(out.recordCount).toBe(count)
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i)

describe('ranges inside one stored batch', () => {
  it('copies offsets 10..20 of a 100-record batch: exactly those ten records', async () => {
    const { engine, svc } = open()
    await oneBatch(engine, svc, 'orders.dlq', 100)
    await svc.call('topics.create', { name: 'orders.retry', partitions: 1, replicationFactor: 1 })
    const { operationId } = await svc.call('messages.copy', {
      source: 'orders.dlq',
      target: 'orders.retry',
      fromOffset: 10,
      untilOffset: 20
    })
    const op = await operationDone(svc, operationId)
    expect(op.error).toBeUndefined()
    expect(op.matched).toBe(10)
    const copied = await svc.call('messages.read', {
      topic: 'orders.retry',
      partition: 0,
      from: 'earliest',
      limit: 100
    })
    expect(copied.records.map((r) => r.value)).toEqual(range(10, 20).map((i) => `order-${i}`))
  })

  it('reads backward from offset 60 of a 100-record batch: offsets 40..59', async () => {
    const { engine, svc } = open()
    await oneBatch(engine, svc, 'orders', 100, CompressionType.Lz4)
    const page = await svc.call('messages.read', {
      topic: 'orders',
      partition: 0,
      from: { offset: 60 },
      limit: 20,
      direction: 'backward'
    })
    expect(page.records.map((r) => r.offset)).toEqual(range(40, 60))
    expect(page.firstOffsets[0]).toBe(40)
    const older = await svc.call('messages.read', {
      topic: 'orders',
      partition: 0,
      from: { offset: 40 },
      limit: 50,
      direction: 'backward'
    })
    expect(older.records.map((r) => r.offset)).toEqual(range(0, 40))
  })

  it('searches and samples mid-batch windows in the scan worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logdeck-batched-'))
    dirs.push(dir)
    const { engine, svc } = open(dir)
    await oneBatch(engine, svc, 'orders', 300, CompressionType.Zstd)
    for (const [from, until] of [
      [5, 17],
      [0, 299],
      [150, 151]
    ]) {
      const { operationId } = await svc.call('messages.search', {
        topic: 'orders',
        from: { offset: from },
        untilOffset: until,
        filters: [],
        limit: 1000
      })
      const op = await operationDone(svc, operationId)
      expect(op.error).toBeUndefined()
      const found = await svc.call('messages.searchResults', { operationId })
      expect(found.records.map((r) => r.offset)).toEqual(range(from, until))
    }
    const sample = await sampleRecords(engine.sampleSource(engine.requireTopic('orders')), 25)
    expect(sample.map((s) => s.value?.toString())).toEqual(range(275, 300).map((i) => `order-${i}`))
  })
})
