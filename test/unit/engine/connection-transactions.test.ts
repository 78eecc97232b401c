// Transactions on the engine's connection: a nested one is a savepoint rolled back alone, and
// the connection waits for the write lock another connection holds (the cleaner worker
// committing, or restarting the WAL), also in a transaction that reads before it writes, instead
// of failing at once with "database is locked".
import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { DB_FILE, openDatabase, type Db } from '../../../src/engine/storage/database'

const dirs: string[] = []
const dbs: Db[] = []
afterEach(() => {
  for (const db of dbs.splice(0)) db.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** Another thread's connection holding the write lock for `ms`; resolves once it holds it. */
function holdWriteLock(file: string, ms: number): Promise<Worker> {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads')
    const Database = require(workerData.driver)
    const db = new Database(workerData.file)
    db.exec('BEGIN IMMEDIATE')
    parentPort.postMessage('locked')
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms)
    db.exec('COMMIT')
    db.close()
    `,
    { eval: true, workerData: { file, ms, driver: require.resolve('better-sqlite3') } }
  )
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve(worker))
    worker.once('error', reject)
  })
}

function open(): { db: Db; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'logdeck-txn-'))
  dirs.push(dir)
  const db = openDatabase({ dataDir: dir })
  dbs.push(db)
  return { db, dir }
}

describe("transactions on the engine's connection", () => {
  it('rolls a failed nested transaction back alone and commits the rest', () => {
    const { db } = open()
    const put = db.prepare('INSERT INTO cluster_meta VALUES (?, ?)')
    const keys = () =>
      db
        .prepare<[], { key: string }>(
          "SELECT key FROM cluster_meta WHERE key LIKE 't-%' ORDER BY key"
        )
        .all()
        .map((r) => r.key)
    db.transaction(() => {
      put.run('t-outer', '1')
      expect(() =>
        db.transaction(() => {
          put.run('t-inner', '1')
          throw new Error('refused')
        })()
      ).toThrow('refused')
      db.transaction(() => put.run('t-second', '1'))()
    })()
    expect(keys()).toEqual(['t-outer', 't-second'])
    expect(() =>
      db.transaction(() => {
        put.run('t-gone', '1')
        throw new Error('whole')
      })()
    ).toThrow('whole')
    expect(keys()).toEqual(['t-outer', 't-second'])
    expect(db.inTransaction).toBe(false)
    expect(() => db.transaction(async () => undefined)()).toThrow(/promise/)
    expect(db.inTransaction).toBe(false)
  })

  it("waits for another connection's write lock in a transaction that reads before it writes", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logdeck-lock-'))
    dirs.push(dir)
    const db = openDatabase({ dataDir: dir })
    dbs.push(db)
    db.prepare("INSERT INTO cluster_meta VALUES ('counter', '0')").run()
    const read = db.prepare<[], { value: string }>(
      "SELECT value FROM cluster_meta WHERE key = 'counter'"
    )
    const write = db.prepare("UPDATE cluster_meta SET value = ? WHERE key = 'counter'")
    const increment = db.transaction(() => write.run(String(Number(read.get()!.value) + 1)))
    const worker = await holdWriteLock(join(dir, DB_FILE), 300)
    increment()
    await new Promise((resolve) => worker.once('exit', resolve))
    expect(read.get()!.value).toBe('1')
  })
})
