// The console's database on a disk with no room at all (a 1 MiB tmpfs filled up after it was
// written): it cannot be opened for writing (its write-ahead log needs room), so what the file
// holds is read into memory and the reason is told, instead of the start failing.
// Linux only, and only where a tmpfs can be mounted (root); skipped elsewhere.
import { afterAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openConsoleDb } from '../../src/engine/service/connections/database'

const mountDir = mkdtempSync(join(tmpdir(), 'logdeck-console-full-'))
const mounted =
  process.platform === 'linux' &&
  spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountDir]).status === 0

afterAll(() => {
  if (mounted) spawnSync('umount', [mountDir])
  rmSync(mountDir, { recursive: true, force: true })
})

/** Another file takes everything the disk has left. */
function fillDisk(): void {
  const fd = openSync(join(mountDir, 'ballast'), 'w')
  try {
    for (const chunk = Buffer.alloc(4096); ;) writeSync(fd, chunk)
  } catch (err) {
    expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC')
  } finally {
    closeSync(fd)
  }
}

const names = (db: ReturnType<typeof openConsoleDb>) =>
  db
    .prepare<[], { name: string }>('SELECT name FROM connections ORDER BY name')
    .all()
    .map((r) => r.name)

describe.skipIf(!mounted)('connections.db on a full disk (1 MiB tmpfs)', () => {
  it('is read into memory with its saved connections, and says why', () => {
    const written = openConsoleDb(mountDir)
    written
      .prepare(
        'INSERT INTO connections (id, name, bootstrap_servers, security, color, ' +
          "history_interval_ms, source, created_at) VALUES ('staging', 'Staging', " +
          `'["10.0.0.1:9092"]', '{"protocol":"PLAINTEXT"}', '#2080f0', 60000, 'app', 1)`
      )
      .run()
    written.close()

    fillDisk()
    const reasons: string[] = []
    const db = openConsoleDb(mountDir, (why) => reasons.push(why))
    expect(names(db)).toEqual(['Staging'])
    expect(reasons).toHaveLength(1)
    expect(reasons[0]).toMatch(/^connections\.db could not be opened for writing, the disk is full/)
    // Changes are taken, in memory.
    db.prepare("UPDATE connections SET name = 'Staging 2' WHERE id = 'staging'").run()
    expect(names(db)).toEqual(['Staging 2'])
    db.close()
  })
})
