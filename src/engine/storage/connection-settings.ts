// The settings every connection to the engine's WAL database shares, and the connections worker
// threads open with them: readers never block the main connection's appends, and short write
// transactions wait for each other (busy_timeout) instead of failing.
import Database from 'better-sqlite3'
import { limitPageCache, PAGE_CACHE_KIB } from './page-cache'

type Db = Database.Database

/** How long a connection waits for another one's write lock before SQLITE_BUSY (ms). */
export const BUSY_TIMEOUT_MS = 5000

/**
 * The settings every connection shares: the wait for a lock, foreign keys, and durability
 * (synchronous 1 = NORMAL: a process crash loses nothing; 2 = FULL: an fsync per commit).
 */
export function applyConnectionSettings(db: Db, synchronous: number): void {
  db.pragma(`synchronous = ${synchronous === 2 ? 'FULL' : 'NORMAL'}`)
  db.pragma('foreign_keys = ON')
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
}

/** A read-only connection to an existing database file. */
export function openReadConnection(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  limitPageCache(db, PAGE_CACHE_KIB.worker)
  return db
}

/** A writing connection with the main connection's durability (see applyConnectionSettings). */
export function openWriteConnection(file: string, synchronous: number): Db {
  const db = new Database(file)
  applyConnectionSettings(db, synchronous)
  limitPageCache(db, PAGE_CACHE_KIB.worker)
  return db
}
