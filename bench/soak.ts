// Steady memory over a long run: `logdeck serve` (3 brokers, on disk) with a kafkajs producer
// sending 1,000 records/s (acks=all), a 3-member consumer group reading them, and one broker
// stopped for 15 s every 30 s. The serve process's RSS is sampled every 5 s; the figure is its
// growth from the end of the warm-up (a third of the run, at most 5 minutes) to the end, with
// the slope over the second half to tell a leak (still climbing) from a plateau.
//
// With --heap-snapshots DIR, the serve process writes a V8 heap snapshot into DIR a minute
// before the warm-up ends and again at the end, to compare what the heap holds (Chrome
// DevTools' Memory tab, comparison view).
//
//   node --import tsx bench/soak.ts [--seconds N] [--heap-snapshots DIR]
//   (or LOGDECK_SOAK_SECONDS=N; 1800 default)
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kafka, logLevel, type Consumer } from 'kafkajs'
import { commandLine } from './lib/proc'
import { Recorder, median, round } from './lib/results'
import { startServe } from './lib/serve'

const args = process.argv.slice(2)
const secondsArg = args.indexOf('--seconds')
const SECONDS = Number(
  secondsArg >= 0 ? args[secondsArg + 1] : (process.env.LOGDECK_SOAK_SECONDS ?? 1800)
)
if (!Number.isFinite(SECONDS) || SECONDS < 60) throw new Error('the soak runs at least 60 s')
const snapshotsArg = args.indexOf('--heap-snapshots')
const SNAPSHOT_DIR = snapshotsArg >= 0 ? args[snapshotsArg + 1] : null
const RATE = 1000
const TICK_MS = 100
const SAMPLE_MS = 5000
const BROKERS = 3
const WARMUP_S = Math.min(300, SECONDS / 3)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Sample {
  t: number
  rssMiB: number
  produced: number
  consumed: number
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

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'logdeck-bench-soak-'))
  const rec = new Recorder('soak')
  const serveArgs = ['--data-dir', dir, '--port', '0', '--ui-port', '0', '--brokers', `${BROKERS}`]
  const nodeArgs = SNAPSHOT_DIR
    ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${SNAPSHOT_DIR}`]
    : []
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
    await serve.call('topics.create', { name: 'soak', partitions: 6, replicationFactor: 3 })
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
    for (let i = 0; i < 3; i++) {
      const c = kafka.consumer({ groupId: 'soak-group', sessionTimeout: 10_000 })
      await c.connect()
      await c.subscribe({ topic: 'soak', fromBeginning: true })
      await c.run({ eachBatch: async ({ batch }) => void (consumed += batch.messages.length) })
      consumers.push(c)
    }

    // 1,000 records/s: 100 every 100 ms, each tick's batch sent without waiting for the last.
    const payload = 'x'.repeat(200)
    const started = performance.now()
    const elapsed = () => (performance.now() - started) / 1000
    const producing = (async () => {
      let tick = 0
      while (!stopping) {
        const batch = Array.from({ length: (RATE * TICK_MS) / 1000 }, (_, i) => ({
          key: `k${(tick * 100 + i) % 1000}`,
          value: payload
        }))
        producer
          .send({ topic: 'soak', acks: -1, messages: batch })
          .then(() => void (produced += batch.length))
          .catch(() => void failedSends++)
        tick++
        const due = started + tick * TICK_MS
        await sleep(Math.max(0, due - performance.now()))
      }
    })()

    // A broker stopped for 15 s every 30 s, in turn.
    const failover = (async () => {
      let next = 0
      while (!stopping) {
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
      const s = { t: round(elapsed(), 1), rssMiB: round(serve.rssMiB(), 1), produced, consumed }
      samples.push(s)
      // A minute before the warm-up ends: writing a snapshot takes memory the allocator keeps
      // (tens of MiB of RSS), which must be in the level growth is measured from, not in it.
      if (snapshotAt === null && s.t >= WARMUP_S - 60) {
        snapshotAt = s.t
        await heapSnapshot()
      }
      if (samples.length % 12 === 0)
        console.log(`  ${s.t} s: RSS ${s.rssMiB} MiB, produced ${produced}, consumed ${consumed}`)
    }
    await heapSnapshot()
    stopping = true
    await Promise.all([producing, failover])
    await producer.disconnect()

    const atWarmup = samples.filter((s) => s.t >= WARMUP_S).slice(0, 3)
    const last = samples.slice(-3)
    const warmRss = median(atWarmup.map((s) => s.rssMiB))
    const endRss = median(last.map((s) => s.rssMiB))
    const secondHalf = samples.filter((s) => s.t >= SECONDS / 2)
    const cmd = commandLine('node', ['bin/logdeck.cjs', 'serve', ...serveArgs])
    const what = `kafkajs producer at ${RATE} records/s (acks=all, idempotent), 3-member group, a broker stopped 15 s of every 30 s, ${SECONDS} s`
    rec.figure({
      key: 'soak_rss_growth_percent',
      label: `RSS growth after warm-up, ${Math.round(SECONDS / 60)} min soak`,
      value: round(((endRss - warmRss) / warmRss) * 100, 1),
      unit: '%',
      target: { op: '<=', value: 10 },
      command: cmd,
      note: `${what}; RSS ${warmRss} MiB at ${Math.round(WARMUP_S)} s, ${endRss} MiB at the end (medians of 3 samples 5 s apart)`
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
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
