// Produce 13 (KIP-516) names topics by id in the request and the response: each id is resolved
// to its topic once, an id no topic has is answered UNKNOWN_TOPIC_ID for each of its partitions
// (before authorization, as Kafka's KafkaApis answers it), and versions 3-12 keep naming topics.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { AclBinding } from '../../../src/shared/api/acls'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { ZERO_UUID } from '../../../src/shared/kafka/protocol-constants'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { decodeBatch, encodeBatch, splitBatches } from '../../../src/engine/records'
import type { Engine } from '../../../src/engine/engine'
import { Authorizer } from '../../../src/engine/security/authorizer'
import { openEngine, send } from './helpers'

const UNKNOWN_ID = '0f0e0d0c-0b0a-4908-8706-050403020100'

function withTopics(): Engine {
  const engine = openEngine({ brokers: 1 })
  engine.createTopic({ name: 'orders', partitions: 2, replicationFactor: 1 })
  engine.createTopic({ name: 'payments', partitions: 1, replicationFactor: 1 })
  return engine
}

const idOf = (engine: Engine, name: string) => engine.topic(name)!.uuid

const batch = (...values: string[]) => encodeBatch(values.map((value) => ({ value })))

/** The values stored in a partition, in offset order. */
function values(engine: Engine, topic: string, partition: number): string[] {
  return engine
    .partitionLog(engine.topic(topic)!, partition)
    .read(0, 1 << 30)
    .flatMap((b) => splitBatches(b).batches)
    .flatMap((b) => decodeBatch(b.bytes).records.map((r) => String(r.value)))
}

function produce(
  engine: Engine,
  version: number,
  topicData: {
    name?: string
    topicId?: string
    partitionData: { index: number; records: Buffer }[]
  }[],
  acks = -1,
  extra = {}
) {
  return send(
    engine,
    0,
    ApiKey.Produce,
    version,
    { transactionalId: null, acks, timeoutMs: 1000, topicData },
    'unit-client',
    extra
  )
}

