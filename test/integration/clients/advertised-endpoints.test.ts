// startCluster's `advertisedListeners`: the first (PLAINTEXT) listener advertised on a host and
// ports nothing listens on, a second (INTERNAL) one not. Every answer naming brokers (Metadata,
// DescribeCluster, FindCoordinator, DescribeQuorum and the leader endpoints of Produce 10+ and
// Fetch 16+) names them as the listener the request came in on advertises them, read with the
// protocol's own frames on the ports the brokers listen on. The console's view of the cluster
// gives both addresses, and the demo's clients, in this process, still reach the brokers. With one
// address per broker, each broker is told by its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCluster, type Cluster } from '../../../src/server/library'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { kafkaRequest } from '../../support/kafka-request'
import { waitFor } from '../../support/wait-for'

const ADVERTISED = { host: 'kafka.example.test', port: 29092 }

let cluster: Cluster
/** Per listener, the port each broker listens on. */
const bound = (listener: number) =>
  cluster.listeners[listener].boundServers.map((s) => Number(s.split(':')[1]))

beforeAll(async () => {
  cluster = await startCluster({
    brokers: 3,
    listeners: [{ name: 'INTERNAL', securityProtocol: 'PLAINTEXT' }],
    advertisedListeners: [{ name: 'plaintext', ...ADVERTISED }],
    topics: [{ name: 'orders', partitions: 3, replicationFactor: 1 }]
  })
})
afterAll(() => cluster?.close())

/** What clients of each listener are told, broker by broker. */
const advertisedOn = (listener: number) =>
  listener === 0
    ? [0, 1, 2].map((i) => `${ADVERTISED.host}:${ADVERTISED.port + i}`)
    : bound(1).map((p) => `127.0.0.1:${p}`)

const sorted = (brokers: { nodeId?: number; brokerId?: number; host: string; port: number }[]) =>
  [...brokers]
    .sort((a, b) => (a.nodeId ?? a.brokerId ?? 0) - (b.nodeId ?? b.brokerId ?? 0))
    .map((b) => `${b.host}:${b.port}`)

