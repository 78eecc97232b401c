// The authorization rules in front of the handlers: each API refuses what Kafka refuses, with
// the error Kafka gives and where it puts it, and hands the handler the rest.
import { describe, expect, it } from 'vitest'
import type { AclBinding } from '../../../src/shared/api/acls'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { ApiKey, API_TABLE } from '../../../src/engine/kafka/protocol'
import { authorizationRules } from '../../../src/engine/kafka/authorization/rules'
import { Authorizer } from '../../../src/engine/security/authorizer'
import { FetchSessionCache } from '../../../src/engine/kafka/fetch-sessions'
import type { RequestContext } from '../../../src/engine/kafka/request-context'
import { coordinatorId, txnCoordinatorId, openEngine, send } from './helpers'

const TOPIC_DENIED = ErrorCode.TOPIC_AUTHORIZATION_FAILED
const GROUP_DENIED = ErrorCode.GROUP_AUTHORIZATION_FAILED
const CLUSTER_DENIED = ErrorCode.CLUSTER_AUTHORIZATION_FAILED
const TXN_DENIED = ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED

function allow(
  resourceType: AclBinding['resourceType'],
  resourceName: string,
  operation: AclBinding['operation'],
  more: Partial<AclBinding> = {}
): AclBinding {
  return {
    resourceType,
    resourceName,
    patternType: 'LITERAL',
    principal: 'User:bob',
    host: '*',
    operation,
    permission: 'ALLOW',
    ...more
  }
}

/** An engine with topics `orders` (2 partitions) and `secret`, and bob's context. */
function setup(acls: AclBinding[] = []) {
  const engine = openEngine({ brokers: 1 })
  engine.createTopic({ name: 'orders', partitions: 2, replicationFactor: 1 })
  engine.createTopic({ name: 'secret', partitions: 1, replicationFactor: 1 })
  engine.addAcls(acls)
  const authorizer = new Authorizer(engine, {
    superUsers: ['User:admin'],
    allowEveryoneIfNoAclFound: false
  })
  const as = (user: string | null): Partial<RequestContext> => ({
    authorizer,
    user
  })
  return { engine, bob: as('bob'), admin: as('admin'), anonymous: as(null) }
}

/** No records: the allowed partition's answer is the log's, anything but an authorization error. */
const record = () => Buffer.alloc(0)

