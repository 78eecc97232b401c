// Producing to a partition without a leader: the error says so (NO_LEADER, 503) and names the
// stopped brokers that hold its replicas, not a missing feature.
import { afterEach, describe, expect, it } from 'vitest'
import { Engine } from '../../../src/engine/engine'
import { embeddedBackend } from '../../../src/engine/service/embedded'
import { createService } from '../../../src/engine/service/service'
import { ApiError } from '../../../src/shared/errors'

const engines: Engine[] = []
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
})

function open() {
  const engine = Engine.open({ dataDir: ':memory:', brokers: 3, port: 0 })
  engines.push(engine)
  return { engine, svc: createService(embeddedBackend(engine)) }
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (err) {
    if (err instanceof ApiError) return err
    throw err
  }
  throw new Error('expected the call to fail')
}

describe('messages.produce to a leaderless partition', () => {
  it('names the stopped broker of a single replica', async () => {
    const { svc } = open()
    await svc.call('topics.create', { name: 'single', partitions: 1, replicationFactor: 1 })
    const [p] = (await svc.call('topics.describe', { name: 'single' })).partitions
    await svc.call('brokers.stop', { brokerId: p.replicas[0] })
    const err = await failure(svc.call('messages.produce', { topic: 'single', value: 'x' }))
    expect(err.code).toBe('NO_LEADER')
    expect(err.status).toBe(503)
    expect(err.message).toBe(
      `single-0 has no leader: its only replica is on broker ${p.replicas[0]}, which is stopped. ` +
        `Start broker ${p.replicas[0]} to write to it again.`
    )
    await svc.call('brokers.start', { brokerId: p.replicas[0] })
    expect(await svc.call('messages.produce', { topic: 'single', value: 'x' })).toMatchObject({
      partition: 0,
      offset: 0
    })
  })

  it('names every stopped broker when all replicas are down', async () => {
    const { svc } = open()
    await svc.call('topics.create', { name: 'pair', partitions: 1, replicationFactor: 2 })
    const [p] = (await svc.call('topics.describe', { name: 'pair' })).partitions
    for (const b of p.replicas) await svc.call('brokers.stop', { brokerId: b })
    const err = await failure(
      svc.call('messages.produce', { topic: 'pair', value: 'x', partition: 0 })
    )
    expect(err.code).toBe('NO_LEADER')
    const [a, b] = p.replicas
    expect(err.message).toContain(`all its replicas are on stopped brokers (brokers ${a} and ${b})`)
  })
})
