// ShareGroupHeartbeat and ShareGroupDescribe (KIP-932) over the wire: encoded at version 1 as
// librdkafka 2.15 sends them, answered by the group's coordinator with topic ids; ApiVersions,
// the share.version feature, ListGroups' share type, DescribeGroups, DeleteGroups and ACLs.
import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { Authorizer } from '../../../src/engine/security/authorizer'
import { UpgradeType } from '../../../src/engine/cluster/features'
import type { Engine } from '../../../src/engine/engine'
import type { RequestContext } from '../../../src/engine/kafka/request-context'
import { coordinatorId, groupOn, openEngine, otherBroker, send } from './helpers'

const A = '0f7d3c9e-8d8a-4c43-9a4e-1b1b1b1b0001'
const B = '0f7d3c9e-8d8a-4c43-9a4e-1b1b1b1b0002'

function engineWithOrders(): Engine {
  const engine = openEngine()
  engine.createTopic({ name: 'orders', partitions: 3, replicationFactor: 1 })
  return engine
}

function heartbeat(
  engine: Engine,
  groupId: string,
  memberId: string,
  memberEpoch: number,
  subscribedTopicNames: string[] | null = ['orders'],
  extra: Partial<RequestContext> = {},
  brokerId = coordinatorId(engine, groupId)
) {
  return send(
    engine,
    brokerId,
    ApiKey.ShareGroupHeartbeat,
    1,
    { groupId, memberId, memberEpoch, rackId: null, subscribedTopicNames },
    'share-client',
    extra
  )
}

describe('ShareGroupHeartbeat v1', () => {
  it('joins a member under its own id and assigns partitions by topic id', async () => {
    const engine = engineWithOrders()
    const r = await heartbeat(engine, 'queue', A, 0)
    expect(r).toMatchObject({
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      memberId: A,
      memberEpoch: 1,
      heartbeatIntervalMs: 5000
    })
    const orders = engine.topic('orders')!
    expect(r.assignment).toEqual({
      topicPartitions: [{ topicId: orders.uuid, partitions: [0, 1, 2] }]
    })
    const second = await heartbeat(engine, 'queue', B, 0)
    expect(second.memberEpoch).toBe(2)
    const again = await heartbeat(engine, 'queue', A, 1, null)
    expect(again.memberEpoch).toBe(2)
    const mine = again.assignment!.topicPartitions[0].partitions
    const theirs = second.assignment!.topicPartitions[0].partitions
    expect([...mine, ...theirs].sort()).toEqual([0, 1, 2])
  })

  it('answers NOT_COORDINATOR on a broker that does not coordinate the group', async () => {
    const engine = engineWithOrders()
    const r = await heartbeat(engine, 'queue', A, 0, ['orders'], {}, otherBroker(engine, 'queue'))
    expect(r).toMatchObject({ errorCode: ErrorCode.NOT_COORDINATOR, memberId: null })
  })

  it('answers UNSUPPORTED_VERSION with share.version at 0, as Kafka does', async () => {
    const engine = engineWithOrders()
    engine.updateFeatures([
      { feature: 'share.version', level: 0, upgradeType: UpgradeType.SAFE_DOWNGRADE }
    ])
    const r = await heartbeat(engine, 'queue', A, 0)
    expect(r.errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION)
    expect(r.errorMessage).toContain('share.version')
    const d = await send(engine, coordinatorId(engine, 'queue'), ApiKey.ShareGroupDescribe, 1, {
      groupIds: ['queue'],
      includeAuthorizedOperations: false
    })
    expect(d.groups[0].errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION)
  })

  it('serves share groups with share.version 0 when the rebalance protocols list share', async () => {
    const engine = openEngine({
      brokerConfigs: { 'group.coordinator.rebalance.protocols': 'classic,consumer,share' }
    })
    engine.createTopic({ name: 'orders', partitions: 1, replicationFactor: 1 })
    engine.updateFeatures([
      { feature: 'share.version', level: 0, upgradeType: UpgradeType.SAFE_DOWNGRADE }
    ])
    expect((await heartbeat(engine, 'queue', A, 0)).errorCode).toBe(ErrorCode.NONE)
  })

  it('advertises both APIs at version 1 and the share.version feature', async () => {
    const engine = engineWithOrders()
    const r = await send(engine, 0, ApiKey.ApiVersions, 4, {
      clientSoftwareName: 'unit',
      clientSoftwareVersion: '1'
    })
    expect(r.apiKeys).toEqual(
      expect.arrayContaining([
        { apiKey: 76, minVersion: 1, maxVersion: 1 },
        { apiKey: 77, minVersion: 1, maxVersion: 1 }
      ])
    )
    expect(r.supportedFeatures).toEqual(
      expect.arrayContaining([{ name: 'share.version', minVersion: 0, maxVersion: 1 }])
    )
    expect(r.finalizedFeatures).toEqual(
      expect.arrayContaining([{ name: 'share.version', minVersionLevel: 1, maxVersionLevel: 1 }])
    )
  })
})

