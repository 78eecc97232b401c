// SASL listeners with real clients: kcat, confluent-kafka-python, kafkajs and
// @platformatic/kafka log in with PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 over plaintext and TLS;
// a wrong password, a mechanism not offered and a client without SASL fail at once with a clear
// error and a log line; users are managed with AlterUserScramCredentials and logins follow.
import { pbkdf2Sync, randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { Admin, Producer, stringSerializers } from '@platformatic/kafka'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { writeDevCertificates } from '../../../src/server/dev-certificates'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat, kcatSasl, python } from '../../support/external-clients'
import { KafkaConnection } from '../../support/kafka-connection'
import { waitFor } from '../../support/wait-for'

const ALICE = { name: 'alice', password: 'wonder:land' }

const CONFLUENT = `
import sys
from confluent_kafka import Consumer, Producer
bootstrap, protocol, mechanism, user, password, topic, ca = sys.argv[1:8]
conf = {'bootstrap.servers': bootstrap, 'security.protocol': protocol,
        'sasl.mechanism': mechanism, 'sasl.username': user, 'sasl.password': password}
if ca != '-':
    conf['ssl.ca.location'] = ca
p = Producer(dict(conf, **{'linger.ms': 20}))
for i in range(30):
    p.produce(topic, key=b'k%d' % (i % 3), value=b'v%d' % i)
assert p.flush(30) == 0
c = Consumer(dict(conf, **{'group.id': 'sasl-' + topic, 'auto.offset.reset': 'earliest'}))
c.subscribe([topic])
seen = set()
while len(seen) < 30:
    m = c.poll(10)
    assert m is not None, 'no record within 10 s'
    assert m.error() is None, m.error()
    seen.add(m.value())
c.close()
print(len(seen))
`

const CONFLUENT_WRONG = `
import sys
from confluent_kafka.admin import AdminClient
bootstrap, mechanism = sys.argv[1:3]
errors = []
a = AdminClient({'bootstrap.servers': bootstrap, 'security.protocol': 'SASL_PLAINTEXT',
                 'sasl.mechanism': mechanism, 'sasl.username': 'alice', 'sasl.password': 'nope',
                 'error_cb': lambda e: errors.append(str(e))})
try:
    a.list_topics(timeout=5)
    print('listed')
except Exception as e:
    print('failed', ' | '.join(errors) or e)
`

function sasl(mechanism: string, user = ALICE.name, password = ALICE.password): string[] {
  return kcatSasl(mechanism, user, password)
}

/** Logs a raw connection in with PLAIN through SaslHandshake v1 and SaslAuthenticate v2. */
async function plainLogin(conn: KafkaConnection, user: string, password: string) {
  const hs = await conn.request(ApiKey.SaslHandshake, 1, { mechanism: 'PLAIN' })
  expect(hs?.errorCode).toBe(ErrorCode.NONE)
  return conn.request(ApiKey.SaslAuthenticate, 2, {
    authBytes: Buffer.from(`\u0000${user}\u0000${password}`)
  })
}

