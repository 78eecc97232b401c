// Cluster administration on a full disk (a 20 MiB tmpfs): a broker stop or start happens whole
// (in memory and in the database alike) or, with no room at all, not at all; a new topic is
// refused with KAFKA_STORAGE_ERROR / STORAGE_FULL without leaving half a topic behind.
// Linux only, and only where a tmpfs can be mounted (root); skipped elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { Kafka, logLevel } from 'kafkajs'
import { DB_FILE } from '../../src/engine/storage/database'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { encodeBatch } from '../../src/engine/records'
import { ErrorCode } from '../../src/shared/kafka/error-codes'
import { ApiError } from '../../src/shared/errors'
import { engineInternals } from '../support/engine-internals'
import { MiB } from '../support/full-disk'
import { mountTmpfs } from '../support/tmpfs'

const disk = mountTmpfs('full-admin', 20)
const mounted = disk.mounted
const dataDir = join(disk.dir, 'data')

let cluster: TestCluster
let reader: Database.Database | undefined

beforeAll(async () => {
  if (!mounted) return
  mkdirSync(dataDir)
  cluster = await startTestCluster({ dataDir, brokers: 3, storage: { reserveBytes: 4 * MiB } })
  await cluster.service.call('topics.create', { name: 'fill', partitions: 3, replicationFactor: 3 })
  // A reader in the middle of a long read (a search, say) keeps the write-ahead log from starting
  // over, so every write needs new space at its end.
  reader = new Database(join(dataDir, DB_FILE), { readonly: true })
  reader.exec('BEGIN')
  reader.prepare('SELECT count(*) FROM topics').get()
  const topic = cluster.engine.requireTopic('fill')
  // Incompressible batches until the broker refuses them for want of space.
  for (let i = 0; ; i++) {
    const batch = encodeBatch(
      Array.from({ length: 16 }, () => ({ value: randomBytes(16 * 1024) })),
      { now: Date.now() }
    )
    const outcome = cluster.engine.appendAsLeader(topic, i % 3, batch, -1)
    if (outcome.errorCode === ErrorCode.KAFKA_STORAGE_ERROR) break
    expect(outcome.errorCode).toBe(ErrorCode.NONE)
    expect(i).toBeLessThan(1000)
  }
  fillDisk()
})

/** Takes what is left of the disk, with a file of its own and rows in the database. */
function fillDisk() {
  // Another file takes what the disk has left.
  disk.fill(`ballast-${ballasts++}`)
  // A write that failed left its pages at the end of the write-ahead log, for the next one to
  // reuse; rows of shrinking size take that room too.
  const insert = engineInternals(cluster.engine).db.prepare(
    'INSERT INTO cluster_meta (key, value) VALUES (?, ?)'
  )
  for (const size of [64 * 1024, 4096, 512, 16])
    try {
      for (;;) insert.run(`filler-${fillers++}`, 'x'.repeat(size))
    } catch (err) {
      expect((err as { code?: string }).code).toBe('SQLITE_FULL')
    }
}
let ballasts = 0
let fillers = 0

afterAll(async () => {
  try {
    reader?.close()
    await cluster?.close()
  } finally {
    disk.unmount()
  }
})

const describeCluster = () => cluster.service.call('cluster.describe', {})

/** Broker statuses and partition leaders, as cluster.describe and topics.describe show them. */
async function state() {
  const info = await describeCluster()
  const topic = await cluster.service.call('topics.describe', { name: 'fill' })
  return {
    brokers: info.brokers.map((b) => `${b.id}:${b.status}`),
    leaders: topic.partitions.map((p) => p.leader)
  }
}

/** The same, as the database holds it (what a restart would load). */
function stored() {
  const db = engineInternals(cluster.engine).db
  const stopped = new Set(
    db
      .prepare<[], { broker_id: number }>('SELECT broker_id FROM brokers WHERE stopped = 1')
      .all()
      .map((r) => r.broker_id)
  )
  const leaders = db
    .prepare<[], { leader: number }>(
      'SELECT leader FROM partitions JOIN topics USING (topic_id) ' +
        "WHERE name = 'fill' ORDER BY partition"
    )
    .all()
  return {
    brokers: [0, 1, 2].map((id) => `${id}:${stopped.has(id) ? 'stopped' : 'online'}`),
    leaders: leaders.map((r) => r.leader)
  }
}

/** Runs a contract call; the ApiError it failed with, or null. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: unknown) => err
  )

describe.skipIf(!mounted)('administration on a full disk (20 MiB tmpfs)', () => {
  it('stops and starts a broker whole: memory and database agree', async () => {
    expect((await describeCluster()).storage?.state).toBe('full')
    const before = await state()
    expect(before.brokers).toEqual(['0:online', '1:online', '2:online'])

    expect(await outcome(cluster.service.call('brokers.stop', { brokerId: 1 }))).toBeNull()
    const stopped = await state()
    expect(stopped.brokers).toEqual(['0:online', '1:stopped', '2:online'])
    expect(stopped.leaders).not.toContain(1)
    expect(stored()).toEqual(stopped)

    expect(await outcome(cluster.service.call('brokers.start', { brokerId: 1 }))).toBeNull()
    const started = await state()
    expect(started.brokers).toEqual(['0:online', '1:online', '2:online'])
    expect(stored()).toEqual(started)
    // Producers are still refused: the room taken was the deletes' reserve, not the producers'.
    expect((await describeCluster()).storage?.state).toBe('full')
  })

  it('refuses a broker stop, changing nothing, when not even the reserve leaves room', async () => {
    fillDisk()
    const before = await state()
    const err = await outcome(cluster.service.call('brokers.stop', { brokerId: 2 }))
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'STORAGE_FULL', field: 'brokerId' })
    expect((err as ApiError).message).toMatch(/Broker 2 was not stopped: the disk is full/)
    expect(await state()).toEqual(before)
    expect(stored()).toEqual(before)
  })

  it('refuses a new topic with STORAGE_FULL and creates nothing', async () => {
    expect((await describeCluster()).storage?.state).toBe('full')

    const err = await outcome(
      cluster.service.call('topics.create', { name: 'late', partitions: 3, replicationFactor: 3 })
    )
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'STORAGE_FULL', status: 507 })
    expect((err as ApiError).message).toMatch(/late.*disk is full/)

    const kafka = new Kafka({
      clientId: 'disk-full-admin',
      brokers: cluster.bootstrap.split(','),
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 }
    })
    const admin = kafka.admin()
    await admin.connect()
    try {
      const kafkaErr = (await outcome(
        admin.createTopics({ topics: [{ topic: 'late-kafka', numPartitions: 2 }] })
      )) as { errors?: { type: string; topic: string }[] } | null
      expect(kafkaErr?.errors?.map((e) => [e.topic, e.type])).toEqual([
        ['late-kafka', 'KAFKA_STORAGE_ERROR']
      ])
    } finally {
      await admin.disconnect()
    }

    const names = () =>
      cluster.engine
        .listTopics()
        .filter((t) => !t.internal)
        .map((t) => t.name)
    expect(names()).toEqual(['fill'])
    const rows = engineInternals(cluster.engine)
      .db.prepare<[], { name: string }>('SELECT name FROM topics WHERE internal = 0')
      .all()
    expect(rows.map((r) => r.name)).toEqual(['fill'])
  })
})
