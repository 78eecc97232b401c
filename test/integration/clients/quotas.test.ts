// Client quotas as real clients meet them: @platformatic/kafka's admin sets and describes
// producer_byte_rate / consumer_byte_rate (AlterClientQuotas, DescribeClientQuotas), and a
// confluent-kafka-python producer and consumer under them are told to back off through
// throttle_time_ms (librdkafka's throttle_cb), enough to hold them near the quota, while a client
// id without a quota is never throttled. Asserted on the bytes and throttle times reported, not on
// how long anything took.
import { describe, expect, it } from 'vitest'
import type { TestCluster } from '../../support/cluster'
import { python } from '../../support/external-clients'
import { quotaClusterPerTest } from '../../support/quota-cluster'

const startQuotaCluster = quotaClusterPerTest()

const RECORD_BYTES = 1000
const RECORDS = 1500

// Produces RECORDS records of RECORD_BYTES with one client id, then reads them back with
// another; prints the throttle times (ms) librdkafka reported for each.
const SCRIPT = `
import json, sys
from confluent_kafka import Producer, Consumer
bootstrap, topic, producer_id, consumer_id, count, size = sys.argv[1:7]
count, size = int(count), int(size)
produced, consumed = [], []
p = Producer({'bootstrap.servers': bootstrap, 'client.id': producer_id, 'linger.ms': 20,
              'batch.size': 16384,
              'throttle_cb': lambda e: produced.append(int(e.throttle_time * 1000))})
for i in range(count):
    p.produce(topic, value=b'x' * size, key=str(i).encode())
    p.poll(0)
p.flush(120)
c = Consumer({'bootstrap.servers': bootstrap, 'client.id': consumer_id, 'group.id': consumer_id,
              'auto.offset.reset': 'earliest', 'max.partition.fetch.bytes': 32768,
              'fetch.max.bytes': 65536, 'message.max.bytes': 65536,
              'throttle_cb': lambda e: consumed.append(int(e.throttle_time * 1000))})
c.subscribe([topic])
read = 0
while read < count:
    m = c.poll(1.0)
    if m is not None and m.error() is None:
        read += 1
c.close()
print(json.dumps({'produced': produced, 'consumed': consumed, 'read': read}))
`

interface Reported {
  produced: number[]
  consumed: number[]
  read: number
}

async function run(c: TestCluster, topic: string, producerId: string, consumerId: string) {
  const r = await python(
    SCRIPT,
    [c.bootstrap, topic, producerId, consumerId, String(RECORDS), String(RECORD_BYTES)],
    180_000
  )
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as Reported
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

describe('client quotas with real clients', () => {
  it('throttles a producer and a consumer over their byte rates, and no one else', async () => {
    // A short quota window (11 samples of 100 ms), so that the test need not move tens of
    // megabytes; the clients send and fetch small batches, each throttled at most 1.1 s.
    const { cluster: c, admin } = await startQuotaCluster()
    const QUOTA = 100_000
    await admin.alterClientQuotas({
      entries: [
        {
          entities: [{ entityType: 'client-id', entityName: 'slow-producer' }],
          ops: [{ key: 'producer_byte_rate', value: QUOTA, remove: false }]
        },
        {
          entities: [{ entityType: 'client-id', entityName: 'slow-consumer' }],
          ops: [{ key: 'consumer_byte_rate', value: QUOTA * 2, remove: false }]
        }
      ]
    })
    const described = await admin.describeClientQuotas({
      components: [{ entityType: 'client-id', matchType: 2 }]
    })
    expect(
      described.map((e) => [e.entity[0].entityName, e.values[0].key, e.values[0].value]).sort()
    ).toEqual([
      ['slow-consumer', 'consumer_byte_rate', QUOTA * 2],
      ['slow-producer', 'producer_byte_rate', QUOTA]
    ])
    c.engine.createTopic({ name: 'limited', partitions: 1, replicationFactor: 1 })
    c.engine.createTopic({ name: 'free', partitions: 1, replicationFactor: 1 })

    const limited = await run(c, 'limited', 'slow-producer', 'slow-consumer')
    const free = await run(c, 'free', 'fast-producer', 'fast-consumer')
    expect(limited.read).toBe(RECORDS)
    expect(free.read).toBe(RECORDS)

    // Over 1.5 MB at 100 kB/s is some 15 s of writing: the client is told to wait most of that
    // (the window lets the first 100 kB through at once). Reading at 200 kB/s: about 7 s.
    const bytes = RECORDS * RECORD_BYTES
    expect(limited.produced.filter((t) => t > 0).length).toBeGreaterThan(0)
    expect(sum(limited.produced)).toBeGreaterThan(((bytes / QUOTA) * 1000) / 2)
    expect(sum(limited.consumed)).toBeGreaterThan(((bytes / (QUOTA * 2)) * 1000) / 2)
    expect(free.produced.filter((t) => t > 0)).toEqual([])
    expect(free.consumed.filter((t) => t > 0)).toEqual([])

    // The broker's own account of the same.
    const use = await c.service.call('quotas.list', {})
    const producerUse = use.use.find((u) => u.entity['client-id'] === 'slow-producer')
    expect(producerUse).toMatchObject({ key: 'producer_byte_rate', quota: QUOTA })
    expect(producerUse!.throttleMsTotal).toBeGreaterThanOrEqual(sum(limited.produced))
  })
})
