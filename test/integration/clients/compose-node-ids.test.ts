// `logdeck serve --compose` with a compose file whose three Kafka nodes have KAFKA_NODE_ID 1, 2
// and 3 (test/fixtures/compose/apache-node-ids.yml): the brokers keep those ids, as the real
// cluster would have them. kcat -L -J lists brokers 1, 2 and 3 and leaders among them; kcat
// produces acks=all batches and reads them back, also with broker 2 stopped by its id over the
// HTTP API; confluent-kafka-python's AdminClient, kafka-python's describe_cluster and
// DescribeCluster itself (@platformatic/kafka) show the same ids.
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Connection, describeClusterV1 } from '@platformatic/kafka'
import { kcat, python } from '../../support/external-clients'
import { callApi, startServe, type ServeProcess } from '../../support/serve-process'

const FILE = join(__dirname, '..', '..', 'fixtures', 'compose', 'apache-node-ids.yml')

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
  const vars = { KAFKA1_PORT: ports[0], KAFKA2_PORT: ports[1], KAFKA3_PORT: ports[2] }
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]))
  for (const [k, v] of Object.entries(vars)) process.env[k] = String(v)
  try {
    server = await startServe([
      '--in-memory',
      '--ui-port',
      '0',
      '--no-schema-registry',
      '--compose',
      FILE
    ])
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
  }
}, 60_000)
afterAll(async () => {
  await server?.stop()
})

/** Broker id -> the address its service advertises. */
const address = (id: number) => `localhost:${ports[id - 1]}`

interface KcatMetadata {
  controllerid: number
  brokers: { id: number; name: string }[]
  topics: {
    topic: string
    partitions: {
      partition: number
      leader: number
      replicas: { id: number }[]
      isrs: { id: number }[]
    }[]
  }[]
}

async function metadata(bootstrap: string, topic: string): Promise<KcatMetadata> {
  const r = await kcat(['-b', bootstrap, '-L', '-J', '-t', topic])
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as KcatMetadata
}

async function produce(bootstrap: string, topic: string, prefix: string): Promise<void> {
  const lines = Array.from({ length: 60 }, (_, j) => `k${j % 9}:${prefix}-${j}`).join('\n')
  const r = await kcat(
    ['-b', bootstrap, '-P', '-t', topic, '-K', ':', '-X', 'linger.ms=100', '-X', 'acks=all'],
    `${lines}\n`
  )
  expect(r.code, r.stderr).toBe(0)
}

async function consume(bootstrap: string, topic: string): Promise<string[]> {
  const r = await kcat([
    '-b',
    bootstrap,
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
  expect(r.code, r.stderr).toBe(0)
  return r.stdout.trim().split('\n').sort()
}

const values = (...prefixes: string[]) =>
  prefixes.flatMap((p) => Array.from({ length: 60 }, (_, j) => `${p}-${j}`)).sort()

describe('a compose cluster of node ids 1, 2 and 3', () => {
  it('says which service is which broker, each listening as its id', () => {
    const out = server.output()
    expect(out).toContain(
      '  brokers: 3, one a broker service, each with its node id as broker id: kafka1 as broker 1 (KAFKA_NODE_ID), kafka2 as broker 2 (KAFKA_NODE_ID), kafka3 as broker 3 (KAFKA_NODE_ID)\n'
    )
    expect(out).toContain('3 broker(s) (ids 1, 2, 3)')
    for (const id of [1, 2, 3])
      expect(out).toContain(
        `Kafka listener: broker ${id} at 127.0.0.1:${ports[id - 1]}, advertised as ${address(id)}\n`
      )
  })

  it('lists brokers 1, 2, 3 to kcat, leads from them, and takes acks=all batches', async () => {
    const topic = 'node-ids'
    await produce(address(1), topic, 'before')
    for (const id of [1, 2, 3]) {
      const md = await metadata(address(id), topic)
      expect(md.brokers.map((b) => [b.id, b.name]).sort()).toEqual(
        [1, 2, 3].map((b) => [b, address(b)])
      )
      expect([1, 2, 3]).toContain(md.controllerid)
      const partitions = md.topics[0].partitions
      expect(partitions).toHaveLength(6)
      for (const p of partitions) {
        expect(p.replicas.map((r) => r.id).sort()).toEqual([1, 2, 3])
        expect(p.isrs.map((r) => r.id).sort()).toEqual([1, 2, 3])
        expect([1, 2, 3]).toContain(p.leader)
      }
      // Leaders spread over all three.
      expect(new Set(partitions.map((p) => p.leader))).toEqual(new Set([1, 2, 3]))
    }
    expect(await consume(address(3), topic)).toEqual(values('before'))
  })

  it('stops broker 2 by its id: the others lead and take acks=all batches; broker 0 is none', async () => {
    const topic = 'node-ids'
    const stopped = await callApi<{ brokers: { id: number; status: string }[] }>(
      server,
      'brokers.stop',
      { brokerId: 2 }
    )
    expect(stopped.brokers.map((b) => [b.id, b.status])).toEqual([
      [1, 'online'],
      [2, 'stopped'],
      [3, 'online']
    ])
    try {
      const md = await metadata(address(1), topic)
      expect(md.brokers.map((b) => b.id).sort()).toEqual([1, 3])
      for (const p of md.topics[0].partitions) expect([1, 3]).toContain(p.leader)
      await produce(address(3), topic, 'after')
      expect(await consume(address(1), topic)).toEqual(values('before', 'after'))
      await expect(callApi(server, 'brokers.stop', { brokerId: 0 })).rejects.toThrow(
        'Broker 0 does not exist (the brokers are 1, 2, 3)'
      )
    } finally {
      await callApi(server, 'brokers.start', { brokerId: 2 })
    }
  })

  it('shows the ids to confluent-kafka-python, kafka-python and DescribeCluster', async () => {
    const script = `
import json, sys
from confluent_kafka.admin import AdminClient
from kafka import KafkaAdminClient
bootstrap = sys.argv[1]
md = AdminClient({'bootstrap.servers': bootstrap}).list_topics(timeout=10)
admin = KafkaAdminClient(bootstrap_servers=bootstrap)
cluster = admin.describe_cluster()
admin.close()
print(json.dumps({
  'confluent': sorted(['%d=%s:%d' % (b.id, b.host, b.port) for b in md.brokers.values()]),
  'confluentController': md.controller_id,
  'kafkaPython': sorted([b['node_id'] for b in cluster['brokers']]),
  'kafkaPythonController': cluster['controller_id'],
}))
`
    const r = await python(script, [address(2)])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as Record<string, unknown>
    expect(out.confluent).toEqual([1, 2, 3].map((id) => `${id}=${address(id)}`))
    expect(out.kafkaPython).toEqual([1, 2, 3])
    expect(out.confluentController).toBe(1)
    expect(out.kafkaPythonController).toBe(1)

    const connection = new Connection('it-node-ids')
    try {
      await connection.connect('127.0.0.1', ports[2])
      const dc = await describeClusterV1.api.async(connection, false, 1)
      expect(dc.brokers.map((b) => [b.brokerId, `${b.host}:${b.port}`])).toEqual(
        [1, 2, 3].map((id) => [id, address(id)])
      )
      expect(dc.controllerId).toBe(1)
    } finally {
      await connection.close()
    }
  })
})
