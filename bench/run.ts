// `npm run bench`: builds the app, runs every benchmark in sequence, each in its own process, and
// writes bench/results/summary.md, a table of every figure with its target and command, from
// the bench/results/<name>.json files the benchmarks write. With --only, the others' figures come
// from their latest stored run, and the summary says when each benchmark ran.
//
//   node --import tsx bench/run.ts [--only name,name] [--no-build]
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import {
  BENCH_DIR,
  RESULTS_DIR,
  ROOT,
  environment,
  fmt,
  met,
  round,
  type BenchResults,
  type Figure
} from './lib/results'
import { BENCHMARKS, type Benchmark } from './lib/benchmarks'
import { cliBuilt } from './lib/serve'

function settle(): void {
  spawnSync('sync', [], { stdio: 'ignore' })
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000)
}

const args = process.argv.slice(2)
const onlyArg = args.indexOf('--only')
const only = onlyArg >= 0 ? new Set(args[onlyArg + 1].split(',')) : null

function build(): void {
  console.log('== build (electron-vite build)')
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit']
  })
  if (r.status === 0) return
  if (!cliBuilt()) throw new Error('the build failed and there is no earlier build to run')
  console.log('   the build failed; benchmarking the earlier build in out/')
}

/** The engine benchmark's file predates figures: map its fields. */
function engineLogFigures(file: string): Figure[] {
  type Rate = { recordsPerSec: number }
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    append_1000: Rate
    append_10000: Rate
    sequential_read: Rate
    random_page: { p50Ms: number; p99Ms: number }
    retention: { records: number; logStartAdvancedMs: number; rowsDeletedMs: number }
    compaction: { records: number; ms: number }
    open: { msMedian: number }
  }
  const command = 'node --import tsx bench/engine-log.ts'
  return [
    {
      key: 'append_1000',
      label: 'engine append, batches of 1,000',
      value: r.append_1000.recordsPerSec,
      unit: 'records/s',
      target: { op: '>=', value: 2_000_000 },
      command
    },
    {
      key: 'append_10000',
      label: 'engine append, batches of 10,000',
      value: r.append_10000.recordsPerSec,
      unit: 'records/s',
      target: { op: '>=', value: 2_000_000 },
      command
    },
    {
      key: 'sequential_read',
      label: 'engine sequential read from offset 0',
      value: r.sequential_read.recordsPerSec,
      unit: 'records/s',
      target: { op: '>=', value: 4_000_000 },
      command
    },
    {
      key: 'random_page_p99',
      label: 'messages.read page of 100 at a random offset, p99',
      value: round(r.random_page.p99Ms, 2),
      unit: 'ms',
      target: { op: '<=', value: 20 },
      command,
      note: `p50 ${round(r.random_page.p50Ms, 2)} ms`
    },
    {
      key: 'retention',
      label: `retention of ${fmt(r.retention.records)} records, all batches deleted`,
      value: round(r.retention.rowsDeletedMs),
      unit: 'ms',
      command,
      note: `log start moved after ${round(r.retention.logStartAdvancedMs, 1)} ms`
    },
    {
      key: 'compaction',
      label: `compaction of ${fmt(r.compaction.records)} records over 10,000 keys`,
      value: round(r.compaction.ms),
      unit: 'ms',
      command
    },
    {
      key: 'open_1000_topics',
      label: 'open a data directory of 1,000 topics x 10 partitions',
      value: round(r.open.msMedian),
      unit: 'ms',
      target: { op: '<=', value: 1000 },
      command
    }
  ]
}

interface Outcome {
  bench: Benchmark
  ok: boolean
  /** Seconds the benchmark took in this run; null for a result stored by an earlier run. */
  seconds: number | null
  figures: Figure[]
  /** When the figures were measured, and the load average (1 / 5 / 15 min) at the start. */
  date: string | null
  load: number[] | null
}

/** The figures a benchmark last wrote to bench/results/<name>.json, or null when it has none. */
function storedOutcome(b: Benchmark, seconds: number | null): Outcome | null {
  const file = join(RESULTS_DIR, `${b.name}.json`)
  if (!existsSync(file)) return null
  const results = JSON.parse(readFileSync(file, 'utf8')) as Partial<BenchResults> & {
    date?: string
  }
  const figures = b.name === 'engine-log' ? engineLogFigures(file) : (results.figures ?? [])
  const load = results.environment?.loadAverageAtStart
  return {
    bench: b,
    ok: true,
    seconds,
    figures,
    date: results.date ?? null,
    load: Array.isArray(load) ? (load as number[]) : null
  }
}

