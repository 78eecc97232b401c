// The schema registry: decode throughput of the browser's search path (messages.search with a
// JSON path on the decoded value, in the scan worker, over Avro records of about 1 KB that
// kafkajs wrote in batches of 500), of messages.read's wire-format decoding (pages of 500 as the
// browser reads them), and lookups per second, in process and over HTTP with keep-alive.
//
//   node --import tsx bench/schema-registry.ts [--records 20000] [--search-records 40000]
//                                              [--lookups 50000]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import avro from 'avsc'
import { Kafka, logLevel } from 'kafkajs'
import { startCluster } from '../src/server/library'
import { SchemaRegistry } from '../src/engine/registry/registry'
import { decodeTypedRecords } from '../src/engine/registry/wire-format'
import { startRegistryServer } from '../src/engine/registry/server/registry-server'
import type { MessageRecord } from '../src/shared/api/messages'
import { RESULTS_DIR, environment, round, type BenchResults } from './lib/results'

const args = process.argv.slice(2)
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const RECORDS = arg('--records', 20_000)
const LOOKUPS = arg('--lookups', 50_000)
const HTTP_LOOKUPS = arg('--http-lookups', 5_000)
const SEARCH_RECORDS = arg('--search-records', 40_000)
const PAGE = 500

const schema = {
  type: 'record',
  name: 'Order',
  namespace: 'bench',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'quantity', type: 'int' },
    ...Array.from({ length: 12 }, (_, i) => ({ name: `note${i}`, type: 'string' }))
  ]
}

/** Process CPU seconds (every thread: the scan worker's too) since `from`. */
function cpuSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from)
  return (d.user + d.system) / 1e6
}

function order(i: number): Record<string, unknown> {
  const value: Record<string, unknown> = { id: `order-${i}`, amount: i * 1.5, quantity: i % 7 }
  for (let n = 0; n < 12; n++) value[`note${n}`] = `${n}-${i}-`.padEnd(80, 'x')
  return value
}

/**
 * The browser's search path: an embedded cluster on disk (so the scan worker reads it, as in the
 * app), Avro records from kafkajs in batches of 500, then messages.search with a JSON path on
 * the decoded value until it is done. Records scanned per second, from the call to the answer
 * that says done (polled every 20 ms).
 */
