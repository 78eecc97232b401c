// `logdeck serve --server-properties` with a real server.properties of a KRaft combined node: a
// SASL_PLAINTEXT listener EXTERNAL whose PLAIN JAAS config lists the users admin and alice, a
// PLAINTEXT listener INTERNAL, the CONTROLLER listener left out, broker configs and KRaft keys.
// kcat and confluent-kafka-python log in as JAAS users and produce and consume batches
// (linger.ms); a wrong password and a user only the cluster knows (--user) get
// SASL_AUTHENTICATION_FAILED with a log line, while SCRAM logins stay the cluster's; a bad file
// exits 2 naming its line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { listenerBootstrap, startServe, type ServeProcess } from '../../support/serve-process'
import { kcat, kcatSasl, python, run } from '../../support/external-clients'
import { KafkaConnection } from '../../support/kafka-request'
import { waitFor } from '../../support/wait-for'

const ROOT = join(__dirname, '..', '..', '..')
const FIXTURE = join(ROOT, 'test', 'fixtures', 'server-properties', 'sasl-plain-jaas.properties')
const CAROL = { name: 'carol', password: 'carol-secret' }

let server: ServeProcess
let dir: string

const plain = (user: string, password: string, mechanism = 'PLAIN') =>
  kcatSasl(mechanism, user, password)

/** Produces argv[7] records (keyed, batched by linger.ms) and reads them back in a group. */
const CONFLUENT = `
import sys
from confluent_kafka import Producer, Consumer
bootstrap, protocol, mechanism, user, password, topic, count = sys.argv[1:8]
auth = {'security.protocol': protocol}
if protocol != 'PLAINTEXT':
    auth.update({'sasl.mechanism': mechanism, 'sasl.username': user, 'sasl.password': password})
p = Producer({'bootstrap.servers': bootstrap, 'linger.ms': 50, **auth})
for i in range(int(count)):
    p.produce(topic, key=f'k{i % 3}', value=f'py-{i}')
assert p.flush(30) == 0
c = Consumer({'bootstrap.servers': bootstrap, 'group.id': f'g-{user}-{topic}',
              'auto.offset.reset': 'earliest', **auth})
c.subscribe([topic])
seen = []
while len(seen) < int(count):
    m = c.poll(10)
    if m is None:
        break
    if m.error() is None:
        seen.append(m.value().decode())
c.close()
print(len(seen))
`

