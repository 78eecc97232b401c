// Several Kafka services of a compose file as one cluster: their node ids as broker ids, each
// broker on its own published port and advertised address with its own broker.rack, KRaft
// controllers left out, and each refusal naming the services and the keys: settings the brokers
// share given differently, two services with one node id, a listener advertised by some only,
// two brokers on one host port, different listeners, --brokers, and more than 32 brokers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseServeArgs } from '../../../src/server/cli-args'
import { serveRefusal } from '../../support/serve-refusal'

const dir = mkdtempSync(join(tmpdir(), 'logdeck-compose-cluster-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0

/** A broker service of apache/kafka publishing PLAINTEXT_HOST on `port`, with more variables. */
function broker(name: string, id: number | null, port: number, more: string[] = []): string {
  const env = new Map<string, string>([
    ...(id === null ? [] : [['KAFKA_NODE_ID', String(id)] as [string, string]]),
    ['KAFKA_PROCESS_ROLES', 'broker'],
    ['KAFKA_LISTENERS', 'PLAINTEXT://:19092,PLAINTEXT_HOST://:9092'],
    ['KAFKA_LISTENER_SECURITY_PROTOCOL_MAP', 'PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT'],
    ['KAFKA_ADVERTISED_LISTENERS', `PLAINTEXT://${name}:19092,PLAINTEXT_HOST://localhost:${port}`]
  ])
  for (const m of more) env.set(m.slice(0, m.indexOf(':')), m.slice(m.indexOf(':') + 2))
  return [
    `  ${name}:`,
    '    image: apache/kafka:4.0.0',
    `    ports: ["${port}:9092"]`,
    '    environment:',
    ...[...env].map(([k, v]) => `      ${k}: ${v}`)
  ].join('\n')
}

function compose(...services: string[]): string {
  const path = join(dir, `c${n++}.yml`)
  writeFileSync(path, `services:\n${services.join('\n')}\n`)
  return path
}

const serve = (path: string, ...args: string[]) =>
  parseServeArgs(['--in-memory', '--compose', path, ...args])
const refusal = (path: string, ...args: string[]) =>
  serveRefusal(['--in-memory', '--compose', path, ...args])

describe('several Kafka services as one cluster', () => {
  it('gives the brokers their node ids, each on its port with its address and rack', () => {
    const path = compose(
      broker('kafka3', 3, 29094, ['KAFKA_BROKER_RACK: c']),
      broker('kafka1', 1, 29092, ['KAFKA_BROKER_RACK: a']),
      broker('kafka2', 2, 29093),
      [
        '  controller:',
        '    image: apache/kafka:4.0.0',
        '    environment:',
        '      KAFKA_NODE_ID: 9',
        '      KAFKA_PROCESS_ROLES: controller',
        '      KAFKA_LISTENERS: CONTROLLER://:9093',
        '      KAFKA_CONTROLLER_LISTENER_NAMES: CONTROLLER',
        '  db:',
        '    image: postgres:16'
      ].join('\n')
    )
    const o = serve(path)
    expect(o.brokers).toBe(3)
    expect(o.brokerIds).toEqual([1, 2, 3])
    expect(o.security.listenerName).toBe('PLAINTEXT_HOST')
    expect(o.brokerPorts).toEqual([29092, 29093, 29094])
    expect(o.listeners).toEqual([{ name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', port: 0 }])
    expect(o.advertisedListeners.map((a) => [a.name, a.brokers])).toEqual([
      ['PLAINTEXT', ['kafka1', 'kafka2', 'kafka3'].map((host) => ({ host, port: 19092 }))],
      ['PLAINTEXT_HOST', [29092, 29093, 29094].map((port) => ({ host: 'localhost', port }))]
    ])
    expect(o.brokerRacks).toEqual(['a', null, 'c'])
    expect(o.serverProperties?.heading).toBe(
      `Compose file ${path}, services kafka1, kafka2, kafka3 as one cluster:`
    )
    expect(o.serverProperties?.summary).toContain(
      'KRaft controllers left out, not brokers: controller (process.roles=controller)'
    )
    expect(o.serverProperties?.summary[1]).toBe(
      'not served, not of a Kafka image: db (postgres:16)'
    )
    expect(o.serverProperties?.summary).toContain(
      'listeners: PLAINTEXT_HOST (PLAINTEXT) on 29092 (broker 1), 29093 (broker 2), 29094 (broker 3), PLAINTEXT (PLAINTEXT) on free ports'
    )
    // One service is still served alone when named, on its own port.
    const one = serve(path, '--compose-service', 'kafka2')
    expect([one.brokers, one.brokerIds, one.port, one.brokerPorts]).toEqual([
      1,
      [2],
      29093,
      undefined
    ])
    expect(one.serverProperties?.summary).toContain('broker id: 2 (node.id)')
    // --broker-ids wins over the node ids, the services taking them in node id order.
    const over = serve(path, '--broker-ids', '30,10,20')
    expect(over.brokerIds).toEqual([10, 20, 30])
    expect(over.brokerRacks).toEqual(['a', null, 'c'])
    expect(over.serverProperties?.summary[0]).toMatch(
      /kafka1 as broker 10 \(KAFKA_NODE_ID\), kafka2 as broker 20 \(KAFKA_NODE_ID\), kafka3 as broker 30 \(KAFKA_NODE_ID\) \(the command line wins/
    )
    expect(refusal(path, '--broker-ids', '1,2')).toMatch(
      /--broker-ids 1,2: the 3 broker services of .* are the brokers, one id each/
    )
    // A bad id of the command line is the command line's, not a service's node id.
    expect(refusal(path, '--broker-ids', 'a,b,c')).toBe(
      "--broker-ids takes broker ids (whole numbers from 0 to 2147483647), comma-separated, got 'a'"
    )
  })

  it('gives every published listener its brokers own ports', () => {
    const both = (name: string, id: number, host: number, internal: number) =>
      broker(name, id, host).replace(
        `ports: ["${host}:9092"]`,
        `ports: ["${host}:9092", "${internal}:19092"]`
      )
    const o = serve(compose(both('kafka1', 1, 29501, 29601), both('kafka2', 2, 29502, 29702)))
    // Both published, the listeners keep their order: PLAINTEXT first.
    expect(o.brokerPorts).toEqual([29601, 29702])
    expect(o.listeners).toEqual([
      {
        name: 'PLAINTEXT_HOST',
        securityProtocol: 'PLAINTEXT',
        port: 0,
        brokerPorts: [29501, 29502]
      }
    ])
  })

  it('gives services without a node id the ids after the others, in file order, and the command line over all', () => {
    const path = compose(broker('b', null, 29102), broker('a', null, 29101), broker('c', 7, 29103))
    const o = serve(path, '--broker-config', 'num.partitions=5', '--port', '30000')
    expect(o.serverProperties?.summary[0]).toBe(
      'brokers: 3, one a broker service, each with its node id as broker id: c as broker 7 (KAFKA_NODE_ID), b as broker 8 (no node id), a as broker 9 (no node id)'
    )
    expect(o.brokerIds).toEqual([7, 8, 9])
    // None with a node id: 0, 1, 2 in file order.
    const none = serve(compose(broker('y', null, 29111), broker('x', null, 29112)))
    expect([none.brokerIds, none.brokerPorts]).toEqual([
      [0, 1],
      [29111, 29112]
    ])
    expect(o.brokerConfigs['num.partitions']).toBe('5')
    // --port gives the first listener's ports: broker i on PORT + i.
    expect([o.port, o.brokerPorts]).toEqual([30000, undefined])
  })

  it('refuses shared settings the services give differently, naming the services and keys', () => {
    const path = compose(
      broker('kafka1', 1, 29201, ['KAFKA_NUM_PARTITIONS: 3', 'KAFKA_LOG_RETENTION_HOURS: 1']),
      broker('kafka2', 2, 29202, ['KAFKA_NUM_PARTITIONS: 6', 'KAFKA_LOG_RETENTION_HOURS: 1']),
      broker('kafka3', 3, 29203, ['KAFKA_NUM_PARTITIONS: 3'])
    )
    expect(refusal(path)).toBe(
      `${path}: services kafka1, kafka2 and kafka3 are served as one cluster, whose brokers share these settings, but they give them differently: num.partitions (kafka1 and kafka3: 3; kafka2: 6), log.retention.hours (kafka1 and kafka2: 1; kafka3: not set); give every broker service the same values (or serve one with --compose-service NAME)`
    )
  })

  it('refuses one node id twice, a listener some advertise, one host port twice, other listeners', () => {
    const twice = compose(broker('kafka1', 1, 29301), broker('kafka2', 1, 29302))
    expect(refusal(twice)).toBe(
      `${twice}: services kafka1 and kafka2 have the same node id 1 (KAFKA_NODE_ID, KAFKA_NODE_ID); each broker needs its own`
    )
    const port = compose(broker('kafka1', 1, 29311), broker('kafka2', 2, 29311))
    expect(refusal(port)).toBe(
      `${port}: service kafka1's PLAINTEXT_HOST and service kafka2's PLAINTEXT_HOST are both on port 29311 (each container has its ports; on the host they are one): publish each service's listener on its own host port (ports: "19092:9092")`
    )
    const other = compose(
      broker('kafka1', 1, 29321),
      broker('kafka2', 2, 29322, [
        'KAFKA_LISTENERS: SASL_PLAINTEXT://:19092,PLAINTEXT_HOST://:9092',
        'KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: SASL_PLAINTEXT:SASL_PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT',
        'KAFKA_ADVERTISED_LISTENERS: PLAINTEXT_HOST://localhost:29322'
      ])
    )
    expect(refusal(other)).toBe(
      `${other}: services kafka1 and kafka2 have different listeners (kafka1: PLAINTEXT_HOST (PLAINTEXT), PLAINTEXT (PLAINTEXT); kafka2: PLAINTEXT_HOST (PLAINTEXT), SASL_PLAINTEXT (SASL_PLAINTEXT)); Logdeck's brokers share their listeners, each broker on its own port`
    )
    const some = compose(
      broker('kafka1', 1, 29331),
      broker('kafka2', 2, 29332, ['KAFKA_ADVERTISED_LISTENERS: PLAINTEXT_HOST://localhost:29332'])
    )
    expect(refusal(some)).toBe(
      `${some}: kafka1 advertises listener PLAINTEXT (advertised.listeners), kafka2 not (it has no address to advertise): advertise it on every broker service`
    )
  })

  it('refuses --brokers other than the broker services, only controllers, and more than 32', () => {
    const path = compose(broker('kafka1', 1, 29401), broker('kafka2', 2, 29402))
    expect(refusal(path, '--brokers', '3')).toBe(
      `--brokers 3: the 2 broker services of ${path} (kafka1 and kafka2) are the brokers, one each`
    )
    expect(serve(path, '--brokers', '2').brokers).toBe(2)
    const controller = (name: string) =>
      `  ${name}:\n    image: apache/kafka\n    environment:\n      KAFKA_PROCESS_ROLES: controller\n      KAFKA_LISTENERS: CONTROLLER://:9093\n      KAFKA_CONTROLLER_LISTENER_NAMES: CONTROLLER`
    const controllers = compose(controller('c1'), controller('c2'))
    expect(refusal(controllers)).toBe(
      `${controllers}: the Kafka services c1 and c2 are KRaft controllers only (process.roles without broker): no broker to serve`
    )
    const twelve = compose(...Array.from({ length: 12 }, (_, i) => broker(`k${i}`, i, 29410 + i)))
    expect(serve(twelve).brokerIds).toEqual(Array.from({ length: 12 }, (_, i) => i))
    const many = compose(...Array.from({ length: 33 }, (_, i) => broker(`k${i}`, i, 29410 + i)))
    expect(refusal(many)).toMatch(
      /: 33 broker services \(k0, k1, .* and k32\); Logdeck serves at most 32 brokers \(serve one with --compose-service NAME\)$/
    )
  })
})

describe("several broker services' JAAS file", () => {
  /** A SASL broker service whose KAFKA_OPTS names the JAAS file `mount` puts in the container. */
  function saslBroker(name: string, id: number, port: number, mount: string): string {
    return [
      `  ${name}:`,
      '    image: confluentinc/cp-kafka:7.6.1',
      `    ports: ["${port}:9092"]`,
      `    volumes: ["${mount}"]`,
      '    environment:',
      `      KAFKA_NODE_ID: ${id}`,
      '      KAFKA_PROCESS_ROLES: broker',
      '      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: SASL_PLAINTEXT:SASL_PLAINTEXT',
      `      KAFKA_ADVERTISED_LISTENERS: SASL_PLAINTEXT://localhost:${port}`,
      '      KAFKA_SASL_ENABLED_MECHANISMS: PLAIN',
      '      KAFKA_OPTS: -Djava.security.auth.login.config=/etc/kafka/secrets/jaas.conf'
    ].join('\n')
  }
  const jaas = (users: string) =>
    `KafkaServer { org.apache.kafka.common.security.plain.PlainLoginModule required ${users}; };\n`

  it('serves the one file every broker mounts, its users on the cluster listener', () => {
    writeFileSync(join(dir, 'jaas-a.conf'), jaas('user_alice="a"'))
    writeFileSync(join(dir, 'jaas-a-copy.conf'), jaas('user_alice="a"'))
    const o = serve(
      compose(
        saslBroker('kafka1', 1, 29192, './jaas-a.conf:/etc/kafka/secrets/jaas.conf'),
        saslBroker('kafka2', 2, 29193, './jaas-a-copy.conf:/etc/kafka/secrets/jaas.conf')
      )
    )
    expect(o.brokers).toBe(2)
    expect([...o.security.listeners!.SASL_PLAINTEXT.plainUsers!]).toEqual([['alice', 'a']])
    expect(o.security.jaasFile!.summary[0]).toBe(
      'SASL_PLAINTEXT takes section KafkaServer (PLAIN users alice)'
    )
  })

  it('refuses brokers whose files differ, naming the services and the files', () => {
    writeFileSync(join(dir, 'jaas-b.conf'), jaas('user_bob="b"'))
    expect(
      refusal(
        compose(
          saslBroker('kafka1', 1, 29192, './jaas-a.conf:/etc/kafka/secrets/jaas.conf'),
          saslBroker('kafka2', 2, 29193, './jaas-b.conf:/etc/kafka/secrets/jaas.conf')
        )
      )
    ).toMatch(
      new RegExp(
        `services kafka1 and kafka2 are served as one cluster, whose brokers share their JAAS file, but their KAFKA_OPTS -Djava\\.security\\.auth\\.login\\.config give different ones \\(kafka1: ${join(dir, 'jaas-a.conf').replace(/[.]/g, '\\.')}; kafka2: ${join(dir, 'jaas-b.conf').replace(/[.]/g, '\\.')}\\)`
      )
    )
  })
})
