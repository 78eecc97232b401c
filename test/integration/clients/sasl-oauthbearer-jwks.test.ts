// SASL/OAUTHBEARER with signed tokens verified against a file: JWKS (KIP-768): confluent-kafka-
// python (an oauth_cb returning an RS256 token signed here) and kafkajs (oauthBearerProvider, an
// ES256 token) produce and consume as User:alice, whom only the ACLs let in; a token signed by
// another key under the same kid, an unsigned one (kcat, librdkafka's unsecured JWT) and one for
// another audience are refused with {"status":"invalid_token"} then SASL_AUTHENTICATION_FAILED,
// and a log line naming the reason; a key added to the file is taken without a restart.
import { constants, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AclBinding } from '../../../src/shared/api/acls'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat, python } from '../../support/external-clients'
import { KafkaConnection } from '../../support/kafka-connection'
import { waitFor } from '../../support/wait-for'

const TOPIC = 'jwks-orders'
const nowS = () => Math.floor(Date.now() / 1000)
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

function signJws(alg: 'RS256' | 'ES256' | 'PS256', key: KeyObject, kid: string, claims: object) {
  const input = `${b64({ alg, typ: 'JWT', kid })}.${b64(claims)}`
  const sig =
    alg === 'ES256'
      ? sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' })
      : alg === 'PS256'
        ? sign('sha256', Buffer.from(input), {
            key,
            padding: constants.RSA_PKCS1_PSS_PADDING,
            saltLength: constants.RSA_PSS_SALTLEN_DIGEST
          })
        : sign('sha256', Buffer.from(input), key)
  return `${input}.${sig.toString('base64url')}`
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 })
const later = generateKeyPairSync('rsa', { modulusLength: 2048 })
const jwk = (k: KeyObject, kid: string) => ({ ...k.export({ format: 'jwk' }), kid, use: 'sig' })
const claims = (sub = 'alice', aud = 'kafka') => ({
  sub,
  aud,
  iss: 'https://idp.example',
  iat: nowS(),
  exp: nowS() + 600
})

const allow = (
  resourceType: AclBinding['resourceType'],
  operation: AclBinding['operation']
): AclBinding => ({
  resourceType,
  resourceName: 'jwks-',
  patternType: 'PREFIXED',
  principal: 'User:alice',
  host: '*',
  operation,
  permission: 'ALLOW'
})

/** librdkafka with an oauth_cb that returns the token given (its expiry an hour ahead). */
const CONFLUENT = `
import sys, time
from confluent_kafka import Consumer, Producer
bootstrap, topic, token = sys.argv[1:4]
conf = {'bootstrap.servers': bootstrap, 'security.protocol': 'SASL_PLAINTEXT',
        'sasl.mechanism': 'OAUTHBEARER', 'oauth_cb': lambda _: (token, time.time() + 3600)}
p = Producer(dict(conf, **{'linger.ms': 20}))
for i in range(20):
    p.produce(topic, key=b'k%d' % (i % 3), value=b'py%d' % i)
assert p.flush(30) == 0
c = Consumer(dict(conf, **{'group.id': 'jwks-py', 'auto.offset.reset': 'earliest'}))
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

const CONFLUENT_LOGIN = `
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

