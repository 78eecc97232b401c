// Request frames captured from real clients (librdkafka via kcat, confluent-kafka-python,
// kafka-python) decode to the values those clients sent and re-encode byte for byte.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ApiKey,
  decodeRequest,
  encodeRequest,
  type DecodedRequest
} from '../../../src/engine/kafka/protocol'

interface FixtureFile {
  client: string
  steps: { step: string; frames: { apiKey: number; apiVersion: number; hex: string }[] }[]
}

const dir = path.resolve(__dirname, '../../fixtures/kafka')
const files = ['librdkafka-frames.json', 'confluent-kafka-frames.json', 'kafka-python-frames.json']

const frames = files.flatMap((file) => {
  const doc = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as FixtureFile
  return doc.steps.flatMap((s) =>
    s.frames.map((f) => ({
      ...f,
      file,
      label: `${doc.client}: ${f.apiKey} v${f.apiVersion}`,
      frame: Buffer.from(f.hex, 'hex')
    }))
  )
})

/** What each client is known to have sent, per file and `key/version`. */
const expectations: Record<string, (r: DecodedRequest, frame: Buffer) => void> = {
  'librdkafka-frames.json 18/3': (r) =>
    expect(r.body).toEqual({ clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.0.2' }),
  'confluent-kafka-frames.json 18/3': (r) =>
    expect(r.body).toMatchObject({ clientSoftwareName: 'confluent-kafka-python' }),
  'kafka-python-frames.json 18/0': (r) =>
    expect(r.body).toEqual({ clientSoftwareName: '', clientSoftwareVersion: '' }),
  'librdkafka-frames.json 3/4': (r) => {
    if (r.apiKey !== ApiKey.Metadata) throw new Error('not Metadata')
    expect(r.body.topics?.map((t) => t.name)).toEqual(['orders'])
    expect(r.body.allowAutoTopicCreation).toBe(true)
  },
  'kafka-python-frames.json 3/1': (r) => {
    if (r.apiKey !== ApiKey.Metadata) throw new Error('not Metadata')
    expect(r.body.topics).toBeNull()
  },
  'librdkafka-frames.json 0/7': (r, frame) => {
    if (r.apiKey !== ApiKey.Produce) throw new Error('not Produce')
    expect(r.body).toMatchObject({ transactionalId: null, acks: -1, timeoutMs: 30000 })
    const records = r.body.topicData[0].partitionData[0].records
    if (records === null) throw new Error('no records')
    expect(records[16]).toBe(2)
    // The batch is a view of the frame's memory, not a copy.
    expect(records.buffer).toBe(frame.buffer)
    expect(records.byteOffset + records.length).toBe(frame.byteOffset + frame.length)
  },
  'kafka-python-frames.json 0/7': (r) => {
    if (r.apiKey !== ApiKey.Produce) throw new Error('not Produce')
    expect(r.body.acks).toBe(1)
    expect(r.body.topicData[0].name).toBe('orders')
  },
  'librdkafka-frames.json 1/11': (r) => {
    if (r.apiKey !== ApiKey.Fetch) throw new Error('not Fetch')
    expect(r.body).toMatchObject({ replicaId: -1, maxWaitMs: 500, isolationLevel: 1, rackId: '' })
    expect(r.body.topics[0].partitions[0]).toMatchObject({ partition: 0, fetchOffset: 0n })
  },
  'librdkafka-frames.json 11/5': (r) => {
    if (r.apiKey !== ApiKey.JoinGroup) throw new Error('not JoinGroup')
    expect(r.body).toMatchObject({
      groupId: 'capture-group',
      memberId: '',
      protocolType: 'consumer'
    })
    expect(r.body.protocols.map((p) => p.name)).toEqual(['range', 'roundrobin'])
  },
  'librdkafka-frames.json 9/7': (r) => {
    if (r.apiKey !== ApiKey.OffsetFetch) throw new Error('not OffsetFetch')
    expect(r.body).toMatchObject({ groupId: 'capture-group', requireStable: true })
  },
  'librdkafka-frames.json 8/7': (r) => {
    if (r.apiKey !== ApiKey.OffsetCommit) throw new Error('not OffsetCommit')
    expect(r.body.topics[0].partitions[0].committedOffset).toBe(1n)
  },
  'confluent-kafka-frames.json 19/4': (r) => {
    if (r.apiKey !== ApiKey.CreateTopics) throw new Error('not CreateTopics')
    expect(r.body.validateOnly).toBe(true)
    expect(r.body.topics[0]).toMatchObject({
      name: 'payments',
      numPartitions: 3,
      configs: [{ name: 'cleanup.policy', value: 'compact' }]
    })
  },
  'confluent-kafka-frames.json 37/0': (r) => {
    if (r.apiKey !== ApiKey.CreatePartitions) throw new Error('not CreatePartitions')
    expect(r.body.topics).toEqual([{ name: 'payments', count: 6, assignments: null }])
  },
  'confluent-kafka-frames.json 33/0': (r) => {
    if (r.apiKey !== ApiKey.AlterConfigs) throw new Error('not AlterConfigs')
    expect(r.body.resources[0].configs).toEqual([{ name: 'retention.ms', value: '1000' }])
  },
  'kafka-python-frames.json 20/3': (r) => {
    if (r.apiKey !== ApiKey.DeleteTopics) throw new Error('not DeleteTopics')
    expect(r.body.topicNames).toEqual(['payments'])
  }
}

describe('captured client frames', () => {
  it('cover the clients and the flows they were captured from', () => {
    expect(frames.length).toBeGreaterThanOrEqual(35)
    for (const key of Object.keys(expectations)) {
      const [file, kv] = key.split(' ')
      expect(frames.some((f) => f.file === file && `${f.apiKey}/${f.apiVersion}` === kv)).toBe(true)
    }
  })

  it.each(frames)('$label', ({ file, apiKey, apiVersion, frame }) => {
    const decoded = decodeRequest(frame.subarray(4))
    expect(decoded.apiKey).toBe(apiKey)
    expect(decoded.apiVersion).toBe(apiVersion)
    expect(decoded.header.clientId).toBe('logdeck-capture')
    expectations[`${file} ${apiKey}/${apiVersion}`]?.(decoded, frame)
    const again = encodeRequest(decoded.header, decoded.body as never)
    expect(again.toString('hex')).toBe(frame.toString('hex'))
  })
})