describe('SASL_PLAINTEXT', () => {
  let cluster: TestCluster
  let port: number
  beforeAll(async () => {
    cluster = await startTestCluster({
      security: { protocol: 'SASL_PLAINTEXT', users: [ALICE] }
    })
    port = cluster.listeners[0].port
  })
  afterAll(() => cluster.close())

  it('kcat produces with PLAIN and reads back with SCRAM-SHA-256 and SCRAM-SHA-512', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `r${i}`)
    const produced = await kcat(
      ['-b', cluster.bootstrap, ...sasl('PLAIN'), '-P', '-t', 'sasl-kcat', '-X', 'linger.ms=20'],
      lines.join('\n') + '\n'
    )
    expect(produced.code, produced.stderr).toBe(0)
    for (const mechanism of ['SCRAM-SHA-256', 'SCRAM-SHA-512']) {
      const consumed = await kcat([
        '-b',
        cluster.bootstrap,
        ...sasl(mechanism),
        '-C',
        '-t',
        'sasl-kcat',
        '-o',
        'beginning',
        '-e',
        '-q'
      ])
      expect(consumed.code, consumed.stderr).toBe(0)
      expect(consumed.stdout.trim().split('\n')).toEqual(lines)
    }
  })

  it.each(['PLAIN', 'SCRAM-SHA-512'])(
    'confluent-kafka-python produces and consumes in a group with %s',
    async (mechanism) => {
      const topic = `sasl-py-${mechanism.toLowerCase()}`
      const r = await python(
        CONFLUENT,
        [cluster.bootstrap, 'SASL_PLAINTEXT', mechanism, ALICE.name, ALICE.password, topic, '-'],
        90_000
      )
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout.trim()).toBe('30')
    }
  )

  it('a wrong password fails at once with SASL_AUTHENTICATION_FAILED and a log line', async () => {
    const r = await kcat([
      '-b',
      cluster.bootstrap,
      ...sasl('SCRAM-SHA-512', 'alice', 'nope'),
      '-L',
      '-m',
      '3'
    ])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(
      /SASL authentication error: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512/
    )
    const py = await python(CONFLUENT_WRONG, [cluster.bootstrap, 'PLAIN'], 30_000)
    expect(py.stdout).toMatch(/^failed/)
    // librdkafka logs the broker's answer to stderr.
    expect(py.stderr).toMatch(
      /SASL authentication error: Authentication failed: Invalid username or password/
    )
    await waitFor(
      'the failed logins in the log',
      () =>
        cluster.logs.some((l) =>
          /SASL authentication of user 'alice' with SCRAM-SHA-512 failed/.test(l)
        ) &&
        cluster.logs.some((l) => /SASL authentication of user 'alice' with PLAIN failed/.test(l))
    )
  })

  it('a mechanism the broker does not offer fails clearly', async () => {
    const r = await kcat([
      '-b',
      cluster.bootstrap,
      '-X',
      'security.protocol=sasl_plaintext',
      '-X',
      'sasl.mechanisms=OAUTHBEARER',
      '-X',
      'enable.sasl.oauthbearer.unsecure.jwt=true',
      '-X',
      'sasl.oauthbearer.config=principal=alice',
      '-L',
      '-m',
      '3'
    ])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(
      /SASL OAUTHBEARER mechanism handshake failed: Broker: Unsupported SASL mechanism: broker's supported mechanisms: PLAIN,SCRAM-SHA-256,SCRAM-SHA-512/
    )
    await waitFor('the refused mechanism in the log', () =>
      cluster.logs.some((l) => /SASL mechanism OAUTHBEARER is not enabled/.test(l))
    )
  })

  it('a client without SASL is closed on its first request past ApiVersions', async () => {
    const r = await kcat(['-b', cluster.bootstrap, '-L', '-m', '3'])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/might require SASL authentication/)
    const conn = await KafkaConnection.open(port)
    const versions = await conn.request(ApiKey.ApiVersions, 3, {})
    expect(versions?.apiKeys.some((k) => k.apiKey === ApiKey.SaslAuthenticate)).toBe(true)
    expect(await conn.request(ApiKey.Metadata, 9, { topics: [] })).toBeNull()
    expect(cluster.logs.some((l) => /API key 3 before SASL authentication/.test(l))).toBe(true)
  })

  it('kafkajs logs in with SCRAM-SHA-256, produces and consumes; a wrong password is refused', async () => {
    // The wrong password fails at once (no retries); the producer retries its first Metadata,
    // which creates the topic and answers UNKNOWN_TOPIC_OR_PARTITION as Kafka 4 does.
    const kafka = (password: string, retries?: number) =>
      new Kafka({
        brokers: cluster.bootstrap.split(','),
        logLevel: logLevel.NOTHING,
        sasl: { mechanism: 'scram-sha-256', username: ALICE.name, password },
        retry: retries === undefined ? undefined : { retries }
      })
    const producer = kafka(ALICE.password).producer()
    await producer.connect()
    await producer.send({
      topic: 'sasl-kafkajs',
      messages: Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `v${i}` }))
    })
    await producer.disconnect()
    const consumer = kafka(ALICE.password).consumer({ groupId: 'sasl-kafkajs' })
    await consumer.connect()
    await consumer.subscribe({ topic: 'sasl-kafkajs', fromBeginning: true })
    const seen: string[] = []
    await consumer.run({
      eachMessage: async ({ message }) => void seen.push(String(message.value))
    })
    await waitFor('kafkajs to consume 10 records', () => seen.length >= 10)
    await consumer.disconnect()
    const bad = kafka('nope', 0).admin()
    await expect(bad.connect()).rejects.toThrow(/SASL SCRAM SHA256 authentication failed/)
  })

  it('@platformatic/kafka logs in with SCRAM-SHA-512 and PLAIN', async () => {
    for (const mechanism of ['SCRAM-SHA-512', 'PLAIN'] as const) {
      const options = {
        clientId: 'sasl-test',
        bootstrapBrokers: cluster.bootstrap.split(','),
        sasl: { mechanism, username: ALICE.name, password: ALICE.password }
      }
      const admin = new Admin(options)
      if (!(await admin.listTopics()).includes('sasl-platformatic'))
        await admin.createTopics({ topics: ['sasl-platformatic'], partitions: 1, replicas: 1 })
      const producer = new Producer({ ...options, serializers: stringSerializers })
      await producer.send({
        messages: [{ topic: 'sasl-platformatic', key: mechanism, value: 'x' }]
      })
      await producer.close()
      expect(await admin.listTopics()).toContain('sasl-platformatic')
      await admin.close()
    }
  })

  it('users added and removed with AlterUserScramCredentials log in only with what they have', async () => {
    const conn = await KafkaConnection.open(port)
    const login = await plainLogin(conn, ALICE.name, ALICE.password)
    expect(login?.errorCode).toBe(ErrorCode.NONE)
    const salt = randomBytes(16)
    const saltedPassword = pbkdf2Sync('c4rol', salt, 8192, 32, 'sha256')
    const altered = await conn.request(ApiKey.AlterUserScramCredentials, 0, {
      deletions: [],
      upsertions: [{ name: 'carol', mechanism: 1, iterations: 8192, salt, saltedPassword }]
    })
    expect(altered?.results).toEqual([{ user: 'carol', errorCode: 0, errorMessage: null }])
    const described = await conn.request(ApiKey.DescribeUserScramCredentials, 0, {
      users: [{ name: 'carol' }, { name: 'nobody' }]
    })
    expect(described?.results.map((r) => [r.user, r.errorCode, r.credentialInfos])).toEqual([
      ['carol', 0, [{ mechanism: 1, iterations: 8192 }]],
      ['nobody', ErrorCode.RESOURCE_NOT_FOUND, []]
    ])
    const refused = await conn.request(ApiKey.AlterUserScramCredentials, 0, {
      deletions: [{ name: 'carol', mechanism: 2 }],
      upsertions: [{ name: 'dave', mechanism: 2, iterations: 100, salt, saltedPassword }]
    })
    expect(refused?.results.map((r) => [r.user, r.errorCode])).toEqual([
      ['carol', ErrorCode.RESOURCE_NOT_FOUND],
      ['dave', ErrorCode.UNACCEPTABLE_CREDENTIAL]
    ])

    const ok = await kcat([
      '-b',
      cluster.bootstrap,
      ...sasl('SCRAM-SHA-256', 'carol', 'c4rol'),
      '-L',
      '-m',
      '10'
    ])
    expect(ok.code, ok.stderr).toBe(0)
    const plain = await kcat([
      '-b',
      cluster.bootstrap,
      ...sasl('PLAIN', 'carol', 'c4rol'),
      '-L',
      '-m',
      '10'
    ])
    expect(plain.code, plain.stderr).toBe(0)
    // The wrong mechanism for this user: carol has no SCRAM-SHA-512 credential.
    const no512 = await kcat([
      '-b',
      cluster.bootstrap,
      ...sasl('SCRAM-SHA-512', 'carol', 'c4rol'),
      '-L',
      '-m',
      '3'
    ])
    expect(no512.code).not.toBe(0)
    expect(no512.stderr).toMatch(/invalid credentials with SASL mechanism SCRAM-SHA-512/)

    const deleted = await conn.request(ApiKey.AlterUserScramCredentials, 0, {
      deletions: [{ name: 'carol', mechanism: 1 }],
      upsertions: []
    })
    expect(deleted?.results[0].errorCode).toBe(0)
    conn.close()
    const gone = await kcat([
      '-b',
      cluster.bootstrap,
      ...sasl('SCRAM-SHA-256', 'carol', 'c4rol'),
      '-L',
      '-m',
      '3'
    ])
    expect(gone.code).not.toBe(0)
  })

  it('a version 0 SaslHandshake takes a bare token, as old clients send it', async () => {
    const conn = await KafkaConnection.open(port)
    const hs = await conn.request(ApiKey.SaslHandshake, 0, { mechanism: 'PLAIN' })
    expect(hs?.mechanisms).toEqual(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'])
    const answer = await conn.rawToken(Buffer.from(`\u0000alice\u0000${ALICE.password}`))
    expect(answer?.length).toBe(0)
    const md = await conn.request(ApiKey.Metadata, 9, { topics: [] })
    expect(md?.brokers.length).toBe(3)
    conn.close()
  })
})

