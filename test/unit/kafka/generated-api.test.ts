// Requests the console sends to real clusters through @platformatic/kafka's connections with the
// project's generated codecs (src/engine/service/external/generated-api.ts): a flexible version
// (tagged fields in both headers, nested structs, uuids, nullable strings) and a non-flexible one
// go out framed by the library and come back decoded, against an embedded cluster on loopback.
import { Connection } from '@platformatic/kafka'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { generatedApi } from '../../../src/engine/service/external/generated-api'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { coordinatorId, groupOn } from '../kafka-handlers/helpers'

let cluster: TestCluster
const connections: Connection[] = []

beforeAll(async () => {
  cluster = await startTestCluster({ brokers: 3 })
  await cluster.service.call('topics.create', {
    name: 'orders',
    partitions: 3,
    replicationFactor: 3
  })
})
afterAll(async () => {
  for (const c of connections) await c.close()
  await cluster?.close()
})

async function connectTo(brokerId: number): Promise<Connection> {
  const listener = cluster.listeners.find((l) => l.brokerId === brokerId)!
  const connection = new Connection('generated-api-test')
  await connection.connect(listener.host, listener.port)
  connections.push(connection)
  return connection
}

describe('generated codecs over the client library connections', () => {
  it('sends ShareGroupHeartbeat and ShareGroupDescribe v1 (flexible) and reads nested answers', async () => {
    const groupId = 'bridge-queue'
    const connection = await connectTo(coordinatorId(cluster.engine, groupId))
    const heartbeat = generatedApi(ApiKey.ShareGroupHeartbeat, 1)
    const joined = await heartbeat.async(connection, {
      groupId,
      memberId: 'member-a-0000000000000',
      memberEpoch: 0,
      rackId: null,
      subscribedTopicNames: ['orders']
    })
    expect(joined.errorCode).toBe(ErrorCode.NONE)
    expect(joined.memberEpoch).toBeGreaterThan(0)

    const describeGroups = generatedApi(ApiKey.ShareGroupDescribe, 1)
    // An unknown group the same broker coordinates: another one's would be NOT_COORDINATOR.
    const unknownId = groupOn(
      cluster.engine,
      coordinatorId(cluster.engine, groupId),
      'no-such-group'
    )
    const answer = await describeGroups.async(connection, {
      groupIds: [groupId, unknownId],
      includeAuthorizedOperations: false
    })
    const [described, unknown] = answer.groups
    expect(described).toMatchObject({ errorCode: ErrorCode.NONE, groupId, errorMessage: null })
    expect(described.members.map((m) => m.memberId)).toEqual(['member-a-0000000000000'])
    const [assigned] = described.members[0].assignment.topicPartitions
    expect(assigned.topicName).toBe('orders')
    expect(assigned.topicId).toBe(cluster.engine.topic('orders')!.uuid)
    expect([...assigned.partitions].sort()).toEqual([0, 1, 2])
    expect(unknown.errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND)
    expect(unknown.groupId).toBe(unknownId)
  })

  it('sends ElectLeaders at a non-flexible version (v1) and at a flexible one (v2)', async () => {
    const controller = await connectTo(cluster.engine.controllerId)
    const request = {
      electionType: 0,
      topicPartitions: [{ topic: 'orders', partitions: [0, 1, 2] }],
      timeoutMs: 10_000
    }
    for (const version of [1, 2]) {
      const answer = await generatedApi(ApiKey.ElectLeaders, version).async(controller, request)
      expect(answer.errorCode).toBe(ErrorCode.NONE)
      const [topic] = answer.replicaElectionResults
      expect(topic.topic).toBe('orders')
      // Every partition's leader already is its preferred replica on a fresh cluster.
      expect(topic.partitionResult.map((p) => [p.partitionId, p.errorCode])).toEqual([
        [0, ErrorCode.ELECTION_NOT_NEEDED],
        [1, ErrorCode.ELECTION_NOT_NEEDED],
        [2, ErrorCode.ELECTION_NOT_NEEDED]
      ])
    }
  })

  it('refuses a version the project has no codec for', () => {
    expect(() => generatedApi(ApiKey.ElectLeaders, 9)).toThrow(/no generated codec/)
  })
})
