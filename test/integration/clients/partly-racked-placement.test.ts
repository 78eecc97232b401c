// `logdeck serve --brokers 5 --broker-rack 0=a,1=a,2=b,3=b`: broker 4 has no rack. Topics
// created and grown by kafkajs (CreateTopics, CreatePartitions) and through the console's API
// (topics.create, as the topic wizard calls it) get their replicas as Kafka 4's controller
// places them, broker 4 standing for one more rack: Metadata shows every partition of
// replication factor 3 with one replica in a, one in b and one on broker 4, and the leaders of
// each topic's first partitions going round the three.
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../../support/serve-process'

const TOKEN = 'racks-token'
const RACK: Record<number, string> = { 0: 'a', 1: 'a', 2: 'b', 3: 'b', 4: '(none)' }

let server: ServeProcess
let kafka: Kafka

beforeAll(async () => {
  server = await startServe([
    '--in-memory',
    '--brokers',
    '5',
    '--broker-rack',
    '0=a,1=a,2=b,3=b',
    '--port',
    '0',
    '--ui-port',
    '0',
    '--no-schema-registry',
    '--token',
    TOKEN
  ])
  kafka = new Kafka({
    clientId: 'partly-racked',
    brokers: server.bootstrap.split(','),
    logLevel: logLevel.NOTHING
  })
}, 60_000)
afterAll(async () => {
  await server?.stop()
})

/** Each partition's replicas and leader as Metadata gives them, by partition id. */
async function layout(topic: string) {
  const admin = kafka.admin()
  await admin.connect()
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] })
    return topics[0].partitions
      .sort((x, y) => x.partitionId - y.partitionId)
      .map((p) => ({ leader: p.leader, replicas: p.replicas }))
  } finally {
    await admin.disconnect()
  }
}

function expectStriped(partitions: { leader: number; replicas: number[] }[]) {
  for (const [i, p] of partitions.entries()) {
    expect(p.leader, `partition ${i}`).toBe(p.replicas[0])
    expect(p.replicas.map((id) => RACK[id]).sort(), `partition ${i}: ${p.replicas}`).toEqual([
      '(none)',
      'a',
      'b'
    ])
  }
  // The first five partitions (one per broker) take their leaders from the racks in turn.
  const leads = ['a', 'b', '(none)'].map(
    (rack) => partitions.slice(0, 5).filter((p) => RACK[p.leader] === rack).length
  )
  expect(leads.sort()).toEqual([1, 2, 2])
}

describe('replicas with only some brokers in a rack', () => {
  it('prints the racks, broker 4 with none', () => {
    expect(server.output()).toMatch(/^Broker racks: 0=a, 1=a, 2=b, 3=b, 4=none/m)
  })

  it('CreateTopics and CreatePartitions from kafkajs place one replica per rack', async () => {
    const admin = kafka.admin()
    await admin.connect()
    try {
      await admin.createTopics({
        topics: [{ topic: 'striped', numPartitions: 10, replicationFactor: 3 }]
      })
      expectStriped(await layout('striped'))
      await admin.createPartitions({ topicPartitions: [{ topic: 'striped', count: 16 }] })
    } finally {
      await admin.disconnect()
    }
    const grown = await layout('striped')
    expect(grown).toHaveLength(16)
    expectStriped(grown)
  })

  it("the console's topics.create places them the same way", async () => {
    const res = await fetch(`${server.apiBase}/api/topics.create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'wizard', partitions: 10, replicationFactor: 3 })
    })
    expect(res.status).toBe(200)
    expectStriped(await layout('wizard'))
  })
})
