// `logdeck serve --listener-config` (Kafka's listener.name.<name>.ssl.* and
// .sasl.enabled.mechanisms): two TLS listeners, INTERNAL requiring client certificates (its own
// tls-ca) and EXTERNAL with a certificate of its own from another CA and no client certificates;
// two SASL listeners, PARTNERS offering SCRAM-SHA-512 only and APPS the shared mechanisms. kcat,
// kafkajs and confluent-kafka-python see each listener's own settings: the mTLS listener refuses
// a client without a certificate while the other takes it, and a mechanism enabled on one
// listener only is refused on the other with UNSUPPORTED_SASL_MECHANISM and its list.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeDevCertificates } from '../../../src/server/dev-certificates'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { listenerBootstrap, startServe, type ServeProcess } from '../../support/serve-process'
import { kcat, kcatRefusal, python } from '../../support/external-clients'
import { kafkaRequest } from '../../support/kafka-request'
import { waitFor } from '../../support/wait-for'

const ALICE = { name: 'alice', password: 'wonder:land' }

let dir: string
/** The shared certificate (and the CA of INTERNAL's client certificates). */
let shared: ReturnType<typeof writeDevCertificates>
/** EXTERNAL's own certificate, from another CA. */
let external: ReturnType<typeof writeDevCertificates>
let server: ServeProcess

const bootstrapOf = (listener: string) => listenerBootstrap(server, listener)

const ssl = (ca: string, cert?: { cert: string; key: string }) => [
  '-X',
  'security.protocol=ssl',
  '-X',
  `ssl.ca.location=${ca}`,
  ...(cert
    ? ['-X', `ssl.certificate.location=${cert.cert}`, '-X', `ssl.key.location=${cert.key}`]
    : [])
]
const sasl = (mechanism: string) => [
  '-X',
  'security.protocol=sasl_plaintext',
  '-X',
  `sasl.mechanisms=${mechanism}`,
  '-X',
  `sasl.username=${ALICE.name}`,
  '-X',
  `sasl.password=${ALICE.password}`
]

