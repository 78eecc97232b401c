// DescribeShareGroupOffsets, AlterShareGroupOffsets and DeleteShareGroupOffsets (KIP-932) through
// encoded frames, on a share group whose member fetched and acknowledged records: the start
// offset follows the acknowledgements, a member leaving releases what it held, offsets change
// only while the group is empty, and a reset or deleted start offset is where delivery resumes.
import { describe, expect, it } from 'vitest'
import { ErrorCode as E } from '../../../src/shared/kafka/error-codes'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import type { Engine } from '../../../src/engine/engine'
import {
  AcknowledgeType as Ack,
  RecordState
} from '../../../src/engine/share-partitions/record-states'
import { encodeBatch } from '../../../src/engine/records'
import { Authorizer } from '../../../src/engine/security/authorizer'
import { engineInternals } from '../../support/engine-internals'
import { coordinatorId, openEngine, otherBroker, send } from './helpers'

const A = '0f7d3c9e-8d8a-4c43-9a4e-1b1b1b1b00a1'
const B = '0f7d3c9e-8d8a-4c43-9a4e-1b1b1b1b00b2'
const GROUP = 'offsets-queue'

function setup(): Engine {
  const engine = openEngine()
  engine.createTopic({ name: 'orders', partitions: 3, replicationFactor: 1 })
  return engine
}

const join = (engine: Engine, memberId: string, memberEpoch = 0) =>
  send(engine, coordinatorId(engine, GROUP), ApiKey.ShareGroupHeartbeat, 1, {
    groupId: GROUP,
    memberId,
    memberEpoch,
    rackId: null,
    subscribedTopicNames: memberEpoch === 0 ? ['orders'] : null
  })

function fetch(engine: Engine, memberId: string, epoch: number) {
  const orders = engine.topic('orders')!
  return send(engine, orders.partitions[0].leader, ApiKey.ShareFetch, 1, {
    groupId: GROUP,
    memberId,
    shareSessionEpoch: epoch,
    maxWaitMs: 0,
    minBytes: 1,
    maxBytes: 1 << 20,
    maxRecords: 100,
    batchSize: 100,
    topics: [
      { topicId: orders.uuid, partitions: [{ partitionIndex: 0, acknowledgementBatches: [] }] }
    ],
    forgottenTopicsData: []
  })
}

const describeOffsets = (
  engine: Engine,
  topics: { topicName: string; partitions: number[] }[] | null,
  groupId = GROUP,
  brokerId = coordinatorId(engine, groupId)
) =>
  send(engine, brokerId, ApiKey.DescribeShareGroupOffsets, 0, {
    groups: [{ groupId, topics }]
  }).then((r) => r.groups[0])

const startOffsets = async (engine: Engine) =>
  (
    await describeOffsets(engine, [{ topicName: 'orders', partitions: [0, 1] }])
  ).topics[0].partitions.map((p) => [p.partitionIndex, Number(p.startOffset), p.errorCode])

const alter = (engine: Engine, startOffset: bigint) =>
  send(engine, coordinatorId(engine, GROUP), ApiKey.AlterShareGroupOffsets, 0, {
    groupId: GROUP,
    topics: [{ topicName: 'orders', partitions: [{ partitionIndex: 0, startOffset }] }]
  })