describe('re-authentication (connections.max.reauth.ms)', () => {
  let cluster: TestCluster
  beforeAll(async () => {
    cluster = await startTestCluster({
      brokers: 1,
      security: { protocol: 'SASL_PLAINTEXT', users: [ALICE], maxReauthMs: 1500 }
    })
  })
  afterAll(() => cluster.close())

  it('tells the session lifetime, closes an expired session and keeps one that re-authenticates', async () => {
    const port = cluster.listeners[0].port
    const stale = await KafkaConnection.open(port)
    const fresh = await KafkaConnection.open(port)
    const first = await plainLogin(stale, ALICE.name, ALICE.password)
    expect(first?.sessionLifetimeMs).toBe(1500n)
    await plainLogin(fresh, ALICE.name, ALICE.password)
    const loggedInAt = Date.now()
    await waitFor('the session to expire', () => Date.now() > loggedInAt + 1600)
    const again = await plainLogin(fresh, ALICE.name, ALICE.password)
    expect(again?.errorCode).toBe(ErrorCode.NONE)
    expect((await fresh.request(ApiKey.Metadata, 9, { topics: [] }))?.brokers.length).toBe(1)
    expect(await stale.request(ApiKey.Metadata, 9, { topics: [] })).toBeNull()
    expect(cluster.logs.some((l) => /SASL session of 'alice' expired/.test(l))).toBe(true)
    fresh.close()
  })

  it('describes connections.max.reauth.ms on the broker, read-only, as librdkafka finds it', async () => {
    const described = await python(
      `
import sys
from confluent_kafka.admin import AdminClient, ConfigResource
a = AdminClient({'bootstrap.servers': sys.argv[1], 'security.protocol': 'SASL_PLAINTEXT',
                 'sasl.mechanism': 'SCRAM-SHA-256', 'sasl.username': sys.argv[2],
                 'sasl.password': sys.argv[3]})
r = ConfigResource('BROKER', '0')
c = a.describe_configs([r])[r].result()['connections.max.reauth.ms']
print(c.value, c.source, c.is_read_only)
`,
      [cluster.bootstrap, ALICE.name, ALICE.password]
    )
    // STATIC_BROKER_CONFIG (4): given at start.
    expect(described.stdout.trim(), described.stderr).toBe('1500 4 True')
  })

  it('refuses a re-authentication as another user', async () => {
    cluster.engine.setSaslPassword('bob', 'b0b')
    const conn = await KafkaConnection.open(cluster.listeners[0].port)
    await plainLogin(conn, ALICE.name, ALICE.password)
    const swap = await plainLogin(conn, 'bob', 'b0b')
    expect(swap?.errorCode).toBe(ErrorCode.SASL_AUTHENTICATION_FAILED)
    expect(swap?.errorMessage).toMatch(/Cannot change principals/)
  })

  it('kafkajs re-authenticates by itself and keeps producing past the session lifetime', async () => {
    const kafka = new Kafka({
      brokers: cluster.bootstrap.split(','),
      logLevel: logLevel.NOTHING,
      sasl: { mechanism: 'scram-sha-512', username: ALICE.name, password: ALICE.password }
    })
    const producer = kafka.producer()
    await producer.connect()
    await producer.send({ topic: 'reauth', messages: [{ value: 'before' }] })
    const sentAt = Date.now()
    await waitFor('the session to expire', () => Date.now() > sentAt + 2000)
    await producer.send({ topic: 'reauth', messages: [{ value: 'after' }] })
    await producer.disconnect()
    const consumed = await kcat([
      '-b',
      cluster.bootstrap,
      ...sasl('PLAIN'),
      '-C',
      '-t',
      'reauth',
      '-o',
      'beginning',
      '-e',
      '-q'
    ])
    expect(consumed.stdout.trim().split('\n')).toEqual(['before', 'after'])
  })
})

