// Keyed produce with kcat (100-byte values, acks=1), Logdeck against librdkafka's in-memory mock
// broker side by side in one run: the same kcat command into each in turn, pair by pair, so
// that load on the machine weighs on both alike. Logdeck serves one broker (as the mock does)
// from a data directory in the system temp folder, fsync off (the default); each run writes a
// new topic of 4 partitions, the mock's default. Then 100 producers at once, and one producer
// into a topic of 1,000 partitions, each beside a run of the single producer.
//
//   node --import tsx bench/produce.ts [--records N] [--runs N] [--profile]
//
// --profile runs the broker under `node --cpu-prof` for the single-producer runs and writes
// bench/results/produce-profile.json instead of the figures: the top frames of its main thread.
import { spawn, type ChildProcess } from 'node:child_process'
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync
} from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { PRODUCER_TUNING } from './lib/kcat'
import { commandLine, runOk, type RunOutcome } from './lib/proc'
import { summarizeProfile } from './lib/profile'
import { Recorder, RESULTS_DIR, fmt, median, round } from './lib/results'
import { createTopic, describeTopic, startServe, type Serve } from './lib/serve'

const args = process.argv.slice(2)
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const RECORDS = arg('--records', 1_000_000)
const RUNS = arg('--runs', 5)
const PROFILE = args.includes('--profile')
const VALUE_BYTES = 100
const PARTITIONS = 4
const PRODUCERS = 100
const MANY_PARTITIONS = 1000

const root = mkdtempSync(join(tmpdir(), 'logdeck-bench-produce-'))
const dataDir = join(root, 'data')
const recordsFile = join(root, 'keyed.txt')
const shareFile = join(root, 'keyed-share.txt')

/** `key:value` lines: a distinct 10-byte key per record and a 100-byte value. */
function writeKeyedRecords(path: string, records: number): void {
  const filler = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(3)
  const fd = openSync(path, 'w')
  try {
    for (let n = 0; n < records; n += 10_000) {
      let text = ''
      for (let i = n; i < Math.min(records, n + 10_000); i++) {
        const head = `value-${String(i).padStart(9, '0')}-`
        text += `k${String(i).padStart(9, '0')}:${head}${filler.slice(0, VALUE_BYTES - head.length)}\n`
      }
      writeSync(fd, text)
    }
  } finally {
    closeSync(fd)
  }
}

const produceArgs = (bootstrap: string, topic: string) => [
  '-P',
  '-b',
  bootstrap,
  '-t',
  topic,
  '-K',
  ':',
  '-X',
  'acks=1',
  ...PRODUCER_TUNING
]

interface Mock {
  child: ChildProcess
  bootstrap: string
  /** User + system CPU time of the kcat process holding the mock (all threads), in ms. */
  cpuMs(): number
  stop(): void
}

function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/** librdkafka's mock cluster of one broker, kept in an idle kcat producer; its address. */
function startMock(): Promise<Mock> {
  const child = spawn(
    'kcat',
    ['-b', '127.0.0.1:1', '-X', 'test.mock.num.brokers=1', '-P', '-t', 'keepalive'],
    { stdio: ['pipe', 'ignore', 'pipe'] }
  )
  let err = ''
  return new Promise((resolve, reject) => {
    child.stderr!.setEncoding('utf8').on('data', (s: string) => {
      err += s
      const m = /replaced with (\S+)/.exec(err)
      if (m)
        resolve({
          child,
          bootstrap: m[1],
          cpuMs: () => processCpuMs(child.pid!),
          stop: () => {
            child.stdin?.end()
            child.kill()
          }
        })
    })
    child.once('exit', (code) => reject(new Error(`kcat mock exited with ${code}: ${err}`)))
  })
}

interface Run {
  wallMs: number
  recordsPerSec: number
  /** CPU time of the broker's process (Logdeck's, or the kcat holding the mock) during the run. */
  brokerCpuMs: number
  /** CPU time of the producing kcat process(es). */
  clientCpuMs: number | null
}

type Target = { serve: Serve } | { mock: Mock }
const brokerCpu = (t: Target) => ('serve' in t ? t.serve.cpuMs() : t.mock.cpuMs())

let topicSeq = 0

/** One kcat producing RECORDS records into a new topic; checks Logdeck stored them all. */
async function produceOnce(target: Target, partitions = PARTITIONS): Promise<Run> {
  const topic = `produce-${++topicSeq}`
  const serve = 'serve' in target ? target.serve : null
  if (serve) await createTopic(serve, topic, partitions, 1)
  const bootstrap = serve ? serve.bootstrap : (target as { mock: Mock }).mock.bootstrap
  const cpu0 = brokerCpu(target)
  const r = await runOk('kcat', produceArgs(bootstrap, topic), { stdinFile: recordsFile })
  const brokerCpuMs = brokerCpu(target) - cpu0
  if (serve) await expectStored(serve, topic, RECORDS, r)
  return {
    wallMs: round(r.wallMs, 1),
    recordsPerSec: Math.round((RECORDS / r.wallMs) * 1000),
    brokerCpuMs,
    clientCpuMs: r.cpuMs
  }
}

