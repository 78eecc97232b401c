// `logdeck serve --compose FILE [--compose-service NAME]`: the Kafka service picked, its
// environment interpolated as compose does and mapped as its image maps it, its ports deciding
// where listeners are served, and every mistake refused naming the file, the service and the
// variable.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { parseServeArgs } from '../../../src/server/cli-args'
import { readComposeFile } from '../../../src/server/compose-file'
import { interpolate, readEnvFile } from '../../../src/server/compose-interpolation'
import { parsePorts } from '../../../src/server/compose-ports'
import { serveRefusal } from '../../support/serve-refusal'

const dir = mkdtempSync(join(tmpdir(), 'logdeck-compose-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
afterEach(() => vi.unstubAllEnvs())
const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'compose')

let n = 0
function compose(text: string, name = `compose-${n++}.yml`): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

const serve = (path: string, ...args: string[]) =>
  parseServeArgs(['--in-memory', '--compose', path, ...args])

describe('interpolation as compose does it', () => {
  const vars = new Map([
    ['HOST', 'localhost'],
    ['EMPTY', '']
  ])
  it.each([
    ['${HOST}:9092', 'localhost:9092'],
    ['$HOST:9092', 'localhost:9092'],
    ['${PORT:-19092}', '19092'],
    ['${EMPTY:-x}', 'x'],
    ['${EMPTY-x}', ''],
    ['${PORT-x}', 'x'],
    ['${HOST:+set}', 'set'],
    ['${EMPTY:+set}', ''],
    ['${EMPTY+set}', 'set'],
    ['${PORT:-${HOST}:1}', 'localhost:1'],
    ['$$HOST', '$HOST'],
    ['price: 5$', 'price: 5$']
  ])('%s is %s', (text, value) => expect(interpolate(text, vars)).toBe(value))

  it('notes unset variables and refuses required ones', () => {
    const unset = new Set<string>()
    expect(interpolate('${A}-$B', vars, unset)).toBe('-')
    expect([...unset]).toEqual(['A', 'B'])
    expect(() => interpolate('${PORT:?give the port}', vars)).toThrow(
      'PORT is required: give the port'
    )
    expect(() => interpolate('${EMPTY:?}', vars)).toThrow('EMPTY is required: EMPTY is not set')
    expect(() => interpolate('${HOST', vars)).toThrow("'${HOST' has no closing '}'")
  })

  it('reads .env and env_file lines', () => {
    expect(
      readEnvFile('# c\nA=1\nexport B="two words"\nC=\'$x\'\nD=3 # note\n\nnot a line\n')
    ).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: 'two words' },
      { name: 'C', value: '$x' },
      { name: 'D', value: '3' }
    ])
  })
})

describe('ports', () => {
  it.each([
    [9092, [{ container: 9092, host: 0 }]],
    ['9092', [{ container: 9092, host: 0 }]],
    ['19092:9092', [{ container: 9092, host: 19092 }]],
    ['127.0.0.1:19092:9092', [{ container: 9092, host: 19092 }]],
    ['[::1]:19092:9092/tcp', [{ container: 9092, host: 19092 }]],
    // A host address without a host port: a port Docker picks, as compose's docs write it.
    ['127.0.0.1::9092', [{ container: 9092, host: 0 }]],
    [
      '[::1]::9092-9093',
      [
        { container: 9092, host: 0 },
        { container: 9093, host: 0 }
      ]
    ],
    [
      '19092-19093:9092-9093',
      [
        { container: 9092, host: 19092 },
        { container: 9093, host: 19093 }
      ]
    ],
    ['9092:9092/udp', []],
    [{ target: 9092, published: '19092', protocol: 'tcp' }, [{ container: 9092, host: 19092 }]],
    [{ target: 9092 }, [{ container: 9092, host: 0 }]]
  ])('%j', (entry, ports) => expect(parsePorts(entry)).toEqual(ports))
  it.each([':9092', '::9092', 'a:b:9092'])('refuses %j', (entry) =>
    expect(() => parsePorts(entry)).toThrow('is not [HOST_IP:][HOST_PORT:]CONTAINER_PORT')
  )
})

