// DescribeTopicPartitions (KIP-966) with @platformatic/kafka's describeTopicPartitionsV0: pages
// of at most response_partition_limit partitions, topics sorted by name, next_cursor naming the
// topic and partition the next page starts at (null at the end); unknown topics answered
// UNKNOWN_TOPIC_OR_PARTITION with a zero topic id; a stopped broker's replicas offline and out of
// the ISR; under ACLs, named topics the principal may not describe refused, and left out (no
// cursor names one) when every topic is listed; max.request.partition.size.limit caps a page;
// ApiVersions advertises the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiVersionsV4, Connection, describeTopicPartitionsV0 } from '@platformatic/kafka'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { ZERO_UUID } from '../../../src/shared/kafka/protocol-constants'
import type { AclBinding } from '../../../src/shared/api/acls'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { waitFor } from '../../support/wait-for'

type Response = Awaited<ReturnType<typeof describeTopicPartitionsV0.api.async>>
type Cursor = { topicName: string; partitionIndex: number } | null

/** Every operation a topic supports (READ ... ALTER_CONFIGS): the answer without an authorizer. */
const ALL_TOPIC_OPERATIONS = [3, 4, 5, 6, 7, 8, 10, 11].reduce((bits, op) => bits | (1 << op), 0)
const OPERATIONS_OMITTED = -2147483648

async function connect(cluster: TestCluster, broker = 0): Promise<Connection> {
  const connection = new Connection(`it-dtp-${broker}`)
  const { host, port } = cluster.listeners[broker]
  await connection.connect(host, port)
  return connection
}

/** One DescribeTopicPartitions call; an answer with errors in it is returned all the same. */
function describeTopics(
  connection: Connection,
  topics: string[],
  limit: number,
  cursor: Cursor = null
): Promise<Response> {
  return describeTopicPartitionsV0.api
    .async(
      connection,
      topics.map((name) => ({ name })),
      limit,
      cursor ?? undefined
    )
    .catch((err: { response?: Response }) => {
      if (!err.response) throw err
      return err.response
    })
}

/** Each page's partitions as `topic-partition`, and the cursor it ended with. */
async function pages(connection: Connection, topics: string[], limit: number) {
  const seen: { partitions: string[]; nextCursor: Cursor }[] = []
  let cursor: Cursor = null
  do {
    const r = await describeTopics(connection, topics, limit, cursor)
    cursor = r.nextCursor
    seen.push({
      partitions: r.topics.flatMap((t) => t.partitions.map((p) => `${t.name}-${p.partitionIndex}`)),
      nextCursor: cursor
    })
  } while (cursor !== null && seen.length < 10)
  return seen
}

