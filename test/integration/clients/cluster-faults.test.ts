// Faults that act on the cluster itself, seen by real clients: a forced rebalance makes a
// kafkajs group rejoin in a new generation, and a follower held out of the ISR shrinks it
// (an acks=all producer under min.insync.replicas=3 is refused) until faults.clear.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel, type Consumer } from 'kafkajs'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { waitFor, waitForValue } from '../../support/wait-for'

let cluster: TestCluster
beforeAll(async () => {
  cluster = await startTestCluster()
})
afterAll(async () => {
  await cluster?.close()
})

const call = <M extends Parameters<TestCluster['service']['call']>[0]>(
  method: M,
  params: unknown
) => cluster.service.call(method, params)

const kafka = () =>
  new Kafka({
    brokers: cluster.bootstrap.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 }
  })

describe('cluster faults', () => {
  it('a forced rebalance makes a kafkajs group rejoin in a new generation, once per hit', async () => {
    await call('topics.create', { name: 'cf-events', partitions: 2, replicationFactor: 3 })
    const joins: string[] = []
    const generation = async () =>
      (await call('groups.describe', { groupId: 'cf-billing' })).generationId ?? -1
    const consumer: Consumer = kafka().consumer({
      groupId: 'cf-billing',
      heartbeatInterval: 200,
      maxWaitTimeInMs: 100
    })
    consumer.on(consumer.events.GROUP_JOIN, (e) => joins.push(e.payload.memberId))
    await consumer.connect()
    await consumer.subscribe({ topic: 'cf-events', fromBeginning: true })
    await consumer.run({ eachMessage: async () => {} })
    try {
      await waitFor('the first join', () => joins.length === 1)
      const first = await generation()
      const fault = await call('faults.inject', {
        target: { groupId: 'cf-billing' },
        action: { type: 'rebalance' },
        count: 1
      })
      await waitFor('the rejoin', () => joins.length === 2)
      expect(joins[1]).toBe(joins[0])
      expect(await generation()).toBeGreaterThan(first)
      const listed = (await call('faults.list', {})).faults.find((f) => f.id === fault.id)
      expect(listed).toMatchObject({ hits: 1, active: false })
      await waitFor('a stable group', async () => {
        return (await call('groups.describe', { groupId: 'cf-billing' })).state === 'Stable'
      })
      expect(joins).toHaveLength(2)
      const history = (await call('cluster.history', { limit: 50 })).changes
      expect(
        history.some((c) => c.kind === 'fault' && /rebalance group cf-billing hit/.test(c.message))
      ).toBe(true)
    } finally {
      await consumer.disconnect()
      await call('faults.clear', {})
    }
  })

  it('holds a follower out of the ISR until cleared; acks=all under min.insync.replicas=3 is refused meanwhile', async () => {
    await call('topics.create', {
      name: 'cf-isr',
      partitions: 3,
      replicationFactor: 3,
      configs: { 'min.insync.replicas': '3' }
    })
    const isrs = async () =>
      (await call('topics.describe', { name: 'cf-isr' })).partitions.map((p) => p.isr)
    const before = await call('topics.describe', { name: 'cf-isr' })
    const followerOf = before.partitions.filter((p) => p.leader !== 2).length
    await call('faults.inject', {
      target: { brokerId: 2, topic: 'cf-isr' },
      action: { type: 'leaveIsr' }
    })
    await waitFor('broker 2 out of every ISR it follows in', async () => {
      const d = await call('topics.describe', { name: 'cf-isr' })
      return d.partitions.every((p) => p.leader === 2 || !p.isr.includes(2))
    })
    const producer = kafka().producer()
    await producer.connect()
    const follower = before.partitions.find((p) => p.leader !== 2)!.partition
    const refused = await producer
      .send({ topic: 'cf-isr', acks: -1, messages: [{ value: 'x', partition: follower }] })
      .catch((e: unknown) => e)
    expect(String(refused)).toMatch(/fewer in-sync replicas than required/)
    expect((await call('faults.list', {})).faults[0]).toMatchObject({
      hits: followerOf,
      active: true
    })
    expect(
      (await call('cluster.history', { limit: 50 })).changes.filter((c) => c.kind === 'isr-shrunk')
        .length
    ).toBeGreaterThanOrEqual(followerOf)

    expect((await call('faults.clear', {})).cleared).toBe(1)
    await waitForValue('every replica back in the ISR', async () =>
      (await isrs()).every((isr) => isr.length === 3) ? true : undefined
    )
    await producer.send({
      topic: 'cf-isr',
      acks: -1,
      messages: [{ value: 'y', partition: follower }]
    })
    await producer.disconnect()
    const d = await call('topics.describe', { name: 'cf-isr' })
    expect(d.partitions[follower].highWatermark).toBe(1)
  })

  it('refuses a rebalance without its group and leaveIsr without its broker, naming the field', async () => {
    const refused = (params: unknown) =>
      call('faults.inject', params).then(
        () => null,
        (e: { status: number; field?: string }) => ({ status: e.status, field: e.field })
      )
    expect(await refused({ target: {}, action: { type: 'rebalance' } })).toEqual({
      status: 400,
      field: 'target.groupId'
    })
    expect(await refused({ target: { topic: 'cf-isr' }, action: { type: 'leaveIsr' } })).toEqual({
      status: 400,
      field: 'target.brokerId'
    })
    expect(
      await refused({ target: { brokerId: 1 }, action: { type: 'leaveIsr' }, count: 2 })
    ).toEqual({ status: 400, field: 'count' })
    expect((await call('faults.list', {})).faults).toEqual([])
  })
})