describe('SASL_SSL with the development certificate', () => {
  let dir: string
  let certs: ReturnType<typeof writeDevCertificates>
  let cluster: TestCluster
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logdeck-sasl-ssl-'))
    certs = writeDevCertificates(dir)
    cluster = await startTestCluster({
      security: {
        protocol: 'SASL_SSL',
        tls: { cert: readFileSync(certs.cert), key: readFileSync(certs.key) },
        users: [ALICE]
      }
    })
  })
  afterAll(async () => {
    await cluster.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('kcat logs in with SCRAM-SHA-512 over TLS', async () => {
    const args = [
      '-b',
      cluster.bootstrap,
      '-X',
      'security.protocol=sasl_ssl',
      '-X',
      `ssl.ca.location=${certs.ca}`,
      '-X',
      'sasl.mechanisms=SCRAM-SHA-512',
      '-X',
      'sasl.username=alice',
      '-X',
      `sasl.password=${ALICE.password}`
    ]
    const produced = await kcat([...args, '-P', '-t', 'sasl-ssl'], 'a\nb\nc\n')
    expect(produced.code, produced.stderr).toBe(0)
    const consumed = await kcat([...args, '-C', '-t', 'sasl-ssl', '-o', 'beginning', '-e', '-q'])
    expect(consumed.stdout.trim().split('\n')).toEqual(['a', 'b', 'c'])
  })

  it('confluent-kafka-python produces and consumes with PLAIN over TLS', async () => {
    const r = await python(
      CONFLUENT,
      [cluster.bootstrap, 'SASL_SSL', 'PLAIN', ALICE.name, ALICE.password, 'sasl-ssl-py', certs.ca],
      90_000
    )
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.trim()).toBe('30')
  })

  it('a SASL_PLAINTEXT client fails against the TLS listener', async () => {
    const r = await kcat(['-b', cluster.bootstrap, ...sasl('PLAIN'), '-L', '-m', '3'])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/SSL listener/)
  })
})