describe('advertised listeners in every answer that names brokers', () => {
  it('tells the advertised bootstrap servers and where the brokers listen', () => {
    expect(cluster.bootstrapServers).toEqual(advertisedOn(0))
    expect(cluster.listeners[0].bootstrapServers).toEqual(advertisedOn(0))
    expect(cluster.listeners[0].boundServers).toHaveLength(3)
    expect(cluster.listeners[0].boundServers[0]).toMatch(/^127\.0\.0\.1:\d+$/)
    expect(cluster.listeners[1].bootstrapServers).toEqual(cluster.listeners[1].boundServers)
  })

  it.each([0, 1])('Metadata, DescribeCluster and DescribeQuorum on listener %i', async (l) => {
    const port = bound(l)[1]
    const metadata = await kafkaRequest(port, ApiKey.Metadata, 12, {
      topics: null,
      allowAutoTopicCreation: false
    })
    expect(sorted(metadata.body.brokers)).toEqual(advertisedOn(l))
    const described = await kafkaRequest(port, ApiKey.DescribeCluster, 1, { endpointType: 1 })
    expect(sorted(described.body.brokers)).toEqual(advertisedOn(l))
    const quorum = await kafkaRequest(port, ApiKey.DescribeQuorum, 2, {
      topics: [{ topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }] }]
    })
    expect(quorum.body.errorCode).toBe(ErrorCode.NONE)
    expect(sorted(quorum.body.nodes.map((n) => ({ nodeId: n.nodeId, ...n.listeners[0] })))).toEqual(
      advertisedOn(l)
    )
    expect(quorum.body.nodes[0].listeners[0].name).toBe(cluster.listeners[l].name)
  })

  it.each([0, 1])('FindCoordinator on listener %i', async (l) => {
    const { body } = await kafkaRequest(bound(l)[0], ApiKey.FindCoordinator, 4, {
      keyType: 0,
      coordinatorKeys: ['order-readers']
    })
    const [c] = body.coordinators
    expect(c.errorCode).toBe(ErrorCode.NONE)
    expect(`${c.host}:${c.port}`).toBe(advertisedOn(l)[c.nodeId])
  })

  it.each([0, 1])(
    'Produce 11 and Fetch 16 sent to a follower name the leader as listener %i advertises it',
    async (l) => {
      const metadata = await kafkaRequest(bound(l)[0], ApiKey.Metadata, 12, {
        topics: [{ name: 'orders' }],
        allowAutoTopicCreation: false
      })
      const topic = metadata.body.topics[0]
      const p = topic.partitions[0]
      const follower = [0, 1, 2].find((b) => b !== p.leaderId)!
      const produced = await kafkaRequest(bound(l)[follower], ApiKey.Produce, 11, {
        transactionalId: null,
        acks: 1,
        timeoutMs: 5000,
        topicData: [{ name: 'orders', partitionData: [{ index: p.partitionIndex, records: null }] }]
      })
      const answer = produced.body.responses[0].partitionResponses[0]
      expect(answer.errorCode).toBe(ErrorCode.NOT_LEADER_OR_FOLLOWER)
      expect(answer.currentLeader.leaderId).toBe(p.leaderId)
      expect(sorted(produced.body.nodeEndpoints)).toEqual([advertisedOn(l)[p.leaderId]])
      const fetched = await kafkaRequest(bound(l)[follower], ApiKey.Fetch, 16, {
        maxWaitMs: 0,
        minBytes: 1,
        maxBytes: 1 << 20,
        sessionEpoch: -1,
        topics: [
          {
            topicId: topic.topicId,
            partitions: [
              { partition: p.partitionIndex, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }
            ]
          }
        ]
      })
      expect(fetched.body.responses[0].partitions[0].errorCode).toBe(
        ErrorCode.NOT_LEADER_OR_FOLLOWER
      )
      expect(sorted(fetched.body.nodeEndpoints)).toEqual([advertisedOn(l)[p.leaderId]])
    }
  )

  it('the console shows each broker where it listens and where it is advertised', async () => {
    const info = await cluster.call('cluster.describe', {})
    expect(info.bootstrapServers).toBe(advertisedOn(0).join(','))
    for (const b of info.brokers)
      expect(b.endpoints).toEqual([
        {
          listener: 'PLAINTEXT',
          securityProtocol: 'PLAINTEXT',
          host: '127.0.0.1',
          port: bound(0)[b.id],
          advertised: { host: ADVERTISED.host, port: ADVERTISED.port + b.id }
        },
        {
          listener: 'INTERNAL',
          securityProtocol: 'PLAINTEXT',
          host: '127.0.0.1',
          port: bound(1)[b.id]
        }
      ])
    const { connections } = await cluster.call('connections.list', {})
    expect(connections.find((c) => c.kind === 'embedded')?.bootstrapServers).toEqual(
      advertisedOn(0)
    )
  })

  it("the demo's clients reach the brokers where they listen, whatever is advertised", async () => {
    await cluster.call('demo.load', {})
    await waitFor('the demo producer and a demo consumer to make progress', async () => {
      const s = await cluster.call('demo.status', {})
      return (s.producer?.records ?? 0) > 0 && s.consumers.some((c) => c.records > 0)
    })
  })

  it('refuses an advertised listener naming no listener, or a wildcard address', async () => {
    await expect(
      startCluster({ advertisedListeners: [{ name: 'EXTERNAL', host: 'localhost', port: 19092 }] })
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'advertisedListeners',
      message: 'advertisedListeners[0]: no listener is named EXTERNAL (the listeners are PLAINTEXT)'
    })
    await expect(
      startCluster({ advertisedListeners: [{ name: 'PLAINTEXT', host: '0.0.0.0', port: 19092 }] })
    ).rejects.toMatchObject({
      field: 'advertisedListeners',
      message:
        'advertisedListeners[0]: cannot use the nonroutable meta-address 0.0.0.0; use a routable address clients can connect to'
    })
  })
})

describe('one advertised address per broker (advertisedListeners[].addresses)', () => {
  const OWN = [
    { host: 'b0.kafka.test', port: 9092 },
    { host: 'b1.kafka.test', port: 9092 },
    { host: 'b2.other.test', port: 19000 }
  ]
  let own: Cluster
  beforeAll(async () => {
    own = await startCluster({
      brokers: 3,
      advertisedListeners: [{ name: 'PLAINTEXT', addresses: OWN }]
    })
  })
  afterAll(() => own?.close())

  it('tells each broker by its own address, in the bootstrap servers and in Metadata', async () => {
    const addresses = OWN.map((a) => `${a.host}:${a.port}`)
    expect(own.bootstrapServers).toEqual(addresses)
    const port = Number(own.listeners[0].boundServers[2].split(':')[1])
    const metadata = await kafkaRequest(port, ApiKey.Metadata, 12, {
      topics: null,
      allowAutoTopicCreation: false
    })
    expect(sorted(metadata.body.brokers)).toEqual(addresses)
    const described = await kafkaRequest(port, ApiKey.DescribeCluster, 1, { endpointType: 1 })
    expect(sorted(described.body.brokers)).toEqual(addresses)
  })

  it('refuses a count other than one or the brokers, and host and port beside addresses', async () => {
    await expect(
      startCluster({
        brokers: 3,
        advertisedListeners: [{ name: 'PLAINTEXT', addresses: OWN.slice(0, 2) }]
      })
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'advertisedListeners',
      message:
        'advertisedListeners[0]: 2 addresses for 3 brokers; give one (broker i on PORT+i) or one per broker'
    })
    await expect(
      startCluster({
        brokers: 3,
        advertisedListeners: [
          { name: 'PLAINTEXT', addresses: OWN, host: 'x', port: 1 } as unknown as {
            name: string
            addresses: typeof OWN
          }
        ]
      })
    ).rejects.toMatchObject({
      field: 'advertisedListeners',
      message: 'advertisedListeners[0]: give host and port, or addresses, not both'
    })
  })
})
