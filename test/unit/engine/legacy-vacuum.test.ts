// A database created before Logdeck chose incremental vacuum (auto_vacuum NONE, as SQLite makes
// one by default) is converted once when opened: it keeps every row, gives its free pages back
// to the disk, and from then on hands back what deletes free.
import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DB_FILE, openDatabase, type Db } from '../../../src/engine/storage/database'
import { migrations } from '../../../src/engine/storage/migrations'
import { Engine } from '../../../src/engine/engine'

const dirs: string[] = []
const open: { close(): unknown }[] = []
afterEach(async () => {
  for (const o of open.splice(0)) await o.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A database made the old way: SQLite's defaults, the schema, rows, and a large delete. */
function legacyDatabase(): string {
  const dir = mkdtempSync(join(tmpdir(), 'logdeck-legacy-'))
  dirs.push(dir)
  const db = new Database(join(dir, DB_FILE))
  db.pragma('journal_mode = WAL')
  db.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)')
  for (const m of migrations) {
    db.exec(m.sql)
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(m.name, Date.now())
  }
  db.prepare("INSERT INTO cluster_meta VALUES ('cluster.id', 'legacy-cluster-id')").run()
  const insert = db.prepare('INSERT INTO cluster_meta VALUES (?, ?)')
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`junk-${i}`, 'x'.repeat(4000))
  })()
  db.prepare("DELETE FROM cluster_meta WHERE key LIKE 'junk-%'").run()
  db.pragma('wal_checkpoint(TRUNCATE)')
  expect(db.pragma('auto_vacuum', { simple: true })).toBe(0)
  expect(Number(db.pragma('freelist_count', { simple: true }))).toBeGreaterThan(1000)
  db.close()
  return dir
}

const fileSize = (dir: string) => statSync(join(dir, DB_FILE)).size

describe('a database made before incremental vacuum', () => {
  it('is converted on open, keeping its rows and giving its free pages back', () => {
    const dir = legacyDatabase()
    const before = fileSize(dir)
    const db: Db = openDatabase({ dataDir: dir })
    open.push(db)
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2)
    expect(Number(db.pragma('freelist_count', { simple: true }))).toBe(0)
    const row = db.prepare("SELECT value FROM cluster_meta WHERE key = 'cluster.id'").get()
    expect(row).toEqual({ value: 'legacy-cluster-id' })
    db.pragma('wal_checkpoint(TRUNCATE)')
    expect(fileSize(dir)).toBeLessThan(before / 4)
  })

  it('is converted once: a later open finds it incremental and does not vacuum it whole', () => {
    const dir = legacyDatabase()
    const first = openDatabase({ dataDir: dir })
    const insert = first.prepare('INSERT INTO cluster_meta VALUES (?, ?)')
    first.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run(`more-${i}`, 'y'.repeat(4000))
    })()
    first.prepare("DELETE FROM cluster_meta WHERE key LIKE 'more-%'").run()
    first.close()
    const db = openDatabase({ dataDir: dir })
    open.push(db)
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2)
    // The free pages wait for the storage monitor's incremental vacuum.
    expect(Number(db.pragma('freelist_count', { simple: true }))).toBeGreaterThan(400)
  })

  it('opens as the same cluster in the engine', async () => {
    const dir = legacyDatabase()
    const engine = Engine.open({ dataDir: dir, brokers: 1, port: 0 })
    open.push(engine)
    expect(engine.clusterId).toBe('legacy-cluster-id')
  })
})
