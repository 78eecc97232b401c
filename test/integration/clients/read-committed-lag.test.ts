// Lag of read_committed groups counts up to the last stable offset: a kafkajs read_committed
// consumer stuck behind an open transaction has read all it can (lag 0 in groups.describe and
// in the lag history), while a read_uncommitted group's lag still counts to the high watermark.
// The group keeps its level once its consumer leaves, and lag counts again when the
// transaction commits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel, type Producer } from 'kafkajs'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { waitFor } from '../../support/wait-for'

const TOPIC = 'lso-lag'

let cluster: TestCluster
let txProducer: Producer

function kafka(clientId: string) {
  return new Kafka({
    clientId,
    brokers: cluster.bootstrap.split(','),
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 100, retries: 10 }
  })
}

async function produce(from: number, n: number) {
  const p = kafka('lso-plain').producer()
  await p.connect()
  await p.send({
    topic: TOPIC,
    messages: Array.from({ length: n }, (_, i) => ({ value: `plain-${from + i}` }))
  })
  await p.disconnect()
}

/** Consumes with a group until it has committed `offset`, then leaves. */
async function consumeTo(groupId: string, readUncommitted: boolean, offset: number) {
  const consumer = kafka(`lso-${groupId}`).consumer({
    groupId,
    readUncommitted,
    maxWaitTimeInMs: 100
  })
  await consumer.connect()
  await consumer.subscribe({ topics: [TOPIC], fromBeginning: true })
  await consumer.run({ autoCommitInterval: 50, eachMessage: async () => {} })
  await waitFor(`${groupId} committed ${offset}`, async () => {
    const g = await cluster.service.call('groups.describe', { groupId }).catch(() => null)
    return g?.offsets[0]?.committedOffset === offset
  })
  return consumer
}

beforeAll(async () => {
  cluster = await startTestCluster({ lag: { sampleIntervalMs: 100 } })
  cluster.engine.createTopic({ name: TOPIC, partitions: 1, replicationFactor: 1 })
  await produce(0, 10)
  // An open transaction at 10-14, then records the read_committed consumer cannot reach yet.
  txProducer = kafka('lso-tx').producer({ transactionalId: 'lso-open', maxInFlightRequests: 1 })
  await txProducer.connect()
})
afterAll(async () => {
  await txProducer?.disconnect()
  await cluster?.close()
})

describe('lag of read_committed groups', () => {
  it('counts to the last stable offset for read_committed groups, to the high watermark for the others', async () => {
    const txn = await txProducer.transaction()
    await txn.send({
      topic: TOPIC,
      messages: Array.from({ length: 5 }, (_, i) => ({ value: `txn-${i}` }))
    })
    await produce(15, 7)

    const committed = await consumeTo('lso-committed', false, 10)
    const uncommitted = await consumeTo('lso-uncommitted', true, 22)

    const rc = await cluster.service.call('groups.describe', { groupId: 'lso-committed' })
    expect(rc.isolationLevel).toBe('read_committed')
    expect(rc.offsets[0]).toMatchObject({
      committedOffset: 10,
      highWatermark: 22,
      lastStableOffset: 10,
      lag: 0
    })
    expect(rc.totalLag).toBe(0)
    const ru = await cluster.service.call('groups.describe', { groupId: 'lso-uncommitted' })
    expect(ru.isolationLevel).toBe('read_uncommitted')
    expect(ru.offsets[0]).toMatchObject({ committedOffset: 22, lastStableOffset: 10, lag: 0 })

    // groups.list says the same.
    const { groups } = await cluster.service.call('groups.list', {})
    expect(groups.find((g) => g.groupId === 'lso-committed')).toMatchObject({
      isolationLevel: 'read_committed',
      totalLag: 0
    })

    // Both leave: the read_committed group keeps its level; more records are lag for both.
    await Promise.all([committed.disconnect(), uncommitted.disconnect()])
    await produce(22, 3)
    const rcIdle = await cluster.service.call('groups.describe', { groupId: 'lso-committed' })
    expect(rcIdle.state).toBe('Empty')
    expect(rcIdle.isolationLevel).toBe('read_committed')
    expect(rcIdle.offsets[0]).toMatchObject({ highWatermark: 25, lastStableOffset: 10, lag: 0 })
    expect(
      (await cluster.service.call('groups.describe', { groupId: 'lso-uncommitted' })).offsets[0].lag
    ).toBe(3)

    // The lag history samples the same lag: 0 for the read_committed group behind the open
    // transaction, though 15 records are above its committed offset.
    const since = Date.now()
    await waitFor('a lag sample after the last records', async () => {
      const h = await cluster.service.call('groups.lagHistory', { groupId: 'lso-committed' })
      return h.total.some(([at]) => at > since)
    })
    const history = await cluster.service.call('groups.lagHistory', { groupId: 'lso-committed' })
    expect(history.total.filter(([at]) => at > since).map(([, lag]) => lag)).toEqual(
      history.total.filter(([at]) => at > since).map(() => 0)
    )

    // The commit releases the last stable offset: the whole rest is lag now.
    await txn.commit()
    const released = await cluster.service.call('groups.describe', { groupId: 'lso-committed' })
    expect(released.offsets[0]).toMatchObject({ highWatermark: 26, lastStableOffset: 26, lag: 16 })
    const after = Date.now()
    await waitFor('a lag sample after the commit', async () => {
      const h = await cluster.service.call('groups.lagHistory', { groupId: 'lso-committed' })
      return h.total.some(([at, lag]) => at > after && lag === 16)
    })
  })
})
