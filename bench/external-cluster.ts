// The console on a real Kafka cluster: `messages.read` of 100 records at a random offset of a
// 1,000,000-record partition, and `topics.list` of 1,000 topics, both through the console's
// HTTP API with `"connection"`, the cluster being a second `logdeck serve` reached only over
// the Kafka protocol (@platformatic/kafka in the console).
//
//   node --import tsx bench/external-cluster.ts [--records N] [--reads N] [--topics N]
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Admin } from '@platformatic/kafka'
import { commandLine } from './lib/proc'
import { Recorder, median, percentile, round } from './lib/results'
import { startServe } from './lib/serve'

const args = process.argv.slice(2)
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const RECORDS = arg('--records', 1_000_000)
const READS = arg('--reads', 300)
const TOPICS = arg('--topics', 1000)

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'logdeck-bench-external-'))
  const rec = new Recorder('external-cluster')
  const external = await startServe([
    '--data-dir',
    join(root, 'kafka'),
    '--no-ui',
    '--port',
    '0',
    '--brokers',
    '1'
  ])
  const console_ = await startServe([
    '--in-memory',
    '--port',
    '0',
    '--ui-port',
    '0',
    '--brokers',
    '1'
  ])
  try {
    // 1,000,000 records of 100 bytes in one partition, from a batching kcat producer.
    const input = join(root, 'records.txt')
    const line = 'x'.repeat(90)
    writeFileSync(
      input,
      Array.from({ length: RECORDS }, (_, i) => `${String(i).padStart(9, '0')}${line}`).join('\n') +
        '\n'
    )
    await console_.call('connections.add', {
      id: 'bench',
      name: 'bench',
      bootstrapServers: external.bootstrap.split(','),
      historyIntervalMs: 0
    })
    await console_.call('topics.create', {
      connection: 'bench',
      name: 'big',
      partitions: 1,
      replicationFactor: 1
    })
    const produce = [
      '-b',
      external.bootstrap,
      '-P',
      '-t',
      'big',
      '-p',
      '0',
      '-X',
      'linger.ms=5',
      '-X',
      'batch.num.messages=10000',
      '-l',
      input
    ]
    const p = spawnSync('kcat', produce, { stdio: 'inherit' })
    if (p.status !== 0) throw new Error('kcat could not produce')
    const read = (offset: number) =>
      console_.call<{ records: { offset: number }[] }>('messages.read', {
        connection: 'bench',
        topic: 'big',
        partition: 0,
        from: { offset },
        limit: 100
      })
    for (let i = 0; i < 20; i++) await read(Math.floor(Math.random() * (RECORDS - 100)))
    const times: number[] = []
    for (let i = 0; i < READS; i++) {
      const offset = Math.floor(Math.random() * (RECORDS - 100))
      const t = performance.now()
      const page = await read(offset)
      times.push(performance.now() - t)
      if (page.records.length !== 100 || page.records[0].offset !== offset)
        throw new Error(
          `read at ${offset} gave ${page.records.length} records from ${page.records[0]?.offset}`
        )
    }
    times.sort((a, b) => a - b)
    rec.figure({
      key: 'external_read_100_p99_ms',
      label: `messages.read of 100 records at a random offset of ${RECORDS.toLocaleString('en-US')}, external cluster (p99)`,
      value: round(percentile(times, 99), 1),
      unit: 'ms',
      target: { op: '<=', value: 100 },
      command: `POST /api/messages.read {"connection":"bench","topic":"big","partition":0,"from":{"offset":RANDOM},"limit":100}`,
      note: `${READS} reads after 20 warm-up reads; median ${round(median(times), 1)} ms; records from ${commandLine('kcat', produce)}`
    })

    // 1,000 topics of one partition, created 100 per CreateTopics request.
    const admin = new Admin({ clientId: 'bench', bootstrapBrokers: external.bootstrap.split(',') })
    for (let i = 0; i < TOPICS; i += 100)
      await admin.createTopics({
        topics: Array.from({ length: Math.min(100, TOPICS - i) }, (_, j) => `t-${i + j}`),
        partitions: 1,
        replicas: 1
      })
    await admin.close()
    const lists: number[] = []
    for (let i = 0; i < 7; i++) {
      const t = performance.now()
      const { topics } = await console_.call<{ topics: unknown[] }>('topics.list', {
        connection: 'bench'
      })
      lists.push(performance.now() - t)
      if (topics.length !== TOPICS + 1) throw new Error(`topics.list gave ${topics.length} topics`)
    }
    rec.figure({
      key: 'external_topics_list_ms',
      label: `topics.list of ${TOPICS.toLocaleString('en-US')} topics, external cluster (median)`,
      value: round(median(lists.slice(1)), 1),
      unit: 'ms',
      target: { op: '<=', value: 1000 },
      command: 'POST /api/topics.list {"connection":"bench"}',
      note: `median of 6 after one warm-up; slowest ${round(Math.max(...lists.slice(1)), 1)} ms`
    })
    Object.assign(rec.details, {
      reads: READS,
      records: RECORDS,
      readMs: { median: median(times), p99: percentile(times, 99), max: times.at(-1) },
      listMs: lists
    })
    rec.write()
  } finally {
    await console_.stop()
    await external.stop()
    rmSync(root, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
