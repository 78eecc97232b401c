// Results of one benchmark: the figures the summary table shows (value, target, command) and
// the raw details behind them, written to bench/results/<name>.json.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { dirname, join } from 'node:path'

export const BENCH_DIR = join(__dirname, '..')
export const ROOT = join(BENCH_DIR, '..')
export const RESULTS_DIR = join(BENCH_DIR, 'results')

export interface Target {
  /** '>=' when more is better, '<=' when less is. */
  op: '>=' | '<='
  value: number
}

export interface Figure {
  /** Stable key, e.g. produce_records_per_sec. */
  key: string
  label: string
  value: number
  unit: string
  target?: Target
  /** How the figure was obtained: the client command line with its tuning. */
  command: string
  /** Anything a reader needs to interpret the value. */
  note?: string
}

export interface BenchResults {
  name: string
  date: string
  seconds: number
  environment: Record<string, unknown>
  figures: Figure[]
  details: Record<string, unknown>
}

export function met(f: Figure): boolean | null {
  if (!f.target) return null
  return f.target.op === '>=' ? f.value >= f.target.value : f.value <= f.target.value
}

function version(cmd: string, args: string[], parse: (out: string) => string | null) {
  try {
    return parse(execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }))
  } catch {
    return null
  }
}

/** The machine and client versions, recorded with every result file. */
export function environment(): Record<string, unknown> {
  return {
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryMiB: Math.round(totalmem() / 2 ** 20),
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    kcat: version('kcat', ['-V'], (out) => {
      const m = /^Version (\S+) .*librdkafka ([\d.]+)/m.exec(out)
      return m ? `${m[1]} (librdkafka ${m[2]})` : null
    }),
    confluentKafkaPython: version(
      '/usr/bin/python3',
      [
        '-c',
        'import confluent_kafka as c; print(f"{c.version()[0]} (librdkafka {c.libversion()[0]})")'
      ],
      (out) => out.trim() || null
    )
  }
}

/** Collects figures for one benchmark and writes its JSON file. */
export class Recorder {
  private readonly started = performance.now()
  private readonly env = environment()
  readonly figures: Figure[] = []
  readonly details: Record<string, unknown> = {}

  constructor(readonly name: string) {}

  figure(f: Figure): void {
    this.figures.push(f)
    const ok = met(f)
    const target = f.target ? ` (target ${f.target.op} ${fmt(f.target.value)} ${f.unit})` : ''
    const mark = ok === null ? '' : ok ? ' ok' : ' MISSED'
    console.log(`  ${f.label.padEnd(60)} ${fmt(f.value)} ${f.unit}${target}${mark}`)
  }

  write(): string {
    const out = join(RESULTS_DIR, `${this.name}.json`)
    const results: BenchResults = {
      name: this.name,
      date: new Date().toISOString(),
      seconds: Math.round(performance.now() - this.started) / 1000,
      environment: this.env,
      figures: this.figures,
      details: this.details
    }
    mkdirSync(dirname(out), { recursive: true })
    writeFileSync(out, JSON.stringify(results, null, 2) + '\n')
    console.log(`  results in ${out}`)
    return out
  }
}

/** Thousands separators; up to two decimals below 100. */
export function fmt(n: number): string {
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2
  return n.toLocaleString('en-US', { maximumFractionDigits: digits })
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]
}

export const round = (n: number, digits = 0): number => {
  const f = 10 ** digits
  return Math.round(n * f) / f
}
