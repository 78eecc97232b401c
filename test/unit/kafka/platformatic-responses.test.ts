// Responses encoded by our codec, flexible versions included, are read by @platformatic/kafka.
import * as plt from '@platformatic/kafka'
import { describe, expect, it } from 'vitest'
import {
  ApiKey,
  encodeResponse,
  responseHeaderVersion,
  type Encodable,
  type ResponseBodies,
  type ServedApiKey
} from '../../../src/engine/kafka/protocol'

type Parse = (c: number, k: number, v: number, r: unknown) => Record<string, unknown>
const apis = plt as unknown as Record<string, { parseResponse: Parse }>
const Reader = (plt as unknown as { Reader: { from: (b: Buffer) => unknown } }).Reader
const uuid = '0f3a2b1c-4d5e-4f60-8172-8394a5b6c7d8'

/** Encodes with our codec, strips size and header, and parses with @platformatic/kafka. */
function pltParse<K extends ServedApiKey>(
  api: string,
  key: K,
  version: number,
  body: Encodable<ResponseBodies[K]>
): Record<string, unknown> {
  const frame = encodeResponse(
    { requestApiKey: key, requestApiVersion: version, correlationId: 3 },
    body
  )
  const headerSize = responseHeaderVersion(key, true) === 1 ? 5 : 4
  return apis[api].parseResponse(3, key, version, Reader.from(frame.subarray(4 + headerSize)))
}

describe('@platformatic/kafka reads our responses', () => {
  it('ApiVersions v4 (header v0 even though flexible)', () => {
    const r = pltParse('apiVersionsV4', ApiKey.ApiVersions, 4, {
      apiKeys: [{ apiKey: 3, minVersion: 0, maxVersion: 12 }],
      finalizedFeaturesEpoch: 5n
    })
    expect(r.apiKeys).toEqual([{ apiKey: 3, name: 'Metadata', minVersion: 0, maxVersion: 12 }])
    expect(r.finalizedFeaturesEpoch).toBe(5n)
  })

  it('Metadata v12 with a topic id', () => {
    const r = pltParse('metadataV12', ApiKey.Metadata, 12, {
      brokers: [{ nodeId: 1, host: 'h', port: 9092, rack: null }],
      clusterId: 'c',
      controllerId: 1,
      topics: [
        {
          name: 'orders',
          topicId: uuid,
          partitions: [{ partitionIndex: 0, leaderId: 1, replicaNodes: [1], isrNodes: [1] }]
        }
      ]
    })
    const topics = r.topics as {
      name: string
      topicId: string
      partitions: { leaderId: number }[]
    }[]
    expect(topics[0]).toMatchObject({ name: 'orders', topicId: uuid })
    expect(topics[0].partitions[0].leaderId).toBe(1)
  })

  it('Fetch v12 with a tagged field on the partition', () => {
    const r = pltParse('fetchV12', ApiKey.Fetch, 12, {
      responses: [
        {
          topic: 'orders',
          partitions: [
            {
              partitionIndex: 0,
              highWatermark: 10n,
              currentLeader: { leaderId: 2, leaderEpoch: 4 },
              records: Buffer.alloc(0)
            }
          ]
        }
      ]
    })
    const responses = r.responses as { partitions: { highWatermark: bigint }[] }[]
    expect(responses[0].partitions[0].highWatermark).toBe(10n)
  })

  it('FindCoordinator v6 and OffsetFetch v9', () => {
    const fc = pltParse('findCoordinatorV6', ApiKey.FindCoordinator, 6, {
      coordinators: [{ key: 'g', nodeId: 1, host: 'h', port: 9092, errorMessage: null }]
    })
    expect(fc.coordinators).toEqual([
      { key: 'g', nodeId: 1, host: 'h', port: 9092, errorCode: 0, errorMessage: null }
    ])
    const of = pltParse('offsetFetchV9', ApiKey.OffsetFetch, 9, {
      groups: [
        {
          groupId: 'g',
          topics: [
            {
              name: 'orders',
              partitions: [{ partitionIndex: 0, committedOffset: 7n, metadata: null }]
            }
          ]
        }
      ]
    })
    const groups = of.groups as { topics: { partitions: { committedOffset: bigint }[] }[] }[]
    expect(groups[0].topics[0].partitions[0].committedOffset).toBe(7n)
  })
})
