// A kafkajs transaction's offsets (sendOffsets) on a topic deleted before the commit: the commit
// succeeds and the group keeps no offset of the deleted topic, so a topic made again under its
// name starts the group from nothing, as Kafka's coordinator drops pending transactional offsets
// of deleted partitions; the offsets on the other topic are committed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel } from 'kafkajs'
import { startTestCluster, type TestCluster } from '../../support/cluster'

let cluster: TestCluster
let kafka: Kafka

beforeAll(async () => {
  cluster = await startTestCluster()
  kafka = new Kafka({
    clientId: 'it-kjs-txn-deleted',
    brokers: cluster.bootstrap.split(','),
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 100, retries: 10 }
  })
})
afterAll(async () => {
  await cluster?.close()
})

describe('a transaction committing offsets of a topic deleted before its commit', () => {
  it('commits the other offsets and leaves none of the deleted topic', async () => {
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({
      topics: [
        { topic: 'txd-gone', numPartitions: 2, replicationFactor: 2 },
        { topic: 'txd-kept', numPartitions: 1, replicationFactor: 2 },
        { topic: 'txd-out', numPartitions: 1, replicationFactor: 2 }
      ]
    })
    const producer = kafka.producer({
      transactionalId: 'txd',
      idempotent: true,
      maxInFlightRequests: 1
    })
    await producer.connect()
    const txn = await producer.transaction()
    await txn.sendBatch({
      topicMessages: [{ topic: 'txd-out', messages: [{ value: 'a' }, { value: 'b' }] }]
    })
    await txn.sendOffsets({
      consumerGroupId: 'txd-group',
      topics: [
        {
          topic: 'txd-gone',
          partitions: [
            { partition: 0, offset: '5' },
            { partition: 1, offset: '6' }
          ]
        },
        { topic: 'txd-kept', partitions: [{ partition: 0, offset: '7' }] }
      ]
    })
    await admin.deleteTopics({ topics: ['txd-gone'] })
    await txn.commit()
    await producer.disconnect()

    const committed = await admin.fetchOffsets({ groupId: 'txd-group' })
    expect(committed.map((t) => t.topic)).toEqual(['txd-kept'])
    expect(committed[0].partitions).toEqual([{ partition: 0, offset: '7', metadata: null }])
    await admin.createTopics({
      topics: [{ topic: 'txd-gone', numPartitions: 2, replicationFactor: 2 }]
    })
    const again = await admin.fetchOffsets({ groupId: 'txd-group', topics: ['txd-gone'] })
    expect(again[0].partitions.map((p) => p.offset)).toEqual(['-1', '-1'])
    await admin.disconnect()
  })
})