describe('ShareGroupDescribe v1 and the group admin APIs', () => {
  it('describes members, epochs and assignments with topic names and ids', async () => {
    const engine = engineWithOrders()
    await heartbeat(engine, 'queue', A, 0)
    const nothing = groupOn(engine, coordinatorId(engine, 'queue'), 'nothing')
    const r = await send(engine, coordinatorId(engine, 'queue'), ApiKey.ShareGroupDescribe, 1, {
      groupIds: ['queue', nothing],
      includeAuthorizedOperations: true
    })
    const orders = engine.topic('orders')!
    expect(r.groups[0]).toMatchObject({
      errorCode: 0,
      groupId: 'queue',
      groupState: 'Stable',
      groupEpoch: 1,
      assignmentEpoch: 1,
      assignorName: 'simple',
      members: [
        {
          memberId: A,
          memberEpoch: 1,
          clientId: 'share-client',
          clientHost: '127.0.0.1',
          subscribedTopicNames: ['orders'],
          assignment: {
            topicPartitions: [{ topicId: orders.uuid, topicName: 'orders', partitions: [0, 1, 2] }]
          }
        }
      ]
    })
    expect(r.groups[0].authorizedOperations).toBeGreaterThan(0)
    expect(r.groups[1]).toMatchObject({
      errorCode: ErrorCode.GROUP_ID_NOT_FOUND,
      errorMessage: `Group ${nothing} not found.`
    })
  })

  it('lists share groups with their type, describes them as Dead to DescribeGroups, deletes them when empty', async () => {
    const engine = engineWithOrders()
    const coordinator = coordinatorId(engine, 'queue')
    await heartbeat(engine, 'queue', A, 0)
    const listed = await send(engine, coordinator, ApiKey.ListGroups, 5, {
      statesFilter: [],
      typesFilter: ['share']
    })
    expect(listed.groups).toEqual([
      { groupId: 'queue', protocolType: 'share', groupState: 'Stable', groupType: 'share' }
    ])
    const consumersOnly = await send(engine, coordinator, ApiKey.ListGroups, 5, {
      statesFilter: [],
      typesFilter: ['consumer']
    })
    expect(consumersOnly.groups).toEqual([])
    const described = await send(engine, coordinator, ApiKey.DescribeGroups, 5, {
      groups: ['queue'],
      includeAuthorizedOperations: false
    })
    expect(described.groups[0]).toMatchObject({ errorCode: 0, groupState: 'Dead', members: [] })
    const busy = await send(engine, coordinator, ApiKey.DeleteGroups, 2, { groupsNames: ['queue'] })
    expect(busy.results[0].errorCode).toBe(ErrorCode.NON_EMPTY_GROUP)
    expect((await heartbeat(engine, 'queue', A, -1, null)).memberEpoch).toBe(-1)
    const deleted = await send(engine, coordinator, ApiKey.DeleteGroups, 2, {
      groupsNames: ['queue']
    })
    expect(deleted.results[0].errorCode).toBe(ErrorCode.NONE)
    const after = await send(engine, coordinator, ApiKey.ListGroups, 5, {
      statesFilter: [],
      typesFilter: []
    })
    expect(after.groups).toEqual([])
  })

  it('needs READ on the group and DESCRIBE on the subscribed topics', async () => {
    const engine = engineWithOrders()
    engine.createTopic({ name: 'secret', partitions: 1, replicationFactor: 1 })
    engine.addAcls(
      [
        ['GROUP', 'queue', 'READ'],
        ['TOPIC', 'orders', 'DESCRIBE']
      ].map(([resourceType, resourceName, operation]) => ({
        resourceType: resourceType as 'GROUP' | 'TOPIC',
        resourceName,
        patternType: 'LITERAL' as const,
        principal: 'User:bob',
        host: '*',
        operation: operation as 'READ' | 'DESCRIBE',
        permission: 'ALLOW' as const
      }))
    )
    const authorizer = new Authorizer(engine, {
      superUsers: [],
      allowEveryoneIfNoAclFound: false
    })
    const bob = { authorizer, user: 'bob' }
    expect((await heartbeat(engine, 'queue', A, 0, ['orders'], bob)).errorCode).toBe(ErrorCode.NONE)
    expect((await heartbeat(engine, 'queue', B, 0, ['orders', 'secret'], bob)).errorCode).toBe(
      ErrorCode.TOPIC_AUTHORIZATION_FAILED
    )
    expect((await heartbeat(engine, 'other', A, 0, ['orders'], bob)).errorCode).toBe(
      ErrorCode.GROUP_AUTHORIZATION_FAILED
    )
    // READ on a group implies DESCRIBE, as in Kafka: bob may describe queue but not other.
    const describe = (groupId: string) =>
      send(
        engine,
        coordinatorId(engine, groupId),
        ApiKey.ShareGroupDescribe,
        1,
        { groupIds: [groupId], includeAuthorizedOperations: false },
        'unit',
        bob
      )
    expect((await describe('queue')).groups[0].errorCode).toBe(ErrorCode.NONE)
    // A group using a topic bob may not DESCRIBE is not described to him.
    await heartbeat(engine, 'queue', B, 0, ['orders', 'secret'])
    expect((await describe('queue')).groups[0]).toMatchObject({
      errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
      errorMessage:
        'The described group uses topics that the client is not authorized to describe.',
      members: []
    })
    expect((await describe('other')).groups[0].errorCode).toBe(ErrorCode.GROUP_AUTHORIZATION_FAILED)
  })
})
