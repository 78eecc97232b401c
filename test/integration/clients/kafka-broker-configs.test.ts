// Kafka 4's whole broker config catalogue: DescribeConfigs of a broker lists the configs Logdeck
// keeps without acting on them (num.io.threads, log.dirs, ssl.keystore.password ...) with Kafka's
// defaults, sources, types and sensitivity, as kafka-python and confluent-kafka-python read them.
// AlterConfigs treats them as Kafka does: a static one (log.dirs) is refused INVALID_REQUEST, a
// dynamic one (num.io.threads) is checked against its type and kept as a broker config, a
// per-broker one (ssl.keystore.location) is refused for every broker and taken for one, and a
// name Kafka has no config for is still kept as a custom config.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../../support/serve-process'
import { python } from '../../support/external-clients'

let server: ServeProcess

const INVALID_CONFIG = 40
const INVALID_REQUEST = 42
/** DescribeConfigs' ConfigSource values. */
const DYNAMIC_BROKER_CONFIG = 2
const STATIC_BROKER_CONFIG = 4
const DEFAULT_CONFIG = 5

/** kafka-python: the named configs of a broker as DescribeConfigs v1 answers them. */
const DESCRIBE_BROKER = `
import json, sys
from kafka import KafkaAdminClient
from kafka.admin import ConfigResource, ConfigResourceType
a = KafkaAdminClient(bootstrap_servers=sys.argv[1])
out = {}
for r in a.describe_configs([ConfigResource(ConfigResourceType.BROKER, sys.argv[2])], include_synonyms=True):
    for res in r.resources:
        for name, value, read_only, source, sensitive, synonyms in res[4]:
            out[name] = {'value': value, 'readOnly': read_only, 'source': source, 'sensitive': sensitive,
                         'synonyms': [list(s) for s in synonyms]}
a.close()
print(json.dumps({'count': len(out), 'configs': {k: out[k] for k in sys.argv[3:] if k in out}}))
`

/** kafka-python: AlterConfigs of a broker's configs (NAME=VALUE ...); the error code and message. */
const ALTER_BROKER = `
import json, sys
from kafka import KafkaAdminClient
from kafka.admin import ConfigResource, ConfigResourceType
a = KafkaAdminClient(bootstrap_servers=sys.argv[1])
configs = dict(kv.split('=', 1) for kv in sys.argv[3:])
r = a.alter_configs([ConfigResource(ConfigResourceType.BROKER, sys.argv[2], configs)])
a.close()
print(json.dumps(list(r.resources[0][:2])))
`

/** confluent-kafka-python: the named configs of broker 0 with their types and sources by name. */
const CONFLUENT_DESCRIBE = `
import json, sys
from confluent_kafka.admin import AdminClient, ConfigResource, ConfigSource
a = AdminClient({'bootstrap.servers': sys.argv[1]})
res = ConfigResource('broker', '0')
entries = a.describe_configs([res])[res].result(30)
print(json.dumps({k: {'value': e.value, 'source': ConfigSource(e.source).name, 'readOnly': e.is_read_only,
                      'sensitive': e.is_sensitive}
                  for k, e in entries.items() if k in sys.argv[2:]}))
`

type Described = {
  count: number
  configs: Record<
    string,
    {
      value: string | null
      readOnly: boolean
      source: number
      sensitive: boolean
      synonyms: [string, string | null, number][]
    }
  >
}

async function describeBroker(broker: string, ...names: string[]): Promise<Described> {
  const r = await python(DESCRIBE_BROKER, [server.bootstrap, broker, ...names])
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as Described
}

async function alterBroker(broker: string, ...pairs: string[]): Promise<[number, string | null]> {
  const r = await python(ALTER_BROKER, [server.bootstrap, broker, ...pairs])
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as [number, string | null]
}

beforeAll(async () => {
  server = await startServe([
    '--in-memory',
    '--port',
    '0',
    '--no-ui',
    '--no-schema-registry',
    '--broker-config',
    'num.network.threads=5',
    '--broker-config',
    'log.dirs=/var/lib/kafka/data'
  ])
}, 60_000)
afterAll(async () => {
  await server?.stop()
})

