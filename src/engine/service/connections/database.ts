// The console's own SQLite database beside the engine's: saved connections (without secrets),
// the offset history collected from real clusters and the throttles of moves it started there.
import Database from 'better-sqlite3'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isDiskFull } from '../../storage/disk-full'
import { limitPageCache, PAGE_CACHE_KIB } from '../../storage/page-cache'

export type ConsoleDb = Database.Database

export const CONSOLE_DB_FILE = 'connections.db'

const migrations: { name: string; sql: string }[] = [
  {
    name: '001-connections',
    sql: `
      CREATE TABLE connections (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        bootstrap_servers TEXT NOT NULL,
        security TEXT NOT NULL,
        color TEXT NOT NULL,
        history_interval_ms INTEGER NOT NULL,
        source TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      -- End offsets (log start and high watermark) of each partition, per poll.
      CREATE TABLE partition_offsets (
        connection_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        partition INTEGER NOT NULL,
        sampled_at INTEGER NOT NULL,
        log_start_offset INTEGER NOT NULL,
        high_watermark INTEGER NOT NULL,
        PRIMARY KEY (connection_id, topic, partition, sampled_at)
      ) WITHOUT ROWID;
      CREATE INDEX partition_offsets_time ON partition_offsets (connection_id, sampled_at);
      -- Committed offset and lag of each group partition, per poll.
      CREATE TABLE group_lag (
        connection_id TEXT NOT NULL,
        group_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        partition INTEGER NOT NULL,
        sampled_at INTEGER NOT NULL,
        committed_offset INTEGER NOT NULL,
        lag INTEGER NOT NULL,
        PRIMARY KEY (connection_id, group_id, sampled_at, topic, partition)
      ) WITHOUT ROWID;
      CREATE INDEX group_lag_time ON group_lag (connection_id, sampled_at);
    `
  },
  {
    name: '002-partition-sizes',
    sql: `
      -- Bytes of the partition's leader copy (DescribeLogDirs), NULL where the cluster did not say.
      ALTER TABLE partition_offsets ADD COLUMN size_bytes INTEGER;
    `
  },
  {
    name: '003-connection-schema-registry',
    sql: `
      -- The connection's schema registry as JSON {url, username?}; its password is a secret.
      ALTER TABLE connections ADD COLUMN schema_registry TEXT;
    `
  },
  {
    name: '004-move-throttles',
    sql: `
      -- The replication throttles the console set for the partition moves it started, as JSON,
      -- until it has seen those moves end and taken the throttles off again.
      CREATE TABLE move_throttles (
        connection_id TEXT PRIMARY KEY,
        moves TEXT NOT NULL
      );
    `
  }
]

/**
 * Opens (and migrates) the console database in a data folder, or in memory for ':memory:'. When
 * the disk has no room to open it for writing (its write-ahead log needs some), what the file
 * holds is read into memory instead, and `degraded` is told why: the saved connections are
 * there, changes to them last until the process ends.
 */
export function openConsoleDb(dataDir: string, degraded?: (why: string) => void): ConsoleDb {
  let db: ConsoleDb
  if (dataDir === ':memory:') db = new Database(':memory:')
  else {
    mkdirSync(dataDir, { recursive: true })
    const file = join(dataDir, CONSOLE_DB_FILE)
    let opened: ConsoleDb | undefined
    try {
      opened = new Database(file)
      opened.pragma('journal_mode = WAL')
      limitPageCache(opened, PAGE_CACHE_KIB.small)
      db = opened
    } catch (err) {
      opened?.close()
      if (!noRoom(err)) throw err
      db = copyInMemory(file)
      degraded?.(
        `${CONSOLE_DB_FILE} could not be opened for writing, the disk is full (${(err as Error).message}): ` +
          'saved connections are read from it, but changes to them are not kept until Logdeck restarts with free space'
      )
    }
  }
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER)'
  )
  const applied = new Set(
    db
      .prepare<[], { name: string }>('SELECT name FROM schema_migrations')
      .all()
      .map((r) => r.name)
  )
  for (const m of migrations) {
    if (applied.has(m.name)) continue
    db.transaction(() => {
      db.exec(m.sql)
      db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(
        m.name,
        Date.now()
      )
    })()
  }
  return db
}

/** A failure for want of disk space: SQLite's full disk, or the I/O error of a WAL it cannot grow. */
function noRoom(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return isDiskFull(err) || (typeof code === 'string' && code.startsWith('SQLITE_IOERR'))
}

/** The database file's contents as an in-memory database (empty when there is no file). */
function copyInMemory(file: string): ConsoleDb {
  if (!existsSync(file)) return new Database(':memory:')
  const image = readFileSync(file)
  // Bytes 18 and 19 say WAL (2); an in-memory database takes the rollback journal's 1.
  if (image.length >= 20) image.fill(1, 18, 20)
  return new Database(image)
}
