// Responses encoded by our codec are read correctly by kafkajs's own response decoders.
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import {
  ApiKey,
  decodeRequest,
  encodeResponse,
  type Encodable,
  type ResponseBodies,
  type ServedApiKey
} from '../../../src/engine/kafka/protocol'

const require = createRequire(import.meta.url)
type Decoder = { decode: (raw: Buffer) => Promise<Record<string, unknown>> }
const { requests } = require('kafkajs/src/protocol/requests') as {
  requests: Record<string, { protocol: (o: { version: number }) => (a: unknown) => Built }>
}
const buildFrame = require('kafkajs/src/protocol/request') as (o: {
  correlationId: number
  clientId: string
  request: unknown
}) => Promise<{ buffer: Buffer }>
type Built = { request: unknown; response: Decoder }

/** Encodes with our codec (header v0: kafkajs only speaks non-flexible versions) and decodes. */
async function kafkajsDecode<K extends ServedApiKey>(
  name: string,
  key: K,
  version: number,
  body: Encodable<ResponseBodies[K]>
): Promise<Record<string, unknown>> {
  const frame = encodeResponse(
    { requestApiKey: key, requestApiVersion: version, correlationId: 5 },
    body
  )
  expect(frame.readInt32BE(0)).toBe(frame.length - 4)
  expect(frame.readInt32BE(4)).toBe(5)
  const args = { topics: [], groupIds: [], resources: [], topicData: [], acks: 1 }
  const { response } = requests[name].protocol({ version })(args)
  return response.decode(frame.subarray(8))
}

/** A real RecordBatch, as kafkajs's producer encodes it. */
async function kafkajsRecordBatch(): Promise<Buffer> {
  const topicData = [
    {
      topic: 'orders',
      partitions: [
        {
          partition: 0,
          messages: [
            { key: 'k1', value: 'hello', timestamp: 1700000000000, headers: { h: 'x' } },
            { key: 'k2', value: 'world', timestamp: 1700000000001 }
          ]
        }
      ]
    }
  ]
  const { request } = requests.Produce.protocol({ version: 7 })({
    acks: 1,
    timeout: 1000,
    topicData
  })
  const { buffer } = await buildFrame({ correlationId: 1, clientId: 'c', request })
  const decoded = decodeRequest(buffer.subarray(4))
  if (decoded.apiKey !== ApiKey.Produce) throw new Error('not Produce')
  const records = decoded.body.topicData[0].partitionData[0].records
  if (records === null) throw new Error('no records')
  return records
}

