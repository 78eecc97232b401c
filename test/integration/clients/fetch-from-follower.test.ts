// Fetching from followers (KIP-392) with real clients: kcat produces batches (linger.ms) into a
// partition led by broker 0 with followers on brokers 1 and 2, each broker in its own rack.
// confluent-kafka-python (librdkafka) consumes with client.rack set to broker 2's rack; its own
// statistics (statistics.interval.ms) say which broker it fetches the partition from and how many
// Fetch requests and bytes each broker answered. With Kafka's RackAwareReplicaSelector the
// records come from broker 2, each exactly once, also across broker 2 stopping (out of the ISR,
// while kcat goes on producing) and starting again; a follower held out of the ISR is not
// chosen, and without the selector every fetch goes to the leader. librdkafka 2.0.2 keeps
// fetching from the replica it was sent to while its leader stays (until a 5-minute lease ends),
// so a stopped follower pauses it until the follower is back. kafkajs (rackId) drops a preferred
// replica after metadataMaxAge and asks the leader again, which then serves it itself: with the
// follower stopped, it reads on from the leader without losing a record.
import { spawn } from 'node:child_process'
import { Kafka, logLevel } from 'kafkajs'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat } from '../../support/external-clients'
import { waitFor } from '../../support/wait-for'
import { RACK_AWARE_REPLICA_SELECTOR } from '../../../src/shared/kafka/rack-broker-configs'

const TOPIC = 'rack-orders'
const RACKS = ['rack-a', 'rack-b', 'rack-c']
const LEADER = 0
const FOLLOWER = 2

let cluster: TestCluster | undefined
const children: { kill(): void }[] = []
afterEach(async () => {
  for (const c of children.splice(0)) c.kill()
  await cluster?.close()
  cluster = undefined
})

/** A 100-byte value, so that record bytes dominate what each broker sends. */
const value = (i: number) => `v${i}:`.padEnd(100, '.')

async function produce(c: TestCluster, from: number, count: number) {
  const lines = Array.from({ length: count }, (_, i) => value(from + i))
  const res = await kcat(
    ['-b', c.bootstrap, '-P', '-t', TOPIC, '-p', '0', '-X', 'linger.ms=20'],
    lines.join('\n') + '\n',
    120_000
  )
  expect(res.code, res.stderr).toBe(0)
}

// Prints {"count", "broker"} as it goes, then the values and, from a statistics report taken
// after the last record, the broker it fetches from and each broker's Fetch requests and bytes.
const CONSUMER = `
import json, sys, time
from confluent_kafka import Consumer

bootstrap, topic, group, rack, want = sys.argv[1:6]
want = int(want)
seen = {'stats': None, 'reports': 0}
# librdkafka counts a broker's requests and bytes per connection: totals carry them over reconnects.
counted, carried = {}, {}
def on_stats(raw):
    s = json.loads(raw)
    seen['stats'] = s
    seen['reports'] += 1
    for b in s['brokers'].values():
        if b['nodeid'] < 0:
            continue
        now = (b['req'].get('Fetch', 0), b['rxbytes'])
        before = counted.get(b['nodeid'], (0, 0))
        if now[0] < before[0] or now[1] < before[1]:
            old = carried.get(b['nodeid'], (0, 0))
            carried[b['nodeid']] = (old[0] + before[0], old[1] + before[1])
        counted[b['nodeid']] = now
conf = {'bootstrap.servers': bootstrap, 'group.id': group, 'auto.offset.reset': 'earliest',
        'enable.auto.commit': False, 'statistics.interval.ms': 200, 'stats_cb': on_stats,
        'fetch.wait.max.ms': 100, 'topic.metadata.refresh.interval.ms': 1000}
if rack:
    conf['client.rack'] = rack
c = Consumer(conf)
c.subscribe([topic])

def fetching_from():
    s = seen['stats']
    if s is None:
        return None
    p = s.get('topics', {}).get(topic, {}).get('partitions', {}).get('0')
    return None if p is None else [p['broker'], p['leader']]

values = []
last = None
deadline = time.time() + 150
while len(values) < want and time.time() < deadline:
    m = c.poll(0.1)
    if m is not None:
        if m.error():
            print(json.dumps({'error': str(m.error())}), flush=True)
        else:
            values.append(m.value().decode())
    now = [len(values), fetching_from()]
    if now != last:
        print(json.dumps({'count': now[0], 'broker': now[1]}), flush=True)
        last = now
after = seen['reports']
while seen['reports'] < after + 2 and time.time() < deadline:
    c.poll(0.1)
brokers = {}
for nodeid, (fetches, rxbytes) in counted.items():
    old = carried.get(nodeid, (0, 0))
    brokers[nodeid] = {'fetches': old[0] + fetches, 'rxbytes': old[1] + rxbytes}
c.close()
print(json.dumps({'values': values, 'fetchingFrom': fetching_from(), 'brokers': brokers}), flush=True)
`

