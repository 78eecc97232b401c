// `logdeck serve` with Kafka's ssl.enabled.protocols and ssl.cipher.suites: the first listener
// (SSL) speaks TLS 1.3 only, LEGACY (--listener-config, Kafka's listener.name. spelling) TLS 1.2
// only with one cipher suite. Real clients see each: kcat and kafkajs connect where their
// versions and suites meet the listener's and fail their handshake where they do not, and the
// broker logs why; a list Node cannot express stops serve with one line naming the flag.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { connect, type ConnectionOptions } from 'node:tls'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeDevCertificates } from '../../../src/server/dev-certificates'
import { listenerBootstrap, startServe, type ServeProcess } from '../../support/serve-process'
import { kcat, kcatRefusal, python, run } from '../../support/external-clients'
import { waitFor } from '../../support/wait-for'

let dir: string
let certs: ReturnType<typeof writeDevCertificates>
let server: ServeProcess

const LEGACY_SUITE = 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'

/** `logdeck serve` flags of an in-memory cluster whose first listener is SSL. */
const sslServe = () => [
  '--in-memory',
  '--port',
  '0',
  '--no-ui',
  '--no-schema-registry',
  '--security',
  'ssl',
  '--tls-cert',
  certs.cert,
  '--tls-key',
  certs.key
]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logdeck-tls-protocols-'))
  certs = writeDevCertificates(dir)
  server = await startServe([
    ...sslServe(),
    '--brokers',
    '2',
    '--ssl.enabled.protocols',
    'TLSv1.3',
    '--ssl.protocol',
    'TLSv1.2',
    '--ssl.keymanager.algorithm',
    'SunX509',
    '--listener',
    'LEGACY=ssl:0',
    '--listener-config',
    'LEGACY.ssl.enabled.protocols=TLSv1.2',
    '--listener-config',
    `listener.name.legacy.ssl.cipher.suites=${LEGACY_SUITE}`
  ])
}, 60_000)
afterAll(async () => {
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const tlsFlags = (...extra: string[]) => [
  '-X',
  'security.protocol=ssl',
  '-X',
  `ssl.ca.location=${certs.ca}`,
  ...extra.flatMap((x) => ['-X', x])
]

/** A Node TLS handshake with the first broker of `bootstrap`: what it negotiated, or its error. */
function handshake(
  bootstrap: string,
  options: ConnectionOptions
): Promise<{ protocol: string | null; cipher: string } | { error: string }> {
  const [host, port] = bootstrap.split(',')[0].split(':')
  return new Promise((resolve) => {
    const socket = connect({
      host,
      port: Number(port),
      ca: readFileSync(certs.ca),
      servername: 'localhost',
      ...options
    })
    socket.once('secureConnect', () => {
      resolve({ protocol: socket.getProtocol(), cipher: socket.getCipher().standardName })
      socket.end()
    })
    socket.once('error', (err: NodeJS.ErrnoException) =>
      resolve({ error: `${err.code ?? ''} ${err.message}` })
    )
  })
}

describe('ssl.enabled.protocols and ssl.cipher.suites, per listener', () => {
  it("says what each listener negotiates beside Kafka's defaults", () => {
    expect(server.output()).toContain(
      `Security: SSL (TLSv1.3), LEGACY (SSL; TLSv1.2; cipher suites ${LEGACY_SUITE})\n`
    )
  })

  it('the TLS 1.3 listener takes kcat and a TLS 1.3 client, and refuses one limited to TLS 1.2', async () => {
    const listed = await kcat(['-b', server.bootstrap, ...tlsFlags(), '-L', '-J'])
    expect(listed.code, listed.stderr).toBe(0)
    expect((JSON.parse(listed.stdout) as { brokers: unknown[] }).brokers).toHaveLength(2)
    expect(await handshake(server.bootstrap, {})).toMatchObject({ protocol: 'TLSv1.3' })
    expect(await handshake(server.bootstrap, { maxVersion: 'TLSv1.2' })).toMatchObject({
      error: expect.stringMatching(/ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION/)
    })
    await waitFor('the broker to log the client without TLS 1.3', () =>
      /^broker \d: TLS handshake with .* failed: the client offers no TLS version this listener speaks \(TLSv1\.3, ssl\.enabled\.protocols\)$/m.test(
        server.output()
      )
    )
  })

  it('kafkajs limited to TLS 1.2 is refused there; on defaults it produces batches kcat reads on LEGACY', async () => {
    const kafka = (ssl: ConnectionOptions) =>
      new Kafka({
        brokers: server.bootstrap.split(','),
        ssl: { ca: [readFileSync(certs.ca, 'utf8')], servername: 'localhost', ...ssl },
        logLevel: logLevel.NOTHING,
        retry: { retries: 0 }
      })
    await expect(kafka({ maxVersion: 'TLSv1.2' }).admin().connect()).rejects.toThrow(
      /alert protocol version|socket hang up|ECONNRESET/
    )
    const admin = kafka({}).admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic: 'readings', numPartitions: 2 }] })
    await admin.disconnect()
    const producer = kafka({}).producer()
    await producer.connect()
    const values = Array.from({ length: 40 }, (_, i) => `reading-${i}`)
    await producer.sendBatch({
      topicMessages: [
        { topic: 'readings', messages: values.map((value, i) => ({ key: `k${i % 3}`, value })) }
      ]
    })
    await producer.disconnect()
    const consumed = await kcat([
      '-b',
      listenerBootstrap(server, 'LEGACY'),
      ...tlsFlags(),
      '-C',
      '-t',
      'readings',
      '-o',
      'beginning',
      '-e',
      '-q',
      '-f',
      '%s\\n'
    ])
    expect(consumed.code, consumed.stderr).toBe(0)
    expect(consumed.stdout.trim().split('\n').sort()).toEqual([...values].sort())
  })

  it('LEGACY speaks TLS 1.2 with its one suite, and refuses TLS 1.3 clients', async () => {
    const legacy = listenerBootstrap(server, 'LEGACY')
    expect(await handshake(legacy, {})).toEqual({ protocol: 'TLSv1.2', cipher: LEGACY_SUITE })
    expect(await handshake(legacy, { minVersion: 'TLSv1.3' })).toMatchObject({
      error: expect.stringMatching(/ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION/)
    })
  })

  it('kcat offering only a suite LEGACY does not take fails its handshake; the one it takes works', async () => {
    const legacy = listenerBootstrap(server, 'LEGACY')
    expect(
      await kcatRefusal(legacy, tlsFlags('ssl.cipher.suites=ECDHE-RSA-AES128-GCM-SHA256'), 5)
    ).toMatch(/SSL handshake failed.*handshake failure/)
    await waitFor('the broker to log the client without a shared suite', () =>
      /^broker \d \(listener LEGACY\): TLS handshake with .* failed: the client offers no cipher suite this listener takes \(ssl\.cipher\.suites\)$/m.test(
        server.output()
      )
    )
    const ok = await kcat([
      '-b',
      legacy,
      ...tlsFlags('ssl.cipher.suites=ECDHE-RSA-AES256-GCM-SHA384'),
      '-L',
      '-J'
    ])
    expect(ok.code, ok.stderr).toBe(0)
  })

  it('confluent-kafka-python with ssl.cipher.suites: refused with another suite, served with it', async () => {
    const script = `
import sys
from confluent_kafka.admin import AdminClient
bootstrap, ca, suites = sys.argv[1:4]
errors = []
a = AdminClient({'bootstrap.servers': bootstrap, 'security.protocol': 'SSL',
                 'ssl.ca.location': ca, 'ssl.cipher.suites': suites,
                 'error_cb': lambda e: errors.append(str(e))})
try:
    md = a.list_topics(timeout=8)
    print('listed', len(md.brokers))
except Exception as e:
    print('failed', e, ' | '.join(errors))
`
    const legacy = listenerBootstrap(server, 'LEGACY')
    const refused = await python(script, [legacy, certs.ca, 'ECDHE-RSA-CHACHA20-POLY1305'], 30_000)
    expect(refused.stdout).toMatch(/^failed /)
    expect(refused.stdout + refused.stderr).toMatch(/SSL handshake failed.*handshake failure/)
    const served = await python(script, [legacy, certs.ca, 'ECDHE-RSA-AES256-GCM-SHA384'], 30_000)
    expect(served.stdout.trim(), served.stderr).toBe('listed 2')
  })
})

describe('serve refuses what Node cannot express', () => {
  it('a list with a gap: exit code 2 and one line naming the flag and the value', async () => {
    const r = await run(process.execPath, [
      join(__dirname, '..', '..', '..', 'bin', 'logdeck.cjs'),
      'serve',
      ...sslServe(),
      '--ssl.enabled.protocols',
      'TLSv1,TLSv1.3'
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      '--ssl.enabled.protocols TLSv1,TLSv1.3: TLSv1,TLSv1.3 leaves out TLSv1.1, TLSv1.2'
    )
    expect(r.stdout).not.toMatch(/^ready$/m)
  })
})
