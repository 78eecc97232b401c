// Round trips of every served API at every served version, request and response, whole frames too.
import { describe, expect, it } from 'vitest'
import {
  API_SCHEMAS,
  ByteReader,
  ByteWriter,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  messageCodec,
  type ServedApiKey
} from '../../../src/engine/kafka/protocol'
import { defaultFactory } from '../../../src/engine/kafka/protocol/defaults'
import type { MessageSchema } from '../../../src/engine/kafka/protocol/schema'
import { rng } from '../../support/generators'
import { sampleStruct, type Variant } from '../../support/schema-bodies'

function encodeBody(schema: MessageSchema, version: number, value: object): Buffer {
  const w = new ByteWriter(64)
  messageCodec(schema, version).encode(w, value)
  return w.toBuffer()
}

function decodeBody(schema: MessageSchema, version: number, bytes: Buffer): unknown {
  const r = new ByteReader(bytes)
  const value = messageCodec(schema, version).decode(r)
  expect(r.remaining).toBe(0)
  return value
}

const cases = API_SCHEMAS.flatMap((api) =>
  Array.from({ length: api.maxVersion - api.minVersion + 1 }, (_, i) => ({
    api,
    version: api.minVersion + i
  }))
)

describe.each(cases)('$api.name v$version', ({ api, version }) => {
  for (const kind of ['request', 'response'] as const) {
    const schema = api[kind]
    for (const variant of ['full', 'nulls'] as Variant[]) {
      it(`${kind} body round-trips (${variant})`, () => {
        const message = sampleStruct(
          schema.fields,
          version,
          variant,
          rng(api.apiKey * 100 + version)
        )
        const bytes = encodeBody(schema, version, message)
        const decoded = decodeBody(schema, version, bytes)
        expect(decoded).toEqual(message)
        expect(encodeBody(schema, version, decoded as object).equals(bytes)).toBe(true)
      })
    }

    it(`${kind} body of defaults round-trips from an empty object`, () => {
      const defaults = Object.fromEntries(schema.fields.map((f) => [f.name, defaultFactory(f)()]))
      const bytes = encodeBody(schema, version, {})
      expect(decodeBody(schema, version, bytes)).toEqual(defaults)
      expect(encodeBody(schema, version, defaults).equals(bytes)).toBe(true)
    })
  }

  it('request frame round-trips with its header', () => {
    const body = sampleStruct(api.request.fields, version, 'full', rng(version))
    const header = {
      requestApiKey: api.apiKey as ServedApiKey,
      requestApiVersion: version,
      correlationId: 0x01020304,
      clientId: 'client-é'
    }
    const frame = encodeRequest(header, body)
    expect(frame.readInt32BE(0)).toBe(frame.length - 4)
    const decoded = decodeRequest(frame.subarray(4))
    expect(decoded.apiKey).toBe(api.apiKey)
    expect(decoded.apiVersion).toBe(version)
    expect(decoded.header).toEqual(header)
    expect(decoded.body).toEqual(body)
  })

  it('response frame round-trips with its header', () => {
    const body = sampleStruct(api.response.fields, version, 'full', rng(version + 7))
    const target = {
      requestApiKey: api.apiKey as ServedApiKey,
      requestApiVersion: version,
      correlationId: -5
    }
    const frame = encodeResponse(target, body)
    expect(frame.readInt32BE(0)).toBe(frame.length - 4)
    const decoded = decodeResponse(target.requestApiKey, version, frame.subarray(4))
    expect(decoded.correlationId).toBe(-5)
    expect(decoded.body).toEqual(body)
  })
})
