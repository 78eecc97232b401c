// controller_mutation_rate quotas (KIP-599) as real clients meet them: @platformatic/kafka's admin
// sets the quota on the default client id (each client id then has its own token bucket of
// quota x 11 samples of 100 ms = 11 partitions here, refilled at 10 per second), and its
// CreateTopics, CreatePartitions and DeleteTopics requests show Kafka's rules: from CreateTopics
// v6, CreatePartitions v3 and DeleteTopics v5 the topics are accepted while the bucket is not in
// debt (the one that puts it in debt included) and the rest are refused with
// THROTTLING_QUOTA_EXCEEDED and a throttle of the debt's refill time; older versions accept every
// topic and are throttled, as librdkafka's admin (CreateTopics v4) sees through throttle_cb.
// Asserted on error codes, what exists afterwards and throttle_time_ms.
import { afterEach, describe, expect, it } from 'vitest'
import {
  Admin,
  Connection,
  createPartitionsV2,
  createPartitionsV3,
  createTopicsV5,
  createTopicsV7,
  deleteTopicsV4,
  deleteTopicsV6
} from '@platformatic/kafka'
import { startTestCluster } from '../../support/cluster'
import { python } from '../../support/external-clients'

const closing: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close()
})

const THROTTLED = 89
/** No assignment: the broker places new partitions (an empty list would assign none). */
const PLACED = null as unknown as []

/** The answer, also when it carries per-topic errors (which the client throws with it). */
async function answer<T>(request: Promise<T>): Promise<T> {
  return request.catch((err: { response?: T }) => {
    if (!err.response) throw err
    return err.response
  })
}

