// `logdeck serve --brokers 6 --broker-rack 0=a,1=a,2=a,3=b,4=c,5=c`: every broker in a rack, the
// racks of unequal size. New topics and partitions (CreateTopics and CreatePartitions from
// kafkajs, auto-creation by a kcat producer) get their replicas as Kafka 4's controller places
// them (its striped replica placer): one replica in each rack for replication factor 3, and the
// racks leading in turn, so the one-broker rack b leads as often as the three-broker rack a. The
// layout is read with kcat's metadata (-L -J), another client than the one that created it.
// Kafka's older rack-aware assignment, which Logdeck followed before, leads from a list of
// brokers alternating between racks (a, b, c, a, c, a here): rack a would lead half the
// partitions and b a sixth.
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../../support/serve-process'
import { kcat } from '../../support/external-clients'

const RACK: Record<number, string> = { 0: 'a', 1: 'a', 2: 'a', 3: 'b', 4: 'c', 5: 'c' }

let server: ServeProcess
let kafka: Kafka

beforeAll(async () => {
  server = await startServe([
    '--in-memory',
    '--brokers',
    '6',
    '--broker-rack',
    '0=a,1=a,2=a,3=b,4=c,5=c',
    '--broker-config',
    'num.partitions=6',
    '--broker-config',
    'default.replication.factor=3',
    '--port',
    '0',
    '--no-ui',
    '--no-schema-registry'
  ])
  kafka = new Kafka({
    clientId: 'racked-placement',
    brokers: server.bootstrap.split(','),
    logLevel: logLevel.NOTHING
  })
}, 60_000)
afterAll(async () => {
  await server?.stop()
})

interface KcatMetadata {
  topics: {
    topic: string
    partitions: { partition: number; leader: number; replicas: { id: number }[] }[]
  }[]
}

/** Each partition's leader and replicas as kcat's Metadata gives them, by partition id. */
async function layout(topic: string) {
  const r = await kcat(['-b', server.bootstrap, '-L', '-J', '-t', topic])
  expect(r.code, r.stderr).toBe(0)
  const [t] = (JSON.parse(r.stdout) as KcatMetadata).topics
  return t.partitions
    .sort((x, y) => x.partition - y.partition)
    .map((p) => ({ leader: p.leader, replicas: p.replicas.map((x) => x.id) }))
}

/** One replica per rack, and each round of 6 partitions led twice by each rack. */
function expectStriped(partitions: { leader: number; replicas: number[] }[]) {
  for (const [i, p] of partitions.entries()) {
    expect(p.leader, `partition ${i}`).toBe(p.replicas[0])
    const racks = p.replicas.map((id) => RACK[id]).sort()
    expect(racks, `partition ${i}: ${p.replicas}`).toEqual(['a', 'b', 'c'])
  }
  for (let first = 0; first + 6 <= partitions.length; first += 6) {
    const round = partitions.slice(first, first + 6)
    const leads = ['a', 'b', 'c'].map((rack) => round.filter((p) => RACK[p.leader] === rack).length)
    expect(leads, `partitions ${first}-${first + 5}`).toEqual([2, 2, 2])
  }
}

describe('replicas with every broker in a rack (striped, as Kafka 4)', () => {
  it('CreateTopics and CreatePartitions from kafkajs: a replica per rack, racks leading in turn', async () => {
    const admin = kafka.admin()
    await admin.connect()
    try {
      await admin.createTopics({
        topics: [{ topic: 'racked', numPartitions: 6, replicationFactor: 3 }]
      })
      expectStriped(await layout('racked'))
      await admin.createPartitions({ topicPartitions: [{ topic: 'racked', count: 12 }] })
    } finally {
      await admin.disconnect()
    }
    const grown = await layout('racked')
    expect(grown).toHaveLength(12)
    expectStriped(grown)
  })

  it('a topic kcat auto-creates by producing gets the same layout, and holds what kcat sent', async () => {
    const records = Array.from({ length: 600 }, (_, i) => `k${i % 40}:v${i}`)
    const produced = await kcat(
      [
        '-b',
        server.bootstrap,
        '-P',
        '-t',
        'auto-racked',
        '-K',
        ':',
        '-X',
        'linger.ms=100',
        '-X',
        'partitioner=murmur2_random'
      ],
      records.join('\n') + '\n'
    )
    expect(produced.code, produced.stderr).toBe(0)
    expectStriped(await layout('auto-racked'))
    const consumed = await kcat([
      '-b',
      server.bootstrap,
      '-C',
      '-t',
      'auto-racked',
      '-e',
      '-q',
      '-f',
      '%k:%s\\n'
    ])
    expect(consumed.code, consumed.stderr).toBe(0)
    expect(consumed.stdout.trim().split('\n').sort()).toEqual([...records].sort())
  })
})