describe('authorization rules', () => {
  it('cover every served API', () => {
    for (const api of API_TABLE)
      expect((authorizationRules as Record<number, unknown>)[api.apiKey], api.name).toBeTypeOf(
        'function'
      )
  })

  it('Produce with acks=0: a refused topic closes the connection instead of an answer', async () => {
    const { engine, bob } = setup([allow('TOPIC', 'orders', 'WRITE')])
    const closes: string[] = []
    const produce = (topic: string) =>
      send(
        engine,
        0,
        ApiKey.Produce,
        9,
        {
          transactionalId: null,
          acks: 0,
          timeoutMs: 1000,
          topicData: [{ name: topic, partitionData: [{ index: 0, records: record() }] }]
        },
        'unit-client',
        { ...bob, closeAfterResponse: (why) => closes.push(why) }
      )
    await expect(produce('secret')).rejects.toThrow('no response')
    expect(closes).toEqual([expect.stringContaining('TOPIC_AUTHORIZATION_FAILED on secret')])
  })

  it('Produce: WRITE per topic; a transactional id without WRITE refuses every partition', async () => {
    const { engine, bob } = setup([allow('TOPIC', 'orders', 'WRITE')])
    const produce = (transactionalId: string | null) =>
      send(
        engine,
        0,
        ApiKey.Produce,
        9,
        {
          transactionalId,
          acks: 1,
          timeoutMs: 1000,
          topicData: [
            { name: 'orders', partitionData: [{ index: 0, records: record() }] },
            { name: 'secret', partitionData: [{ index: 0, records: record() }] }
          ]
        },
        'unit',
        bob
      )
    const r = await produce(null)
    const byTopic = Object.fromEntries(r.responses.map((t) => [t.name, t.partitionResponses[0]]))
    expect(byTopic.secret.errorCode).toBe(TOPIC_DENIED)
    expect(byTopic.orders.errorCode).not.toBe(TOPIC_DENIED)
    const txn = await produce('tx-1')
    expect(txn.responses.flatMap((t) => t.partitionResponses.map((p) => p.errorCode))).toEqual([
      TXN_DENIED,
      TXN_DENIED
    ])
  })

  it('Fetch: READ per topic, refused partitions answered at once', async () => {
    const { engine, bob } = setup([allow('TOPIC', 'orders', 'READ')])
    const r = await send(
      engine,
      0,
      ApiKey.Fetch,
      11,
      {
        replicaId: -1,
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: 1 << 20,
        topics: [
          {
            topic: 'orders',
            partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }]
          },
          {
            topic: 'secret',
            partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }]
          }
        ]
      },
      'unit',
      bob
    )
    const codes = Object.fromEntries(r.responses.map((t) => [t.topic, t.partitions[0].errorCode]))
    expect(codes).toEqual({ orders: ErrorCode.NONE, secret: TOPIC_DENIED })
  })

  it("Fetch: a session's partitions are checked on each fetch, and refused ones stay in it", async () => {
    const { engine, bob } = setup([
      allow('TOPIC', 'orders', 'READ'),
      allow('TOPIC', 'secret', 'READ')
    ])
    const sessions = new FetchSessionCache(10)
    const partition = (topic: string) => ({
      topic,
      partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }]
    })
    const fetch = (sessionId: number, sessionEpoch: number, topics: string[]) =>
      send(
        engine,
        0,
        ApiKey.Fetch,
        12,
        {
          replicaId: -1,
          maxWaitMs: 0,
          minBytes: 0,
          maxBytes: 1 << 20,
          sessionId,
          sessionEpoch,
          topics: topics.map(partition)
        },
        'unit',
        { ...bob, fetchSessions: sessions }
      )
    const codes = (r: Awaited<ReturnType<typeof fetch>>) =>
      Object.fromEntries(r.responses.map((t) => [t.topic, t.partitions[0].errorCode]))

    const full = await fetch(0, 0, ['orders', 'secret'])
    expect(codes(full)).toEqual({ orders: ErrorCode.NONE, secret: ErrorCode.NONE })
    const id = full.sessionId
    engine.removeAcls({ resourceType: 'TOPIC', resourceName: 'secret' })
    // Incremental fetches naming nothing: the session's secret-0 is refused each time, orders-0
    // has no news, and the session goes on.
    for (const epoch of [1, 2]) {
      const r = await fetch(id, epoch, [])
      expect(r.errorCode).toBe(ErrorCode.NONE)
      expect(r.sessionId).toBe(id)
      expect(codes(r)).toEqual({ secret: TOPIC_DENIED })
    }
    engine.addAcls([allow('TOPIC', 'secret', 'READ')])
    const granted = await fetch(id, 3, [])
    expect(granted.sessionId).toBe(id)
    expect(codes(granted)).toEqual({ secret: ErrorCode.NONE })
    // A full fetch with a refused topic opens a session holding it too, as Kafka's does.
    engine.removeAcls({ resourceType: 'TOPIC', resourceName: 'secret' })
    const refusedFull = await fetch(0, 0, ['orders', 'secret'])
    expect(codes(refusedFull)).toEqual({ orders: ErrorCode.NONE, secret: TOPIC_DENIED })
    expect(sessions.get(refusedFull.sessionId)?.partitions.size).toBe(2)
  })

  it('Metadata: all topics hides the undescribable, named ones are refused, auto-creation needs CREATE', async () => {
    const { engine, bob } = setup([
      allow('TOPIC', 'orders', 'READ'),
      allow('TOPIC', 'new-', 'DESCRIBE', { patternType: 'PREFIXED' }),
      allow('TOPIC', 'new-allowed', 'CREATE')
    ])
    const all = await send(engine, 0, ApiKey.Metadata, 12, { topics: null }, 'unit', bob)
    expect(all.topics.map((t) => t.name)).toEqual(['orders'])
    const v0 = await send(engine, 0, ApiKey.Metadata, 0, { topics: [] }, 'unit', bob)
    expect(v0.topics.map((t) => t.name)).toEqual(['orders'])
    const named = await send(
      engine,
      0,
      ApiKey.Metadata,
      12,
      {
        topics: ['orders', 'secret', 'new-refused', 'new-allowed'].map((name) => ({ name })),
        allowAutoTopicCreation: true
      },
      'unit',
      bob
    )
    expect(Object.fromEntries(named.topics.map((t) => [t.name, t.errorCode]))).toEqual({
      orders: ErrorCode.NONE,
      secret: TOPIC_DENIED,
      'new-refused': TOPIC_DENIED,
      // Created, and listed from the next request on (as Kafka 4 answers).
      'new-allowed': ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
    })
    expect(engine.topic('new-refused')).toBeUndefined()
    expect(engine.topic('new-allowed')).toBeDefined()
    // Only the refused topic asked for at v0: the others are not listed with it.
    const v0Named = await send(
      engine,
      0,
      ApiKey.Metadata,
      0,
      { topics: [{ name: 'secret' }] },
      'unit',
      bob
    )
    expect(v0Named.topics.map((t) => [t.name, t.errorCode])).toEqual([['secret', TOPIC_DENIED]])
  })

  it('ListOffsets and DeleteRecords: DESCRIBE and DELETE per topic', async () => {
    const { engine, bob } = setup([allow('TOPIC', 'orders', 'WRITE')])
    const offsets = await send(
      engine,
      0,
      ApiKey.ListOffsets,
      7,
      {
        replicaId: -1,
        topics: [
          { name: 'orders', partitions: [{ partitionIndex: 0, timestamp: -1n }] },
          { name: 'secret', partitions: [{ partitionIndex: 0, timestamp: -1n }] }
        ]
      },
      'unit',
      bob
    )
    expect(offsets.topics.map((t) => [t.name, t.partitions[0].errorCode])).toEqual([
      ['orders', ErrorCode.NONE],
      ['secret', TOPIC_DENIED]
    ])
    const deleted = await send(
      engine,
      0,
      ApiKey.DeleteRecords,
      2,
      {
        topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, offset: 0n }] }],
        timeoutMs: 100
      },
      'unit',
      bob
    )
    expect(deleted.topics[0].partitions[0].errorCode).toBe(TOPIC_DENIED)
  })

  it('consumer-protocol groups: READ on the group and DESCRIBE on subscribed topics', async () => {
    const { engine, bob, admin } = setup([
      allow('GROUP', 'billing', 'READ'),
      allow('TOPIC', 'orders', 'DESCRIBE')
    ])
    const heartbeat = (groupId: string, topics: string[], as = bob, memberId = 'm1') =>
      send(
        engine,
        coordinatorId(engine, groupId),
        ApiKey.ConsumerGroupHeartbeat,
        1,
        {
          groupId,
          memberId,
          memberEpoch: 0,
          rebalanceTimeoutMs: 10_000,
          subscribedTopicNames: topics,
          topicPartitions: []
        },
        'unit',
        as
      )
    expect((await heartbeat('billing', ['orders'])).errorCode).toBe(ErrorCode.NONE)
    expect((await heartbeat('billing', ['orders', 'secret'])).errorCode).toBe(TOPIC_DENIED)
    expect((await heartbeat('audit', ['orders'])).errorCode).toBe(GROUP_DENIED)
    const described = await send(
      engine,
      coordinatorId(engine, 'billing'),
      ApiKey.ConsumerGroupDescribe,
      1,
      { groupIds: ['billing', 'audit'] },
      'unit',
      bob
    )
    // READ implies DESCRIBE, as in Kafka.
    expect(described.groups.map((g) => [g.groupId, g.errorCode])).toEqual([
      ['billing', ErrorCode.NONE],
      ['audit', GROUP_DENIED]
    ])
    // A member the super user added subscribes to a topic bob may not DESCRIBE: the group is
    // no longer described to him, as Kafka answers it.
    expect((await heartbeat('billing', ['orders', 'secret'], admin, 'm2')).errorCode).toBe(
      ErrorCode.NONE
    )
    const hidden = await send(
      engine,
      coordinatorId(engine, 'billing'),
      ApiKey.ConsumerGroupDescribe,
      1,
      { groupIds: ['billing'] },
      'unit',
      bob
    )
    expect(hidden.groups[0]).toMatchObject({
      errorCode: TOPIC_DENIED,
      errorMessage:
        'The described group uses topics that the client is not authorized to describe.',
      members: []
    })
    const shown = await send(
      engine,
      coordinatorId(engine, 'billing'),
      ApiKey.ConsumerGroupDescribe,
      1,
      { groupIds: ['billing'] },
      'unit',
      admin
    )
    expect(shown.groups[0].errorCode).toBe(ErrorCode.NONE)
    expect(shown.groups[0].members).toHaveLength(2)
  })

  it('share coordinators (FindCoordinator key type 2): CLUSTER_ACTION on the cluster', async () => {
    const { engine, bob, admin } = setup()
    const key = 'sg:AAAAAAAAAAAAAAAAAAAAAQ:0'
    const ask = (who: Partial<RequestContext>) =>
      send(
        engine,
        0,
        ApiKey.FindCoordinator,
        6,
        { keyType: 2, coordinatorKeys: [key] },
        'unit',
        who
      )
    expect((await ask(bob)).coordinators).toEqual([
      expect.objectContaining({
        key,
        errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
        nodeId: -1
      })
    ])
    expect(engine.topic('__share_group_state')).toBeUndefined()
    expect((await ask(admin)).coordinators[0]).toMatchObject({ key, errorCode: ErrorCode.NONE })
    engine.addAcls([allow('CLUSTER', 'kafka-cluster', 'CLUSTER_ACTION')])
    expect((await ask(bob)).coordinators[0]).toMatchObject({ key, errorCode: ErrorCode.NONE })
  })

  it('groups: READ to join and commit, DESCRIBE to find and fetch, listing filtered', async () => {
    const { engine, bob } = setup([
      allow('GROUP', 'billing', 'READ'),
      allow('TOPIC', 'orders', 'READ')
    ])
    const coordinator = coordinatorId(engine, 'billing')
    const find = await send(
      engine,
      0,
      ApiKey.FindCoordinator,
      4,
      { keyType: 0, coordinatorKeys: ['billing', 'audit'] },
      'unit',
      bob
    )
    expect(find.coordinators.map((c) => [c.key, c.errorCode])).toEqual([
      ['billing', ErrorCode.NONE],
      ['audit', GROUP_DENIED]
    ])
    const join = await send(
      engine,
      coordinator,
      ApiKey.JoinGroup,
      5,
      {
        groupId: 'audit',
        sessionTimeoutMs: 10_000,
        rebalanceTimeoutMs: 10_000,
        memberId: '',
        protocolType: 'consumer',
        protocols: []
      },
      'unit',
      bob
    )
    expect(join.errorCode).toBe(GROUP_DENIED)
    const commit = (groupId: string) =>
      send(
        engine,
        coordinator,
        ApiKey.OffsetCommit,
        8,
        {
          groupId,
          generationIdOrMemberEpoch: -1,
          memberId: '',
          topics: [
            { name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 0n }] },
            { name: 'secret', partitions: [{ partitionIndex: 0, committedOffset: 0n }] }
          ]
        },
        'unit',
        bob
      )
    expect((await commit('audit')).topics.map((t) => t.partitions[0].errorCode)).toEqual([
      GROUP_DENIED,
      GROUP_DENIED
    ])
    const ok = await commit('billing')
    expect(ok.topics.map((t) => [t.name, t.partitions[0].errorCode])).toEqual([
      ['orders', ErrorCode.NONE],
      ['secret', TOPIC_DENIED]
    ])
    const fetched = await send(
      engine,
      coordinator,
      ApiKey.OffsetFetch,
      8,
      {
        groups: [
          { groupId: 'billing', topics: null },
          { groupId: 'audit', topics: null }
        ]
      },
      'unit',
      bob
    )
    expect(fetched.groups.map((g) => [g.groupId, g.errorCode])).toEqual([
      ['billing', ErrorCode.NONE],
      ['audit', GROUP_DENIED]
    ])
    expect(fetched.groups[0].topics.map((t) => t.name)).toEqual(['orders'])
    const listed = await send(engine, coordinator, ApiKey.ListGroups, 4, {}, 'unit', bob)
    expect(listed.groups.map((g) => g.groupId)).toEqual(['billing'])
    const deleted = await send(
      engine,
      coordinator,
      ApiKey.DeleteGroups,
      2,
      { groupsNames: ['billing'] },
      'unit',
      bob
    )
    expect(deleted.results[0].errorCode).toBe(GROUP_DENIED)
  })

  it('admin APIs: CREATE, DELETE and ALTER on topics, configs and the cluster', async () => {
    const { engine, bob, admin } = setup([
      allow('TOPIC', 'bob-', 'CREATE', { patternType: 'PREFIXED' }),
      allow('TOPIC', 'orders', 'DESCRIBE_CONFIGS'),
      allow('GROUP', 'bobs-group', 'ALTER_CONFIGS')
    ])
    const created = await send(
      engine,
      0,
      ApiKey.CreateTopics,
      7,
      {
        topics: ['bob-1', 'other'].map((name) => ({
          name,
          numPartitions: 1,
          replicationFactor: 1,
          assignments: [],
          configs: []
        })),
        timeoutMs: 1000
      },
      'unit',
      bob
    )
    expect(created.topics.map((t) => [t.name, t.errorCode])).toEqual([
      ['bob-1', ErrorCode.NONE],
      ['other', TOPIC_DENIED]
    ])
    expect(engine.topic('other')).toBeUndefined()
    const deleted = await send(
      engine,
      0,
      ApiKey.DeleteTopics,
      5,
      { topicNames: ['orders'], timeoutMs: 100 },
      'unit',
      bob
    )
    expect(deleted.responses[0].errorCode).toBe(TOPIC_DENIED)
    expect(engine.topic('orders')).toBeDefined()
    const configs = await send(
      engine,
      0,
      ApiKey.DescribeConfigs,
      4,
      {
        resources: [
          { resourceType: 2, resourceName: 'orders', configurationKeys: null },
          { resourceType: 2, resourceName: 'secret', configurationKeys: null },
          { resourceType: 4, resourceName: '0', configurationKeys: null },
          // GROUP resources (KIP-848): ALTER_CONFIGS on the group implies DESCRIBE_CONFIGS.
          { resourceType: 32, resourceName: 'bobs-group', configurationKeys: null },
          { resourceType: 32, resourceName: 'payments', configurationKeys: null }
        ]
      },
      'unit',
      bob
    )
    expect(configs.results.map((r) => [r.resourceName, r.errorCode])).toEqual([
      // Authorized resources first, as Kafka answers.
      ['orders', ErrorCode.NONE],
      ['bobs-group', ErrorCode.NONE],
      ['secret', TOPIC_DENIED],
      ['0', CLUSTER_DENIED],
      ['payments', GROUP_DENIED]
    ])
    const altered = await send(
      engine,
      0,
      ApiKey.IncrementalAlterConfigs,
      1,
      {
        resources: [
          {
            resourceType: 2,
            resourceName: 'orders',
            configs: [{ name: 'retention.ms', configOperation: 0, value: '1000' }]
          }
        ]
      },
      'unit',
      bob
    )
    expect(altered.responses[0].errorCode).toBe(TOPIC_DENIED)
    const elect = await send(
      engine,
      0,
      ApiKey.ElectLeaders,
      2,
      { electionType: 0, topicPartitions: [{ topic: 'orders', partitions: [0] }], timeoutMs: 100 },
      'unit',
      bob
    )
    expect(elect.errorCode).toBe(CLUSTER_DENIED)
    expect(elect.replicaElectionResults[0].partitionResult[0].errorCode).toBe(CLUSTER_DENIED)
    const dirs = await send(engine, 0, ApiKey.DescribeLogDirs, 4, { topics: null }, 'unit', bob)
    expect(dirs.errorCode).toBe(CLUSTER_DENIED)
    const asAdmin = await send(
      engine,
      0,
      ApiKey.DescribeLogDirs,
      4,
      { topics: null },
      'unit',
      admin
    )
    expect(asAdmin.errorCode).toBe(ErrorCode.NONE)
  })

  it('producer ids and transactions: WRITE on the transactional id, IDEMPOTENT_WRITE or WRITE on a topic', async () => {
    const { engine, bob, anonymous } = setup([
      allow('TOPIC', 'orders', 'WRITE'),
      allow('TRANSACTIONAL_ID', 'tx-ok', 'WRITE')
    ])
    const init = (transactionalId: string | null, who: Partial<RequestContext>) =>
      send(
        engine,
        transactionalId ? txnCoordinatorId(engine, transactionalId) : 0,
        ApiKey.InitProducerId,
        4,
        { transactionalId, transactionTimeoutMs: 60_000, producerId: -1n, producerEpoch: -1 },
        'unit',
        who
      )
    expect((await init(null, bob)).errorCode).toBe(ErrorCode.NONE)
    expect((await init(null, anonymous)).errorCode).toBe(CLUSTER_DENIED)
    expect((await init('tx-no', bob)).errorCode).toBe(TXN_DENIED)
    const ok = await init('tx-ok', bob)
    expect(ok.errorCode).toBe(ErrorCode.NONE)
    const add = await send(
      engine,
      txnCoordinatorId(engine, 'tx-ok'),
      ApiKey.AddPartitionsToTxn,
      3,
      {
        v3AndBelowTransactionalId: 'tx-ok',
        v3AndBelowProducerId: ok.producerId,
        v3AndBelowProducerEpoch: ok.producerEpoch,
        v3AndBelowTopics: [
          { name: 'orders', partitions: [0] },
          { name: 'secret', partitions: [0] }
        ]
      },
      'unit',
      bob
    )
    expect(
      add.resultsByTopicV3AndBelow.map((t) => [t.name, t.resultsByPartition[0].partitionErrorCode])
    ).toEqual([
      ['orders', ErrorCode.OPERATION_NOT_ATTEMPTED],
      ['secret', TOPIC_DENIED]
    ])
    const end = await send(
      engine,
      txnCoordinatorId(engine, 'tx-no'),
      ApiKey.EndTxn,
      3,
      { transactionalId: 'tx-no', producerId: 1n, producerEpoch: 0, committed: true },
      'unit',
      bob
    )
    expect(end.errorCode).toBe(TXN_DENIED)
  })

  it('ACL APIs: SECURITY_DISABLED without an authorizer, CLUSTER_AUTHORIZATION_FAILED without ALTER, round trip for the super user', async () => {
    const { engine, bob, admin } = setup()
    const off = await send(engine, 0, ApiKey.DescribeAcls, 3, {
      resourceTypeFilter: 1,
      patternTypeFilter: 1,
      operation: 1,
      permissionType: 1
    })
    expect(off.errorCode).toBe(ErrorCode.SECURITY_DISABLED)
    const creation = {
      resourceType: 2,
      resourceName: 'orders',
      resourcePatternType: 3,
      principal: 'User:bob',
      host: '*',
      operation: 3,
      permissionType: 3
    }
    const refused = await send(
      engine,
      0,
      ApiKey.CreateAcls,
      3,
      { creations: [creation] },
      'unit',
      bob
    )
    expect(refused.results[0].errorCode).toBe(CLUSTER_DENIED)
    const bad = await send(
      engine,
      0,
      ApiKey.CreateAcls,
      3,
      {
        creations: [{ ...creation, resourceType: 4 }, { ...creation, principal: 'bob' }, creation]
      },
      'unit',
      admin
    )
    expect(bad.results.map((r) => r.errorCode)).toEqual([
      ErrorCode.INVALID_REQUEST,
      ErrorCode.INVALID_REQUEST,
      ErrorCode.NONE
    ])
    expect(bad.results[0].errorMessage).toMatch(/kafka-cluster/)
    const described = await send(
      engine,
      0,
      ApiKey.DescribeAcls,
      3,
      {
        resourceTypeFilter: 2,
        resourceNameFilter: 'orders',
        patternTypeFilter: 2,
        principalFilter: null,
        hostFilter: null,
        operation: 1,
        permissionType: 1
      },
      'unit',
      admin
    )
    expect(described.resources).toEqual([
      {
        resourceType: 2,
        resourceName: 'orders',
        patternType: 3,
        acls: [{ principal: 'User:bob', host: '*', operation: 3, permissionType: 3 }]
      }
    ])
    const deleted = await send(
      engine,
      0,
      ApiKey.DeleteAcls,
      3,
      {
        filters: [
          {
            resourceTypeFilter: 1,
            resourceNameFilter: null,
            patternTypeFilter: 1,
            principalFilter: 'User:bob',
            hostFilter: null,
            operation: 1,
            permissionType: 1
          }
        ]
      },
      'unit',
      admin
    )
    expect(deleted.filterResults[0].matchingAcls.map((a) => [a.resourceName, a.operation])).toEqual(
      [['orders', 3]]
    )
    expect(engine.allAcls()).toEqual([])
  })
})
