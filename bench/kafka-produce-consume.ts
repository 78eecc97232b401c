// Produce and consume throughput of `logdeck serve` with a real client (kcat, librdkafka):
// 100-byte records, acks=1, one topic of 6 partitions, a data directory in the system temp
// folder (fsync off, the default). Each run produces RECORDS records into a fresh topic; the
// consumer then reads each topic from offset 0. Figures are medians over the runs.
//
//   node --import tsx bench/kafka-produce-consume.ts [--records N] [--runs N] [--profile]
//
// --profile runs the broker under `node --cpu-prof` (one process for the produce runs, another
// for the consume runs) and writes bench/results/kafka-produce-consume-profile.json instead of
// the figures: the top frames of the broker's main thread.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { kcatConsumeArgs, kcatProduceArgs } from './lib/kcat'
import { commandLine, runOk } from './lib/proc'
import { summarizeProfile } from './lib/profile'
import { RECORD_BYTES, writeRecordsFile } from './lib/records-file'
import { Recorder, RESULTS_DIR, fmt, median, round } from './lib/results'
import { createTopic, describeTopic, startServe, type Serve } from './lib/serve'

const args = process.argv.slice(2)
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const RECORDS = arg('--records', 1_000_000)
const RUNS = arg('--runs', 7)
const PARTITIONS = 6
const PROFILE = args.includes('--profile')

const root = mkdtempSync(join(tmpdir(), 'logdeck-bench-kafka-'))
const dataDir = join(root, 'data')
const recordsFile = join(root, 'records.txt')
const topicName = (run: number) => `produce-${run}`

interface RunStats {
  wallMs: number
  recordsPerSec: number
  clientCpuMs: number | null
  brokerCpuMs: number
}

const produceArgs = (bootstrap: string, topic: string) => kcatProduceArgs(bootstrap, topic, '1')
const consumeArgs = (bootstrap: string, topic: string) => kcatConsumeArgs(bootstrap, topic, RECORDS)

async function serve(nodeArgs: string[] = []): Promise<Serve> {
  return startServe(
    ['--data-dir', dataDir, '--port', '0', '--ui-port', '0', '--token', 'bench'],
    nodeArgs
  )
}

async function produceRuns(s: Serve): Promise<RunStats[]> {
  const stats: RunStats[] = []
  for (let run = 1; run <= RUNS; run++) {
    const topic = topicName(run)
    await createTopic(s, topic, PARTITIONS, 1)
    const cpu0 = s.cpuMs()
    const r = await runOk('kcat', produceArgs(s.bootstrap, topic), { stdinFile: recordsFile })
    const brokerCpuMs = s.cpuMs() - cpu0
    const stored = (await describeTopic(s, topic)).reduce((n, p) => n + p.highWatermark, 0)
    if (stored !== RECORDS)
      throw new Error(`${topic}: ${stored} records stored, ${RECORDS} produced\n${r.stderr}`)
    if (r.stderr.trim()) console.log(`  kcat -P reported:\n${r.stderr.trim()}`)
    stats.push({
      wallMs: round(r.wallMs, 1),
      recordsPerSec: Math.round((RECORDS / r.wallMs) * 1000),
      clientCpuMs: r.cpuMs,
      brokerCpuMs
    })
    console.log(`  produce run ${run}: ${JSON.stringify(stats.at(-1))}`)
  }
  return stats
}

async function consumeRuns(s: Serve): Promise<RunStats[]> {
  const stats: RunStats[] = []
  for (let run = 1; run <= RUNS; run++) {
    const cpu0 = s.cpuMs()
    // kcat exits 0 only once it has consumed RECORDS records (see kcatConsumeArgs).
    const r = await runOk('kcat', consumeArgs(s.bootstrap, topicName(run)), { timeoutMs: 60_000 })
    const brokerCpuMs = s.cpuMs() - cpu0
    stats.push({
      wallMs: round(r.wallMs, 1),
      recordsPerSec: Math.round((RECORDS / r.wallMs) * 1000),
      clientCpuMs: r.cpuMs,
      brokerCpuMs
    })
    console.log(`  consume run ${run}: ${JSON.stringify(stats.at(-1))}`)
  }
  return stats
}

function mainThreadProfile(dir: string): string {
  // Files are CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the main thread.
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))
  const main = files.find((f) => f.split('.')[4] === '0') ?? files[0]
  if (!main) throw new Error(`no profile written in ${dir}`)
  return join(dir, main)
}

