// `logdeck serve --brokers 12` in three racks of four, the cluster one simulates for rack-aware
// placement and reassignment: confluent-kafka-python creates a topic of 24 partitions with
// replication factor 3, kcat produces keyed records in batches (linger.ms) through one broker
// and reads them back whole through another, with every partition's replicas in three racks and
// every broker leading two. A broker stopped hands its leaderships to the others, as kcat's
// metadata then shows, and the topic is still written and read whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callApi, startServe, type ServeProcess } from '../../support/serve-process'
import { kcat, python } from '../../support/external-clients'
import { waitForValue } from '../../support/wait-for'

const BROKERS = 12
const IDS = Array.from({ length: BROKERS }, (_, i) => i)
const rackOf = (id: number): string => ['a', 'b', 'c'][Math.floor(id / 4)]
const TOPIC = 'orders'

let server: ServeProcess
let addresses: string[]

beforeAll(async () => {
  server = await startServe([
    '--in-memory',
    '--brokers',
    String(BROKERS),
    '--broker-rack',
    IDS.map((id) => `${id}=${rackOf(id)}`).join(','),
    '--port',
    '0',
    '--ui-port',
    '0',
    '--no-schema-registry'
  ])
  addresses = server.bootstrap.split(',')
}, 60_000)
afterAll(async () => {
  await server?.stop()
})

interface KcatMetadata {
  brokers: { id: number; name: string }[]
  topics: {
    topic: string
    partitions: { partition: number; leader: number; replicas: { id: number }[] }[]
  }[]
}

/** The cluster as kcat's Metadata through `address` gives it: brokers, and each partition. */
async function metadata(address: string) {
  const r = await kcat(['-b', address, '-L', '-J', '-t', TOPIC])
  expect(r.code, r.stderr).toBe(0)
  const m = JSON.parse(r.stdout) as KcatMetadata
  const partitions = m.topics[0].partitions
    .sort((x, y) => x.partition - y.partition)
    .map((p) => ({ leader: p.leader, replicas: p.replicas.map((x) => x.id) }))
  return { brokers: m.brokers.map((b) => b.id).sort((a, b) => a - b), partitions }
}

/** Produces `count` keyed records `KEY:VALUE` in batches through `address`; their values. */
async function produce(address: string, prefix: string, count: number): Promise<string[]> {
  const values = Array.from({ length: count }, (_, i) => `${prefix}-${i}`)
  const lines = values.map((v, i) => `key-${i % 40}:${v}`).join('\n')
  const r = await kcat(
    ['-b', address, '-P', '-t', TOPIC, '-K', ':', '-X', 'linger.ms=100', '-X', 'acks=all'],
    `${lines}\n`
  )
  expect(r.code, r.stderr).toBe(0)
  return values
}

/** Every record of the topic read through `address`, as KEY:VALUE lines. */
async function readAll(address: string): Promise<string[]> {
  const r = await kcat(['-b', address, '-C', '-t', TOPIC, '-o', 'beginning', '-e', '-q', '-K', ':'])
  expect(r.code, r.stderr).toBe(0)
  return r.stdout.split('\n').filter((l) => l !== '')
}

describe('a 12-broker cluster', () => {
  it('creates 24 partitions over three racks, two led by each broker, and reads back batches whole', async () => {
    const created = await python(
      `
import sys
from confluent_kafka.admin import AdminClient, NewTopic
admin = AdminClient({'bootstrap.servers': sys.argv[1]})
for f in admin.create_topics([NewTopic(sys.argv[2], 24, 3)]).values():
    f.result()
print('created')
`,
      [addresses[0], TOPIC]
    )
    expect(created.stdout.trim(), created.stderr).toBe('created')
    const { brokers, partitions } = await metadata(addresses[7])
    expect(brokers).toEqual(IDS)
    expect(partitions).toHaveLength(24)
    for (const p of partitions) {
      expect(new Set(p.replicas).size).toBe(3)
      expect(new Set(p.replicas.map(rackOf)).size).toBe(3)
      expect(p.leader).toBe(p.replicas[0])
    }
    for (const id of IDS) expect(partitions.filter((p) => p.leader === id)).toHaveLength(2)

    const values = await produce(addresses[3], 'first', 1200)
    const read = await readAll(addresses[10])
    expect(read).toHaveLength(values.length)
    expect(read.map((l) => l.split(':')[1]).sort()).toEqual([...values].sort())
    // Keyed: every record of a key went to one partition, so a key's records are in order.
    const byKey = new Map<string, number[]>()
    for (const l of read) {
      const [key, value] = l.split(':')
      byKey.set(key, [...(byKey.get(key) ?? []), Number(value.split('-')[1])])
    }
    expect(byKey.size).toBe(40)
    for (const seq of byKey.values()) expect(seq).toEqual([...seq].sort((a, b) => a - b))
  })

  it("moves a stopped broker's leaderships to the others and keeps the topic whole", async () => {
    const victim = 5
    const before = (await metadata(addresses[0])).partitions
    const led = before.flatMap((p, i) => (p.leader === victim ? [i] : []))
    expect(led).toHaveLength(2)
    await callApi(server, 'brokers.stop', { brokerId: victim })
    const after = await waitForValue(`kcat's metadata without broker ${victim}`, async () => {
      const m = await metadata(addresses[1])
      return m.brokers.includes(victim) ? undefined : m
    })
    expect(after.brokers).toEqual(IDS.filter((id) => id !== victim))
    for (const i of led) {
      expect(after.partitions[i].leader).not.toBe(victim)
      expect(before[i].replicas).toContain(after.partitions[i].leader)
    }
    for (const [i, p] of after.partitions.entries())
      if (!led.includes(i)) expect(p.leader).toBe(before[i].leader)

    const more = await produce(addresses[2], 'second', 300)
    const read = (await readAll(addresses[11])).map((l) => l.split(':')[1])
    expect(read).toHaveLength(1500)
    for (const v of more) expect(read).toContain(v)
  })
})