const CONFLUENT_LIST = `
import sys
from confluent_kafka.admin import AdminClient
bootstrap, mechanism, user, password = sys.argv[1:5]
errors = []
a = AdminClient({'bootstrap.servers': bootstrap, 'security.protocol': 'SASL_PLAINTEXT',
                 'sasl.mechanism': mechanism, 'sasl.username': user, 'sasl.password': password,
                 'error_cb': lambda e: errors.append(str(e))})
try:
    md = a.list_topics(timeout=10)
    print('listed', len(md.brokers))
except Exception as e:
    print('failed', ' | '.join(errors) or e)
`

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logdeck-listener-security-'))
  shared = writeDevCertificates(join(dir, 'shared'))
  external = writeDevCertificates(join(dir, 'external'))
  server = await startServe([
    '--in-memory',
    '--brokers',
    '2',
    '--port',
    '0',
    '--no-ui',
    '--no-schema-registry',
    '--listener',
    'INTERNAL=ssl:0',
    '--listener',
    'EXTERNAL=ssl:0',
    '--listener',
    'PARTNERS=sasl_plaintext:0',
    '--listener',
    'APPS=sasl_plaintext:0',
    '--tls-cert',
    shared.cert,
    '--tls-key',
    shared.key,
    '--listener-config',
    `INTERNAL.tls-ca=${shared.ca}`,
    '--listener-config',
    `listener.name.external.tls-cert=${external.cert}`,
    '--listener-config',
    `EXTERNAL.tls-key=${external.key}`,
    '--listener-config',
    'PARTNERS.sasl.enabled.mechanisms=SCRAM-SHA-512',
    '--user',
    `${ALICE.name}:${ALICE.password}`
  ])
}, 60_000)
afterAll(async () => {
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('listeners with their own TLS and SASL settings', () => {
  it('says what each listener asks of its clients', () => {
    expect(server.output()).toContain(
      'Security: INTERNAL (SSL; client certificates required), EXTERNAL (SSL), ' +
        'PARTNERS (SASL_PLAINTEXT; SASL mechanisms SCRAM-SHA-512), ' +
        'APPS (SASL_PLAINTEXT; SASL mechanisms PLAIN, SCRAM-SHA-256, SCRAM-SHA-512), 1 user(s)\n'
    )
  })

  it('the mTLS listener refuses a client without a certificate; the other takes it', async () => {
    expect(await kcatRefusal(bootstrapOf('INTERNAL'), ssl(shared.ca), 5)).toMatch(
      /certificate required/
    )
    await waitFor('the broker to log the client without a certificate', () =>
      /^broker \d \(listener INTERNAL\): TLS handshake with .* failed: the client sent no certificate/m.test(
        server.output()
      )
    )
    const withCert = await kcat([
      '-b',
      bootstrapOf('INTERNAL'),
      ...ssl(shared.ca, { cert: shared.clientCert, key: shared.clientKey }),
      '-L',
      '-J'
    ])
    expect(withCert.code, withCert.stderr).toBe(0)
    const noCert = await kcat(['-b', bootstrapOf('EXTERNAL'), ...ssl(external.ca), '-L', '-J'])
    expect(noCert.code, noCert.stderr).toBe(0)
    expect((JSON.parse(noCert.stdout) as { brokers: unknown[] }).brokers).toHaveLength(2)
  })

  it('EXTERNAL presents its own certificate: its CA is trusted there, the shared one is not', async () => {
    expect(await kcatRefusal(bootstrapOf('EXTERNAL'), ssl(shared.ca), 5)).toMatch(
      /certificate verify failed/
    )
    const clientCert = { cert: shared.clientCert, key: shared.clientKey }
    expect(await kcatRefusal(bootstrapOf('INTERNAL'), ssl(external.ca, clientCert), 5)).toMatch(
      /certificate verify failed/
    )
  })

  it('kafkajs produces batches on EXTERNAL without a client certificate and reads them on INTERNAL with one', async () => {
    const producer = new Kafka({
      brokers: bootstrapOf('EXTERNAL').split(','),
      ssl: { ca: [readFileSync(external.ca, 'utf8')], servername: 'localhost' },
      logLevel: logLevel.NOTHING
    }).producer()
    await producer.connect()
    const values = Array.from({ length: 50 }, (_, i) => `event-${i}`)
    await producer.sendBatch({
      topicMessages: [
        { topic: 'events', messages: values.map((value, i) => ({ key: `k${i % 4}`, value })) }
      ]
    })
    await producer.disconnect()
    const consumed = await kcat([
      '-b',
      bootstrapOf('INTERNAL'),
      ...ssl(shared.ca, { cert: shared.clientCert, key: shared.clientKey }),
      '-C',
      '-t',
      'events',
      '-o',
      'beginning',
      '-e',
      '-q',
      '-f',
      '%s\\n'
    ])
    expect(consumed.code, consumed.stderr).toBe(0)
    expect(consumed.stdout.trim().split('\n').sort()).toEqual([...values].sort())
    // Without a client certificate, kafkajs cannot connect to INTERNAL.
    const refused = new Kafka({
      brokers: bootstrapOf('INTERNAL').split(','),
      ssl: { ca: [readFileSync(shared.ca, 'utf8')], servername: 'localhost' },
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 }
    }).admin()
    await expect(refused.connect()).rejects.toThrow(
      /certificate required|socket hang up|ECONNRESET/
    )
  })

  it('PLAIN, enabled on APPS only, is refused on PARTNERS with UNSUPPORTED_SASL_MECHANISM and its list', async () => {
    const port = Number(bootstrapOf('PARTNERS').split(',')[0].split(':')[1])
    const handshake = await kafkaRequest(port, ApiKey.SaslHandshake, 1, { mechanism: 'PLAIN' })
    expect(handshake.body.errorCode).toBe(ErrorCode.UNSUPPORTED_SASL_MECHANISM)
    expect(handshake.body.mechanisms).toEqual(['SCRAM-SHA-512'])
    expect(await kcatRefusal(bootstrapOf('PARTNERS'), sasl('PLAIN'), 5)).toMatch(
      /Unsupported SASL mechanism: broker's supported mechanisms: SCRAM-SHA-512/
    )
    for (const [listener, mechanism] of [
      ['PARTNERS', 'SCRAM-SHA-512'],
      ['APPS', 'PLAIN']
    ]) {
      const ok = await kcat(['-b', bootstrapOf(listener), ...sasl(mechanism), '-L', '-J'])
      expect(ok.code, `${listener} ${mechanism}: ${ok.stderr}`).toBe(0)
    }
    const py = await python(
      CONFLUENT_LIST,
      [bootstrapOf('PARTNERS'), 'PLAIN', ALICE.name, ALICE.password],
      30_000
    )
    expect(py.stdout).toMatch(/^failed/)
    expect(py.stderr + py.stdout).toMatch(/broker's supported mechanisms: SCRAM-SHA-512/)
    const pyApps = await python(
      CONFLUENT_LIST,
      [bootstrapOf('APPS'), 'PLAIN', ALICE.name, ALICE.password],
      30_000
    )
    expect(pyApps.stdout.trim(), pyApps.stderr).toBe('listed 2')
  })

  it('kafkajs logs in with PLAIN on APPS and is refused PLAIN on PARTNERS', async () => {
    const kafka = (listener: string) =>
      new Kafka({
        brokers: bootstrapOf(listener).split(','),
        sasl: { mechanism: 'plain', username: ALICE.name, password: ALICE.password },
        logLevel: logLevel.NOTHING,
        retry: { retries: 0 }
      })
    const apps = kafka('APPS').admin()
    await apps.connect()
    expect(await apps.listTopics()).toContain('events')
    await apps.disconnect()
    await expect(kafka('PARTNERS').admin().connect()).rejects.toThrow(
      /The broker does not support the requested SASL mechanism/
    )
  })
})
