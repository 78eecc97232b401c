// messages.produce with valueSchema / keySchema: JSON encoded in the registry's wire format with
// Avro, Protobuf or JSON Schema, read back decoded; a value that does not fit is refused with
// the field that does not fit.
import { afterEach, describe, expect, it } from 'vitest'
import { Engine } from '../../../src/engine/engine'
import { SchemaRegistry } from '../../../src/engine/registry/registry'
import { embeddedBackend } from '../../../src/engine/service/embedded'
import { createService, type Service } from '../../../src/engine/service/service'
import { ApiError } from '../../../src/shared/errors'

const closers: (() => unknown)[] = []
afterEach(async () => {
  for (const c of closers.splice(0)) await c()
})

async function open(): Promise<Service> {
  const engine = Engine.open({ dataDir: ':memory:', brokers: 1, port: 0 })
  const registry = SchemaRegistry.open(':memory:')
  closers.push(
    () => engine.close(),
    () => registry.close()
  )
  const svc = createService(embeddedBackend(engine, { registry }))
  await svc.call('topics.create', { name: 'payments', partitions: 1, replicationFactor: 1 })
  return svc
}

async function refusal(p: Promise<unknown>) {
  try {
    await p
  } catch (err) {
    if (err instanceof ApiError) return { ...err.toJSON(), status: err.status }
    throw err
  }
  throw new Error('expected a refusal')
}

const payment = JSON.stringify({
  type: 'record',
  name: 'Payment',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'note', type: ['null', 'string'], default: null },
    {
      name: 'address',
      type: { type: 'record', name: 'Address', fields: [{ name: 'zip', type: 'int' }] }
    }
  ]
})

