// Produce of a batch with some invalid records: INVALID_RECORD with each record at fault in
// record_errors (its index in the batch and why), as Kafka answers Produce v8+; nothing appended.
import { describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { encodeBatch } from '../../../src/engine/records'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { openEngine, send } from './helpers'

describe('record_errors', () => {
  it('names every keyless record of a batch produced to a compacted topic', async () => {
    const engine = openEngine({ brokers: 1 })
    engine.createTopic({
      name: 'profiles',
      partitions: 1,
      replicationFactor: 1,
      configs: { 'cleanup.policy': 'compact' }
    })
    const records = encodeBatch([
      { key: 'a', value: '1' },
      { value: 'no key' },
      { key: 'b', value: '2' },
      { value: 'no key either' }
    ])
    const res = await send(engine, 0, ApiKey.Produce, 9, {
      transactionalId: null,
      acks: 1,
      timeoutMs: 1000,
      topicData: [{ name: 'profiles', partitionData: [{ index: 0, records }] }]
    })
    const p = res.responses[0].partitionResponses[0]
    expect(p.errorCode).toBe(ErrorCode.INVALID_RECORD)
    expect(p.recordErrors).toEqual([
      { batchIndex: 1, batchIndexErrorMessage: expect.stringContaining('without a key') },
      { batchIndex: 3, batchIndexErrorMessage: expect.stringContaining('without a key') }
    ])
    expect(p.errorMessage).toContain('2 of 4 records rejected')
    expect(engine.partitionLog(engine.topic('profiles')!, 0).logEndOffset).toBe(0)
  })
})
