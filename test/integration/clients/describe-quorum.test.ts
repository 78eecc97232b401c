// DescribeQuorum (kafka-metadata-quorum describe) with @platformatic/kafka's describeQuorumV0-2:
// the controller leads the __cluster_metadata quorum, every broker is a voter caught up with it
// and v2 names their listeners; each metadata change takes an offset; stopping the controller
// elects the next broker in a new epoch, consistent with Metadata and DescribeCluster, and the
// stopped voter is unknown to the new leader; a restart is a new epoch too; another partition is
// UNKNOWN_TOPIC_OR_PARTITION; under ACLs it takes DESCRIBE on the cluster.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  apiVersionsV4,
  Connection,
  describeClusterV1,
  describeQuorumV0,
  describeQuorumV1,
  describeQuorumV2,
  metadataV12
} from '@platformatic/kafka'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { ZERO_UUID } from '../../../src/shared/kafka/protocol-constants'
import { startTestCluster, type TestCluster } from '../../support/cluster'

type Response = Awaited<ReturnType<typeof describeQuorumV2.api.async>>
const METADATA = [{ topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }] }]

async function connect(cluster: TestCluster, broker = 0): Promise<Connection> {
  const connection = new Connection(`it-quorum-${broker}`)
  const { host, port } = cluster.listeners[broker]
  await connection.connect(host, port)
  return connection
}

/** An answer with errors in it is returned all the same. */
function quorum(
  connection: Connection,
  topics = METADATA,
  api: typeof describeQuorumV2 = describeQuorumV2
): Promise<Response> {
  return api.api.async(connection, topics).catch((err: { response?: Response }) => {
    if (!err.response) throw err
    return err.response
  })
}

const partitionOf = (r: Response) => r.topics[0].partitions[0]

