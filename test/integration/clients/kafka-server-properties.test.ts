// `logdeck serve --server-properties` with the keys of Kafka 4's own config/server.properties and
// of kafka-python's test broker (share.coordinator.state.topic.min.isr, replica.socket.timeout.ms,
// offsets.commit.timeout.ms ...): the file is served whole, each key taken or listed as ignored
// with why, and kafka-python produces, consumes in a group and describes the broker's configs.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../../support/serve-process'
import { python } from '../../support/external-clients'

const FIXTURE = join(
  __dirname,
  '..',
  '..',
  'fixtures',
  'server-properties',
  'kraft-combined-node.properties'
)

let server: ServeProcess

beforeAll(async () => {
  server = await startServe([
    '--in-memory',
    '--no-ui',
    '--no-schema-registry',
    '--server-properties',
    FIXTURE
  ])
}, 60_000)
afterAll(async () => {
  await server?.stop()
})

/** kafka-python 2.0.2: keyed records in, read back in a group with commits, and broker 0's configs. */
const PRODUCE_CONSUME_DESCRIBE = `
import json, sys
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import ConfigResource, ConfigResourceType
bootstrap, topic, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
p = KafkaProducer(bootstrap_servers=bootstrap, linger_ms=20)
for i in range(count):
    p.send(topic, key=b'k%d' % (i % 5), value=b'v%d' % i)
p.flush(30)
p.close()
c = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id='readers',
                  auto_offset_reset='earliest', enable_auto_commit=False,
                  consumer_timeout_ms=15000)
seen = []
for m in c:
    seen.append(m.value.decode())
    if len(seen) == count:
        break
c.commit()
c.close()
a = KafkaAdminClient(bootstrap_servers=bootstrap)
configs = {}
for r in a.describe_configs([ConfigResource(ConfigResourceType.BROKER, '0')]):
    for res in r.resources:
        for name, value, read_only, source, sensitive, synonyms in res[4]:
            configs[name] = [value, source]
partitions = len(a.describe_topics([topic])[0]['partitions'])
a.close()
print(json.dumps({'seen': sorted(seen), 'partitions': partitions, 'configs': {
    k: configs.get(k) for k in sys.argv[4:]}}))
`

describe('serve --server-properties with the keys of Kafka 4 and of kafka-python test brokers', () => {
  it('takes every key, listing the ones without effect as ignored with why', () => {
    const out = server.output()
    expect(out).toContain(`Server properties ${FIXTURE}:\n`)
    const ignored = /^ {2}ignored: (.*)$/m.exec(out)?.[1] ?? ''
    expect(ignored).toContain('replica.socket.timeout.ms')
    expect(ignored).toContain('offsets.commit.timeout.ms')
    const brokerConfigs = /^ {2}broker configs: (.*)$/m.exec(out)?.[1] ?? ''
    expect(brokerConfigs).toContain('share.coordinator.state.topic.min.isr')
    expect(out).toContain('1 broker(s) (ids 0)')
  })

  it('kafka-python produces, consumes in a group and describes the configs the file gave', async () => {
    const r = await python(PRODUCE_CONSUME_DESCRIBE, [
      server.bootstrap,
      'orders',
      '40',
      'share.coordinator.state.topic.min.isr',
      'num.partitions',
      'group.min.session.timeout.ms'
    ])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as {
      seen: string[]
      partitions: number
      configs: Record<string, [string, number]>
    }
    expect(out.seen).toEqual(Array.from({ length: 40 }, (_, i) => `v${i}`).sort())
    // num.partitions=4 made the auto-created topic; 4 is STATIC_BROKER_CONFIG.
    expect(out.partitions).toBe(4)
    expect(out.configs).toEqual({
      'share.coordinator.state.topic.min.isr': ['1', 4],
      'num.partitions': ['4', 4],
      'group.min.session.timeout.ms': ['1000', 4]
    })
  })
})
