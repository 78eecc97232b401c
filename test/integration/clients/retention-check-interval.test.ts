// log.retention.check.interval.ms with a real client: records whose CreateTime lies far in the
// past (librdkafka's 0052_msg_timestamps produces such) are past retention.ms the moment they
// are appended. Under a check interval of an hour the cleaner's passes go on compacting but leave
// them to the consumer, as Kafka's five-minute retention task does; the setting is a read-only
// broker config, described with its source.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../../support/serve-process'
import { python } from '../../support/external-clients'

let server: ServeProcess

beforeAll(async () => {
  server = await startServe([
    ...['--in-memory', '--port', '0', '--no-ui', '--no-schema-registry', '--brokers', '1'],
    ...['--broker-config', 'log.retention.check.interval.ms=3600000']
  ])
})

afterAll(async () => {
  await server?.stop()
})

const SCRIPT = `
import sys, time
from confluent_kafka import Consumer, Producer, TopicPartition, OFFSET_BEGINNING
from confluent_kafka.admin import AdminClient, ConfigResource, NewTopic
bootstrap = sys.argv[1]
admin = AdminClient({'bootstrap.servers': bootstrap})
for f in admin.create_topics([
        NewTopic('old-timestamps', 1, 1, config={'message.timestamp.type': 'CreateTime'}),
        NewTopic('compacted', 1, 1, config={'cleanup.policy': 'compact', 'segment.bytes': '14',
                                            'min.cleanable.dirty.ratio': '0.01'})]).values():
    f.result()
producer = Producer({'bootstrap.servers': bootstrap})
# 0052_msg_timestamps' CreateTime: seconds plus a day in milliseconds, a time in January 1970.
OLD = int(time.time()) + 24 * 3600 * 1000
for i in range(20):
    producer.produce('old-timestamps', value=b'v%d' % i, timestamp=OLD)
producer.flush()
# Ten batches of one key, one segment each: a cleaner pass after them compacts the topic.
for i in range(10):
    producer.produce('compacted', key=b'k', value=b'v%d' % i)
    producer.flush()

def compacted_count():
    c = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'reader',
                  'enable.partition.eof': True, 'enable.auto.commit': False})
    c.assign([TopicPartition('compacted', 0, OFFSET_BEGINNING)])
    n = 0
    while True:
        m = c.poll(10)
        if m is None:
            raise SystemExit('no end of compacted within 10 s')
        if m.error():
            break
        n += 1
    c.close()
    return n

deadline = time.time() + 60
while compacted_count() == 10:
    if time.time() > deadline:
        raise SystemExit('compacted not compacted within 60 s')
    time.sleep(0.2)

# As 0052 consumes: a group from the earliest offset.
consumer = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'old-timestamps',
                     'auto.offset.reset': 'earliest'})
consumer.subscribe(['old-timestamps'])
stamps = []
while len(stamps) < 20:
    m = consumer.poll(10)
    if m is None:
        break
    if m.error() is None:
        stamps.append(m.timestamp()[1])
consumer.close()
low, high = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'w'}).get_watermark_offsets(
    TopicPartition('old-timestamps', 0))
print(len(stamps), len(set(stamps)), stamps[0] == OLD if stamps else None, low, high)
entry = admin.describe_configs([ConfigResource('BROKER', '0')])[ConfigResource('BROKER', '0')]
config = entry.result()['log.retention.check.interval.ms']
print(config.value, config.source, config.is_read_only)
`

describe('log.retention.check.interval.ms', () => {
  it('leaves records past retention to a consumer until the next check, while passes go on compacting', async () => {
    const r = await python(SCRIPT, [server.bootstrap], 120_000)
    expect(r.code, r.stderr + r.stdout).toBe(0)
    const [records, config] = r.stdout.trim().split('\n')
    // 20 records read, all with the one old timestamp; the log still starts at 0.
    expect(records).toBe('20 1 True 0 20')
    // STATIC_BROKER_CONFIG (4), read-only.
    expect(config).toBe('3600000 4 True')
  })
})
