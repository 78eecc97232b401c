// topics.deleteRecords: the log start offset moves to the chosen offset (inside a batch too),
// reads start there, and an offset past the high watermark deletes nothing anywhere.
import { afterEach, describe, expect, it } from 'vitest'
import { Engine } from '../../../src/engine/engine'
import { embeddedBackend } from '../../../src/engine/service/embedded'
import { createService } from '../../../src/engine/service/service'
import { encodeBatch } from '../../../src/engine/records'
import { ApiError } from '../../../src/shared/errors'

const engines: Engine[] = []
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
})

async function setup() {
  const engine = Engine.open({ dataDir: ':memory:', brokers: 1, port: 0 })
  engines.push(engine)
  const svc = createService(embeddedBackend(engine))
  await svc.call('topics.create', { name: 'orders', partitions: 2, replicationFactor: 1 })
  const topic = engine.requireTopic('orders')
  // Batches of 10 records, as a batching client writes them.
  for (const p of [0, 1])
    for (let b = 0; b < 5; b++)
      engine.appendAsLeader(
        topic,
        p,
        encodeBatch(
          Array.from({ length: 10 }, (_, i) => ({ value: `p${p}-${b * 10 + i}` })),
          { now: Date.now() }
        ),
        1
      )
  return { engine, svc }
}

describe('topics.deleteRecords', () => {
  it('deletes up to an offset inside a batch on the chosen partition only', async () => {
    const { svc } = await setup()
    const r = await svc.call('topics.deleteRecords', {
      name: 'orders',
      partitions: [1],
      beforeOffset: 23
    })
    expect(r.partitions).toEqual([
      { partition: 1, previousLogStartOffset: 0, logStartOffset: 23, deleted: 23 }
    ])
    const read = await svc.call('messages.read', {
      topic: 'orders',
      partition: 1,
      from: 'earliest',
      limit: 5
    })
    expect(read.records.map((x) => x.offset)).toEqual([23, 24, 25, 26, 27])
    const d = await svc.call('topics.describe', { name: 'orders' })
    expect(d.partitions.map((p) => p.logStartOffset)).toEqual([0, 23])
  })

  it('purges every partition up to its high watermark without an offset', async () => {
    const { svc } = await setup()
    const r = await svc.call('topics.deleteRecords', { name: 'orders' })
    expect(r.partitions.map((p) => [p.partition, p.logStartOffset, p.deleted])).toEqual([
      [0, 50, 50],
      [1, 50, 50]
    ])
    const { topics } = await svc.call('topics.list', {})
    expect(topics.find((t) => t.name === 'orders')?.messages).toBe(0)
  })

  it('refuses an offset past a high watermark, naming it, and deletes nothing', async () => {
    const { svc } = await setup()
    let err: unknown
    try {
      await svc.call('topics.deleteRecords', { name: 'orders', beforeOffset: 51 })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).field).toBe('beforeOffset')
    expect((err as ApiError).message).toContain('high watermark of orders-0 (50)')
    const d = await svc.call('topics.describe', { name: 'orders' })
    expect(d.partitions.map((p) => p.logStartOffset)).toEqual([0, 0])
  })
})
