// Byte-exact frames written by hand from the Kafka protocol spec, field by field.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { ZERO_UUID } from '../../../src/shared/kafka/protocol-constants'
import {
  ApiKey,
  decodeRequest,
  decodeResponse,
  encodeApiVersionsUnsupported,
  encodeRequest,
  encodeResponse
} from '../../../src/engine/kafka/protocol'

/** Joins annotated hex segments (spaces allowed) into a Buffer. */
const hex = (...parts: string[]): Buffer => Buffer.from(parts.join('').replace(/\s+/g, ''), 'hex')
const ascii = (s: string): string => Buffer.from(s, 'ascii').toString('hex')

/** Prefixes a body with its INT32 size. */
const sized = (body: Buffer): Buffer => {
  const prefix = Buffer.alloc(4)
  prefix.writeInt32BE(body.length)
  return Buffer.concat([prefix, body])
}

describe('frames from the spec', () => {
  // ApiVersions Request (Version: 3) => client_software_name client_software_version TAG_BUFFER
  // with request header v2: key, version, correlation id, client_id (INT16 length), TAG_BUFFER.
  const apiVersionsV3 = sized(
    hex(
      '0012', // request_api_key 18
      '0003', // request_api_version 3
      '00000001', // correlation_id 1
      '000f',
      ascii('logdeck-capture'), // client_id: NULLABLE_STRING, never compact
      '00', // header TAG_BUFFER: no tagged fields
      '0b',
      ascii('librdkafka'), // client_software_name: COMPACT_STRING, length + 1 = 11
      '06',
      ascii('2.0.2'), // client_software_version: COMPACT_STRING, length + 1 = 6
      '00' // body TAG_BUFFER
    )
  )

  it('ApiVersions v3 request, as librdkafka sends it', () => {
    const req = decodeRequest(apiVersionsV3.subarray(4))
    expect(req.header).toEqual({
      requestApiKey: 18,
      requestApiVersion: 3,
      correlationId: 1,
      clientId: 'logdeck-capture'
    })
    expect(req.body).toEqual({ clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.0.2' })
    expect(encodeRequest(req.header, req.body as never).equals(apiVersionsV3)).toBe(true)
    // The very frame librdkafka 2.0.2 sent to the capture endpoint.
    const captured = JSON.parse(
      readFileSync(path.resolve(__dirname, '../../fixtures/kafka/librdkafka-frames.json'), 'utf8')
    ) as { steps: { frames: { hex: string }[] }[] }
    expect(captured.steps[0].frames[0].hex).toBe(apiVersionsV3.toString('hex'))
  })

  it('ApiVersions v3 response: header v0 (no TAG_BUFFER), then a flexible body', () => {
    const expected = sized(
      hex(
        '00000001', // correlation_id; ApiVersions responses always use response header v0
        '0000', // error_code
        '02', // api_keys: COMPACT_ARRAY of 1
        '0000 0003 000b 00', // api_key 0, min 3, max 11, TAG_BUFFER
        '00000000', // throttle_time_ms
        '01', // TAG_BUFFER with 1 field:
        '01 08 0000000000000007' // tag 1 (FinalizedFeaturesEpoch), size 8, INT64 7
      )
    )
    const frame = encodeResponse(
      { requestApiKey: ApiKey.ApiVersions, requestApiVersion: 3, correlationId: 1 },
      { apiKeys: [{ apiKey: 0, minVersion: 3, maxVersion: 11 }], finalizedFeaturesEpoch: 7n }
    )
    expect(frame.toString('hex')).toBe(expected.toString('hex'))
    const back = decodeResponse(ApiKey.ApiVersions, 3, frame.subarray(4)).body
    expect(back.finalizedFeaturesEpoch).toBe(7n)
    expect(back.zkMigrationReady).toBe(false)
  })

  it('ApiVersions UNSUPPORTED_VERSION answer: the v0 layout, whatever version was asked', () => {
    const expected = sized(
      hex(
        '0000002a', // correlation_id 42 (response header v0)
        '0023', // error_code 35 UNSUPPORTED_VERSION
        '00000001', // api_keys: INT32 count 1 (v0 arrays are not compact)
        '0012 0000 0004' // ApiVersions: 0-4
      )
    )
    const frame = encodeApiVersionsUnsupported(42, [{ apiKey: 18, minVersion: 0, maxVersion: 4 }])
    expect(frame.toString('hex')).toBe(expected.toString('hex'))
    const full = encodeApiVersionsUnsupported(42)
    const body = decodeResponse(ApiKey.ApiVersions, 0, full.subarray(4)).body
    expect(body.errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION)
    expect(body.apiKeys.find((k) => k.apiKey === 18)).toEqual({
      apiKey: 18,
      minVersion: 0,
      maxVersion: 4
    })
  })

  it('Metadata v0 request: header v1, an INT32 array of INT16 strings', () => {
    const frame = sized(
      hex(
        '0003 0000 00000007', // Metadata v0, correlation_id 7
        'ffff', // client_id null
        '00000002',
        '0006',
        ascii('orders'),
        '0008',
        ascii('payments')
      )
    )
    const req = decodeRequest(frame.subarray(4))
    if (req.apiKey !== ApiKey.Metadata) throw new Error('not Metadata')
    expect(req.header.clientId).toBeNull()
    expect(req.body.topics?.map((t) => t.name)).toEqual(['orders', 'payments'])
    // Fields of later versions take their defaults.
    expect(req.body.allowAutoTopicCreation).toBe(true)
    expect(encodeRequest(req.header, req.body).equals(frame)).toBe(true)
  })

  it('Produce v9 request: compact nullable string, compact records', () => {
    const records = hex('00'.repeat(12), '0000000a', 'deadbeef')
    const frame = sized(
      hex(
        '0000 0009 00000003', // Produce v9 (flexible: request header v2)
        '0001',
        ascii('p'),
        '00', // client_id 'p', header TAG_BUFFER
        '00', // transactional_id: COMPACT_NULLABLE_STRING null
        'ffff', // acks -1
        '00007530', // timeout_ms 30000
        '02', // topic_data: 1 topic
        '07',
        ascii('orders'),
        '02', // partition_data: 1 partition
        '00000002', // index 2
        '15',
        records.toString('hex'), // records: COMPACT_RECORDS of 20 bytes (length + 1 = 21)
        '00', // partition TAG_BUFFER
        '00', // topic TAG_BUFFER
        '00' // body TAG_BUFFER
      )
    )
    const req = decodeRequest(frame.subarray(4))
    if (req.apiKey !== ApiKey.Produce) throw new Error('not Produce')
    expect(req.body).toEqual({
      transactionalId: null,
      acks: -1,
      timeoutMs: 30000,
      // Produce 13's topic id takes its default where the version has none.
      topicData: [{ name: 'orders', topicId: ZERO_UUID, partitionData: [{ index: 2, records }] }]
    })
    expect(encodeRequest(req.header, req.body).equals(frame)).toBe(true)
  })

  it('Produce v13 request and response: the topic by its UUID, no name', () => {
    const records = hex('00'.repeat(12), '0000000a', 'deadbeef')
    const topicId = '0f0e0d0c-0b0a-4908-8706-050403020100'
    const uuid = '0f0e0d0c0b0a49088706050403020100'
    const frame = sized(
      hex(
        '0000 000d 00000004', // Produce v13 (flexible: request header v2)
        '0001',
        ascii('p'),
        '00', // client_id 'p', header TAG_BUFFER
        '00', // transactional_id: COMPACT_NULLABLE_STRING null
        '0001', // acks 1
        '00007530', // timeout_ms 30000
        '02', // topic_data: 1 topic
        uuid, // topic_id: UUID, where versions 0-12 have the name
        '02', // partition_data: 1 partition
        '00000002', // index 2
        '15',
        records.toString('hex'), // records: COMPACT_RECORDS of 20 bytes
        '00', // partition TAG_BUFFER
        '00', // topic TAG_BUFFER
        '00' // body TAG_BUFFER
      )
    )
    const req = decodeRequest(frame.subarray(4))
    if (req.apiKey !== ApiKey.Produce) throw new Error('not Produce')
    expect(req.body).toEqual({
      transactionalId: null,
      acks: 1,
      timeoutMs: 30000,
      topicData: [{ name: '', topicId, partitionData: [{ index: 2, records }] }]
    })
    expect(encodeRequest(req.header, req.body).equals(frame)).toBe(true)
    const response = encodeResponse(
      { requestApiKey: ApiKey.Produce, requestApiVersion: 13, correlationId: 4 },
      {
        responses: [
          {
            name: 'orders', // not written from version 13
            topicId,
            partitionResponses: [
              { index: 2, errorCode: ErrorCode.UNKNOWN_TOPIC_ID, baseOffset: -1n }
            ]
          }
        ],
        throttleTimeMs: 0
      }
    )
    expect(response.toString('hex')).toBe(
      hex(
        '0000003e', // size: 62 bytes
        '00000004 00', // response header v1: correlation_id, TAG_BUFFER
        '02', // responses: 1 topic
        uuid, // topic_id
        '02', // partition_responses: 1
        '00000002 0064', // index 2, error_code 100 UNKNOWN_TOPIC_ID
        'ffffffffffffffff', // base_offset -1
        'ffffffffffffffff', // log_append_time_ms -1
        'ffffffffffffffff', // log_start_offset -1
        '01', // record_errors: empty
        '00', // error_message: null
        '00', // partition TAG_BUFFER (current_leader at its default, left out)
        '00', // topic TAG_BUFFER
        '00000000', // throttle_time_ms
        '00' // body TAG_BUFFER (node_endpoints empty, left out)
      ).toString('hex')
    )
  })

  it('Fetch v12 response: tagged CurrentLeader written, default tagged fields left out', () => {
    const expected = sized(
      hex(
        '00000009',
        '00', // response header v1: correlation_id 9, TAG_BUFFER
        '00000000', // throttle_time_ms
        '0000', // error_code
        '00000000', // session_id
        '02', // responses: 1 topic
        '07',
        ascii('orders'),
        '02', // partitions: 1
        '00000000', // partition_index 0
        '0000', // error_code
        '0000000000000005', // high_watermark 5
        'ffffffffffffffff', // last_stable_offset -1 (default)
        '0000000000000000', // log_start_offset 0
        '00', // aborted_transactions: COMPACT_NULLABLE_ARRAY null
        'ffffffff', // preferred_read_replica -1
        '01', // records: empty COMPACT_RECORDS
        '01', // partition TAG_BUFFER with 1 field:
        '01 09 00000002 00000004 00', // tag 1 CurrentLeader: leader 2, epoch 4, its own TAG_BUFFER
        '00', // topic TAG_BUFFER
        '00' // body TAG_BUFFER
      )
    )
    const frame = encodeResponse(
      { requestApiKey: ApiKey.Fetch, requestApiVersion: 12, correlationId: 9 },
      {
        responses: [
          {
            topic: 'orders',
            partitions: [
              {
                partitionIndex: 0,
                highWatermark: 5n,
                logStartOffset: 0n,
                abortedTransactions: null,
                currentLeader: { leaderId: 2, leaderEpoch: 4 },
                divergingEpoch: { epoch: -1, endOffset: -1n },
                records: Buffer.alloc(0)
              }
            ]
          }
        ]
      }
    )
    expect(frame.toString('hex')).toBe(expected.toString('hex'))
    const p = decodeResponse(ApiKey.Fetch, 12, frame.subarray(4)).body.responses[0].partitions[0]
    expect(p.currentLeader).toEqual({ leaderId: 2, leaderEpoch: 4 })
    expect(p.snapshotId).toEqual({ endOffset: -1n, epoch: -1 })
  })

  it('skips unknown tagged fields in the request header and the body', () => {
    const frame = hex(
      '0012 0003 00000005 0000', // ApiVersions v3, correlation_id 5, client_id ''
      '01 05 02 abcd', // header TAG_BUFFER: unknown tag 5 of 2 bytes
      '02',
      ascii('a'),
      '02',
      ascii('b'),
      '02 07 00 1f 03 010203' // body: unknown tag 7 (empty), unknown tag 31 (3 bytes)
    )
    const req = decodeRequest(frame)
    expect(req.header.correlationId).toBe(5)
    expect(req.body).toEqual({ clientSoftwareName: 'a', clientSoftwareVersion: 'b' })
  })
})
