// @platformatic/kafka (Produce v9+) hears which records of a batch a compacted topic refused:
// INVALID_RECORD with record_errors naming each keyless record by its index in the batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Producer, stringSerializers } from '@platformatic/kafka'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { startTestCluster, type TestCluster } from '../../support/cluster'

let cluster: TestCluster

beforeAll(async () => {
  cluster = await startTestCluster({ brokers: 1 })
  cluster.engine.createTopic({
    name: 'profiles',
    partitions: 1,
    replicationFactor: 1,
    configs: { 'cleanup.policy': 'compact' }
  })
})
afterAll(async () => {
  await cluster?.close()
})

describe('record_errors', () => {
  it('a batch with keyless records into a compacted topic names each of them', async () => {
    const producer = new Producer({
      clientId: 'it-record-errors',
      bootstrapBrokers: cluster.bootstrap.split(','),
      serializers: stringSerializers,
      retries: 0
    })
    try {
      const err = await producer
        .send({
          messages: [
            { topic: 'profiles', partition: 0, key: 'a', value: '1' },
            { topic: 'profiles', partition: 0, value: 'no key' },
            { topic: 'profiles', partition: 0, key: 'b', value: '2' }
          ]
        })
        .then(
          () => null,
          (e: unknown) => e
        )
      // The produce response, found among the client's nested errors.
      const responses: unknown[] = []
      const walk = (e: unknown) => {
        const x = e as { errors?: unknown[]; response?: unknown }
        if (x?.response) responses.push(x.response)
        for (const inner of x?.errors ?? []) walk(inner)
      }
      walk(err)
      const text = JSON.stringify(responses, (_k, v: unknown) =>
        typeof v === 'bigint' ? String(v) : v
      )
      expect(text).toContain(`"errorCode":${ErrorCode.INVALID_RECORD}`)
      expect(text).toMatch(
        /"recordErrors":\[\{"batchIndex":1,"batchIndexErrorMessage":"[^"]*without a key/
      )
      expect(cluster.engine.partitionLog(cluster.engine.topic('profiles')!, 0).logEndOffset).toBe(0)
    } finally {
      await producer.close()
    }
  })
})
