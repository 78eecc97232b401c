// acks=0 as Kafka does it: a produce the broker accepts gets no response and the connection goes
// on; one it refuses (a batch over the topic's max.message.bytes, a topic the principal may not
// write) closes the connection, with a log line, so the client notices. Over a raw connection
// and with confluent-kafka-python, whose producer reports the broken connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { encodeBatch } from '../../../src/engine/records'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { KafkaConnection } from '../../support/kafka-connection'
import { python } from '../../support/external-clients'
import { waitFor } from '../../support/wait-for'

const TOPIC = 'acks0-small'

let cluster: TestCluster

beforeAll(async () => {
  cluster = await startTestCluster({ brokers: 1 })
  cluster.engine.createTopic({
    name: TOPIC,
    partitions: 1,
    replicationFactor: 1,
    configs: { 'max.message.bytes': '300' }
  })
})
afterAll(async () => {
  await cluster?.close()
})

const produce = (values: string[]) => ({
  transactionalId: null,
  acks: 0,
  timeoutMs: 1000,
  topicData: [
    {
      name: TOPIC,
      partitionData: [{ index: 0, records: encodeBatch(values.map((value) => ({ value }))) }]
    }
  ]
})

const highWatermark = () => cluster.engine.topic(TOPIC)!.partitions[0]
const hw = () => cluster.engine.partitionLog(cluster.engine.topic(TOPIC)!, 0).highWatermark

describe('acks=0', () => {
  it('an accepted produce gets no answer and the connection goes on; a refused one closes it', async () => {
    const conn = await KafkaConnection.open(cluster.listeners[0].port)
    try {
      conn.send(ApiKey.Produce, 9, produce(['small-1', 'small-2']))
      // The next request on the same connection is answered: the produce was not.
      const versions = await conn.request(ApiKey.ApiVersions, 3, {
        clientSoftwareName: 'test',
        clientSoftwareVersion: '1'
      })
      expect(versions?.errorCode).toBe(0)
      expect(hw()).toBe(2)

      conn.send(ApiKey.Produce, 9, produce(['x'.repeat(1000)]))
      await conn.whenClosed()
      expect(conn.closed).toBe(true)
      expect(hw()).toBe(2)
      expect(highWatermark().leader).toBe(0)
      expect(
        cluster.logs.some((l) => /acks=0 produce was refused.*MESSAGE_TOO_LARGE/.test(l))
      ).toBe(true)
    } finally {
      conn.close()
    }
  })

  it('confluent-kafka-python hears of the closed connection', async () => {
    const script = `
import sys
from confluent_kafka import Producer
errors = []
p = Producer({'bootstrap.servers': sys.argv[1], 'acks': 0, 'error_cb': lambda e: errors.append(e.str()),
              'reconnect.backoff.ms': 10})
p.produce(sys.argv[2], value=b'y' * 1000)
p.flush(10)
for _ in range(50):
    p.poll(0.1)
    if errors:
        break
print('\\n'.join(errors))
`
    const before = cluster.logs.length
    const { code, stdout, stderr } = await python(script, [
      `127.0.0.1:${cluster.listeners[0].port}`,
      TOPIC
    ])
    expect(code, stderr).toBe(0)
    expect(stdout).toMatch(/Disconnected|Connection reset|closed/i)
    await waitFor('the broker log line', () =>
      cluster.logs.slice(before).some((l) => /acks=0 produce was refused/.test(l))
    )
    expect(hw()).toBe(2)
  })
})
