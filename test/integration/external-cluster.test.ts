// The console on a real Kafka cluster: a second `logdeck serve` process, reached only over the
// Kafka protocol, added as a connection; results compared with what kcat sees.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../support/serve-process'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { waitFor } from '../support/wait-for'

const run = promisify(execFile)

async function kcat(args: string[], input?: string): Promise<string> {
  if (input === undefined) return (await run('kcat', args, { timeout: 60_000 })).stdout
  return new Promise((resolve, reject) => {
    const child = execFile('kcat', args, { timeout: 60_000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout)
    )
    child.stdin!.end(input)
  })
}

describe('an external Kafka cluster as a connection', () => {
  let external: ServeProcess
  let console_: TestCluster
  let dataDir: string
  let id: string
  const call = (method: string, params: object) => console_.service.callByName(method, params)

  beforeAll(async () => {
    external = await startServe(['--in-memory', '--port', '0', '--no-ui', '--brokers', '3'])
    dataDir = mkdtempSync(join(tmpdir(), 'logdeck-console-'))
    console_ = await startTestCluster({ dataDir })
  })

  afterAll(async () => {
    await console_?.close()
    await external?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('adds a connection, keeps its password out of the listing and in a 0600 file', async () => {
    const added = (await call('connections.add', {
      name: 'Staging',
      bootstrapServers: external.bootstrap.split(','),
      security: {
        protocol: 'PLAINTEXT',
        sasl: { mechanism: 'PLAIN', username: 'ops', password: 's3cret-pw' }
      },
      historyIntervalMs: 1000
    })) as { id: string }
    id = added.id
    expect(id).toBe('staging')
    const { connections } = (await call('connections.list', {})) as {
      connections: { id: string; security: { sasl?: { passwordSet: boolean } } }[]
    }
    expect(connections.map((c) => c.id)).toEqual(['embedded', 'staging'])
    expect(connections[1].security.sasl?.passwordSet).toBe(true)
    expect(JSON.stringify(connections)).not.toContain('s3cret-pw')
    const file = join(dataDir, 'connection-secrets.json')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file, 'utf8')).toContain('s3cret-pw')
    // PLAINTEXT needs no password: drop SASL again for the rest of the tests.
    await call('connections.update', { id, security: { protocol: 'PLAINTEXT' } })
    const after = (await call('connections.list', {})) as {
      connections: { security: { sasl?: unknown } }[]
    }
    expect(after.connections[1].security.sasl).toBeUndefined()
    expect(readFileSync(file, 'utf8')).not.toContain('s3cret-pw')
  })

  it('tests the connection: brokers and controller as kcat lists them', async () => {
    const test = (await call('connections.test', { id })) as {
      reachable: boolean
      brokers: { id: number; host: string; port: number }[]
      apiVersions: { apis: number; maxVersions: Record<string, number> }
    }
    expect(test.reachable).toBe(true)
    const listing = await kcat(['-b', external.bootstrap, '-L'])
    for (const b of test.brokers) expect(listing).toContain(`broker ${b.id} at ${b.host}:${b.port}`)
    expect(test.brokers).toHaveLength(3)
    expect(test.apiVersions.maxVersions.Fetch).toBeGreaterThan(0)
  })

  it('creates a topic and reads records by offset as kcat reads them', async () => {
    await call('topics.create', {
      connection: id,
      name: 'orders',
      partitions: 3,
      replicationFactor: 2
    })
    const lines = Array.from({ length: 60 }, (_, i) => `k${i % 7}:order-${i}`).join('\n')
    await kcat(
      [
        '-b',
        external.bootstrap,
        '-P',
        '-t',
        'orders',
        '-p',
        '1',
        '-K',
        ':',
        '-X',
        'linger.ms=20',
        '-X',
        'batch.num.messages=16'
      ],
      lines + '\n'
    )
    const page = (await call('messages.read', {
      connection: id,
      topic: 'orders',
      partition: 1,
      from: { offset: 17 },
      limit: 10
    })) as { records: { offset: number; key: string; value: string }[] }
    const seen = await kcat([
      '-b',
      external.bootstrap,
      '-C',
      '-t',
      'orders',
      '-p',
      '1',
      '-o',
      '17',
      '-c',
      '10',
      '-e',
      '-f',
      '%o %k %s\\n'
    ])
    expect(page.records.map((r) => `${r.offset} ${r.key} ${r.value}`).join('\n')).toBe(seen.trim())
    const described = (await call('topics.describe', { connection: id, name: 'orders' })) as {
      partitions: { partition: number; highWatermark: number; replicas: number[] }[]
    }
    expect(described.partitions.map((p) => p.highWatermark)).toEqual([0, 60, 0])
    expect(described.partitions[0].replicas).toHaveLength(2)
    // The embedded cluster has no such topic: the call went to the connection.
    await expect(call('topics.describe', { name: 'orders' })).rejects.toMatchObject({
      code: 'NOT_FOUND'
    })
  })

  it("describes a kcat consumer group's lag and keeps its history", async () => {
    await kcat([
      '-b',
      external.bootstrap,
      '-G',
      'billing',
      '-X',
      'auto.offset.reset=earliest',
      '-X',
      'enable.auto.commit=true',
      '-c',
      '25',
      '-e',
      'orders'
    ])
    const committed = await kcat(['-b', external.bootstrap, '-L', '-t', 'orders'])
    expect(committed).toContain('orders')
    type Group = {
      offsets: { partition: number; committedOffset: number; lag: number }[]
      totalLag: number
    }
    let group: Group | null = null
    await waitFor('the group commit', async () => {
      group = (await call('groups.describe', { connection: id, groupId: 'billing' })) as Group
      return group.offsets.some((o) => o.partition === 1)
    })
    if (!group) throw new Error('no group')
    const g: Group = group
    const p1 = g.offsets.find((o) => o.partition === 1)!
    expect(p1.lag).toBe(60 - p1.committedOffset)
    expect(p1.committedOffset).toBe(25)
    let total: [number, number][] = []
    await waitFor('two polls of the group lag', async () => {
      const h = (await call('groups.lagHistory', { connection: id, groupId: 'billing' })) as {
        total: [number, number][]
      }
      total = h.total
      return total.length >= 2
    })
    expect(total.at(-1)?.[1]).toBe(g.totalLag)
  })

  it('answers for an unreachable cluster with an error naming the address', async () => {
    await expect(
      call('connections.test', { definition: { name: 'gone', bootstrapServers: ['127.0.0.1:1'] } })
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('127.0.0.1:1')
    })
  })
})
