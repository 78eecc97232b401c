// The broker configs `logdeck serve` sets through flags of its own (--security, --listener,
// --tls-cert/--tls-key/--tls-ca, the brokers' ids), as kafka-python and confluent-kafka-python
// describe them: from the running configuration, as Kafka describes a broker started with the
// equivalent server.properties (STATIC_BROKER_CONFIG, passwords without a value), where they
// were Kafka's defaults (sasl.enabled.mechanisms GSSAPI) or missing (listeners, node.id).
// AlterConfigs of the listeners stays refused, as the listeners are given at start.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../../support/serve-process'
import { python } from '../../support/external-clients'
import { writeDevCertificates } from '../../../src/server/dev-certificates'

const STATIC_BROKER_CONFIG = 4
const DEFAULT_CONFIG = 5
const INVALID_REQUEST = 42
const ALICE = { name: 'alice', password: 'alice-secret' }

/** kafka-python: the named configs of a broker (SASL PLAIN login when a user is given). */
const DESCRIBE_BROKER = `
import json, sys
from kafka import KafkaAdminClient
from kafka.admin import ConfigResource, ConfigResourceType
login = {} if sys.argv[3] == '-' else dict(security_protocol='SASL_PLAINTEXT', sasl_mechanism='PLAIN',
    sasl_plain_username=sys.argv[3].split(':')[0], sasl_plain_password=sys.argv[3].split(':')[1])
a = KafkaAdminClient(bootstrap_servers=sys.argv[1], **login)
out = {}
for r in a.describe_configs([ConfigResource(ConfigResourceType.BROKER, sys.argv[2])]):
    for res in r.resources:
        for name, value, read_only, source, sensitive, synonyms in res[4]:
            out[name] = {'value': value, 'readOnly': read_only, 'source': source, 'sensitive': sensitive}
a.close()
print(json.dumps({k: out.get(k) for k in sys.argv[4:]}))
`

/** kafka-python: AlterConfigs of one config of a broker; the error code and message. */
const ALTER_BROKER = `
import json, sys
from kafka import KafkaAdminClient
from kafka.admin import ConfigResource, ConfigResourceType
a = KafkaAdminClient(bootstrap_servers=sys.argv[1])
r = a.alter_configs([ConfigResource(ConfigResourceType.BROKER, sys.argv[2], {sys.argv[3]: sys.argv[4]})])
a.close()
print(json.dumps(list(r.resources[0][:2])))
`

/** confluent-kafka-python: the named configs of a broker with their sources by name. */
const CONFLUENT_DESCRIBE = `
import json, sys
from confluent_kafka.admin import AdminClient, ConfigResource, ConfigSource
a = AdminClient({'bootstrap.servers': sys.argv[1]})
res = ConfigResource('broker', sys.argv[2])
entries = a.describe_configs([res])[res].result(30)
print(json.dumps({k: {'value': e.value, 'source': ConfigSource(e.source).name, 'readOnly': e.is_read_only,
                      'sensitive': e.is_sensitive}
                  for k, e in entries.items() if k in sys.argv[3:]}))
`

type Entry = {
  value: string | null
  readOnly: boolean
  source: number | string
  sensitive: boolean
}

async function run(script: string, args: string[]): Promise<Record<string, Entry>> {
  const r = await python(script, args)
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as Record<string, Entry>
}

/** Each broker's port on a listener (null: the first), by broker id, from the `Kafka listener` lines. */
function portsOf(server: ServeProcess, listener: string | null): Map<number, number> {
  const name = listener === null ? '' : ` ${listener} \\(\\w+\\)`
  const line = new RegExp(
    `^Kafka listener${name}(?: \\(\\w+\\))?: broker (\\d+) at \\S+:(\\d+)$`,
    'gm'
  )
  return new Map([...server.output().matchAll(line)].map((m) => [Number(m[1]), Number(m[2])]))
}

