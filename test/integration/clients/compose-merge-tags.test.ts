// `logdeck serve --compose compose.yml --compose local.yml`, the second file as one writes it to
// run a project's cluster (test/fixtures/compose/apache-cluster.yml: three brokers, three KRaft
// controllers) on a laptop with compose's merge tags: `broker-3: !reset null` leaves a broker out,
// `ports: !override` publishes broker-1 on another host port instead of beside its own, and
// `KAFKA_BROKER_RACK: !reset null` takes the racks away. kcat sees the two brokers where the
// merged file says, produces batches (linger.ms) to a topic replicated on both and reads it back.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { kcat } from '../../support/external-clients'
import { startServe, type ServeProcess } from '../../support/serve-process'

const FILE = join(__dirname, '..', '..', 'fixtures', 'compose', 'apache-cluster.yml')
const dir = mkdtempSync(join(tmpdir(), 'logdeck-compose-tags-'))
const LOCAL = join(dir, 'local.yml')

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

let server: ServeProcess
const ports: Record<string, number> = {}

beforeAll(async () => {
  for (const name of ['BROKER1_PORT', 'BROKER2_PORT', 'BROKER3_PORT', 'LOCAL1_PORT'])
    ports[name] = await freePort()
  writeFileSync(
    LOCAL,
    [
      '# Two brokers on this machine, broker-1 on a port of its own, no racks.',
      'services:',
      '  broker-3: !reset null',
      '  broker-1:',
      '    ports: !override',
      '      - ${LOCAL1_PORT}:9092',
      '    environment:',
      '      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://broker-1:19092,PLAINTEXT_HOST://localhost:${LOCAL1_PORT}',
      '      KAFKA_BROKER_RACK: !reset null',
      '      KAFKA_DEFAULT_REPLICATION_FACTOR: 2',
      '  broker-2:',
      '    environment:',
      '      KAFKA_BROKER_RACK: !reset null',
      '      KAFKA_DEFAULT_REPLICATION_FACTOR: 2',
      ''
    ].join('\n')
  )
  const saved = Object.fromEntries(Object.keys(ports).map((k) => [k, process.env[k]]))
  for (const [k, v] of Object.entries(ports)) process.env[k] = String(v)
  try {
    server = await startServe([
      '--in-memory',
      '--no-ui',
      '--no-schema-registry',
      '--compose',
      FILE,
      '--compose',
      LOCAL
    ])
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
  }
}, 60_000)
afterAll(async () => {
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('a second compose file with !reset and !override', () => {
  it('serves the brokers the merged file leaves, where it publishes them, without racks', () => {
    const out = server.output()
    expect(out).toContain(`Compose file ${FILE}, services broker-1, broker-2 as one cluster:\n`)
    expect(out).toContain(
      `Kafka listener: broker 4 at 127.0.0.1:${ports.LOCAL1_PORT}, advertised as localhost:${ports.LOCAL1_PORT}\n`
    )
    expect(out).toContain(
      `Kafka listener: broker 5 at 127.0.0.1:${ports.BROKER2_PORT}, advertised as localhost:${ports.BROKER2_PORT}\n`
    )
    expect(out).not.toContain(`:${ports.BROKER1_PORT}`)
    expect(out).not.toContain('broker-3')
    expect(out).not.toContain('Broker racks')
  })

  it('kcat produces batches to a topic on both brokers and reads them back', async () => {
    const bootstrap = `localhost:${ports.LOCAL1_PORT}`
    const meta = await kcat(['-b', `localhost:${ports.BROKER2_PORT}`, '-L'])
    expect(meta.code, meta.stderr).toBe(0)
    expect(meta.stdout).toContain(' 2 brokers:')
    expect(meta.stdout).toContain(`broker 4 at localhost:${ports.LOCAL1_PORT}`)
    expect(meta.stdout).toContain(`broker 5 at localhost:${ports.BROKER2_PORT}`)
    const lines = Array.from({ length: 60 }, (_, j) => `k${j % 7}:v${j}`)
    const produced = await kcat(
      ['-b', bootstrap, '-P', '-t', 'local-orders', '-K', ':', '-X', 'linger.ms=100'],
      `${lines.join('\n')}\n`
    )
    expect(produced.code, produced.stderr).toBe(0)
    const topic = await kcat(['-b', bootstrap, '-L', '-t', 'local-orders'])
    expect(topic.stdout).toContain('3 partitions')
    const replicas = [...topic.stdout.matchAll(/replicas: ([\d,]+?), isrs/g)].map((m) =>
      m[1].split(',').sort()
    )
    expect(replicas).toEqual([
      ['4', '5'],
      ['4', '5'],
      ['4', '5']
    ])
    const consumed = await kcat([
      '-b',
      `localhost:${ports.BROKER2_PORT}`,
      '-C',
      '-t',
      'local-orders',
      '-o',
      'beginning',
      '-e',
      '-q',
      '-K',
      ':'
    ])
    expect(consumed.stdout.trim().split('\n').sort()).toEqual([...lines].sort())
  })
})
