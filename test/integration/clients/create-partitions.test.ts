// CreatePartitions with explicit replica assignments, from kafkajs and confluent-kafka-python:
// the new partitions live on the brokers named, and an assignment Kafka refuses (a broker that
// does not exist, a broker twice, the wrong number of replicas or of partitions) is answered
// INVALID_REPLICA_ASSIGNMENT and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel } from 'kafkajs'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { python } from '../../support/external-clients'

let cluster: TestCluster

beforeAll(async () => {
  cluster = await startTestCluster({ brokers: 3 })
  cluster.engine.createTopic({ name: 'grow-js', partitions: 1, replicationFactor: 2 })
  cluster.engine.createTopic({ name: 'grow-py', partitions: 1, replicationFactor: 1 })
})
afterAll(async () => {
  await cluster?.close()
})

const replicas = (topic: string) => cluster.engine.topic(topic)!.partitions.map((p) => p.replicas)

describe('CreatePartitions with assignments', () => {
  it('kafkajs: honoured, or refused with INVALID_REPLICA_ASSIGNMENT', async () => {
    const kafka = new Kafka({ brokers: cluster.bootstrap.split(','), logLevel: logLevel.NOTHING })
    const admin = kafka.admin()
    await admin.connect()
    try {
      const before = replicas('grow-js')
      for (const assignments of [
        [[10, 0]],
        [[1, 1]],
        [[2]],
        [
          [2, 0],
          [1, 0]
        ]
      ]) {
        const refused = await admin
          .createPartitions({ topicPartitions: [{ topic: 'grow-js', count: 2, assignments }] })
          .then(
            () => null,
            (err: { errors?: { type?: string }[]; type?: string }) =>
              err.errors?.[0]?.type ?? err.type ?? String(err)
          )
        expect(refused, JSON.stringify(assignments)).toBe('INVALID_REPLICA_ASSIGNMENT')
      }
      expect(replicas('grow-js')).toEqual(before)
      await admin.createPartitions({
        topicPartitions: [
          {
            topic: 'grow-js',
            count: 3,
            assignments: [
              [2, 1],
              [0, 2]
            ]
          }
        ]
      })
      expect(replicas('grow-js').slice(1)).toEqual([
        [2, 1],
        [0, 2]
      ])
      expect(cluster.engine.topic('grow-js')!.partitions[1].leader).toBe(2)
    } finally {
      await admin.disconnect()
    }
  })

  it('confluent-kafka-python: a broker that does not exist is refused; existing ones are used', async () => {
    const script = `
import sys
from confluent_kafka.admin import AdminClient, NewPartitions
a = AdminClient({'bootstrap.servers': sys.argv[1]})
def run(count, assignment):
    f = a.create_partitions([NewPartitions('grow-py', count, replica_assignment=assignment)])
    try:
        f['grow-py'].result(20)
        print('ok')
    except Exception as e:
        print(e.args[0].name())
run(2, [[10]])
run(3, [[2], [2]])
`
    const { code, stdout, stderr } = await python(script, [cluster.bootstrap])
    expect(code, stderr).toBe(0)
    expect(stdout.trim().split('\n')).toEqual(['INVALID_REPLICA_ASSIGNMENT', 'ok'])
    expect(replicas('grow-py').slice(1)).toEqual([[2], [2]])
  })
})
