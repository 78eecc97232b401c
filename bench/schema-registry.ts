// The schema registry: decode throughput of messages.read's wire-format decoding (Avro records
// of about 1 KB, in pages of 500 as the browser reads them) and lookups per second, in process
// and over HTTP with keep-alive.
//
//   node --import tsx bench/schema-registry.ts [--records 20000] [--lookups 50000]
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import avro from 'avsc'
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

async function main(): Promise<void> {
  const t0 = performance.now()
  const registry = SchemaRegistry.open(':memory:')
  const { id } = await registry.register('orders-value', { schema: JSON.stringify(schema) })
  const type = avro.Type.forSchema(schema as avro.Schema)
  const head = Buffer.alloc(5)
  head.writeInt32BE(id, 1)
  const payloads: string[] = []
  for (let i = 0; i < RECORDS; i++) {
    const value: Record<string, unknown> = { id: `order-${i}`, amount: i * 1.5, quantity: i % 7 }
    for (let n = 0; n < 12; n++) value[`note${n}`] = `${n}-${i}-`.padEnd(80, 'x')
    payloads.push(Buffer.concat([head, type.toBuffer(value)]).toString('base64'))
  }
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
  for (let i = 0; i < RECORDS; i += PAGE)
    await decodeTypedRecords(registry, payloads.slice(i, i + PAGE).map(record))
  const decodePerSec = RECORDS / ((performance.now() - d0) / 1000)

  const l0 = performance.now()
  for (let i = 0; i < LOOKUPS; i++) {
    registry.schemaById(id)
    registry.getVersion('orders-value', 'latest')
  }
  const lookupsPerSec = (2 * LOOKUPS) / ((performance.now() - l0) / 1000)

  const server = await startRegistryServer({ registry, host: '127.0.0.1', port: 0 })
  const h0 = performance.now()
  for (let i = 0; i < HTTP_LOOKUPS; i++) {
    const res = await fetch(`${server.url}/schemas/ids/${id}`)
    await res.arrayBuffer()
  }
  const httpPerSec = HTTP_LOOKUPS / ((performance.now() - h0) / 1000)
  await server.close()
  registry.close()

  const results: BenchResults = {
    name: 'schema-registry',
    date: new Date().toISOString(),
    seconds: round((performance.now() - t0) / 1000, 1),
    environment: environment(),
    figures: [
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
    details: { avgRecordBytes: avgBytes }
  }
  mkdirSync(RESULTS_DIR, { recursive: true })
  writeFileSync(join(RESULTS_DIR, 'schema-registry.json'), JSON.stringify(results, null, 2) + '\n')
  for (const f of results.figures) console.log(`${f.label}: ${f.value} ${f.unit}`)
}

void main()
