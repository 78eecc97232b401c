// A fault on one topic of a request that names several fails only that topic's part, as Kafka
// answers each topic and partition on its own: a kafkajs batch to two topics writes the other
// topic's records, and a kcat consumer of both reads the other topic while fetches of the
// targeted one are refused. (kafkajs drops a whole fetch response when one partition has an
// error, so it cannot show the latter.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel } from 'kafkajs'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat } from '../../support/external-clients'
import { waitFor } from '../../support/wait-for'

let cluster: TestCluster
beforeAll(async () => {
  // One broker: every partition has the same leader, so a client sends one request for all.
  cluster = await startTestCluster({ brokers: 1 })
})
afterAll(async () => {
  await cluster?.close()
})

const call = <M extends Parameters<TestCluster['service']['call']>[0]>(
  method: M,
  params: unknown
) => cluster.service.call(method, params)

async function values(topic: string): Promise<string[]> {
  const d = await call('topics.describe', { name: topic })
  const out: string[] = []
  for (const p of d.partitions) {
    const r = await call('messages.read', {
      topic,
      partition: p.partition,
      from: 'earliest',
      limit: 100
    })
    out.push(...r.records.map((x) => x.value ?? ''))
  }
  return out.sort()
}

describe('a fault on one topic of a multi-topic request', () => {
  it('refuses only that topic of a produce: the other topic of the batch is written', async () => {
    for (const name of ['ot-orders', 'ot-audit'])
      await call('topics.create', { name, partitions: 2, replicationFactor: 1 })
    await call('faults.inject', {
      target: { apiKey: 'Produce', topic: 'ot-audit' },
      action: { type: 'error', error: 'TOPIC_AUTHORIZATION_FAILED' }
    })
    try {
      const kafka = new Kafka({
        brokers: [cluster.bootstrap],
        logLevel: logLevel.NOTHING,
        retry: { retries: 0 }
      })
      const producer = kafka.producer()
      await producer.connect()
      const err = await producer
        .sendBatch({
          topicMessages: [
            {
              topic: 'ot-orders',
              messages: [
                { key: 'a', value: 'o1' },
                { key: 'b', value: 'o2' }
              ]
            },
            { topic: 'ot-audit', messages: [{ key: 'a', value: 'a1' }] }
          ]
        })
        .catch((e: unknown) => e)
      await producer.disconnect()
      expect(String(err)).toMatch(/not authorized to access topics/i)
      expect(await values('ot-orders')).toEqual(['o1', 'o2'])
      expect(await values('ot-audit')).toEqual([])
      expect((await call('faults.list', {})).faults[0].hits).toBe(1)
    } finally {
      await call('faults.clear', {})
    }
  })

  it('refuses only the targeted partition of a fetch: a kcat consumer of both topics reads the other', async () => {
    for (const name of ['ot-in', 'ot-stuck'])
      await call('topics.create', { name, partitions: 1, replicationFactor: 1 })
    await kcat(['-P', '-b', cluster.bootstrap, '-t', 'ot-stuck'], 'stuck-1\n')
    await call('faults.inject', {
      target: { apiKey: 'Fetch', topic: 'ot-stuck', partition: 0 },
      action: { type: 'error', error: 'NOT_LEADER_OR_FOLLOWER' }
    })
    try {
      // The consumer is refused the targeted partition first; the other topic's records are
      // written only then, so the first two records it reads can only be those.
      const group = ['-b', cluster.bootstrap, '-G', 'ot-reader', '-o', 'beginning', '-f', '%s\n']
      const consumer = kcat([...group, '-c', '2', 'ot-in', 'ot-stuck'], undefined, 60_000)
      await waitFor(
        'a fetch of the targeted partition refused',
        async () => (await call('faults.list', {})).faults[0].hits > 0,
        60_000
      )
      await kcat(
        ['-P', '-b', cluster.bootstrap, '-t', 'ot-in', '-X', 'linger.ms=5'],
        'in-1\nin-2\n'
      )
      const r = await consumer
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout.split('\n').filter(Boolean)).toEqual(['in-1', 'in-2'])
    } finally {
      await call('faults.clear', {})
    }
  })
})