async function profile(): Promise<void> {
  const out: Record<string, unknown> = {
    records: RECORDS,
    runs: RUNS,
    producer: commandLine('kcat', produceArgs('BOOTSTRAP', 'TOPIC'), 'records.txt'),
    consumer: commandLine('kcat', consumeArgs('BOOTSTRAP', 'TOPIC'))
  }
  for (const phase of ['produce', 'consume'] as const) {
    const dir = join(root, `profile-${phase}`)
    const s = await serve(['--cpu-prof', '--cpu-prof-dir', dir])
    const cpu0 = s.cpuMs()
    const stats = phase === 'produce' ? await produceRuns(s) : await consumeRuns(s)
    const brokerCpuMs = s.cpuMs() - cpu0
    await s.stop()
    out[phase] = { stats, brokerCpuMs, mainThread: summarizeProfile(mainThreadProfile(dir)) }
    const worker = readdirSync(dir).filter((f) => f.split('.')[4] !== '0')
    out[`${phase}Workers`] = worker.map((f) => summarizeProfile(join(dir, f), 8))
  }
  const file = join(RESULTS_DIR, 'kafka-produce-consume-profile.json')
  writeFileSync(file, JSON.stringify(out, null, 2) + '\n')
  console.log(`  profile summary in ${file}`)
}

async function main(): Promise<void> {
  try {
    writeRecordsFile(recordsFile, RECORDS)
    if (PROFILE) return await profile()
    const rec = new Recorder('kafka-produce-consume')
    const s = await serve()
    let produce: RunStats[]
    let consume: RunStats[]
    try {
      produce = await produceRuns(s)
      consume = await consumeRuns(s)
      rec.details.closedConnections = s.closedConnections()
    } finally {
      await s.stop()
    }
    const p = median(produce.map((r) => r.recordsPerSec))
    const c = median(consume.map((r) => r.recordsPerSec))
    const spread = (runs: RunStats[]) => {
      const rates = runs.map((r) => r.recordsPerSec)
      return `${fmt(Math.min(...rates))} to ${fmt(Math.max(...rates))}`
    }
    const perRecordUs = (runs: RunStats[]) =>
      round((median(runs.map((r) => r.brokerCpuMs)) * 1000) / RECORDS, 2)
    const produceCmd = commandLine('kcat', produceArgs('BOOTSTRAP', 'produce-N'), 'records.txt')
    const consumeCmd = commandLine('kcat', consumeArgs('BOOTSTRAP', 'produce-N'))
    rec.figure({
      key: 'produce_records_per_sec',
      label: `produce, kcat, 100-byte records, acks=1, 6 partitions`,
      value: p,
      unit: 'records/s',
      target: { op: '>=', value: 1_000_000 },
      command: produceCmd,
      note: `median of ${RUNS} runs of ${RECORDS.toLocaleString('en-US')} records, each into a new topic (runs from ${spread(produce)} records/s); wall time of the kcat process`
    })
    rec.figure({
      key: 'produce_mb_per_sec',
      label: 'produce, payload MB/s',
      value: round((p * RECORD_BYTES) / 1e6, 1),
      unit: 'MB/s',
      command: produceCmd
    })
    rec.figure({
      key: 'produce_broker_cpu_us_per_record',
      label: 'produce, broker CPU per record',
      value: perRecordUs(produce),
      unit: 'µs',
      command: produceCmd,
      note: 'CPU time of the serve process (all threads) during the run / records'
    })
    rec.figure({
      key: 'consume_records_per_sec',
      label: 'consume from offset 0, kcat',
      value: c,
      unit: 'records/s',
      target: { op: '>=', value: 2_000_000 },
      command: consumeCmd,
      note: `median of ${RUNS} runs, each reading one produced topic (${RECORDS.toLocaleString('en-US')} records) from offset 0 (runs from ${spread(consume)} records/s)`
    })
    rec.figure({
      key: 'consume_broker_cpu_us_per_record',
      label: 'consume, broker CPU per record',
      value: perRecordUs(consume),
      unit: 'µs',
      command: consumeCmd
    })
    Object.assign(rec.details, {
      records: RECORDS,
      recordBytes: RECORD_BYTES,
      partitions: PARTITIONS,
      dataDirBytes: dirBytes(dataDir),
      produce,
      consume
    })
    rec.write()
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
