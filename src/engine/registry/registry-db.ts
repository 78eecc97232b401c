// The registry's own SQLite file beside the engine's: schemas by id, subjects' versions, and
// compatibility and mode settings. AUTOINCREMENT keeps ids from ever being reused.
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { limitPageCache, PAGE_CACHE_KIB } from '../storage/page-cache'

export type RegistryDb = Database.Database

export const REGISTRY_DB_FILE = 'schema-registry.db'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS registry_schemas (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  schema_type TEXT NOT NULL,
  schema      TEXT NOT NULL,
  -- the schema's canonical form and references: identical schemas share one id
  identity    TEXT NOT NULL UNIQUE,
  refs        TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS registry_versions (
  subject   TEXT NOT NULL,
  version   INTEGER NOT NULL,
  schema_id INTEGER NOT NULL REFERENCES registry_schemas (id),
  deleted   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (subject, version)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS registry_versions_by_schema ON registry_versions (schema_id);
-- subject '' is the global setting
CREATE TABLE IF NOT EXISTS registry_config (
  subject       TEXT PRIMARY KEY,
  compatibility TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS registry_mode (
  subject TEXT PRIMARY KEY,
  mode    TEXT NOT NULL
) WITHOUT ROWID;
`

/** Opens (creating when needed) the registry's database in `dataDir`, or in memory. */
export function openRegistryDb(dataDir: string, fsync = false): RegistryDb {
  let db: RegistryDb
  if (dataDir === ':memory:') {
    db = new Database(':memory:')
  } else {
    mkdirSync(dataDir, { recursive: true })
    db = new Database(join(dataDir, REGISTRY_DB_FILE))
    db.pragma('journal_mode = WAL')
    limitPageCache(db, PAGE_CACHE_KIB.small)
  }
  db.pragma(`synchronous = ${fsync ? 'FULL' : 'NORMAL'}`)
  db.exec(SCHEMA)
  return db
}