describe('SASL/OAUTHBEARER (signed tokens, file: JWKS)', () => {
  let cluster: TestCluster
  const dir = mkdtempSync(join(tmpdir(), 'logdeck-jwks-'))
  const jwksFile = join(dir, 'jwks.json')
  const writeJwks = (keys: object[]) => {
    writeFileSync(`${jwksFile}.tmp`, JSON.stringify({ keys }))
    renameSync(`${jwksFile}.tmp`, jwksFile)
  }
  beforeAll(async () => {
    writeJwks([jwk(rsa.publicKey, 'rsa-1'), jwk(ec.publicKey, 'ec-1')])
    cluster = await startTestCluster({
      brokers: 1,
      security: {
        protocol: 'SASL_PLAINTEXT',
        saslMechanisms: ['OAUTHBEARER'],
        oauthBearer: {
          jwks: {
            endpointUrl: pathToFileURL(jwksFile).href,
            expectedAudience: ['kafka'],
            expectedIssuer: 'https://idp.example'
          }
        }
      },
      authorizer: {}
    })
    cluster.engine.createTopic({ name: TOPIC, partitions: 2, replicationFactor: 1 })
    await cluster.service.call('acls.create', {
      acls: [allow('TOPIC', 'ALL'), allow('GROUP', 'ALL')]
    })
  })
  afterAll(async () => {
    await cluster.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('confluent-kafka-python produces and consumes with an RS256 token', async () => {
    const token = signJws('RS256', rsa.privateKey, 'rsa-1', claims())
    const r = await python(CONFLUENT, [cluster.bootstrap, TOPIC, token], 90_000)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.trim()).toBe('20')
  })

  it('kafkajs produces and consumes with an ES256 token', async () => {
    const kafka = new Kafka({
      brokers: cluster.bootstrap.split(','),
      logLevel: logLevel.NOTHING,
      sasl: {
        mechanism: 'oauthbearer',
        oauthBearerProvider: async () => ({
          value: signJws('ES256', ec.privateKey, 'ec-1', claims())
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
    const consumer = kafka.consumer({ groupId: 'jwks-kafkajs' })
    await consumer.connect()
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true })
    const seen = new Set<string>()
    await consumer.run({ eachMessage: async ({ message }) => void seen.add(String(message.value)) })
    await waitFor('kafkajs to consume its 10 records', () =>
      Array.from({ length: 10 }, (_, i) => `js${i}`).every((v) => seen.has(v))
    )
    await consumer.disconnect()
  })

  it('an unsigned token is refused (kcat, librdkafka unsecured JWT)', async () => {
    const r = await kcat([
      '-b',
      cluster.bootstrap,
      '-X',
      'security.protocol=SASL_PLAINTEXT',
      '-X',
      'sasl.mechanisms=OAUTHBEARER',
      '-X',
      'enable.sasl.oauthbearer.unsecure.jwt=true',
      '-X',
      'sasl.oauthbearer.config=principal=alice',
      '-L',
      '-m',
      '5'
    ])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/SASL authentication error: \{"status":"invalid_token"\}/)
    await waitFor('the unsigned token in the log', () =>
      cluster.logs.some((l) => /'none' is not a permitted algorithm/.test(l))
    )
  })

  it.each([
    [
      'a token signed by another key under a known kid',
      () => signJws('RS256', stranger.privateKey, 'rsa-1', claims()),
      /JWS signature is invalid/
    ],
    [
      'a token for another audience',
      () => signJws('RS256', rsa.privateKey, 'rsa-1', claims('alice', 'billing')),
      /Audience \(aud\) claim \["billing"\] doesn't contain an acceptable identifier/
    ],
    [
      'a token naming a kid the JWKS has not',
      () => signJws('PS256', later.privateKey, 'rsa-2', claims()),
      /Unable to find a suitable verification key/
    ]
  ])(
    '%s is refused: invalid_token, SASL_AUTHENTICATION_FAILED, a log line',
    async (_, make, reason) => {
      const token = make()
      const kafka = new Kafka({
        brokers: cluster.bootstrap.split(','),
        logLevel: logLevel.NOTHING,
        retry: { retries: 0 },
        sasl: { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: token }) }
      })
      const admin = kafka.admin()
      await expect(admin.connect().then(() => admin.listTopics())).rejects.toThrow(
        /Closed connection|SASL/
      )
      await admin.disconnect()
      const py = await python(CONFLUENT_LOGIN, [cluster.bootstrap, token], 30_000)
      expect(py.stdout).toMatch(/^failed/)
      expect(py.stderr).toMatch(/SASL authentication error: \{"status":"invalid_token"\}/)
      const conn = await KafkaConnection.open(cluster.listeners[0].port)
      await conn.request(ApiKey.SaslHandshake, 1, { mechanism: 'OAUTHBEARER' })
      const challenge = await conn.request(ApiKey.SaslAuthenticate, 2, {
        authBytes: Buffer.from(`n,,\x01auth=Bearer ${token}\x01\x01`)
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
            /Could not validate the access token/.test(l) &&
            reason.test(l)
        )
      )
    }
  )

  it('a key added to the JWKS file is used without a restart', async () => {
    writeJwks([
      jwk(rsa.publicKey, 'rsa-1'),
      jwk(ec.publicKey, 'ec-1'),
      { ...jwk(later.publicKey, 'rsa-2'), alg: 'PS256' }
    ])
    const token = signJws('PS256', later.privateKey, 'rsa-2', claims())
    const py = await python(CONFLUENT_LOGIN, [cluster.bootstrap, token], 30_000)
    expect(py.stdout.trim(), py.stderr).toBe('listed')
  })
})
