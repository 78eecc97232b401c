// confluent-kafka-python and kafka-python (Debian's /usr/bin/python3) against the embedded
// cluster: keyed produce placed as the Java client would, group consumption with manual
// commits, and a consumer that resumes from the committed offsets after the cluster restarts
// on the same data directory and ports.
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { murmur2Partition } from '../../../src/engine/producers/murmur2'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { python } from '../../support/external-clients'
import { engineInternals } from '../../support/engine-internals'

const BROKERS = 3
const PARTITIONS = 3
const RECORDS = 60
const FIRST_BATCH = 25

/** Whether a port on 127.0.0.1 can be listened on right now. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

/** A port P such that P .. P + count - 1 are free: broker i listens on P + i. */
async function freePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = await new Promise<number>((resolve, reject) => {
      const server = net.createServer()
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => {
        const addr = server.address() as net.AddressInfo
        server.close(() => resolve(addr.port))
      })
    })
    if (base + count > 65_535) continue
    let free = true
    for (let i = 0; i < count && free; i++) free = await portFree(base + i)
    if (free) return base
  }
  throw new Error('no free port range')
}

const CONFLUENT = `
import json, sys, time
from confluent_kafka import Consumer, KafkaException, Producer

mode, bootstrap, topic = sys.argv[1:4]
if mode == 'produce':
    count = int(sys.argv[4])
    placed = []
    def delivered(err, msg):
        if err is not None:
            raise KafkaException(err)
        placed.append([msg.key().decode(), msg.partition(), msg.offset()])
    p = Producer({'bootstrap.servers': bootstrap, 'partitioner': 'murmur2_random',
                  'enable.idempotence': True, 'linger.ms': 5})
    for i in range(count):
        p.produce(topic, key='key-%d' % (i % 10), value='value-%d' % i, on_delivery=delivered)
    if p.flush(30) != 0:
        sys.exit('records left undelivered')
    print(json.dumps(placed))
else:
    group, want = sys.argv[4], int(sys.argv[5])
    c = Consumer({'bootstrap.servers': bootstrap, 'group.id': group,
                  'enable.auto.commit': False, 'auto.offset.reset': 'earliest',
                  'session.timeout.ms': 6000, 'heartbeat.interval.ms': 500,
                  'fetch.wait.max.ms': 100})
    c.subscribe([topic])
    got = []
    deadline = time.time() + 40
    while len(got) < want and time.time() < deadline:
        m = c.poll(0.2)
        if m is None:
            continue
        if m.error():
            sys.exit(str(m.error()))
        got.append([m.partition(), m.offset(), m.value().decode()])
    if got:
        c.commit(asynchronous=False)
    c.close()
    print(json.dumps(got))
`

const KAFKA_PYTHON = `
import json, sys, time
from kafka import KafkaConsumer, KafkaProducer

mode, bootstrap, topic = sys.argv[1:4]
servers = bootstrap.split(',')
if mode == 'produce':
    count = int(sys.argv[4])
    p = KafkaProducer(bootstrap_servers=servers, linger_ms=5, acks='all')
    sent = [(i, p.send(topic, key=b'key-%d' % (i % 10), value=b'value-%d' % i))
            for i in range(count)]
    p.flush(30)
    placed = []
    for i, f in sent:
        md = f.get(timeout=30)
        placed.append(['key-%d' % (i % 10), md.partition, md.offset])
    p.close()
    print(json.dumps(placed))
else:
    group, want = sys.argv[4], int(sys.argv[5])
    c = KafkaConsumer(topic, bootstrap_servers=servers, group_id=group,
                      enable_auto_commit=False, auto_offset_reset='earliest',
                      session_timeout_ms=6000, heartbeat_interval_ms=500,
                      fetch_max_wait_ms=100)
    got = []
    deadline = time.time() + 40
    while len(got) < want and time.time() < deadline:
        batches = c.poll(timeout_ms=200, max_records=want - len(got))
        for tp, records in batches.items():
            for r in records:
                got.append([r.partition, r.offset, r.value.decode()])
    if got:
        c.commit()
    c.close()
    print(json.dumps(got))
`

type Consumed = [partition: number, offset: number, value: string][]

const clients = [
  { name: 'confluent-kafka-python', script: CONFLUENT },
  { name: 'kafka-python', script: KAFKA_PYTHON }
]

describe.each(clients)('$name', ({ name, script }) => {
  const topic = `py-${name}`
  const groupId = `${topic}-group`
  let dataDir: string
  let port: number
  let cluster: TestCluster | undefined

  const start = async () => {
    cluster = await startTestCluster({ dataDir, port, brokers: BROKERS })
    return cluster
  }

  async function run(args: string[]) {
    const res = await python(script, args, 90_000)
    expect(res.code, res.stderr).toBe(0)
    return JSON.parse(res.stdout.trim().split('\n').pop() ?? '[]') as unknown
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'logdeck-py-'))
    port = await freePorts(BROKERS)
    await start()
  })
  afterAll(async () => {
    await cluster?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('produces keyed records to the partitions the Java client would choose', async () => {
    await cluster!.service.call('topics.create', {
      name: topic,
      partitions: PARTITIONS,
      replicationFactor: 3
    })
    const placed = (await run(['produce', cluster!.bootstrap, topic, String(RECORDS)])) as [
      string,
      number,
      number
    ][]
    expect(placed).toHaveLength(RECORDS)
    for (const [key, partition] of placed)
      expect(partition, key).toBe(murmur2Partition(Buffer.from(key), PARTITIONS))
  })

  it('consumes in a group, commits by hand and resumes there after a broker restart', async () => {
    const first = (await run([
      'consume',
      cluster!.bootstrap,
      topic,
      groupId,
      String(FIRST_BATCH)
    ])) as Consumed
    expect(first).toHaveLength(FIRST_BATCH)
    const committed = () =>
      engineInternals(cluster!.engine)
        .coordinator.store.offsets(groupId)
        .reduce((sum, o) => sum + o.committedOffset, 0)
    expect(committed()).toBe(FIRST_BATCH)

    // The whole cluster goes down and comes back on the same ports and data directory.
    await cluster!.close()
    cluster = undefined
    await start()
    expect(committed()).toBe(FIRST_BATCH)

    const rest = (await run([
      'consume',
      cluster!.bootstrap,
      topic,
      groupId,
      String(RECORDS - FIRST_BATCH)
    ])) as Consumed
    expect(rest).toHaveLength(RECORDS - FIRST_BATCH)
    const values = [...first, ...rest].map(([, , v]) => v)
    // Nothing read twice, nothing missed: the second consumer started at the commits.
    expect(new Set(values).size).toBe(RECORDS)
    expect(values.sort()).toEqual(Array.from({ length: RECORDS }, (_, i) => `value-${i}`).sort())
    expect(committed()).toBe(RECORDS)
  })
})