describe('Produce 13', () => {
  it('appends to topics named by id and answers by id', async () => {
    const engine = withTopics()
    const orders = idOf(engine, 'orders')
    const payments = idOf(engine, 'payments')
    const r = await produce(engine, 13, [
      { topicId: orders, partitionData: [{ index: 1, records: batch('a', 'b', 'c') }] },
      { topicId: payments, partitionData: [{ index: 0, records: batch('x', 'y') }] }
    ])
    expect(r.responses.map((t) => [t.topicId, t.name])).toEqual([
      [orders, ''],
      [payments, '']
    ])
    expect(r.responses.map((t) => t.partitionResponses[0])).toMatchObject([
      { index: 1, errorCode: ErrorCode.NONE, baseOffset: 0n },
      { index: 0, errorCode: ErrorCode.NONE, baseOffset: 0n }
    ])
    expect(values(engine, 'orders', 1)).toEqual(['a', 'b', 'c'])
    expect(values(engine, 'payments', 0)).toEqual(['x', 'y'])
    // Version 12 still names topics, and finds the records version 13 appended.
    const v12 = await produce(engine, 12, [
      { name: 'orders', partitionData: [{ index: 1, records: batch('d') }] }
    ])
    expect(v12.responses[0]).toMatchObject({ name: 'orders', topicId: ZERO_UUID })
    expect(v12.responses[0].partitionResponses[0]).toMatchObject({ baseOffset: 3n })
    expect(values(engine, 'orders', 1)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('answers an unknown or zero id UNKNOWN_TOPIC_ID per partition, the other topics appended', async () => {
    const engine = withTopics()
    const orders = idOf(engine, 'orders')
    const r = await produce(engine, 13, [
      {
        topicId: UNKNOWN_ID,
        partitionData: [0, 1].map((index) => ({ index, records: batch('u') }))
      },
      { topicId: ZERO_UUID, partitionData: [{ index: 0, records: batch('z') }] },
      { topicId: orders, partitionData: [{ index: 0, records: batch('o') }] },
      { topicId: orders, partitionData: [{ index: 5, records: batch('p') }] }
    ])
    expect(
      r.responses.map((t) => [t.topicId, t.partitionResponses.map((p) => [p.index, p.errorCode])])
    ).toEqual([
      [
        UNKNOWN_ID,
        [
          [0, ErrorCode.UNKNOWN_TOPIC_ID],
          [1, ErrorCode.UNKNOWN_TOPIC_ID]
        ]
      ],
      [ZERO_UUID, [[0, ErrorCode.UNKNOWN_TOPIC_ID]]],
      [orders, [[0, ErrorCode.NONE]]],
      [orders, [[5, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]]]
    ])
    expect(r.responses[0].partitionResponses[0].errorMessage).toBe(
      `No topic has the id ${UNKNOWN_ID}`
    )
    expect(values(engine, 'orders', 0)).toEqual(['o'])
    // A deleted topic's id is unknown too.
    const payments = idOf(engine, 'payments')
    engine.deleteTopic('payments')
    const gone = await produce(engine, 13, [
      { topicId: payments, partitionData: [{ index: 0, records: batch('q') }] }
    ])
    expect(gone.responses[0].partitionResponses[0].errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_ID)
  })

  it('answers an unknown id UNKNOWN_TOPIC_ID before refusing the acks, as Kafka does', async () => {
    // Kafka answers unknown ids before its replica manager refuses the acks of the topics it has.
    const engine = withTopics()
    const r = await produce(
      engine,
      13,
      [
        { topicId: UNKNOWN_ID, partitionData: [{ index: 0, records: batch('u') }] },
        { topicId: idOf(engine, 'orders'), partitionData: [{ index: 0, records: batch('o') }] }
      ],
      2
    )
    expect(r.responses.map((t) => t.partitionResponses[0].errorCode)).toEqual([
      ErrorCode.UNKNOWN_TOPIC_ID,
      ErrorCode.INVALID_REQUIRED_ACKS
    ])
    expect(values(engine, 'orders', 0)).toEqual([])
  })

  it('closes an acks=0 connection whose request names an unknown id', async () => {
    const engine = withTopics()
    const closes: string[] = []
    await expect(
      produce(
        engine,
        13,
        [{ topicId: UNKNOWN_ID, partitionData: [{ index: 0, records: batch('u') }] }],
        0,
        { closeAfterResponse: (why: string) => closes.push(why) }
      )
    ).rejects.toThrow('no response')
    expect(closes).toEqual([expect.stringContaining(`${UNKNOWN_ID}-0 UNKNOWN_TOPIC_ID`)])
  })

  it('under ACLs: WRITE per resolved topic, an unknown id UNKNOWN_TOPIC_ID as Kafka answers it', async () => {
    const engine = withTopics()
    const allowWrite: AclBinding = {
      resourceType: 'TOPIC',
      resourceName: 'orders',
      patternType: 'LITERAL',
      principal: 'User:bob',
      host: '*',
      operation: 'WRITE',
      permission: 'ALLOW'
    }
    engine.addAcls([allowWrite])
    const authorizer = new Authorizer(engine, {
      superUsers: [],
      allowEveryoneIfNoAclFound: false
    })
    const orders = idOf(engine, 'orders')
    const payments = idOf(engine, 'payments')
    const r = await produce(
      engine,
      13,
      [
        { topicId: orders, partitionData: [{ index: 0, records: batch('o') }] },
        { topicId: payments, partitionData: [{ index: 0, records: batch('p') }] },
        { topicId: UNKNOWN_ID, partitionData: [{ index: 0, records: batch('u') }] }
      ],
      -1,
      { authorizer, user: 'bob' }
    )
    const byId = new Map(r.responses.map((t) => [t.topicId, t.partitionResponses[0].errorCode]))
    expect(byId.get(orders)).toBe(ErrorCode.NONE)
    expect(byId.get(payments)).toBe(ErrorCode.TOPIC_AUTHORIZATION_FAILED)
    expect(byId.get(UNKNOWN_ID)).toBe(ErrorCode.UNKNOWN_TOPIC_ID)
    expect(values(engine, 'payments', 0)).toEqual([])
  })

  it('answers each topic entry by its id, in order, with what its partitions hold (property)', async () => {
    const engine = withTopics()
    const ids = { orders: idOf(engine, 'orders'), payments: idOf(engine, 'payments') }
    const partitionsOf = { orders: 2, payments: 1 }
    const expected = new Map<string, string[]>()
    const entry = fc.record({
      topic: fc.constantFrom<'orders' | 'payments' | 'unknown'>('orders', 'payments', 'unknown'),
      partitions: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
      records: fc.integer({ min: 1, max: 4 })
    })
    let n = 0
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 5 }), async (entries) => {
        const sent = entries.map((e) => ({
          ...e,
          topicId: e.topic === 'unknown' ? UNKNOWN_ID : ids[e.topic],
          values: e.partitions.map(() => Array.from({ length: e.records }, () => `v${n++}`))
        }))
        const r = await produce(
          engine,
          13,
          sent.map((e) => ({
            topicId: e.topicId,
            partitionData: e.partitions.map((index, i) => ({
              index,
              records: batch(...e.values[i])
            }))
          }))
        )
        expect(r.responses.map((t) => t.topicId)).toEqual(sent.map((e) => e.topicId))
        sent.forEach((e, t) =>
          e.partitions.forEach((index, i) => {
            const p = r.responses[t].partitionResponses[i]
            expect(p.index).toBe(index)
            if (e.topic === 'unknown') expect(p.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_ID)
            else if (index >= partitionsOf[e.topic])
              expect(p.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
            else {
              expect(p.errorCode).toBe(ErrorCode.NONE)
              const key = `${e.topic}-${index}`
              expected.set(key, [...(expected.get(key) ?? []), ...e.values[i]])
            }
          })
        )
        for (const [topic, count] of Object.entries(partitionsOf))
          for (let p = 0; p < count; p++)
            expect(values(engine, topic, p)).toEqual(expected.get(`${topic}-${p}`) ?? [])
      }),
      { numRuns: 60 }
    )
  })
})
