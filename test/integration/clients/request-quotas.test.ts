// request_percentage quotas as real clients meet them: @platformatic/kafka's admin sets and
// describes the quota (AlterClientQuotas, DescribeClientQuotas), and a confluent-kafka-python
// producer sending one Produce request per record under it is told to back off through
// throttle_time_ms (librdkafka's throttle_cb), each throttle at most one quota sample as Kafka
// bounds it, while a client id without a quota is never throttled; its AdminClient creating 1,000
// topics in one CreateTopics request, which the broker handles in 20 ms slices, is throttled for
// the work of all the slices. Asserted on the throttle times reported, not on how long anything
// took.
import { describe, expect, it } from 'vitest'
import type { TestCluster } from '../../support/cluster'
import { python } from '../../support/external-clients'
import { quotaClusterPerTest } from '../../support/quota-cluster'

const startQuotaCluster = quotaClusterPerTest()

const RECORDS = 100

// Produces RECORDS records one request at a time (a flush after each); prints the throttle
// times (ms) librdkafka reported.
const SCRIPT = `
import json, sys
from confluent_kafka import Producer
bootstrap, topic, client_id, count = sys.argv[1:5]
throttles = []
p = Producer({'bootstrap.servers': bootstrap, 'client.id': client_id, 'linger.ms': 0,
              'throttle_cb': lambda e: throttles.append(int(e.throttle_time * 1000))})
delivered = []
for i in range(int(count)):
    p.produce(topic, value=b'v%d' % i, on_delivery=lambda err, m: delivered.append(err is None))
    p.flush(30)
p.poll(0)
print(json.dumps({'throttles': throttles, 'delivered': sum(delivered)}))
`

async function produce(c: TestCluster, topic: string, clientId: string) {
  const r = await python(SCRIPT, [c.bootstrap, topic, clientId, String(RECORDS)], 180_000)
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as {
    throttles: number[]
    delivered: number
  }
}

describe('request_percentage quotas with real clients', () => {
  it('throttles a client over its share of request handling time, and no one else', async () => {
    // A short quota window (11 samples of 100 ms): a throttle is at most one sample, 100 ms.
    const { cluster: c, admin } = await startQuotaCluster()
    // 0.1 % of one handler: a millisecond of handling per second.
    await admin.alterClientQuotas({
      entries: [
        {
          entities: [{ entityType: 'client-id', entityName: 'busy' }],
          ops: [{ key: 'request_percentage', value: 0.1, remove: false }]
        }
      ]
    })
    const described = await admin.describeClientQuotas({
      components: [{ entityType: 'client-id', matchType: 0, match: 'busy' }]
    })
    expect(described.map((e) => e.values)).toEqual([[{ key: 'request_percentage', value: 0.1 }]])
    c.engine.createTopic({ name: 'requests', partitions: 1, replicationFactor: 1 })

    const busy = await produce(c, 'requests', 'busy')
    const idle = await produce(c, 'requests', 'idle')
    expect(busy.delivered).toBe(RECORDS)
    expect(idle.delivered).toBe(RECORDS)
    expect(busy.throttles.filter((t) => t > 0).length).toBeGreaterThan(0)
    expect(Math.max(...busy.throttles)).toBeLessThanOrEqual(100)
    expect(idle.throttles.filter((t) => t > 0)).toEqual([])

    // The broker's own account of the same.
    const use = await c.service.call('quotas.list', {})
    const busyUse = use.use.find((u) => u.entity['client-id'] === 'busy')
    expect(busyUse).toMatchObject({ key: 'request_percentage', quota: 0.1, bytesPerSec: 0 })
    expect(busyUse!.throttleMsTotal).toBeGreaterThanOrEqual(
      busy.throttles.reduce((a, b) => a + b, 0)
    )
    expect(use.use.find((u) => u.entity['client-id'] === 'idle')).toBeUndefined()
  })
})

// Creates `count` topics of 16 partitions in one CreateTopics request; prints how many were
// created and the throttle times (ms) librdkafka reported.
const CREATE_TOPICS = `
import json, sys
from confluent_kafka.admin import AdminClient, NewTopic
bootstrap, client_id, count = sys.argv[1:4]
throttles = []
a = AdminClient({'bootstrap.servers': bootstrap, 'client.id': client_id,
                 'throttle_cb': lambda e: throttles.append(int(e.throttle_time * 1000))})
futures = a.create_topics([NewTopic('sliced-%d' % i, 16, 1) for i in range(int(count))],
                          request_timeout=120)
created = 0
for f in futures.values():
    f.result()
    created += 1
a.poll(1)
print(json.dumps({'created': created, 'throttles': throttles}))
`

describe('request_percentage and requests handled in slices', () => {
  it("counts every slice of a CreateTopics request's work, not just the first", async () => {
    const { cluster: c, admin } = await startQuotaCluster()
    // 30 % of one handler: over the window's 1 s, 300 ms of handling. Creating 1000 topics
    // (max.topics.per.request) takes many 20 ms slices, and longer than that; the first slice
    // alone stays well within it.
    await admin.alterClientQuotas({
      entries: [
        {
          entities: [{ entityType: 'client-id', entityName: 'creator' }],
          ops: [{ key: 'request_percentage', value: 10, remove: false }]
        }
      ]
    })
    const r = await python(CREATE_TOPICS, [c.bootstrap, 'creator', '1000'], 180_000)
    expect(r.code, r.stderr).toBe(0)
    const result = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as {
      created: number
      throttles: number[]
    }
    expect(result.created).toBe(1000)
    const use = (await c.service.call('quotas.list', {})).use.find(
      (u) => u.entity['client-id'] === 'creator'
    )
    expect(result.throttles.filter((t) => t > 0).length).toBeGreaterThan(0)
    expect(use?.throttleMsTotal).toBeGreaterThan(0)
  })
})
