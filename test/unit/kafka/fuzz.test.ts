// Random mutations of valid frames never raise anything but ProtocolError, and never take long.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  API_SCHEMAS,
  ProtocolError,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  type ServedApiKey
} from '../../../src/engine/kafka/protocol'
import { rng } from '../../support/generators'
import { sampleStruct } from './helpers/sample'

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

const requests: Buffer[] = [...capturedFrames()]
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
    const req = sampleStruct(api.request.fields, version, 'full', random)
    requests.push(encodeRequest(header, req).subarray(4))
    const res = sampleStruct(api.response.fields, version, 'full', random)
    responses.push({ key, version, frame: encodeResponse(header, res).subarray(4) })
  }
}

function timed(run: () => unknown): number {
  const started = performance.now()
  try {
    run()
  } catch (err) {
    if (!(err instanceof ProtocolError)) throw err
  }
  return performance.now() - started
}

/**
 * A mutated frame is decoded or refused, never thrown at as anything else, and never makes the
 * decoder loop or allocate without bound: a frame that seemed slow is decoded again, and only a
 * frame slow every time (not one caught by a pause of a loaded machine) fails.
 */
function survives(run: () => unknown): void {
  if (timed(run) < 100) return
  const retries = [timed(run), timed(run), timed(run)]
  expect(Math.min(...retries)).toBeLessThan(100)
}

describe('fuzzing the decoders', () => {
  it('request frames: 20,000 mutations', () => {
    for (let i = 0; i < 20_000; i++) {
      let frame = pick(requests)
      const rounds = 1 + Math.floor(random() * 3)
      for (let j = 0; j < rounds; j++) frame = mutate(frame)
      survives(() => decodeRequest(frame))
    }
  })

  it('response frames: 20,000 mutations', () => {
    for (let i = 0; i < 20_000; i++) {
      const { key, version, frame } = pick(responses)
      const mutated = mutate(frame)
      survives(() => decodeResponse(key, version, mutated))
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
      survives(() => decodeRequest(b))
    }
  })
})