describe('DescribeTopicPartitions', () => {
  let cluster: TestCluster
  let connection: Connection

  beforeAll(async () => {
    cluster = await startTestCluster({ brokers: 3 })
    // Created out of order: the answers sort them by name.
    cluster.engine.createTopic({ name: 'dtp-b', partitions: 4, replicationFactor: 1 })
    cluster.engine.createTopic({ name: 'dtp-a', partitions: 4, replicationFactor: 1 })
    connection = await connect(cluster)
  })
  afterAll(async () => {
    await connection?.close()
    await cluster?.close()
  })

  it('is advertised by ApiVersions', async () => {
    const versions = await apiVersionsV4.api.async(connection, 'logdeck-test', '1.0.0')
    expect(versions.apiKeys).toContainEqual(
      expect.objectContaining({ apiKey: 75, minVersion: 0, maxVersion: 0 })
    )
  })

  it('answers each partition as the cluster has it', async () => {
    const r = await describeTopics(connection, ['dtp-a'], 2000)
    const topic = cluster.engine.topic('dtp-a')!
    expect(r.nextCursor).toBeNull()
    expect(r.topics).toHaveLength(1)
    expect(r.topics[0]).toMatchObject({
      errorCode: 0,
      name: 'dtp-a',
      topicId: topic.uuid,
      isInternal: false,
      topicAuthorizedOperations: ALL_TOPIC_OPERATIONS
    })
    expect(r.topics[0].partitions).toEqual(
      topic.partitions.map((p) => ({
        errorCode: 0,
        partitionIndex: p.partition,
        leaderId: p.leader,
        leaderEpoch: p.leaderEpoch,
        replicaNodes: p.replicas,
        isrNodes: p.isr,
        eligibleLeaderReplicas: [],
        lastKnownElr: [],
        offlineReplicas: []
      }))
    )
  })

  it('pages across topics and partitions, the cursor naming where the next page starts', async () => {
    expect(await pages(connection, ['dtp-b', 'dtp-a'], 3)).toEqual([
      {
        partitions: ['dtp-a-0', 'dtp-a-1', 'dtp-a-2'],
        nextCursor: { topicName: 'dtp-a', partitionIndex: 3 }
      },
      {
        partitions: ['dtp-a-3', 'dtp-b-0', 'dtp-b-1'],
        nextCursor: { topicName: 'dtp-b', partitionIndex: 2 }
      },
      { partitions: ['dtp-b-2', 'dtp-b-3'], nextCursor: null }
    ])
    // A page that ends with a whole topic points at the start of the next one.
    expect(await pages(connection, ['dtp-a', 'dtp-b'], 4)).toEqual([
      {
        partitions: ['dtp-a-0', 'dtp-a-1', 'dtp-a-2', 'dtp-a-3'],
        nextCursor: { topicName: 'dtp-b', partitionIndex: 0 }
      },
      { partitions: ['dtp-b-0', 'dtp-b-1', 'dtp-b-2', 'dtp-b-3'], nextCursor: null }
    ])
    // An empty list asks for every topic, with the same pages.
    expect((await pages(connection, [], 3)).map((p) => p.partitions)).toEqual([
      ['dtp-a-0', 'dtp-a-1', 'dtp-a-2'],
      ['dtp-a-3', 'dtp-b-0', 'dtp-b-1'],
      ['dtp-b-2', 'dtp-b-3']
    ])
  })

  it('answers unknown topics UNKNOWN_TOPIC_OR_PARTITION with a zero topic id, in name order', async () => {
    const r = await describeTopics(connection, ['dtp-zz-missing', 'dtp-a', 'bad name'], 2000)
    expect(r.topics.map((t) => [t.name, t.errorCode, t.topicId, t.partitions.length])).toEqual([
      ['bad name', ErrorCode.INVALID_TOPIC_EXCEPTION, ZERO_UUID, 0],
      ['dtp-a', 0, cluster.engine.topic('dtp-a')!.uuid, 4],
      ['dtp-zz-missing', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ZERO_UUID, 0]
    ])
    expect(r.nextCursor).toBeNull()
  })

  it('refuses a cursor on a topic the request does not name, or on a negative partition', async () => {
    const elsewhere = await describeTopics(connection, ['dtp-a'], 10, {
      topicName: 'dtp-b',
      partitionIndex: 0
    })
    expect(elsewhere.topics.map((t) => [t.name, t.errorCode])).toEqual([
      ['dtp-a', ErrorCode.INVALID_REQUEST]
    ])
    const negative = await describeTopics(connection, ['dtp-a'], 10, {
      topicName: 'dtp-a',
      partitionIndex: -1
    })
    expect(negative.topics.map((t) => [t.name, t.errorCode])).toEqual([
      ['dtp-a', ErrorCode.INVALID_REQUEST]
    ])
  })

  it('shows a stopped broker offline and out of the ISR of a replicated topic', async () => {
    cluster.engine.createTopic({ name: 'dtp-replicated', partitions: 2, replicationFactor: 3 })
    await waitFor('full ISRs', () =>
      cluster.engine.topic('dtp-replicated')!.partitions.every((p) => p.isr.length === 3)
    )
    const stopped = 2
    cluster.engine.stopBroker(stopped)
    await waitFor('the stopped broker out of the ISR', () =>
      cluster.engine.topic('dtp-replicated')!.partitions.every((p) => !p.isr.includes(stopped))
    )
    const r = await describeTopics(connection, ['dtp-replicated'], 2000)
    const partitions = r.topics[0].partitions
    expect(partitions).toHaveLength(2)
    for (const p of partitions) {
      expect(p.replicaNodes).toHaveLength(3)
      expect(p.replicaNodes).toContain(stopped)
      expect(p.offlineReplicas).toEqual([stopped])
      expect(p.isrNodes).not.toContain(stopped)
      expect(p.isrNodes).toHaveLength(2)
      expect(p.leaderId).not.toBe(stopped)
      expect(p.isrNodes).toContain(p.leaderId)
    }
    cluster.engine.startBroker(stopped)
  })
})