describe('serve --compose', () => {
  it("serves Apache's KRaft example on the host port its container port is published as", () => {
    vi.stubEnv('KAFKA_HOST_PORT', '19092')
    const o = serve(join(FIXTURES, 'apache-kraft.yml'))
    expect(o).toMatchObject({ brokers: 1, port: 19092, brokerConfigs: { 'num.partitions': '3' } })
    expect(o.listeners).toEqual([
      expect.objectContaining({ name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', port: 0 })
    ])
    expect(o.advertisedListeners).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'PLAINTEXT', host: 'broker', port: 19092 })
      ])
    )
    const summary = o.serverProperties!.summary
    expect(o.serverProperties!.heading).toBe(
      `Compose file ${join(FIXTURES, 'apache-kraft.yml')}, service broker:`
    )
    expect(summary).toContain(
      'ports: PLAINTEXT_HOST 9092 in the container published as 19092: served on 19092; PLAINTEXT (19092) not published: on a free port'
    )
    expect(summary).toContain(
      'environment ignored: CLUSTER_ID (the KRaft storage id: the embedded cluster has an id of its own); KAFKA_HEAP_OPTS (JVM options: Logdeck runs no JVM)'
    )
    expect(summary.join('\n')).toMatch(
      /^ignored: process\.roles, controller\.quorum\.voters \(KRaft/m
    )
    // The service's node id is its broker's.
    expect(summary).toContain('broker id: 1 (node.id)')
    expect(o.brokerIds).toEqual([1])
  })

  it("serves cp-kafka's SASL_PLAINTEXT listener with its JAAS users", () => {
    vi.stubEnv('KAFKA_SASL_PORT', '29092')
    vi.stubEnv('ADMIN_PASSWORD', 'from-env')
    const o = serve(join(FIXTURES, 'confluent-sasl.yml'))
    expect(o).toMatchObject({ port: 29092, security: { protocol: 'SASL_PLAINTEXT' } })
    expect(o.listeners).toEqual([expect.objectContaining({ name: 'INTERNAL', port: 0 })])
    const summary = o.serverProperties!.summary.join('\n')
    expect(summary).toContain('SASL_PLAINTEXT PLAIN JAAS config with 2 PLAIN user(s): admin, alice')
    expect(summary).toContain('SASL_PLAINTEXT 9092 in the container published as 29092')
    expect(summary).toMatch(/KAFKA_JMX_PORT, KAFKA_JMX_HOSTNAME \(JMX of the JVM/)
    expect(summary).not.toContain('from-env')
  })

  it('serves a Bitnami service, the listener clients on the host reach first', () => {
    vi.stubEnv('EXTERNAL_PORT', '29094')
    const o = serve(join(FIXTURES, 'bitnami-kraft.yml'))
    expect(o).toMatchObject({ port: 29094, brokerConfigs: { 'num.partitions': '2' } })
    expect(o.listeners).toEqual([expect.objectContaining({ name: 'PLAINTEXT', port: 0 })])
    expect(o.serverProperties!.summary.join('\n')).toContain(
      'KAFKA_CFG_LOG_RETENTION_HOURS (empty: the image leaves it out)'
    )
  })

  it('derives listeners from the advertised ones as the images do, and reads env_file and .env', () => {
    const sub = mkdtempSync(join(dir, 'project-'))
    writeFileSync(join(sub, '.env'), 'PARTITIONS=4\nHOST_PORT=19999\n')
    writeFileSync(
      join(sub, 'kafka.env'),
      'KAFKA_NUM_PARTITIONS=${PARTITIONS}\nKAFKA_LOG_RETENTION_MS=1000\n'
    )
    const path = join(sub, 'docker-compose.yml')
    writeFileSync(
      path,
      [
        'services:',
        '  kafka:',
        '    image: confluentinc/cp-kafka:7.6.1',
        '    env_file: kafka.env',
        '    ports: ["${HOST_PORT}:${HOST_PORT}"]',
        '    environment:',
        '      - KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://localhost:${HOST_PORT}',
        '      - KAFKA_LOG_RETENTION_MS=2000'
      ].join('\n')
    )
    const o = serve(path)
    expect(o).toMatchObject({
      host: '0.0.0.0',
      port: 19999,
      brokerConfigs: { 'num.partitions': '4', 'log.retention.ms': '2000' }
    })
    expect(o.serverProperties!.summary).toContain(
      'listeners from KAFKA_ADVERTISED_LISTENERS on 0.0.0.0, as the image derives them'
    )
  })

  it("serves apache/kafka's default configuration when no KAFKA_ variable is given", () => {
    const o = serve(
      compose('services:\n  kafka:\n    image: apache/kafka\n    ports: ["9092:9092"]\n')
    )
    expect(o).toMatchObject({ port: 9092, host: '127.0.0.1' })
    expect(o.listeners).toEqual([expect.objectContaining({ name: 'PLAINTEXT', port: 0 })])
  })

  it('takes the command line over the service', () => {
    vi.stubEnv('EXTERNAL_PORT', '29094')
    const o = serve(join(FIXTURES, 'bitnami-kraft.yml'), '--broker-config', 'num.partitions=5')
    expect(o.brokerConfigs['num.partitions']).toBe('5')
  })

  it('takes a Bitnami SASL service users from KAFKA_CLIENT_USERS', () => {
    const o = serve(
      compose(
        [
          'services:',
          '  kafka:',
          '    image: bitnami/kafka:3.9',
          '    environment:',
          '      KAFKA_CFG_LISTENERS: SASL_PLAINTEXT://:9092',
          '      KAFKA_CFG_SASL_ENABLED_MECHANISMS: PLAIN',
          '      KAFKA_CLIENT_USERS: alice,bob',
          '      KAFKA_CLIENT_PASSWORDS: a-secret,b-secret'
        ].join('\n')
      )
    )
    expect(o.security.users?.map((u) => u.name)).toEqual(['alice', 'bob'])
    expect(o.serverProperties!.summary).toContain('SASL users from KAFKA_CLIENT_USERS: alice, bob')
  })
})

