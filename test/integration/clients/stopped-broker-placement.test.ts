// New partitions keep off stopped brokers, as Kafka's controller keeps them off fenced ones: from
// @platformatic/kafka's admin on a cluster whose broker 0 is stopped, topics and added partitions
// are led by running brokers and every partition is online; a stopped broker holds a follower
// only when the replication factor needs every broker; with no broker running nothing is placed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Admin } from '@platformatic/kafka'
import { startTestCluster, type TestCluster } from '../../support/cluster'

let cluster: TestCluster
let brokers: string[]

beforeAll(async () => {
  cluster = await startTestCluster({ brokers: 3, stoppedBrokers: [0] })
  brokers = cluster.listeners.filter((l) => l.brokerId !== 0).map((l) => `${l.host}:${l.port}`)
})
afterAll(async () => {
  await cluster?.close()
})

const admin = () => new Admin({ clientId: 'it-placement', bootstrapBrokers: brokers, retries: 5 })

/** Replicas and leader of each partition, as the client's metadata tells them. */
async function layout(a: Admin, topic: string) {
  const metadata = await a.metadata({ topics: [topic] })
  return metadata.topics.get(topic)!.partitions.map((p) => ({
    leader: p.leader,
    replicas: p.replicas
  }))
}

describe('replica placement with a stopped broker', () => {
  it('places topics and added partitions on the running brokers', async () => {
    const a = admin()
    try {
      await a.createTopics({ topics: ['placed'], partitions: 6, replicas: 2 })
      await a.createPartitions({ topics: [{ name: 'placed', count: 9 }] })
      const partitions = await layout(a, 'placed')
      expect(partitions).toHaveLength(9)
      for (const p of partitions) {
        expect(p.replicas).not.toContain(0)
        expect([1, 2]).toContain(p.leader)
      }
    } finally {
      await a.close()
    }
  })

  it('puts a follower on the stopped broker only when every broker is needed', async () => {
    const a = admin()
    try {
      await a.createTopics({ topics: ['everywhere'], partitions: 4, replicas: 3 })
      for (const p of await layout(a, 'everywhere')) {
        expect([...p.replicas].sort()).toEqual([0, 1, 2])
        expect(p.replicas[0]).not.toBe(0)
        expect([1, 2]).toContain(p.leader)
      }
    } finally {
      await a.close()
    }
  })

  it('refuses a new topic while no broker runs', () => {
    cluster.engine.stopBroker(1)
    cluster.engine.stopBroker(2)
    try {
      expect(() =>
        cluster.engine.createTopic({ name: 'nowhere', partitions: 1, replicationFactor: 1 })
      ).toThrow(/All brokers are stopped/)
    } finally {
      cluster.engine.startBroker(1)
      cluster.engine.startBroker(2)
    }
  })
})
