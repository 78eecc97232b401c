// SASL/OAUTHBEARER with Kafka's unsecured validator and real clients: kcat and
// confluent-kafka-python (librdkafka's unsecured JWT builder, principal=alice) and kafkajs (a
// token built here) log in as User:alice, whom only the ACLs let produce and consume; an expired
// token and one without sub are answered {"status":"invalid_token"} and then
// SASL_AUTHENTICATION_FAILED, with a log line; the session lives as long as the token (KIP-368)
// and kafkajs re-authenticates with a fresh one.
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AclBinding } from '../../../src/shared/api/acls'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat, python } from '../../support/external-clients'
import { KafkaConnection } from '../../support/kafka-connection'
import { waitFor } from '../../support/wait-for'

const TOPIC = 'oauth-orders'

/** An unsecured JWS (alg none, no signature), as Kafka's own unsecured login module builds it. */
function unsecuredJws(claims: Record<string, unknown>): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
  return `${part({ alg: 'none' })}.${part(claims)}.`
}
const nowS = () => Math.floor(Date.now() / 1000)
const initialResponse = (token: string) => Buffer.from(`n,,\x01auth=Bearer ${token}\x01\x01`)

const allow = (
  resourceType: AclBinding['resourceType'],
  operation: AclBinding['operation']
): AclBinding => ({
  resourceType,
  resourceName: 'oauth-',
  patternType: 'PREFIXED',
  principal: 'User:alice',
  host: '*',
  operation,
  permission: 'ALLOW'
})

function oauth(config: string): string[] {
  return [
    '-X',
    'security.protocol=SASL_PLAINTEXT',
    '-X',
    'sasl.mechanisms=OAUTHBEARER',
    '-X',
    'enable.sasl.oauthbearer.unsecure.jwt=true',
    '-X',
    `sasl.oauthbearer.config=${config}`
  ]
}

const CONFLUENT = `
import sys
from confluent_kafka import Consumer, Producer
bootstrap, topic, principal = sys.argv[1:4]
conf = {'bootstrap.servers': bootstrap, 'security.protocol': 'SASL_PLAINTEXT',
        'sasl.mechanism': 'OAUTHBEARER', 'enable.sasl.oauthbearer.unsecure.jwt': True,
        'sasl.oauthbearer.config': 'principal=' + principal}
p = Producer(dict(conf, **{'linger.ms': 20}))
for i in range(20):
    p.produce(topic, key=b'k%d' % (i % 3), value=b'py%d' % i)
assert p.flush(30) == 0
c = Consumer(dict(conf, **{'group.id': 'oauth-py', 'auto.offset.reset': 'earliest'}))
c.subscribe([topic])
seen = set()
while len([v for v in seen if v.startswith(b'py')]) < 20:
    m = c.poll(10)
    assert m is not None, 'no record within 10 s'
    assert m.error() is None, m.error()
    seen.add(m.value())
c.close()
print(len([v for v in seen if v.startswith(b'py')]))
`

/** librdkafka given a token of our own (its expiry told to librdkafka is in the future). */
const CONFLUENT_TOKEN = `
import sys, time
from confluent_kafka.admin import AdminClient
bootstrap, token = sys.argv[1:3]
errors = []
a = AdminClient({'bootstrap.servers': bootstrap, 'security.protocol': 'SASL_PLAINTEXT',
                 'sasl.mechanism': 'OAUTHBEARER',
                 'oauth_cb': lambda _: (token, time.time() + 3600),
                 'error_cb': lambda e: errors.append(str(e))})
a.poll(1)
try:
    a.list_topics(timeout=5)
    print('listed')
except Exception as e:
    print('failed', ' | '.join(errors) or e)
`

