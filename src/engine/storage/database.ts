// Opens the engine's SQLite database (WAL mode) and brings its schema up to date.
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { migrations } from './migrations'
import { applyConnectionSettings, BUSY_TIMEOUT_MS } from './connection-settings'
import { isDiskFull } from './disk-full'
import { limitPageCache, PAGE_CACHE_KIB } from './page-cache'

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
    convertToIncrementalVacuum(db)
    // The WAL file shrinks back to this size after a checkpoint instead of keeping its peak.
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`)
    limitPageCache(db, PAGE_CACHE_KIB.log)
    // A transaction's changed pages stay in memory until it commits, beyond that limit if need
    // be, instead of going early to the write-ahead log: a delete on a full disk must not need
    // room for more than its commit (the reserve gives it that much).
    db.pragma('cache_spill = OFF')
  }
  // WAL + synchronous=NORMAL keeps every committed transaction across a process crash;
  // FULL adds an fsync per commit for power loss.
  applyConnectionSettings(db, fsync ? 2 : 1)
  runTransactions(db)
  migrate(db)
  return db
}

/**
 * The engine's connection runs its transactions itself (db.transaction keeps its signature):
 *
 * - Every transaction begins IMMEDIATE: it takes the write lock first, waiting for it under
 *   busy_timeout. A DEFERRED one that has read before its first write cannot wait for the lock
 *   while another connection holds it: SQLite answers SQLITE_BUSY at once rather than risk a
 *   deadlock. While the cleaner worker restarts the WAL, even BEGIN IMMEDIATE can be answered
 *   SQLITE_BUSY at once; the BEGIN is then tried again, for up to busy_timeout. (Before, a
 *   Produce request failed with "database is locked" and its connection was closed.)
 * - A nested transaction is a savepoint, rolled back alone when its function throws.
 * - Its statements are prepared once: better-sqlite3's own db.transaction() builds five wrappers
 *   per call (about 4 us), and the write paths call it once per append.
 */
/** What runs once the outermost transaction under way ends, by how it ends. */
interface TransactionOutcome {
  committed: (() => void)[]
  rolledBack: (() => void)[]
}
const outcomes = new WeakMap<Db, TransactionOutcome>()

/**
 * Runs `committed` once the outermost transaction under way on `db` commits, or `rolledBack`
 * once it rolls back; `committed` at once when no transaction is under way. For what a nested
 * transaction did in memory beside its writes (appends to a log kept in memory): whether they
 * stay is only known when the outermost one ends.
 */
export function afterTransaction(db: Db, committed: () => void, rolledBack: () => void): void {
  const outcome = db.inTransaction ? outcomes.get(db) : undefined
  if (outcome) {
    outcome.committed.push(committed)
    outcome.rolledBack.push(rolledBack)
  } else if (db.inTransaction) queueMicrotask(committed)
  else committed()
}

function runTransactions(db: Db): void {
  const begin = db.prepare('BEGIN IMMEDIATE')
  const commit = db.prepare('COMMIT')
  const rollback = db.prepare('ROLLBACK')
  const savepoint = db.prepare('SAVEPOINT logdeck')
  const release = db.prepare('RELEASE logdeck')
  const rollbackTo = db.prepare('ROLLBACK TO logdeck')
  const pause = new Int32Array(new SharedArrayBuffer(4))

  function beginWaiting(): void {
    const deadline = Date.now() + BUSY_TIMEOUT_MS
    for (;;) {
      try {
        begin.run()
        return
      } catch (err) {
        if (!isBusy(err) || Date.now() >= deadline) throw err
        Atomics.wait(pause, 0, 0, BEGIN_RETRY_MS)
      }
    }
  }

  function run(fn: (...args: unknown[]) => unknown, self: unknown, args: unknown[]): unknown {
    const nested = db.inTransaction
    if (nested) savepoint.run()
    else beginWaiting()
    const outcome: TransactionOutcome | undefined = nested
      ? undefined
      : { committed: [], rolledBack: [] }
    if (outcome) outcomes.set(db, outcome)
    try {
      const result = fn.apply(self, args)
      if (result instanceof Promise)
        throw new TypeError('Transaction function cannot return a promise')
      if (nested) release.run()
      else commit.run()
      if (outcome) {
        outcomes.delete(db)
        for (const f of outcome.committed) f()
      }
      return result
    } catch (err) {
      // A failed statement may have ended the transaction already (SQLITE_FULL, for one).
      if (db.inTransaction) {
        if (nested) {
          rollbackTo.run()
          release.run()
        } else rollback.run()
      }
      if (outcome) {
        outcomes.delete(db)
        for (const f of outcome.rolledBack) f()
      }
      throw err
    }
  }

  db.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const t = function (this: unknown, ...args: unknown[]) {
      return run(fn, this, args)
    }
    return Object.assign(t, { default: t, deferred: t, immediate: t, exclusive: t, database: db })
  }) as unknown as Db['transaction']
}

/** Pause between two tries of a BEGIN answered SQLITE_BUSY (ms). */
const BEGIN_RETRY_MS = 2

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY')
}

/** auto_vacuum's value for INCREMENTAL. */
const AUTO_VACUUM_INCREMENTAL = 2

/**
 * A database created before Logdeck chose incremental vacuum (SQLite's default, NONE) never
 * hands freed pages back to the disk. It is converted once, as SQLite allows it: the setting
 * takes effect with a full VACUUM, which rewrites the file (and needs room for a copy of it).
 * Without that room it stays as it is, and the next open tries again.
 */
function convertToIncrementalVacuum(db: Db): void {
  if (db.pragma('auto_vacuum', { simple: true }) === AUTO_VACUUM_INCREMENTAL) return
  try {
    db.pragma('auto_vacuum = INCREMENTAL')
    db.exec('VACUUM')
  } catch (err) {
    if (!isDiskFull(err)) throw err
  }
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
