// The console's database on a disk with no room at all (a 1 MiB tmpfs filled up after it was
// written): it cannot be opened for writing (its write-ahead log needs room), so what the file
// holds is read into memory and the reason is told, instead of the start failing.
// Linux only, and only where a tmpfs can be mounted (root); skipped elsewhere.
import { afterAll, describe, expect, it } from 'vitest'
import { openConsoleDb } from '../../src/engine/service/connections/database'
import { mountTmpfs } from '../support/tmpfs'

const disk = mountTmpfs('console-full', 1)
const mounted = disk.mounted
const mountDir = disk.dir

afterAll(() => disk.unmount())

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

    disk.fill()
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
