// The transaction.version a cluster runs at: a new cluster finalizes 2 as Kafka 4.0 does, a
// cluster made before Logdeck served level 2 keeps the level it ran at (0) when it is opened by
// this version, as an upgraded Kafka keeps its finalized levels, and a level set is kept.
import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DB_FILE } from '../../../src/engine/storage/database'
import { migrations } from '../../../src/engine/storage/migrations'
import { Engine } from '../../../src/engine/engine'

const dirs: string[] = []
const engines: Engine[] = []
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'logdeck-tv-'))
  dirs.push(dir)
  return dir
}

function open(dir: string): Engine {
  const engine = Engine.open({ dataDir: dir, brokers: 1, port: 0 })
  engines.push(engine)
  return engine
}

const level = (e: Engine) => e.finalizedFeatures().levels['transaction.version']

describe('transaction.version', () => {
  it('is 2 on a new cluster, and a level set is kept across a restart', async () => {
    const dir = dataDir()
    const engine = open(dir)
    expect(level(engine)).toBe(2)
    engine.updateFeatures([{ feature: 'transaction.version', level: 1, upgradeType: 2 }])
    await engines.pop()!.close()
    expect(level(open(dir))).toBe(1)
  })

  it('stays 0 on a cluster made before level 2 was served', () => {
    const dir = dataDir()
    // The database as the previous version left it: every earlier migration, a cluster id.
    const db = new Database(join(dir, DB_FILE))
    db.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)')
    for (const m of migrations.filter((m) => m.name < '019')) {
      db.exec(m.sql)
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(m.name, Date.now())
    }
    db.prepare('INSERT INTO cluster_meta (key, value) VALUES (?, ?)').run('cluster.id', 'old')
    db.close()
    expect(level(open(dir))).toBe(0)
  })
})
