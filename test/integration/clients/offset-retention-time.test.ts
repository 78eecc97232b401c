// OffsetCommit v2-4's retention_time_ms with a real client: kafka-python's own OffsetCommit v2
// request commits one partition with a retention time of 10 s and another with -1 (the broker's
// offsets.retention.minutes, here 60); the first expires, the second stays, as Kafka 4 decides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel, type Admin } from 'kafkajs'
import { startServe, type ServeProcess } from '../../support/serve-process'
import { python } from '../../support/external-clients'
import { waitFor } from '../../support/wait-for'

const TOPIC = 'kept-for-a-while'
const GROUP = 'retention-time'

let server: ServeProcess
let admin: Admin

beforeAll(async () => {
  server = await startServe([
    ...['--in-memory', '--port', '0', '--no-ui', '--brokers', '1'],
    ...['--broker-config', 'offsets.retention.minutes=60'],
    ...['--broker-config', 'offsets.retention.check.interval.ms=500']
  ])
  const kafka = new Kafka({ brokers: server.bootstrap.split(','), logLevel: logLevel.NOTHING })
  admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 2 }] })
})

afterAll(async () => {
  await admin?.disconnect()
  await server?.stop()
})

/** Commits offset 42 of one partition with OffsetCommit v2 and the given retention time. */
const COMMIT_V2 = `
import sys
from kafka.client_async import KafkaClient
from kafka.protocol.commit import OffsetCommitRequest
bootstrap, group, topic, partition, retention = sys.argv[1:6]
client = KafkaClient(bootstrap_servers=bootstrap, api_version=(2, 0, 0))
node = client.least_loaded_node()
while not client.ready(node):
    client.poll(timeout_ms=100)
request = OffsetCommitRequest[2](group, -1, '', int(retention),
                                 [(topic, [(int(partition), 42, '')])])
future = client.send(node, request)
client.poll(future=future, timeout_ms=10000)
if not future.succeeded():
    raise SystemExit('no answer: %r' % (future.exception,))
print(future.value.topics[0][1][0][1])
client.close()
`

async function commitV2(partition: number, retentionMs: number): Promise<void> {
  const r = await python(COMMIT_V2, [
    server.bootstrap,
    GROUP,
    TOPIC,
    String(partition),
    String(retentionMs)
  ])
  expect(r.stdout.trim(), r.stderr).toBe('0')
}

async function committed(): Promise<Record<number, string>> {
  const [topic] = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] })
  return Object.fromEntries(topic.partitions.map((p) => [p.partition, p.offset]))
}

describe('OffsetCommit retention_time_ms', () => {
  it('expires an offset committed with a retention time after it, and keeps one committed with -1', async () => {
    await commitV2(1, -1)
    await commitV2(0, 10_000)
    expect(await committed()).toEqual({ 0: '42', 1: '42' })
    await waitFor(
      'the offset committed with 10 s of retention to expire',
      async () => (await committed())[0] === '-1',
      60_000
    )
    expect((await committed())[1]).toBe('42')
    const { groups } = await admin.listGroups()
    expect(groups.map((g) => g.groupId)).toContain(GROUP)
  }, 120_000)
})
