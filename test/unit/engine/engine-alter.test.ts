// Topic config changes, partition growth, preferred-leader elections and the change history.
import { afterEach, describe, expect, it } from 'vitest'
import { Engine } from '../../../src/engine/engine'
import { embeddedBackend } from '../../../src/engine/service/embedded'
import { createService } from '../../../src/engine/service/service'
import { ApiError } from '../../../src/shared/errors'

const engines: Engine[] = []
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
})
function service(brokers = 3) {
  const e = Engine.open({ dataDir: ':memory:', brokers, port: 0 })
  engines.push(e)
  return createService(embeddedBackend(e))
}
async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (err) {
    if (err instanceof ApiError) return err
    throw err
  }
  throw new Error('expected a failure')
}

describe('topics.alterConfigs', () => {
  it('sets, validates and removes overrides', async () => {
    const svc = service()
    await svc.call('topics.create', { name: 't', partitions: 1, replicationFactor: 1 })
    const set = await svc.call('topics.alterConfigs', {
      name: 't',
      set: { 'retention.ms': '3600000', 'cleanup.policy': 'compact' }
    })
    expect(set.configs['retention.ms']).toBe('3600000')
    expect(set.configEntries.find((c) => c.name === 'retention.ms')?.source).toBe('topic')
    const bad = await failure(
      svc.call('topics.alterConfigs', { name: 't', set: { 'min.insync.replicas': '0' } })
    )
    expect(bad.field).toBe('min.insync.replicas')
    expect(bad.message).toContain('at least 1')
    const removed = await svc.call('topics.alterConfigs', { name: 't', delete: ['retention.ms'] })
    expect(removed.configs['retention.ms']).toBe('604800000')
    expect(removed.configs['cleanup.policy']).toBe('compact')
  })
})

describe('partition count limits', () => {
  it('refuses more than 10,000 partitions per topic, from any path', async () => {
    const svc = service()
    const e = engines[engines.length - 1]
    expect(() =>
      e.createTopic({ name: 'huge', partitions: 0x7fffffff, replicationFactor: 1 })
    ).toThrow(/from 1 to 10000 partitions/)
    await svc.call('topics.create', { name: 'g', partitions: 1, replicationFactor: 1 })
    expect(() => e.createPartitions('g', 300_000)).toThrow(/at most 10000 partitions/)
    expect(e.topic('g')?.partitions).toHaveLength(1)
  })
})

describe('topics.createPartitions', () => {
  it('grows a topic and refuses to shrink it', async () => {
    const svc = service()
    await svc.call('topics.create', { name: 'g', partitions: 2, replicationFactor: 2 })
    const grown = await svc.call('topics.createPartitions', { name: 'g', totalCount: 5 })
    expect(grown.partitions.map((p) => p.partition)).toEqual([0, 1, 2, 3, 4])
    for (const p of grown.partitions) expect(new Set(p.replicas).size).toBe(2)
    const shrink = await failure(svc.call('topics.createPartitions', { name: 'g', totalCount: 3 }))
    expect(shrink.message).toContain('never removed')
    expect(shrink.field).toBe('totalCount')
  })
})

describe('leadership history', () => {
  it('records failover and restores preferred leaders on request', async () => {
    const svc = service()
    const t = await svc.call('topics.create', { name: 'h', partitions: 3, replicationFactor: 3 })
    const preferredBy1 = t.partitions.filter((p) => p.replicas[0] === 1).map((p) => p.partition)
    await svc.call('brokers.stop', { brokerId: 1 })
    await svc.call('brokers.start', { brokerId: 1 })
    const moved = await svc.call('topics.describe', { name: 'h' })
    for (const p of preferredBy1) expect(moved.partitions[p].leader).not.toBe(1)
    const { elected } = await svc.call('partitions.electLeaders', { topic: 'h' })
    expect(elected.map((e) => e.partition).sort()).toEqual(preferredBy1.sort())
    const after = await svc.call('topics.describe', { name: 'h' })
    for (const p of after.partitions) expect(p.leader).toBe(p.replicas[0])
    const { changes } = await svc.call('cluster.history', {})
    const kinds = changes.map((c) => c.kind)
    expect(kinds).toContain('broker-stopped')
    expect(kinds).toContain('broker-started')
    expect(kinds).toContain('leader-elected')
    expect(kinds).toContain('isr-expanded')
    expect(changes[0].timestamp).toBeGreaterThanOrEqual(changes[changes.length - 1].timestamp)
  })

  it('says plainly what is missing when demo data cannot be loaded', async () => {
    const svc = service()
    const err = await failure(svc.call('demo.load', {}))
    expect(err.status).toBe(503)
    expect(err.message).toContain('Kafka listeners')
    expect((await failure(svc.call('partitions.skew', { topic: 'x' }))).status).toBe(404)
  })
})
