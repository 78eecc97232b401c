// Faults injected through the contract, seen by real clients: kcat's retries ride out three
// NOT_LEADER_OR_FOLLOWER answers, a permanent one is reported by producers with retries off,
// latency is released by faults.clear, a closed connection hurts one client only, and bad
// fault specs are refused naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel } from 'kafkajs'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat } from '../../support/external-clients'

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

async function topic(name: string, partitions = 2) {
  await call('topics.create', { name, partitions, replicationFactor: 3 })
}

async function records(name: string): Promise<string[]> {
  const d = await call('topics.describe', { name })
  const out: string[] = []
  for (const p of d.partitions) {
    const r = await call('messages.read', {
      topic: name,
      partition: p.partition,
      from: 'earliest',
      limit: 1000
    })
    out.push(...r.records.map((x) => x.value ?? ''))
  }
  return out.sort()
}

const notLeader = (topicName: string) => ({
  target: { apiKey: 'Produce', topic: topicName },
  action: { type: 'error', error: 'NOT_LEADER_OR_FOLLOWER' }
})

describe('faults', () => {
  it('kcat with default retries delivers every record through NOT_LEADER_OR_FOLLOWER x3', async () => {
    await topic('f-orders')
    const fault = await call('faults.inject', { ...notLeader('f-orders'), count: 3 })
    const values = Array.from({ length: 40 }, (_, i) => `v${String(i).padStart(2, '0')}`)
    const r = await kcat(
      ['-P', '-b', cluster.bootstrap, '-t', 'f-orders', '-K:', '-X', 'linger.ms=5'],
      values.map((v, i) => `k${i}:${v}`).join('\n') + '\n'
    )
    expect(r.code, r.stderr).toBe(0)
    expect(await records('f-orders')).toEqual(values)
    const listed = (await call('faults.list', {})).faults.find((f) => f.id === fault.id)
    expect(listed).toMatchObject({ hits: 3, active: false })
    const history = (await call('cluster.history', { limit: 50 })).changes
    expect(history.filter((c) => c.kind === 'fault' && /hit/.test(c.message))).toHaveLength(3)
    await call('faults.clear', {})
  })

  it('a permanent NOT_LEADER_OR_FOLLOWER is reported by producers with retries off', async () => {
    await topic('f-stuck')
    await call('faults.inject', notLeader('f-stuck'))
    try {
      const kafka = new Kafka({
        brokers: cluster.bootstrap.split(','),
        logLevel: logLevel.NOTHING,
        retry: { retries: 0 }
      })
      const producer = kafka.producer()
      await producer.connect()
      const err = await producer
        .send({ topic: 'f-stuck', messages: [{ value: 'x' }] })
        .catch((e: unknown) => e)
      await producer.disconnect()
      expect(String(err)).toMatch(/not the leader/i)

      // librdkafka retries a leader error after a metadata refresh whatever `retries` says:
      // with retries off the delivery still fails, and its log names the broker's error.
      const r = await kcat(
        [
          '-P',
          '-b',
          cluster.bootstrap,
          '-t',
          'f-stuck',
          '-X',
          'retries=0',
          '-X',
          'message.timeout.ms=2000',
          '-X',
          'debug=msg'
        ],
        'x\n'
      )
      expect(r.code).not.toBe(0)
      expect(r.stderr).toMatch(/Delivery failed/)
      expect(r.stderr).toMatch(/Not leader for partition/)
      expect(await records('f-stuck')).toEqual([])
    } finally {
      await call('faults.clear', {})
    }
  })

  it('holds a request for its latency, and faults.clear lets it go at once', async () => {
    await topic('f-slow', 1)
    await call('faults.inject', {
      target: { apiKey: 'Produce', topic: 'f-slow' },
      action: { type: 'latency', ms: 600_000 }
    })
    const kafka = new Kafka({ brokers: cluster.bootstrap.split(','), logLevel: logLevel.NOTHING })
    const producer = kafka.producer()
    await producer.connect()
    let acked = false
    const sent = producer
      .send({ topic: 'f-slow', messages: [{ value: 'late' }], timeout: 600_000 })
      .then(() => (acked = true))
    await expect.poll(async () => (await call('faults.list', {})).faults[0]?.hits).toBe(1)
    expect(acked).toBe(false)
    expect((await call('faults.clear', {})).cleared).toBe(1)
    await sent
    await producer.disconnect()
    expect(await records('f-slow')).toEqual(['late'])
  })

  it('closes the connection of a matching request only; the broker serves the next one', async () => {
    await topic('f-drop', 1)
    await call('faults.inject', {
      target: { apiKey: 'Produce', topic: 'f-drop' },
      action: { type: 'closeConnection' },
      count: 2
    })
    const r = await kcat(['-P', '-b', cluster.bootstrap, '-t', 'f-drop'], 'a\nb\n')
    expect(r.code, r.stderr).toBe(0)
    expect(await records('f-drop')).toEqual(['a', 'b'])
    expect((await call('faults.list', {})).faults[0]).toMatchObject({ hits: 2, active: false })
    await call('faults.clear', {})
  })

  it('refuses an unknown error, a missing target and a probability outside 0-1, naming the field', async () => {
    const refused = (params: unknown) =>
      call('faults.inject', params).then(
        () => null,
        (e: { status: number; field?: string }) => ({ status: e.status, field: e.field })
      )
    expect(
      await refused({ target: {}, action: { type: 'error', error: 'NOT_A_KAFKA_ERROR' } })
    ).toEqual({
      status: 400,
      field: 'action.error'
    })
    expect(
      await refused({ target: { topic: 'absent' }, action: { type: 'closeConnection' } })
    ).toEqual({
      status: 400,
      field: 'target.topic'
    })
    expect(await refused({ target: { brokerId: 7 }, action: { type: 'closeConnection' } })).toEqual(
      {
        status: 400,
        field: 'target.brokerId'
      }
    )
    expect(
      await refused({ target: {}, action: { type: 'closeConnection' }, probability: 1.5 })
    ).toEqual({ status: 400, field: 'probability' })
    expect((await call('faults.list', {})).faults).toEqual([])
  })
})