describe('logdeck serve --security sasl_plaintext', () => {
  let server: ServeProcess
  beforeAll(async () => {
    server = await startServe([
      '--in-memory',
      '--brokers',
      '2',
      '--port',
      '0',
      '--no-ui',
      '--no-schema-registry',
      '--security',
      'sasl_plaintext',
      '--user',
      `${ALICE.name}:${ALICE.password}`
    ])
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
  })

  it('kafka-python describes its listeners, SASL mechanisms and id as set at start', async () => {
    const d = await run(DESCRIBE_BROKER, [
      server.bootstrap,
      '1',
      `${ALICE.name}:${ALICE.password}`,
      'listeners',
      'listener.security.protocol.map',
      'sasl.enabled.mechanisms',
      'node.id',
      'broker.id',
      'ssl.keystore.type'
    ])
    const port = portsOf(server, null).get(1)
    expect(d['listeners']).toEqual({
      value: `SASL_PLAINTEXT://127.0.0.1:${port}`,
      readOnly: false,
      source: STATIC_BROKER_CONFIG,
      sensitive: false
    })
    expect(d['sasl.enabled.mechanisms']).toEqual({
      value: 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
      readOnly: false,
      source: STATIC_BROKER_CONFIG,
      sensitive: false
    })
    expect(d['node.id']).toEqual({
      value: '1',
      readOnly: true,
      source: STATIC_BROKER_CONFIG,
      sensitive: false
    })
    expect(d['broker.id']).toMatchObject({ value: '1', readOnly: true })
    // The listener is named by its protocol: Kafka's default map says so already.
    expect(d['listener.security.protocol.map']).toMatchObject({ source: DEFAULT_CONFIG })
    expect(d['ssl.keystore.type']).toMatchObject({ value: 'JKS', source: DEFAULT_CONFIG })
  })
})

