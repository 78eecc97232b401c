// A broker's JAAS file (-Djava.security.auth.login.config) serving the PLAIN logins of its SASL
// listeners, as Kafka picks a section for each: `logdeck serve --jaas-config FILE` with three
// SASL_PLAINTEXT listeners, the first with a section of its own (sasl_plaintext.KafkaServer),
// EXTERNAL taking KafkaServer and PARTNERS with its own listener.name.partners.plain.sasl.jaas.config,
// which wins over the file; and a cp-kafka compose file in the style of Confluent's SASL examples,
// KAFKA_OPTS naming the file a volume mounts, one listener with a section of its own. kcat and
// confluent-kafka-python log in as the file's users, produce batches (linger.ms) and read them
// back; a wrong password, or a user of another section, gets SASL_AUTHENTICATION_FAILED and a log
// line; bad files exit 2 naming the file and the line.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { startCluster, type Cluster } from '../../../src/server/library'
import { kcat, kcatSasl, python, run } from '../../support/external-clients'
import { KafkaConnection } from '../../support/kafka-request'
import { listenerBootstrap, startServe, type ServeProcess } from '../../support/serve-process'
import { waitFor } from '../../support/wait-for'

const ROOT = join(__dirname, '..', '..', '..')
const JAAS = join(ROOT, 'test', 'fixtures', 'jaas', 'kafka_server_jaas.conf')
const COMPOSE = join(ROOT, 'test', 'fixtures', 'compose', 'cp-kafka-sasl-jaas')
const FLAGS = ['--in-memory', '--no-ui', '--no-schema-registry', '--brokers', '1', '--port', '0']
const PARTNERS_JAAS =
  'org.apache.kafka.common.security.plain.PlainLoginModule required user_dave="dave-secret";'

