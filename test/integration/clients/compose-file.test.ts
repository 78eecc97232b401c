// `logdeck serve --compose` with the docker-compose files of the three Kafka images: Apache's
// single-node KRaft example, a cp-kafka node with a SASL_PLAINTEXT listener whose JAAS config
// lists its users, and Bitnami's KRaft example with an EXTERNAL listener. Each is served with its
// host port taken from the environment (as compose interpolates it), and kcat produces batches
// (linger.ms) and reads them back on the address the service advertises to the host; a bad file
// exits 2 naming the file, the line, the service and the variable.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { kcat, kcatSasl, run } from '../../support/external-clients'
import { startServe, type ServeProcess } from '../../support/serve-process'

const ROOT = join(__dirname, '..', '..', '..')
const FIXTURES = join(ROOT, 'test', 'fixtures', 'compose')
const FLAGS = ['--in-memory', '--no-ui', '--no-schema-registry']

/** A port free on loopback now. */
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

/** Starts serve with these variables in its environment (compose interpolates from it). */
async function serveCompose(file: string, vars: Record<string, string>): Promise<ServeProcess> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]))
  Object.assign(process.env, vars)
  try {
    return await startServe([...FLAGS, '--compose', join(FIXTURES, file)])
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
  }
}

/**
 * Produces keyed lines `<prefix>-<i>` in batches with kcat, then reads the topic back; the values
 * read, sorted.
 */
async function roundTrip(
  bootstrap: string,
  topic: string,
  prefix = topic,
  producer: string[] = [],
  consumer: string[] = producer
): Promise<string[]> {
  const lines = Array.from({ length: 50 }, (_, i) => `k${i % 5}:${prefix}-${i}`)
  const produced = await kcat(
    ['-b', bootstrap, ...producer, '-P', '-t', topic, '-K', ':', '-X', 'linger.ms=30'],
    lines.join('\n') + '\n'
  )
  expect(produced.code, produced.stderr).toBe(0)
  const consumed = await kcat(
    ['-b', bootstrap, ...consumer, '-C', '-t', topic, '-o', 'beginning', '-e', '-q'].concat([
      '-f',
      '%s\\n'
    ])
  )
  expect(consumed.code, consumed.stderr).toBe(0)
  return consumed.stdout.trim().split('\n').sort()
}

/** A compose file served for the tests of one describe block, on a free host port. */
function served(file: string, vars: (port: number) => Record<string, string>) {
  const s = { server: undefined as unknown as ServeProcess, port: 0 }
  beforeAll(async () => {
    s.port = await freePort()
    s.server = await serveCompose(file, vars(s.port))
  }, 60_000)
  afterAll(async () => {
    await s.server?.stop()
  })
  return s
}

const expected = (topic: string) => Array.from({ length: 50 }, (_, i) => `${topic}-${i}`).sort()

