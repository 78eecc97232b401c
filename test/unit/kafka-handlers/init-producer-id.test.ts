// InitProducerId through encoded frames, every version.
import { describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { openEngine, send } from './helpers'

describe('InitProducerId', () => {
  it.each([0, 1, 2, 3, 4, 5])('v%i gives each idempotent producer a new id', async (v) => {
    const engine = openEngine()
    const ids = new Set<bigint>()
    for (const broker of engine.listBrokers()) {
      const res = await send(engine, broker.id, ApiKey.InitProducerId, v, {
        transactionalId: null,
        transactionTimeoutMs: 60_000,
        producerId: -1n,
        producerEpoch: -1
      })
      expect(res).toMatchObject({ throttleTimeMs: 0, errorCode: 0, producerEpoch: 0 })
      expect(res.producerId).toBeGreaterThanOrEqual(0n)
      ids.add(res.producerId)
    }
    expect(ids.size).toBe(engine.brokerCount)
  })
})
