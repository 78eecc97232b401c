// SASL/OAUTHBEARER with Kafka's unsecured validator and real clients: kcat and
// confluent-kafka-python (librdkafka's unsecured JWT builder, principal=alice) and kafkajs (a
// token built here) log in as User:alice, whom only the ACLs let produce and consume; an expired
// token and one without sub are answered {"status":"invalid_token"} and then
// SASL_AUTHENTICATION_FAILED, with a log line; one carrying aud passes (the unsecured validator
// does not read it); the session lives as long as the token (KIP-368) and kafkajs
// re-authenticates with a fresh one. A request sent in the middle of a login (by a client that
// takes the error challenge for success, as @platformatic/kafka does) is answered with its
// ILLEGAL_SASL_STATE error response before the connection closes, as Kafka answers it.
import { Kafka, logLevel } from 'kafkajs'
import { Connection, metadataV12, SASLMechanisms } from '@platformatic/kafka'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat } from '../../support/external-clients'
import { KafkaConnection } from '../../support/kafka-connection'
import {
  aliceOwnsPrefix,
  confluentListTopics,
  confluentProduceConsume,
  expectKafkajsRefused,
  expectRefusedOnTheWire,
  kafkajsProduceConsume,
  kcatUnsecuredJwt,
  oauthBearerInitialResponse
} from '../../support/oauthbearer-clients'
import { waitFor } from '../../support/wait-for'

const TOPIC = 'oauth-orders'

/** An unsecured JWS (alg none, no signature), as Kafka's own unsecured login module builds it. */
function unsecuredJws(claims: Record<string, unknown>): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
  return `${part({ alg: 'none' })}.${part(claims)}.`
}
const nowS = () => Math.floor(Date.now() / 1000)

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
      acls: aliceOwnsPrefix('oauth-')
    })
  })
  afterAll(() => cluster.close())

  it('kcat produces and consumes as alice; bob, whom no ACL names, may not', async () => {
    const lines = Array.from({ length: 25 }, (_, i) => `kcat${i}`)
    const produced = await kcat(
      [
        '-b',
        cluster.bootstrap,
        ...kcatUnsecuredJwt('principal=alice'),
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
      ...kcatUnsecuredJwt('principal=alice scope=kafka lifeSeconds=600'),
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
        ...kcatUnsecuredJwt('principal=bob'),
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
    const r = await confluentProduceConsume(cluster.bootstrap, TOPIC, 'oauth-py', {
      principal: 'alice'
    })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.trim()).toBe('20')
  })

  it('kafkajs logs in with a token it is given, produces and consumes', async () => {
    await kafkajsProduceConsume(cluster.bootstrap, TOPIC, 'oauth-kafkajs', () =>
      unsecuredJws({ sub: 'alice', iat: nowS(), exp: nowS() + 600 })
    )
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
    // kafkajs is refused at its first request after the error challenge, and the log says why.
    await expectKafkajsRefused(cluster.bootstrap, token)
    await waitFor('the refused token in the log', () =>
      cluster.logs.some(
        (l) =>
          /before SASL authentication: SASL authentication with OAUTHBEARER failed: \{"status":"invalid_token"\}/.test(
            l
          ) && reason.test(l)
      )
    )
    const py = await confluentListTopics(cluster.bootstrap, { token })
    expect(py.stdout).toMatch(/^failed/)
    expect(py.stderr).toMatch(/SASL authentication error: \{"status":"invalid_token"\}/)
    const hs = await expectRefusedOnTheWire(cluster.listeners[0].port, token)
    expect(hs?.mechanisms).toEqual(['OAUTHBEARER', 'SCRAM-SHA-512'])
    await waitFor('the failure in the log', () =>
      cluster.logs.some(
        (l) =>
          /SASL authentication with OAUTHBEARER failed: \{"status":"invalid_token"\}/.test(l) &&
          reason.test(l)
      )
    )
  })

  it("a token carrying aud logs in: the unsecured validator does not read aud, as Kafka's", async () => {
    const token = unsecuredJws({ sub: 'alice', aud: 'billing', iat: nowS(), exp: nowS() + 600 })
    const py = await confluentListTopics(cluster.bootstrap, { token })
    expect(py.stdout.trim(), py.stderr).toBe('listed')
  })

  it('tells the token life as the session lifetime and closes the session when it ends', async () => {
    const conn = await KafkaConnection.open(cluster.listeners[0].port)
    await conn.request(ApiKey.SaslHandshake, 1, { mechanism: 'OAUTHBEARER' })
    const exp = Date.now() + 2500
    const login = await conn.request(ApiKey.SaslAuthenticate, 2, {
      authBytes: oauthBearerInitialResponse(unsecuredJws({ sub: 'alice', exp: exp / 1000 }))
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

  it('@platformatic/kafka: a request in the middle of a login gets its error answer, then the close', async () => {
    const connection = new Connection('it-oauth-midlogin', {
      sasl: { mechanism: SASLMechanisms.OAUTHBEARER, token: 'not-a-jws' }
    })
    try {
      const { host, port } = cluster.listeners[0]
      await connection.connect(host, port)
      const answer = await metadataV12.api.async(connection, [])
      expect(answer.topics).toEqual([])
      await waitFor('the connection closed', () =>
        cluster.logs.some((l) => /API key 3 before SASL authentication/.test(l))
      )
    } finally {
      await connection.close()
    }
  })
})