/** A port free on loopback now, as compose would publish it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

/** Produces keyed lines in batches with kcat as one login, reads them back as another. */
async function roundTrip(
  produceTo: string,
  producer: string[],
  consumeFrom: string,
  consumer: string[],
  topic: string
): Promise<void> {
  const lines = Array.from({ length: 60 }, (_, i) => `k${i % 4}:${topic}-${i}`)
  const produced = await kcat(
    ['-b', produceTo, ...producer, '-P', '-t', topic, '-K', ':', '-X', 'linger.ms=30'],
    lines.join('\n') + '\n'
  )
  expect(produced.code, produced.stderr).toBe(0)
  const consumed = await kcat([
    '-b',
    consumeFrom,
    ...consumer,
    '-C',
    '-t',
    topic,
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
}

/** Whether a PLAIN login of kcat is taken (metadata listed) or refused. */
async function plainLogin(bootstrap: string, user: string, password: string): Promise<boolean> {
  const r = await kcat(['-b', bootstrap, ...kcatSasl('PLAIN', user, password), '-L', '-m', '3'])
  if (r.code !== 0)
    expect(r.stderr).toMatch(
      /SASL authentication error: Authentication failed: Invalid username or password/
    )
  return r.code === 0
}

const CONFLUENT = `
import sys
from confluent_kafka import Producer, Consumer
bootstrap, user, password, topic, count = sys.argv[1:6]
auth = {'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanism': 'PLAIN',
        'sasl.username': user, 'sasl.password': password}
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

describe('serve --jaas-config', () => {
  let server: ServeProcess
  beforeAll(async () => {
    server = await startServe([
      ...FLAGS,
      '--security',
      'sasl_plaintext',
      '--listener',
      'EXTERNAL=sasl_plaintext:0',
      '--listener',
      'PARTNERS=sasl_plaintext:0',
      '--listener-config',
      `PARTNERS.plain.sasl.jaas.config=${PARTNERS_JAAS}`,
      '--jaas-config',
      JAAS
    ])
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
  })
  const first = () => server.bootstrap
  const external = () => listenerBootstrap(server, 'EXTERNAL')
  const partners = () => listenerBootstrap(server, 'PARTNERS')

  it('says which section each listener takes, what is ignored and why, and no password', () => {
    const out = server.output()
    expect(out).toContain(`JAAS file ${JAAS}:\n`)
    expect(out).toContain(
      "  SASL_PLAINTEXT takes section sasl_plaintext.KafkaServer (PLAIN users bob; SCRAM logins are the cluster's SASL users); EXTERNAL takes section KafkaServer (PLAIN users admin, alice; SCRAM logins are the cluster's SASL users); PARTNERS takes section KafkaServer (PLAIN from listener.name.partners.plain.sasl.jaas.config; SCRAM logins are the cluster's SASL users)\n"
    )
    expect(out).toContain(
      'KafkaServer PlainLoginModule as admin, KafkaServer ScramLoginModule as admin'
    )
    expect(out).toContain(
      "  sections ignored: Client (ZooKeeper's client login: ZooKeeper is not used)\n"
    )
    expect(out).not.toMatch(/alice-secret|bob-secret|admin-secret|dave-secret/)
  })

  it('kcat produces batches as bob on SASL_PLAINTEXT and reads them back as alice on EXTERNAL', async () => {
    await roundTrip(
      first(),
      kcatSasl('PLAIN', 'bob', 'bob-secret'),
      external(),
      kcatSasl('PLAIN', 'alice', 'alice-secret'),
      'jaas-orders'
    )
  })

  it('confluent-kafka-python produces and consumes in a group as alice, a user of KafkaServer', async () => {
    const r = await python(
      CONFLUENT,
      [external(), 'alice', 'alice-secret', 'jaas-py', '40'],
      90_000
    )
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.trim()).toBe('40')
  })

  it("takes a listener's own section over KafkaServer, and its own JAAS config over the file", async () => {
    expect(await plainLogin(first(), 'alice', 'alice-secret')).toBe(false)
    expect(await plainLogin(external(), 'bob', 'bob-secret')).toBe(false)
    expect(await plainLogin(partners(), 'dave', 'dave-secret')).toBe(true)
    expect(await plainLogin(partners(), 'alice', 'alice-secret')).toBe(false)
    expect(await plainLogin(external(), 'dave', 'dave-secret')).toBe(false)
  })

  it('a wrong password gets SASL_AUTHENTICATION_FAILED and a log line', async () => {
    expect(await plainLogin(external(), 'alice', 'nope')).toBe(false)
    const port = Number(external().split(':').at(-1))
    const conn = new KafkaConnection(port, '127.0.0.1')
    const hs = await conn.request(ApiKey.SaslHandshake, 1, { mechanism: 'PLAIN' })
    expect(hs.errorCode).toBe(ErrorCode.NONE)
    const login = await conn.request(ApiKey.SaslAuthenticate, 2, {
      authBytes: Buffer.from('\u0000admin\u0000alice-secret')
    })
    expect(login.errorCode).toBe(ErrorCode.SASL_AUTHENTICATION_FAILED)
    expect(login.errorMessage).toBe('Authentication failed: Invalid username or password')
    conn.close()
    await waitFor('the failed logins in the log', () =>
      ['alice', 'admin'].every((u) =>
        new RegExp(`SASL authentication of user '${u}' with PLAIN failed`).test(server.output())
      )
    )
  })
})

describe('serve --compose with KAFKA_OPTS naming a JAAS file a volume mounts', () => {
  let server: ServeProcess
  let port: number
  beforeAll(async () => {
    const saved = process.env.KAFKA_PORT
    port = await freePort()
    process.env.KAFKA_PORT = String(port)
    try {
      server = await startServe([
        '--in-memory',
        '--no-ui',
        '--no-schema-registry',
        '--compose',
        join(COMPOSE, 'docker-compose.yml')
      ])
    } finally {
      if (saved === undefined) delete process.env.KAFKA_PORT
      else process.env.KAFKA_PORT = saved
    }
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
  })
  const host = () => `localhost:${port}`
  /** BROKER where it listens (it is advertised as kafka:29092, for the other containers). */
  const broker = () =>
    `127.0.0.1:${/^Kafka listener BROKER \(SASL_PLAINTEXT\): broker 1 at 127\.0\.0\.1:(\d+)/m.exec(server.output())![1]}`

  it('maps the container path to the host file and says what each listener takes', () => {
    const out = server.output()
    const file = join(COMPOSE, 'secrets', 'kafka_server_jaas.conf')
    expect(out).toContain(
      `  JAAS file: /etc/kafka/secrets/kafka_server_jaas.conf in the container, ${file} on the host (volume ./secrets:/etc/kafka/secrets)\n`
    )
    expect(out).toContain(
      '  SASL_PLAINTEXT takes section KafkaServer (PLAIN users admin, client); BROKER takes section broker.KafkaServer (PLAIN users broker)\n'
    )
    expect(out).toContain("sections ignored: Client (ZooKeeper's client login")
    expect(out).not.toMatch(/client-secret|broker-secret|admin-secret/)
  })

  it('kcat produces batches as client on the published port and reads them back as admin', async () => {
    await roundTrip(
      host(),
      kcatSasl('PLAIN', 'client', 'client-secret'),
      host(),
      kcatSasl('PLAIN', 'admin', 'admin-secret'),
      'compose-jaas'
    )
  })

  it("BROKER takes its own section's user only", async () => {
    expect(await plainLogin(broker(), 'broker', 'broker-secret')).toBe(true)
    expect(await plainLogin(broker(), 'admin', 'admin-secret')).toBe(false)
    expect(await plainLogin(host(), 'broker', 'broker-secret')).toBe(false)
  })

  it('confluent-kafka-python logs in as admin; client is refused on BROKER, with a log line', async () => {
    const r = await python(CONFLUENT, [host(), 'admin', 'admin-secret', 'compose-py', '30'], 90_000)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.trim()).toBe('30')
    expect(await plainLogin(broker(), 'client', 'client-secret')).toBe(false)
    await waitFor('the failed login in the log', () =>
      /SASL authentication of user 'client' with PLAIN failed/.test(server.output())
    )
  })
})

describe("an OAuthBearerLoginModule section's unsecured validator options", () => {
  let dir: string
  let server: ServeProcess
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logdeck-jaas-oauth-'))
    const path = join(dir, 'oauth.conf')
    writeFileSync(
      path,
      [
        'KafkaServer {',
        '  org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required',
        '  unsecuredLoginStringClaim_sub="admin" unsecuredValidatorRequiredScope="write";',
        '};'
      ].join('\n')
    )
    server = await startServe([
      ...FLAGS,
      '--security',
      'sasl_plaintext',
      '--sasl.enabled.mechanisms',
      'OAUTHBEARER',
      '--jaas-config',
      path
    ])
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it("kcat's unsecured token needs the file's required scope", async () => {
    const login = (scope: string) =>
      kcat([
        '-b',
        server.bootstrap,
        '-X',
        'security.protocol=sasl_plaintext',
        '-X',
        'sasl.mechanisms=OAUTHBEARER',
        '-X',
        'enable.sasl.oauthbearer.unsecure.jwt=true',
        '-X',
        `sasl.oauthbearer.config=principal=alice scope=${scope}`,
        '-L',
        '-m',
        '3'
      ])
    const read = await login('read')
    expect(read.code).not.toBe(0)
    expect(read.stderr).toContain('"status":"insufficient_scope"')
    const write = await login('write')
    expect(write.code, write.stderr).toBe(0)
    expect(server.output()).toContain(
      "SASL_PLAINTEXT takes section KafkaServer (OAUTHBEARER's unsecured validator options unsecuredValidatorRequiredScope)"
    )
  })
})

const CONFLUENT_LOGIN = `
import sys
from confluent_kafka.admin import AdminClient
bootstrap, mechanism, user, password = sys.argv[1:5]
errors = []
a = AdminClient({'bootstrap.servers': bootstrap, 'security.protocol': 'SASL_PLAINTEXT',
                 'sasl.mechanism': mechanism, 'sasl.username': user, 'sasl.password': password,
                 'error_cb': lambda e: errors.append(e.str())})
try:
    print(len(a.list_topics(timeout=5).brokers))
except Exception:
    a.poll(2)
    print('refused', ' | '.join(errors))
`

describe('a JAAS section or config whose PlainLoginModule lists no user_ options', () => {
  let dir: string
  let server: ServeProcess
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logdeck-jaas-no-users-'))
    const path = join(dir, 'no-users.conf')
    writeFileSync(
      path,
      [
        'KafkaServer {',
        '  org.apache.kafka.common.security.plain.PlainLoginModule required',
        '  username="admin" password="admin-secret";',
        '  org.apache.kafka.common.security.scram.ScramLoginModule required;',
        '};'
      ].join('\n')
    )
    server = await startServe([
      ...FLAGS,
      '--security',
      'sasl_plaintext',
      '--user',
      'carol:carol-secret',
      '--listener',
      'APPS=sasl_plaintext:0',
      '--listener-config',
      'APPS.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="admin-secret";',
      '--jaas-config',
      path
    ])
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it("refuses every PLAIN login, the cluster's users too, saying why; SCRAM stays the cluster's", async () => {
    const apps = listenerBootstrap(server, 'APPS')
    expect(server.output()).toContain(
      'SASL_PLAINTEXT takes section KafkaServer (no user_ options: every PLAIN login is refused, as Kafka refuses them;'
    )
    for (const b of [server.bootstrap, apps]) {
      expect(await plainLogin(b, 'carol', 'carol-secret')).toBe(false)
      expect(await plainLogin(b, 'admin', 'admin-secret')).toBe(false)
      const scram = await kcat([
        '-b',
        b,
        ...kcatSasl('SCRAM-SHA-512', 'carol', 'carol-secret'),
        '-L'
      ])
      expect(scram.code, scram.stderr).toBe(0)
    }
    const py = await python(CONFLUENT_LOGIN, [apps, 'PLAIN', 'carol', 'carol-secret'], 60_000)
    expect(py.stdout).toMatch(/^refused .*Authentication failed: Invalid username or password/)
    const pyScram = await python(
      CONFLUENT_LOGIN,
      [apps, 'SCRAM-SHA-512', 'carol', 'carol-secret'],
      60_000
    )
    expect(pyScram.stdout.trim(), pyScram.stderr).toBe('1')
    await waitFor('the reasons in the log', () => {
      const out = server.output()
      return (
        out.includes(
          `(section KafkaServer of the JAAS file ${join(dir, 'no-users.conf')} lists no user_ options, so every PLAIN login is refused, as Kafka's PlainServerCallbackHandler refuses it)`
        ) &&
        out.includes(
          "(its JAAS config listener.name.apps.plain.sasl.jaas.config lists no user_ options, so every PLAIN login is refused, as Kafka's PlainServerCallbackHandler refuses it)"
        )
      )
    })
    expect(server.output()).toContain(
      'APPS (SASL_PLAINTEXT; SASL mechanisms PLAIN, SCRAM-SHA-256, SCRAM-SHA-512; no PLAIN users in its JAAS config: every PLAIN login refused)'
    )
  })
})

