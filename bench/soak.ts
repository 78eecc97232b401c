// Steady memory over a long run: `logdeck serve` (3 brokers, on disk) with a kafkajs producer
// sending 1,000 records/s (acks=all), a 3-member consumer group reading them, and one broker
// stopped for 15 s every 30 s. The serve process's RSS is sampled every 5 s; the figure is its
// growth from the end of the warm-up (a third of the run, at most 5 minutes) to the end, with
// the slope over the second half to tell a leak (still climbing) from a plateau.
//
// Each sample also says what the memory is made of (bench/lib/memory-probe.cjs, preloaded into
// the serve process): the JavaScript heaps of the main thread and the workers, Buffers, and the
// anonymous memory outside them, which is native (SQLite's page caches, the allocator's).
//
// To find what grows, parts of the load can be left out: --no-failover (no broker stops),
// --no-group (no consumers), --brokers 1 (no replication), --rate N (records/s; 0: none).
// With --heap-snapshots DIR, the serve process writes a V8 heap snapshot into DIR a minute
// before the warm-up ends and again at the end, to compare what the heap holds (Chrome
// DevTools' Memory tab, comparison view). --name NAME writes bench/results/NAME.json instead.
// --probe-log FILE keeps the probe's lines (each heap space of each thread, every 5 s) in FILE.
// --gc-workers has each worker thread collect its garbage before it reports (what it holds, not
// what V8 has yet to collect).
//
//   node --import tsx bench/soak.ts [--seconds N] [--heap-snapshots DIR] [--no-failover]
//     [--no-group] [--brokers N] [--rate N] [--name NAME] [--probe-log FILE]
//     [--gc-workers]
//   (or LOGDECK_SOAK_SECONDS=N; 1800 default)
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel, type Consumer } from 'kafkajs'
import { commandLine } from './lib/proc'
import { BENCH_DIR, Recorder, median, round } from './lib/results'
import { startServe } from './lib/serve'

const args = process.argv.slice(2)
const secondsArg = args.indexOf('--seconds')
const SECONDS = Number(
  secondsArg >= 0 ? args[secondsArg + 1] : (process.env.LOGDECK_SOAK_SECONDS ?? 1800)
)
if (!Number.isFinite(SECONDS) || SECONDS < 60) throw new Error('the soak runs at least 60 s')
const snapshotsArg = args.indexOf('--heap-snapshots')
const SNAPSHOT_DIR = snapshotsArg >= 0 ? args[snapshotsArg + 1] : null
const flag = (name: string) => args.includes(name)
const numberArg = (name: string, fallback: number) => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const RATE = numberArg('--rate', 1000)
const TICK_MS = 100
const SAMPLE_MS = 5000
const BROKERS = numberArg('--brokers', 3)
const FAILOVER = !flag('--no-failover') && BROKERS > 1
const GROUP = !flag('--no-group')
const nameArg = args.indexOf('--name')
const NAME = nameArg >= 0 ? args[nameArg + 1] : 'soak'
const WARMUP_S = Math.min(300, SECONDS / 3)
const probeLogArg = args.indexOf('--probe-log')
const PROBE_LOG = probeLogArg >= 0 ? args[probeLogArg + 1] : null

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Sample {
  t: number
  rssMiB: number
  /** The main thread's and the workers' JavaScript heaps (heapTotal), MiB. */
  heapsMiB: number | null
  /**
   * Of the main thread's heap, the young generation's size (V8 grows it under allocation, up to
   * twice --max-semi-space-size: 32 MiB by default) and what the old generation holds, MiB.
   */
  youngMiB: number | null
  oldUsedMiB: number | null
  /** Buffers and other memory V8 knows of outside the heap, MiB. */
  externalMiB: number | null
  /** Anonymous resident memory outside the JavaScript heaps: native, MiB. */
  nativeMiB: number | null
  produced: number
  consumed: number
}

/** What bench/lib/memory-probe.cjs wrote last (MiB). */
interface ProbeLine {
  heapTotal: number
  external: number
  workerHeaps: number
  anonymous: number
  /** The main thread's heap spaces: [size, used]. */
  spaces?: Record<string, [number, number]>
}

function lastProbeLine(file: string): ProbeLine | null {
  if (!existsSync(file)) return null
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n')
  try {
    return JSON.parse(lines[lines.length - 1]) as ProbeLine
  } catch {
    return null
  }
}

/** Least-squares slope of rss over time, in MiB per minute. */
function slopePerMinute(samples: Sample[]): number {
  const n = samples.length
  if (n < 2) return 0
  const mt = samples.reduce((a, s) => a + s.t, 0) / n
  const mr = samples.reduce((a, s) => a + s.rssMiB, 0) / n
  let num = 0
  let den = 0
  for (const s of samples) {
    num += (s.t - mt) * (s.rssMiB - mr)
    den += (s.t - mt) ** 2
  }
  return den === 0 ? 0 : (num / den) * 60
}

