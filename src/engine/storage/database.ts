// Opens the engine's SQLite database (WAL mode) and brings its schema up to date.
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { migrations } from './migrations'
import { applyConnectionSettings } from '../workers/worker-connection'

export type Db = Database.Database

export interface OpenOptions {
  /** A directory for the database files, or ':memory:' for a throwaway engine. */
  dataDir: string
  /** fsync on every commit (survives power loss) instead of only surviving a process crash. */
  fsync?: boolean
}

export const DB_FILE = 'logdeck.db'
const WAL_SIZE_LIMIT = 16 * 1024 * 1024

function isEmpty(db: Db): boolean {
  return db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get() === undefined
}

export function openDatabase({ dataDir, fsync = false }: OpenOptions): Db {
  let db: Db
  if (dataDir === ':memory:') {
    db = new Database(':memory:')
  } else {
    mkdirSync(dataDir, { recursive: true })
    db = new Database(join(dataDir, DB_FILE))
    // A new database hands the pages freed by deletes back to the disk (incremental vacuum after
    // large deletes); this can only be chosen before its first table.
    if (isEmpty(db)) db.pragma('auto_vacuum = INCREMENTAL')
    db.pragma('journal_mode = WAL')
    // The WAL file shrinks back to this size after a checkpoint instead of keeping its peak.
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`)
  }
  // WAL + synchronous=NORMAL keeps every committed transaction across a process crash;
  // FULL adds an fsync per commit for power loss.
  applyConnectionSettings(db, fsync ? 2 : 1)
  migrate(db)
  return db
}

function migrate(db: Db): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)'
  )
  const applied = new Set(
    db
      .prepare<[], { name: string }>('SELECT name FROM schema_migrations')
      .all()
      .map((r) => r.name)
  )
  const record = db.prepare<[string, number]>(
    'INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)'
  )
  for (const m of migrations) {
    if (applied.has(m.name)) continue
    db.transaction(() => {
      db.exec(m.sql)
      record.run(m.name, Date.now())
    })()
  }
}