describe("bitnami/kafka's SASL listeners", () => {
  const BITNAMI = join(FIXTURES, 'bitnami-sasl.yml')

  it('serves each SASL listener the PLAIN users the image writes, the inter-broker user on its own', () => {
    const o = serve(BITNAMI)
    const users = (l: string) => [...o.security.listeners![l].plainUsers!.keys()]
    expect(users('CLIENT')).toEqual(['alice', 'bob'])
    expect(users('INTERNAL')).toEqual(['alice', 'bob', 'broker'])
    expect(o.security.listeners!.CLIENT.plainUsersFrom).toEqual({
      from: 'jaas-config',
      key: 'listener.name.client.plain.sasl.jaas.config'
    })
    // SCRAM credentials: the client users (the inter-broker user logs in with PLAIN).
    expect(o.security.users?.map((u) => u.name)).toEqual(['alice', 'bob'])
    expect(o.serverProperties!.summary).toContain(
      "PLAIN users as the image writes each SASL listener's listener.name.<listener>.plain.sasl.jaas.config from KAFKA_CLIENT_USERS (and KAFKA_INTER_BROKER_USER on the inter-broker listener): CLIENT (alice, bob), INTERNAL (alice, bob, broker)"
    )
  })

  it('takes a KAFKA_CFG_ listener JAAS config and the command line over what the image writes', () => {
    const text = readFileSync(BITNAMI, 'utf8').replace(
      '      KAFKA_CLIENT_USERS: alice,bob\n',
      '      KAFKA_CLIENT_USERS: alice,bob\n      KAFKA_CFG_LISTENER_NAME_CLIENT_PLAIN_SASL_JAAS_CONFIG: org.apache.kafka.common.security.plain.PlainLoginModule required user_carol="c";\n'
    )
    const o = serve(compose(text))
    expect([...o.security.listeners!.CLIENT.plainUsers!.keys()]).toEqual(['carol'])
    expect([...o.security.listeners!.INTERNAL.plainUsers!.keys()]).toEqual([
      'alice',
      'bob',
      'broker'
    ])
    const flagged = serve(
      BITNAMI,
      '--listener-config',
      'INTERNAL.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_dan="d";'
    )
    expect([...flagged.security.listeners!.INTERNAL.plainUsers!.keys()]).toEqual(['dan'])
  })

  it('reads a kafka_jaas.conf mounted in its configuration folder, and then writes no listener config', () => {
    const project = mkdtempSync(join(dir, 'bitnami-'))
    mkdirSync(join(project, 'config'))
    writeFileSync(
      join(project, 'config', 'kafka_jaas.conf'),
      'KafkaServer {\n  org.apache.kafka.common.security.plain.PlainLoginModule required user_erin="e";\n};\n'
    )
    const file = join(project, 'docker-compose.yml')
    writeFileSync(
      file,
      readFileSync(BITNAMI, 'utf8').replace(
        '    environment:\n',
        '    volumes:\n      - ./config:/bitnami/kafka/config\n    environment:\n'
      )
    )
    const o = serve(file)
    expect([...o.security.listeners!.CLIENT.plainUsers!.keys()]).toEqual(['erin'])
    expect(o.security.listeners!.INTERNAL.plainUsersFrom).toEqual({
      from: 'jaas-file',
      file: join(project, 'config', 'kafka_jaas.conf'),
      section: 'KafkaServer'
    })
    expect(o.serverProperties!.summary).toContain(
      `JAAS file: /bitnami/kafka/config/kafka_jaas.conf in the container, ${join(project, 'config', 'kafka_jaas.conf')} on the host (volume ./config:/bitnami/kafka/config); the image writes no listener JAAS config then`
    )
  })
})

