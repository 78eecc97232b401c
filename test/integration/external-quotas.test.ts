// A real cluster's client quotas through a connection, over the Kafka protocol only (the cluster
// here is a second embedded one, reached as a Kafka cluster): set for users, client ids, both,
// IPs and their defaults, listed, removed (null), and enforced by the cluster on a
// confluent-kafka producer that it throttles, until the quota is removed. A real cluster does
// not tell its clients' use; invalid input is refused naming the field, and what the cluster
// refuses says which entity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { addKafkaConnection } from '../support/external-connection'
import { python } from '../support/external-clients'
import { ApiError } from '../../src/shared/errors'
import type { ClientQuotaInfo, QuotasResults } from '../../src/shared/api/quotas'

const RECORDS = 100
const RECORD_BYTES = 1000

/** Produces RECORDS records of RECORD_BYTES with a client id; prints the throttle times (ms). */
const PRODUCE = `
import json, sys
from confluent_kafka import Producer
bootstrap, topic, client_id, count, size = sys.argv[1:6]
throttled = []
p = Producer({'bootstrap.servers': bootstrap, 'client.id': client_id, 'linger.ms': 20,
              'batch.size': 16384,
              'throttle_cb': lambda e: throttled.append(int(e.throttle_time * 1000))})
for i in range(int(count)):
    p.produce(topic, value=b'x' * int(size))
    p.poll(0)
p.flush(120)
print(json.dumps(throttled))
`

async function throttleTimes(kafka: TestCluster, clientId: string): Promise<number[]> {
  const r = await python(
    PRODUCE,
    [kafka.bootstrap, 'limited', clientId, String(RECORDS), String(RECORD_BYTES)],
    120_000
  )
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '[]') as number[]
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal')
    },
    (err: unknown) => err as ApiError
  )

/** Quotas in one order, whatever order the cluster lists them in. */
const sorted = (quotas: ClientQuotaInfo[]) => {
  const key = (q: ClientQuotaInfo) =>
    JSON.stringify([q.entity.user, q.entity['client-id'], q.entity.ip])
  return [...quotas].sort((a, b) => key(a).localeCompare(key(b)))
}

