import { afterEach, describe, expect, it } from 'vitest'
import { SchemaRegistry } from '../../../src/engine/registry/registry'
import { RegistryError } from '../../../src/engine/registry/registry-error'
import { parseProtobuf } from '../../../src/engine/registry/formats/protobuf'
import { serializedDescriptor } from '../../../src/engine/registry/formats/protobuf-descriptor'
import {
  decodeDescriptor,
  descriptorText
} from '../../../src/engine/registry/formats/protobuf-text'

const open: SchemaRegistry[] = []
afterEach(() => {
  for (const r of open.splice(0)) r.close()
})

const PROTO2 = `syntax = "proto2";
package legacy;
// Comments and layout are not part of the schema.
message Account {
  required string id = 1;
  optional int32 tier = 2 [default = 3];
  optional string label = 3 [default = "none"];
  repeated int64 totals = 4 [packed = true];
  oneof contact { string email = 5; string phone = 6; }
  map<string, Account> children = 7;
  reserved 10 to 12, 15;
  reserved "old";
  enum Kind { option allow_alias = true; A = 0; B = 1; C = 1; reserved 5 to 7; reserved "D"; }
  optional Kind kind = 8 [deprecated = true];
}
service Accounts { rpc Get (Account) returns (stream Account); }
`

const PROTO3 = `syntax = "proto3";
package shop;
message Item {
  optional string note = 1;
  repeated int32 sizes = 2 [packed = false];
  oneof price { int64 cents = 3; double amount = 4; }
}
enum Colour { RED = 0; GREEN = 1; }
`

/** The descriptor of a text schema, as Confluent's serializers send it. */
const descriptorOf = (text: string) => serializedDescriptor(parseProtobuf(text, []))

describe('Protobuf schemas given as descriptors', () => {
  it('writes a descriptor as the .proto text it stands for, which reads back as the same file', () => {
    for (const text of [PROTO2, PROTO3]) {
      const written = descriptorText(decodeDescriptor(descriptorOf(text)))
      // The text written describes the same file: its descriptor writes the same text again.
      expect(descriptorText(decodeDescriptor(descriptorOf(written)))).toBe(written)
    }
    const written = descriptorText(decodeDescriptor(descriptorOf(PROTO2)))
    for (const line of [
      'required string id = 1;',
      'optional int32 tier = 2 [default = 3];',
      'optional string label = 3 [default = "none"];',
      'repeated int64 totals = 4 [packed = true];',
      '  oneof contact {\n    string email = 5;\n    string phone = 6;\n  }',
      'map<string, .legacy.Account> children = 7;',
      'reserved 10 to 12;',
      'reserved 15;',
      'reserved "old";',
      'option allow_alias = true;',
      'optional .legacy.Account.Kind kind = 8 [deprecated = true];',
      '    reserved 5 to 7;\n    reserved "D";',
      'rpc Get (.legacy.Account) returns (stream .legacy.Account);'
    ])
      expect(written).toContain(line)
    const three = descriptorText(decodeDescriptor(descriptorOf(PROTO3)))
    for (const line of [
      'optional string note = 1;',
      'repeated int32 sizes = 2 [packed = false];',
      '    int64 cents = 3;',
      'enum Colour {'
    ])
      expect(three).toContain(line)
  })

  it('gives a descriptor the id of the text schema it stands for, and registers a new one as text', async () => {
    const r = SchemaRegistry.open(':memory:')
    open.push(r)
    for (const [subject, text] of [
      ['legacy-value', PROTO2],
      ['shop-value', PROTO3]
    ]) {
      const registered = await r.register(subject, { schemaType: 'PROTOBUF', schema: text })
      const asDescriptor = { schemaType: 'PROTOBUF' as const, schema: descriptorOf(text) }
      expect(await r.lookup(subject, asDescriptor)).toMatchObject({ id: registered.id, version: 1 })
      expect(await r.register(subject, asDescriptor)).toMatchObject({
        id: registered.id,
        version: 1,
        schema: text
      })
      expect(await r.checkCompatibility(subject, asDescriptor)).toEqual([])
    }
    const fresh = PROTO3.replace('package shop;', 'package stock;')
    const added = await r.register('stock-value', {
      schemaType: 'PROTOBUF',
      schema: descriptorOf(fresh)
    })
    expect(added.schema).toBe(descriptorText(decodeDescriptor(descriptorOf(fresh))))
    expect(
      (await r.register('stock-value', { schemaType: 'PROTOBUF', schema: descriptorOf(fresh) })).id
    ).toBe(added.id)
  })

  it('gives a text in another layout the id of the schema it stands for, and a descriptor-made one too', async () => {
    const r = SchemaRegistry.open(':memory:')
    open.push(r)
    const first = await r.register('legacy-value', { schemaType: 'PROTOBUF', schema: PROTO2 })
    const relaid = PROTO2.replace(/\/\/.*\n/, '').replace(/ {2}/g, '    ')
    expect(relaid).not.toBe(PROTO2)
    const again = await r.register('copy-value', { schemaType: 'PROTOBUF', schema: relaid })
    expect(again).toMatchObject({ id: first.id, version: 1, schema: PROTO2 })
    expect((await r.lookup('legacy-value', { schemaType: 'PROTOBUF', schema: relaid })).id).toBe(
      first.id
    )
    // A schema first registered from a descriptor, then as its own text in another layout.
    const stock = PROTO3.replace('package shop;', 'package stock;')
    const added = await r.register('stock-value', {
      schemaType: 'PROTOBUF',
      schema: descriptorOf(stock)
    })
    expect((await r.register('stock-value', { schemaType: 'PROTOBUF', schema: stock })).id).toBe(
      added.id
    )
    // A different schema still gets its own id.
    const other = await r.register('stock-value', {
      schemaType: 'PROTOBUF',
      schema: stock.replace('string note = 1;', 'string note = 1;\n  string more = 5;')
    })
    expect(other.id).not.toBe(added.id)
  })

  it('refuses a corrupt descriptor as an invalid schema, saying why', async () => {
    const r = SchemaRegistry.open(':memory:')
    open.push(r)
    const good = Buffer.from(descriptorOf(PROTO3), 'base64')
    const err = await r
      .register('x', { schemaType: 'PROTOBUF', schema: good.subarray(0, 20).toString('base64') })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RegistryError)
    expect((err as RegistryError).code).toBe(42201)
    expect((err as RegistryError).message).toMatch(/not a base64 FileDescriptorProto: .+/)
  })
})
