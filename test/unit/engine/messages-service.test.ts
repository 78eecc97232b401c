// The message browser's engine side: produce through the partitioner, read pages by offset,
// time and latest-N, search with progress, copy (replay), skew and what-if.
import { afterEach, describe, expect, it } from 'vitest'
import { Engine } from '../../../src/engine/engine'
import { embeddedBackend } from '../../../src/engine/service/embedded'
import { createService, type Service } from '../../../src/engine/service/service'
import { murmur2Partition } from '../../../src/engine/producers/murmur2'
import { sampleRanges } from '../../../src/engine/messages/key-sample'
import type { ApiEvents } from '../../../src/shared/contract'
import { ApiError } from '../../../src/shared/errors'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const engines: Engine[] = []
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }))
})
function open(dataDir = ':memory:'): { engine: Engine; svc: Service } {
  const engine = Engine.open({ dataDir, brokers: 3, port: 0 })
  engines.push(engine)
  return { engine, svc: createService(embeddedBackend(engine)) }
}

function finished(svc: Service, operationId: string): Promise<ApiEvents['operation.progress']> {
  return new Promise((resolve) => {
    const off = svc.subscribe((event, payload) => {
      if (event !== 'operation.progress') return
      const p = payload as ApiEvents['operation.progress']
      if (p.operationId === operationId && p.done) {
        off()
        resolve(p)
      }
    })
  })
}

