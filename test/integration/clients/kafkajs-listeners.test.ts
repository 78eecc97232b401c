// startCluster with a second listener (`listeners`): kafkajs produces on the PLAINTEXT listener
// without logging in and consumes in a group on the SASL_PLAINTEXT one with SCRAM-SHA-512, each
// told the brokers' ports of its own listener; startCluster names a bad listener.
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCluster, type Cluster } from '../../../src/server/library'
import { waitFor } from '../../support/wait-for'

const ALICE = { name: 'alice', password: 'wonder:land' }

let cluster: Cluster
beforeAll(async () => {
  cluster = await startCluster({
    brokers: 3,
    listeners: [{ name: 'sasl', securityProtocol: 'SASL_PLAINTEXT' }],
    users: [ALICE],
    topics: [{ name: 'payments', partitions: 3, replicationFactor: 1 }],
    brokerConfigs: { 'listener.name.sasl.max.connections': '1000' }
  })
})
afterAll(() => cluster?.close())

const plain = () => new Kafka({ brokers: cluster.bootstrapServers, logLevel: logLevel.NOTHING })
const withSasl = (password = ALICE.password) =>
  new Kafka({
    brokers: cluster.listeners[1].bootstrapServers,
    logLevel: logLevel.NOTHING,
    sasl: { mechanism: 'scram-sha-512', username: ALICE.name, password },
    retry: { retries: 0 }
  })

describe('kafkajs on two listeners of one cluster', () => {
  it("tells each listener's bootstrap servers, the first listener's as bootstrapServers", () => {
    expect(cluster.listeners.map((l) => [l.name, l.securityProtocol])).toEqual([
      ['PLAINTEXT', 'PLAINTEXT'],
      ['SASL', 'SASL_PLAINTEXT']
    ])
    expect(cluster.listeners[0].bootstrapServers).toEqual(cluster.bootstrapServers)
    expect(cluster.listeners[1].bootstrapServers).toHaveLength(3)
    const all = cluster.listeners.flatMap((l) => l.bootstrapServers)
    expect(new Set(all).size).toBe(6)
  })

  it('describes the cluster with the ports of the listener asked', async () => {
    for (const [kafka, listener] of [
      [plain(), cluster.listeners[0]],
      [withSasl(), cluster.listeners[1]]
    ] as const) {
      const admin = kafka.admin()
      await admin.connect()
      const { brokers } = await admin.describeCluster()
      await admin.disconnect()
      expect(brokers.sort((a, b) => a.nodeId - b.nodeId).map((b) => `${b.host}:${b.port}`)).toEqual(
        listener.bootstrapServers
      )
    }
  })

  it('produces without a login on PLAINTEXT and consumes with SCRAM-SHA-512 on SASL', async () => {
    const producer = plain().producer()
    await producer.connect()
    const values = Array.from({ length: 30 }, (_, i) => `payment-${i}`)
    await producer.send({
      topic: 'payments',
      messages: values.map((value, i) => ({ key: `k${i % 5}`, value }))
    })
    await producer.disconnect()
    const consumer = withSasl().consumer({ groupId: 'payments-readers' })
    await consumer.connect()
    await consumer.subscribe({ topic: 'payments', fromBeginning: true })
    const seen: string[] = []
    const partitions = new Set<number>()
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        partitions.add(partition)
        seen.push(String(message.value))
      }
    })
    await waitFor('kafkajs to consume 30 records over SASL', () => seen.length >= 30)
    await consumer.disconnect()
    expect(seen.sort()).toEqual([...values].sort())
    expect(partitions).toEqual(new Set([0, 1, 2]))
  })

  it('the SASL listener refuses a wrong password; the PLAINTEXT one asks for none', async () => {
    await expect(withSasl('nope').admin().connect()).rejects.toThrow(
      /SASL SCRAM SHA512 authentication failed/
    )
    const admin = plain().admin()
    await admin.connect()
    expect(await admin.listTopics()).toContain('payments')
    await admin.disconnect()
  })

  it('names a bad listener', async () => {
    await expect(
      startCluster({ listeners: [{ name: 'plaintext', securityProtocol: 'PLAINTEXT' }] })
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'listeners',
      message: 'listeners[0]: the listener name PLAINTEXT is taken by the first listener'
    })
    await expect(
      startCluster({ listeners: [{ name: 'SSL', securityProtocol: 'SSL' }] })
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'tls',
      message: 'listeners[0] (SSL) needs tls: { cert, key } or sslConfigs with a keystore'
    })
    await expect(
      startCluster({
        port: 19092,
        brokers: 3,
        listeners: [{ name: 'B', securityProtocol: 'PLAINTEXT', port: 19093 }]
      })
    ).rejects.toMatchObject({
      field: 'listeners',
      message: "listeners[0]: its brokers' ports 19093-19095 clash with port (ports 19092-19094)"
    })
    await expect(startCluster({ users: [ALICE] })).rejects.toMatchObject({ field: 'users' })
  })
})
