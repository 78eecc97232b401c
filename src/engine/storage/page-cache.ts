// How much of its database each SQLite connection keeps in memory. better-sqlite3 builds SQLite
// with a page cache of up to 16 MB per connection (SQLITE_DEFAULT_CACHE_SIZE=-16000), and each
// connection fills its own as it touches pages: the log's, the cleaner's, a search's, the
// registry's and the console's would hold up to 16 MB each, memory the allocator keeps once it
// had it. Every connection Logdeck opens to a file says how much it may keep instead.
import type Database from 'better-sqlite3'

/** KiB of page cache per connection, by what the connection is for. */
export const PAGE_CACHE_KIB = {
  /** The engine's main connection: every append, and the reads of the log's newest pages. */
  log: 8 * 1024,
  /** A worker's connection (the log cleaner, a search): it reads most pages once. */
  worker: 2 * 1024,
  /** The schema registry's and the console's databases, a few pages each. */
  small: 512
} as const

export function limitPageCache(db: Database.Database, kib: number): void {
  db.pragma(`cache_size = -${kib}`)
}
