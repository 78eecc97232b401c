// `logdeck serve` starts again on a disk that filled up while it was stopped (a 20 MiB tmpfs
// with nothing left but the deletes' reserve it set aside): its databases open in the room the
// reserve gives back, the saved connections are listed and the cluster reports full. Without
// even that room the console's database is read into memory (connections-db-full.test.ts).
// Linux only, and only where a tmpfs can be mounted (root); skipped elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { startServe, type ServeProcess } from '../support/serve-process'
import { MiB } from '../support/full-disk'
import { mountTmpfs } from '../support/tmpfs'

const TOKEN = 'restart-token'
const disk = mountTmpfs('full-restart', 20)
const mounted = disk.mounted
const dataDir = join(disk.dir, 'data')

let server: ServeProcess | undefined

const serve = () =>
  startServe([
    '--data-dir',
    dataDir,
    '--port',
    '0',
    '--ui-port',
    '0',
    '--brokers',
    '1',
    '--token',
    TOKEN,
    '--storage-reserve-bytes',
    String(2 * MiB),
    '--no-schema-registry'
  ])

beforeAll(() => {
  if (mounted) mkdirSync(dataDir)
})

afterAll(async () => {
  try {
    await server?.stop()
  } finally {
    disk.unmount()
  }
})

async function api(method: string, params: unknown = {}) {
  const res = await fetch(`${server!.apiBase}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(params)
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe.skipIf(!mounted)('a restart on a full disk (20 MiB tmpfs)', () => {
  it('starts, lists the saved connections and reports the disk full', async () => {
    server = await serve()
    // No history polls: each would load the Kafka client and retry an address nobody listens
    // on, which on a loaded machine held the event loop (and the stop) for seconds.
    const added = await api('connections.add', {
      name: 'Staging',
      bootstrapServers: ['127.0.0.1:1'],
      historyIntervalMs: 0
    })
    expect(added.status).toBe(200)
    await server.stop()
    server = undefined

    disk.fill()
    server = await serve()
    const listed = await api('connections.list')
    expect(listed.status).toBe(200)
    const names = (listed.body.connections as { name: string }[]).map((c) => c.name)
    expect(names).toContain('Staging')
    const describe = await api('cluster.describe')
    expect((describe.body.storage as { state: string }).state).toBe('full')
  })
})