/** PRODUCERS kcat processes at once, RECORDS / PRODUCERS records each, into one new topic. */
async function produceConcurrently(target: Target): Promise<Run> {
  const topic = `produce-${++topicSeq}`
  const serve = 'serve' in target ? target.serve : null
  if (serve) await createTopic(serve, topic, PARTITIONS, 1)
  const bootstrap = serve ? serve.bootstrap : (target as { mock: Mock }).mock.bootstrap
  const cpu0 = brokerCpu(target)
  const started = performance.now()
  const runs = await Promise.all(
    Array.from({ length: PRODUCERS }, () =>
      runOk('kcat', produceArgs(bootstrap, topic), { stdinFile: shareFile, timeoutMs: 300_000 })
    )
  )
  const wallMs = performance.now() - started
  const brokerCpuMs = brokerCpu(target) - cpu0
  if (serve) await expectStored(serve, topic, RECORDS, runs[0])
  const clientCpu = runs.map((r) => r.cpuMs)
  return {
    wallMs: round(wallMs, 1),
    recordsPerSec: Math.round((RECORDS / wallMs) * 1000),
    brokerCpuMs,
    clientCpuMs: clientCpu.includes(null) ? null : clientCpu.reduce((a, b) => a! + b!, 0)
  }
}

async function expectStored(serve: Serve, topic: string, n: number, r: RunOutcome) {
  const stored = (await describeTopic(serve, topic)).reduce((s, p) => s + p.highWatermark, 0)
  if (stored !== n)
    throw new Error(`${topic}: ${stored} records stored, ${n} produced\n${r.stderr}`)
}

async function serve(nodeArgs: string[] = []): Promise<Serve> {
  return startServe(
    ['--data-dir', dataDir, '--brokers', '1', '--port', '0', '--ui-port', '0', '--token', 'bench'],
    nodeArgs
  )
}

/** Pairs of runs, the order swapped every pair; `a` and `b` of each pair, and b/a. */
async function pairs(
  n: number,
  a: () => Promise<Run>,
  b: () => Promise<Run>
): Promise<{ a: Run[]; b: Run[]; ratios: number[] }> {
  const out = { a: [] as Run[], b: [] as Run[], ratios: [] as number[] }
  for (let i = 0; i < n; i++) {
    let ra: Run
    let rb: Run
    if (i % 2 === 0) {
      ra = await a()
      rb = await b()
    } else {
      rb = await b()
      ra = await a()
    }
    out.a.push(ra)
    out.b.push(rb)
    out.ratios.push(round(rb.recordsPerSec / ra.recordsPerSec, 3))
    const cpu = (r: Run) =>
      `broker ${fmt(r.brokerCpuMs)} ms, client ${r.clientCpuMs === null ? '?' : fmt(r.clientCpuMs)} ms CPU`
    console.log(
      `  pair ${i + 1}: ${fmt(ra.recordsPerSec)} (${cpu(ra)}) vs ${fmt(rb.recordsPerSec)} (${cpu(rb)}) records/s`
    )
  }
  return out
}

const cpuPerRecord = (runs: Run[]) =>
  round((median(runs.map((r) => r.clientCpuMs ?? NaN)) * 1000) / RECORDS, 2)
const loadLine = (l: number[]) => l.map((x) => round(x, 1)).join(' / ')
const rates = (runs: Run[]) => runs.map((r) => r.recordsPerSec)
const spread = (xs: number[]) => `${fmt(Math.min(...xs))} to ${fmt(Math.max(...xs))}`

async function profile(): Promise<void> {
  const dir = join(root, 'profile')
  const s = await serve(['--cpu-prof', '--cpu-prof-dir', dir])
  const runs: Run[] = []
  try {
    for (let i = 0; i < RUNS; i++) runs.push(await produceOnce({ serve: s }))
  } finally {
    await s.stop()
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))
  const main = files.find((f) => f.split('.')[4] === '0') ?? files[0]
  const file = join(RESULTS_DIR, 'produce-profile.json')
  const out = {
    records: RECORDS,
    runs,
    producer: commandLine('kcat', produceArgs('BOOTSTRAP', 'TOPIC'), 'keyed.txt'),
    mainThread: summarizeProfile(join(dir, main))
  }
  writeFileSync(file, JSON.stringify(out, null, 2) + '\n')
  console.log(`  profile summary in ${file}`)
}