describe('client quotas of an external cluster', () => {
  let kafka: TestCluster
  let console_: TestCluster
  let connection: string
  const call = <M extends keyof QuotasResults>(method: M, params: object) =>
    console_.service.callByName(method, { connection, ...params }) as Promise<QuotasResults[M]>

  beforeAll(async () => {
    // A short quota window (11 samples of 100 ms): a small burst is enough to be throttled.
    kafka = await startTestCluster({ quotaWindow: { samples: 11, sampleMs: 100 } })
    console_ = await startTestCluster({ brokers: 1 })
    kafka.engine.createTopic({ name: 'limited', partitions: 1, replicationFactor: 1 })
    connection = await addKafkaConnection(console_, 'Remote', kafka)
  })
  afterAll(async () => {
    await console_?.close()
    await kafka?.close()
  })

  it('sets quotas for every entity type and default, lists them, and removes one', async () => {
    expect(await call('quotas.list', {})).toEqual({ quotas: [], use: [] })

    await call('quotas.alter', {
      entity: { user: 'alice' },
      values: { producer_byte_rate: 1048576, consumer_byte_rate: 2097152 }
    })
    await call('quotas.alter', { entity: { user: null }, values: { producer_byte_rate: 524288 } })
    await call('quotas.alter', {
      entity: { 'client-id': 'reports' },
      values: { request_percentage: 50, controller_mutation_rate: 10 }
    })
    await call('quotas.alter', {
      entity: { 'client-id': null },
      values: { producer_byte_rate: 262144 }
    })
    await call('quotas.alter', {
      entity: { user: 'alice', 'client-id': 'reports' },
      values: { consumer_byte_rate: 65536 }
    })
    await call('quotas.alter', {
      entity: { ip: '10.0.0.7' },
      values: { connection_creation_rate: 20 }
    })
    const listed = await call('quotas.alter', {
      entity: { ip: null },
      values: { connection_creation_rate: 100 }
    })
    const expected: ClientQuotaInfo[] = [
      {
        entity: { user: 'alice' },
        values: { producer_byte_rate: 1048576, consumer_byte_rate: 2097152 }
      },
      { entity: { user: null }, values: { producer_byte_rate: 524288 } },
      {
        entity: { 'client-id': 'reports' },
        values: { request_percentage: 50, controller_mutation_rate: 10 }
      },
      { entity: { 'client-id': null }, values: { producer_byte_rate: 262144 } },
      { entity: { user: 'alice', 'client-id': 'reports' }, values: { consumer_byte_rate: 65536 } },
      { entity: { ip: '10.0.0.7' }, values: { connection_creation_rate: 20 } },
      { entity: { ip: null }, values: { connection_creation_rate: 100 } }
    ]
    expect(listed.use).toEqual([])
    expect(sorted(listed.quotas)).toEqual(sorted(expected))
    expect(sorted((await call('quotas.list', {})).quotas)).toEqual(sorted(expected))
    // The target cluster itself holds them.
    expect(sorted(kafka.engine.clientQuotas())).toEqual(sorted(expected))

    // null removes one key; an entity left without any is gone.
    const one = await call('quotas.alter', {
      entity: { user: 'alice' },
      values: { consumer_byte_rate: null }
    })
    expect(one.quotas.find((q) => q.entity.user === 'alice' && !q.entity['client-id'])).toEqual({
      entity: { user: 'alice' },
      values: { producer_byte_rate: 1048576 }
    })
    const removed = await call('quotas.alter', {
      entity: { ip: '10.0.0.7' },
      values: { connection_creation_rate: null }
    })
    expect(removed.quotas.some((q) => q.entity.ip === '10.0.0.7')).toBe(false)
    expect(kafka.engine.clientQuotas().some((q) => q.entity.ip === '10.0.0.7')).toBe(false)
  })

  it('the cluster throttles a producer over the quota set through the console, until it is removed', async () => {
    // The default user's quota would bind every unauthenticated client before a client id's.
    await call('quotas.alter', { entity: { user: null }, values: { producer_byte_rate: null } })
    await call('quotas.alter', {
      entity: { 'client-id': 'slow-producer' },
      values: { producer_byte_rate: 20000 }
    })
    // 100 kB at 20 kB/s: the cluster tells the producer to wait, several seconds in all.
    const throttled = await throttleTimes(kafka, 'slow-producer')
    expect(throttled.filter((t) => t > 0).length).toBeGreaterThan(0)
    expect(throttled.reduce((a, b) => a + b, 0)).toBeGreaterThan(1000)

    await call('quotas.alter', {
      entity: { 'client-id': 'slow-producer' },
      values: { producer_byte_rate: null }
    })
    // The default client-id quota (256 kB/s) set above is what binds it now: not throttled.
    const free = await throttleTimes(kafka, 'slow-producer')
    expect(free.filter((t) => t > 0)).toEqual([])
  })

  it('refuses invalid input naming the field, and says which entity the cluster refused', async () => {
    const negative = await failure(
      call('quotas.alter', { entity: { user: 'bob' }, values: { producer_byte_rate: -5 } })
    )
    expect(negative.code).toBe('BAD_REQUEST')
    expect(negative.message).toContain('values.producer_byte_rate')
    const ip = await failure(
      call('quotas.alter', { entity: { ip: 'not-an-ip' }, values: { connection_creation_rate: 5 } })
    )
    expect(ip.code).toBe('BAD_REQUEST')
    expect(ip.message).toContain('entity.ip')
    // A connection rate is an IP's quota: the cluster refuses it for a user.
    const refused = await failure(
      call('quotas.alter', { entity: { user: 'bob' }, values: { connection_creation_rate: 5 } })
    )
    expect(refused).toBeInstanceOf(ApiError)
    expect(refused.code).toBe('BAD_REQUEST')
    expect(refused.message).toMatch(/^quotas\.alter user 'bob': INVALID_REQUEST/)
  })
})