describe('SASL/OAUTHBEARER (unsecured tokens)', () => {
  let cluster: TestCluster
  beforeAll(async () => {
    cluster = await startTestCluster({
      brokers: 1,
      security: { protocol: 'SASL_PLAINTEXT', saslMechanisms: ['OAUTHBEARER', 'SCRAM-SHA-512'] },
      authorizer: {}
    })
    cluster.engine.createTopic({ name: TOPIC, partitions: 2, replicationFactor: 1 })
    await cluster.service.call('acls.create', {
      acls: [allow('TOPIC', 'ALL'), allow('GROUP', 'ALL')]
    })
  })
  afterAll(() => cluster.close())

  it('kcat produces and consumes as alice; bob, whom no ACL names, may not', async () => {
    const lines = Array.from({ length: 25 }, (_, i) => `kcat${i}`)
    const produced = await kcat(
      [
        '-b',
        cluster.bootstrap,
        ...oauth('principal=alice'),
        '-P',
        '-t',
        TOPIC,
        '-X',
        'linger.ms=20'
      ],
      lines.join('\n') + '\n'
    )
    expect(produced.code, produced.stderr).toBe(0)
    const consumed = await kcat([
      '-b',
      cluster.bootstrap,
      ...oauth('principal=alice scope=kafka lifeSeconds=600'),
      '-C',
      '-t',
      TOPIC,
      '-o',
      'beginning',
      '-e',
      '-q'
    ])
    expect(consumed.code, consumed.stderr).toBe(0)
    expect(consumed.stdout.trim().split('\n').sort()).toEqual([...lines].sort())
    const bob = await kcat(
      [
        '-b',
        cluster.bootstrap,
        ...oauth('principal=bob'),
        '-P',
        '-t',
        TOPIC,
        '-X',
        'message.timeout.ms=5000'
      ],
      'nope\n'
    )
    expect(bob.stderr).toMatch(/Topic authorization failed/)
    const { partitions } = await cluster.service.call('topics.describe', { name: TOPIC })
    expect(partitions.reduce((n, p) => n + p.highWatermark, 0)).toBe(lines.length)
  })

  it('confluent-kafka-python produces and consumes in a group as alice', async () => {
    const r = await python(CONFLUENT, [cluster.bootstrap, TOPIC, 'alice'], 90_000)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.trim()).toBe('20')
  })

  it('kafkajs logs in with a token it is given, produces and consumes', async () => {
    const kafka = new Kafka({
      brokers: cluster.bootstrap.split(','),
      logLevel: logLevel.NOTHING,
      sasl: {
        mechanism: 'oauthbearer',
        oauthBearerProvider: async () => ({
          value: unsecuredJws({ sub: 'alice', iat: nowS(), exp: nowS() + 600 })
        })
      }
    })
    const producer = kafka.producer()
    await producer.connect()
    await producer.send({
      topic: TOPIC,
      messages: Array.from({ length: 10 }, (_, i) => ({ value: `js${i}` }))
    })
    await producer.disconnect()
    const consumer = kafka.consumer({ groupId: 'oauth-kafkajs' })
    await consumer.connect()
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true })
    const seen = new Set<string>()
    await consumer.run({ eachMessage: async ({ message }) => void seen.add(String(message.value)) })
    await waitFor('kafkajs to consume its 10 records', () =>
      Array.from({ length: 10 }, (_, i) => `js${i}`).every((v) => seen.has(v))
    )
    await consumer.disconnect()
  })

  it.each([
    [
      'an expired token',
      { sub: 'alice', iat: nowS() - 7200, exp: nowS() - 3600 },
      /Expiration Time/
    ],
    [
      'a token without sub',
      { iat: nowS(), exp: nowS() + 600 },
      /No principal name in JWT claim: sub/
    ]
  ])('%s fails with SASL_AUTHENTICATION_FAILED and a log line', async (_, claims, reason) => {
    const token = unsecuredJws(claims)
    const kafka = new Kafka({
      brokers: cluster.bootstrap.split(','),
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      sasl: { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: token }) }
    })
    // kafkajs takes the error challenge for success and sends its next request, which is
    // refused: the connection closes at once, and the log says why.
    const admin = kafka.admin()
    await expect(admin.connect().then(() => admin.listTopics())).rejects.toThrow(
      /Closed connection|SASL/
    )
    await admin.disconnect()
    await waitFor('the refused token in the log', () =>
      cluster.logs.some(
        (l) =>
          /before SASL authentication: SASL authentication with OAUTHBEARER failed: \{"status":"invalid_token"\}/.test(
            l
          ) && reason.test(l)
      )
    )
    const py = await python(CONFLUENT_TOKEN, [cluster.bootstrap, token], 30_000)
    expect(py.stdout).toMatch(/^failed/)
    expect(py.stderr).toMatch(/SASL authentication error: \{"status":"invalid_token"\}/)
    const conn = await KafkaConnection.open(cluster.listeners[0].port)
    const hs = await conn.request(ApiKey.SaslHandshake, 1, { mechanism: 'OAUTHBEARER' })
    expect(hs?.mechanisms).toEqual(['OAUTHBEARER', 'SCRAM-SHA-512'])
    const challenge = await conn.request(ApiKey.SaslAuthenticate, 2, {
      authBytes: initialResponse(token)
    })
    expect(challenge?.errorCode).toBe(ErrorCode.NONE)
    expect(challenge?.authBytes.toString()).toBe('{"status":"invalid_token"}')
    const end = await conn.request(ApiKey.SaslAuthenticate, 2, { authBytes: Buffer.from([1]) })
    expect(end?.errorCode).toBe(ErrorCode.SASL_AUTHENTICATION_FAILED)
    expect(end?.errorMessage).toBe('{"status":"invalid_token"}')
    expect(await conn.request(ApiKey.Metadata, 9, { topics: [] })).toBeNull()
    await waitFor('the failure in the log', () =>
      cluster.logs.some(
        (l) =>
          /SASL authentication with OAUTHBEARER failed: \{"status":"invalid_token"\}/.test(l) &&
          reason.test(l)
      )
    )
  })

  it('tells the token life as the session lifetime and closes the session when it ends', async () => {
    const conn = await KafkaConnection.open(cluster.listeners[0].port)
    await conn.request(ApiKey.SaslHandshake, 1, { mechanism: 'OAUTHBEARER' })
    const exp = Date.now() + 2500
    const login = await conn.request(ApiKey.SaslAuthenticate, 2, {
      authBytes: initialResponse(unsecuredJws({ sub: 'alice', exp: exp / 1000 }))
    })
    expect(login?.errorCode).toBe(ErrorCode.NONE)
    const lifetime = Number(login?.sessionLifetimeMs)
    expect(lifetime).toBeGreaterThan(0)
    expect(lifetime).toBeLessThanOrEqual(2500)
    expect((await conn.request(ApiKey.Metadata, 9, { topics: [] }))?.brokers.length).toBe(1)
    await waitFor('the token to expire', () => Date.now() > exp + 200)
    expect(await conn.request(ApiKey.Metadata, 9, { topics: [] })).toBeNull()
    expect(
      cluster.logs.some((l) =>
        /SASL session of 'alice' expired \(the exp of its OAUTHBEARER token/.test(l)
      )
    ).toBe(true)
  })

  it('kafkajs re-authenticates with a fresh token and keeps producing past the first one', async () => {
    let tokens = 0
    const kafka = new Kafka({
      brokers: cluster.bootstrap.split(','),
      logLevel: logLevel.NOTHING,
      sasl: {
        mechanism: 'oauthbearer',
        oauthBearerProvider: async () => {
          tokens++
          return { value: unsecuredJws({ sub: 'alice', iat: nowS(), exp: nowS() + 2 }) }
        }
      }
    })
    const producer = kafka.producer()
    await producer.connect()
    await producer.send({ topic: TOPIC, messages: [{ value: 'reauth-before' }] })
    const sentAt = Date.now()
    const before = tokens
    await waitFor('the first token to expire', () => Date.now() > sentAt + 3000)
    await producer.send({ topic: TOPIC, messages: [{ value: 'reauth-after' }] })
    await producer.disconnect()
    expect(tokens).toBeGreaterThan(before)
  })

  it('PLAIN, not enabled here, is refused naming the mechanisms offered', async () => {
    const r = await kcat([
      '-b',
      cluster.bootstrap,
      '-X',
      'security.protocol=SASL_PLAINTEXT',
      '-X',
      'sasl.mechanisms=PLAIN',
      '-X',
      'sasl.username=alice',
      '-X',
      'sasl.password=x',
      '-L',
      '-m',
      '3'
    ])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/broker's supported mechanisms: OAUTHBEARER,SCRAM-SHA-512/)
    expect((await cluster.service.call('users.list', {})).saslMechanisms).toEqual([
      'OAUTHBEARER',
      'SCRAM-SHA-512'
    ])
  })
})
