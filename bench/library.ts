// `startCluster()` in the benchmark's own process: time from the call to the first record
// acknowledged to a kafkajs producer (cluster start, topic creation, client connect, produce),
// median of RUNS starts with a close() after each (and as many without the schema registry,
// alternating); and the memory each extra running cluster adds (RSS and heap after a full
// collection, over EXTRA clusters started side by side, in a fresh process before the timed
// starts).
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

async function firstRecordMs(schemaRegistry: boolean): Promise<number> {
  const started = performance.now()
  const cluster = await startCluster({
    schemaRegistry,
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

/**
 * RSS and heap each extra running cluster adds. Measured first, in a fresh process: after many
 * starts and closes the allocator holds freed pages that new clusters reuse, and RSS would hide
 * them. One cluster runs before the baseline so the code and the first-use caches are loaded.
 */
async function memoryPerCluster(): Promise<{
  rss: number
  heap: number
  before: ReturnType<typeof memory>
  after: ReturnType<typeof memory>
}> {
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
  return {
    rss: (after.rss - before.rss) / EXTRA,
    heap: (after.heap - before.heap) / EXTRA,
    before,
    after
  }
}

async function main(): Promise<void> {
  const rec = new Recorder('library')
  const perCluster = await memoryPerCluster()
  // With the schema registry (the default) and without it, alternating, so both see the same
  // load on the machine.
  const times: number[] = []
  const withoutRegistry: number[] = []
  for (let i = 0; i < RUNS; i++) {
    times.push(round(await firstRecordMs(true), 1))
    withoutRegistry.push(round(await firstRecordMs(false), 1))
  }
  rec.figure({
    key: 'start_cluster_first_record_ms',
    label: 'startCluster() to first produced record, in process',
    value: round(median(times), 1),
    unit: 'ms',
    target: { op: '<=', value: 100 },
    command: 'node --import tsx bench/library.ts',
    note: `median of ${RUNS} starts: 1 broker in memory with its schema registry, a topic, a kafkajs producer's first send`
  })
  rec.figure({
    key: 'start_cluster_no_registry_first_record_ms',
    label: 'the same with schemaRegistry: false',
    value: round(median(withoutRegistry), 1),
    unit: 'ms',
    command: 'node --import tsx bench/library.ts',
    note: `median of ${RUNS} starts, alternating with the ones above`
  })
  rec.figure({
    key: 'memory_per_extra_cluster_mib',
    label: 'memory per extra running cluster (RSS / heap)',
    value: round(perCluster.rss, 1),
    unit: 'MiB',
    command: 'node --import tsx bench/library.ts',
    note: `over ${EXTRA} clusters of 1 broker (and schema registry) with a 3-partition topic, measured before the timed starts; heap ${round(perCluster.heap, 2)} MiB each`
  })
  Object.assign(rec.details, {
    runs: RUNS,
    timesMs: times,
    withoutRegistryMs: withoutRegistry,
    extra: EXTRA,
    before: perCluster.before,
    after: perCluster.after
  })
  rec.write()
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
