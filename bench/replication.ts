// Replication: produce throughput with acks=all against acks=1 on topics of replication factor 3
// (same run, alternating), and the time a producer takes to produce again after the broker
// leading its partition is stopped (POST /api/brokers.stop).
//
//   node --import tsx bench/replication.ts [--records N] [--runs N] [--failovers N]
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { kcatProduceArgs } from './lib/kcat'
import { commandLine, PYTHON, runOk } from './lib/proc'
import { RECORD_BYTES, writeRecordsFile } from './lib/records-file'
import { BENCH_DIR, Recorder, fmt, median, round } from './lib/results'
import { createTopic, describeTopic, startServe, type Serve } from './lib/serve'

const args = process.argv.slice(2)
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const RECORDS = arg('--records', 1_000_000)
const RUNS = arg('--runs', 5)
const FAILOVERS = arg('--failovers', 5)
const PARTITIONS = 6
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface ThroughputRun {
  acks: '1' | 'all'
  wallMs: number
  recordsPerSec: number
  brokerCpuMs: number
}

interface FailoverOutput {
  gapMs: number | null
  stopToFirstAckMs: number | null
  stopRequestMs: number
  acked: number
  errors: number
  errorSamples: string[]
  producer: Record<string, unknown>
}

async function throughput(s: Serve, recordsFile: string): Promise<ThroughputRun[]> {
  const runs: ThroughputRun[] = []
  for (let run = 1; run <= RUNS; run++) {
    for (const acks of ['1', 'all'] as const) {
      const topic = `rf3-acks-${acks}-${run}`
      await createTopic(s, topic, PARTITIONS, 3)
      const cpu0 = s.cpuMs()
      const r = await runOk('kcat', kcatProduceArgs(s.bootstrap, topic, acks), {
        stdinFile: recordsFile
      })
      const brokerCpuMs = s.cpuMs() - cpu0
      const parts = await describeTopic(s, topic)
      const stored = parts.reduce((n, p) => n + p.highWatermark, 0)
      if (stored !== RECORDS) throw new Error(`${topic}: ${stored} records of ${RECORDS} stored`)
      const underReplicated = parts.filter((p) => p.isr.length < 3).length
      if (underReplicated > 0)
        console.log(`  ${topic}: ${underReplicated} partitions under-replicated`)
      runs.push({
        acks,
        wallMs: round(r.wallMs, 1),
        recordsPerSec: Math.round((RECORDS / r.wallMs) * 1000),
        brokerCpuMs
      })
      console.log(`  ${topic}: ${JSON.stringify(runs.at(-1))}`)
    }
  }
  return runs
}

