// Topic configs valid one by one but not together, as Kafka's LogConfig refuses them: a record
// must become eligible for compaction before it is forced to be compacted.
import { afterEach, describe, expect, it } from 'vitest'
import { Engine } from '../../../src/engine/engine'
import { embeddedBackend } from '../../../src/engine/service/embedded'
import { createService } from '../../../src/engine/service/service'
import { ApiError } from '../../../src/shared/errors'

const engines: Engine[] = []
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
})

function setup() {
  const engine = Engine.open({ dataDir: ':memory:', brokers: 1, port: 0 })
  engines.push(engine)
  return createService(embeddedBackend(engine))
}

async function refusal(work: Promise<unknown>): Promise<ApiError> {
  try {
    await work
  } catch (err) {
    return err as ApiError
  }
  throw new Error('accepted')
}

describe('conflicting topic configs', () => {
  it('refuses min.compaction.lag.ms above max.compaction.lag.ms on create, naming the field', async () => {
    const svc = setup()
    const err = await refusal(
      svc.call('topics.create', {
        name: 't',
        partitions: 1,
        replicationFactor: 1,
        configs: { 'min.compaction.lag.ms': '7200000', 'max.compaction.lag.ms': '3600000' }
      })
    )
    expect(err.code).toBe('BAD_REQUEST')
    expect(err.field).toContain('min.compaction.lag.ms')
    expect(err.message).toContain(
      'min.compaction.lag.ms (7200000) is larger than max.compaction.lag.ms (3600000)'
    )
    expect((await svc.call('topics.list', {})).topics).toEqual([])
  })

  it('checks an alteration against the configs the topic keeps, and accepts a fitting one', async () => {
    const svc = setup()
    await svc.call('topics.create', {
      name: 't',
      partitions: 1,
      replicationFactor: 1,
      configs: { 'max.compaction.lag.ms': '3600000' }
    })
    const err = await refusal(
      svc.call('topics.alterConfigs', { name: 't', set: { 'min.compaction.lag.ms': '3600001' } })
    )
    expect(err.message).toContain('is larger than max.compaction.lag.ms (3600000)')
    const d = await svc.call('topics.describe', { name: 't' })
    expect(d.configs['min.compaction.lag.ms']).toBe('0')
    // Removing the limit in the same change makes the same value fit.
    const ok = await svc.call('topics.alterConfigs', {
      name: 't',
      set: { 'min.compaction.lag.ms': '3600001' },
      delete: ['max.compaction.lag.ms']
    })
    expect(ok.configs['min.compaction.lag.ms']).toBe('3600001')
  })
})
