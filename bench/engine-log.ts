// Partition log benchmark: append and read throughput, random page latency, retention and
// open time. Run: node --import tsx bench/engine-log.ts [--records N] [--keep]
// Writes bench/results/engine-log.json and prints a table.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LogCleaner } from '../src/engine/log/cleaner'
import { LogManager } from '../src/engine/log/log-manager'
import type { PartitionLog } from '../src/engine/log/partition-log'
import { TopicRegistry } from '../src/engine/log/topic-registry'
import { decodeBatch, encodeBatch, setBaseOffset } from '../src/engine/records'
import { type Db, openDatabase } from '../src/engine/storage/database'

const args = process.argv.slice(2)
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const BIG = arg('--records', 10_000_000)
const APPEND_RECORDS = arg('--append-records', 2_000_000)
const TOPICS = arg('--topics', 1000)
const PARTITIONS = 10
const PAGE_SAMPLES = arg('--samples', 2000)
const COMPACT_RECORDS = arg('--compact-records', 1_000_000)
const root = mkdtempSync(join(tmpdir(), 'logdeck-bench-'))

interface Engine {
  db: Db
  topics: TopicRegistry
  logs: LogManager
  cleaner: LogCleaner | null
}

function open(dir: string, cleaner: boolean): Engine {
  const db = openDatabase({ dataDir: dir })
  const topics = new TopicRegistry(db)
  const logs = new LogManager(db)
  for (const t of topics.list()) logs.configureTopic(t.id, topics.effectiveConfigs(t))
  return { db, topics, logs, cleaner: cleaner ? new LogCleaner(logs).start() : null }
}

async function close(e: Engine): Promise<void> {
  await e.cleaner?.close()
  e.db.close()
}

function createTopic(e: Engine, name: string, partitions = 1, configs = {}): PartitionLog[] {
  const t = e.topics.create({
    name,
    replicaAssignment: Array.from({ length: partitions }, () => [0]),
    configs
  })
  e.logs.configureTopic(t.id, e.topics.effectiveConfigs(t))
  return t.partitions.map((p) => e.logs.log(t.id, p.partition))
}

/** A produced batch of `count` keyless records with 100-byte values. */
function template(count: number): Buffer {
  const value = Buffer.alloc(100, 'x')
  const now = Date.now()
  return encodeBatch(
    Array.from({ length: count }, () => ({ value, timestamp: now })),
    { now }
  )
}

/** Appends `total` records in batches of `size`; the same request buffer is reused. */
function appendRecords(log: PartitionLog, total: number, size: number): number {
  const request = template(size)
  const start = performance.now()
  for (let n = 0; n < total; n += size) {
    setBaseOffset(request, 0) // as a new request from a client would have it
    log.append(request)
  }
  return performance.now() - start
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpu: cpus()[0]?.model
}
const rows: Array<[string, string]> = []
const report = (label: string, value: string): void => {
  rows.push([label, value])
  console.log(`${label.padEnd(58)} ${value}`)
}
const perSec = (n: number, ms: number): number => Math.round((n / ms) * 1000)
const fmt = (n: number): string => n.toLocaleString('en-US')

/** Median of three runs, each on a fresh data directory: the disk is shared and noisy. */
async function appendThroughput(): Promise<void> {
  for (const withCleaner of [true, false]) {
    for (const size of [1000, 10_000]) {
      const runs: number[] = []
      for (let run = 0; run < 3; run++) {
        const dir = join(root, `append-${size}-${withCleaner}-${run}`)
        const e = open(dir, withCleaner)
        const [log] = createTopic(e, 'bench', 1, { 'max.message.bytes': String(4 << 20) })
        appendRecords(log, size * 20, size) // warm-up
        runs.push(appendRecords(log, APPEND_RECORDS, size))
        await close(e)
        rmSync(dir, { recursive: true, force: true })
      }
      const ms = [...runs].sort((a, b) => a - b)[1]
      const key = `append_${size}${withCleaner ? '' : '_sqlite_checkpoints'}`
      const rate = perSec(APPEND_RECORDS, ms)
      results[key] = {
        records: APPEND_RECORDS,
        msMedian: ms,
        ms: runs,
        recordsPerSec: rate,
        mbPerSec: (rate * 110) / 1e6
      }
      report(
        `append, batches of ${fmt(size)}${withCleaner ? '' : ', checkpoints by the appender'}`,
        `${fmt(rate)} records/s`
      )
    }
  }
}

