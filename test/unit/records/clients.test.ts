// Batches written by real Kafka clients: kafka-python and librdkafka fixtures, kafkajs live.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { uncompressSync } from 'snappy'
import { describe, expect, it } from 'vitest'
import {
  BATCH_HEADER_SIZE,
  COMPRESSION_NAMES,
  type CompressionName,
  CompressionType,
  type DecodedBatch,
  compressionFromName,
  decodeBatch,
  encodeBatch,
  isXerialSnappy,
  splitBatches
} from '../../../src/engine/records'
import { FIXTURES, asInput, expectRecords, fixtureRecords } from './helpers'

interface ManifestEntry {
  client: 'kafka-python' | 'librdkafka'
  codec: CompressionName
  records: 'small' | 'large'
}

const manifest = JSON.parse(readFileSync(join(FIXTURES, 'python-manifest.json'), 'utf8')) as Record<
  string,
  ManifestEntry
>

/** Re-encodes decoded records with the header fields the client chose. */
function reencode({ header, records }: DecodedBatch): Buffer {
  return encodeBatch(asInput(records), {
    baseOffset: header.baseOffset,
    partitionLeaderEpoch: header.partitionLeaderEpoch,
    compression: header.compression,
    producerId: header.producerId,
    producerEpoch: header.producerEpoch,
    baseSequence: header.baseSequence,
    baseTimestamp: header.baseTimestamp,
    maxTimestamp: header.maxTimestamp,
    transactional: header.isTransactional
  })
}

describe('fixtures from kafka-python and librdkafka', () => {
  it('covers every codec for both clients', () => {
    for (const client of ['kafka-python', 'librdkafka']) {
      const codecs = new Set(
        Object.values(manifest)
          .filter((m) => m.client === client)
          .map((m) => m.codec)
      )
      expect([...codecs].sort()).toEqual([...COMPRESSION_NAMES].sort())
    }
  })

  it.each(Object.entries(manifest))('%s decodes to the records it was built from', (file, m) => {
    const bytes = readFileSync(join(FIXTURES, file))
    const { batches, trailingBytes } = splitBatches(bytes)
    expect(batches).toHaveLength(1)
    expect(trailingBytes).toBe(0)
    const expected = fixtureRecords(m.records)
    const decoded = decodeBatch(batches[0].bytes)
    const timestamps = expected.map((r) => r.timestamp ?? 0)
    expect(decoded.header).toMatchObject({
      baseOffset: 0,
      magic: 2,
      compression: compressionFromName(m.codec),
      recordCount: expected.length,
      lastOffsetDelta: expected.length - 1,
      baseTimestamp: timestamps[0],
      maxTimestamp: Math.max(...timestamps),
      producerId: -1,
      producerEpoch: -1,
      baseSequence: -1,
      isTransactional: false,
      isControl: false
    })
    expectRecords(decoded.records, expected)

    const section = bytes.subarray(BATCH_HEADER_SIZE)
    if (m.codec === 'snappy') {
      // The interop point: kafka-python frames snappy like Java (xerial), librdkafka does not.
      expect(isXerialSnappy(section)).toBe(m.client === 'kafka-python')
    }
    const again = reencode(decoded)
    if (m.codec === 'none') expect(again).toEqual(bytes)
    else expect(decodeBatch(again).records).toEqual(decoded.records)
    if (m.codec === 'snappy' && m.client === 'kafka-python') {
      // Same stream header and the same 32 KiB block split as snappy-java's framing.
      const ours = again.subarray(BATCH_HEADER_SIZE)
      expect(ours.subarray(0, 16)).toEqual(section.subarray(0, 16))
      expect(xerialBlockSizes(ours)).toEqual(xerialBlockSizes(section))
    }
  })
})

function xerialBlockSizes(stream: Buffer): number[] {
  const sizes: number[] = []
  for (let at = 16; at < stream.length; at += 4 + stream.readInt32BE(at)) {
    sizes.push(uncompressSync(stream.subarray(at + 4, at + 4 + stream.readInt32BE(at))).length)
  }
  return sizes
}

// kafkajs builds batches inside its Produce request encoder; encode one offline and cut the
// records field back out, so the bytes are exactly what kafkajs would put on the wire.
const require = createRequire(import.meta.url)
const produceV3 = require('kafkajs/src/protocol/requests/produce/v3/request') as (
  args: Record<string, unknown>
) => { encode(): Promise<{ buffer: Buffer }> }

async function kafkajsBatch(
  compression: CompressionType,
  messages: Array<Record<string, unknown>>
): Promise<Buffer> {
  const request = produceV3({
    acks: -1,
    timeout: 30000,
    compression,
    topicData: [{ topic: 't', partitions: [{ partition: 0, firstSequence: 0, messages }] }]
  })
  const body = (await request.encode()).buffer
  let at = 2 + Math.max(body.readInt16BE(0), 0) + 2 + 4 + 4 // transactional id, acks, timeout
  at += 2 + body.readInt16BE(at) + 4 + 4 // topic name, partition count, partition index
  return body.subarray(at + 4, at + 4 + body.readInt32BE(at))
}

describe('batches from kafkajs', () => {
  // kafkajs cannot encode null header values, so those headers are left out of its input.
  const sets = {
    small: fixtureRecords('small').map((r) => ({
      ...r,
      headers: (r.headers as Array<{ key: string; value: Buffer | null }>).filter(
        (h) => h.value !== null
      )
    })),
    large: fixtureRecords('large')
  }

  it.each([
    ['none', 'small'],
    ['none', 'large'],
    ['gzip', 'small'],
    ['gzip', 'large']
  ] as const)('%s/%s decodes, and re-encodes identically when uncompressed', async (codec, set) => {
    const input = sets[set]
    const messages = input.map((r) => {
      const headers: Record<string, Buffer[]> = {}
      for (const h of r.headers as Array<{ key: string; value: Buffer }>) {
        ;(headers[h.key] ??= []).push(h.value)
      }
      return { key: r.key, value: r.value, timestamp: r.timestamp, headers }
    })
    const bytes = await kafkajsBatch(compressionFromName(codec), messages)
    const decoded = decodeBatch(bytes)
    expect(decoded.header).toMatchObject({
      compression: compressionFromName(codec),
      recordCount: input.length,
      producerId: -1,
      partitionLeaderEpoch: 0
    })
    expectRecords(decoded.records, input)
    const again = reencode(decoded)
    if (codec === 'none') expect(again).toEqual(bytes)
    else expect(decodeBatch(again).records).toEqual(decoded.records)
  })
})
