// Random mutations of valid frames never raise anything but ProtocolError, and never decode to
// more than their bytes can hold.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  API_SCHEMAS,
  ProtocolError,
  decodeRequest,
  decodeResponse,
  encodeResponse,
  type ServedApiKey
} from '../../../src/engine/kafka/protocol'
import { rng } from '../../support/generators'
import { buildTemplates } from '../../support/fuzz-frames'
import { sampleStruct } from '../../support/schema-bodies'

const random = rng(20240611)
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]
const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe]

/** One random mutation: flip, overwrite, truncate, insert, delete or duplicate a slice. */
function mutate(frame: Buffer): Buffer {
  const b = Buffer.from(frame)
  const at = Math.floor(random() * Math.max(1, b.length))
  switch (Math.floor(random() * 6)) {
    case 0:
      if (b.length > 0) b[at] ^= 1 << Math.floor(random() * 8)
      return b
    case 1:
      for (let i = 0; i < 4 && at + i < b.length; i++) b[at + i] = pick(INTERESTING)
      return b
    case 2:
      return b.subarray(0, at)
    case 3:
      return Buffer.concat([
        b.subarray(0, at),
        Buffer.from([pick(INTERESTING), pick(INTERESTING)]),
        b.subarray(at)
      ])
    case 4:
      return Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + Math.floor(random() * 8))])
    default:
      return Buffer.concat([b.subarray(0, at), b.subarray(at, at + 16), b.subarray(at)])
  }
}

function capturedFrames(): Buffer[] {
  const dir = path.resolve(__dirname, '../../fixtures/kafka')
  return ['librdkafka-frames.json', 'kafka-python-frames.json'].flatMap((f) => {
    const doc = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as {
      steps: { frames: { hex: string }[] }[]
    }
    return doc.steps.flatMap((s) => s.frames.map((x) => Buffer.from(x.hex, 'hex').subarray(4)))
  })
}

// Requests: captured client traffic, and one plausible frame of every served API version.
const requests: Buffer[] = [
  ...capturedFrames(),
  ...buildTemplates(
    random,
    { topics: ['fuzz-a'], autoCreatable: ['fuzz-b'], groups: ['g'] },
    1
  ).map((t) => t.frame.subarray(4))
]
const responses: { key: ServedApiKey; version: number; frame: Buffer }[] = []
for (const api of API_SCHEMAS) {
  for (const version of [api.minVersion, api.maxVersion]) {
    const key = api.apiKey as ServedApiKey
    const header = {
      requestApiKey: key,
      requestApiVersion: version,
      correlationId: 1,
      clientId: 'f'
    }
    const res = sampleStruct(api.response.fields, version, 'full', random)
    responses.push({ key, version, frame: encodeResponse(header, res).subarray(4) })
  }
}

/** Array elements in a decoded message, nested ones included. */
function elements(value: unknown): number {
  if (Array.isArray(value))
    return value.reduce((n: number, v: unknown) => n + elements(v), value.length)
  if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value))
    return Object.values(value).reduce((n: number, v: unknown) => n + elements(v), 0)
  return 0
}

/**
 * A mutated frame is decoded or refused with a ProtocolError, never thrown at as anything else;
 * and what it decodes to stands on its bytes: every array element takes at least one byte of the
 * frame (a lying count is refused before anything is allocated), so neither the memory nor the
 * work of decoding a frame can grow past its size.
 */
function survives(frame: Buffer, decode: () => { body: unknown }): void {
  let decoded: { body: unknown }
  try {
    decoded = decode()
  } catch (err) {
    if (err instanceof ProtocolError) return
    throw err
  }
  expect(elements(decoded.body)).toBeLessThanOrEqual(frame.length)
}

describe('fuzzing the decoders', () => {
  it('request frames: 20,000 mutations', () => {
    for (let i = 0; i < 20_000; i++) {
      let frame = pick(requests)
      const rounds = 1 + Math.floor(random() * 3)
      for (let j = 0; j < rounds; j++) frame = mutate(frame)
      survives(frame, () => decodeRequest(frame))
    }
  })

  it('response frames: 20,000 mutations', () => {
    for (let i = 0; i < 20_000; i++) {
      const { key, version, frame } = pick(responses)
      const mutated = mutate(frame)
      survives(mutated, () => decodeResponse(key, version, mutated))
    }
  })

  it('random bytes', () => {
    for (let i = 0; i < 5_000; i++) {
      const b = Buffer.alloc(Math.floor(random() * 64))
      for (let j = 0; j < b.length; j++) b[j] = Math.floor(random() * 256)
      // Point the header at a served API most of the time, so bodies get decoded.
      if (b.length >= 4 && random() < 0.8) {
        const api = pick(API_SCHEMAS)
        b.writeInt16BE(api.apiKey, 0)
        b.writeInt16BE(
          api.minVersion + Math.floor(random() * (api.maxVersion - api.minVersion + 1)),
          2
        )
      }
      survives(b, () => decodeRequest(b))
    }
  })
})
