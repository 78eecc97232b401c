// Every SQLite connection Logdeck opens to a file bounds its page cache: better-sqlite3's build
// lets each one keep up to 16 MB, which a long-running broker (the log's connection, the
// cleaner's, each search's, the registry's and the console's) would fill and the allocator keep.
import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { DB_FILE, openDatabase } from '../../../src/engine/storage/database'
import { PAGE_CACHE_KIB } from '../../../src/engine/storage/page-cache'
import {
  openReadConnection,
  openWriteConnection
} from '../../../src/engine/storage/connection-settings'
import { openRegistryDb } from '../../../src/engine/registry/registry-db'
import { openConsoleDb } from '../../../src/engine/service/connections/database'
import { Engine } from '../../../src/engine/engine'
import { engineInternals } from '../../support/engine-internals'

const dirs: string[] = []
const open: { close(): unknown }[] = []
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'logdeck-page-cache-'))
  dirs.push(dir)
  return dir
}

/** The connection's page cache limit in KiB (SQLite keeps a negative cache_size as -KiB). */
function cacheKiB(db: Database.Database): number {
  open.push(db)
  const size = Number(db.pragma('cache_size', { simple: true }))
  expect(size).toBeLessThan(0)
  return -size
}

describe('page cache per connection', () => {
  it('is bounded on the engine connection, the workers and the small databases', () => {
    const dir = dataDir()
    const engineDb = openDatabase({ dataDir: dir })
    expect(cacheKiB(engineDb)).toBe(PAGE_CACHE_KIB.log)
    // Past the limit, a transaction keeps its changes in memory rather than needing disk room
    // before its commit (a delete on a full disk).
    expect(engineDb.pragma('cache_spill', { simple: true })).toBe(0)
    const file = join(dir, DB_FILE)
    expect(cacheKiB(openWriteConnection(file, 1))).toBe(PAGE_CACHE_KIB.worker)
    expect(cacheKiB(openReadConnection(file))).toBe(PAGE_CACHE_KIB.worker)
    expect(cacheKiB(openRegistryDb(dir))).toBe(PAGE_CACHE_KIB.small)
    expect(cacheKiB(openConsoleDb(dir))).toBe(PAGE_CACHE_KIB.small)
    // Far below the 16 MB (16,000 KiB) each would otherwise keep.
    const total = PAGE_CACHE_KIB.log + 2 * PAGE_CACHE_KIB.worker + 2 * PAGE_CACHE_KIB.small
    expect(total).toBeLessThan(16_000)
  })

  it('is the engine connection limit in an engine on a data directory', async () => {
    const engine = Engine.open({ dataDir: dataDir(), brokers: 1 })
    open.push(engine)
    const db = engineInternals(engine).db
    expect(-Number(db.pragma('cache_size', { simple: true }))).toBe(PAGE_CACHE_KIB.log)
  })
})