describe('DescribeQuorum', () => {
  let cluster: TestCluster
  let connection: Connection

  beforeAll(async () => {
    cluster = await startTestCluster({ brokers: 3 })
    connection = await connect(cluster, 2)
  })
  afterAll(async () => {
    await connection?.close()
    await cluster?.close()
  })

  it('is advertised in ApiVersions, v0 to v2', async () => {
    const r = await apiVersionsV4.api.async(connection, 'it', '1.0.0')
    expect(r.apiKeys.find((k) => k.apiKey === 55)).toMatchObject({ minVersion: 0, maxVersion: 2 })
  })

  it('answers as a KRaft cluster in combined mode: the controller leads, every broker votes', async () => {
    const r = await quorum(connection)
    expect(r.errorCode).toBe(ErrorCode.NONE)
    expect(r.topics.map((t) => t.topicName)).toEqual(['__cluster_metadata'])
    const p = partitionOf(r)
    expect(p.errorCode).toBe(ErrorCode.NONE)
    expect(p.leaderId).toBe(0)
    expect(p.leaderEpoch).toBeGreaterThanOrEqual(1)
    expect(p.highWatermark).toBeGreaterThan(0n)
    expect(p.currentVoters.map((v) => v.replicaId)).toEqual([0, 1, 2])
    expect(p.observers).toEqual([])
    for (const v of p.currentVoters) {
      expect(v.logEndOffset).toBe(p.highWatermark)
      expect(v.replicaDirectoryId).toBe(ZERO_UUID)
      expect(v.lastFetchTimestamp).toBeGreaterThan(0n)
      expect(v.lastCaughtUpTimestamp).toBe(v.lastFetchTimestamp)
    }
    expect(r.nodes).toEqual(
      cluster.listeners.map((l) => ({
        nodeId: l.brokerId,
        listeners: [{ name: 'PLAINTEXT', host: l.host, port: l.port }]
      }))
    )
    // v0 and v1 carry the same quorum, without what later versions added.
    const v0 = partitionOf(await quorum(connection, METADATA, describeQuorumV0))
    expect([v0.leaderId, v0.currentVoters.length]).toEqual([0, 3])
    const v1 = partitionOf(await quorum(connection, METADATA, describeQuorumV1))
    expect(v1.currentVoters[1].lastFetchTimestamp).toBeGreaterThan(0n)
  })

  it('takes one offset of the metadata log per metadata change', async () => {
    const before = partitionOf(await quorum(connection)).highWatermark
    cluster.engine.createTopic({ name: 'quorum-a', partitions: 1, replicationFactor: 1 })
    cluster.engine.createTopic({ name: 'quorum-b', partitions: 1, replicationFactor: 1 })
    expect(partitionOf(await quorum(connection)).highWatermark).toBe(before + 2n)
  })

  it('elects the next broker when the controller stops, as Metadata and DescribeCluster say', async () => {
    const before = partitionOf(await quorum(connection))
    cluster.engine.stopBroker(0)
    try {
      const p = partitionOf(await quorum(connection))
      const md = await metadataV12.api.async(connection, [])
      const dc = await describeClusterV1.api.async(connection, false, 1)
      expect([p.leaderId, md.controllerId, dc.controllerId]).toEqual([1, 1, 1])
      expect(p.leaderEpoch).toBe(before.leaderEpoch + 1)
      // The stop, its elections and the leader change each took an offset.
      expect(p.highWatermark).toBeGreaterThan(before.highWatermark + 1n)
      // The new leader has not heard from the stopped voter.
      const stopped = p.currentVoters.find((v) => v.replicaId === 0)!
      expect([stopped.logEndOffset, stopped.lastFetchTimestamp]).toEqual([-1n, -1n])
      for (const id of [1, 2])
        expect(p.currentVoters.find((v) => v.replicaId === id)!.logEndOffset).toBe(p.highWatermark)
      // A follower that stops keeps what it had, lagging behind from then on.
      cluster.engine.stopBroker(2)
      const later = partitionOf(await quorum(await connect(cluster, 1)))
      const two = later.currentVoters.find((v) => v.replicaId === 2)!
      expect(two.logEndOffset).toBeGreaterThanOrEqual(p.highWatermark)
      expect(two.logEndOffset).toBeLessThan(later.highWatermark)
      expect(two.lastFetchTimestamp).toBeGreaterThan(0n)
      expect(later.leaderEpoch).toBe(p.leaderEpoch)
    } finally {
      cluster.engine.startBroker(2)
      cluster.engine.startBroker(0)
    }
    const back = partitionOf(await quorum(await connect(cluster, 0)))
    expect(back.leaderId).toBe(0)
    expect(back.leaderEpoch).toBe(before.leaderEpoch + 2)
  })

  it('refuses another topic or partition with UNKNOWN_TOPIC_OR_PARTITION', async () => {
    // Broker 2 was stopped above, closing its connections.
    await connection.close()
    connection = await connect(cluster, 1)
    const r = await quorum(connection, [
      { topicName: '__cluster_metadata', partitions: [{ partitionIndex: 1 }] }
    ])
    expect(r.topics).toMatchObject([
      {
        topicName: '__cluster_metadata',
        partitions: [{ partitionIndex: 1, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION }]
      }
    ])
    const other = await quorum(connection, [
      { topicName: 'quorum-a', partitions: [{ partitionIndex: 0 }] }
    ])
    expect(partitionOf(other).errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
  })
})

describe('DescribeQuorum across restarts and under ACLs', () => {
  it('keeps the metadata log end offset across a restart, in a new epoch', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'logdeck-quorum-'))
    try {
      let cluster = await startTestCluster({ brokers: 1, dataDir })
      let connection = await connect(cluster)
      cluster.engine.createTopic({ name: 'kept', partitions: 1, replicationFactor: 1 })
      const before = partitionOf(await quorum(connection))
      await connection.close()
      await cluster.close()
      cluster = await startTestCluster({ brokers: 1, dataDir })
      connection = await connect(cluster)
      const after = partitionOf(await quorum(connection))
      await connection.close()
      await cluster.close()
      expect(after.leaderEpoch).toBe(before.leaderEpoch + 1)
      // The election took one offset.
      expect(after.highWatermark).toBe(before.highWatermark + 1n)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('takes DESCRIBE on the cluster', async () => {
    const cluster = await startTestCluster({ brokers: 1, authorizer: {} })
    const connection = await connect(cluster)
    try {
      const refused = await quorum(connection)
      expect(refused.errorCode).toBe(ErrorCode.CLUSTER_AUTHORIZATION_FAILED)
      await cluster.service.call('acls.create', {
        acls: [
          {
            resourceType: 'CLUSTER',
            resourceName: 'kafka-cluster',
            operation: 'DESCRIBE',
            principal: 'User:ANONYMOUS',
            permission: 'ALLOW'
          }
        ]
      })
      expect(partitionOf(await quorum(connection)).leaderId).toBe(0)
    } finally {
      await connection.close()
      await cluster.close()
    }
  })
})
