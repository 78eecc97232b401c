// AlterReplicaLogDirs with @platformatic/kafka's alterReplicaLogDirsV0-2: each broker has one log
// directory, the one DescribeLogDirs names; moving a replica to it succeeds and changes nothing,
// another directory is LOG_DIR_NOT_FOUND, an unknown topic or partition
// UNKNOWN_TOPIC_OR_PARTITION, a partition without a replica on the broker asked
// REPLICA_NOT_AVAILABLE; under ACLs it takes ALTER on the cluster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  alterReplicaLogDirsV0,
  alterReplicaLogDirsV1,
  alterReplicaLogDirsV2,
  apiVersionsV4,
  Connection,
  describeLogDirsV4
} from '@platformatic/kafka'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { startTestCluster, type TestCluster } from '../../support/cluster'

type Dirs = Parameters<typeof alterReplicaLogDirsV2.api.async>[1]
type Response = Awaited<ReturnType<typeof alterReplicaLogDirsV2.api.async>>

async function connect(cluster: TestCluster, broker = 0): Promise<Connection> {
  const connection = new Connection(`it-alter-dirs-${broker}`)
  const { host, port } = cluster.listeners[broker]
  await connection.connect(host, port)
  return connection
}

/** An answer with errors in it is returned all the same. */
function alter(
  connection: Connection,
  dirs: Dirs,
  api: typeof alterReplicaLogDirsV2 = alterReplicaLogDirsV2
): Promise<Response> {
  return api.api.async(connection, dirs).catch((err: { response?: Response }) => {
    if (!err.response) throw err
    return err.response
  })
}

const errors = (r: Response) =>
  r.results.flatMap((t) =>
    t.partitions.map((p) => [`${t.topicName}-${p.partitionIndex}`, p.errorCode])
  )

describe('AlterReplicaLogDirs', () => {
  let cluster: TestCluster
  let connection: Connection
  let logDir: string

  beforeAll(async () => {
    cluster = await startTestCluster({ brokers: 3 })
    // Partition 0 on brokers 0 and 1, partition 1 on brokers 1 and 2.
    cluster.engine.createTopic({
      name: 'dirs',
      partitions: 2,
      replicationFactor: 2,
      assignment: [
        [0, 1],
        [1, 2]
      ]
    })
    connection = await connect(cluster)
    const described = await describeLogDirsV4.api.async(connection, null)
    logDir = described.results[0].logDir
  })
  afterAll(async () => {
    await connection?.close()
    await cluster?.close()
  })

  it('is advertised in ApiVersions, v0 to v2', async () => {
    const r = await apiVersionsV4.api.async(connection, 'it', '1.0.0')
    expect(r.apiKeys.find((k) => k.apiKey === 34)).toMatchObject({ minVersion: 0, maxVersion: 2 })
  })

  it('moves a replica to the directory it is in, and answers each partition as Kafka does', async () => {
    for (const api of [alterReplicaLogDirsV0, alterReplicaLogDirsV1, alterReplicaLogDirsV2]) {
      const r = await alter(
        connection,
        [
          {
            path: logDir,
            topics: [
              { name: 'dirs', partitions: [0, 1, 7] },
              { name: 'nope', partitions: [0] }
            ]
          },
          { path: '/no/such/dir', topics: [{ name: 'dirs-other', partitions: [0] }] }
        ],
        api
      )
      expect(errors(r)).toEqual([
        ['dirs-0', ErrorCode.NONE],
        // Broker 0 holds no replica of partition 1.
        ['dirs-1', ErrorCode.REPLICA_NOT_AVAILABLE],
        ['dirs-7', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
        ['nope-0', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
        // The directory is checked first.
        ['dirs-other-0', ErrorCode.LOG_DIR_NOT_FOUND]
      ])
    }
    // Broker 2 holds partition 1.
    const two = await connect(cluster, 2)
    try {
      const r = await alter(two, [{ path: logDir, topics: [{ name: 'dirs', partitions: [0, 1] }] }])
      expect(errors(r)).toEqual([
        ['dirs-0', ErrorCode.REPLICA_NOT_AVAILABLE],
        ['dirs-1', ErrorCode.NONE]
      ])
    } finally {
      await two.close()
    }
  })

  it('refuses a topic name too long for a future log directory', async () => {
    const name = 'x'.repeat(240)
    const r = await alter(connection, [{ path: logDir, topics: [{ name, partitions: [0] }] }])
    expect(errors(r)).toEqual([[`${name}-0`, ErrorCode.INVALID_TOPIC_EXCEPTION]])
  })
})

describe('AlterReplicaLogDirs under ACLs', () => {
  it('takes ALTER on the cluster', async () => {
    const cluster = await startTestCluster({ brokers: 1, authorizer: {} })
    cluster.engine.createTopic({ name: 'acl-dirs', partitions: 1, replicationFactor: 1 })
    const connection = await connect(cluster)
    try {
      const dirs = [{ path: ':memory:', topics: [{ name: 'acl-dirs', partitions: [0] }] }]
      expect(errors(await alter(connection, dirs))).toEqual([
        ['acl-dirs-0', ErrorCode.CLUSTER_AUTHORIZATION_FAILED]
      ])
      await cluster.service.call('acls.create', {
        acls: [
          {
            resourceType: 'CLUSTER',
            resourceName: 'kafka-cluster',
            operation: 'ALTER',
            principal: 'User:ANONYMOUS',
            permission: 'ALLOW'
          }
        ]
      })
      expect(errors(await alter(connection, dirs))).toEqual([['acl-dirs-0', ErrorCode.NONE]])
    } finally {
      await connection.close()
      await cluster.close()
    }
  })
})