describe("Kafka 4's broker configs that Logdeck keeps without acting on them", () => {
  it("are described with Kafka's defaults and sources, start-time values as STATIC", async () => {
    const d = await describeBroker(
      '0',
      'num.io.threads',
      'log.dirs',
      'log.cleaner.threads',
      'num.network.threads',
      'ssl.keystore.password',
      'zookeeper.connect',
      'num.partitions'
    )
    // The configs Logdeck acts on and the rest of Kafka's: well over the 116 of before.
    expect(d.count).toBeGreaterThan(250)
    expect(d.configs['num.io.threads']).toMatchObject({
      value: '8',
      readOnly: false,
      source: DEFAULT_CONFIG,
      sensitive: false
    })
    expect(d.configs['log.dirs']).toMatchObject({
      value: '/var/lib/kafka/data',
      readOnly: true,
      source: STATIC_BROKER_CONFIG
    })
    expect(d.configs['log.cleaner.threads']).toMatchObject({ value: '1', readOnly: false })
    expect(d.configs['num.network.threads']).toMatchObject({
      value: '5',
      source: STATIC_BROKER_CONFIG
    })
    // A password is described as Kafka describes one: no value, sensitive.
    expect(d.configs['ssl.keystore.password']).toMatchObject({
      value: null,
      sensitive: true,
      readOnly: false
    })
    // Kafka 4 has no ZooKeeper configs.
    expect(d.configs['zookeeper.connect']).toBeUndefined()
    expect(d.configs['num.partitions']).toMatchObject({ value: '1', source: DEFAULT_CONFIG })
  })

  it('confluent-kafka-python reads them with the same sources', async () => {
    const r = await python(CONFLUENT_DESCRIBE, [
      server.bootstrap,
      'num.io.threads',
      'log.dirs',
      'sasl.jaas.config'
    ])
    expect(r.code, r.stderr).toBe(0)
    const c = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>
    expect(c['num.io.threads']).toMatchObject({
      value: '8',
      source: 'DEFAULT_CONFIG',
      readOnly: false
    })
    expect(c['log.dirs']).toMatchObject({
      value: '/var/lib/kafka/data',
      source: 'STATIC_BROKER_CONFIG',
      readOnly: true
    })
    expect(c['sasl.jaas.config']).toMatchObject({ value: null, sensitive: true })
  })

  it('a static one is refused INVALID_REQUEST, as Kafka cannot change it at run time', async () => {
    const [code, message] = await alterBroker('0', 'log.dirs=/elsewhere')
    expect(code).toBe(INVALID_REQUEST)
    expect(message).toContain('Cannot update these configs dynamically: Set(log.dirs)')
    const d = await describeBroker('0', 'log.dirs')
    expect(d.configs['log.dirs']).toMatchObject({ value: '/var/lib/kafka/data' })
  })

  it('a dynamic one is checked against its type, then kept as a broker config', async () => {
    const [badCode, badMessage] = await alterBroker('0', 'num.io.threads=many')
    expect(badCode).toBe(INVALID_CONFIG)
    expect(badMessage).toContain('num.io.threads')
    const [zeroCode, zeroMessage] = await alterBroker('0', 'num.io.threads=0')
    expect(zeroCode).toBe(INVALID_CONFIG)
    expect(zeroMessage).toContain('must be at least 1')

    expect(await alterBroker('0', 'num.io.threads=16')).toEqual([0, null])
    const d = await describeBroker('0', 'num.io.threads')
    expect(d.configs['num.io.threads']).toMatchObject({
      value: '16',
      source: DYNAMIC_BROKER_CONFIG
    })
    expect(d.configs['num.io.threads']!.synonyms).toEqual([
      ['num.io.threads', '16', DYNAMIC_BROKER_CONFIG],
      ['num.io.threads', '8', DEFAULT_CONFIG]
    ])
  })

  it('a per-broker one is refused for every broker and taken for one', async () => {
    const [code, message] = await alterBroker('', 'ssl.keystore.location=/etc/kafka/ks.jks')
    expect(code).toBe(INVALID_REQUEST)
    expect(message).toContain(
      'Cannot update these configs at default cluster level, broker id must be specified: Set(ssl.keystore.location)'
    )
    expect(await alterBroker('0', 'ssl.keystore.location=/etc/kafka/ks.jks')).toEqual([0, null])
    const d = await describeBroker('0', 'ssl.keystore.location', 'num.io.threads')
    expect(d.configs['ssl.keystore.location']).toMatchObject({
      value: '/etc/kafka/ks.jks',
      source: DYNAMIC_BROKER_CONFIG
    })
    // AlterConfigs replaces the broker's run-time configs: num.io.threads is back to its default.
    expect(d.configs['num.io.threads']).toMatchObject({ value: '8', source: DEFAULT_CONFIG })
  })

  it('a name Kafka has no config for is still kept as a custom config', async () => {
    expect(await alterBroker('0', 'my.own.setting=42')).toEqual([0, null])
    const d = await describeBroker('0', 'my.own.setting')
    expect(d.configs['my.own.setting']).toMatchObject({
      value: null,
      sensitive: true,
      source: DYNAMIC_BROKER_CONFIG
    })
  })
})
