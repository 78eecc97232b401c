// @kafkajs/confluent-schema-registry against the registry of a cluster started in process with
// startCluster: schemas evolve under each compatibility level (accepted and refused as Avro's
// resolution rules say), records it serializes are decoded by Logdeck's messages.read, and it
// deserializes what Logdeck produced with a schema.
import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Kafka, logLevel } from 'kafkajs'
import { startCluster } from '../../src/server/library'
import type { Cluster } from '../../src/server/library-types'

let cluster: Cluster
let registry: SchemaRegistry

beforeAll(async () => {
  cluster = await startCluster({
    topics: [{ name: 'payments', partitions: 1, replicationFactor: 1 }]
  })
  registry = new SchemaRegistry({ host: cluster.schemaRegistryUrl! })
})
afterAll(async () => {
  await cluster?.close()
})

const record = (fields: object[]) => ({
  type: 'record',
  name: 'Payment',
  namespace: 'shop',
  fields
})
const V1 = record([
  { name: 'id', type: 'string' },
  { name: 'amount', type: 'double' }
])
const CHANGES = {
  'add a field with a default': record([
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'currency', type: 'string', default: 'EUR' }
  ]),
  'add a field without a default': record([
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'currency', type: 'string' }
  ]),
  'remove a field without a default': record([{ name: 'id', type: 'string' }])
}
type Change = keyof typeof CHANGES

/** Whether each change may follow V1 under each level, by Avro's schema resolution rules. */
const ACCEPTED: [COMPATIBILITY, Change[]][] = [
  [COMPATIBILITY.BACKWARD, ['add a field with a default', 'remove a field without a default']],
  [COMPATIBILITY.FORWARD, ['add a field with a default', 'add a field without a default']],
  [COMPATIBILITY.FULL, ['add a field with a default']],
  [
    COMPATIBILITY.NONE,
    [
      'add a field with a default',
      'add a field without a default',
      'remove a field without a default'
    ]
  ]
]

async function register(subject: string, schema: object, compatibility: COMPATIBILITY) {
  return registry.register(
    { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
    { subject, compatibility }
  )
}

async function refusal(p: Promise<unknown>): Promise<{ status?: number; message: string }> {
  try {
    await p
  } catch (err) {
    return err as { status?: number; message: string }
  }
  throw new Error('expected the registry to refuse the schema')
}

describe('@kafkajs/confluent-schema-registry', () => {
  it.each(ACCEPTED)('evolves schemas under %s', async (level, accepted) => {
    for (const [change, schema] of Object.entries(CHANGES) as [Change, object][]) {
      const subject = `${level.toLowerCase()}-${change.replaceAll(' ', '-')}-value`
      const first = await register(subject, V1, level)
      if (accepted.includes(change)) {
        const next = await register(subject, schema, level)
        expect(next.id, `${level}: ${change}`).not.toBe(first.id)
        expect(await registry.getLatestSchemaId(subject)).toBe(next.id)
      } else {
        const err = await refusal(register(subject, schema, level))
        expect(err.status, `${level}: ${change}`).toBe(409)
        expect(err.message).toMatch(/incompatible/)
        expect(await registry.getLatestSchemaId(subject)).toBe(first.id)
      }
    }
  })

  it('checks every earlier version under BACKWARD_TRANSITIVE, only the latest under BACKWARD', async () => {
    const v2 = record([
      { name: 'id', type: 'string' },
      { name: 'amount', type: 'double', default: 0 }
    ])
    for (const level of [COMPATIBILITY.BACKWARD, COMPATIBILITY.BACKWARD_TRANSITIVE]) {
      const subject = `transitive-${level.toLowerCase()}-value`
      await register(subject, record([{ name: 'id', type: 'string' }]), level)
      await register(subject, v2, level)
      // Reads version 2's data (amount is there), not version 1's (no amount, no default).
      const v3 = register(subject, V1, level)
      if (level === COMPATIBILITY.BACKWARD) expect((await v3).id).toBeGreaterThan(0)
      else expect((await refusal(v3)).status).toBe(409)
    }
  })

  it('serializes records that Logdeck decodes, and deserializes what Logdeck produced', async () => {
    // A schema of its own: one the other subjects hold would name the first of them.
    const schema = { ...V1, name: 'Charge' }
    const { id } = await register('payments-value', schema, COMPATIBILITY.BACKWARD)
    const payload = { id: 'p-1', amount: 42.5 }
    const encoded = await registry.encode(id, payload)
    const kafka = new Kafka({ brokers: cluster.bootstrapServers, logLevel: logLevel.NOTHING })
    const producer = kafka.producer()
    await producer.connect()
    await producer.send({ topic: 'payments', messages: [{ key: 'p-1', value: encoded }] })
    await producer.disconnect()
    await cluster.call('messages.produce', {
      topic: 'payments',
      key: 'p-2',
      value: JSON.stringify({ id: 'p-2', amount: 7 }),
      valueSchema: { subject: 'payments-value' }
    })
    const { records } = await cluster.call('messages.read', {
      topic: 'payments',
      partition: 0,
      from: 'earliest',
      limit: 10
    })
    expect(records.map((r) => JSON.parse(r.value!))).toEqual([payload, { id: 'p-2', amount: 7 }])
    for (const r of records) {
      expect(r.valueSchema).toEqual({ id, type: 'AVRO', subject: 'payments-value', version: 1 })
      // The client's own deserializer reads both: its record and Logdeck's.
      expect(await registry.decode(Buffer.from(r.valueRaw!, 'base64'))).toEqual(
        JSON.parse(r.value!)
      )
    }
  })

  it('registers and serializes JSON Schema, which Logdeck decodes', async () => {
    const schema = JSON.stringify({
      type: 'object',
      properties: { sku: { type: 'string' }, qty: { type: 'integer' } },
      required: ['sku']
    })
    const { id } = await registry.register(
      { type: SchemaType.JSON, schema },
      { subject: 'stock-value' }
    )
    await cluster.call('topics.create', { name: 'stock', partitions: 1, replicationFactor: 1 })
    const kafka = new Kafka({ brokers: cluster.bootstrapServers, logLevel: logLevel.NOTHING })
    const producer = kafka.producer()
    await producer.connect()
    await producer.send({
      topic: 'stock',
      messages: [{ value: await registry.encode(id, { sku: 'a-1', qty: 3 }) }]
    })
    await producer.disconnect()
    const [r] = (
      await cluster.call('messages.read', {
        topic: 'stock',
        partition: 0,
        from: 'earliest',
        limit: 1
      })
    ).records
    expect(JSON.parse(r.value!)).toEqual({ sku: 'a-1', qty: 3 })
    expect(r.valueSchema).toMatchObject({ id, type: 'JSON', subject: 'stock-value' })
  })
})
