// Confluent's Protobuf serializer and deserializer (@confluentinc/schemaregistry) against the
// built-in registry: they ask for schemas with `?format=serialized` (a base64
// FileDescriptorProto), read what Logdeck's produce-with-schema wrote (nested messages, message
// indexes, a referenced file), and write the same bytes for the same message.
import {
  ProtobufDeserializer,
  ProtobufSerializer,
  SchemaRegistryClient,
  SerdeType
} from '@confluentinc/schemaregistry'
import {
  create,
  createFileRegistry,
  createMutableRegistry,
  fromBinary,
  toJson,
  type DescMessage,
  type FileRegistry,
  type Message
} from '@bufbuild/protobuf'
import { FileDescriptorProtoSchema, file_google_protobuf_timestamp } from '@bufbuild/protobuf/wkt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServe, type ServeProcess } from '../support/serve-process'
import type { MethodName, Params, Result } from '../../src/shared/contract'

let server: ServeProcess
let client: SchemaRegistryClient

async function call<M extends MethodName>(method: M, body: Params<M>): Promise<Result<M>> {
  const res = await fetch(`${server.apiBase}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify(body)
  })
  const text = await res.text()
  if (res.status !== 200) throw new Error(`${method} answered ${res.status}: ${text}`)
  return JSON.parse(text) as Result<M>
}

async function registryGet(path: string): Promise<Record<string, unknown>> {
  return (await (await fetch(`${server.registryUrl!}${path}`)).json()) as Record<string, unknown>
}

const MONEY = 'syntax = "proto3";\npackage shop;\nmessage Money { int64 cents = 1; }\n'
const ORDERS = `syntax = "proto3";
package shop;
import "money.proto";
import "google/protobuf/timestamp.proto";

message Header { string id = 1; }

message Order {
  string id = 1;
  repeated Line lines = 2;
  Money total = 3;
  Status status = 4;
  map<string, string> tags = 5;
  google.protobuf.Timestamp placed_at = 6;

  message Line {
    string sku = 1;
    int32 qty = 2;
    Note note = 3;
    message Note { string text = 1; }
  }
  enum Status { NEW = 0; PAID = 1; }
}
`

/** The magic byte, the schema id and the message indexes: what precedes the message's bytes. */
function header(bytes: Buffer): Buffer {
  let pos = 5
  const varint = () => {
    let raw = 0
    for (let shift = 0; ; shift += 7) {
      const b = bytes[pos++]
      raw |= (b & 0x7f) << shift
      if (!(b & 0x80)) return (raw >>> 1) ^ -(raw & 1)
    }
  }
  const count = varint()
  for (let i = 0; i < count; i++) varint()
  return bytes.subarray(0, pos)
}

/** The message types Confluent's serializer needs, built from what the registry serves. */
async function typesFromRegistry(): Promise<FileRegistry> {
  const money = await client.getLatestSchemaMetadata('money.proto', 'serialized')
  const orders = await client.getLatestSchemaMetadata('orders-value', 'serialized')
  const file = fromBinary(FileDescriptorProtoSchema, Buffer.from(orders.schema, 'base64'))
  const dep = fromBinary(FileDescriptorProtoSchema, Buffer.from(money.schema, 'base64'))
  dep.name = 'money.proto'
  const known = new Map([
    ['money.proto', dep],
    ['google/protobuf/timestamp.proto', file_google_protobuf_timestamp.proto]
  ])
  return createFileRegistry(file, (name) => known.get(name))
}

async function produced(value: object, message: string): Promise<Buffer> {
  const { partition, offset } = await call('messages.produce', {
    topic: 'orders',
    partition: 0,
    value: JSON.stringify(value),
    valueSchema: { subject: 'orders-value', message }
  })
  const { records } = await call('messages.read', {
    topic: 'orders',
    partition,
    from: { offset },
    limit: 1
  })
  return Buffer.from(records[0].valueRaw!, 'base64')
}

beforeAll(async () => {
  server = await startServe(['--in-memory', '--port', '0', '--ui-port', '0', '--brokers', '1'])
  client = new SchemaRegistryClient({ baseURLs: [server.registryUrl!] })
  await client.register('money.proto', { schemaType: 'PROTOBUF', schema: MONEY })
  await client.register('orders-value', {
    schemaType: 'PROTOBUF',
    schema: ORDERS,
    references: [{ name: 'money.proto', subject: 'money.proto', version: 1 }]
  })
  await call('topics.create', { name: 'orders', partitions: 1, replicationFactor: 1 })
}, 60_000)

afterAll(async () => {
  await server?.stop()
})

describe("Confluent's Protobuf serdes and the built-in registry", () => {
  it('serves a Protobuf schema as a base64 FileDescriptorProto when asked for the serialized format', async () => {
    const id = await client.getId('orders-value', {
      schemaType: 'PROTOBUF',
      schema: ORDERS,
      references: [{ name: 'money.proto', subject: 'money.proto', version: 1 }]
    })
    const text = await registryGet(`/schemas/ids/${id}`)
    expect(text.schema).toContain('message Order {')
    for (const path of [
      `/schemas/ids/${id}?format=serialized`,
      '/subjects/orders-value/versions/1?format=serialized',
      '/subjects/orders-value/versions/latest?deleted=true&format=serialized'
    ]) {
      const body = await registryGet(path)
      expect(body).toMatchObject({
        schemaType: 'PROTOBUF',
        references: [{ name: 'money.proto', subject: 'money.proto', version: 1 }]
      })
      const file = fromBinary(
        FileDescriptorProtoSchema,
        Buffer.from(body.schema as string, 'base64')
      )
      expect(file).toMatchObject({
        name: 'default',
        package: 'shop',
        syntax: 'proto3',
        dependency: ['money.proto', 'google/protobuf/timestamp.proto']
      })
      expect(file.messageType.map((m) => m.name)).toEqual(['Header', 'Order'])
      const order = file.messageType[1]
      expect(order.field.map((f) => [f.name, f.typeName])).toEqual([
        ['id', ''],
        ['lines', '.shop.Order.Line'],
        ['total', '.shop.Money'],
        ['status', '.shop.Order.Status'],
        ['tags', '.shop.Order.TagsEntry'],
        ['placed_at', '.google.protobuf.Timestamp']
      ])
    }
    const raw = await fetch(`${server.registryUrl!}/schemas/ids/${id}/schema?format=serialized`)
    const file = fromBinary(FileDescriptorProtoSchema, Buffer.from(await raw.text(), 'base64'))
    expect(file.package).toBe('shop')
    // Another type keeps its text, as Confluent answers a format that is not its own.
    const avro = await client.register('plain-value', {
      schemaType: 'AVRO',
      schema: '{"type":"string"}'
    })
    expect((await registryGet(`/schemas/ids/${avro}?format=serialized`)).schema).toBe(
      '{"type":"string"}'
    )
  })

  it("reads what Logdeck's produce wrote, nested messages and all, with Confluent's deserializer", async () => {
    const de = new ProtobufDeserializer(client, SerdeType.VALUE, {})
    const line = await produced({ sku: 'tea', qty: 3, note: { text: 'green' } }, 'shop.Order.Line')
    const readLine = (await de.deserialize('orders', line)) as Message
    expect(readLine.$typeName).toBe('shop.Order.Line')
    expect(readLine).toMatchObject({ sku: 'tea', qty: 3, note: { text: 'green' } })

    const note = await produced({ text: 'fragile' }, 'shop.Order.Line.Note')
    expect([...header(note).subarray(5)]).toEqual([6, 2, 0, 0])
    expect(await de.deserialize('orders', note)).toMatchObject({
      $typeName: 'shop.Order.Line.Note',
      text: 'fragile'
    })

    const order = await produced(
      {
        id: 'o-1',
        lines: [{ sku: 'tea', qty: 3 }],
        total: { cents: '1250' },
        status: 'PAID',
        tags: { channel: 'web' },
        placed_at: { seconds: '1700000000', nanos: 0 }
      },
      'shop.Order'
    )
    const types = await typesFromRegistry()
    const orderType = types.getMessage('shop.Order')!
    const readOrder = (await de.deserialize('orders', order)) as Message
    expect(toJson(orderType, readOrder)).toEqual({
      id: 'o-1',
      lines: [{ sku: 'tea', qty: 3 }],
      total: { cents: '1250' },
      status: 'PAID',
      tags: { channel: 'web' },
      placedAt: '2023-11-14T22:13:20Z'
    })
  })

  it("writes the message indexes Confluent's serializer writes, which Logdeck decodes", async () => {
    const types = await typesFromRegistry()
    const ser = new ProtobufSerializer(client, SerdeType.VALUE, {
      useLatestVersion: true,
      registry: createMutableRegistry(types)
    })
    const cases: [string, Record<string, unknown>][] = [
      ['shop.Header', { id: 'h-1' }],
      ['shop.Order.Line', { sku: 'tea', qty: 3, note: { text: 'green' } }],
      ['shop.Order.Line.Note', { text: 'fragile' }]
    ]
    for (const [name, value] of cases) {
      const type = types.getMessage(name) as DescMessage
      const theirs = await ser.serialize('orders', create(type, value))
      const ours = await produced(value, name)
      // The same header (schema id, message indexes) and the same message bytes.
      expect(header(ours)).toEqual(header(theirs))
      expect(ours).toEqual(theirs)
    }
    // Confluent's bytes, produced as they are, come back decoded from messages.read.
    const theirs = await ser.serialize(
      'orders',
      create(types.getMessage('shop.Order.Line.Note')!, { text: 'from confluent' })
    )
    const { offset } = await call('messages.produce', {
      topic: 'orders',
      partition: 0,
      value: theirs.toString('base64'),
      encoding: 'base64'
    })
    const { records } = await call('messages.read', {
      topic: 'orders',
      partition: 0,
      from: { offset },
      limit: 1
    })
    expect(JSON.parse(records[0].value!)).toEqual({ text: 'from confluent' })
    expect(records[0].valueSchema).toMatchObject({ type: 'PROTOBUF', subject: 'orders-value' })
  })
})
