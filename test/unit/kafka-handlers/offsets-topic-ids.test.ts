// OffsetCommit 10 and OffsetFetch 10 (KIP-848) name topics by id in the request and the response:
// each id is resolved to its topic once, an id no topic has is answered UNKNOWN_TOPIC_ID for each
// of its partitions (before authorization, as Kafka's KafkaApis answers it), fetching every topic
// answers each by id, and classic groups, groups without members and consumer-protocol members
// commit and fetch at version 10 alike.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { AclBinding } from '../../../src/shared/api/acls'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { ZERO_UUID } from '../../../src/shared/kafka/protocol-constants'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import type { Engine } from '../../../src/engine/engine'
import type { RequestContext } from '../../../src/engine/kafka/request-context'
import { Authorizer } from '../../../src/engine/security/authorizer'
import { coordinatorId, openEngine, otherBroker, send, subscription } from './helpers'
import { offsetsTopicRecords } from '../../support/offsets-topic'

const UNKNOWN_ID = '0f0e0d0c-0b0a-4908-8706-050403020100'

function withTopics(): Engine {
  const engine = openEngine()
  engine.createTopic({ name: 'orders', partitions: 3, replicationFactor: 1 })
  engine.createTopic({ name: 'payments', partitions: 1, replicationFactor: 1 })
  return engine
}

const idOf = (engine: Engine, name: string) => engine.topic(name)!.uuid

type Commit = { topicId: string; partitions: [number, number][] }

function commit10(
  engine: Engine,
  groupId: string,
  topics: Commit[],
  member: { generationIdOrMemberEpoch: number; memberId: string } = {
    generationIdOrMemberEpoch: -1,
    memberId: ''
  },
  broker = coordinatorId(engine, groupId),
  extra: Partial<RequestContext> = {}
) {
  return send(
    engine,
    broker,
    ApiKey.OffsetCommit,
    10,
    {
      groupId,
      ...member,
      topics: topics.map((t) => ({
        topicId: t.topicId,
        partitions: t.partitions.map(([partitionIndex, offset]) => ({
          partitionIndex,
          committedOffset: BigInt(offset),
          committedMetadata: `m${offset}`
        }))
      }))
    },
    'unit-client',
    extra
  )
}

function fetch10(
  engine: Engine,
  groupId: string,
  topics: { topicId: string; partitionIndexes: number[] }[] | null,
  broker = coordinatorId(engine, groupId),
  extra: Partial<RequestContext> = {}
) {
  return send(
    engine,
    broker,
    ApiKey.OffsetFetch,
    10,
    { groups: [{ groupId, topics, memberId: null, memberEpoch: -1 }], requireStable: false },
    'unit-client',
    extra
  )
}

/** A response's topics as [topic id, [[partition, error code], ...]]. */
const commitCodes = (r: Awaited<ReturnType<typeof commit10>>) =>
  r.topics.map((t) => [t.topicId, t.partitions.map((p) => [p.partitionIndex, p.errorCode])])

/** An OffsetFetch group's topics as [topic id, [[partition, offset, error code], ...]]. */
const fetched = (r: Awaited<ReturnType<typeof fetch10>>) =>
  r.groups[0].topics.map((t) => [
    t.topicId,
    t.partitions.map((p) => [p.partitionIndex, Number(p.committedOffset), p.errorCode])
  ])