describe('DescribeTopicPartitions with max.request.partition.size.limit', () => {
  it('answers at most that many partitions, whatever limit the client asks for', async () => {
    const cluster = await startTestCluster({
      brokers: 1,
      brokerConfigs: { 'max.request.partition.size.limit': '3' }
    })
    const connection = await connect(cluster)
    try {
      cluster.engine.createTopic({ name: 'capped', partitions: 5, replicationFactor: 1 })
      expect(await pages(connection, ['capped'], 2000)).toEqual([
        {
          partitions: ['capped-0', 'capped-1', 'capped-2'],
          nextCursor: { topicName: 'capped', partitionIndex: 3 }
        },
        { partitions: ['capped-3', 'capped-4'], nextCursor: null }
      ])
      // A smaller limit of the client's own still holds.
      expect((await pages(connection, ['capped'], 2)).map((p) => p.partitions.length)).toEqual([
        2, 2, 1
      ])
    } finally {
      await connection.close()
      await cluster.close()
    }
  })
})

describe('DescribeTopicPartitions under ACLs', () => {
  let cluster: TestCluster
  let connection: Connection

  const allow = (acl: Pick<AclBinding, 'resourceType' | 'resourceName' | 'operation'>) =>
    cluster.service.call('acls.create', {
      acls: [{ ...acl, principal: 'User:ANONYMOUS', permission: 'ALLOW' }]
    })

  beforeAll(async () => {
    cluster = await startTestCluster({ brokers: 1, authorizer: {} })
    for (const name of ['acl-open', 'acl-secret'])
      cluster.engine.createTopic({ name, partitions: 2, replicationFactor: 1 })
    await allow({ resourceType: 'TOPIC', resourceName: 'acl-open', operation: 'DESCRIBE' })
    connection = await connect(cluster)
  })
  afterAll(async () => {
    await connection?.close()
    await cluster?.close()
  })

  it('refuses named topics the principal may not describe, without their topic id', async () => {
    const r = await describeTopics(connection, ['acl-secret', 'acl-open'], 2000)
    expect(
      r.topics.map((t) => [
        t.name,
        t.errorCode,
        t.topicId,
        t.partitions.length,
        t.topicAuthorizedOperations
      ])
    ).toEqual([
      // DESCRIBE (8) alone.
      ['acl-open', 0, cluster.engine.topic('acl-open')!.uuid, 2, 1 << 8],
      ['acl-secret', ErrorCode.TOPIC_AUTHORIZATION_FAILED, ZERO_UUID, 0, OPERATIONS_OMITTED]
    ])
    // A refused topic is answered so even when it is the only one named.
    const alone = await describeTopics(connection, ['acl-secret'], 2000)
    expect(alone.topics.map((t) => [t.name, t.errorCode])).toEqual([
      ['acl-secret', ErrorCode.TOPIC_AUTHORIZATION_FAILED]
    ])
    // A cursor on it: the topics before the cursor are not answered, the refused one is.
    const after = await describeTopics(connection, ['acl-open', 'acl-secret'], 2000, {
      topicName: 'acl-secret',
      partitionIndex: 1
    })
    expect(after.topics.map((t) => [t.name, t.errorCode])).toEqual([
      ['acl-secret', ErrorCode.TOPIC_AUTHORIZATION_FAILED]
    ])
    expect(after.nextCursor).toBeNull()
  })

  it('lists only the topics the principal may describe, and no cursor names another', async () => {
    // Two partitions fill the page: the next topic by name is one the principal may not see.
    expect(await pages(connection, [], 2)).toEqual([
      { partitions: ['acl-open-0', 'acl-open-1'], nextCursor: null }
    ])
    expect(await pages(connection, [], 1)).toEqual([
      { partitions: ['acl-open-0'], nextCursor: { topicName: 'acl-open', partitionIndex: 1 } },
      { partitions: ['acl-open-1'], nextCursor: null }
    ])
    await allow({ resourceType: 'TOPIC', resourceName: 'acl-secret', operation: 'READ' })
    expect(await pages(connection, [], 2)).toEqual([
      {
        partitions: ['acl-open-0', 'acl-open-1'],
        nextCursor: { topicName: 'acl-secret', partitionIndex: 0 }
      },
      { partitions: ['acl-secret-0', 'acl-secret-1'], nextCursor: null }
    ])
  })
})
