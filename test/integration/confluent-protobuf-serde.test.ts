// Confluent's Protobuf serializer and deserializer (@confluentinc/schemaregistry) against the
// built-in registry: they ask for schemas with `?format=serialized` (a base64
// FileDescriptorProto), read what Logdeck's produce-with-schema wrote (nested messages, message
// indexes, a referenced file), and write the same bytes for the same message. With their default
// settings the serializers register and look up a schema as a base64 FileDescriptorProto, which
// the registry takes for the .proto text it stands for.
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
  toBinary,
  toJson,
  type DescMessage,
  type FileRegistry,
  type Message
} from '@bufbuild/protobuf'
import {
  FileDescriptorProtoSchema,
  file_google_protobuf_timestamp,
  type FileDescriptorProto
} from '@bufbuild/protobuf/wkt'
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

// FileDescriptorProtos as protoc writes them (file names, JSON names, map entries declared where
// their field is), independent of the registry's own descriptors.
const OPTIONAL = 1
const REPEATED = 3
const [STRING, MESSAGE, INT32, ENUM, INT64] = [9, 11, 5, 14, 3]
function fieldOf(name: string, number: number, type: number, more: object = {}): object {
  const jsonName = name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())
  return { name, number, type, label: OPTIONAL, jsonName, ...more }
}
const moneyFile = create(FileDescriptorProtoSchema, {
  name: 'money.proto',
  package: 'shop',
  syntax: 'proto3',
  messageType: [{ name: 'Money', field: [fieldOf('cents', 1, INT64)] }]
})
function ordersFile(pkg: string): FileDescriptorProto {
  const q = (name: string) => `.${pkg}.${name}`
  return create(FileDescriptorProtoSchema, {
    name: `${pkg}/orders.proto`,
    package: pkg,
    syntax: 'proto3',
    dependency: ['money.proto', 'google/protobuf/timestamp.proto'],
    messageType: [
      { name: 'Header', field: [fieldOf('id', 1, STRING)] },
      {
        name: 'Order',
        field: [
          fieldOf('id', 1, STRING),
          fieldOf('lines', 2, MESSAGE, { label: REPEATED, typeName: q('Order.Line') }),
          fieldOf('total', 3, MESSAGE, { typeName: '.shop.Money' }),
          fieldOf('status', 4, ENUM, { typeName: q('Order.Status') }),
          fieldOf('tags', 5, MESSAGE, { label: REPEATED, typeName: q('Order.TagsEntry') }),
          fieldOf('placed_at', 6, MESSAGE, { typeName: '.google.protobuf.Timestamp' })
        ],
        nestedType: [
          {
            name: 'TagsEntry',
            field: [fieldOf('key', 1, STRING), fieldOf('value', 2, STRING)],
            options: { mapEntry: true }
          },
          {
            name: 'Line',
            field: [
              fieldOf('sku', 1, STRING),
              fieldOf('qty', 2, INT32),
              fieldOf('note', 3, MESSAGE, { typeName: q('Order.Line.Note') })
            ],
            nestedType: [{ name: 'Note', field: [fieldOf('text', 1, STRING)] }]
          }
        ],
        enumType: [
          {
            name: 'Status',
            value: [
              { name: 'NEW', number: 0 },
              { name: 'PAID', number: 1 }
            ]
          }
        ]
      }
    ]
  })
}
function protocTypes(pkg: string): FileRegistry {
  const known = new Map([
    ['money.proto', moneyFile],
    ['google/protobuf/timestamp.proto', file_google_protobuf_timestamp.proto]
  ])
  return createFileRegistry(ordersFile(pkg), (name) => known.get(name))
}
const ORDER = {
  id: 'o-2',
  lines: [{ sku: 'tea', qty: 3, note: { text: 'green' } }],
  total: { cents: 1250n },
  status: 1,
  tags: { channel: 'web' },
  placedAt: { seconds: 1700000000n, nanos: 0 }
}
const ORDER_JSON = {
  id: 'o-2',
  lines: [{ sku: 'tea', qty: 3, note: { text: 'green' } }],
  total: { cents: '1250' },
  status: 'PAID',
  tags: { channel: 'web' },
  placedAt: '2023-11-14T22:13:20Z'
}

async function readBack(topic: string, bytes: Buffer) {
  const { offset } = await call('messages.produce', {
    topic,
    partition: 0,
    value: bytes.toString('base64'),
    encoding: 'base64'
  })
  const { records } = await call('messages.read', {
    topic,
    partition: 0,
    from: { offset },
    limit: 1
  })
  return records[0]
}

