// What a Kafka request costs when no fault is injected and no client quota is set: the faults do
// not work out what the request touches, and the quotas do not count its bytes. With a fault or
// a quota, both happen as before.
import { afterEach, describe, expect, it } from 'vitest'
import { Engine } from '../../../src/engine/engine'
import { FaultRegistry, type RequestScope } from '../../../src/engine/faults/registry'
import { quotaThrottleMs } from '../../../src/engine/kafka/quota-throttle'
import { ApiKey, type DecodedRequest } from '../../../src/engine/kafka/protocol'

const engines: Engine[] = []
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()))
})

const T0 = 1_800_000_000_000

describe('faults on the request path', () => {
  it('asks for the scope of a request only when a fault could match it', () => {
    const faults = new FaultRegistry(() => {})
    let asked = 0
    const scope = (): RequestScope => {
      asked++
      return { brokerId: 1, apiKey: 'Produce', topics: new Map([['t', [0]]]), groupId: null }
    }
    expect(faults.take(scope)).toBeNull()
    expect(asked).toBe(0)
    faults.inject({
      target: { topic: 't' },
      action: { type: 'error', error: 'NOT_LEADER_OR_FOLLOWER' }
    })
    expect(faults.take(scope)?.action).toEqual({ type: 'error', error: 'NOT_LEADER_OR_FOLLOWER' })
    expect(asked).toBe(1)
  })
})

describe('quotas on the request path', () => {
  /** A Produce of `bytes` record bytes, counting how often its records are looked at. */
  function produce(bytes: number) {
    const seen = { records: 0 }
    const partition = {
      index: 0,
      get records() {
        seen.records++
        return Buffer.alloc(bytes)
      }
    }
    const request = {
      apiKey: ApiKey.Produce,
      apiVersion: 9,
      header: { clientId: 'app' },
      body: { acks: 1, timeoutMs: 1000, topicData: [{ name: 't', partitionData: [partition] }] }
    } as unknown as DecodedRequest
    return { request, seen }
  }

  it('counts no bytes and owes no throttle while no quota is set', () => {
    const e = Engine.open({ dataDir: ':memory:', brokers: 1, port: 0 })
    engines.push(e)
    const { request, seen } = produce(10_000)
    expect(quotaThrottleMs(e, request, { responses: [] }, null, T0)).toBe(0)
    expect(seen.records).toBe(0)
    expect(e.quotaUse(T0)).toEqual([])
  })

  it('counts the bytes against a quota once one is set', () => {
    const e = Engine.open({
      dataDir: ':memory:',
      brokers: 1,
      port: 0,
      quotaWindow: { samples: 11, sampleMs: 1000 }
    })
    engines.push(e)
    e.alterClientQuotas([{ entity: { 'client-id': 'app' }, values: { producer_byte_rate: 1000 } }])
    const { request, seen } = produce(1_000_000)
    expect(quotaThrottleMs(e, request, { responses: [] }, null, T0)).toBeGreaterThan(0)
    expect(seen.records).toBeGreaterThan(0)
  })
})
