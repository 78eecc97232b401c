// `startCluster()` in the benchmark's own process: time from the call to the first record
// acknowledged to a kafkajs producer (cluster start, topic creation, client connect, produce),
// median of RUNS starts with a close() after each; and the memory each extra running cluster
// adds (RSS and heap after a full collection, over EXTRA clusters started side by side).
//
//   node --import tsx bench/library.ts [--runs N] [--extra N]
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { Kafka, logLevel } from 'kafkajs'
import { startCluster, type Cluster } from '../src/server/library'
import { Recorder, median, round } from './lib/results'

const args = process.argv.slice(2)
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const RUNS = arg('--runs', 50)
const EXTRA = arg('--extra', 10)

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
const MiB = 2 ** 20

async function firstRecordMs(): Promise<number> {
  const started = performance.now()
  const cluster = await startCluster({
    topics: [{ name: 'events', partitions: 1, replicationFactor: 1 }]
  })
  const kafka = new Kafka({ brokers: cluster.bootstrapServers, logLevel: logLevel.NOTHING })
  const producer = kafka.producer()
  await producer.connect()
  await producer.send({ topic: 'events', messages: [{ value: 'first' }] })
  const ms = performance.now() - started
  await producer.disconnect()
  await cluster.close()
  return ms
}

function memory(): { rss: number; heap: number } {
  gc()
  gc()
  const m = process.memoryUsage()
  return { rss: m.rss / MiB, heap: m.heapUsed / MiB }
}

async function main(): Promise<void> {
  const rec = new Recorder('library')
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) times.push(round(await firstRecordMs(), 1))
  rec.figure({
    key: 'start_cluster_first_record_ms',
    label: 'startCluster() to first produced record, in process',
    value: round(median(times), 1),
    unit: 'ms',
    target: { op: '<=', value: 100 },
    command: 'node --import tsx bench/library.ts',
    note: `median of ${RUNS} starts: 1 broker in memory, a topic, a kafkajs producer's first send`
  })
  const base = await startCluster({
    topics: [{ name: 'events', partitions: 1, replicationFactor: 1 }]
  })
  const before = memory()
  const extra: Cluster[] = []
  for (let i = 0; i < EXTRA; i++)
    extra.push(
      await startCluster({ topics: [{ name: 'events', partitions: 3, replicationFactor: 1 }] })
    )
  const after = memory()
  await Promise.all([base, ...extra].map((c) => c.close()))
  rec.figure({
    key: 'memory_per_extra_cluster_mib',
    label: 'memory per extra running cluster (RSS / heap)',
    value: round((after.rss - before.rss) / EXTRA, 1),
    unit: 'MiB',
    command: 'node --import tsx bench/library.ts',
    note: `over ${EXTRA} clusters of 1 broker with a 3-partition topic; heap ${round((after.heap - before.heap) / EXTRA, 2)} MiB each`
  })
  Object.assign(rec.details, { runs: RUNS, timesMs: times, extra: EXTRA, before, after })
  rec.write()
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