const CONFLUENT_LOGIN = `
import sys
from confluent_kafka.admin import AdminClient
bootstrap, user, password = sys.argv[1:4]
errors = []
a = AdminClient({'bootstrap.servers': bootstrap, 'security.protocol': 'SASL_PLAINTEXT',
                 'sasl.mechanism': 'PLAIN', 'sasl.username': user, 'sasl.password': password,
                 'error_cb': lambda e: errors.append(str(e))})
try:
    print('listed', len(a.list_topics(timeout=5).brokers))
except Exception as e:
    print('failed', ' | '.join(errors) or e)
`

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logdeck-server-properties-'))
  server = await startServe([
    '--in-memory',
    '--no-ui',
    '--no-schema-registry',
    '--server-properties',
    FIXTURE,
    '--user',
    `${CAROL.name}:${CAROL.password}`
  ])
}, 60_000)
afterAll(async () => {
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

const external = () => server.bootstrap
const internal = () => listenerBootstrap(server, 'INTERNAL')

describe('serve --server-properties with JAAS users on a SASL listener', () => {
  it('says what it took from the file, and what each listener asks', () => {
    const out = server.output()
    expect(out).toContain(`Server properties ${FIXTURE}:\n`)
    expect(out).toContain(
      '  listeners: EXTERNAL (SASL_PLAINTEXT) on a free port, INTERNAL (PLAINTEXT) on a free port; CONTROLLER left out'
    )
    expect(out).toContain(
      '  security: sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512; EXTERNAL PLAIN JAAS config with 2 PLAIN user(s): admin, alice;'
    )
    expect(out).toMatch(/^ {2}ignored: process\.roles, controller\.quorum\.voters \(KRaft/m)
    // The file's node.id is the broker's id.
    expect(out).toContain('  broker id: 1 (node.id)\n')
    expect(out).toContain('1 broker(s) (ids 1)')
    expect(out).toContain(
      'Security: EXTERNAL (SASL_PLAINTEXT; SASL mechanisms PLAIN, SCRAM-SHA-512; PLAIN users from its JAAS config: admin, alice), 1 user(s)\n'
    )
    expect(out).not.toMatch(/alice-secret|admin-secret/)
  })

  it('kcat produces batches as alice and reads them back as admin, both JAAS users', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => `k${i % 4}:kcat-${i}`)
    const produced = await kcat(
      [
        '-b',
        external(),
        ...plain('alice', 'alice-secret'),
        '-P',
        '-t',
        'orders',
        '-K',
        ':',
        '-X',
        'linger.ms=30'
      ],
      lines.join('\n') + '\n'
    )
    expect(produced.code, produced.stderr).toBe(0)
    const consumed = await kcat([
      '-b',
      external(),
      ...plain('admin', 'admin-secret'),
      '-C',
      '-t',
      'orders',
      '-o',
      'beginning',
      '-e',
      '-q',
      '-f',
      '%s\\n'
    ])
    expect(consumed.code, consumed.stderr).toBe(0)
    expect(consumed.stdout.trim().split('\n').sort()).toEqual(
      lines.map((l) => l.split(':')[1]).sort()
    )
    // num.partitions=3 from the file: the auto-created topic has three partitions.
    const listed = await kcat(['-b', internal(), '-L', '-t', 'orders', '-J'])
    const meta = JSON.parse(listed.stdout) as { topics: { partitions: unknown[] }[] }
    expect(meta.topics[0].partitions).toHaveLength(3)
  })

  it('confluent-kafka-python produces and consumes in a group as a JAAS user, INTERNAL without a login', async () => {
    const r = await python(
      CONFLUENT,
      [external(), 'SASL_PLAINTEXT', 'PLAIN', 'alice', 'alice-secret', 'payments', '40'],
      90_000
    )
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.trim()).toBe('40')
    const inside = await python(
      CONFLUENT,
      [internal(), 'PLAINTEXT', '', 'svc', '', 'audit', '25'],
      90_000
    )
    expect(inside.code, inside.stderr).toBe(0)
    expect(inside.stdout.trim()).toBe('25')
  })

  it('a wrong password and a cluster-only user fail PLAIN with SASL_AUTHENTICATION_FAILED and a log line', async () => {
    const wrong = await kcat(['-b', external(), ...plain('alice', 'nope'), '-L', '-m', '3'])
    expect(wrong.code).not.toBe(0)
    expect(wrong.stderr).toMatch(
      /SASL authentication error: Authentication failed: Invalid username or password/
    )
    const py = await python(CONFLUENT_LOGIN, [external(), CAROL.name, CAROL.password], 30_000)
    expect(py.stdout).toMatch(/^failed/)
    expect(py.stderr).toMatch(/Authentication failed: Invalid username or password/)
    // The protocol's own answer.
    const port = Number(external().split(':').at(-1))
    for (const [user, password] of [
      ['alice', 'nope'],
      [CAROL.name, CAROL.password]
    ]) {
      const conn = new KafkaConnection(port, 'localhost')
      const hs = await conn.request(ApiKey.SaslHandshake, 1, { mechanism: 'PLAIN' })
      expect(hs.errorCode).toBe(ErrorCode.NONE)
      const login = await conn.request(ApiKey.SaslAuthenticate, 2, {
        authBytes: Buffer.from(`\u0000${user}\u0000${password}`)
      })
      expect(login.errorCode).toBe(ErrorCode.SASL_AUTHENTICATION_FAILED)
      expect(login.errorMessage).toBe('Authentication failed: Invalid username or password')
      conn.close()
    }
    await waitFor('the failed logins in the log', () =>
      ['alice', CAROL.name].every((u) =>
        new RegExp(`SASL authentication of user '${u}' with PLAIN failed`).test(server.output())
      )
    )
  })

  it("SCRAM logins stay the cluster's: carol logs in with SCRAM-SHA-512, a JAAS user does not", async () => {
    const carol = await kcat([
      '-b',
      external(),
      ...plain(CAROL.name, CAROL.password, 'SCRAM-SHA-512'),
      '-L',
      '-J'
    ])
    expect(carol.code, carol.stderr).toBe(0)
    const alice = await kcat([
      '-b',
      external(),
      ...plain('alice', 'alice-secret', 'SCRAM-SHA-512'),
      '-L',
      '-m',
      '3'
    ])
    expect(alice.code).not.toBe(0)
    expect(alice.stderr).toMatch(/invalid credentials with SASL mechanism SCRAM-SHA-512/)
  })
})

describe('serve refuses a bad server.properties', () => {
  it('exits 2 with one line naming the file, the line and the key', async () => {
    const bad = join(dir, 'bad.properties')
    writeFileSync(
      bad,
      [
        'listeners=SASL_PLAINTEXT://:0',
        '# users of the SASL listener',
        'listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\',
        '    user_alice="alice-secret"',
        'num.partitions=3'
      ].join('\n')
    )
    const r = await run(process.execPath, [
      join(ROOT, 'bin', 'logdeck.cjs'),
      'serve',
      '--in-memory',
      '--server-properties',
      bad
    ])
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toBe(
      `logdeck serve: ${bad} line 3, listener.name.sasl_plaintext.plain.sasl.jaas.config: not a JAAS configuration: the entry of org.apache.kafka.common.security.plain.PlainLoginModule does not end with ';' (see 'logdeck serve --help')`
    )
    expect(r.stdout).not.toMatch(/^ready$/m)
  })
})