describe("a JAAS file's ${property} from the -D options of KAFKA_OPTS", () => {
  let dir: string
  let server: ServeProcess
  let env: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'logdeck-jaas-props-'))
    writeFileSync(
      join(dir, 'kafka_server_jaas.conf'),
      [
        'KafkaServer {',
        '  org.apache.kafka.common.security.plain.PlainLoginModule required',
        '  user_alice="${app.alice.password}" user_bob="bob-${app.suffix}"',
        '  user_carol="${app.carol.password}";',
        '};'
      ].join('\n')
    )
    env = join(dir, 'kafka.env')
    writeFileSync(
      env,
      [
        'KAFKA_LISTENERS=SASL_PLAINTEXT://:0',
        'KAFKA_SASL_ENABLED_MECHANISMS=PLAIN',
        'KAFKA_HEAP_OPTS=-Xmx512m -Dapp.suffix=heap',
        'KAFKA_OPTS="-Djava.security.auth.login.config=kafka_server_jaas.conf -Dapp.alice.password=alice-from-opts -Dapp.suffix=opts -Dapp.carol.password=\'carol\'"'
      ].join('\n') + '\n'
    )
    server = await startServe([
      '--in-memory',
      '--no-ui',
      '--no-schema-registry',
      '--server-properties',
      env
    ])
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('kcat and confluent-kafka-python log in with the expanded passwords, not the placeholders', async () => {
    expect(server.output()).toContain(
      `system properties expanded: \${app.alice.password} (-Dapp.alice.password in KAFKA_OPTS of ${env} line 4), \${app.suffix} (-Dapp.suffix in KAFKA_OPTS of ${env} line 4)`
    )
    expect(server.output()).not.toContain('alice-from-opts')
    await roundTrip(
      server.bootstrap,
      kcatSasl('PLAIN', 'alice', 'alice-from-opts'),
      server.bootstrap,
      kcatSasl('PLAIN', 'bob', 'bob-opts'),
      'jaas-props'
    )
    expect(await plainLogin(server.bootstrap, 'alice', '${app.alice.password}')).toBe(false)
    expect(await plainLogin(server.bootstrap, 'bob', 'bob-heap')).toBe(false)
    // kafka-run-class.sh expands $KAFKA_OPTS unquoted: the JVM gets the quotes of 'carol'.
    expect(await plainLogin(server.bootstrap, 'carol', "'carol'")).toBe(true)
    expect(await plainLogin(server.bootstrap, 'carol', 'carol')).toBe(false)
    const py = await python(
      CONFLUENT,
      [server.bootstrap, 'alice', 'alice-from-opts', 'jaas-props-py', '20'],
      90_000
    )
    expect(py.code, py.stderr).toBe(0)
    expect(py.stdout.trim()).toBe('20')
    const refused = await python(
      CONFLUENT_LOGIN,
      [server.bootstrap, 'PLAIN', 'bob', 'bob-${app.suffix}'],
      60_000
    )
    expect(refused.stdout).toMatch(/^refused .*Authentication failed: Invalid username or password/)
  })

  it("exits 2 naming the file, the line and a property of the JVM's own, or one no -D gives", async () => {
    const jaas = join(dir, 'home.conf')
    writeFileSync(
      jaas,
      'KafkaServer {\n  org.apache.kafka.common.security.plain.PlainLoginModule required\n  user_a="${java.home}";\n};\n'
    )
    const serveWith = (...args: string[]) =>
      run(process.execPath, [join(ROOT, 'bin', 'logdeck.cjs'), 'serve', ...FLAGS, ...args])
    const r = await serveWith('--server-properties', env, '--jaas-config', jaas)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      `logdeck serve: --jaas-config ${jaas} line 3: not a JAAS file: the value "\${java.home}" expands the Java system property \${java.home}: the JVM sets it itself`
    )
    writeFileSync(jaas, readFileSync(jaas, 'utf8').replace('java.home', 'app.missing'))
    const m = await serveWith('--server-properties', env, '--jaas-config', jaas)
    expect(m.code).toBe(2)
    expect(m.stderr).toContain(
      'expands the Java system property ${app.missing}: no -Dapp.missing=VALUE is given'
    )
    expect(m.stderr).toContain('("unable to expand property app.missing")')
  })
})

