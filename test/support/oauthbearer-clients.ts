// Real clients logging in with SASL/OAUTHBEARER, for the tests of the unsecured and the signed
// (JWKS) validators: kcat's settings, confluent-kafka-python producing and consuming in a group
// or just listing topics, kafkajs producing and consuming, and one raw connection sent a token
// the broker is to refuse.
import { Kafka, logLevel } from 'kafkajs'
import { expect } from 'vitest'
import type { AclBinding } from '../../src/shared/api/acls'
import { ErrorCode } from '../../src/shared/kafka/error-codes'
import { ApiKey } from '../../src/engine/kafka/protocol'
import { python, type RunResult } from './external-clients'
import { KafkaConnection } from './kafka-connection'
import { waitFor } from './wait-for'

/** The ACLs that let User:alice, and no one else, do all with the topics and groups of a prefix. */
export const aliceOwnsPrefix = (prefix: string): AclBinding[] =>
  (['TOPIC', 'GROUP'] as const).map((resourceType) => ({
    resourceType,
    resourceName: prefix,
    patternType: 'PREFIXED',
    principal: 'User:alice',
    host: '*',
    operation: 'ALL',
    permission: 'ALLOW'
  }))

/** kcat's settings for OAUTHBEARER with librdkafka's unsecured JWT builder, configured as given. */
export function kcatUnsecuredJwt(config: string): string[] {
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

/**
 * Where librdkafka's token comes from: its own unsecured JWT builder for a principal
 * (enable.sasl.oauthbearer.unsecure.jwt), or a token given through an oauth_cb (its expiry told
 * to librdkafka an hour ahead).
 */
export type LibrdkafkaToken = { principal: string } | { token: string }

const tokenArgs = (source: LibrdkafkaToken) =>
  'principal' in source ? ['principal', source.principal] : ['token', source.token]

// The token source comes as two arguments: 'principal' and its name, or 'token' and the token.
const CONFLUENT_OAUTHBEARER = `
import time
def oauthbearer(bootstrap, kind, value, **extra):
    conf = {'bootstrap.servers': bootstrap, 'security.protocol': 'SASL_PLAINTEXT',
            'sasl.mechanism': 'OAUTHBEARER'}
    if kind == 'principal':
        conf.update({'enable.sasl.oauthbearer.unsecure.jwt': True,
                     'sasl.oauthbearer.config': 'principal=' + value})
    else:
        conf['oauth_cb'] = lambda _: (value, time.time() + 3600)
    conf.update(extra)
    return conf
`

const CONFLUENT_PRODUCE_CONSUME = `${CONFLUENT_OAUTHBEARER}
import sys
from confluent_kafka import Consumer, Producer
bootstrap, topic, group, kind, value = sys.argv[1:6]
conf = oauthbearer(bootstrap, kind, value)
p = Producer(dict(conf, **{'linger.ms': 20}))
for i in range(20):
    p.produce(topic, key=b'k%d' % (i % 3), value=b'py%d' % i)
assert p.flush(30) == 0
c = Consumer(dict(conf, **{'group.id': group, 'auto.offset.reset': 'earliest'}))
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

const CONFLUENT_LIST_TOPICS = `${CONFLUENT_OAUTHBEARER}
import sys
from confluent_kafka.admin import AdminClient
bootstrap, kind, value = sys.argv[1:4]
errors = []
a = AdminClient(oauthbearer(bootstrap, kind, value, error_cb=lambda e: errors.append(str(e))))
a.poll(1)
try:
    a.list_topics(timeout=5)
    print('listed')
except Exception as e:
    print('failed', ' | '.join(errors) or e)
`

/**
 * confluent-kafka-python produces 20 records (py0..py19) to the topic and consumes them back in
 * the group; it prints 20 when it has seen them all.
 */
export function confluentProduceConsume(
  bootstrap: string,
  topic: string,
  group: string,
  source: LibrdkafkaToken
): Promise<RunResult> {
  return python(CONFLUENT_PRODUCE_CONSUME, [bootstrap, topic, group, ...tokenArgs(source)], 90_000)
}

/** confluent-kafka-python's admin lists topics: prints `listed`, or `failed` and the errors. */
export function confluentListTopics(
  bootstrap: string,
  source: LibrdkafkaToken
): Promise<RunResult> {
  return python(CONFLUENT_LIST_TOPICS, [bootstrap, ...tokenArgs(source)], 30_000)
}

/** kafkajs produces 10 records (js0..js9) and consumes them in the group, with tokens made by `token`. */
export async function kafkajsProduceConsume(
  bootstrap: string,
  topic: string,
  groupId: string,
  token: () => string
): Promise<void> {
  const kafka = new Kafka({
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING,
    sasl: { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: token() }) }
  })
  const producer = kafka.producer()
  await producer.connect()
  await producer.send({
    topic,
    messages: Array.from({ length: 10 }, (_, i) => ({ value: `js${i}` }))
  })
  await producer.disconnect()
  const consumer = kafka.consumer({ groupId })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  const seen = new Set<string>()
  await consumer.run({ eachMessage: async ({ message }) => void seen.add(String(message.value)) })
  await waitFor('kafkajs to consume its 10 records', () =>
    Array.from({ length: 10 }, (_, i) => `js${i}`).every((v) => seen.has(v))
  )
  await consumer.disconnect()
}

/** kafkajs's admin, given the token, fails to connect and list topics. */
export async function expectKafkajsRefused(bootstrap: string, token: string): Promise<void> {
  const kafka = new Kafka({
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    sasl: { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: token }) }
  })
  // kafkajs takes the error challenge for success and sends its next request, which is
  // refused as Kafka refuses it: its Metadata gets the error answer (no brokers), then the
  // connection closes.
  const admin = kafka.admin()
  await expect(admin.connect().then(() => admin.listTopics())).rejects.toThrow(
    /Closed connection|SASL|No brokers in the broker pool/
  )
  await admin.disconnect()
}

/** The client-first message of RFC 7628 carrying the token. */
export const oauthBearerInitialResponse = (token: string) =>
  Buffer.from(`n,,\x01auth=Bearer ${token}\x01\x01`)

/**
 * On one connection, the token is answered with the error challenge {"status":"invalid_token"},
 * the client's dummy reply with SASL_AUTHENTICATION_FAILED, and the next request by the
 * connection closing. Returns the SaslHandshake answer.
 */
export async function expectRefusedOnTheWire(port: number, token: string) {
  const conn = await KafkaConnection.open(port)
  const hs = await conn.request(ApiKey.SaslHandshake, 1, { mechanism: 'OAUTHBEARER' })
  const challenge = await conn.request(ApiKey.SaslAuthenticate, 2, {
    authBytes: oauthBearerInitialResponse(token)
  })
  expect(challenge?.errorCode).toBe(ErrorCode.NONE)
  expect(challenge?.authBytes.toString()).toBe('{"status":"invalid_token"}')
  const end = await conn.request(ApiKey.SaslAuthenticate, 2, { authBytes: Buffer.from([1]) })
  expect(end?.errorCode).toBe(ErrorCode.SASL_AUTHENTICATION_FAILED)
  expect(end?.errorMessage).toBe('{"status":"invalid_token"}')
  expect(await conn.request(ApiKey.Metadata, 9, { topics: [] })).toBeNull()
  return hs
}