describe('serve --compose refuses', () => {
  const refusal = (path: string, ...args: string[]) =>
    serveRefusal(['--in-memory', '--compose', path, ...args])

  it('a key the mapping does not know, naming the file, line, service and variable', () => {
    const path = compose(
      'services:\n  kafka:\n    image: apache/kafka\n    environment:\n      KAFKA_NUM_PARTITONS: 3\n'
    )
    expect(refusal(path)).toBe(
      `${path} line 5, service kafka, KAFKA_NUM_PARTITONS (num.partitons): unknown key 'num.partitons' (not a broker config Logdeck serves)`
    )
  })

  it('a bad value and a bad Bitnami variable', () => {
    const bad = compose(
      'services:\n  kafka:\n    image: apache/kafka\n    environment:\n      - KAFKA_NUM_PARTITIONS=many\n'
    )
    expect(refusal(bad)).toMatch(
      new RegExp(
        `^${bad} line 5, service kafka, KAFKA_NUM_PARTITIONS \\(num\\.partitions\\): 'many' `
      )
    )
    const bitnami = compose(
      'services:\n  kafka:\n    image: bitnami/kafka\n    environment:\n      - KAFKA_NUM_PARTITIONS=3\n'
    )
    expect(refusal(bitnami)).toBe(
      `${bitnami} line 5, service kafka, KAFKA_NUM_PARTITIONS: not a variable of bitnami/kafka (its server.properties keys are KAFKA_CFG_ variables)`
    )
  })

  it('no Kafka service, two of them, or a service that is not there', () => {
    const none = compose('services:\n  db:\n    image: postgres:16\n  web:\n    build: .\n')
    expect(refusal(none)).toBe(
      `${none}: no service runs apache/kafka, apache/kafka-native, confluentinc/cp-kafka, bitnami/kafka (the services are db (postgres:16), web); name one with --compose-service`
    )
    // Two of them are one cluster: two apache/kafka with the image's default node.id are not.
    const two = compose(
      'services:\n  kafka1:\n    image: apache/kafka\n  kafka2:\n    image: bitnami/kafka\n'
    )
    const same = compose(
      'services:\n  kafka1:\n    image: apache/kafka\n  kafka2:\n    image: apache/kafka\n'
    )
    expect(refusal(same)).toBe(
      `${same}: services kafka1 and kafka2 have the same node id 1 (node.id, node.id); each broker needs its own`
    )
    expect(refusal(two, '--compose-service', 'kafka3')).toBe(
      `${two}: no service kafka3 (--compose-service); the services are kafka1 (apache/kafka), kafka2 (bitnami/kafka)`
    )
    expect(refusal(none, '--compose-service', 'db')).toBe(
      `${none} service db: its image postgres:16 is not one of apache/kafka, apache/kafka-native, confluentinc/cp-kafka, bitnami/kafka, whose environment Logdeck reads`
    )
  })

  it('a required variable, a missing file, and flags that do not go together', () => {
    const required = compose(
      'services:\n  kafka:\n    image: apache/kafka\n    environment:\n      KAFKA_NUM_PARTITIONS: ${PARTITIONS:?set PARTITIONS}\n'
    )
    expect(refusal(required)).toBe(
      `${required} line 5, service kafka, KAFKA_NUM_PARTITIONS: PARTITIONS is required: set PARTITIONS`
    )
    expect(refusal(join(dir, 'nope.yml'))).toBe(`--compose ${join(dir, 'nope.yml')} does not exist`)
    expect(refusal(compose('services: [\n'))).toMatch(/: not YAML: /)
    expect(serveRefusal(['--compose-service', 'kafka'])).toBe(
      '--compose-service needs --compose FILE'
    )
    expect(refusal(required, '--server-properties', required)).toBe(
      '--compose and --server-properties cannot be used together'
    )
    const confluent = compose('services:\n  kafka:\n    image: confluentinc/cp-kafka\n')
    expect(refusal(confluent)).toBe(
      `${confluent}, service kafka: KAFKA_ADVERTISED_LISTENERS is not set; confluentinc/cp-kafka does not start without it`
    )
  })

  it('uses readComposeFile with the environment given', () => {
    const path = compose(
      'services:\n  kafka:\n    image: apache/kafka\n    environment:\n      KAFKA_NUM_PARTITIONS: ${P}\n'
    )
    expect(readComposeFile(path, undefined, {}, { P: '6' }).values['broker-config']).toEqual([
      'num.partitions=6'
    ])
  })
})