describe('share group offsets', () => {
  it('describes, alters and deletes start offsets as a group fetches, leaves and resumes', async () => {
    const engine = setup()
    expect((await join(engine, A)).errorCode).toBe(E.NONE)
    expect((await fetch(engine, A, 0)).errorCode).toBe(E.NONE)
    // One batch of five records, appended on the partition's leader.
    const appended = engine.appendAsLeader(
      engine.topic('orders')!,
      0,
      encodeBatch(['a', 'b', 'c', 'd', 'e'].map((value) => ({ value }))),
      1
    )
    expect(appended.errorCode).toBe(E.NONE)
    const got = await fetch(engine, A, 1)
    expect(got.responses[0].partitions[0].acquiredRecords).toEqual([
      { firstOffset: 0n, lastOffset: 4n, deliveryCount: 1 }
    ])
    const orders = engine.topic('orders')!
    const ack = await send(engine, orders.partitions[0].leader, ApiKey.ShareAcknowledge, 1, {
      groupId: GROUP,
      memberId: A,
      shareSessionEpoch: 2,
      topics: [
        {
          topicId: orders.uuid,
          partitions: [
            {
              partitionIndex: 0,
              acknowledgementBatches: [
                { firstOffset: 0n, lastOffset: 1n, acknowledgeTypes: [Ack.ACCEPT] }
              ]
            }
          ]
        }
      ]
    })
    expect(ack.responses[0].partitions[0].errorCode).toBe(E.NONE)
    // Partition 1 was never fetched: no start offset yet.
    expect(await startOffsets(engine)).toEqual([
      [0, 2, E.NONE],
      [1, -1, E.NONE]
    ])
    // null topics: the partitions the group has state for.
    const all = await describeOffsets(engine, null)
    expect(
      all.topics.map((t) => [t.topicName, t.topicId, t.partitions.map((p) => p.partitionIndex)])
    ).toEqual([['orders', orders.uuid, [0]]])
    expect((await describeOffsets(engine, null, 'no-such-group')).errorCode).toBe(
      E.GROUP_ID_NOT_FOUND
    )
    expect((await describeOffsets(engine, null, GROUP, otherBroker(engine, GROUP))).errorCode).toBe(
      E.NOT_COORDINATOR
    )
    // A member holds records: offsets do not change.
    expect(await alter(engine, 4n)).toMatchObject({ errorCode: E.NON_EMPTY_GROUP, responses: [] })
    // Leaving, then closing its share session (epoch -1, as a client's close does), releases
    // offsets 2-4, which the member held.
    expect((await join(engine, A, -1)).errorCode).toBe(E.NONE)
    expect((await fetch(engine, A, -1)).errorCode).toBe(E.NONE)
    const sp = engine.sharePartitions.get(GROUP, { topicId: orders.id, partition: 0 })!
    expect([2, 3, 4].map((o) => sp.stateOf(o).state)).toEqual([
      RecordState.AVAILABLE,
      RecordState.AVAILABLE,
      RecordState.AVAILABLE
    ])
    const altered = await alter(engine, 4n)
    expect(altered.errorCode).toBe(E.NONE)
    expect(altered.responses[0].partitions).toEqual([
      { partitionIndex: 0, errorCode: E.NONE, errorMessage: null }
    ])
    expect(await startOffsets(engine)).toEqual([
      [0, 4, E.NONE],
      [1, -1, E.NONE]
    ])
    // A new member resumes at the altered start offset, with a first delivery.
    expect((await join(engine, B)).errorCode).toBe(E.NONE)
    expect((await fetch(engine, B, 0)).responses[0].partitions[0].acquiredRecords).toEqual([
      { firstOffset: 4n, lastOffset: 4n, deliveryCount: 1 }
    ])
    expect((await join(engine, B, -1)).errorCode).toBe(E.NONE)
    const deleted = await send(
      engine,
      coordinatorId(engine, GROUP),
      ApiKey.DeleteShareGroupOffsets,
      0,
      {
        groupId: GROUP,
        topics: [{ topicName: 'orders' }, { topicName: 'missing' }]
      }
    )
    expect(deleted.responses.map((t) => [t.topicName, t.errorCode])).toEqual([
      ['orders', E.NONE],
      ['missing', E.UNKNOWN_TOPIC_OR_PARTITION]
    ])
    expect((await describeOffsets(engine, null)).topics).toEqual([])
    expect(await startOffsets(engine)).toEqual([
      [0, -1, E.NONE],
      [1, -1, E.NONE]
    ])
    // A deleted topic's share partitions go with it, in memory and in the database.
    expect((await join(engine, B)).errorCode).toBe(E.NONE)
    await fetch(engine, B, 0)
    expect(engine.sharePartitions.partitionsOf(GROUP)).toEqual([
      { topicId: orders.id, partition: 0 }
    ])
    const rows = () =>
      engineInternals(engine).db.prepare('SELECT count(*) AS n FROM share_partitions').get()
    expect(rows()).toEqual({ n: 1 })
    engine.deleteTopic('orders')
    expect(engine.sharePartitions.partitionsOf(GROUP)).toEqual([])
    expect(rows()).toEqual({ n: 0 })
  })

  it('needs READ on the share group and on each topic to fetch, DELETE on the group to delete offsets', async () => {
    const engine = setup()
    engine.createTopic({ name: 'secret', partitions: 1, replicationFactor: 1 })
    engine.addAcls(
      [
        ['GROUP', GROUP, 'READ'],
        ['TOPIC', 'orders', 'READ']
      ].map(([resourceType, resourceName, operation]) => ({
        resourceType: resourceType as 'GROUP' | 'TOPIC',
        resourceName,
        patternType: 'LITERAL' as const,
        principal: 'User:bob',
        host: '*',
        operation: operation as 'READ',
        permission: 'ALLOW' as const
      }))
    )
    const bob = {
      authorizer: new Authorizer(engine, { superUsers: [], allowEveryoneIfNoAclFound: false }),
      user: 'bob'
    }
    const [orders, secret] = ['orders', 'secret'].map((n) => engine.topic(n)!)
    const fetchAs = (groupId: string, topic: typeof orders) =>
      send(
        engine,
        topic.partitions[0].leader,
        ApiKey.ShareFetch,
        1,
        {
          groupId,
          memberId: A,
          shareSessionEpoch: 0,
          maxWaitMs: 0,
          minBytes: 1,
          maxBytes: 1 << 20,
          maxRecords: 10,
          batchSize: 10,
          topics: [
            { topicId: topic.uuid, partitions: [{ partitionIndex: 0, acknowledgementBatches: [] }] }
          ],
          forgottenTopicsData: []
        },
        'unit',
        bob
      )
    expect((await fetchAs(GROUP, orders)).responses[0].partitions[0].errorCode).toBe(E.NONE)
    expect((await fetchAs(GROUP, secret)).responses[0].partitions[0].errorCode).toBe(
      E.TOPIC_AUTHORIZATION_FAILED
    )
    expect((await fetchAs('other', orders)).errorCode).toBe(E.GROUP_AUTHORIZATION_FAILED)
    const deleted = await send(
      engine,
      coordinatorId(engine, GROUP),
      ApiKey.DeleteShareGroupOffsets,
      0,
      { groupId: GROUP, topics: [{ topicName: 'orders' }] },
      'unit',
      bob
    )
    expect(deleted.errorCode).toBe(E.GROUP_AUTHORIZATION_FAILED)
  })
})
