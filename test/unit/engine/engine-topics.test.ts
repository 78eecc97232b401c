// The engine slice: topics created, described, listed, deleted and reopened from disk.
import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Engine } from '../../../src/engine/engine'
import { embeddedBackend } from '../../../src/engine/service/embedded'
import { createService } from '../../../src/engine/service/service'
import { ApiError } from '../../../src/shared/errors'

const dirs: string[] = []
const engines: Engine[] = []
function open(dataDir = ':memory:', brokers = 3): Engine {
  const e = Engine.open({ dataDir, brokers, port: 0 })
  engines.push(e)
  return e
}
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'logdeck-test-'))
  dirs.push(d)
  return d
}
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }))
})

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (err) {
    if (err instanceof ApiError) return err
    throw err
  }
  throw new Error('expected the call to fail')
}

describe('embedded engine: topics', () => {
  it('creates a topic with replicas spread over the brokers', async () => {
    const svc = createService(embeddedBackend(open()))
    const t = await svc.call('topics.create', {
      name: 'orders',
      partitions: 6,
      replicationFactor: 3
    })
    expect(t.partitions).toHaveLength(6)
    for (const p of t.partitions) {
      expect(new Set(p.replicas).size).toBe(3)
      expect(p.leader).toBe(p.replicas[0])
      expect(p.isr).toEqual(p.replicas)
    }
    // Kafka spreads leaders: with 6 partitions on 3 brokers each broker leads two.
    const leaders = t.partitions.map((p) => p.leader)
    for (const b of [0, 1, 2]) expect(leaders.filter((l) => l === b)).toHaveLength(2)
    const list = await svc.call('topics.list', {})
    expect(list.topics.map((x) => x.name)).toEqual(['orders'])
    expect(list.topics[0]).toMatchObject({
      partitions: 6,
      replicationFactor: 3,
      cleanupPolicy: 'delete'
    })
  })

  it('validates configs with Kafka names and reports the config as the field', async () => {
    const svc = createService(embeddedBackend(open()))
    const err = await rejection(
      svc.call('topics.create', {
        name: 't',
        partitions: 1,
        replicationFactor: 1,
        configs: { 'retention.ms': 'soon' }
      })
    )
    expect(err.code).toBe('BAD_REQUEST')
    expect(err.field).toBe('retention.ms')
    const unknown = await rejection(
      svc.call('topics.create', {
        name: 't',
        partitions: 1,
        replicationFactor: 1,
        configs: { nope: '1' }
      })
    )
    expect(unknown.message).toContain("Unknown topic config 'nope'")
    const t = await svc.call('topics.create', {
      name: 'c',
      partitions: 1,
      replicationFactor: 1,
      configs: { 'cleanup.policy': 'compact, delete' }
    })
    expect(t.configs['cleanup.policy']).toBe('compact,delete')
    expect(t.configEntries.find((c) => c.name === 'cleanup.policy')?.source).toBe('topic')
    expect(t.configEntries.find((c) => c.name === 'retention.ms')).toMatchObject({
      source: 'default',
      value: '604800000'
    })
  })

  it('refuses duplicates, dot/underscore collisions and too many replicas', async () => {
    const svc = createService(embeddedBackend(open(':memory:', 2)))
    await svc.call('topics.create', { name: 'a.b', partitions: 1, replicationFactor: 1 })
    expect(
      (
        await rejection(
          svc.call('topics.create', { name: 'a.b', partitions: 1, replicationFactor: 1 })
        )
      ).code
    ).toBe('CONFLICT')
    const collision = await rejection(
      svc.call('topics.create', { name: 'a_b', partitions: 1, replicationFactor: 1 })
    )
    expect(collision.status).toBe(409)
    expect(collision.message).toContain("collides with existing topic 'a.b'")
    const rf = await rejection(
      svc.call('topics.create', { name: 'x', partitions: 1, replicationFactor: 3 })
    )
    expect(rf.field).toBe('replicationFactor')
  })

  it('keeps the collision index across deletes and reopening', async () => {
    const dir = tempDir()
    const first = open(dir, 1)
    first.createTopic({ name: 'm.n', partitions: 1, replicationFactor: 1 })
    first.createTopic({ name: 'p_q', partitions: 1, replicationFactor: 1 })
    first.deleteTopic('m.n')
    // Once 'm.n' is gone its key is free again.
    first.createTopic({ name: 'm_n', partitions: 1, replicationFactor: 1 })
    await first.close()
    const again = open(dir, 1)
    expect(() => again.createTopic({ name: 'm.n', partitions: 1, replicationFactor: 1 })).toThrow(
      "collides with existing topic 'm_n'"
    )
    expect(() => again.createTopic({ name: 'p.q', partitions: 1, replicationFactor: 1 })).toThrow(
      "collides with existing topic 'p_q'"
    )
  })

  it('deletes topics and answers 404 for unknown ones', async () => {
    const svc = createService(embeddedBackend(open()))
    await svc.call('topics.create', { name: 'gone', partitions: 2, replicationFactor: 1 })
    await svc.call('topics.delete', { name: 'gone' })
    expect((await svc.call('topics.list', {})).topics).toEqual([])
    const err = await rejection(svc.call('topics.describe', { name: 'gone' }))
    expect(err.status).toBe(404)
  })

  it('keeps topics, configs and broker state across a reopen of the data directory', async () => {
    const dir = tempDir()
    const first = open(dir)
    const svc = createService(embeddedBackend(first))
    const created = await svc.call('topics.create', {
      name: 'kept',
      partitions: 4,
      replicationFactor: 2,
      configs: { 'retention.ms': '1000' }
    })
    await svc.call('brokers.stop', { brokerId: 1 })
    const clusterId = first.clusterId
    await first.close()
    engines.splice(engines.indexOf(first), 1)

    const second = open(dir)
    expect(second.clusterId).toBe(clusterId)
    const d = await createService(embeddedBackend(second)).call('topics.describe', {
      name: 'kept'
    })
    expect(d.topicId).toBe(created.topicId)
    expect(d.configs['retention.ms']).toBe('1000')
    expect(second.broker(1)?.status).toBe('stopped')
    for (const p of d.partitions) expect(p.isr).not.toContain(1)
  })

  it('moves leadership off a stopped broker and bumps the leader epoch', async () => {
    const engine = open()
    const svc = createService(embeddedBackend(engine))
    const t = await svc.call('topics.create', { name: 'ha', partitions: 3, replicationFactor: 3 })
    const ledBy0 = t.partitions.filter((p) => p.leader === 0).map((p) => p.partition)
    expect(ledBy0.length).toBeGreaterThan(0)
    const events: unknown[] = []
    svc.subscribe((event, payload) => events.push({ event, payload }))
    const cluster = await svc.call('brokers.stop', { brokerId: 0 })
    expect(cluster.brokers[0].status).toBe('stopped')
    expect(cluster.underReplicatedPartitions).toBe(3)
    const after = await svc.call('topics.describe', { name: 'ha' })
    for (const p of after.partitions) {
      expect(p.leader).not.toBe(0)
      expect(p.isr).not.toContain(0)
      if (ledBy0.includes(p.partition)) expect(p.leaderEpoch).toBe(1)
    }
    expect(events).toContainEqual({
      event: 'cluster.changed',
      payload: { reason: 'broker stopped', brokerId: 0, connection: 'embedded' }
    })
    await svc.call('brokers.start', { brokerId: 0 })
    const back = await svc.call('topics.describe', { name: 'ha' })
    for (const p of back.partitions) expect(p.isr.sort()).toEqual([0, 1, 2])
  })
})