describe('kafkajs reads our responses', () => {
  it('Metadata v6', async () => {
    const d = await kafkajsDecode('Metadata', ApiKey.Metadata, 6, {
      brokers: [{ nodeId: 1, host: 'localhost', port: 9092, rack: 'r1' }],
      clusterId: 'logdeck',
      controllerId: 1,
      topics: [
        {
          name: 'orders',
          partitions: [
            {
              partitionIndex: 0,
              leaderId: 1,
              replicaNodes: [1, 2],
              isrNodes: [1],
              offlineReplicas: [2]
            }
          ]
        }
      ]
    })
    expect(d.brokers).toEqual([{ nodeId: 1, host: 'localhost', port: 9092, rack: 'r1' }])
    expect(d.clusterId).toBe('logdeck')
    expect(d.topicMetadata).toEqual([
      {
        topicErrorCode: 0,
        topic: 'orders',
        isInternal: false,
        partitionMetadata: [
          {
            partitionErrorCode: 0,
            partitionId: 0,
            leader: 1,
            replicas: [1, 2],
            isr: [1],
            offlineReplicas: [2]
          }
        ]
      }
    ])
  })

  it('ApiVersions v2', async () => {
    const d = await kafkajsDecode('ApiVersions', ApiKey.ApiVersions, 2, {
      apiKeys: [{ apiKey: 0, minVersion: 3, maxVersion: 11 }],
      throttleTimeMs: 7
    })
    expect(d.apiVersions).toEqual([{ apiKey: 0, minVersion: 3, maxVersion: 11 }])
    expect(d.clientSideThrottleTime).toBe(7)
  })

  it('Produce v7', async () => {
    const d = await kafkajsDecode('Produce', ApiKey.Produce, 7, {
      responses: [
        { name: 'orders', partitionResponses: [{ index: 1, baseOffset: 10n, logStartOffset: 3n }] }
      ]
    })
    expect(d.topics).toEqual([
      {
        topicName: 'orders',
        partitions: [
          { partition: 1, errorCode: 0, baseOffset: '10', logAppendTime: '-1', logStartOffset: '3' }
        ]
      }
    ])
  })

  it('Fetch v11 with a record batch served as it was produced', async () => {
    const records = await kafkajsRecordBatch()
    const d = await kafkajsDecode('Fetch', ApiKey.Fetch, 11, {
      sessionId: 0,
      responses: [
        {
          topic: 'orders',
          partitions: [
            {
              partitionIndex: 0,
              highWatermark: 2n,
              lastStableOffset: 2n,
              logStartOffset: 0n,
              abortedTransactions: null,
              records
            }
          ]
        }
      ]
    })
    const responses = d.responses as {
      topicName: string
      partitions: { highWatermark: string; messages: { key: Buffer; value: Buffer }[] }[]
    }[]
    expect(responses[0].topicName).toBe('orders')
    const p = responses[0].partitions[0]
    expect(p.highWatermark).toBe('2')
    expect(p.messages.map((m) => [m.key.toString(), m.value.toString()])).toEqual([
      ['k1', 'hello'],
      ['k2', 'world']
    ])
  })

  it('FindCoordinator v2', async () => {
    const d = await kafkajsDecode('GroupCoordinator', ApiKey.FindCoordinator, 2, {
      errorMessage: null,
      nodeId: 2,
      host: 'localhost',
      port: 9093
    })
    expect(d.coordinator).toEqual({ nodeId: 2, host: 'localhost', port: 9093 })
  })

  it('JoinGroup v5 and SyncGroup v3', async () => {
    const join = await kafkajsDecode('JoinGroup', ApiKey.JoinGroup, 5, {
      generationId: 4,
      protocolName: 'RoundRobinAssigner',
      leader: 'm-1',
      memberId: 'm-1',
      members: [{ memberId: 'm-1', groupInstanceId: null, metadata: Buffer.from([9, 9]) }]
    })
    expect(join).toMatchObject({
      generationId: 4,
      groupProtocol: 'RoundRobinAssigner',
      leaderId: 'm-1'
    })
    expect(join.members).toEqual([
      { memberId: 'm-1', groupInstanceId: null, memberMetadata: Buffer.from([9, 9]) }
    ])
    const sync = await kafkajsDecode('SyncGroup', ApiKey.SyncGroup, 3, {
      assignment: Buffer.from('assigned')
    })
    expect((sync.memberAssignment as Buffer).toString()).toBe('assigned')
  })

  it('OffsetFetch v4 and ListOffsets v3', async () => {
    const fetched = await kafkajsDecode('OffsetFetch', ApiKey.OffsetFetch, 4, {
      topics: [
        { name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 41n, metadata: '' }] }
      ]
    })
    expect(fetched.responses).toEqual([
      { topic: 'orders', partitions: [{ partition: 0, offset: '41', metadata: '', errorCode: 0 }] }
    ])
    const listed = await kafkajsDecode('ListOffsets', ApiKey.ListOffsets, 3, {
      topics: [
        { name: 'orders', partitions: [{ partitionIndex: 0, timestamp: -1n, offset: 100n }] }
      ]
    })
    expect(listed.responses).toEqual([
      {
        topic: 'orders',
        partitions: [{ partition: 0, errorCode: 0, timestamp: '-1', offset: '100' }]
      }
    ])
  })

  it('DescribeConfigs v2', async () => {
    const d = await kafkajsDecode('DescribeConfigs', ApiKey.DescribeConfigs, 2, {
      results: [
        {
          resourceType: 2,
          resourceName: 'orders',
          errorMessage: null,
          configs: [
            { name: 'retention.ms', value: '1000', readOnly: false, configSource: 1, synonyms: [] }
          ]
        }
      ]
    })
    const resources = d.resources as { resourceName: string; configEntries: unknown[] }[]
    expect(resources[0].resourceName).toBe('orders')
    expect(resources[0].configEntries[0]).toMatchObject({
      configName: 'retention.ms',
      configValue: '1000',
      readOnly: false,
      configSource: 1
    })
  })
})
