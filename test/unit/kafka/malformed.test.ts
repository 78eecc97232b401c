// Truncated frames, lying lengths, negative and huge counts: always one ProtocolError, quickly.
import { describe, expect, it } from 'vitest'
import {
  ApiKey,
  ProtocolError,
  answerToRefusedRequest,
  decodeRequest,
  encodeRequest,
  encodeResponse,
  type ProtocolErrorCode
} from '../../../src/engine/kafka/protocol'

const hex = (...parts: string[]): Buffer => Buffer.from(parts.join('').replace(/\s+/g, ''), 'hex')

function failure(frame: Buffer): ProtocolError {
  try {
    decodeRequest(frame)
  } catch (err) {
    expect(err).toBeInstanceOf(ProtocolError)
    return err as ProtocolError
  }
  throw new Error('decoded a malformed frame')
}

const expectCode = (frame: Buffer, code: ProtocolErrorCode): void =>
  expect(failure(frame).code).toBe(code)

const produceV7 = encodeRequest(
  { requestApiKey: ApiKey.Produce, requestApiVersion: 7, correlationId: 1, clientId: 'c' },
  {
    acks: 1,
    timeoutMs: 100,
    topicData: [{ name: 'orders', partitionData: [{ index: 0, records: Buffer.alloc(30, 1) }] }]
  }
).subarray(4)
const metadataV12 = encodeRequest(
  { requestApiKey: ApiKey.Metadata, requestApiVersion: 12, correlationId: 1, clientId: 'c' },
  { topics: [{ name: 'orders' }, { name: 'payments' }] }
).subarray(4)

describe('truncation', () => {
  it.each([
    ['Produce v7', produceV7],
    ['Metadata v12', metadataV12]
  ])('every strict prefix of %s raises TRUNCATED or INVALID_LENGTH', (_name, frame) => {
    // A cut inside an array leaves a count larger than the bytes left: INVALID_LENGTH.
    for (let n = 0; n < frame.length; n++) {
      expect(['TRUNCATED', 'INVALID_LENGTH']).toContain(failure(frame.subarray(0, n)).code)
    }
    expect(failure(frame.subarray(0, frame.length - 1)).code).toBe('TRUNCATED')
  })
})

describe('lying lengths and counts', () => {
  // Metadata v1 (header v1): key 3, version 1, correlation id, client_id null, then topics.
  const metadataV1 = (topics: string): Buffer => hex('0003 0001 00000001 ffff', topics)
  // Metadata v9+ is flexible: header v2 adds a TAG_BUFFER.
  const metadataV9 = (topics: string): Buffer => hex('0003 0009 00000001 ffff 00', topics)

  it('an array count larger than the bytes left raises INVALID_LENGTH, without allocating', () => {
    const heapBefore = process.memoryUsage().heapUsed
    expectCode(metadataV1('7fffffff 0001 61'), 'INVALID_LENGTH')
    expectCode(metadataV9('ffffffff07 00 00'), 'INVALID_LENGTH')
    // An array sized by the count would take gigabytes (or throw RangeError instead).
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024)
  })

  it('counts are checked against the smallest element: 2 strings need 4 bytes', () => {
    expectCode(metadataV1('00000002 0000 00'), 'INVALID_LENGTH')
    expectCode(metadataV1('00000002 0000'), 'INVALID_LENGTH')
  })

  it('negative counts raise INVALID_LENGTH; -1 is null only where nullable', () => {
    expectCode(metadataV1('fffffffe'), 'INVALID_LENGTH')
    expectCode(metadataV1('80000000'), 'INVALID_LENGTH')
    const nullTopics = decodeRequest(metadataV1('ffffffff'))
    if (nullTopics.apiKey !== ApiKey.Metadata) throw new Error('not Metadata')
    expect(nullTopics.body.topics).toBeNull()
    // Metadata v0 topics are not nullable.
    expectCode(hex('0003 0000 00000001 ffff ffffffff'), 'INVALID_LENGTH')
  })

  it('compact counts above INT32 raise INVALID_LENGTH', () => {
    expectCode(metadataV9('ffffffff0f 00 00'), 'INVALID_LENGTH')
  })

  it('string lengths: negative raises INVALID_LENGTH, longer than the frame TRUNCATED', () => {
    expectCode(metadataV1('00000001 fffb'), 'INVALID_LENGTH')
    expectCode(metadataV1('00000001 7fff 6161'), 'TRUNCATED')
    expectCode(hex('0003 0001 00000001 fff0 ffffffff'), 'INVALID_LENGTH')
    expectCode(hex('0003 0001 00000001 0100 61'), 'TRUNCATED')
  })

  it('bytes and records lengths: negative or beyond the frame', () => {
    const base = produceV7.toString('hex')
    // The records length is the INT32 just before the 30 record bytes at the end.
    const at = base.length - 60 - 8
    const withLength = (len: string): Buffer =>
      Buffer.from(base.slice(0, at) + len + base.slice(at + 8), 'hex')
    expectCode(withLength('fffffffe'), 'INVALID_LENGTH')
    expectCode(withLength('0000001f'), 'TRUNCATED')
    expectCode(withLength('7fffffff'), 'TRUNCATED')
  })

  it('tagged fields: a size beyond the frame, a count that cannot fit, a field past its size', () => {
    // ApiVersions v3 (flexible): header v2 then a body of two compact strings.
    const av = (tags: string): Buffer => hex('0012 0003 00000001 ffff 00 0261 0262', tags)
    expectCode(av('01 00 7f 00'), 'TRUNCATED')
    expectCode(av('ffffffff0f'), 'INVALID_LENGTH')
    expectCode(av('02 00 00 05 02'), 'TRUNCATED')
    // Fetch v12 with its known tagged ClusterId (tag 0) declared as 1 byte but 3 bytes long.
    const fetch = hex(
      '0001 000c 00000001 ffff 00',
      'ffffffff 00000000 00000000 7fffffff 00 00000000 ffffffff 01 01 01',
      '01 00 01 03 6162'
    )
    expectCode(fetch, 'TRUNCATED')
  })

  it('varints longer than 5 bytes raise INVALID_VALUE', () => {
    expectCode(metadataV9('8080808080 01'), 'INVALID_VALUE')
  })
})