describe("Apache's single-node KRaft example", () => {
  const s = served('apache-kraft.yml', (port) => ({ KAFKA_HOST_PORT: String(port) }))

  it('serves PLAINTEXT_HOST on the published host port and says what it took', () => {
    const out = s.server.output()
    expect(out).toContain(`Compose file ${join(FIXTURES, 'apache-kraft.yml')}, service broker:\n`)
    expect(out).toContain(
      `  ports: PLAINTEXT_HOST 9092 in the container published as ${s.port}: served on ${s.port}; PLAINTEXT (19092) not published: on a free port\n`
    )
    expect(out).toContain(
      `Kafka listener: broker 1 at 127.0.0.1:${s.port}, advertised as localhost:${s.port}\n`
    )
    // The service's KAFKA_NODE_ID is the broker's id.
    expect(out).toContain('  broker id: 1 (node.id)\n')
    expect(out).toMatch(
      /environment ignored: CLUSTER_ID \(the KRaft storage id.*KAFKA_HEAP_OPTS \(JVM options/
    )
  })

  it('kcat produces batches and reads them back on the advertised address, in 3 partitions', async () => {
    const bootstrap = `localhost:${s.port}`
    expect(await roundTrip(bootstrap, 'apache-orders')).toEqual(expected('apache-orders'))
    const meta = await kcat(['-b', bootstrap, '-L', '-t', 'apache-orders'])
    expect(meta.stdout).toContain('topic "apache-orders" with 3 partitions')
    expect(meta.stdout).toContain(`broker 1 at localhost:${s.port}`)
  })
})

describe('a cp-kafka node with a SASL_PLAINTEXT listener and a JAAS config', () => {
  const s = served('confluent-sasl.yml', (port) => ({
    KAFKA_SASL_PORT: String(port),
    ADMIN_PASSWORD: 'admin-from-env'
  }))

  it('lists the JAAS users and the variables of the JVM it ignores, no password', () => {
    const out = s.server.output()
    expect(out).toContain('SASL_PLAINTEXT PLAIN JAAS config with 2 PLAIN user(s): admin, alice')
    expect(out).toMatch(
      /KAFKA_OPTS \(JVM options: Logdeck runs no JVM \(the JAAS file its -Djava\.security\.auth\.login\.config names is read\)/
    )
    // Its listener's JAAS config is taken over the file, which no volume mounts: not read.
    expect(out).toContain(
      "JAAS file /etc/kafka/kafka_server_jaas.conf:\n  not read: every SASL listener's mechanisms have JAAS configs of their own"
    )
    expect(out).not.toMatch(/alice-secret|admin-from-env/)
  })

  it('kcat logs in as alice to produce and as admin (password interpolated) to consume', async () => {
    const values = await roundTrip(
      `localhost:${s.port}`,
      'payments',
      'sasl',
      kcatSasl('PLAIN', 'alice', 'alice-secret'),
      kcatSasl('PLAIN', 'admin', 'admin-from-env')
    )
    expect(values).toEqual(expected('sasl'))
  })

  it("refuses the compose file's default admin password, which the environment replaced", async () => {
    const r = await kcat([
      '-b',
      `localhost:${s.port}`,
      ...kcatSasl('PLAIN', 'admin', 'admin-secret'),
      '-L',
      '-m',
      '3'
    ])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/SASL authentication error|Authentication failed|invalid credentials/i)
  })
})

describe("Bitnami's KRaft example with an EXTERNAL listener", () => {
  const s = served('bitnami-kraft.yml', (port) => ({ EXTERNAL_PORT: String(port) }))

  it('serves EXTERNAL first, on the published port, and the internal listener on a free one', () => {
    const out = s.server.output()
    expect(out).toContain(`Bootstrap servers: localhost:${s.port}\n`)
    expect(out).toMatch(
      /^Kafka listener PLAINTEXT \(PLAINTEXT\): broker 0 at 127\.0\.0\.1:\d+, advertised as kafka:9092$/m
    )
  })

  it('kcat produces batches and reads them back on the advertised address', async () => {
    const bootstrap = `localhost:${s.port}`
    expect(await roundTrip(bootstrap, 'bitnami-events')).toEqual(expected('bitnami-events'))
    const meta = await kcat(['-b', bootstrap, '-L', '-t', 'bitnami-events'])
    expect(meta.stdout).toContain('topic "bitnami-events" with 2 partitions')
  })
})

/** logdeck serve --compose FILE run to its exit. */
const serveFile = (file: string) =>
  run(process.execPath, [join(ROOT, 'bin', 'logdeck.cjs'), 'serve', ...FLAGS, '--compose', file])

describe('serve --compose refuses a bad file', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'logdeck-compose-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('exits 2 naming the file, the line, the service and the variable', async () => {
    const bad = join(dir, 'docker-compose.yml')
    writeFileSync(
      bad,
      [
        'services:',
        '  kafka:',
        '    image: confluentinc/cp-kafka:7.6.1',
        '    environment:',
        '      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://localhost:9092',
        '      KAFKA_LOG_RETENTION_HOURZ: 12'
      ].join('\n')
    )
    const r = await serveFile(bad)
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toBe(
      `logdeck serve: ${bad} line 6, service kafka, KAFKA_LOG_RETENTION_HOURZ (log.retention.hourz): unknown key 'log.retention.hourz' (not a broker config Logdeck serves) (see 'logdeck serve --help')`
    )
    expect(r.stdout).not.toMatch(/^ready$/m)
  })

  it('exits 2 naming the services and keys when two brokers of one cluster disagree', async () => {
    const two = join(dir, 'two.yml')
    const service = (name: string, id: number, partitions: number) =>
      `  ${name}:\n    image: apache/kafka\n    environment:\n      KAFKA_NODE_ID: ${id}\n      KAFKA_LISTENERS: PLAINTEXT://:${9090 + id}\n      KAFKA_NUM_PARTITIONS: ${partitions}\n`
    writeFileSync(two, `services:\n${service('a', 1, 3)}${service('b', 2, 6)}`)
    const r = await serveFile(two)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      `${two}: services a and b are served as one cluster, whose brokers share these settings, but they give them differently: num.partitions (a: 3; b: 6)`
    )
  })
})