describe('OffsetCommit 10 and OffsetFetch 10', () => {
  it('commit and fetch by topic id, answered by id; version 9 reads the same offsets by name', async () => {
    const engine = withTopics()
    const orders = idOf(engine, 'orders')
    const payments = idOf(engine, 'payments')
    const c = await commit10(engine, 'g', [
      {
        topicId: orders,
        partitions: [
          [0, 5],
          [2, 7]
        ]
      },
      { topicId: payments, partitions: [[0, 3]] }
    ])
    expect(commitCodes(c)).toEqual([
      [
        orders,
        [
          [0, ErrorCode.NONE],
          [2, ErrorCode.NONE]
        ]
      ],
      [payments, [[0, ErrorCode.NONE]]]
    ])
    expect(c.topics.map((t) => t.name)).toEqual(['', ''])
    const f = await fetch10(engine, 'g', [{ topicId: orders, partitionIndexes: [0, 1, 2] }])
    expect(f.groups[0].errorCode).toBe(ErrorCode.NONE)
    expect(fetched(f)).toEqual([
      [
        orders,
        [
          [0, 5, 0],
          [1, -1, 0],
          [2, 7, 0]
        ]
      ]
    ])
    expect(f.groups[0].topics[0].partitions[0].metadata).toBe('m5')
    // Every topic (null): each by its id.
    const all = await fetch10(engine, 'g', null)
    expect(new Map(fetched(all) as [string, unknown][])).toEqual(
      new Map([
        [
          orders,
          [
            [0, 5, 0],
            [2, 7, 0]
          ]
        ],
        [payments, [[0, 3, 0]]]
      ])
    )
    const v9 = await send(engine, coordinatorId(engine, 'g'), ApiKey.OffsetFetch, 9, {
      groups: [{ groupId: 'g', topics: [{ name: 'orders', partitionIndexes: [2] }] }],
      requireStable: false
    })
    expect(v9.groups[0].topics[0]).toMatchObject({
      name: 'orders',
      partitions: [{ partitionIndex: 2, committedOffset: 7n }]
    })
    // Their records, as Kafka 4.2 writes a commit by id: OffsetCommitValue 4 with the tagged
    // TopicId; a commit by name (version 9) without it.
    const byName = await send(engine, coordinatorId(engine, 'g'), ApiKey.OffsetCommit, 9, {
      groupId: 'g',
      generationIdOrMemberEpoch: -1,
      memberId: '',
      groupInstanceId: null,
      topics: [
        {
          name: 'orders',
          partitions: [
            {
              partitionIndex: 1,
              committedOffset: 4n,
              committedLeaderEpoch: -1,
              committedMetadata: ''
            }
          ]
        }
      ]
    })
    expect(byName.topics[0].partitions[0].errorCode).toBe(ErrorCode.NONE)
    const kafkaId = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex').toString('base64url')
    expect(
      offsetsTopicRecords(engine)
        .filter((r) => r.key.type === 1 && r.key.data.group === 'g')
        .map((r) => [
          r.key.data.topic,
          r.key.data.partition,
          r.value?.version,
          r.value?.data.topicId
        ])
    ).toEqual([
      ['orders', 0, 4, kafkaId(orders)],
      ['orders', 2, 4, kafkaId(orders)],
      ['payments', 0, 4, kafkaId(payments)],
      ['orders', 1, 4, undefined]
    ])
  })

  it('answer an unknown or zero id UNKNOWN_TOPIC_ID per partition, the other topics committed', async () => {
    const engine = withTopics()
    const orders = idOf(engine, 'orders')
    const c = await commit10(engine, 'g', [
      {
        topicId: UNKNOWN_ID,
        partitions: [
          [0, 1],
          [1, 1]
        ]
      },
      {
        topicId: orders,
        partitions: [
          [1, 4],
          [9, 4]
        ]
      },
      { topicId: ZERO_UUID, partitions: [[0, 1]] }
    ])
    expect(commitCodes(c)).toEqual([
      [
        orders,
        [
          [1, ErrorCode.NONE],
          [9, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]
        ]
      ],
      [
        UNKNOWN_ID,
        [
          [0, ErrorCode.UNKNOWN_TOPIC_ID],
          [1, ErrorCode.UNKNOWN_TOPIC_ID]
        ]
      ],
      [ZERO_UUID, [[0, ErrorCode.UNKNOWN_TOPIC_ID]]]
    ])
    const f = await fetch10(engine, 'g', [
      { topicId: UNKNOWN_ID, partitionIndexes: [0, 3] },
      { topicId: orders, partitionIndexes: [1] }
    ])
    expect(fetched(f)).toEqual([
      [orders, [[1, 4, ErrorCode.NONE]]],
      [
        UNKNOWN_ID,
        [
          [0, -1, ErrorCode.UNKNOWN_TOPIC_ID],
          [3, -1, ErrorCode.UNKNOWN_TOPIC_ID]
        ]
      ]
    ])
    // A deleted topic's id is unknown, and fetching every topic leaves it out.
    engine.deleteTopic('orders')
    const gone = await commit10(engine, 'g', [{ topicId: orders, partitions: [[0, 1]] }])
    expect(commitCodes(gone)).toEqual([[orders, [[0, ErrorCode.UNKNOWN_TOPIC_ID]]]])
    expect(fetched(await fetch10(engine, 'g', null))).toEqual([])
  })

  it('answer unknown ids alone without the coordinator, and NOT_COORDINATOR elsewhere', async () => {
    const engine = withTopics()
    const orders = idOf(engine, 'orders')
    const elsewhere = otherBroker(engine, 'g')
    const alone = await commit10(
      engine,
      'g',
      [{ topicId: UNKNOWN_ID, partitions: [[0, 1]] }],
      undefined,
      elsewhere
    )
    expect(commitCodes(alone)).toEqual([[UNKNOWN_ID, [[0, ErrorCode.UNKNOWN_TOPIC_ID]]]])
    const mixed = await commit10(
      engine,
      'g',
      [
        { topicId: orders, partitions: [[0, 1]] },
        { topicId: UNKNOWN_ID, partitions: [[0, 1]] }
      ],
      undefined,
      elsewhere
    )
    expect(commitCodes(mixed)).toEqual([
      [orders, [[0, ErrorCode.NOT_COORDINATOR]]],
      [UNKNOWN_ID, [[0, ErrorCode.NOT_COORDINATOR]]]
    ])
    const f = await fetch10(
      engine,
      'g',
      [{ topicId: UNKNOWN_ID, partitionIndexes: [0] }],
      elsewhere
    )
    expect(f.groups[0]).toMatchObject({ errorCode: ErrorCode.NOT_COORDINATOR, topics: [] })
  })

  it('serve a classic group member at its generation and a consumer-protocol member at its epoch', async () => {
    const engine = withTopics()
    const orders = idOf(engine, 'orders')
    const broker = coordinatorId(engine, 'classic')
    const join = (memberId: string) =>
      send(engine, broker, ApiKey.JoinGroup, 9, {
        groupId: 'classic',
        sessionTimeoutMs: 6000,
        rebalanceTimeoutMs: 6000,
        memberId,
        groupInstanceId: null,
        protocolType: 'consumer',
        protocols: [{ name: 'range', metadata: subscription(['orders']) }],
        reason: null
      })
    const joined = await join((await join('')).memberId)
    await send(engine, broker, ApiKey.SyncGroup, 5, {
      groupId: 'classic',
      generationId: joined.generationId,
      memberId: joined.memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocolName: 'range',
      assignments: [{ memberId: joined.memberId, assignment: Buffer.alloc(0) }]
    })
    const atGeneration = (generationIdOrMemberEpoch: number) =>
      commit10(engine, 'classic', [{ topicId: orders, partitions: [[0, 8]] }], {
        generationIdOrMemberEpoch,
        memberId: joined.memberId
      })
    expect(commitCodes(await atGeneration(joined.generationId))).toEqual([
      [orders, [[0, ErrorCode.NONE]]]
    ])
    expect(commitCodes(await atGeneration(joined.generationId + 1))).toEqual([
      [orders, [[0, ErrorCode.ILLEGAL_GENERATION]]]
    ])
    const consumer = coordinatorId(engine, 'modern')
    const hb = await send(engine, consumer, ApiKey.ConsumerGroupHeartbeat, 1, {
      groupId: 'modern',
      memberId: 'member-1',
      memberEpoch: 0,
      rebalanceTimeoutMs: 10_000,
      subscribedTopicNames: ['orders'],
      topicPartitions: []
    })
    expect(hb.errorCode).toBe(ErrorCode.NONE)
    const atEpoch = (memberEpoch: number) =>
      commit10(engine, 'modern', [{ topicId: orders, partitions: [[1, 9]] }], {
        generationIdOrMemberEpoch: memberEpoch,
        memberId: 'member-1'
      })
    expect(commitCodes(await atEpoch(hb.memberEpoch))).toEqual([[orders, [[1, ErrorCode.NONE]]]])
    expect(commitCodes(await atEpoch(hb.memberEpoch + 1))).toEqual([
      [orders, [[1, ErrorCode.STALE_MEMBER_EPOCH]]]
    ])
    expect(fetched(await fetch10(engine, 'modern', null))).toEqual([[orders, [[1, 9, 0]]]])
  })

  it('under ACLs: READ and DESCRIBE per resolved topic, an unknown id UNKNOWN_TOPIC_ID', async () => {
    const engine = withTopics()
    const allow = (
      resourceType: AclBinding['resourceType'],
      resourceName: string,
      operation: AclBinding['operation']
    ): AclBinding => ({
      resourceType,
      resourceName,
      patternType: 'LITERAL',
      principal: 'User:bob',
      host: '*',
      operation,
      permission: 'ALLOW'
    })
    engine.addAcls([allow('GROUP', 'g', 'READ'), allow('TOPIC', 'orders', 'READ')])
    const bob = {
      authorizer: new Authorizer(engine, { superUsers: [], allowEveryoneIfNoAclFound: false }),
      user: 'bob'
    }
    const orders = idOf(engine, 'orders')
    const payments = idOf(engine, 'payments')
    const c = await commit10(
      engine,
      'g',
      [
        { topicId: orders, partitions: [[0, 1]] },
        { topicId: payments, partitions: [[0, 1]] },
        { topicId: UNKNOWN_ID, partitions: [[0, 1]] }
      ],
      undefined,
      undefined,
      bob
    )
    expect(new Map(commitCodes(c) as [string, unknown][])).toEqual(
      new Map([
        [orders, [[0, ErrorCode.NONE]]],
        [payments, [[0, ErrorCode.TOPIC_AUTHORIZATION_FAILED]]],
        [UNKNOWN_ID, [[0, ErrorCode.UNKNOWN_TOPIC_ID]]]
      ])
    )
    const f = await fetch10(
      engine,
      'g',
      [
        { topicId: payments, partitionIndexes: [0] },
        { topicId: UNKNOWN_ID, partitionIndexes: [0] },
        { topicId: orders, partitionIndexes: [0] }
      ],
      undefined,
      bob
    )
    expect(new Map(fetched(f) as [string, unknown][])).toEqual(
      new Map([
        [orders, [[0, 1, ErrorCode.NONE]]],
        [payments, [[0, -1, ErrorCode.TOPIC_AUTHORIZATION_FAILED]]],
        [UNKNOWN_ID, [[0, -1, ErrorCode.UNKNOWN_TOPIC_ID]]]
      ])
    )
  })

  it('fetch by id the offsets committed by id, for any lists of partitions (property)', async () => {
    const engine = withTopics()
    const ids = { orders: idOf(engine, 'orders'), payments: idOf(engine, 'payments') }
    const partitionsOf = { orders: 3, payments: 1 }
    type Name = 'orders' | 'payments' | 'unknown'
    const idFor = (t: Name) => (t === 'unknown' ? UNKNOWN_ID : ids[t])
    const topicArb = fc.constantFrom<Name>('orders', 'payments', 'unknown')
    const partitionsArb = fc.uniqueArray(fc.integer({ min: 0, max: 3 }), {
      minLength: 1,
      maxLength: 4
    })
    const committed = new Map<string, number>()
    let group = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ topic: topicArb, partitions: partitionsArb, offset: fc.nat(1000) }), {
          minLength: 1,
          maxLength: 4
        }),
        fc.array(fc.record({ topic: topicArb, partitions: partitionsArb }), { maxLength: 3 }),
        async (commits, asks) => {
          const groupId = `g${group++}`
          committed.clear()
          for (const cm of commits) {
            const r = await commit10(engine, groupId, [
              { topicId: idFor(cm.topic), partitions: cm.partitions.map((p) => [p, cm.offset]) }
            ])
            cm.partitions.forEach((p, i) => {
              const code = r.topics[0].partitions[i].errorCode
              if (cm.topic === 'unknown') expect(code).toBe(ErrorCode.UNKNOWN_TOPIC_ID)
              else if (p >= partitionsOf[cm.topic])
                expect(code).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
              else {
                expect(code).toBe(ErrorCode.NONE)
                committed.set(`${cm.topic}:${p}`, cm.offset)
              }
            })
          }
          const named = asks.map((a) => ({
            topicId: idFor(a.topic),
            partitionIndexes: a.partitions
          }))
          const f = await fetch10(engine, groupId, named)
          const answered = new Map(
            f.groups[0].topics.flatMap((t) =>
              t.partitions.map((p) => [
                `${t.topicId}:${p.partitionIndex}`,
                [Number(p.committedOffset), p.errorCode]
              ])
            )
          )
          for (const a of asks)
            for (const p of a.partitions) {
              const expected =
                a.topic === 'unknown'
                  ? [-1, ErrorCode.UNKNOWN_TOPIC_ID]
                  : [committed.get(`${a.topic}:${p}`) ?? -1, ErrorCode.NONE]
              expect(answered.get(`${idFor(a.topic)}:${p}`)).toEqual(expected)
            }
          // Every topic: exactly what was committed, each topic by its id.
          const all = await fetch10(engine, groupId, null)
          const everything = new Map(
            all.groups[0].topics.flatMap((t) =>
              t.partitions.map((p) => [
                `${t.topicId}:${p.partitionIndex}`,
                Number(p.committedOffset)
              ])
            )
          )
          expect(everything).toEqual(
            new Map(
              [...committed].map(([k, offset]) => {
                const [topic, p] = k.split(':')
                return [`${ids[topic as 'orders' | 'payments']}:${p}`, offset]
              })
            )
          )
        }
      ),
      { numRuns: 50 }
    )
  })
})
