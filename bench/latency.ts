// Produce->consume latency of single records on loopback, with confluent-kafka-python
// (bench/clients/latency.py): p50 / p99 of the time from produce() to the consumer's poll()
// returning the record, and the producer's acknowledgement time (acks=1) alone; and the broker's
// CPU time per record over the run (user + system, all threads), which the load hardly moves.
//
//   node --import tsx bench/latency.ts [--samples N] [--warmup N] [--in-memory]
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { commandLine, PYTHON, runOk } from './lib/proc'
import { BENCH_DIR, Recorder, percentile, round } from './lib/results'
import { createTopic, startServe } from './lib/serve'

const args = process.argv.slice(2)
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const SAMPLES = arg('--samples', 5000)
const WARMUP = arg('--warmup', 200)
/** Runs the broker on :memory: instead of a data directory (to tell storage from the rest). */
const IN_MEMORY = args.includes('--in-memory')

interface Output {
  endToEndMs: number[]
  ackMs: number[]
  lost: number
  producer: Record<string, unknown>
  consumer: Record<string, unknown>
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b)
  return {
    samples: s.length,
    p50: round(percentile(s, 50), 3),
    p90: round(percentile(s, 90), 3),
    p99: round(percentile(s, 99), 3),
    max: round(s[s.length - 1], 3),
    mean: round(s.reduce((a, b) => a + b, 0) / s.length, 3)
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'logdeck-bench-latency-'))
  const rec = new Recorder('latency')
  const s = await startServe([
    ...(IN_MEMORY ? ['--in-memory'] : ['--data-dir', join(root, 'data')]),
    '--port',
    '0',
    '--ui-port',
    '0',
    '--token',
    'bench'
  ])
  try {
    await createTopic(s, 'latency', 1, 1)
    const script = join(BENCH_DIR, 'clients', 'latency.py')
    const pyArgs = [script, s.bootstrap, 'latency', String(SAMPLES), String(WARMUP)]
    const cpuBefore = s.cpuMs()
    const r = await runOk(PYTHON, pyArgs)
    const cpuUsPerRecord = round(((s.cpuMs() - cpuBefore) * 1000) / (SAMPLES + WARMUP), 1)
    const out = JSON.parse(r.stdout) as Output
    const e2e = stats(out.endToEndMs)
    const ack = stats(out.ackMs)
    const command = commandLine('/usr/bin/python3', [
      'bench/clients/latency.py',
      'BOOTSTRAP',
      'latency',
      String(SAMPLES),
      String(WARMUP)
    ])
    const tuning = `producer ${JSON.stringify(out.producer)}; consumer ${JSON.stringify(out.consumer)}`
    rec.figure({
      key: 'latency_p50_ms',
      label: 'produce->consume latency, single records, p50',
      value: e2e.p50,
      unit: 'ms',
      command,
      note: `confluent-kafka-python in one process; ${SAMPLES} samples after ${WARMUP} warm-up; ${tuning}`
    })
    rec.figure({
      key: 'latency_p99_ms',
      label: 'produce->consume latency, single records, p99',
      value: e2e.p99,
      unit: 'ms',
      target: { op: '<=', value: 5 },
      command
    })
    rec.figure({
      key: 'ack_latency_p99_ms',
      label: 'produce acknowledgement (acks=1), single records, p99',
      value: ack.p99,
      unit: 'ms',
      command,
      note: `p50 ${ack.p50} ms`
    })
    rec.figure({
      key: 'latency_broker_cpu_us_per_record',
      label: 'broker CPU per single-record produce->consume',
      value: cpuUsPerRecord,
      unit: 'µs',
      command,
      note: 'user + system time of the serve process over the run (its produce, fetch and ack), per record'
    })
    Object.assign(rec.details, { storage: IN_MEMORY ? ':memory:' : 'data directory' })
    Object.assign(rec.details, { endToEnd: e2e, ack, lost: out.lost, tuning })
    if (!IN_MEMORY) rec.write()
  } finally {
    await s.stop()
    rmSync(root, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
