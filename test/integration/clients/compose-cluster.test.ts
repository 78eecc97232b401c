// `logdeck serve --compose` with a compose file of three apache/kafka brokers and three KRaft
// controllers (test/fixtures/compose/apache-cluster.yml), each broker's host port taken from
// the environment as compose interpolates it: one Logdeck cluster of three brokers, each with
// its service's node id (4, 5, 6) and on the host port its service publishes. kcat (batches, linger.ms) and confluent-kafka-python produce
// through every broker's advertised address alone and read everything back; Metadata from each
// lists the three brokers at the addresses the services advertise, with their racks.
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { kcat, python } from '../../support/external-clients'
import { startServe, type ServeProcess } from '../../support/serve-process'

const FILE = join(__dirname, '..', '..', 'fixtures', 'compose', 'apache-cluster.yml')

/** A port free on loopback now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

let server: ServeProcess
const ports: number[] = []

beforeAll(async () => {
  for (let i = 0; i < 3; i++) ports.push(await freePort())
  const vars = { BROKER1_PORT: ports[0], BROKER2_PORT: ports[1], BROKER3_PORT: ports[2] }
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]))
  for (const [k, v] of Object.entries(vars)) process.env[k] = String(v)
  try {
    server = await startServe(['--in-memory', '--no-ui', '--no-schema-registry', '--compose', FILE])
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
  }
}, 60_000)
afterAll(async () => {
  await server?.stop()
})

const advertised = () => ports.map((p) => `localhost:${p}`)

describe('three broker services of a compose file as one cluster', () => {
  it('serves a broker a service, with its node id, on the host ports the file publishes', () => {
    const out = server.output()
    expect(out).toContain(
      `Compose file ${FILE}, services broker-1, broker-2, broker-3 as one cluster:\n`
    )
    expect(out).toContain(
      '  brokers: 3, one a broker service, each with its node id as broker id: broker-1 as broker 4 (KAFKA_NODE_ID), broker-2 as broker 5 (KAFKA_NODE_ID), broker-3 as broker 6 (KAFKA_NODE_ID)\n'
    )
    expect(out).toContain(
      '  KRaft controllers left out, not brokers: controller-1 (process.roles=controller), controller-2 (process.roles=controller), controller-3 (process.roles=controller)\n'
    )
    for (const [i, p] of ports.entries())
      expect(out).toContain(
        `Kafka listener: broker ${i + 4} at 127.0.0.1:${p}, advertised as localhost:${p}\n`
      )
    expect(out).toContain(`Bootstrap servers: ${advertised().join(',')}\n`)
    expect(out).toContain('Broker racks: 4=rack-a, 5=rack-b, 6=rack-c\n')
  })

  it('kcat produces batches through each broker alone and reads every record back', async () => {
    const topic = 'compose-kcat'
    for (const [i, bootstrap] of advertised().entries()) {
      const lines = Array.from({ length: 40 }, (_, j) => `k${j % 7}:b${i}-${j}`).join('\n')
      const produced = await kcat(
        ['-b', bootstrap, '-P', '-t', topic, '-K', ':', '-X', 'linger.ms=100'],
        `${lines}\n`
      )
      expect(produced.code, produced.stderr).toBe(0)
    }
    for (const bootstrap of advertised()) {
      const meta = await kcat(['-b', bootstrap, '-L', '-t', topic])
      expect(meta.code, meta.stderr).toBe(0)
      expect(meta.stdout).toContain(' 3 brokers:')
      for (const [i, address] of advertised().entries())
        expect(meta.stdout).toMatch(new RegExp(`broker ${i + 4} at ${address}\\b`))
      // The file's KAFKA_DEFAULT_REPLICATION_FACTOR and KAFKA_NUM_PARTITIONS.
      expect(meta.stdout).toContain(`topic "${topic}" with 3 partitions`)
      expect(meta.stdout).toMatch(/replicas: [456],[456],[456], isrs: [456],[456],[456]/)
    }
    const consumed = await kcat([
      '-b',
      advertised()[2],
      '-C',
      '-t',
      topic,
      '-o',
      'beginning',
      '-e',
      '-q',
      '-f',
      '%s\\n'
    ])
    expect(consumed.code, consumed.stderr).toBe(0)
    const expected = [0, 1, 2].flatMap((i) => Array.from({ length: 40 }, (_, j) => `b${i}-${j}`))
    expect(consumed.stdout.trim().split('\n').sort()).toEqual(expected.sort())
  })

  it('confluent-kafka-python produces through each broker and sees the three brokers', async () => {
    const script = `
import json, sys, time
from confluent_kafka import Producer, Consumer
topic, addresses = sys.argv[1], sys.argv[2].split(',')
errors, brokers = [], []
def delivered(err, msg):
    if err is not None:
        errors.append(err.str())
for i, address in enumerate(addresses):
    p = Producer({'bootstrap.servers': address, 'linger.ms': 100})
    md = p.list_topics(timeout=10)
    brokers.append(sorted('%d=%s:%d' % (b.id, b.host, b.port) for b in md.brokers.values()))
    for j in range(30):
        p.produce(topic, key=b'k%d' % (j % 5), value=b'p%d-%d' % (i, j), on_delivery=delivered)
    p.flush(30)
c = Consumer({'bootstrap.servers': addresses[0], 'group.id': 'compose-python',
              'auto.offset.reset': 'earliest', 'enable.auto.commit': False})
c.subscribe([topic])
values = []
deadline = time.time() + 60
while len(values) < 30 * len(addresses) and time.time() < deadline:
    m = c.poll(0.5)
    if m is None or m.error():
        continue
    values.append(m.value().decode())
c.close()
print(json.dumps({'errors': errors, 'brokers': brokers, 'values': values}))
`
    const r = await python(script, ['compose-python', advertised().join(',')])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as { errors: string[]; brokers: string[][]; values: string[] }
    expect(out.errors).toEqual([])
    const listed = advertised().map((a, i) => `${i + 4}=${a}`)
    expect(out.brokers).toEqual([listed, listed, listed])
    const expected = [0, 1, 2].flatMap((i) => Array.from({ length: 30 }, (_, j) => `p${i}-${j}`))
    expect(out.values.sort()).toEqual(expected.sort())
  })
})
