// The console on a real Kafka cluster: a second `logdeck serve` process, reached only over the
// Kafka protocol, added as a connection; results compared with what kcat sees.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs'
import { createServer, type AddressInfo, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import fc from 'fast-check'
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

  it('reads any range of a partition: forward, backward, from the end, all partitions merged', async () => {
    await call('topics.create', {
      connection: id,
      name: 'ranges',
      partitions: 2,
      replicationFactor: 1
    })
    // Batches of 13 from a batching producer, so that ranges start and end inside batches.
    const lines = Array.from({ length: 300 }, (_, i) => `r${i}`).join('\n')
    await kcat(
      [
        '-b',
        external.bootstrap,
        '-P',
        '-t',
        'ranges',
        '-p',
        '0',
        '-X',
        'linger.ms=50',
        '-X',
        'batch.num.messages=13'
      ],
      lines + '\n'
    )
    await kcat(['-b', external.bootstrap, '-P', '-t', 'ranges', '-p', '1'], 'x0\nx1\nx2\n')
    type Page = { records: { partition: number; offset: number; value: string }[] }
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 320 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom('forward', 'backward', 'latest'),
        async (offset, limit, mode) => {
          const params =
            mode === 'latest'
              ? { from: { latest: limit }, limit }
              : { from: { offset }, limit, direction: mode }
          const page = (await call('messages.read', {
            connection: id,
            topic: 'ranges',
            partition: 0,
            ...params
          })) as Page
          const start = Math.min(offset, 300)
          const [a, b] =
            mode === 'forward'
              ? [start, Math.min(300, start + limit)]
              : mode === 'backward'
                ? [Math.max(0, start - limit), start]
                : [300 - limit, 300]
          expect(page.records.map((r) => r.offset)).toEqual(
            Array.from({ length: b - a }, (_, i) => a + i)
          )
          expect(page.records.map((r) => r.value)).toEqual(
            Array.from({ length: b - a }, (_, i) => `r${a + i}`)
          )
        }
      ),
      { numRuns: 25 }
    )
    const merged = (await call('messages.read', {
      connection: id,
      topic: 'ranges',
      from: 'earliest',
      limit: 1000
    })) as Page
    expect(merged.records).toHaveLength(303)
    expect(merged.records.filter((r) => r.partition === 1).map((r) => r.value)).toEqual([
      'x0',
      'x1',
      'x2'
    ])
  })

  it('resets a group without members and says no while it has them', async () => {
    const plan = (await call('groups.resetOffsets', {
      connection: id,
      groupId: 'billing',
      topic: 'orders',
      partitions: [1],
      to: { offset: 5 }
    })) as {
      offsets: { partition: number; previousOffset: number; newOffset: number; lag: number }[]
    }
    expect(plan.offsets).toEqual([
      { topic: 'orders', partition: 1, previousOffset: 25, newOffset: 5, lag: 55 }
    ])
    const g = (await call('groups.describe', { connection: id, groupId: 'billing' })) as {
      offsets: { partition: number; committedOffset: number }[]
    }
    expect(g.offsets.find((o) => o.partition === 1)?.committedOffset).toBe(5)
  })

  it('alters configs and grows partitions on the cluster', async () => {
    const altered = (await call('topics.alterConfigs', {
      connection: id,
      name: 'orders',
      set: { 'retention.ms': '3600000' }
    })) as { configs: Record<string, string> }
    expect(altered.configs['retention.ms']).toBe('3600000')
    const grown = (await call('topics.createPartitions', {
      connection: id,
      name: 'orders',
      totalCount: 5
    })) as {
      partitions: unknown[]
    }
    expect(grown.partitions).toHaveLength(5)
    const listing = await kcat(['-b', external.bootstrap, '-L', '-t', 'orders'])
    expect(listing).toContain('with 5 partitions')
  })

  it('deletes several topics at once, reporting the one it could not', async () => {
    for (const name of ['bulk.a', 'bulk.b'])
      await call('topics.create', { connection: id, name, partitions: 1, replicationFactor: 1 })
    const r = (await call('topics.deleteMany', {
      connection: id,
      names: ['bulk.a', 'bulk.missing', 'bulk.b']
    })) as { topics: { name: string; deleted: boolean; error?: { code: string } }[] }
    expect(r.topics.map((t) => [t.name, t.deleted, t.error?.code])).toEqual([
      ['bulk.a', true, undefined],
      ['bulk.missing', false, 'NOT_FOUND'],
      ['bulk.b', true, undefined]
    ])
    await waitFor('bulk.a and bulk.b gone from the metadata kcat sees', async () => {
      const listing = await kcat(['-b', external.bootstrap, '-L'])
      return !listing.includes('"bulk.a"') && !listing.includes('"bulk.b"')
    })
  })

  it('searches the cluster, reporting progress as events tagged with the connection', async () => {
    const events: { operationId: string; done: boolean; connection: string }[] = []
    const created: { name: string; connection: string }[] = []
    const off = console_.service.subscribe((event, payload) => {
      if (event === 'operation.progress')
        events.push(payload as { operationId: string; done: boolean; connection: string })
      if (event === 'topics.changed') created.push(payload as { name: string; connection: string })
    })
    // Meanwhile a topic appears on the embedded cluster: its event names that cluster.
    await call('topics.create', { name: 'local-only', partitions: 1, replicationFactor: 1 })
    const { operationId } = (await call('messages.search', {
      connection: id,
      topic: 'ranges',
      partitions: [0],
      from: 'earliest',
      filters: [{ field: 'value', op: 'regex', value: '^r1[0-9]$' }],
      limit: 100
    })) as { operationId: string }
    await waitFor('the search to finish', () =>
      events.some((e) => e.operationId === operationId && e.done)
    )
    off()
    const mine = events.filter((e) => e.operationId === operationId)
    expect(mine.length).toBeGreaterThan(0)
    expect(new Set(mine.map((e) => e.connection))).toEqual(new Set([id]))
    expect(created.find((c) => c.name === 'local-only')?.connection).toBe('embedded')
    const results = (await call('messages.searchResults', { connection: id, operationId })) as {
      records: { value: string }[]
      scanned: number
    }
    expect(results.records.map((r) => r.value)).toEqual(
      Array.from({ length: 10 }, (_, i) => `r1${i}`)
    )
    expect(results.scanned).toBe(300)
  })

  it('refuses what only the embedded cluster does, saying so', async () => {
    await expect(call('brokers.stop', { connection: id, brokerId: 0 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('only possible on the embedded cluster')
    })
  })

  it('answers for an unreachable cluster with an error naming the address', async () => {
    await expect(
      call('connections.test', { definition: { name: 'gone', bootstrapServers: ['127.0.0.1:1'] } })
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('127.0.0.1:1')
    })
  })

  it('answers for a cluster that accepts connections and never answers, naming the address', async () => {
    // A listener that takes the TCP connection and stays silent: no refusal to fail fast on,
    // so only the console's own bound ends the test (the call's 9 s).
    const held: Socket[] = []
    const silent = createServer((socket) => void held.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const address = `127.0.0.1:${(silent.address() as AddressInfo).port}`
    try {
      await expect(
        call('connections.test', { definition: { name: 'silent', bootstrapServers: [address] } })
      ).rejects.toMatchObject({
        code: 'UNAVAILABLE',
        message: expect.stringContaining(address)
      })
      expect(held.length).toBeGreaterThan(0)
    } finally {
      for (const s of held) s.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  }, 30_000)
})
