import protobuf from 'protobufjs'
import { afterEach, expect, it } from 'vitest'
import type { MessageRecord } from '../../../src/shared/api/messages'
import { SchemaRegistry } from '../../../src/engine/registry/registry'
import { decodeTypedRecords } from '../../../src/engine/registry/wire-format'

const open: SchemaRegistry[] = []
afterEach(() => {
  for (const r of open.splice(0)) r.close()
})

function record(value: Buffer): MessageRecord {
  return {
    partition: 0,
    offset: 0,
    timestamp: 0,
    timestampType: 'CreateTime',
    key: null,
    value: value.toString('base64'),
    valueEncoding: 'base64',
    headers: [],
    sizeBytes: value.length
  }
}

function framed(id: number, ...parts: Buffer[]): Buffer {
  const head = Buffer.alloc(5)
  head.writeInt32BE(id, 1)
  return Buffer.concat([head, ...parts])
}

it('decodes Protobuf records by their message indexes, and JSON Schema records', async () => {
  const r = SchemaRegistry.open(':memory:')
  open.push(r)
  const proto =
    'syntax = "proto3";\npackage t;\nmessage A { int32 x = 1; }\nmessage B { string name = 1; int64 n = 2; }\n'
  const { id } = await r.register('p', { schemaType: 'PROTOBUF', schema: proto })
  const B = protobuf.parse(proto).root.lookupType('t.B')
  const data = Buffer.from(B.encode(B.create({ name: 'bee', n: 7 })).finish())
  // Message indexes [1]: count 1, index 1, each a zigzag varint.
  const second = record(framed(id, Buffer.from([2, 2]), data))
  const A = protobuf.parse(proto).root.lookupType('t.A')
  // The first message is written as a single 0.
  const first = record(
    framed(id, Buffer.from([0]), Buffer.from(A.encode(A.create({ x: 5 })).finish()))
  )
  const j = await r.register('j', { schemaType: 'JSON', schema: '{"type":"object"}' })
  const json = record(framed(j.id, Buffer.from('{"ok": true}')))
  const corrupt = record(framed(id, Buffer.from([2, 2, 0xff, 0xff])))
  await decodeTypedRecords(r, [second, first, json, corrupt])
  expect(JSON.parse(second.value!)).toEqual({ name: 'bee', n: '7' })
  expect(second.valueSchema).toEqual({ id, type: 'PROTOBUF', subject: 'p', version: 1 })
  expect(second.valueEncoding).toBeUndefined()
  expect(JSON.parse(first.value!)).toEqual({ x: 5 })
  expect(JSON.parse(json.value!)).toEqual({ ok: true })
  expect(json.valueSchema).toMatchObject({ type: 'JSON', subject: 'j' })
  expect(corrupt.valueSchema).toMatchObject({ id, type: 'UNKNOWN' })
  expect(corrupt.valueSchema?.error).toMatch(/^not decoded: /)
  expect(corrupt.valueEncoding).toBe('base64')
})