describe('messages', () => {
  it('produces through murmur2 and reads pages back by offset, time and latest-N', async () => {
    const { svc } = open()
    await svc.call('topics.create', { name: 'orders', partitions: 4, replicationFactor: 3 })
    const t0 = 1_700_000_000_000
    for (let i = 0; i < 30; i++) {
      const r = await svc.call('messages.produce', {
        topic: 'orders',
        key: 'customer-7',
        value: JSON.stringify({ n: i }),
        headers: { source: i % 2 ? 'web' : 'app' },
        timestamp: t0 + i * 1000
      })
      expect(r.partition).toBe(murmur2Partition(Buffer.from('customer-7'), 4))
      expect(r.offset).toBe(i)
    }
    const p = murmur2Partition(Buffer.from('customer-7'), 4)
    const first = await svc.call('messages.read', {
      topic: 'orders',
      partition: p,
      from: 'earliest',
      limit: 10
    })
    expect(first.records.map((r) => r.offset)).toEqual([...Array(10).keys()])
    expect(first.records[3]).toMatchObject({
      key: 'customer-7',
      value: '{"n":3}',
      headers: [{ key: 'source', value: 'web' }]
    })
    expect(first.nextOffsets[p]).toBe(10)
    const atOffset = await svc.call('messages.read', {
      topic: 'orders',
      partition: p,
      from: { offset: 25 },
      limit: 10
    })
    expect(atOffset.records.map((r) => r.offset)).toEqual([25, 26, 27, 28, 29])
    const atTime = await svc.call('messages.read', {
      topic: 'orders',
      partition: p,
      from: { timestamp: t0 + 12_500 },
      limit: 2
    })
    expect(atTime.records.map((r) => r.offset)).toEqual([13, 14])
    const last = await svc.call('messages.read', {
      topic: 'orders',
      partition: p,
      from: { latest: 3 },
      limit: 100
    })
    expect(last.records.map((r) => r.offset)).toEqual([27, 28, 29])
    const back = await svc.call('messages.read', {
      topic: 'orders',
      partition: p,
      from: { offset: 10 },
      limit: 4,
      direction: 'backward'
    })
    expect(back.records.map((r) => r.offset)).toEqual([6, 7, 8, 9])
    const all = await svc.call('messages.read', { topic: 'orders', from: 'earliest', limit: 5 })
    expect(all.records).toHaveLength(5)
    expect(all.bounds[p]).toEqual({ logStartOffset: 0, highWatermark: 30, lastStableOffset: 30 })
  })

  it('round-robins keyless records over partitions with sticky batches', async () => {
    const { svc } = open()
    await svc.call('topics.create', { name: 'k', partitions: 3, replicationFactor: 1 })
    const parts = new Set<number>()
    for (let i = 0; i < 30; i++)
      parts.add((await svc.call('messages.produce', { topic: 'k', value: `v${i}` })).partition)
    expect(parts.size).toBeGreaterThan(1)
    await expect(
      svc.call('messages.produce', { topic: 'k', value: 'x', partition: 7 })
    ).rejects.toThrow(/3 partitions/)
  })

  it('searches with filters off the request path, reporting progress and matches', async () => {
    const { svc } = open()
    await svc.call('topics.create', { name: 's', partitions: 2, replicationFactor: 1 })
    for (let i = 0; i < 200; i++)
      await svc.call('messages.produce', {
        topic: 's',
        key: `k${i % 10}`,
        value: JSON.stringify({ amount: i })
      })
    const { operationId } = await svc.call('messages.search', {
      topic: 's',
      from: 'earliest',
      filters: [
        { field: 'key', op: 'equals', value: 'k3' },
        { field: 'value', op: 'jsonPath', value: '$.amount >= 100' }
      ],
      limit: 1000
    })
    const done = await finished(svc, operationId)
    expect(done.error).toBeUndefined()
    expect(done.processed).toBe(200)
    expect(done.matched).toBe(10)
    const results = await svc.call('messages.searchResults', { operationId })
    expect(results.records.map((r) => JSON.parse(r.value!).amount).sort((a, b) => a - b)).toEqual([
      103, 113, 123, 133, 143, 153, 163, 173, 183, 193
    ])
    await expect(
      svc.call('messages.search', {
        topic: 's',
        from: 'earliest',
        filters: [{ field: 'value', op: 'regex', value: '(' }],
        limit: 1
      })
    ).rejects.toMatchObject({ field: 'filters.0.value' })
  })

  it('searches a data directory in the scan worker thread, with the same results', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logdeck-search-'))
    dirs.push(dir)
    const { svc } = open(dir)
    await svc.call('topics.create', { name: 'w', partitions: 3, replicationFactor: 1 })
    for (let i = 0; i < 300; i++)
      await svc.call('messages.produce', {
        topic: 'w',
        key: `k${i % 7}`,
        value: JSON.stringify({ i }),
        headers: { h: i % 2 ? 'odd' : 'even' }
      })
    const progress: number[] = []
    const off = svc.subscribe((event, payload) => {
      if (event === 'operation.progress')
        progress.push((payload as ApiEvents['operation.progress']).processed)
    })
    const { operationId } = await svc.call('messages.search', {
      topic: 'w',
      from: 'earliest',
      filters: [
        { field: 'header', headerKey: 'h', op: 'equals', value: 'odd' },
        { field: 'key', op: 'equals', value: 'k3' }
      ],
      limit: 1000
    })
    const done = await finished(svc, operationId)
    off()
    expect(done.error).toBeUndefined()
    expect(done.processed).toBe(300)
    const expected = [...Array(300).keys()].filter((i) => i % 2 === 1 && i % 7 === 3)
    expect(done.matched).toBe(expected.length)
    const results = await svc.call('messages.searchResults', { operationId })
    expect(results.records.map((r) => JSON.parse(r.value!).i).sort((a, b) => a - b)).toEqual(
      expected
    )
    expect(progress.at(-1)).toBe(300)
  })

  it('cancels a running operation when the engine closes, before its database shuts', async () => {
    const { engine, svc } = open()
    await svc.call('topics.create', { name: 'big', partitions: 1, replicationFactor: 1 })
    for (let i = 0; i < 300; i++)
      await svc.call('messages.produce', { topic: 'big', value: 'x'.repeat(40_000) })
    const { operationId } = await svc.call('messages.search', {
      topic: 'big',
      from: 'earliest',
      filters: [{ field: 'value', op: 'contains', value: 'y' }],
      limit: 10
    })
    const done = finished(svc, operationId)
    await engine.close()
    const status = await done
    expect(status.error).toBeUndefined()
    expect(status).toMatchObject({ done: true, cancelled: true })
  })

  it('cancels a running operation', async () => {
    const { svc } = open()
    await svc.call('topics.create', { name: 'big', partitions: 1, replicationFactor: 1 })
    for (let i = 0; i < 50; i++)
      await svc.call('messages.produce', { topic: 'big', value: 'x'.repeat(40_000) })
    const { operationId } = await svc.call('messages.search', {
      topic: 'big',
      from: 'earliest',
      filters: [{ field: 'value', op: 'contains', value: 'y' }],
      limit: 10
    })
    const status = await svc.call('operations.cancel', { operationId })
    expect(status.operationId).toBe(operationId)
    const done = await finished(svc, operationId)
    expect(done.cancelled).toBe(true)
    expect(done.processed).toBeLessThan(50)
  })

  it('copies an offset range to another topic, keeping keys, headers and timestamps', async () => {
    const { svc } = open()
    await svc.call('topics.create', { name: 'dlq', partitions: 1, replicationFactor: 1 })
    await svc.call('topics.create', { name: 'main', partitions: 3, replicationFactor: 1 })
    for (let i = 0; i < 20; i++)
      await svc.call('messages.produce', {
        topic: 'dlq',
        key: `id-${i}`,
        value: `failed ${i}`,
        headers: { reason: 'timeout' },
        timestamp: 1_700_000_000_000 + i
      })
    const { operationId } = await svc.call('messages.copy', {
      source: 'dlq',
      target: 'main',
      fromOffset: 5,
      untilOffset: 15,
      filters: [{ field: 'value', op: 'regex', value: '[02468]$' }]
    })
    const done = await finished(svc, operationId)
    expect(done.matched).toBe(5)
    expect(done.summary).toMatch(/^Copied 5 record\(s\) to main/)
    const copied = await svc.call('messages.read', { topic: 'main', from: 'earliest', limit: 100 })
    expect(copied.records.map((r) => r.key).sort()).toEqual([
      'id-10',
      'id-12',
      'id-14',
      'id-6',
      'id-8'
    ])
    for (const r of copied.records) {
      expect(r.partition).toBe(murmur2Partition(Buffer.from(r.key!), 3))
      expect(r.headers).toEqual([{ key: 'reason', value: 'timeout' }])
      expect(r.timestamp).toBe(1_700_000_000_000 + Number(r.key!.slice(3)))
    }
    await expect(
      svc.call('messages.copy', { source: 'dlq', target: 'nope' })
    ).rejects.toBeInstanceOf(ApiError)
  })
})

