// `logdeck serve --server-properties FILE`: a Kafka server.properties mapped onto what the flags
// serve (listeners and their protocols, the KRaft controller listener left out, advertised
// listeners, TLS, SASL and per-listener JAAS users, the authorizer, broker.rack, broker configs,
// the limits), keys with no meaning here listed as ignored, the command line winning, and every
// unknown key or bad value refused naming the file, the line and the key.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseServeArgs } from '../../../src/server/cli-args'
import { writeDevCertificates } from '../../../src/server/dev-certificates'
import { serveRefusal } from '../../support/serve-refusal'

const dir = mkdtempSync(join(tmpdir(), 'logdeck-server-properties-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const FIXTURE = join(
  __dirname,
  '..',
  '..',
  'fixtures',
  'server-properties',
  'sasl-plain-jaas.properties'
)
const PLAIN = 'org.apache.kafka.common.security.plain.PlainLoginModule'

let n = 0
/** A server.properties of these lines, written to a file of its own. */
function file(...lines: string[]): string {
  const path = join(dir, `server-${n++}.properties`)
  writeFileSync(path, lines.join('\n') + '\n')
  return path
}

const serve = (path: string, ...args: string[]) =>
  parseServeArgs(['--in-memory', '--server-properties', path, ...args])

describe('serve --server-properties', () => {
  it('maps a KRaft combined node with a SASL listener whose JAAS config lists users', () => {
    const o = serve(FIXTURE, '--user', 'carol:carol-secret')
    expect(o).toMatchObject({ brokers: 1, brokerIds: [1], host: 'localhost', port: 0 })
    expect(o.listeners).toEqual([{ name: 'INTERNAL', securityProtocol: 'PLAINTEXT', port: 0 }])
    expect(o.security).toMatchObject({
      protocol: 'SASL_PLAINTEXT',
      listenerName: 'EXTERNAL',
      saslMechanisms: ['PLAIN', 'SCRAM-SHA-512'],
      users: [{ name: 'carol', password: 'carol-secret' }]
    })
    expect([...o.security.listeners!.EXTERNAL.plainUsers!]).toEqual([
      ['admin', 'admin-secret'],
      ['alice', 'alice-secret']
    ])
    expect(o.brokerConfigs).toEqual({
      'num.partitions': '3',
      'log.retention.hours': '168',
      'log.segment.bytes': '1073741824',
      'log.retention.check.interval.ms': '300000',
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1'
    })
    expect(o.limits).toEqual({ socketRequestMaxBytes: 104857600 })
    const summary = o.serverProperties!.summary
    expect(summary[0]).toBe('brokers: 1, as the file describes one broker (--brokers N for more)')
    expect(summary).toContain(
      'listeners: EXTERNAL (SASL_PLAINTEXT) on a free port, INTERNAL (PLAINTEXT) on a free port; CONTROLLER left out (controller.listener.names: a KRaft controller listener, not a client listener)'
    )
    expect(summary.find((l) => l.startsWith('ignored: '))).toContain(
      'process.roles, controller.quorum.voters (KRaft: the simulated brokers need no controller quorum)'
    )
    expect(summary).toContain('broker id: 1 (node.id)')
    // No password is shown.
    expect(summary.join('\n')).not.toMatch(/secret/)
  })

  it('takes advertised listeners, a host to bind, the authorizer, racks and TLS from the file', () => {
    const certs = writeDevCertificates(join(dir, 'certs'))
    // The PEM inline, one line per PEM line, as Kafka's docs write it.
    const inline = (pem: string) => pem.trim().split(/\r?\n/).join('\\n\\\n    ')
    const o = serve(
      file(
        'listeners = CLIENT://0.0.0.0:19092 , SECURE://0.0.0.0:19093',
        'listener.security.protocol.map: CLIENT:SASL_PLAINTEXT,SECURE:SSL',
        'advertised.listeners=CLIENT://kafka.local:29092,SECURE://[::1]:29093',
        'ssl.keystore.type=PEM',
        `ssl.keystore.certificate.chain=${inline(readFileSync(certs.cert, 'utf8'))}`,
        `ssl.keystore.key=${inline(readFileSync(certs.key, 'utf8'))}`,
        'listener.name.secure.ssl.client.auth=none',
        'listener.name.client.sasl.enabled.mechanisms=SCRAM-SHA-512',
        'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
        'super.users=User:admin;User:ops',
        'allow.everyone.if.no.acl.found=true',
        'broker.rack=eu-west-1a',
        'replica.lag.time.max.ms=30000',
        'connections.max.reauth.ms=600000'
      )
    )
    expect(o).toMatchObject({
      host: '0.0.0.0',
      port: 19092,
      replicaLagTimeMaxMs: 30000,
      brokerRacks: ['eu-west-1a'],
      authorizer: { superUsers: ['User:admin', 'User:ops'], allowEveryoneIfNoAclFound: true }
    })
    expect(o.listeners).toEqual([{ name: 'SECURE', securityProtocol: 'SSL', port: 19093 }])
    expect(o.advertisedListeners).toEqual([
      { name: 'CLIENT', host: 'kafka.local', port: 29092 },
      { name: 'SECURE', host: '::1', port: 29093 }
    ])
    expect(o.security).toMatchObject({ listenerName: 'CLIENT', maxReauthMs: 600000 })
    expect(String(o.security.tls?.cert)).toContain('BEGIN CERTIFICATE')
    expect(o.security.listeners).toMatchObject({
      SECURE: { clientAuth: 'none' },
      CLIENT: { saslMechanisms: ['SCRAM-SHA-512'] }
    })
    const summary = o.serverProperties!.summary.join('\n')
    expect(summary).toContain(
      'authorizer: StandardAuthorizer, super users User:admin, User:ops, allow.everyone.if.no.acl.found=true'
    )
    expect(summary).toContain('broker.rack: eu-west-1a')
    expect(summary).not.toContain('PRIVATE KEY')
  })

  it('leaves a host name unbound, ignores what only an absent authorizer or listener would read', () => {
    const o = serve(
      file(
        'listeners=PLAINTEXT://kafka:9092',
        'super.users=User:admin',
        'ssl.client.auth=required',
        'sasl.enabled.mechanisms=PLAIN',
        'zookeeper.connect=zk:2181'
      )
    )
    expect(o.host).toBe('127.0.0.1')
    expect(o.authorizer).toBeNull()
    const summary = o.serverProperties!.summary.join('\n')
    expect(summary).toContain(
      'their hosts (kafka) are not bound: --host says where (127.0.0.1 by default)'
    )
    expect(summary).toContain('super.users (no authorizer.class.name)')
    expect(summary).toContain('ssl.client.auth (no listener speaks TLS)')
    expect(summary).toContain('sasl.enabled.mechanisms (no listener asks for a SASL login)')
    expect(summary).toContain('zookeeper.connect (ZooKeeper is not used)')
  })

  it('lets flags given on the command line win, and says so', () => {
    const o = serve(
      FIXTURE,
      '--port',
      '19092',
      '--brokers',
      '2',
      '--broker-config',
      'num.partitions=6',
      '--listener-config',
      'listener.name.EXTERNAL.sasl.enabled.mechanisms=PLAIN'
    )
    expect(o).toMatchObject({ port: 19092, brokers: 2 })
    expect(o.brokerConfigs['num.partitions']).toBe('6')
    expect(o.brokerConfigs['log.retention.hours']).toBe('168')
    expect(o.security.listeners!.EXTERNAL.saslMechanisms).toEqual(['PLAIN'])
    const summary = o.serverProperties!.summary
    expect(summary[0]).toMatch(/^listeners: /)
    expect(summary.at(-1)).toBe(
      'the command line wins: --port over listeners, --broker-config num.partitions over num.partitions'
    )
  })

  it('takes a JAAS config through --listener-config and --broker-config too', () => {
    const jaas = `${PLAIN} required user_dave="d-secret";`
    const base = [
      '--in-memory',
      '--security',
      'sasl_plaintext',
      '--listener',
      'APPS=sasl_plaintext:9192'
    ]
    const viaListener = parseServeArgs([
      ...base,
      '--listener-config',
      `SASL_PLAINTEXT.plain.sasl.jaas.config=${jaas}`
    ])
    expect([...viaListener.security.listeners!.SASL_PLAINTEXT.plainUsers!]).toEqual([
      ['dave', 'd-secret']
    ])
    const viaBroker = parseServeArgs([
      ...base,
      '--broker-config',
      `listener.name.apps.plain.sasl.jaas.config=${jaas}`
    ])
    expect([...viaBroker.security.listeners!.APPS.plainUsers!]).toEqual([['dave', 'd-secret']])
    expect(viaBroker.brokerConfigs).toEqual({})
    expect(
      serveRefusal([
        ...base,
        '--listener-config',
        `APPS.plain.sasl.jaas.config=${PLAIN} required user_x;`
      ])
    ).toBe(
      '--listener-config APPS.plain.sasl.jaas.config: not a JAAS configuration: the option \'user_x\' has no value (user_x="VALUE")'
    )
    expect(
      serveRefusal([
        ...base,
        '--listener-config',
        'APPS.scram-sha-512.sasl.jaas.config=com.example.Login required;'
      ])
    ).toBe(
      "--listener-config APPS.scram-sha-512.sasl.jaas.config: SCRAM-SHA-512's login module is org.apache.kafka.common.security.scram.ScramLoginModule, got com.example.Login (Logdeck loads no Java classes)"
    )
  })

  it('refuses a listener JAAS config of more than one login module, as Kafka does not start', () => {
    const two = `${PLAIN} required user_a="a"; ${PLAIN} required user_b="b";`
    expect(
      serveRefusal([
        '--in-memory',
        '--security',
        'sasl_plaintext',
        '--listener-config',
        `SASL_PLAINTEXT.plain.sasl.jaas.config=${two}`
      ])
    ).toBe(
      '--listener-config SASL_PLAINTEXT.plain.sasl.jaas.config: JAAS config property contains 2 login modules, should be 1 module (PlainLoginModule, PlainLoginModule); Kafka does not start with it'
    )
    const path = file(
      'listeners=SASL_PLAINTEXT://:9092',
      'sasl.enabled.mechanisms=SCRAM-SHA-256,OAUTHBEARER',
      'listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required; \\',
      '  org.apache.kafka.common.security.scram.ScramLoginModule required;'
    )
    expect(serveRefusal(['--in-memory', '--server-properties', path])).toBe(
      `${path} line 3, listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config: JAAS config property contains 2 login modules, should be 1 module (ScramLoginModule, ScramLoginModule); Kafka does not start with it`
    )
    const oauth = file(
      'listeners=SASL_PLAINTEXT://:9092',
      'sasl.enabled.mechanisms=OAUTHBEARER',
      'listener.name.sasl_plaintext.oauthbearer.sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required; org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;'
    )
    expect(serveRefusal(['--in-memory', '--server-properties', oauth])).toMatch(
      /line 3, listener\.name\.sasl_plaintext\.oauthbearer\.sasl\.jaas\.config: JAAS config property contains 2 login modules, should be 1 module/
    )
  })

  it('gives a listener whose PLAIN JAAS config lists no user_ options no PLAIN user at all', () => {
    const o = serve(
      file(
        'listeners=SASL_PLAINTEXT://:9092',
        'sasl.enabled.mechanisms=PLAIN',
        `listener.name.sasl_plaintext.plain.sasl.jaas.config=${PLAIN} required username="admin" password="admin-secret";`
      ),
      '--user',
      'carol:carol-secret'
    )
    const own = o.security.listeners!.SASL_PLAINTEXT
    expect(own.plainUsers!.size).toBe(0)
    expect(own.plainUsersFrom).toEqual({
      from: 'jaas-config',
      key: 'listener.name.sasl_plaintext.plain.sasl.jaas.config'
    })
    expect(o.serverProperties!.summary.join('\n')).toContain(
      'SASL_PLAINTEXT PLAIN JAAS config (no user_ options: every PLAIN login is refused, as Kafka refuses them)'
    )
  })

  it("takes an OAUTHBEARER JAAS config's unsecured validator options, and Kafka's handlers", () => {
    const o = serve(
      file(
        'listeners=SASL_PLAINTEXT://:9092',
        'sasl.enabled.mechanisms=OAUTHBEARER',
        'listener.name.sasl_plaintext.oauthbearer.sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required \\',
        '  unsecuredLoginStringClaim_sub="admin" unsecuredValidatorPrincipalClaimName="client_id" \\',
        '  unsecuredValidatorRequiredScope="kafka,read";',
        'listener.name.sasl_plaintext.oauthbearer.sasl.server.callback.handler.class=org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler'
      )
    )
    expect(o.security.oauthBearer).toMatchObject({
      principalClaimName: 'client_id',
      requiredScope: ['kafka', 'read']
    })
    expect(o.serverProperties!.summary.join('\n')).toContain(
      'SASL_PLAINTEXT OAUTHBEARER JAAS config (unsecuredValidatorPrincipalClaimName, unsecuredValidatorRequiredScope)'
    )
    expect(
      serveRefusal([
        '--in-memory',
        '--server-properties',
        file(
          'listeners=SASL_PLAINTEXT://:9092',
          'listener.name.sasl_plaintext.gssapi.sasl.jaas.config=com.sun.security.auth.module.Krb5LoginModule required;'
        )
      ])
    ).toMatch(/line 2, listener.name.sasl_plaintext.gssapi.sasl.jaas.config: GSSAPI is not served/)
  })

  it('reads the KAFKA_* environment of the Apache and Confluent images as the configs it sets', () => {
    const o = serve(
      file(
        '# docker-compose environment of apache/kafka',
        'KAFKA_NODE_ID=1',
        'KAFKA_PROCESS_ROLES=broker,controller',
        'KAFKA_LISTENERS=SASL_PLAINTEXT://localhost:19092,CONTROLLER://localhost:29093',
        'KAFKA_CONTROLLER_LISTENER_NAMES=CONTROLLER',
        'KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT',
        'KAFKA_SASL_ENABLED_MECHANISMS=PLAIN,SCRAM-SHA-512',
        `KAFKA_LISTENER_NAME_SASL__PLAINTEXT_PLAIN_SASL_JAAS_CONFIG="${PLAIN} required user_alice=\\"a-secret\\";"`,
        'KAFKA_LISTENER_NAME_SASL__PLAINTEXT_SCRAM___SHA___512_SASL_JAAS_CONFIG=org.apache.kafka.common.security.scram.ScramLoginModule required;',
        'KAFKA_NUM_PARTITIONS=4',
        'KAFKA_HEAP_OPTS=-Xmx1G',
        'CLUSTER_ID=MkU3OEVBNTcwNTJENDM2Qk'
      )
    )
    expect(o).toMatchObject({ port: 19092, brokerConfigs: { 'num.partitions': '4' } })
    expect([...o.security.listeners!.SASL_PLAINTEXT.plainUsers!]).toEqual([['alice', 'a-secret']])
    const summary = o.serverProperties!.summary.join('\n')
    expect(summary).toContain('KAFKA_* environment names read as the configs they set')
    expect(summary).toContain('KAFKA_PROCESS_ROLES (KRaft')
    expect(summary).toContain('broker id: 1 (KAFKA_NODE_ID)')
    expect(o.brokerIds).toEqual([1])
    expect(summary).toContain('KAFKA_HEAP_OPTS (JVM options: Logdeck runs no JVM)')
    expect(summary).toContain('CLUSTER_ID (the KRaft storage id')
    expect(
      serveRefusal(['--in-memory', '--server-properties', file('KAFKA_NUM_PARTITONS=4')])
    ).toMatch(/line 1, KAFKA_NUM_PARTITONS \(num.partitons\): unknown key 'num.partitons'/)
  })

  it("reads Bitnami's KAFKA_CFG_* environment, its other KAFKA_* settings being the image's", () => {
    const o = serve(
      file(
        'KAFKA_CFG_LISTENERS=CLIENT://:19092,CONTROLLER://:29093',
        'KAFKA_CFG_LISTENER_SECURITY_PROTOCOL_MAP=CLIENT:PLAINTEXT,CONTROLLER:PLAINTEXT',
        'KAFKA_CFG_CONTROLLER_LISTENER_NAMES=CONTROLLER',
        "KAFKA_CFG_AUTO_CREATE_TOPICS_ENABLE='false'",
        'KAFKA_CLIENT_USERS=user'
      )
    )
    expect(o).toMatchObject({
      port: 19092,
      brokerConfigs: { 'auto.create.topics.enable': 'false' }
    })
    expect(o.security.listenerName).toBe('CLIENT')
    expect(o.serverProperties!.summary.join('\n')).toContain(
      "KAFKA_CLIENT_USERS (bitnami/kafka's SASL users, from which its start script writes the listeners' JAAS configs: give them with --user"
    )
  })

  it("names a listener's setting the file gave by its line and key, not by --listener-config", () => {
    const secure = [
      'listeners=PLAINTEXT://:19092,SECURE://:19093',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SECURE:SSL'
    ]
    const refused = (lines: string[], ...args: string[]) => {
      const path = file(...lines)
      return serveRefusal(['--in-memory', '--server-properties', path, ...args]).replace(
        path,
        'FILE'
      )
    }
    expect(refused([...secure, 'listener.name.secure.ssl.client.auth=sometimes'])).toBe(
      "FILE line 3, listener.name.secure.ssl.client.auth: ssl.client.auth must be one of required, requested, none, got 'sometimes'"
    )
    expect(refused([...secure, 'listener.name.secure.ssl.enabled.protocols=TLSv1.9'])).toBe(
      "FILE line 3, listener.name.secure.ssl.enabled.protocols: 'TLSv1.9' is not a TLS protocol (TLSv1, TLSv1.1, TLSv1.2, TLSv1.3)"
    )
    expect(
      refused([
        'listeners=SASL_PLAINTEXT://:19092',
        'listener.name.sasl_plaintext.sasl.enabled.mechanisms=GSSAPI'
      ])
    ).toBe(
      "FILE line 2, listener.name.sasl_plaintext.sasl.enabled.mechanisms: 'GSSAPI' is not one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER"
    )
    const missing = join(dir, 'missing.p12')
    expect(refused([...secure, `listener.name.secure.ssl.truststore.location=${missing}`])).toBe(
      `FILE line 3, listener.name.secure.ssl.truststore.location ${missing} does not exist`
    )
    // A key it needs and did not give is named as the file would give it.
    expect(refused([...secure, 'listener.name.secure.ssl.keystore.type=PKCS12'])).toBe(
      'FILE line 3, listener.name.secure.ssl.keystore.type needs listener.name.secure.ssl.keystore.location'
    )
    // The command line's own are named as given there, not as the file's.
    expect(
      refused(
        [...secure, 'listener.name.secure.ssl.client.auth=required'],
        '--listener-config',
        'PLAINTEXT.ssl.client.auth=required'
      )
    ).toBe(
      '--listener-config PLAINTEXT.ssl.client.auth=required: listener PLAINTEXT is PLAINTEXT, which does not speak TLS'
    )
  })

  it('refuses an unknown key or a bad value, naming the file, the line and the key', () => {
    const refused = (...lines: string[]) => {
      const path = file(...lines)
      return serveRefusal(['--in-memory', '--server-properties', path]).replace(path, 'FILE')
    }
    expect(refused('# comment', 'num.partitons=3')).toBe(
      "FILE line 2, num.partitons: unknown key 'num.partitons' (not a broker config Logdeck serves)"
    )
    expect(refused('num.partitions=0')).toBe("FILE line 1, num.partitions: '0' must be at least 1")
    expect(refused('', 'listeners=PLAINTEXT:9092')).toBe(
      "FILE line 2, listeners: 'PLAINTEXT:9092' is not NAME://HOST:PORT (e.g. PLAINTEXT://localhost:9092)"
    )
    expect(refused('listeners=CLIENT://:9092')).toBe(
      'FILE line 1, listeners: listener CLIENT has no security protocol (name it in listener.security.protocol.map, e.g. CLIENT:PLAINTEXT)'
    )
    expect(refused('listener.security.protocol.map=CLIENT:TLS')).toMatch(
      /^FILE line 1, listener.security.protocol.map: 'CLIENT:TLS' is not NAME:PROTOCOL/
    )
    expect(
      refused(
        'listeners=SASL_PLAINTEXT://:9092',
        'listener.name.sasl_plaintext.plain.sasl.jaas.config=' + PLAIN + ' required \\',
        '  user_a="1"'
      )
    ).toBe(
      "FILE line 2, listener.name.sasl_plaintext.plain.sasl.jaas.config: not a JAAS configuration: the entry of org.apache.kafka.common.security.plain.PlainLoginModule does not end with ';'"
    )
    // A listener's setting its protocol has no use for, found once the flags are read.
    expect(
      refused(
        'listeners=PLAINTEXT://:9092',
        `listener.name.plaintext.plain.sasl.jaas.config=${PLAIN} required user_a="1";`
      )
    ).toBe(
      'FILE line 2, listener.name.plaintext.plain.sasl.jaas.config: listener PLAINTEXT is PLAINTEXT, which asks for no SASL login'
    )
    expect(refused('listeners=SASL_PLAINTEXT://:9092', 'sasl.enabled.mechanisms=GSSAPI')).toBe(
      "FILE line 2, sasl.enabled.mechanisms: --sasl.enabled.mechanisms: 'GSSAPI' is not one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER"
    )
    expect(
      refused(
        'authorizer.class.name=kafka.security.authorizer.AclAuthorizer',
        'super.users=User:bob;User:'
      )
    ).toBe("FILE line 2, super.users: --super-user needs a user name or TYPE:NAME, got 'User:'")
    expect(refused('listeners=SASL_PLAINTEXT://:9092,PLAINTEXT://:9092')).toBe(
      "FILE line 1, listeners: --listener PLAINTEXT=plaintext:9092: its brokers' port 9092 clash with --port (port 9092)"
    )
    expect(refused('listener.name.other.ssl.client.auth=required')).toBe(
      'FILE line 1, listener.name.other.ssl.client.auth: no listener is named other (the listeners are PLAINTEXT)'
    )
    expect(refused('authorizer.class.name=com.example.MyAuthorizer')).toMatch(
      /^FILE line 1, authorizer.class.name: 'com.example.MyAuthorizer' is not one of Kafka's authorizers/
    )
    expect(refused('socket.request.max.bytes=12')).toBe(
      "FILE line 1, socket.request.max.bytes: must be a whole number from 1024 to 1073741824, got '12'"
    )
    expect(refused('a=1', 'broker.rack=\\u00zz')).toBe(
      "FILE line 2: malformed \\uXXXX escape '\\u00zz' (four hex digits must follow \\u)"
    )
    expect(serveRefusal(['--server-properties', join(dir, 'none.properties')])).toBe(
      `--server-properties ${join(dir, 'none.properties')} does not exist`
    )
  })
})

describe("serve --server-properties: the broker's id", () => {
  const listeners = 'listeners=PLAINTEXT://:19092'
  it('is node.id (or broker.id), the brokers --brokers adds taking the ids after it', () => {
    const one = serve(file(listeners, 'node.id=5'))
    expect([one.brokers, one.brokerIds]).toEqual([1, [5]])
    expect(one.serverProperties!.summary).toContain('broker id: 5 (node.id)')
    const three = serve(file(listeners, 'broker.id=5'), '--brokers', '3')
    expect(three.brokerIds).toEqual([5, 6, 7])
    expect(three.serverProperties!.summary).toContain(
      'broker ids: 5, 6, 7 (broker.id 5 and the ids after it, one a broker)'
    )
    // Both given and the same; ZooKeeper's broker.id=-1 (generate one) gives none.
    expect(serve(file(listeners, 'node.id=2', 'broker.id=2')).brokerIds).toEqual([2])
    expect(serve(file(listeners, 'broker.id=-1')).brokerIds).toEqual([0])
    expect(serve(file(listeners)).brokerIds).toEqual([0])
  })

  it('gives way to --broker-ids, and is refused when it is no id or broker.id says otherwise', () => {
    const over = serve(file(listeners, 'node.id=5'), '--broker-ids', '1,2')
    expect([over.brokers, over.brokerIds]).toEqual([2, [1, 2]])
    expect(over.serverProperties!.summary).toContain(
      'the command line wins: --broker-ids over node.id'
    )
    const bad = file(listeners, 'node.id=one')
    expect(serveRefusal(['--in-memory', '--server-properties', bad])).toBe(
      `${bad} line 2, node.id: 'one' is not a broker id (a whole number from 0 to 2147483647)`
    )
    const differ = file(listeners, 'node.id=1', 'broker.id=2')
    expect(serveRefusal(['--in-memory', '--server-properties', differ])).toBe(
      `${differ} line 3, broker.id: broker.id 2 is not node.id 1 (${differ} line 2, node.id); Kafka requires them to be the same`
    )
    const high = file(listeners, 'node.id=2147483647')
    expect(serveRefusal(['--in-memory', '--server-properties', high, '--brokers', '2'])).toBe(
      `${high} line 2, node.id: 2147483647 leaves no room for 2 brokers (broker ids are at most 2147483647)`
    )
  })
})
