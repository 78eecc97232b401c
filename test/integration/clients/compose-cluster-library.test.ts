// startCluster({ compose: { file, profiles } }) with an app's compose file whose Kafka is a file
// of its own (include:, with its own .env), its Bitnami brokers extending one service of a common
// file (extends: file:), a fourth under the `big` profile: four brokers on the host ports the
// file publishes. A topic replicated on three brokers keeps taking acks=all batches from kcat
// and reading back while one of its brokers is stopped; options beside the file that it gives
// are BAD_REQUESTs naming them.
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCluster, type Cluster } from '../../../src/server/library'
import { ApiError } from '../../../src/shared/errors'
import { kcat } from '../../support/external-clients'

const FILE = join(__dirname, '..', '..', 'fixtures', 'compose', 'split', 'compose.yml')

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

let cluster: Cluster
const ports: number[] = []
const logs: string[] = []
const names = [0, 1, 2, 3].map((i) => `KAFKA${i}_PORT`)

beforeAll(async () => {
  for (const name of names) {
    ports.push(await freePort())
    process.env[name] = String(ports.at(-1))
  }
  cluster = await startCluster({
    compose: { file: FILE, profiles: ['big'] },
    log: (line) => logs.push(line)
  })
}, 60_000)
afterAll(async () => {
  await cluster?.close()
  for (const name of names) delete process.env[name]
})

const address = (i: number) => `localhost:${ports[i]}`

async function produce(bootstrap: string, topic: string, prefix: string): Promise<void> {
  const lines = Array.from({ length: 30 }, (_, j) => `k${j % 4}:${prefix}-${j}`).join('\n')
  const r = await kcat(
    ['-b', bootstrap, '-P', '-t', topic, '-K', ':', '-X', 'linger.ms=100', '-X', 'acks=all'],
    `${lines}\n`
  )
  expect(r.code, r.stderr).toBe(0)
}

describe('startCluster with a compose file', () => {
  it('serves its four broker services (the big profile enabled) on the published ports', () => {
    expect(cluster.bootstrapServers).toEqual([0, 1, 2, 3].map(address))
    expect(cluster.listeners.map((l) => [l.name, l.securityProtocol])).toEqual([
      ['EXTERNAL', 'PLAINTEXT'],
      ['PLAINTEXT', 'PLAINTEXT']
    ])
    expect(cluster.listeners[1].bootstrapServers).toEqual(
      [0, 1, 2, 3].map((i) => `kafka-${i}:9092`)
    )
    expect(logs[0]).toBe(
      `Compose file ${FILE}, services kafka-0, kafka-1, kafka-2, kafka-3 as one cluster:`
    )
    expect(logs).toContain(
      '  broker configs: default.replication.factor, min.insync.replicas, auto.create.topics.enable, num.partitions'
    )
  })

  it('keeps a replicated topic writable and readable with one of its brokers stopped', async () => {
    const topic = 'compose-replicated'
    await produce(address(0), topic, 'before')
    const meta = await kcat(['-b', address(3), '-L', '-t', topic])
    // num.partitions from the included file's .env, the replication factor from its env_file.
    expect(meta.stdout).toContain(`topic "${topic}" with 4 partitions`)
    expect(meta.stdout).toContain(' 4 brokers:')
    await cluster.call('brokers.stop', { brokerId: 1 })
    await produce(address(2), topic, 'after')
    const consumed = await kcat([
      '-b',
      address(3),
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
    const expected = ['before', 'after'].flatMap((p) =>
      Array.from({ length: 30 }, (_, j) => `${p}-${j}`)
    )
    expect(consumed.stdout.trim().split('\n').sort()).toEqual(expected.sort())
    const after = await kcat(['-b', address(0), '-L', '-t', topic])
    expect(after.stdout).not.toMatch(/broker 1 at/)
    await cluster.call('brokers.start', { brokerId: 1 })
  })

  it('refuses options the file gives, and a mistake, naming them', async () => {
    const refusal = async (options: Parameters<typeof startCluster>[0]) => {
      try {
        await (await startCluster(options)).close()
      } catch (err) {
        if (err instanceof ApiError) return `${err.field}: ${err.message}`
        throw err
      }
      throw new Error('accepted')
    }
    expect(await refusal({ compose: { file: FILE }, port: 9092 })).toBe(
      'port: port and compose cannot be used together: the listeners and their security come from the file'
    )
    expect(await refusal({ compose: { file: FILE }, brokers: 2 })).toBe(
      `compose: brokers 2: the 3 broker services of ${FILE} (kafka-0, kafka-1 and kafka-2) are the brokers, one each`
    )
    expect(await refusal({ compose: { file: [] } })).toBe(
      'compose: compose must be { file, service?, profiles? } with file a path or a list of them'
    )
    expect(await refusal({ compose: { file: join(FILE, '..', 'nope.yml') } })).toBe(
      `compose: compose.file ${join(FILE, '..', 'nope.yml')} does not exist`
    )
  })
})
