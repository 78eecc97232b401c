// FindCoordinator key type 2 (SHARE, KIP-932) over the wire: a share partition key
// "groupId:topicId:partition" is coordinated by the leader of its partition of
// __share_group_state, which the first lookup creates with Kafka's configs; a malformed key, an
// older version and a share protocol turned off are INVALID_REQUEST, each key on its own.
import { afterEach, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kafkaRequest } from '../../support/kafka-request'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { coordinatorPartitionFor } from '../../../src/engine/cluster/internal-topic'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'

let cluster: TestCluster | undefined
afterEach(async () => {
  await cluster?.close()
  cluster = undefined
})

const TOPIC_ID = 'AAAAAAAAAAAAAAAAAAAAAQ' // Kafka's Uuid.toString of a topic id

async function findShare(c: TestCluster, keys: string[], version = 6) {
  const port = c.listeners[0].port
  const res = await kafkaRequest(port, ApiKey.FindCoordinator, version, {
    key: keys[0],
    keyType: 2,
    coordinatorKeys: keys
  })
  return res.body
}

describe('FindCoordinator key type 2 (SHARE)', () => {
  it("answers the leader of the key's __share_group_state partition, created by the lookup", async () => {
    cluster = await startTestCluster({ brokers: 3 })
    expect(cluster.engine.topic('__share_group_state')).toBeUndefined()
    const keys = Array.from({ length: 12 }, (_, i) => `sg-${i}:${TOPIC_ID}:${i % 3}`)
    const body = await findShare(cluster, [
      ...keys,
      'no-colons',
      `g:${TOPIC_ID}:-1`,
      `:${TOPIC_ID}:0`
    ])
    const topic = cluster.engine.topic('__share_group_state')
    expect(topic?.internal).toBe(true)
    expect(topic?.partitions).toHaveLength(50)
    expect(topic?.partitions[0].replicas).toHaveLength(3)
    expect(cluster.engine.topicConfigs(topic!)).toMatchObject({
      'cleanup.policy': 'delete',
      'compression.type': 'producer',
      'segment.bytes': '104857600'
    })
    const byKey = new Map(body.coordinators.map((c) => [c.key, c]))
    for (const key of keys) {
      const leader = topic!.partitions[coordinatorPartitionFor(key, 50)].leader
      expect(byKey.get(key), key).toMatchObject({ errorCode: ErrorCode.NONE, nodeId: leader })
      expect(byKey.get(key)?.port).toBeGreaterThan(0)
    }
    expect(new Set(keys.map((k) => byKey.get(k)?.nodeId)).size).toBeGreaterThan(1)
    expect(byKey.get('no-colons')).toMatchObject({
      errorCode: ErrorCode.INVALID_REQUEST,
      nodeId: -1,
      errorMessage: 'Invalid key format: expected - groupId:topicId:partition, found - no-colons'
    })
    expect(byKey.get(`g:${TOPIC_ID}:-1`)?.errorCode).toBe(ErrorCode.INVALID_REQUEST)
    expect(byKey.get(`:${TOPIC_ID}:0`)?.errorMessage).toBe('Group id must be non-empty')
  })

  it('is INVALID_REQUEST before v6', async () => {
    cluster = await startTestCluster({ brokers: 1 })
    const body = await findShare(cluster, [`g:${TOPIC_ID}:0`], 5)
    expect(body.coordinators[0]).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, nodeId: -1 })
    expect(cluster.engine.topic('__share_group_state')).toBeUndefined()
  })
})
