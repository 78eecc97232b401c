// offsets.retention.minutes with real clients: a confluent-kafka-python group that commits and
// leaves loses its offsets (and the group) once it has been Empty that long, while a kafkajs group
// still consuming the topic keeps offsets it committed before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel, type Admin, type Consumer } from 'kafkajs'
import { startServe, type ServeProcess } from '../../support/serve-process'
import { kcat, python } from '../../support/external-clients'
import { waitFor, waitForValue } from '../../support/wait-for'

const TOPIC = 'retained'
const RECORDS = 200

let server: ServeProcess
let admin: Admin
let stayer: Consumer

beforeAll(async () => {
  server = await startServe([
    ...['--in-memory', '--port', '0', '--no-ui', '--brokers', '1'],
    ...['--broker-config', 'offsets.retention.minutes=1'],
    ...['--broker-config', 'offsets.retention.check.interval.ms=1000']
  ])
  const kafka = new Kafka({ brokers: server.bootstrap.split(','), logLevel: logLevel.NOTHING })
  admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 2 }] })
  const lines = Array.from({ length: RECORDS }, (_, i) => `k${i}:v${i}`).join('\n') + '\n'
  const produced = await kcat(
    ['-P', '-b', server.bootstrap, '-t', TOPIC, '-K', ':', '-X', 'linger.ms=20'],
    lines
  )
  expect(produced.code, produced.stderr).toBe(0)
  stayer = kafka.consumer({ groupId: 'stayer', sessionTimeout: 30_000 })
})

afterAll(async () => {
  await stayer?.disconnect()
  await admin?.disconnect()
  await server?.stop()
})

/** The group's committed offsets of the topic, summed (-1 for none is counted as 0). */
async function committed(groupId: string): Promise<number> {
  const [topic] = await admin.fetchOffsets({ groupId, topics: [TOPIC] })
  return topic.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0)
}

const LEAVER = `
import sys
from confluent_kafka import Consumer
c = Consumer({'bootstrap.servers': sys.argv[1], 'group.id': 'leaver',
              'auto.offset.reset': 'earliest', 'enable.auto.commit': False})
c.subscribe([sys.argv[2]])
seen = 0
while seen < int(sys.argv[3]):
    m = c.poll(10)
    if m is None:
        raise SystemExit('no record within 10 s after %d' % seen)
    if m.error() is None:
        seen += 1
c.commit(asynchronous=False)
c.close()
print(seen)
`

describe('offsets.retention.minutes', () => {
  it('expires the offsets of a group Empty for that long, and keeps those of a group still subscribed', async () => {
    await stayer.connect()
    await stayer.subscribe({ topic: TOPIC, fromBeginning: true })
    await stayer.run({ eachMessage: async () => {} })
    await waitFor(
      'stayer to commit every record',
      async () => (await committed('stayer')) === RECORDS,
      60_000
    )

    const leaver = await python(LEAVER, [server.bootstrap, TOPIC, String(RECORDS)])
    expect(leaver.stdout.trim(), leaver.stderr).toBe(String(RECORDS))
    expect(await committed('leaver')).toBe(RECORDS)
    const { groups } = await admin.listGroups()
    expect(groups.map((g) => g.groupId).sort()).toEqual(['leaver', 'stayer'])

    // One minute after the leaver's group emptied (checked every second), its offsets are gone,
    // and the group with them.
    await waitForValue(
      'the leaver group to be removed',
      async () =>
        (await admin.listGroups()).groups.some((g) => g.groupId === 'leaver') ? undefined : true,
      150_000
    )
    expect(await committed('leaver')).toBe(0)
    // The stayer's offsets were committed before the leaver's: older than the retention, kept.
    expect(await committed('stayer')).toBe(RECORDS)
  }, 240_000)
})