describe('logdeck serve with several listeners and TLS', () => {
  let server: ServeProcess
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logdeck-flag-configs-'))
    const certs = writeDevCertificates(join(dir, 'certs'))
    server = await startServe([
      '--in-memory',
      '--brokers',
      '2',
      '--port',
      '0',
      '--no-ui',
      '--no-schema-registry',
      '--listener',
      'CLIENTS=sasl_ssl:0',
      '--listener',
      'INTERNAL=ssl:0',
      '--tls-cert',
      certs.cert,
      '--tls-key',
      certs.key,
      '--tls-ca',
      certs.ca,
      '--sasl.enabled.mechanisms',
      'SCRAM-SHA-512',
      '--user',
      `${ALICE.name}:${ALICE.password}`
    ])
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('confluent-kafka-python describes every listener, its protocol and the TLS settings', async () => {
    const bootstrap = server.bootstrap
    const d = await run(CONFLUENT_DESCRIBE, [
      bootstrap,
      '0',
      'listeners',
      'listener.security.protocol.map',
      'sasl.enabled.mechanisms',
      'node.id',
      'ssl.keystore.type',
      'ssl.keystore.location',
      'ssl.keystore.key',
      'ssl.truststore.type',
      'ssl.client.auth',
      'ssl.enabled.protocols'
    ])
    const port = (l: string | null) => portsOf(server, l).get(0)
    const fromStart = (value: string | null, readOnly = false, sensitive = false) => ({
      value,
      source: 'STATIC_BROKER_CONFIG',
      readOnly,
      sensitive
    })
    expect(d).toEqual({
      listeners: fromStart(
        `PLAINTEXT://127.0.0.1:${port(null)},CLIENTS://127.0.0.1:${port('CLIENTS')},INTERNAL://127.0.0.1:${port('INTERNAL')}`
      ),
      'listener.security.protocol.map': fromStart(
        'PLAINTEXT:PLAINTEXT,CLIENTS:SASL_SSL,INTERNAL:SSL'
      ),
      'sasl.enabled.mechanisms': fromStart('SCRAM-SHA-512'),
      'node.id': fromStart('0', true),
      'ssl.keystore.type': fromStart('PEM'),
      // A PEM key and chain are passwords in Kafka: no value, sensitive.
      'ssl.keystore.key': fromStart(null, false, true),
      'ssl.keystore.location': {
        value: null,
        source: 'DEFAULT_CONFIG',
        readOnly: false,
        sensitive: false
      },
      'ssl.truststore.type': fromStart('PEM'),
      'ssl.client.auth': fromStart('required'),
      'ssl.enabled.protocols': {
        value: 'TLSv1.2,TLSv1.3',
        source: 'DEFAULT_CONFIG',
        readOnly: false,
        sensitive: false
      }
    })
  })

  it('kafka-python: AlterConfigs of listeners is refused, as they are given at start', async () => {
    const bootstrap = server.bootstrap
    const r = await python(ALTER_BROKER, [bootstrap, '0', 'listeners', 'PLAINTEXT://127.0.0.1:1'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual([
      INVALID_REQUEST,
      "Cannot update these configs dynamically: Set(listeners); a broker's listeners are given at start (--listener, --advertised-listener)"
    ])
    const d = await run(DESCRIBE_BROKER, [bootstrap, '0', '-', 'listeners'])
    expect(d['listeners'].value).toMatch(/^PLAINTEXT:\/\/127\.0\.0\.1:\d+,CLIENTS:/)
  })
})

/** kafka-python: one config of a broker with its synonyms, as [name, value, source]. */
const DESCRIBE_SYNONYMS = `
import json, sys
from kafka import KafkaAdminClient
from kafka.admin import ConfigResource, ConfigResourceType
a = KafkaAdminClient(bootstrap_servers=sys.argv[1])
out = None
for r in a.describe_configs([ConfigResource(ConfigResourceType.BROKER, sys.argv[2])], include_synonyms=True):
    for res in r.resources:
        for name, value, read_only, source, sensitive, synonyms in res[4]:
            if name == sys.argv[3]:
                out = {'value': value, 'readOnly': read_only, 'source': source, 'sensitive': sensitive,
                       'synonyms': [list(s) for s in synonyms]}
a.close()
print(json.dumps(out))
`

describe("a listener's own settings (--server-properties, --listener-config)", () => {
  let server: ServeProcess
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logdeck-listener-configs-'))
    const certs = writeDevCertificates(join(dir, 'certs'))
    const properties = join(dir, 'server.properties')
    writeFileSync(
      properties,
      [
        'listeners=PLAINTEXT://127.0.0.1:0,CLIENTS://127.0.0.1:0,INTERNAL://127.0.0.1:0',
        'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CLIENTS:SASL_SSL,INTERNAL:SSL',
        'listener.name.clients.sasl.enabled.mechanisms=PLAIN',
        `listener.name.clients.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_${ALICE.name}="${ALICE.password}";`,
        'listener.name.clients.ssl.enabled.protocols=TLSv1.3',
        'listener.name.internal.ssl.client.auth=required',
        ''
      ].join('\n')
    )
    server = await startServe([
      '--in-memory',
      '--no-ui',
      '--no-schema-registry',
      '--server-properties',
      properties,
      '--tls-cert',
      certs.cert,
      '--tls-key',
      certs.key,
      '--listener-config',
      `INTERNAL.tls-ca=${certs.ca}`
    ])
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('confluent-kafka-python describes them as Kafka 4 does: set at start, read-only, secrets hidden', async () => {
    const d = await run(CONFLUENT_DESCRIBE, [
      server.bootstrap,
      '0',
      'listener.name.clients.sasl.enabled.mechanisms',
      'listener.name.clients.plain.sasl.jaas.config',
      'listener.name.clients.ssl.enabled.protocols',
      'listener.name.internal.ssl.client.auth',
      'listener.name.internal.ssl.truststore.type',
      'listener.name.internal.ssl.truststore.certificates',
      'listener.name.internal.ssl.keystore.location',
      'listener.name.plaintext.ssl.client.auth',
      'ssl.client.auth'
    ])
    const fromStart = (value: string | null, sensitive = false) => ({
      value,
      source: 'STATIC_BROKER_CONFIG',
      readOnly: true,
      sensitive
    })
    // What a listener was not given is not listed; the shared ssl.client.auth stays Kafka's
    // default, as the TLS listeners' own differ.
    expect(d).toEqual({
      'listener.name.clients.sasl.enabled.mechanisms': fromStart('PLAIN'),
      'listener.name.clients.plain.sasl.jaas.config': fromStart(null, true),
      'listener.name.clients.ssl.enabled.protocols': fromStart('TLSv1.3'),
      'listener.name.internal.ssl.client.auth': fromStart('required'),
      'listener.name.internal.ssl.truststore.type': fromStart('PEM'),
      'listener.name.internal.ssl.truststore.certificates': fromStart(null, true),
      'ssl.client.auth': {
        value: 'none',
        source: 'DEFAULT_CONFIG',
        readOnly: false,
        sensitive: false
      }
    })
  })

  it('kafka-python lists the config each stands in for as its synonym, and is refused an alter', async () => {
    const d = await python(DESCRIBE_SYNONYMS, [
      server.bootstrap,
      '0',
      'listener.name.internal.ssl.client.auth'
    ])
    expect(d.code, d.stderr).toBe(0)
    expect(JSON.parse(d.stdout)).toEqual({
      value: 'required',
      readOnly: true,
      source: STATIC_BROKER_CONFIG,
      sensitive: false,
      synonyms: [
        ['listener.name.internal.ssl.client.auth', 'required', STATIC_BROKER_CONFIG],
        ['ssl.client.auth', 'none', DEFAULT_CONFIG]
      ]
    })
    const r = await python(ALTER_BROKER, [
      server.bootstrap,
      '0',
      'listener.name.internal.ssl.client.auth',
      'none'
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual([
      INVALID_REQUEST,
      "Cannot update these configs dynamically: Set(listener.name.internal.ssl.client.auth); a listener's own TLS and SASL settings are given at start (--listener-config)"
    ])
  })
})