/** A kafkajs error with the causes it wraps (the broker's error type is at the bottom). */
function describeError(err: unknown): string {
  type KafkaJsError = { message?: string; type?: string; cause?: unknown; originalError?: unknown }
  const parts: string[] = []
  for (let e = err as KafkaJsError | undefined; e;) {
    parts.push(e.type ? `${e.message} (${e.type})` : String(e.message))
    e = (e.originalError ?? e.cause) as typeof e
  }
  return parts.join(' <- ')
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'logdeck-bench-soak-'))
  const rec = new Recorder(NAME)
  const serveArgs = ['--data-dir', dir, '--port', '0', '--ui-port', '0', '--brokers', `${BROKERS}`]
  const probeFile = join(dir, 'memory-probe.jsonl')
  process.env.LOGDECK_MEMORY_PROBE = probeFile
  if (flag('--gc-workers')) process.env.LOGDECK_MEMORY_PROBE_GC = '1'
  const nodeArgs = [
    '--require',
    join(BENCH_DIR, 'lib', 'memory-probe.cjs'),
    ...(SNAPSHOT_DIR ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${SNAPSHOT_DIR}`] : [])
  ]
  const serve = await startServe(serveArgs, nodeArgs)
  let snapshots = 0
  /** Asks the serve process for a heap snapshot and waits until it is written. */
  const heapSnapshot = async () => {
    if (!SNAPSHOT_DIR) return
    const before = readdirSync(SNAPSHOT_DIR).filter((f) => f.endsWith('.heapsnapshot')).length
    serve.child.kill('SIGUSR2')
    // Written in one go: the file appears once the process is done with it (its loop resumes).
    for (;;) {
      await sleep(2000)
      const now = readdirSync(SNAPSHOT_DIR).filter((f) => f.endsWith('.heapsnapshot')).length
      if (now > before && (await serve.call('cluster.describe', {}).then(() => true))) break
    }
    snapshots++
  }
  const consumers: Consumer[] = []
  let stopping = false
  try {
    await serve.call('topics.create', { name: 'soak', partitions: 6, replicationFactor: BROKERS })
    const kafka = new Kafka({
      clientId: 'soak',
      brokers: serve.bootstrap.split(','),
      logLevel: logLevel.NOTHING,
      retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 2000 }
    })
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
    await producer.connect()
    let produced = 0
    let consumed = 0
    let failedSends = 0
    const failures: string[] = []
    for (let i = 0; i < (GROUP ? 3 : 0); i++) {
      const c = kafka.consumer({ groupId: 'soak-group', sessionTimeout: 10_000 })
      await c.connect()
      await c.subscribe({ topic: 'soak', fromBeginning: true })
      await c.run({ eachBatch: async ({ batch }) => void (consumed += batch.messages.length) })
      consumers.push(c)
    }

    // 1,000 records/s, one send at a time: every 100 ms what is due since the last send goes
    // out in one batch (larger after a send that waited out a failover). Sends overlapping on an
    // idempotent kafkajs producer can reach a new leader out of order after a broker stop, and
    // one OUT_OF_ORDER_SEQUENCE_NUMBER fails every later send of that producer.
    const payload = 'x'.repeat(200)
    const started = performance.now()
    const elapsed = () => (performance.now() - started) / 1000
    const MAX_BATCH = 5000
    const producing = (async () => {
      let sent = 0
      while (!stopping && RATE > 0) {
        const count = Math.min(MAX_BATCH, Math.floor(elapsed() * RATE) - sent)
        if (count > 0) {
          const batch = Array.from({ length: count }, (_, i) => ({
            key: `k${(sent + i) % 1000}`,
            value: payload
          }))
          sent += count
          try {
            await producer.send({ topic: 'soak', acks: -1, messages: batch })
            produced += count
          } catch (err) {
            failedSends++
            const what = `${round(elapsed(), 1)} s: ${describeError(err)}`
            if (failures.length < 5) {
              failures.push(what)
              console.log(`  send failed at ${what}`)
            }
          }
        }
        await sleep(TICK_MS)
      }
    })()

    // A broker stopped for 15 s every 30 s, in turn.
    const failover = (async () => {
      let next = 0
      while (!stopping && FAILOVER) {
        await sleep(15_000)
        if (stopping) break
        const id = next++ % BROKERS
        await serve.call('brokers.stop', { brokerId: id })
        await sleep(15_000)
        await serve.call('brokers.start', { brokerId: id })
      }
    })()

    const samples: Sample[] = []
    let snapshotAt: number | null = null
    while (elapsed() < SECONDS) {
      await sleep(SAMPLE_MS)
      const probe = lastProbeLine(probeFile)
      const heaps = probe && probe.heapTotal + probe.workerHeaps
      const s: Sample = {
        t: round(elapsed(), 1),
        rssMiB: round(serve.rssMiB(), 1),
        heapsMiB: heaps && round(heaps, 1),
        youngMiB: probe?.spaces?.new_space?.[0] ?? null,
        oldUsedMiB: probe?.spaces?.old_space?.[1] ?? null,
        externalMiB: probe && probe.external,
        nativeMiB: probe && heaps !== null ? round(probe.anonymous - heaps, 1) : null,
        produced,
        consumed
      }
      samples.push(s)
      // A minute before the warm-up ends: writing a snapshot takes memory the allocator keeps
      // (tens of MiB of RSS), which must be in the level growth is measured from, not in it.
      if (snapshotAt === null && s.t >= WARMUP_S - 60) {
        snapshotAt = s.t
        await heapSnapshot()
      }
      if (samples.length % 12 === 0)
        console.log(
          `  ${s.t} s: RSS ${s.rssMiB} MiB (JS heaps ${s.heapsMiB}, young ${s.youngMiB}, ` +
            `native ${s.nativeMiB}), ` +
            `produced ${produced}, consumed ${consumed}`
        )
    }
    await heapSnapshot()
    stopping = true
    await Promise.all([producing, failover])
    await producer.disconnect()

    const atWarmup = samples.filter((s) => s.t >= WARMUP_S).slice(0, 3)
    const last = samples.slice(-3)
    const warmRss = median(atWarmup.map((s) => s.rssMiB))
    const endRss = median(last.map((s) => s.rssMiB))
    /** Medians of a part of memory at the warm-up's end and at the end, "a -> b MiB". */
    const part = (pick: (s: Sample) => number | null) => {
      const at = (xs: Sample[]) => {
        const values = xs.map(pick).filter((v): v is number => v !== null)
        return values.length > 0 ? round(median(values), 1) : '?'
      }
      return `${at(atWarmup)} -> ${at(last)} MiB`
    }
    const secondHalf = samples.filter((s) => s.t >= SECONDS / 2)
    const cmd = commandLine('node', ['bin/logdeck.cjs', 'serve', ...serveArgs])
    const load = [
      `kafkajs producer at ${RATE} records/s (acks=all, idempotent)`,
      GROUP ? '3-member group' : 'no consumers',
      FAILOVER ? 'a broker stopped 15 s of every 30 s' : 'no broker stops',
      `${BROKERS} broker(s)`
    ]
    const what = `${load.join(', ')}, ${SECONDS} s`
    rec.figure({
      key: 'soak_rss_growth_percent',
      label: `RSS growth after warm-up, ${Math.round(SECONDS / 60)} min soak`,
      value: round(((endRss - warmRss) / warmRss) * 100, 1),
      unit: '%',
      target: { op: '<=', value: 10 },
      command: cmd,
      note:
        `${what}; RSS ${warmRss} MiB at ${Math.round(WARMUP_S)} s, ${endRss} MiB at the end (medians of 3 samples 5 s apart); ` +
        `JavaScript heaps ${part((s) => s.heapsMiB)} (the main thread's young generation ${part((s) => s.youngMiB)}, ` +
        `its old generation holding ${part((s) => s.oldUsedMiB)}), external ${part((s) => s.externalMiB)}, native ${part((s) => s.nativeMiB)}`
    })
    rec.figure({
      key: 'soak_rss_slope_mib_per_min',
      label: 'RSS slope over the second half',
      value: round(slopePerMinute(secondHalf), 2),
      unit: 'MiB/min',
      command: cmd,
      note: 'least-squares slope of RSS over the run second half: near 0 is a plateau, a steady rise a leak'
    })
    rec.figure({
      key: 'soak_records_consumed',
      label: 'records consumed by the group',
      value: consumed,
      unit: 'records',
      command: cmd,
      note: `${produced} acknowledged, ${failedSends} sends failed after retries`
    })
    Object.assign(rec.details, {
      seconds: SECONDS,
      warmupSeconds: WARMUP_S,
      rate: RATE,
      produced,
      consumed,
      failedSends,
      firstFailures: failures,
      peakRssMiB: Math.max(...samples.map((s) => s.rssMiB)),
      heapSnapshots: SNAPSHOT_DIR
        ? { dir: SNAPSHOT_DIR, count: snapshots, firstAt: snapshotAt }
        : null,
      samples
    })
    rec.write()
  } finally {
    stopping = true
    await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)))
    await serve.stop()
    if (PROBE_LOG && existsSync(probeFile)) copyFileSync(probeFile, PROBE_LOG)
    rmSync(dir, { recursive: true, force: true })
  }
}

// Exits when done: timers kafkajs leaves behind after a failed send would otherwise keep the
// process, and `npm run bench` waiting for it, alive.
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  }
)
