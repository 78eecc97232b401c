// Metadata 13 (KIP-1102) through encoded frames: the response adds a top-level error code after
// everything version 12 answers, which a broker answers 0; the brokers, topics and partitions are
// version 12's, and a version 12 response has no such field (its encoding is 2 bytes shorter).
import { describe, expect, it } from 'vitest'
import { ApiKey, encodeResponse } from '../../../src/engine/kafka/protocol'
import { ErrorCode as E } from '../../../src/shared/kafka/error-codes'
import { openEngine, send } from './helpers'

const ask = {
  topics: [{ topicId: '00000000-0000-0000-0000-000000000000', name: 'orders' }],
  allowAutoTopicCreation: false,
  includeTopicAuthorizedOperations: false
}

describe('Metadata 13', () => {
  it('answers what 12 answers, with a top-level error code of 0', async () => {
    const engine = openEngine()
    engine.createTopic({ name: 'orders', partitions: 3, replicationFactor: 2 })
    const v12 = await send(engine, 0, ApiKey.Metadata, 12, ask)
    const v13 = await send(engine, 0, ApiKey.Metadata, 13, ask)
    expect(v13.errorCode).toBe(E.NONE)
    const { errorCode: _unused, ...rest13 } = v13
    const { errorCode: _unused12, ...rest12 } = v12
    expect(rest13).toEqual(rest12)
    expect(v13.topics.map((t) => [t.name, t.errorCode, t.partitions.length])).toEqual([
      ['orders', E.NONE, 3]
    ])
    expect(v13.brokers).toHaveLength(3)
    const size = (version: number) =>
      encodeResponse(
        { requestApiKey: ApiKey.Metadata, requestApiVersion: version, correlationId: 1 },
        v13
      ).length
    expect(size(13) - size(12)).toBe(2)
  })

  it('a topic it does not know is answered as 12 answers it', async () => {
    const engine = openEngine()
    const v13 = await send(engine, 0, ApiKey.Metadata, 13, ask)
    expect(v13.errorCode).toBe(E.NONE)
    expect(v13.topics.map((t) => [t.name, t.errorCode])).toEqual([
      ['orders', E.UNKNOWN_TOPIC_OR_PARTITION]
    ])
  })
})