async function searchPath(): Promise<{
  perSec: number
  perCpuSec: number
  scanned: number
  matched: number
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'logdeck-bench-registry-'))
  const cluster = await startCluster({
    dataDir,
    topics: [{ name: 'orders', partitions: 1, replicationFactor: 1 }]
  })
  try {
    const { id } = await cluster.call('schemas.register', {
      subject: 'orders-value',
      schema: JSON.stringify(schema)
    })
    const type = avro.Type.forSchema(schema as avro.Schema)
    const head = Buffer.alloc(5)
    head.writeInt32BE(id, 1)
    const kafka = new Kafka({ brokers: cluster.bootstrapServers, logLevel: logLevel.NOTHING })
    const producer = kafka.producer()
    await producer.connect()
    for (let i = 0; i < SEARCH_RECORDS; i += PAGE) {
      const messages = Array.from({ length: Math.min(PAGE, SEARCH_RECORDS - i) }, (_, j) => ({
        key: `order-${i + j}`,
        value: Buffer.concat([head, type.toBuffer(order(i + j))])
      }))
      await producer.send({ topic: 'orders', acks: -1, messages })
    }
    await producer.disconnect()
    const search = async () => {
      const t = performance.now()
      const cpu = process.cpuUsage()
      const { operationId } = await cluster.call('messages.search', {
        topic: 'orders',
        from: 'earliest',
        filters: [{ field: 'value', op: 'jsonPath', value: '$.quantity == 3' }],
        limit: 10_000
      })
      for (;;) {
        const r = await cluster.call('messages.searchResults', { operationId })
        if (r.done) {
          if (r.error) throw new Error(`the search failed: ${r.error}`)
          return {
            seconds: (performance.now() - t) / 1000,
            cpuSeconds: cpuSince(cpu),
            scanned: r.scanned,
            matched: r.matched
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
    // Once to start the worker and parse the schema there; then measured.
    await search()
    const run = await search()
    return {
      perSec: run.scanned / run.seconds,
      perCpuSec: run.scanned / run.cpuSeconds,
      scanned: run.scanned,
      matched: run.matched
    }
  } finally {
    await cluster.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const t0 = performance.now()
  const registry = SchemaRegistry.open(':memory:')
  const { id } = await registry.register('orders-value', { schema: JSON.stringify(schema) })
  const type = avro.Type.forSchema(schema as avro.Schema)
  const head = Buffer.alloc(5)
  head.writeInt32BE(id, 1)
  const payloads: string[] = []
  for (let i = 0; i < RECORDS; i++)
    payloads.push(Buffer.concat([head, type.toBuffer(order(i))]).toString('base64'))
  const avgBytes = Buffer.from(payloads[0], 'base64').length
  const record = (value: string): MessageRecord => ({
    partition: 0,
    offset: 0,
    timestamp: 0,
    timestampType: 'CreateTime',
    key: null,
    value,
    valueEncoding: 'base64',
    headers: [],
    sizeBytes: avgBytes
  })
  // Warm up: load avsc and parse the schema once.
  await decodeTypedRecords(registry, payloads.slice(0, PAGE).map(record))
  const d0 = performance.now()
  const dc = process.cpuUsage()
  for (let i = 0; i < RECORDS; i += PAGE)
    await decodeTypedRecords(registry, payloads.slice(i, i + PAGE).map(record))
  const decodePerSec = RECORDS / ((performance.now() - d0) / 1000)
  const decodePerCpuSec = RECORDS / cpuSince(dc)

  const l0 = performance.now()
  const lc = process.cpuUsage()
  for (let i = 0; i < LOOKUPS; i++) {
    registry.schemaById(id)
    registry.getVersion('orders-value', 'latest')
  }
  const lookupsPerSec = (2 * LOOKUPS) / ((performance.now() - l0) / 1000)
  const lookupsPerCpuSec = (2 * LOOKUPS) / cpuSince(lc)

  const server = await startRegistryServer({ registry, host: '127.0.0.1', port: 0 })
  const h0 = performance.now()
  for (let i = 0; i < HTTP_LOOKUPS; i++) {
    const res = await fetch(`${server.url}/schemas/ids/${id}`)
    await res.arrayBuffer()
  }
  const httpPerSec = HTTP_LOOKUPS / ((performance.now() - h0) / 1000)
  await server.close()
  registry.close()
  const searched = await searchPath()

  const results: BenchResults = {
    name: 'schema-registry',
    date: new Date().toISOString(),
    seconds: round((performance.now() - t0) / 1000, 1),
    environment: environment(),
    figures: [
      {
        key: 'avro_search_records_per_sec',
        label: `search path (messages.search, JSON path on the decoded value, scan worker), Avro, ${avgBytes}-byte records`,
        value: Math.round(searched.perSec),
        unit: 'records/s',
        command: `bench/schema-registry.ts: ${searched.scanned} records from kafkajs in batches of ${PAGE}, '$.quantity == 3' (${searched.matched} matches), startCluster on disk`
      },
      {
        key: 'avro_decode_records_per_sec',
        label: `messages.read wire-format decoding, Avro, ${avgBytes}-byte records`,
        value: Math.round(decodePerSec),
        unit: 'records/s',
        command: `bench/schema-registry.ts: ${RECORDS} records in pages of ${PAGE}, in process`
      },
      {
        key: 'registry_lookups_per_sec',
        label: 'registry lookups in process (schema by id, subject latest)',
        value: Math.round(lookupsPerSec),
        unit: 'lookups/s',
        command: `bench/schema-registry.ts: ${LOOKUPS} of each`
      },
      {
        key: 'registry_http_lookups_per_sec',
        label: 'GET /schemas/ids/{id} over HTTP, one at a time',
        value: Math.round(httpPerSec),
        unit: 'requests/s',
        command: `bench/schema-registry.ts: ${HTTP_LOOKUPS} sequential fetch() calls, keep-alive`
      }
    ],
    details: {
      // Per second of this process's CPU time: what the work costs, whatever else the machine runs.
      searchRecordsPerCpuSec: Math.round(searched.perCpuSec),
      readDecodeRecordsPerCpuSec: Math.round(decodePerCpuSec),
      lookupsPerCpuSec: Math.round(lookupsPerCpuSec),
      avgRecordBytes: avgBytes,
      searchScanned: searched.scanned,
      searchMatched: searched.matched
    }
  }
  mkdirSync(RESULTS_DIR, { recursive: true })
  writeFileSync(join(RESULTS_DIR, 'schema-registry.json'), JSON.stringify(results, null, 2) + '\n')
  for (const f of results.figures) console.log(`${f.label}: ${f.value} ${f.unit}`)
  console.log(`per CPU second: ${JSON.stringify(results.details)}`)
}

void main()