describe('controller_mutation_rate quotas with real clients', () => {
  it('refuses or throttles topic mutations beyond the rate, as each version asks', async () => {
    const c = await startTestCluster({ quotaWindow: { samples: 11, sampleMs: 100 } })
    closing.push(() => c.close())
    const admin = new Admin({ clientId: 'quota-admin', bootstrapBrokers: c.bootstrap.split(',') })
    closing.push(() => admin.close())
    await admin.alterClientQuotas({
      entries: [
        {
          entities: [{ entityType: 'client-id', entityName: null }],
          ops: [{ key: 'controller_mutation_rate', value: 10, remove: false }]
        }
      ]
    })
    const described = await admin.describeClientQuotas({
      components: [{ entityType: 'client-id', matchType: 1 }]
    })
    expect(described.map((e) => e.values)).toEqual([
      [{ key: 'controller_mutation_rate', value: 10 }]
    ])
    const connect = async (clientId: string) => {
      const connection = new Connection(clientId)
      await connection.connect(c.listeners[0].host, c.listeners[0].port)
      closing.push(() => connection.close())
      return connection
    }
    const newTopic = (name: string, numPartitions: number) => ({
      name,
      numPartitions,
      replicationFactor: 1,
      assignments: [],
      configs: []
    })

    // CreateTopics v7: 6 and 15 partitions go in (11 - 6 - 15 = -10), the third is refused and
    // the answer throttled until the 10 tokens of debt are back (1 s at 10 per second).
    const strict = await answer(
      createTopicsV7.api.async(
        await connect('create-v7'),
        [newTopic('s1', 6), newTopic('s2', 15), newTopic('s3', 1)],
        10_000,
        false
      )
    )
    expect(strict.topics.map((t) => [t.name, t.errorCode])).toEqual([
      ['s1', 0],
      ['s2', 0],
      ['s3', THROTTLED]
    ])
    expect(strict.topics[2].errorMessage).toBe('The throttling quota has been exceeded.')
    expect(strict.throttleTimeMs).toBeGreaterThan(0)
    expect(strict.throttleTimeMs).toBeLessThanOrEqual(1000)
    expect(c.engine.topic('s3')).toBeUndefined()

    // CreateTopics v5 knows no such error: both topics are created, and the answer throttled
    // for the debt (11 - 12 - 10 = -11 tokens: 1.1 s).
    const old = await answer(
      createTopicsV5.api.async(
        await connect('create-v5'),
        [newTopic('o1', 12), newTopic('o2', 10)],
        10_000,
        false
      )
    )
    expect(old.topics.map((t) => t.errorCode)).toEqual([0, 0])
    expect(old.throttleTimeMs).toBeGreaterThan(1000)
    expect(old.throttleTimeMs).toBeLessThanOrEqual(1100)

    // CreatePartitions v3 counts the partitions added: 11, then 10, then refused.
    for (const name of ['p1', 'p2', 'p3'])
      c.engine.createTopic({ name, partitions: 1, replicationFactor: 1 })
    const grown = await answer(
      createPartitionsV3.api.async(
        await connect('partitions-v3'),
        [
          { name: 'p1', count: 12, assignments: PLACED },
          { name: 'p2', count: 11, assignments: PLACED },
          { name: 'p3', count: 2, assignments: PLACED }
        ],
        10_000,
        false
      )
    )
    expect(grown.results.map((r) => r.errorCode)).toEqual([0, 0, THROTTLED])
    expect(grown.throttleTimeMs).toBeGreaterThan(0)
    expect(c.engine.topic('p3')?.partitions).toHaveLength(1)
    // ... and v2 grows them all, throttled.
    const grownOld = await answer(
      createPartitionsV2.api.async(
        await connect('partitions-v2'),
        [
          { name: 'p3', count: 13, assignments: PLACED },
          { name: 'o2', count: 11, assignments: PLACED }
        ],
        10_000,
        false
      )
    )
    expect(grownOld.results.map((r) => r.errorCode)).toEqual([0, 0])
    expect(grownOld.throttleTimeMs).toBeGreaterThan(0)

    // DeleteTopics v6 counts each topic's partitions: s1 (6) and s2 (15) go, p1 (12) stays.
    const deleted = await answer(
      deleteTopicsV6.api.async(
        await connect('delete-v6'),
        ['s1', 's2', 'p1'].map((name) => ({ name, topicId: null as unknown as string })),
        10_000
      )
    )
    expect(deleted.responses.map((r) => [r.name, r.errorCode])).toEqual([
      ['s1', 0],
      ['s2', 0],
      ['p1', THROTTLED]
    ])
    expect(deleted.throttleTimeMs).toBeGreaterThan(0)
    expect(c.engine.topic('p1')).toBeDefined()
    // ... and v4 deletes them all, throttled.
    const deletedOld = await answer(
      deleteTopicsV4.api.async(await connect('delete-v4'), [{ name: 'p1' }, { name: 'p2' }], 10_000)
    )
    expect(deletedOld.responses.map((r) => r.errorCode)).toEqual([0, 0])
    expect(deletedOld.throttleTimeMs).toBeGreaterThan(0)
    expect(c.engine.topic('p1')).toBeUndefined()

    // The broker's own account: each client id counted on its own, the refusals throttled.
    const use = await c.service.call('quotas.list', {})
    const strictUse = use.use.find((u) => u.entity['client-id'] === 'create-v7')
    expect(strictUse).toMatchObject({ key: 'controller_mutation_rate', quota: 10 })
    expect(strictUse!.throttleMsTotal).toBeGreaterThan(0)
  })

  it("throttles librdkafka's CreateTopics (v4: no such error) and reports it to throttle_cb", async () => {
    const c = await startTestCluster({ quotaWindow: { samples: 11, sampleMs: 100 } })
    closing.push(() => c.close())
    c.engine.alterClientQuotas([
      { entity: { 'client-id': 'rdkafka-admin' }, values: { controller_mutation_rate: 10 } }
    ])
    // 12 and 10 partitions against a bucket of 11: both created, 11 tokens of debt (1.1 s).
    const r = await python(
      `
import json, sys
from confluent_kafka.admin import AdminClient, NewTopic
throttles = []
a = AdminClient({'bootstrap.servers': sys.argv[1], 'client.id': 'rdkafka-admin',
                 'throttle_cb': lambda e: throttles.append(int(e.throttle_time * 1000))})
fs = a.create_topics([NewTopic('r1', 12, 1), NewTopic('r2', 10, 1)], operation_timeout=10)
errors = {}
for t, f in fs.items():
    try:
        f.result(20)
        errors[t] = None
    except Exception as e:
        errors[t] = str(e)
a.poll(1)
print(json.dumps({'errors': errors, 'throttles': throttles}))
`,
      [c.bootstrap],
      60_000
    )
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as {
      errors: Record<string, string | null>
      throttles: number[]
    }
    expect(out.errors).toEqual({ r1: null, r2: null })
    expect(c.engine.topic('r2')?.partitions).toHaveLength(10)
    expect(out.throttles.filter((t) => t > 0)).toHaveLength(1)
    expect(out.throttles.find((t) => t > 0)).toBeGreaterThan(1000)
    expect(out.throttles.find((t) => t > 0)).toBeLessThanOrEqual(1100)
  })
})