describe('partitions', () => {
  it('weights the key sample by each partition share of the writes', async () => {
    const { engine, svc } = open()
    await svc.call('topics.create', { name: 'wt', partitions: 2, replicationFactor: 1 })
    for (let i = 0; i < 300; i++)
      await svc.call('messages.produce', {
        topic: 'wt',
        value: 'v',
        partition: i % 10 === 0 ? 1 : 0
      })
    // The rates count full seconds only: once the second the last write fell in is over, every
    // write is counted, however many seconds the writes took on a busy machine.
    await new Promise((resolve) => setTimeout(resolve, 1010 - (Date.now() % 1000)))
    const ranges = sampleRanges(engine.sampleSource(engine.topic('wt')!), 100)
    expect(ranges.map((r) => r.newest)).toEqual([90, 10])
  })

  it('samples keys in the scan worker for a data directory, as inline does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logdeck-sample-'))
    dirs.push(dir)
    const { svc } = open(dir)
    await svc.call('topics.create', { name: 'hot', partitions: 4, replicationFactor: 1 })
    for (let i = 0; i < 200; i++)
      await svc.call('messages.produce', {
        topic: 'hot',
        key: i % 4 === 0 ? `k${i}` : 'tenant-42',
        value: `{"user":${i}}`,
        headers: { u: `u${i}` }
      })
    const skew = await svc.call('partitions.skew', { topic: 'hot' })
    expect(skew.sampledRecords).toBe(200)
    const hot = murmur2Partition(Buffer.from('tenant-42'), 4)
    expect(skew.partitions[hot].topKeys[0]).toMatchObject({ key: 'tenant-42', count: 150 })
    const byHeader = await svc.call('partitions.whatIf', {
      topic: 'hot',
      partitionCount: 4,
      strategy: { kind: 'compound', header: 'u' }
    })
    expect(byHeader.sampledRecords).toBe(200)
    expect(byHeader.skew.maxOverMean).toBeLessThan(skew.skew.maxOverMean)
  })

  it('diagnoses a hot key and predicts salting', async () => {
    const { svc } = open()
    await svc.call('topics.create', { name: 'hot', partitions: 6, replicationFactor: 1 })
    for (let i = 0; i < 300; i++)
      await svc.call('messages.produce', {
        topic: 'hot',
        key: i % 10 < 6 ? 'tenant-42' : `tenant-${i}`,
        value: 'v'
      })
    const skew = await svc.call('partitions.skew', { topic: 'hot' })
    const hotPartition = murmur2Partition(Buffer.from('tenant-42'), 6)
    const top = [...skew.partitions].sort((a, b) => b.share - a.share)[0]
    expect(top.partition).toBe(hotPartition)
    expect(top.topKeys[0].key).toBe('tenant-42')
    expect(skew.diagnosis[0]).toContain(`Partition ${hotPartition} takes`)
    expect(skew.remedies.join(' ')).toContain('single hot key')
    const asIs = await svc.call('partitions.whatIf', {
      topic: 'hot',
      partitionCount: 12,
      strategy: { kind: 'asIs' }
    })
    const salted = await svc.call('partitions.whatIf', {
      topic: 'hot',
      partitionCount: 6,
      strategy: { kind: 'salt', buckets: 8 }
    })
    expect(asIs.sampledRecords).toBe(300)
    expect(salted.skew.maxOverMean).toBeLessThan(asIs.skew.maxOverMean)
    const rate = await svc.call('metrics.produceRate', { topic: 'hot', windowMs: 60_000 })
    expect(rate.series[0].name).toBe('hot')
  })
})