describe("bitnami/kafka's SASL listeners, their PLAIN users written by the image", () => {
  let server: ServeProcess
  let port: number
  beforeAll(async () => {
    const saved = process.env.CLIENT_PORT
    port = await freePort()
    process.env.CLIENT_PORT = String(port)
    try {
      server = await startServe([
        '--in-memory',
        '--no-ui',
        '--no-schema-registry',
        '--compose',
        join(ROOT, 'test', 'fixtures', 'compose', 'bitnami-sasl.yml')
      ])
    } finally {
      if (saved === undefined) delete process.env.CLIENT_PORT
      else process.env.CLIENT_PORT = saved
    }
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
  })
  const client = () => `localhost:${port}`
  /** INTERNAL where it listens (it is advertised as kafka:9094, for the other containers). */
  const internal = () =>
    /^Kafka listener INTERNAL \(SASL_PLAINTEXT\): broker 0 at (127\.0\.0\.1:\d+)/m.exec(
      server.output()
    )![1]

  it('kcat produces batches as alice and reads them back as bob; confluent-kafka-python logs in as bob', async () => {
    await roundTrip(
      client(),
      kcatSasl('PLAIN', 'alice', 'alice-secret'),
      client(),
      kcatSasl('SCRAM-SHA-512', 'bob', 'bob-secret'),
      'bitnami-sasl'
    )
    const r = await python(CONFLUENT, [client(), 'bob', 'bob-secret', 'bitnami-py', '25'], 90_000)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.trim()).toBe('25')
    expect(server.output()).not.toMatch(/alice-secret|bob-secret|broker-secret/)
  })

  it('the inter-broker user logs in with PLAIN on INTERNAL only, and with no SCRAM', async () => {
    expect(await plainLogin(internal(), 'broker', 'broker-secret')).toBe(true)
    expect(await plainLogin(client(), 'broker', 'broker-secret')).toBe(false)
    const scram = await python(
      CONFLUENT_LOGIN,
      [internal(), 'SCRAM-SHA-256', 'broker', 'broker-secret'],
      60_000
    )
    expect(scram.stdout).toMatch(/^refused .*Authentication failed/)
    const py = await python(
      CONFLUENT_LOGIN,
      [internal(), 'PLAIN', 'broker', 'broker-secret'],
      60_000
    )
    expect(py.stdout.trim(), py.stderr).toBe('1')
    await waitFor('the refusal on CLIENT in the log', () =>
      server
        .output()
        .includes(
          '(no user_broker in its JAAS config listener.name.client.plain.sasl.jaas.config: PLAIN logins here are its users only)'
        )
    )
  })
})

