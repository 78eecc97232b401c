// request_percentage quotas as real clients meet them: @platformatic/kafka's admin sets and
// describes the quota (AlterClientQuotas, DescribeClientQuotas), and a confluent-kafka-python
// producer sending one Produce request per record under it is told to back off through
// throttle_time_ms (librdkafka's throttle_cb), each throttle at most one quota sample as Kafka
// bounds it, while a client id without a quota is never throttled. Asserted on the throttle times
// reported, not on how long anything took.
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