describe('messages.produce with a schema', () => {
  it('encodes Avro in the wire format and reads it back decoded, with the key as text', async () => {
    const svc = await open()
    // The same schema in a subject that sorts first: the topic's own subject is named.
    await svc.call('schemas.register', { subject: 'archive-value', schema: payment })
    const { id } = await svc.call('schemas.register', {
      subject: 'payments-value',
      schema: payment
    })
    const value = { id: 'p-1', amount: 12.5, note: 'hi', address: { zip: 1010 } }
    const produced = await svc.call('messages.produce', {
      topic: 'payments',
      key: 'p-1',
      value: JSON.stringify(value),
      headers: { origin: 'console' },
      valueSchema: { subject: 'payments-value' }
    })
    expect(produced.offset).toBe(0)
    const [record] = (
      await svc.call('messages.read', {
        topic: 'payments',
        partition: 0,
        from: 'earliest',
        limit: 1
      })
    ).records
    expect(JSON.parse(record.value!)).toEqual(value)
    expect(record.valueSchema).toEqual({ id, type: 'AVRO', subject: 'payments-value', version: 1 })
    const raw = Buffer.from(record.valueRaw!, 'base64')
    expect([raw[0], raw.readInt32BE(1)]).toEqual([0, id])
    expect(record.key).toBe('p-1')
    expect(record.headers).toEqual([{ key: 'origin', value: 'console' }])
  })

  it('refuses a value that does not fit, naming the field', async () => {
    const svc = await open()
    await svc.call('schemas.register', { subject: 'payments-value', schema: payment })
    const produce = (value: unknown) =>
      svc.call('messages.produce', {
        topic: 'payments',
        value: typeof value === 'string' ? value : JSON.stringify(value),
        valueSchema: { subject: 'payments-value', version: 1 }
      })
    expect(await refusal(produce({ id: 'p', amount: 'ten', address: { zip: 1 } }))).toEqual({
      status: 400,
      code: 'BAD_REQUEST',
      field: 'value.amount',
      message:
        'The value does not fit payments-value version 1: field `amount` must be double, not "ten"'
    })
    expect(await refusal(produce({ id: 'p', amount: 1, address: { zip: 'x' } }))).toMatchObject({
      field: 'value.address.zip'
    })
    expect(await refusal(produce({ amount: 1, address: { zip: 1 } }))).toMatchObject({
      field: 'value.id',
      message: expect.stringContaining('field `id` is missing')
    })
    expect(await refusal(produce('{"id": '))).toMatchObject({
      field: 'value',
      message: expect.stringContaining('is not JSON')
    })
    const unknownSubject = await refusal(
      svc.call('messages.produce', {
        topic: 'payments',
        value: '{}',
        valueSchema: { subject: 'nope' }
      })
    )
    expect(unknownSubject).toMatchObject({ status: 404, field: 'valueSchema' })
    const base64 = await refusal(
      svc.call('messages.produce', {
        topic: 'payments',
        value: 'e30=',
        encoding: 'base64',
        valueSchema: { subject: 'payments-value' }
      })
    )
    expect(base64).toMatchObject({ status: 400, field: 'encoding' })
    // Nothing was written by the refused produces.
    const read = await svc.call('messages.read', {
      topic: 'payments',
      partition: 0,
      from: 'earliest',
      limit: 10
    })
    expect(read.records).toEqual([])
  })

  it('encodes Protobuf (enum names too) and JSON Schema keys and values', async () => {
    const svc = await open()
    const proto =
      'syntax = "proto3";\npackage shop;\nmessage Order {\n  string id = 1;\n  int64 cents = 2;\n  Status status = 3;\n  repeated string items = 4;\n}\nenum Status { NEW = 0; PAID = 1; }\n'
    await svc.call('schemas.register', {
      subject: 'payments-value',
      schemaType: 'PROTOBUF',
      schema: proto
    })
    await svc.call('schemas.register', {
      subject: 'payments-key',
      schemaType: 'JSON',
      schema: JSON.stringify({
        type: 'object',
        properties: { region: { type: 'string' }, n: { type: 'integer' } },
        required: ['region']
      })
    })
    await svc.call('messages.produce', {
      topic: 'payments',
      key: '{"region":"eu","n":3}',
      keySchema: { subject: 'payments-key' },
      value: JSON.stringify({ id: 'o-1', cents: '1250', status: 'PAID', items: ['a', 'b'] }),
      valueSchema: { subject: 'payments-value' }
    })
    const [record] = (
      await svc.call('messages.read', {
        topic: 'payments',
        partition: 0,
        from: 'earliest',
        limit: 1
      })
    ).records
    expect(JSON.parse(record.value!)).toEqual({
      id: 'o-1',
      cents: '1250',
      status: 'PAID',
      items: ['a', 'b']
    })
    expect(record.valueSchema).toMatchObject({ type: 'PROTOBUF', subject: 'payments-value' })
    expect(JSON.parse(record.key!)).toEqual({ region: 'eu', n: 3 })
    expect(record.keySchema).toMatchObject({ type: 'JSON', subject: 'payments-key' })

    const wrongKey = await refusal(
      svc.call('messages.produce', {
        topic: 'payments',
        key: '{"n":"three"}',
        keySchema: { subject: 'payments-key' },
        value: null
      })
    )
    expect(wrongKey).toMatchObject({ status: 400, field: 'key' })
    expect(wrongKey.message).toMatch(/region/)
    const typed = await refusal(
      svc.call('messages.produce', {
        topic: 'payments',
        key: '{"region":"eu","n":"three"}',
        keySchema: { subject: 'payments-key' },
        value: null
      })
    )
    expect(typed).toMatchObject({ field: 'key.n', message: expect.stringContaining('integer') })
    expect(
      await refusal(
        svc.call('messages.produce', {
          topic: 'payments',
          value: JSON.stringify({ id: 'o', cents: 'lots' }),
          valueSchema: { subject: 'payments-value' }
        })
      )
    ).toMatchObject({ field: 'value.cents' })
    expect(
      await refusal(
        svc.call('messages.produce', {
          topic: 'payments',
          value: JSON.stringify({ id: 'o', colour: 'red' }),
          valueSchema: { subject: 'payments-value' }
        })
      )
    ).toMatchObject({ field: 'value.colour' })
  })

  it('encodes as the Protobuf message picked, nested ones too, with the version picked', async () => {
    const svc = await open()
    const proto = (extra: string) =>
      `syntax = "proto3";\npackage shop;\nmessage Header { string trace = 1; }\nmessage Order {\n  string id = 1;\n  message Line { string sku = 1; int32 qty = 2; }\n  repeated Line lines = 2;${extra}\n}\n`
    const v1 = await svc.call('schemas.register', {
      subject: 'payments-value',
      schemaType: 'PROTOBUF',
      schema: proto('')
    })
    await svc.call('schemas.register', {
      subject: 'payments-value',
      schemaType: 'PROTOBUF',
      schema: proto('\n  string note = 3;')
    })
    const { versions } = await svc.call('schemas.versions', { subject: 'payments-value' })
    expect(versions.map((v) => v.messages)).toEqual([
      ['shop.Header', 'shop.Order', 'shop.Order.Line'],
      ['shop.Header', 'shop.Order', 'shop.Order.Line']
    ])
    const produce = (value: object, message?: string, version?: number) =>
      svc.call('messages.produce', {
        topic: 'payments',
        value: JSON.stringify(value),
        valueSchema: {
          subject: 'payments-value',
          ...(version ? { version } : {}),
          ...(message ? { message } : {})
        }
      })
    await produce({ trace: 't-1' })
    await produce({ id: 'o-1', lines: [{ sku: 'a', qty: 2 }] }, 'shop.Order', 1)
    await produce({ sku: 'b', qty: 3 }, 'shop.Order.Line', 1)
    await produce({ id: 'o-2', note: 'v2' }, 'Order')
    const { records } = await svc.call('messages.read', {
      topic: 'payments',
      partition: 0,
      from: 'earliest',
      limit: 10
    })
    expect(records.map((r) => JSON.parse(r.value!) as unknown)).toEqual([
      { trace: 't-1' },
      { id: 'o-1', lines: [{ sku: 'a', qty: 2 }] },
      { sku: 'b', qty: 3 },
      { id: 'o-2', note: 'v2' }
    ])
    expect(records.map((r) => r.valueSchema?.version)).toEqual([2, 1, 1, 2])
    // The message indexes as Confluent writes them: [0] as one 0, [1] as count 1 then 1,
    // [1, 0] as count 2 then 1 and 0, each a zigzag varint.
    const indexes = records.map((r) => [...Buffer.from(r.valueRaw!, 'base64').subarray(1, 5)])
    expect(indexes.map((id) => Buffer.from(id).readInt32BE(0))).toEqual([
      v1.id + 1,
      v1.id,
      v1.id,
      v1.id + 1
    ])
    expect(records.map((r) => [...Buffer.from(r.valueRaw!, 'base64').subarray(5, 8)])).toEqual([
      [0, 10, 3],
      [2, 2, 10],
      [4, 2, 0],
      [2, 2, 10]
    ])

    const unknown = await refusal(produce({}, 'shop.Refund'))
    expect(unknown).toMatchObject({ status: 400, field: 'valueSchema.message' })
    expect(unknown.message).toBe(
      'payments-value version 2 has no message shop.Refund; it has shop.Header, shop.Order, shop.Order.Line'
    )
    await svc.call('schemas.register', { subject: 'avro-value', schema: payment })
    const notProto = await refusal(
      svc.call('messages.produce', {
        topic: 'payments',
        value: '{}',
        valueSchema: { subject: 'avro-value', message: 'Payment' }
      })
    )
    expect(notProto).toMatchObject({ status: 400, field: 'valueSchema.message' })
    const noVersion = await refusal(produce({ trace: 'x' }, undefined, 9))
    expect(noVersion).toMatchObject({ status: 404, field: 'valueSchema' })
  })

  it('a cluster without a registry refuses a schema instead of writing JSON text', async () => {
    const engine = Engine.open({ dataDir: ':memory:', brokers: 1, port: 0 })
    closers.push(() => engine.close())
    const svc = createService(embeddedBackend(engine))
    await svc.call('topics.create', { name: 't', partitions: 1, replicationFactor: 1 })
    expect(
      await refusal(
        svc.call('messages.produce', {
          topic: 't',
          value: '{}',
          valueSchema: { subject: 't-value' }
        })
      )
    ).toMatchObject({ status: 400, field: 'valueSchema' })
  })
})