describe('startCluster({ jaasConfig })', () => {
  let cluster: Cluster
  const logs: string[] = []
  beforeAll(async () => {
    cluster = await startCluster({
      listeners: [{ name: 'SASL_PLAINTEXT', securityProtocol: 'SASL_PLAINTEXT' }],
      jaasConfig: JAAS,
      log: (line) => logs.push(line)
    })
  })
  afterAll(async () => {
    await cluster?.close()
  })

  it("serves the listener's section's PLAIN users, logged", async () => {
    const sasl = cluster.listeners.find((l) => l.name === 'SASL_PLAINTEXT')!.bootstrapServers[0]
    expect(await plainLogin(sasl, 'bob', 'bob-secret')).toBe(true)
    expect(await plainLogin(sasl, 'alice', 'alice-secret')).toBe(false)
    expect(logs).toContain(`JAAS file ${JAAS}:`)
  })

  it('refuses a path that is not a file, naming jaasConfig', async () => {
    await expect(
      startCluster({
        listeners: [{ name: 'SASL', securityProtocol: 'SASL_PLAINTEXT' }],
        jaasConfig: join(ROOT, 'no-such.conf')
      })
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', field: 'jaasConfig' })
  })
})

describe('serve refuses a bad JAAS file', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'logdeck-jaas-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const serveWith = (...args: string[]) =>
    run(process.execPath, [join(ROOT, 'bin', 'logdeck.cjs'), 'serve', ...FLAGS, ...args])

  it('exits 2 naming the file and the line of a syntax mistake, and of a login module it cannot run', async () => {
    const bad = join(dir, 'bad.conf')
    writeFileSync(
      bad,
      [
        'KafkaServer {',
        '   org.apache.kafka.common.security.plain.PlainLoginModule required',
        '   user_alice="alice-secret"',
        '};'
      ].join('\n')
    )
    const r = await serveWith('--security', 'sasl_plaintext', '--jaas-config', bad)
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toBe(
      `logdeck serve: --jaas-config ${bad} line 4: not a JAAS file: expected an option name or ';' after org.apache.kafka.common.security.plain.PlainLoginModule, found '}' (see 'logdeck serve --help')`
    )
    const kerberos = join(dir, 'kerberos.conf')
    writeFileSync(
      kerberos,
      [
        'KafkaServer {',
        '   com.sun.security.auth.module.Krb5LoginModule required',
        '   useKeyTab=true keyTab="/etc/security/keytabs/kafka.keytab";',
        '};'
      ].join('\n')
    )
    const k = await serveWith('--security', 'sasl_plaintext', '--jaas-config', kerberos)
    expect(k.code).toBe(2)
    expect(k.stderr).toContain(
      `--jaas-config ${kerberos} line 2: section KafkaServer (listener SASL_PLAINTEXT) logs in with com.sun.security.auth.module.Krb5LoginModule, Kerberos for SASL GSSAPI, which Logdeck does not serve`
    )
    const custom = join(dir, 'custom.conf')
    writeFileSync(custom, 'KafkaServer {\n  com.example.MyLoginModule required;\n};\n')
    const c = await serveWith('--security', 'sasl_plaintext', '--jaas-config', custom)
    expect(c.code).toBe(2)
    expect(c.stderr).toContain(
      `--jaas-config ${custom} line 2: section KafkaServer (listener SASL_PLAINTEXT) logs in with com.example.MyLoginModule, which is not one of Kafka's login modules`
    )
  })

  it("exits 2 naming the key of a listener's JAAS config of two login modules", async () => {
    const r = await serveWith(
      '--security',
      'sasl_plaintext',
      '--listener-config',
      'SASL_PLAINTEXT.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_a="a"; org.apache.kafka.common.security.scram.ScramLoginModule required;'
    )
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      'logdeck serve: --listener-config SASL_PLAINTEXT.plain.sasl.jaas.config: JAAS config property contains 2 login modules, should be 1 module (PlainLoginModule, ScramLoginModule)'
    )
  })

  it('exits 2 when a SASL listener has no section, as Kafka does not start', async () => {
    const client = join(dir, 'client-only.conf')
    writeFileSync(
      client,
      'KafkaClient {\n  org.apache.kafka.common.security.plain.PlainLoginModule required;\n};\n'
    )
    const r = await serveWith('--security', 'sasl_plaintext', '--jaas-config', client)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      `--jaas-config ${client} has no section KafkaServer or sasl_plaintext.KafkaServer for listener SASL_PLAINTEXT`
    )
  })

  it("exits 2 naming the service and the path when KAFKA_OPTS' JAAS file is not mounted", async () => {
    const project = join(dir, 'project')
    cpSync(COMPOSE, project, { recursive: true })
    const file = join(project, 'docker-compose.yml')
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '      - ./secrets:/etc/kafka/secrets\n',
        '      - kafka-data:/var/lib/kafka/data\n'
      )
    )
    const r = await serveWith('--compose', file)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      `logdeck serve: ${file}, service kafka: KAFKA_OPTS -Djava.security.auth.login.config /etc/kafka/secrets/kafka_server_jaas.conf is a path in the container, and no volume of the service mounts a host file or folder there`
    )
  })
})