async function registryPost(
  path: string,
  body: object
): Promise<[number, Record<string, unknown>]> {
  const res = await fetch(`${server.registryUrl!}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify(body)
  })
  return [res.status, (await res.json()) as Record<string, unknown>]
}

describe('Protobuf schemas given as base64 FileDescriptorProtos', () => {
  it("finds the schema registered as text for Confluent's serializer with its default settings", async () => {
    const textId = (await registryGet('/subjects/orders-value/versions/1')).id as number
    const types = protocTypes('shop')
    const order = create(types.getMessage('shop.Order')!, ORDER)
    // Default settings look the schema up; autoRegisterSchemas registers it: the same id both ways.
    for (const conf of [{}, { autoRegisterSchemas: true }]) {
      const ser = new ProtobufSerializer(client, SerdeType.VALUE, {
        ...conf,
        registry: createMutableRegistry(types)
      })
      const bytes = await ser.serialize('orders', order)
      expect(bytes.readInt32BE(1)).toBe(textId)
      const de = new ProtobufDeserializer(client, SerdeType.VALUE, {})
      const read = (await de.deserialize('orders', bytes)) as Message
      expect(toJson(types.getMessage('shop.Order')!, read)).toEqual(ORDER_JSON)
      const record = await readBack('orders', bytes)
      expect(JSON.parse(record.value!)).toMatchObject({ id: 'o-2', status: 'PAID' })
      expect(record.valueSchema).toMatchObject({ id: textId, subject: 'orders-value' })
    }
    expect(await registryGet('/subjects/orders-value/versions')).toEqual([1])
    expect(await registryGet('/subjects/money.proto/versions')).toEqual([1])
  })

  it("registers a new schema from Confluent's serializer as the .proto text it stands for", async () => {
    await call('topics.create', { name: 'invoices', partitions: 1, replicationFactor: 1 })
    const types = protocTypes('billing')
    const ser = new ProtobufSerializer(client, SerdeType.VALUE, {
      autoRegisterSchemas: true,
      registry: createMutableRegistry(types)
    })
    const bytes = await ser.serialize('invoices', create(types.getMessage('billing.Order')!, ORDER))
    const latest = await registryGet('/subjects/invoices-value/versions/latest')
    expect(bytes.readInt32BE(1)).toBe(latest.id)
    expect(latest.references).toEqual([{ name: 'money.proto', subject: 'money.proto', version: 1 }])
    const text = latest.schema as string
    expect(text).toBe(`syntax = "proto3";
package billing;
import "money.proto";
import "google/protobuf/timestamp.proto";
message Header {
  string id = 1;
}
message Order {
  string id = 1;
  repeated .billing.Order.Line lines = 2;
  .shop.Money total = 3;
  .billing.Order.Status status = 4;
  map<string, string> tags = 5;
  .google.protobuf.Timestamp placed_at = 6;
  message Line {
    string sku = 1;
    int32 qty = 2;
    .billing.Order.Line.Note note = 3;
    message Note {
      string text = 1;
    }
  }
  enum Status {
    NEW = 0;
    PAID = 1;
  }
}
`)
    const record = await readBack('invoices', bytes)
    expect(JSON.parse(record.value!)).toEqual({
      id: 'o-2',
      lines: [{ sku: 'tea', qty: 3, note: { text: 'green' } }],
      total: { cents: '1250' },
      status: 'PAID',
      tags: { channel: 'web' },
      placed_at: { seconds: '1700000000' }
    })
    const de = new ProtobufDeserializer(client, SerdeType.VALUE, {})
    const read = (await de.deserialize('invoices', bytes)) as Message
    expect(toJson(types.getMessage('billing.Order')!, read)).toEqual(ORDER_JSON)
    // The text it was stored as is the same schema: the same id, no new version.
    const references = latest.references as object[]
    const [, again] = await registryPost('/subjects/invoices-value/versions', {
      schemaType: 'PROTOBUF',
      schema: text,
      references
    })
    expect(again.id).toBe(latest.id)
  })

  it('refuses a corrupt descriptor with 42201, saying why', async () => {
    const good = Buffer.from(toBinary(FileDescriptorProtoSchema, moneyFile))
    for (const schema of [good.subarray(0, good.length - 3).toString('base64'), 'AAAA']) {
      const [status, body] = await registryPost('/subjects/broken-value/versions', {
        schemaType: 'PROTOBUF',
        schema
      })
      expect(status).toBe(422)
      expect(body.error_code).toBe(42201)
      expect(body.message).toMatch(/FileDescriptorProto/)
    }
  })
})
