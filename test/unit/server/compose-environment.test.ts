// How each Kafka image turns a container's environment into server.properties keys: the
// examples of the images' own documentation and tests, the underscore rules round-tripped with
// fast-check where a key can be written as a variable, and the variables each image keeps for
// itself listed with why.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  bitnamiKey,
  convertEnvironment,
  imageFlavour,
  underscoreKey
} from '../../../src/server/compose-environment'

const env = (o: Record<string, string>) =>
  Object.entries(o).map(([name, value]) => ({ name, value }))

describe('apache/kafka and confluentinc/cp-kafka variables', () => {
  it.each([
    ['KEY', 'key'],
    ['KEY_FOO', 'key.foo'],
    ['KEY__UNDERSCORE', 'key_underscore'],
    ['KEY_WITH__UNDERSCORE_AND__MORE', 'key.with_underscore.and_more'],
    ['KEY___DASH', 'key-dash'],
    ['KEY_WITH___DASH_AND___MORE__UNDERSCORE', 'key.with-dash.and-more_underscore'],
    ['ADVERTISED_LISTENERS', 'advertised.listeners'],
    ['LISTENER_SECURITY_PROTOCOL_MAP', 'listener.security.protocol.map'],
    [
      'LISTENER_NAME_SASL__PLAINTEXT_PLAIN_SASL_JAAS_CONFIG',
      'listener.name.sasl_plaintext.plain.sasl.jaas.config'
    ],
    ['CONFLUENT_SUPPORT_METRICS_ENABLE', 'confluent.support.metrics.enable']
  ])('%s is %s', (name, key) => expect(underscoreKey(name)).toBe(key))

  it('turns a single underscore into a dot only between two other characters, left to right', () => {
    // The images' Go utility matches [^_]_[^_] without overlap: a one-letter part in between
    // keeps the next underscore.
    expect(underscoreKey('A_B_C')).toBe('a.b_c')
    expect(underscoreKey('AB_CD_EF')).toBe('ab.cd.ef')
  })

  it('gives back every key whose parts have two characters or more (fast-check)', () => {
    const part = fc.stringMatching(/^[a-z0-9]{2,8}$/)
    const key = fc
      .tuple(part, fc.array(fc.tuple(fc.constantFrom('.', '_', '-'), part), { maxLength: 6 }))
      .map(([first, rest]) => first + rest.map(([sep, p]) => sep + p).join(''))
    const variable = (k: string) =>
      k.replace(/[._-]/g, (c) => ({ '.': '_', _: '__', '-': '___' })[c]!).toUpperCase()
    fc.assert(fc.property(key, (k) => underscoreKey(variable(k)) === k))
  })

  it('makes keys of KAFKA_ variables and lists the image own ones as ignored', () => {
    const out = convertEnvironment(
      'apache',
      env({
        KAFKA_NODE_ID: '1',
        KAFKA_NUM_PARTITIONS: '3',
        KAFKA_HEAP_OPTS: '-Xmx1G',
        KAFKA_LOG4J_LOGGERS: 'kafka=WARN',
        KAFKA_OPTS: '-Djava.security.auth.login.config=/etc/kafka/jaas.conf',
        CLUSTER_ID: 'abc',
        TZ: 'UTC'
      })
    )
    expect(out.keys.map((k) => [k.name, k.key])).toEqual([
      ['KAFKA_NODE_ID', 'node.id'],
      ['KAFKA_NUM_PARTITIONS', 'num.partitions']
    ])
    expect(Object.fromEntries(out.ignored.map((i) => [i.name, i.why]))).toMatchObject({
      KAFKA_HEAP_OPTS: 'JVM options: Logdeck runs no JVM',
      KAFKA_LOG4J_LOGGERS: expect.stringMatching(/^log4j/),
      KAFKA_OPTS: expect.stringMatching(
        /the JAAS file its -Djava\.security\.auth\.login\.config names is read/
      ),
      CLUSTER_ID: expect.stringMatching(/KRaft storage id/),
      TZ: 'not a server.properties key'
    })
    expect(out.unknown).toEqual([])
  })
})

describe('bitnami/kafka variables', () => {
  it.each([
    ['LISTENERS', 'listeners'],
    ['LISTENER_SECURITY_PROTOCOL_MAP', 'listener.security.protocol.map'],
    [
      'LISTENER_NAME_SASL_SSL_PLAIN_SASL_JAAS_CONFIG',
      'listener.name.sasl_ssl.plain.sasl.jaas.config'
    ],
    [
      'LISTENER_NAME_SASL_PLAINTEXT_SCRAM_SHA_256_SASL_JAAS_CONFIG',
      'listener.name.sasl_plaintext.scram.sha.256.sasl.jaas.config'
    ],
    ['ZOOKEEPER_CLIENTCNXNSOCKET', 'zookeeper.clientCnxnSocket'],
    ['AUTO_CREATE_TOPICS_ENABLE', 'auto.create.topics.enable']
  ])('KAFKA_CFG_%s is %s', (name, key) => expect(bitnamiKey(name)).toBe(key))

  it('gives back every dotted key without sasl parts (fast-check)', () => {
    const part = fc.stringMatching(/^[a-z0-9]{1,8}$/).filter((p) => p !== 'sasl')
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), (parts) => {
        const k = parts.join('.')
        return bitnamiKey(k.replaceAll('.', '_').toUpperCase()) === k
      })
    )
  })

  it('takes only non-empty KAFKA_CFG_ variables and refuses other KAFKA_ ones it does not know', () => {
    const out = convertEnvironment(
      'bitnami',
      env({
        KAFKA_CFG_NUM_PARTITIONS: '2',
        KAFKA_CFG_LOG_RETENTION_HOURS: '',
        KAFKA_HEAP_OPTS: '-Xmx1G',
        KAFKA_KRAFT_CLUSTER_ID: 'abc',
        KAFKA_CLIENT_USERS: 'alice',
        KAFKA_NUM_PARTITIONS: '3',
        ALLOW_PLAINTEXT_LISTENER: 'yes'
      })
    )
    expect(out.keys.map((k) => k.key)).toEqual(['num.partitions'])
    expect(out.ignored.map((i) => i.name)).toEqual([
      'KAFKA_CFG_LOG_RETENTION_HOURS',
      'KAFKA_HEAP_OPTS',
      'KAFKA_KRAFT_CLUSTER_ID',
      'ALLOW_PLAINTEXT_LISTENER'
    ])
    expect(out.unknown).toEqual(['KAFKA_NUM_PARTITIONS'])
  })
})

describe('images', () => {
  it.each([
    ['apache/kafka:3.9.0', 'apache'],
    ['apache/kafka-native:latest', 'apache'],
    ['docker.io/apache/kafka', 'apache'],
    ['confluentinc/cp-kafka:7.6.1', 'confluent'],
    ['bitnami/kafka:3.9', 'bitnami'],
    ['docker.io/bitnami/kafka:latest@sha256:0123', 'bitnami'],
    ['public.ecr.aws/bitnami/kafka:3.9', 'bitnami'],
    ['wurstmeister/kafka', undefined],
    ['confluentinc/cp-zookeeper:7.6.1', undefined]
  ])('%s is %s', (image, flavour) => expect(imageFlavour(image)).toBe(flavour))
})