async function bigPartition(): Promise<void> {
  const dir = join(root, 'big')
  const e = open(dir, true)
  const [log] = createTopic(e, 'big', 1, { 'retention.ms': '-1' })
  const buildMs = appendRecords(log, BIG, 1000)
  report(
    `build a ${fmt(BIG)}-record partition (batches of 1,000)`,
    `${fmt(perSec(BIG, buildMs))} records/s`
  )
  results.build_big = { records: BIG, ms: buildMs, recordsPerSec: perSec(BIG, buildMs) }

  // Sequential read from offset 0, 1 MiB per read as a consumer's max.partition.fetch.bytes.
  let start = performance.now()
  let offset = 0
  let count = 0
  while (offset < log.logEndOffset) {
    const batches = log.read(offset, 1 << 20)
    for (const b of batches) {
      const last = Number(b.readBigInt64BE(0)) + b.readInt32BE(23)
      count += b.readInt32BE(57)
      offset = last + 1
    }
  }
  const readMs = performance.now() - start
  results.sequential_read = { records: count, ms: readMs, recordsPerSec: perSec(count, readMs) }
  report('sequential read from offset 0 (1 MiB reads)', `${fmt(perSec(count, readMs))} records/s`)

  // messages.read: 100 decoded records from a random offset.
  const latencies: number[] = []
  for (let i = 0; i < PAGE_SAMPLES; i++) {
    const from = Math.floor(Math.random() * (log.logEndOffset - 100))
    const t0 = performance.now()
    const page = []
    let at = from
    while (page.length < 100 && at < log.logEndOffset) {
      for (const b of log.read(at, 1)) {
        for (const r of decodeBatch(b, { verifyCrc: false }).records) {
          if (r.offset >= from && page.length < 100) page.push(r)
          at = r.offset + 1
        }
      }
    }
    latencies.push(performance.now() - t0)
  }
  latencies.sort((a, b) => a - b)
  const p50 = percentile(latencies, 50)
  const p99 = percentile(latencies, 99)
  results.random_page = { samples: PAGE_SAMPLES, p50Ms: p50, p99Ms: p99 }
  report(
    'messages.read page of 100 at random offsets, p50 / p99',
    `${p50.toFixed(2)} / ${p99.toFixed(2)} ms`
  )

  // Retention: every segment expires at once. Measured: until the log start has moved (main
  // thread, which also deletes the first few batches), and until the worker deleted the rest.
  const countRows = () =>
    (e.db.prepare('SELECT COUNT(*) AS n FROM log_batches').get() as { n: number }).n
  const rowsBefore = countRows()
  const walBytes = statSync(join(dir, 'logdeck.db-wal')).size
  e.logs.configureTopic(log.topicId, { 'retention.ms': '0' })
  start = performance.now()
  const pass = e.cleaner!.runOnce(Date.now() + 1000)
  const logicalMs = performance.now() - start
  await pass
  const totalMs = performance.now() - start
  results.retention = {
    records: BIG,
    batchesDeleted: rowsBefore - countRows(),
    logStartAdvancedMs: logicalMs,
    rowsDeletedMs: totalMs,
    walBytesBefore: walBytes
  }
  report(`retention of ${fmt(BIG)} records: log start moved`, `${logicalMs.toFixed(0)} ms`)
  report(`retention of ${fmt(BIG)} records: all batches deleted`, `${totalMs.toFixed(0)} ms`)
  await close(e)
  rmSync(dir, { recursive: true, force: true })
}

/** Compaction in the worker of a partition with COMPACT_RECORDS records over 10,000 keys. */
async function compaction(): Promise<void> {
  const dir = join(root, 'compact')
  const e = open(dir, true)
  const [log] = createTopic(e, 'compacted', 1, {
    'cleanup.policy': 'compact',
    'segment.bytes': String(16 << 20)
  })
  const value = Buffer.alloc(100, 'x')
  const now = Date.now()
  for (let n = 0; n < COMPACT_RECORDS; n += 1000) {
    const input = Array.from({ length: 1000 }, (_, i) => ({
      key: `key-${(n + i) % 10_000}`,
      value,
      timestamp: now
    }))
    log.append(encodeBatch(input, { now }))
  }
  const sizeBefore = log.sizeBytes
  const start = performance.now()
  const pass = await e.cleaner!.runOnce()
  const ms = performance.now() - start
  const c = pass.compactions[0]
  results.compaction = {
    records: COMPACT_RECORDS,
    keys: 10_000,
    ms,
    recordsPerSec: perSec(COMPACT_RECORDS, ms),
    recordsRemoved: c?.recordsRemoved,
    bytesBefore: sizeBefore,
    bytesAfter: log.sizeBytes
  }
  report(
    `compaction of ${fmt(COMPACT_RECORDS)} records over 10,000 keys (worker)`,
    `${(ms / 1000).toFixed(1)} s`
  )
  await close(e)
  rmSync(dir, { recursive: true, force: true })
}

async function openTime(): Promise<void> {
  const dir = join(root, 'open')
  const e = open(dir, false)
  const request = template(10)
  e.db.transaction(() => {
    for (let t = 0; t < TOPICS; t++) {
      for (const log of createTopic(e, `topic-${t}`, PARTITIONS)) {
        setBaseOffset(request, 0)
        log.append(request)
      }
    }
  })()
  await close(e)
  const times: number[] = []
  for (let i = 0; i < 3; i++) {
    const start = performance.now()
    const again = open(dir, false)
    times.push(performance.now() - start)
    await close(again)
  }
  times.sort((a, b) => a - b)
  results.open = { topics: TOPICS, partitions: TOPICS * PARTITIONS, msMedian: times[1], ms: times }
  report(
    `open ${fmt(TOPICS)} topics x ${PARTITIONS} partitions (median of 3)`,
    `${times[1].toFixed(0)} ms`
  )
}

async function main(): Promise<void> {
  try {
    const t0 = performance.now()
    await appendThroughput()
    await bigPartition()
    await compaction()
    await openTime()
    results.totalSeconds = (performance.now() - t0) / 1000
    const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'engine-log.json')
    mkdirSync(dirname(out), { recursive: true })
    writeFileSync(out, JSON.stringify({ ...results, table: rows }, null, 2) + '\n')
    console.log(`\n${(results.totalSeconds as number).toFixed(0)} s; results in ${out}`)
  } finally {
    if (!args.includes('--keep')) rmSync(root, { recursive: true, force: true })
  }
}

void main()