describe('unserved keys and versions', () => {
  it('an unknown API key raises UNSUPPORTED_API', () => {
    expectCode(hex('0400 0000 00000001 ffff'), 'UNSUPPORTED_API')
  })

  it('an unserved version raises UNSUPPORTED_VERSION with the header attached', () => {
    const err = failure(hex('0012 0009 0000002a 0003', Buffer.from('cli').toString('hex'), '00'))
    expect(err.code).toBe('UNSUPPORTED_VERSION')
    expect(err.header).toEqual({
      requestApiKey: 18,
      requestApiVersion: 9,
      correlationId: 42,
      clientId: 'cli'
    })
    expectCode(hex('0000 0002 00000001 ffff'), 'UNSUPPORTED_VERSION')
    expectCode(hex('0001 0012 00000001 ffff 00'), 'UNSUPPORTED_VERSION')
  })
})

describe('answers to refused requests', () => {
  it('an ApiVersions request of an unserved version gets the v0 UNSUPPORTED_VERSION answer', () => {
    const answer = answerToRefusedRequest(failure(hex('0012 0005 00000063 ffff 00 0000')))
    expect(answer?.subarray(4, 10).toString('hex')).toBe('00000063' + '0023')
  })

  it('anything else gets none: the connection is closed', () => {
    expect(answerToRefusedRequest(failure(hex('0000 0002 00000001 ffff')))).toBeUndefined()
    expect(answerToRefusedRequest(failure(hex('0012 0003 00000001')))).toBeUndefined()
    expect(answerToRefusedRequest(new Error('x'))).toBeUndefined()
  })
})

describe('encoding values a version cannot carry', () => {
  const target = { requestApiKey: ApiKey.Produce, requestApiVersion: 9, correlationId: 1 } as const

  it('raises INVALID_VALUE for out-of-range numbers and null in non-nullable fields', () => {
    const tooBig = () =>
      encodeResponse(target, {
        responses: [{ name: 't', partitionResponses: [{ errorCode: 70000 }] }]
      })
    expect(tooBig).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }))
    const nullName = () =>
      encodeResponse(target, { responses: [{ name: null as unknown as string }] })
    expect(nullName).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }))
    const notArray = () => encodeResponse(target, { responses: 'x' as unknown as [] })
    expect(notArray).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }))
  })

  it('raises UNSUPPORTED_VERSION for a version not served', () => {
    const v2 = () => encodeResponse({ ...target, requestApiVersion: 2 }, {})
    expect(v2).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_VERSION' }))
  })
})
