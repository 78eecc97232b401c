// Preferred-leader election on a real cluster through a connection, over Kafka's ElectLeaders
// only (the cluster here is a second embedded one with 3 brokers, reached as a Kafka cluster):
// a broker stop moves leadership away, the broker comes back and catches up, and the console's
// election gives each partition its preferred leader back. ELECTION_NOT_NEEDED is no failure;
// a preferred replica that is down is one, with Kafka's error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { waitFor } from '../support/wait-for'
import { ApiError } from '../../src/shared/errors'
import type { ClusterResults } from '../../src/shared/api/cluster'

type Elected = ClusterResults['partitions.electLeaders']
const TOPIC = 'elect-me'

describe('preferred-leader election on an external cluster', () => {
  let kafka: TestCluster
  let console_: TestCluster
  let connection: string
  const call = (method: string, params: object) =>
    console_.service.callByName(method, { connection, ...params })
  const leaders = () => kafka.engine.topic(TOPIC)!.partitions.map((p) => p.leader)

  beforeAll(async () => {
    kafka = await startTestCluster()
    console_ = await startTestCluster({ brokers: 1 })
    kafka.engine.createTopic({
      name: TOPIC,
      partitions: 3,
      replicationFactor: 2,
      assignment: [
        [0, 1],
        [1, 2],
        [0, 2]
      ]
    })
    const added = (await console_.service.callByName('connections.add', {
      name: 'Remote',
      bootstrapServers: kafka.bootstrap.split(',')
    })) as { id: string }
    connection = added.id
  })
  afterAll(async () => {
    await console_?.close()
    await kafka?.close()
  })

  it('elects the preferred leaders back after a broker stop and start', async () => {
    expect(leaders()).toEqual([0, 1, 0])
    kafka.engine.stopBroker(0)
    expect(leaders()).toEqual([1, 1, 2])

    // The preferred replica is down: the cluster refuses those two, and says why.
    const refused = (await call('partitions.electLeaders', { topic: TOPIC })) as Elected
    expect(refused.elected).toEqual([])
    expect(refused.failed).toEqual([
      expect.objectContaining({
        topic: TOPIC,
        partition: 0,
        error: 'PREFERRED_LEADER_NOT_AVAILABLE'
      }),
      expect.objectContaining({
        topic: TOPIC,
        partition: 2,
        error: 'PREFERRED_LEADER_NOT_AVAILABLE'
      })
    ])

    kafka.engine.startBroker(0)
    await waitFor('broker 0 back in the ISR', () =>
      kafka.engine.topic(TOPIC)!.partitions.every((p) => p.isr.length === p.replicas.length)
    )
    expect(leaders()).toEqual([1, 1, 2])

    const epochs = kafka.engine.topic(TOPIC)!.partitions.map((p) => p.leaderEpoch)
    // Partition numbers without a topic: those partitions of every topic.
    const first = (await call('partitions.electLeaders', { partitions: [0] })) as Elected
    expect(first).toEqual({
      elected: [{ topic: TOPIC, partition: 0, leader: 0, leaderEpoch: epochs[0] + 1 }],
      failed: []
    })
    expect(leaders()).toEqual([0, 1, 2])
    const done = (await call('partitions.electLeaders', {})) as Elected
    expect(done.elected).toEqual([
      { topic: TOPIC, partition: 2, leader: 0, leaderEpoch: epochs[2] + 1 }
    ])
    expect(done.failed).toEqual([])
    expect(leaders()).toEqual([0, 1, 0])

    // Every leader is preferred now: ELECTION_NOT_NEEDED everywhere, which is no failure.
    const again = (await call('partitions.electLeaders', {
      topic: TOPIC,
      partitions: [0, 1]
    })) as Elected
    expect(again).toEqual({ elected: [], failed: [] })
  })

  it('names the field of a partition or topic that does not exist', async () => {
    const noPartition = await call('partitions.electLeaders', {
      topic: TOPIC,
      partitions: [7]
    }).catch((err: unknown) => err)
    expect(noPartition).toBeInstanceOf(ApiError)
    expect(noPartition).toMatchObject({ code: 'NOT_FOUND', field: 'partitions' })

    const noTopic = await call('partitions.electLeaders', { topic: 'nope' }).catch(
      (err: unknown) => err
    )
    expect(noTopic).toMatchObject({ code: 'NOT_FOUND', field: 'name' })
  })
})