async function main(): Promise<void> {
  try {
    writeKeyedRecords(recordsFile, RECORDS)
    writeKeyedRecords(shareFile, RECORDS / PRODUCERS)
    if (PROFILE) return await profile()
    const rec = new Recorder('produce')
    const loadAtStart = loadavg()
    const mock = await startMock()
    const s = await serve()
    try {
      console.log(`  kcat into the mock broker vs into Logdeck, ${RUNS} pairs`)
      const single = await pairs(
        RUNS,
        () => produceOnce({ mock }),
        () => produceOnce({ serve: s })
      )
      const few = Math.max(1, Math.ceil(RUNS / 2))
      console.log(`  ${PRODUCERS} producers at once: mock vs Logdeck, ${few} pairs`)
      const many = await pairs(
        few,
        () => produceConcurrently({ mock }),
        () => produceConcurrently({ serve: s })
      )
      console.log(`  ${PARTITIONS} vs ${MANY_PARTITIONS} partitions in Logdeck, ${few} pairs`)
      const wide = await pairs(
        few,
        () => produceOnce({ serve: s }),
        () => produceOnce({ serve: s }, MANY_PARTITIONS)
      )
      rec.details.closedConnections = s.closedConnections()
      const cmd = commandLine('kcat', produceArgs('BOOTSTRAP', 'produce-N'), 'keyed.txt')
      const loads = `load average (1 / 5 / 15 min) ${loadLine(loadAtStart)} at the start, ${loadLine(loadavg())} at the end`
      rec.figure({
        key: 'keyed_produce_vs_mock',
        label: `keyed produce, kcat, acks=1: Logdeck (data directory) as a share of librdkafka's mock broker`,
        value: round(median(single.ratios) * 100),
        unit: '%',
        target: { op: '>=', value: 100 },
        command: cmd,
        note: `${RUNS} pairs of runs of ${fmt(RECORDS)} records (10-byte keys, 100-byte values), each into a new topic of ${PARTITIONS} partitions on one broker, the mock's run and Logdeck's in turn; median of the pairs' ratios (${spread(single.ratios.map((r) => r * 100))} %); ${loads}`
      })
      rec.figure({
        key: 'keyed_produce_records_per_sec',
        label: 'keyed produce, kcat, acks=1, Logdeck',
        value: median(rates(single.b)),
        unit: 'records/s',
        command: cmd,
        note: `runs from ${spread(rates(single.b))} records/s; the mock broker in the same run: median ${fmt(median(rates(single.a)))} (${spread(rates(single.a))}) records/s`
      })
      rec.figure({
        key: 'keyed_produce_broker_cpu_us_per_record',
        label: 'keyed produce, broker CPU per record',
        value: round((median(single.b.map((r) => r.brokerCpuMs)) * 1000) / RECORDS, 2),
        unit: 'µs',
        command: cmd,
        note: `CPU time of the broker's process during the run / records; the mock's (the kcat process holding it): ${round((median(single.a.map((r) => r.brokerCpuMs)) * 1000) / RECORDS, 2)} µs; the producing kcat's: ${cpuPerRecord(single.b)} µs into Logdeck, ${cpuPerRecord(single.a)} µs into the mock`
      })
      rec.figure({
        key: 'produce_100_producers_records_per_sec',
        label: `${PRODUCERS} kcat producers at once, ${fmt(RECORDS / PRODUCERS)} records each, Logdeck`,
        value: median(rates(many.b)),
        unit: 'records/s',
        command: `${PRODUCERS} x ${commandLine('kcat', produceArgs('BOOTSTRAP', 'produce-N'), 'keyed-share.txt')}`,
        note: `from the first start to the last exit, ${few} runs (${spread(rates(many.b))} records/s); the mock broker in the same run: ${fmt(median(rates(many.a)))} records/s, Logdeck at ${round(median(many.ratios) * 100)} % of it`
      })
      rec.figure({
        key: 'produce_1000_partitions_records_per_sec',
        label: `keyed produce into a topic of ${fmt(MANY_PARTITIONS)} partitions, Logdeck`,
        value: median(rates(wide.b)),
        unit: 'records/s',
        command: cmd,
        note: `${few} runs (${spread(rates(wide.b))} records/s), each beside a run into ${PARTITIONS} partitions: ${round(median(wide.ratios) * 100)} % of its rate`
      })
      Object.assign(rec.details, {
        records: RECORDS,
        valueBytes: VALUE_BYTES,
        loadAtStart,
        loadAtEnd: loadavg(),
        single,
        many,
        wide
      })
    } finally {
      await s.stop()
      mock.stop()
    }
    rec.write()
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