interface Progress {
  count: number
  broker: [fetching: number, leader: number] | null
}
interface Outcome {
  values: string[]
  fetchingFrom: [fetching: number, leader: number]
  brokers: Record<string, { fetches: number; rxbytes: number }>
}

/** Starts the consumer; `progress` follows its lines, `outcome` resolves with its last one. */
function consume(c: TestCluster, group: string, rack: string, want: number) {
  const child = spawn('/usr/bin/python3', [
    '-c',
    CONSUMER,
    c.bootstrap,
    TOPIC,
    group,
    rack,
    String(want)
  ])
  children.push(child)
  const progress: Progress = { count: 0, broker: null }
  let stderr = ''
  let buffered = ''
  const outcome = new Promise<Outcome>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      buffered += d
      let nl: number
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffered.slice(0, nl)) as Record<string, unknown>
        buffered = buffered.slice(nl + 1)
        if ('values' in line) resolve(line as unknown as Outcome)
        else if ('count' in line) Object.assign(progress, line)
      }
    })
    child.on('close', (code) => reject(new Error(`consumer exited ${code} early: ${stderr}`)))
  })
  return { progress, outcome }
}

/** Every value from 0 to count - 1, once each, in order (one partition). */
function expectEveryValueOnce(values: string[], count: number) {
  expect(values.length).toBe(count)
  expect(values).toEqual(Array.from({ length: count }, (_, i) => value(i)))
}

async function rackCluster(selector: boolean): Promise<TestCluster> {
  const c = await startTestCluster({
    brokerRacks: RACKS,
    brokerConfigs: selector ? { 'replica.selector.class': RACK_AWARE_REPLICA_SELECTOR } : {}
  })
  c.engine.createTopic({
    name: TOPIC,
    partitions: 1,
    replicationFactor: 3,
    assignment: [[0, 1, 2]]
  })
  return c
}

const isr = (c: TestCluster) => c.engine.topic(TOPIC)!.partitions[0].isr

