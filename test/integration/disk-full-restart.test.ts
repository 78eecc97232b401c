// `logdeck serve` starts again on a disk that filled up while it was stopped (a 20 MiB tmpfs
// with nothing left but the deletes' reserve it set aside): its databases open in the room the
// reserve gives back, the saved connections are listed and the cluster reports full. Without
// even that room the console's database is read into memory (connections-db-full.test.ts).
// Linux only, and only where a tmpfs can be mounted (root); skipped elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServe, type ServeProcess } from '../support/serve-process'

const MiB = 1024 * 1024
const TOKEN = 'restart-token'
const mountDir = mkdtempSync(join(tmpdir(), 'logdeck-full-restart-'))
const mounted =
  process.platform === 'linux' &&
  spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=20m', 'tmpfs', mountDir]).status === 0
const dataDir = join(mountDir, 'data')

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
  await server?.stop()
  if (mounted) spawnSync('umount', [mountDir])
  rmSync(mountDir, { recursive: true, force: true })
})

async function api(method: string, params: unknown = {}) {
  const res = await fetch(`${server!.apiBase}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(params)
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

/** Another file takes everything the disk has left. */
function fillDisk(): void {
  const fd = openSync(join(mountDir, 'ballast'), 'w')
  try {
    for (const chunk = Buffer.alloc(64 * 1024); ;) writeSync(fd, chunk)
  } catch (err) {
    expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC')
  } finally {
    closeSync(fd)
  }
}

describe.skipIf(!mounted)('a restart on a full disk (20 MiB tmpfs)', () => {
  it('starts, lists the saved connections and reports the disk full', async () => {
    server = await serve()
    const added = await api('connections.add', {
      name: 'Staging',
      bootstrapServers: ['127.0.0.1:1']
    })
    expect(added.status).toBe(200)
    await server.stop()
    server = undefined

    fillDisk()
    server = await serve()
    const listed = await api('connections.list')
    expect(listed.status).toBe(200)
    const names = (listed.body.connections as { name: string }[]).map((c) => c.name)
    expect(names).toContain('Staging')
    const describe = await api('cluster.describe')
    expect((describe.body.storage as { state: string }).state).toBe('full')
  })
})
