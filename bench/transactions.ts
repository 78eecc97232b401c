// Transactions: produce throughput of a transactional confluent-kafka-python producer committing
// every 100 and every 10,000 records, against the same client without transactions (idempotent,
// acks=all), in the same run and alternating, into new topics of 3 partitions, replication
// factor 3. Each run checks that a read_committed count of the topic is the number produced.
//
//   node --import tsx bench/transactions.ts [--records N] [--runs N]
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { commandLine, PYTHON, runOk } from './lib/proc'
import { BENCH_DIR, Recorder, fmt, median, round } from './lib/results'
import { createTopic, startServe, type Serve } from './lib/serve'

const args = process.argv.slice(2)
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const RECORDS = arg('--records', 200_000)
const RUNS = arg('--runs', 3)
const PARTITIONS = 3
const SIZES = [0, 100, 10_000] as const
const CLIENT = join(BENCH_DIR, 'clients', 'transactions.py')

interface ClientOutput {
  records: number
  txnSize: number
  transactions: number
  seconds: number
  recordsPerSec: number
  failed: number
  failures: string[]
}

interface Run extends ClientOutput {
  run: number
  brokerCpuMs: number
  loadAverage: number
}

const label = (size: number) =>
  size === 0 ? 'no transactions' : `transactions of ${size.toLocaleString('en-US')}`

/** Records a read_committed reader sees (messages.read), up to each partition's last stable offset. */
async function committedRecords(s: Serve, topic: string): Promise<number> {
  let n = 0
  const d = await s.call<{ partitions: { partition: number; lastStableOffset?: number }[] }>(
    'topics.describe',
    { name: topic }
  )
  for (let partition = 0; partition < PARTITIONS; partition++) {
    const p = d.partitions.find((x) => x.partition === partition)
    if (p?.lastStableOffset === undefined) throw new Error(`${topic}-${partition}: no LSO`)
    let from: 'earliest' | { offset: number } = 'earliest'
    for (;;) {
      const page: { records: { offset: number }[] } = await s.call('messages.read', {
        topic,
        partition,
        from,
        limit: 10_000,
        isolation: 'read_committed'
      })
      n += page.records.length
      const last: { offset: number } | undefined = page.records.at(-1)
      if (!last || last.offset + 1 >= p.lastStableOffset) break
      from = { offset: last.offset + 1 }
    }
  }
  return n
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'logdeck-bench-transactions-'))
  const rec = new Recorder('transactions')
  const s = await startServe([
    '--data-dir',
    join(root, 'data'),
    '--port',
    '0',
    '--ui-port',
    '0',
    '--token',
    'bench'
  ])
  const runs: Run[] = []
  const loadStart = loadavg()
  try {
    for (let run = 1; run <= RUNS; run++) {
      // The order turns each run, so no mode always follows another.
      const order = SIZES.map((_, i) => SIZES[(i + run - 1) % SIZES.length])
      for (const size of order) {
        const topic = `txn-bench-${size}-${run}`
        await createTopic(s, topic, PARTITIONS, 3)
        const cpu0 = s.cpuMs()
        const r = await runOk(PYTHON, [CLIENT, s.bootstrap, topic, String(RECORDS), String(size)], {
          timeoutMs: 600_000
        })
        const out = JSON.parse(r.stdout) as ClientOutput
        if (out.failed > 0)
          throw new Error(`${topic}: ${out.failed} records failed ${out.failures}`)
        const seen = await committedRecords(s, topic)
        if (seen !== RECORDS) throw new Error(`${topic}: read_committed sees ${seen} of ${RECORDS}`)
        runs.push({
          ...out,
          run,
          brokerCpuMs: s.cpuMs() - cpu0,
          loadAverage: round(loadavg()[0], 2)
        })
        console.log(
          `  ${topic}: ${fmt(Math.round(out.recordsPerSec))} records/s, ${out.transactions} transactions, load ${round(loadavg()[0], 1)}`
        )
      }
    }
    const rate = (size: number) =>
      Math.round(median(runs.filter((r) => r.txnSize === size).map((r) => r.recordsPerSec)))
    const spread = (size: number) => {
      const rates = runs.filter((r) => r.txnSize === size).map((r) => r.recordsPerSec)
      return `runs from ${fmt(Math.round(Math.min(...rates)))} to ${fmt(Math.round(Math.max(...rates)))} records/s`
    }
    const cpuPerRecord = (size: number) =>
      round(
        (1000 * median(runs.filter((r) => r.txnSize === size).map((r) => r.brokerCpuMs))) / RECORDS,
        2
      )
    const cmd = (size: number) =>
      commandLine(PYTHON, [
        'bench/clients/transactions.py',
        'BOOTSTRAP',
        `txn-bench-${size}-N`,
        String(RECORDS),
        String(size)
      ])
    const loadEnd = loadavg()
    const load = `load average (1 min) ${round(loadStart[0], 1)} at the start, ${round(loadEnd[0], 1)} at the end`
    const note = `median of ${RUNS} runs of ${RECORDS.toLocaleString('en-US')} 100-byte records from confluent-kafka-python (idempotent, acks=all, linger.ms=5), each into a new topic of ${PARTITIONS} partitions, replication factor 3, the three modes alternating; ${load}`
    const plain = rate(0)
    for (const size of SIZES)
      rec.figure({
        key: size === 0 ? 'plain_records_per_sec' : `txn_${size}_records_per_sec`,
        label: `produce, confluent-kafka-python, ${label(size)}`,
        value: rate(size),
        unit: 'records/s',
        command: cmd(size),
        note: `${note}; ${spread(size)}; broker CPU ${cpuPerRecord(size)} µs per record`
      })
    for (const size of SIZES.filter((x) => x > 0))
      rec.figure({
        key: `txn_${size}_vs_plain_percent`,
        label: `${label(size)}: throughput as a share of no transactions`,
        value: round((100 * rate(size)) / plain, 1),
        unit: '%',
        ...(size === 10_000 ? { target: { op: '>=' as const, value: 70 } } : {}),
        command: `${cmd(size)}  vs  ${cmd(0)}`
      })
    Object.assign(rec.details, {
      records: RECORDS,
      runs,
      loadAverageStart: loadStart,
      loadAverageEnd: loadEnd,
      brokerCpuUsPerRecord: Object.fromEntries(SIZES.map((x) => [x, cpuPerRecord(x)]))
    })
    rec.write()
  } finally {
    await s.stop()
    rmSync(root, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