function runBenchmark(b: Benchmark): Outcome {
  settle()
  console.log(`\n== ${b.name}: ${b.what}`)
  const started = performance.now()
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(BENCH_DIR, b.file)], {
    cwd: ROOT,
    stdio: 'inherit'
  })
  const seconds = round((performance.now() - started) / 1000, 1)
  const stored = r.status === 0 ? storedOutcome(b, seconds) : null
  if (stored) return stored
  console.log(`   ${b.name} failed (exit ${r.status ?? r.signal})`)
  return { bench: b, ok: false, seconds, figures: [], date: null, load: null }
}

const cell = (s: string) => s.replace(/\|/g, '\\|')

function summary(
  outcomes: Outcome[],
  totalSeconds: number,
  loadAtStart: number[],
  runNow: Set<string>
): string {
  const env = environment()
  const load = (l: number[]) => l.map((x) => round(x, 2)).join(' / ')
  const ran = outcomes.filter((o) => runNow.has(o.bench.name)).map((o) => o.bench.name)
  const lines = [
    '# Benchmark results',
    '',
    `\`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ` +
      `${ran.length === outcomes.length ? 'every benchmark' : `run now: ${ran.join(', ') || 'none'}; the others' figures are from their latest stored run`} ` +
      '(each dated under "Runs"): ' +
      `${env.cpus} x ${env.cpu}, ${env.memoryMiB} MiB, Node ${env.node}, ` +
      `kcat ${env.kcat}, confluent-kafka-python ${env.confluentKafkaPython}` +
      (ran.length > 0
        ? `; ${round(totalSeconds)} s in all. Load average (1 / 5 / 15 min) ${load(loadAtStart)} ` +
          `at the start, ${load(loadavg())} at the end: other work on the `
        : '. Other work on the ') +
      'machine shows in the figures. Every broker figure comes from `node bin/logdeck.cjs ' +
      'serve` in its own process, real clients over loopback, data directories in the system ' +
      'temp folder, fsync off (the default). BOOTSTRAP stands for the listeners the broker ' +
      'printed; each benchmark writes its details (every run) to bench/results/<name>.json.',
    '',
    '| Figure | Value | Target | | Command |',
    '| --- | ---: | ---: | --- | --- |'
  ]
  const notes: string[] = []
  for (const o of outcomes) {
    if (!o.ok) {
      lines.push(`| ${o.bench.name} | failed | | | \`node --import tsx bench/${o.bench.file}\` |`)
      continue
    }
    for (const f of o.figures) {
      const ok = met(f)
      const target = f.target ? `${f.target.op} ${fmt(f.target.value)} ${f.unit}` : ''
      const mark = ok === null ? '' : ok ? 'met' : '**missed**'
      let label = f.label
      if (f.note) {
        if (!notes.includes(f.note)) notes.push(f.note)
        label += ` [${notes.indexOf(f.note) + 1}]`
      }
      lines.push(
        `| ${cell(label)} | ${fmt(f.value)} ${f.unit} | ${cell(target)} | ${mark} | \`${cell(f.command)}\` |`
      )
    }
  }
  lines.push('', 'Notes:', '')
  notes.forEach((n, i) => lines.push(`${i + 1}. ${n}`))
  lines.push(
    '',
    'Client tuning: kcat producers `-X linger.ms=5 -X batch.num.messages=10000` (batch.size ' +
      'stays at its 1 MB default); the kcat consumer `-X queued.min.messages=1000000`, so that ' +
      "its fetcher is never held back by its own local queue, and `-f ''` (records are " +
      'received and discarded; `-c` makes kcat exit only once it has consumed them all). ' +
      'Everything else is librdkafka defaults.',
    '',
    'Runs:',
    ''
  )
  for (const o of outcomes) {
    const when = o.date ? `${o.date.slice(0, 16).replace('T', ' ')} UTC` : 'date not recorded'
    const took = o.seconds === null ? '' : `, ${o.seconds} s`
    const loadNote = o.load ? `, load average ${load(o.load)} at its start` : ''
    const state = o.ok ? '' : ' (failed)'
    lines.push(`- ${o.bench.name}: ${when}${took}${loadNote}${state}`)
  }
  lines.push('')
  return lines.join('\n')
}

function main(): void {
  const started = performance.now()
  const loadAtStart = loadavg()
  if (!args.includes('--no-build')) build()
  const runNow = new Set(BENCHMARKS.filter((b) => !only || only.has(b.name)).map((b) => b.name))
  const outcomes: Outcome[] = []
  for (const b of BENCHMARKS) {
    const o = runNow.has(b.name) ? runBenchmark(b) : storedOutcome(b, null)
    if (o) outcomes.push(o)
  }
  const totalSeconds = (performance.now() - started) / 1000
  const file = join(RESULTS_DIR, 'summary.md')
  writeFileSync(file, summary(outcomes, totalSeconds, loadAtStart, runNow))
  console.log(`\n${round(totalSeconds)} s in all; summary in ${file}`)
  if (outcomes.some((o) => !o.ok)) process.exitCode = 1
}

main()