async function failovers(s: Serve): Promise<(FailoverOutput & { stoppedBroker: number })[]> {
  const out: (FailoverOutput & { stoppedBroker: number })[] = []
  for (let i = 1; i <= FAILOVERS; i++) {
    const topic = `failover-${i}`
    await createTopic(s, topic, 1, 3)
    const [p] = await describeTopic(s, topic)
    const r = await runOk(PYTHON, [
      join(BENCH_DIR, 'clients', 'failover.py'),
      s.bootstrap,
      topic,
      s.apiBase!,
      s.token!,
      String(p.leader),
      '1',
      '1',
      '3'
    ])
    const result = JSON.parse(r.stdout) as FailoverOutput
    out.push({ stoppedBroker: p.leader, ...result })
    console.log(
      `  ${topic}: broker ${p.leader} stopped; gap ${round(result.gapMs ?? NaN, 1)} ms, ${result.errors} delivery errors`
    )
    await s.call('brokers.start', { brokerId: p.leader })
    // Let the restarted broker catch up and rejoin the ISR before the next round.
    for (let t = 0; t < 50; t++) {
      const [q] = await describeTopic(s, topic)
      if (q.isr.length === 3) break
      await sleep(100)
    }
  }
  return out
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'logdeck-bench-replication-'))
  const rec = new Recorder('replication')
  const recordsFile = join(root, 'records.txt')
  writeRecordsFile(recordsFile, RECORDS)
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
  try {
    const runs = await throughput(s, recordsFile)
    const fo = await failovers(s)
    const rate = (acks: '1' | 'all') =>
      median(runs.filter((r) => r.acks === acks).map((r) => r.recordsPerSec))
    const one = rate('1')
    const all = rate('all')
    const cmd = (acks: '1' | 'all') =>
      commandLine('kcat', kcatProduceArgs('BOOTSTRAP', `rf3-acks-${acks}-N`, acks), 'records.txt')
    const spread = (acks: '1' | 'all') => {
      const rates = runs.filter((r) => r.acks === acks).map((r) => r.recordsPerSec)
      return `runs from ${fmt(Math.min(...rates))} to ${fmt(Math.max(...rates))} records/s`
    }
    const note = `median of ${RUNS} runs of ${RECORDS.toLocaleString('en-US')} ${RECORD_BYTES}-byte records, each into a new topic of ${PARTITIONS} partitions, replication factor 3; acks=1 and acks=all runs alternate`
    rec.figure({
      key: 'rf3_acks1_records_per_sec',
      label: 'produce, replication factor 3, acks=1',
      value: one,
      unit: 'records/s',
      command: cmd('1'),
      note: `${note}; ${spread('1')}`
    })
    rec.figure({
      key: 'rf3_acks_all_records_per_sec',
      label: 'produce, replication factor 3, acks=all',
      value: all,
      unit: 'records/s',
      command: cmd('all'),
      note: `${note}; ${spread('all')}`
    })
    rec.figure({
      key: 'acks_all_vs_acks1_percent',
      label: 'acks=all throughput as a share of acks=1',
      value: round((100 * all) / one, 1),
      unit: '%',
      target: { op: '>=', value: 70 },
      command: `${cmd('all')}  vs  ${cmd('1')}`
    })
    const gaps = fo.map((f) => f.gapMs).filter((g): g is number => g !== null)
    const stopToAck = fo.map((f) => f.stopToFirstAckMs).filter((g): g is number => g !== null)
    const foCmd = commandLine(PYTHON, [
      'bench/clients/failover.py',
      'BOOTSTRAP',
      'failover-N',
      'API_BASE',
      'TOKEN',
      'LEADER_ID'
    ])
    rec.figure({
      key: 'failover_gap_ms',
      label: 'leader broker stopped: last ack before to first ack after',
      value: round(median(gaps), 1),
      unit: 'ms',
      command: foCmd,
      note: `median of ${FAILOVERS} stops of the leader of a 1-partition, replication factor 3 topic while a confluent-kafka-python producer (acks=all, idempotent) sends a record every 1 ms; librdkafka defaults otherwise`
    })
    rec.figure({
      key: 'failover_gap_max_ms',
      label: 'leader broker stopped: gap, worst of the stops',
      value: round(Math.max(...gaps), 1),
      unit: 'ms',
      command: foCmd,
      note: `gaps ${gaps.map((g) => round(g)).join(', ')} ms. The spread is librdkafka's own pacing, seen in its debug log: the broker answers its metadata request within milliseconds and names the new leader; records in flight at the stop are then retried after retry.backoff.ms (100 ms), with none in flight the next record goes at once (about 10 ms), and now and then the metadata request itself is held back for topic.metadata.refresh.fast.interval.ms (250 ms)`
    })
    rec.figure({
      key: 'failover_stop_to_first_ack_ms',
      label: 'leader broker stopped: stop request to first ack after',
      value: round(median(stopToAck), 1),
      unit: 'ms',
      command: foCmd
    })
    Object.assign(rec.details, {
      records: RECORDS,
      throughput: runs,
      failovers: fo,
      closedConnections: s.closedConnections().length
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