describe("fetching from a follower in the client's rack (KIP-392)", () => {
  it('reads every record once from the follower in its rack, across the follower stopping and starting', async () => {
    cluster = await rackCluster(true)
    const c = cluster
    await produce(c, 0, 2000)
    const { progress, outcome } = consume(c, 'fff-group', RACKS[FOLLOWER], 4000)
    await waitFor(
      'the consumer at 2000 records, fetching from broker 2',
      () => progress.count >= 2000 && progress.broker?.[0] === FOLLOWER,
      60_000
    )
    expect(progress.broker).toEqual([FOLLOWER, LEADER])

    // Broker 2 stops: it leaves the ISR and kcat's acks=all batches go on without it.
    await c.service.call('brokers.stop', { brokerId: FOLLOWER })
    await waitFor('broker 2 out of the ISR', () => !isr(c).includes(FOLLOWER))
    await produce(c, 2000, 1000)
    // librdkafka stays with the replica it was sent to while the leader is unchanged.
    expect(progress).toEqual({ count: 2000, broker: [FOLLOWER, LEADER] })
    await c.service.call('brokers.start', { brokerId: FOLLOWER })
    await waitFor('broker 2 back in the ISR', () => isr(c).includes(FOLLOWER))
    await produce(c, 3000, 1000)

    const out = await outcome
    expectEveryValueOnce(out.values, 4000)
    expect(out.fetchingFrom).toEqual([FOLLOWER, LEADER])
    const { brokers } = out
    // The records came from broker 2; the leader only named it (and served the group's requests).
    expect(brokers[FOLLOWER].rxbytes).toBeGreaterThan(4000 * 100)
    expect(brokers[LEADER].rxbytes).toBeLessThan(brokers[FOLLOWER].rxbytes / 4)
    expect(brokers[FOLLOWER].fetches).toBeGreaterThan(0)
  }, 240_000)

  it('a follower held out of the ISR is not chosen: the leader serves, until it is back in sync', async () => {
    cluster = await rackCluster(true)
    const c = cluster
    c.engine.injectFault({ target: { brokerId: FOLLOWER }, action: { type: 'leaveIsr' } })
    await produce(c, 0, 1000)
    expect(isr(c)).not.toContain(FOLLOWER)
    const first = await consume(c, 'out-of-sync', RACKS[FOLLOWER], 1000).outcome
    expectEveryValueOnce(first.values, 1000)
    expect(first.fetchingFrom).toEqual([LEADER, LEADER])
    expect(first.brokers[FOLLOWER]?.fetches ?? 0).toBe(0)

    c.engine.clearFaults()
    await waitFor('broker 2 back in the ISR', () => isr(c).includes(FOLLOWER))
    const second = await consume(c, 'in-sync', RACKS[FOLLOWER], 1000).outcome
    expectEveryValueOnce(second.values, 1000)
    expect(second.fetchingFrom).toEqual([FOLLOWER, LEADER])
    expect(second.brokers[FOLLOWER].rxbytes).toBeGreaterThan(1000 * 100)
  }, 180_000)

  it('without a replica selector every fetch goes to the leader, whatever client.rack says', async () => {
    cluster = await rackCluster(false)
    const c = cluster
    await produce(c, 0, 1000)
    const out = await consume(c, 'no-selector', RACKS[FOLLOWER], 1000).outcome
    expectEveryValueOnce(out.values, 1000)
    expect(out.fetchingFrom).toEqual([LEADER, LEADER])
    expect(out.brokers[FOLLOWER]?.fetches ?? 0).toBe(0)
    expect(out.brokers[LEADER].rxbytes).toBeGreaterThan(1000 * 100)
  }, 120_000)

  it('kafkajs with rackId reads from the follower, and from the leader once the follower stops', async () => {
    cluster = await rackCluster(true)
    const c = cluster
    const brokerAt = new Map(c.listeners.map((l) => [`${l.host}:${l.port}`, l.brokerId]))
    const kafka = new Kafka({
      clientId: 'fff-kafkajs',
      brokers: c.bootstrap.split(','),
      logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 100, retries: 20 }
    })
    const consumer = kafka.consumer({
      groupId: 'fff-kafkajs',
      rackId: RACKS[FOLLOWER],
      metadataMaxAge: 1000,
      maxWaitTimeInMs: 100
    })
    children.push({ kill: () => void consumer.disconnect() })
    // Fetch response bytes by the broker that answered them (kafkajs's request events).
    const fetchBytes = new Map<number, number>()
    consumer.on(consumer.events.REQUEST, ({ payload }) => {
      if (payload.apiName !== 'Fetch') return
      const from = brokerAt.get(payload.broker) ?? -1
      fetchBytes.set(from, (fetchBytes.get(from) ?? 0) + payload.size)
    })
    const values: string[] = []
    await produce(c, 0, 1000)
    await consumer.connect()
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true })
    await consumer.run({
      eachMessage: async ({ message }) => {
        values.push(message.value!.toString())
      }
    })
    await waitFor('kafkajs at 1000 records', () => values.length >= 1000, 60_000)
    expect(fetchBytes.get(FOLLOWER)).toBeGreaterThan(1000 * 100)
    expect(fetchBytes.get(LEADER) ?? 0).toBeLessThan(1000 * 100)

    await c.service.call('brokers.stop', { brokerId: FOLLOWER })
    const before = fetchBytes.get(LEADER) ?? 0
    await produce(c, 1000, 1000)
    await waitFor('kafkajs at 2000 records', () => values.length >= 2000, 90_000)
    await consumer.disconnect()
    expectEveryValueOnce(values, 2000)
    expect((fetchBytes.get(LEADER) ?? 0) - before).toBeGreaterThan(1000 * 100)
  }, 180_000)
})
