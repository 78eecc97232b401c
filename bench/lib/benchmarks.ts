// The benchmarks `npm run bench` runs (bench/run.ts), each a bench/<file> that writes
// bench/results/<name>.json.
export interface Benchmark {
  name: string
  file: string
  what: string
}

/**
 * In this order: the engine benchmark writes gigabytes to the temp folder, and the disk's
 * write-back after it would weigh on whatever ran next, so it runs last. Between benchmarks the
 * page cache is flushed (sync) and the machine left alone for a moment.
 */
export const BENCHMARKS: Benchmark[] = [
  {
    name: 'kafka-produce-consume',
    file: 'kafka-produce-consume.ts',
    what: 'produce and consume throughput with kcat'
  },
  {
    name: 'produce',
    file: 'produce.ts',
    what: "keyed produce with kcat against librdkafka's mock broker, 100 producers, 1,000 partitions"
  },
  { name: 'latency', file: 'latency.ts', what: 'produce->consume latency' },
  { name: 'startup', file: 'startup.ts', what: 'start-to-ready time and idle memory' },
  {
    name: 'library',
    file: 'library.ts',
    what: 'startCluster() to first produced record in process, memory per extra cluster'
  },
  { name: 'replication', file: 'replication.ts', what: 'acks=all vs acks=1, failover' },
  {
    name: 'transactions',
    file: 'transactions.ts',
    what: 'transactional produce (transactions of 100 and 10,000 records) vs none, same client'
  },
  {
    name: 'message-browser',
    file: 'message-browser.ts',
    what: 'the console in Chromium: read 500 records, expand a row, expand 1 MiB'
  },
  {
    name: 'external-cluster',
    file: 'external-cluster.ts',
    what: 'the console on a real Kafka cluster: messages.read and topics.list with a connection'
  },
  {
    name: 'soak',
    file: 'soak.ts',
    what: 'RSS over a long run (LOGDECK_SOAK_SECONDS, 30 min by default): producer, group, failovers'
  },
  {
    name: 'schema-registry',
    file: 'schema-registry.ts',
    what: 'decoding Avro 1 KB records in the search and read paths, registry lookups in process and HTTP'
  },
  {
    name: 'consumer-heartbeats',
    file: 'consumer-heartbeats.ts',
    what: 'KIP-848 steady heartbeats of groups of 100 and 400 members, the coordinator in process'
  },
  { name: 'engine-log', file: 'engine-log.ts', what: 'partition log on SQLite, in process' }
]
