// The API table (served ranges, flexible versions) and which header version each version uses.
import { describe, expect, it } from 'vitest'
import {
  API_TABLE,
  ApiKey,
  ByteReader,
  encodeResponse,
  isFlexibleVersion,
  isVersionSupported,
  requestHeaderVersion,
  responseHeaderVersion,
  supportedApiVersions,
  type ServedApiKey
} from '../../../src/engine/kafka/protocol'

/** The ranges served, as agreed for this broker: name -> [min, max, first flexible version]. */
const SERVED: Record<string, [number, number, number | null]> = {
  Produce: [3, 13, 9],
  Fetch: [4, 17, 12],
  ListOffsets: [0, 11, 6],
  Metadata: [0, 13, 9],
  OffsetCommit: [0, 10, 8],
  OffsetFetch: [0, 10, 6],
  FindCoordinator: [0, 6, 3],
  JoinGroup: [0, 9, 6],
  Heartbeat: [0, 4, 4],
  LeaveGroup: [0, 5, 4],
  SyncGroup: [0, 5, 4],
  DescribeGroups: [0, 5, 5],
  ListGroups: [0, 5, 3],
  ApiVersions: [0, 4, 3],
  CreateTopics: [0, 7, 5],
  DeleteTopics: [0, 6, 4],
  DeleteRecords: [0, 2, 2],
  InitProducerId: [0, 5, 2],
  OffsetForLeaderEpoch: [0, 4, 4],
  DescribeConfigs: [0, 4, 4],
  AlterConfigs: [0, 2, 2],
  CreatePartitions: [0, 3, 2],
  DeleteGroups: [0, 2, 2],
  DescribeLogDirs: [0, 4, 2],
  ElectLeaders: [0, 2, 2],
  IncrementalAlterConfigs: [0, 1, 1],
  DescribeCluster: [0, 2, 0],
  AddPartitionsToTxn: [0, 5, 3],
  AddOffsetsToTxn: [0, 4, 3],
  EndTxn: [0, 5, 3],
  TxnOffsetCommit: [0, 5, 3],
  DescribeProducers: [0, 0, 0],
  DescribeTransactions: [0, 0, 0],
  ListTransactions: [0, 1, 0],
  SaslHandshake: [0, 1, null],
  SaslAuthenticate: [0, 2, 2],
  DescribeUserScramCredentials: [0, 0, 0],
  AlterUserScramCredentials: [0, 0, 0],
  DescribeAcls: [0, 3, 2],
  CreateAcls: [0, 3, 2],
  DeleteAcls: [0, 3, 2],
  ConsumerGroupHeartbeat: [0, 1, 0],
  ConsumerGroupDescribe: [0, 1, 0],
  ShareGroupHeartbeat: [1, 1, 1],
  ShareGroupDescribe: [1, 1, 1],
  ShareFetch: [1, 2, 1],
  ShareAcknowledge: [1, 2, 1],
  DescribeShareGroupOffsets: [0, 1, 0],
  AlterShareGroupOffsets: [0, 0, 0],
  DeleteShareGroupOffsets: [0, 0, 0],
  AlterPartitionReassignments: [0, 1, 0],
  ListPartitionReassignments: [0, 0, 0],
  DescribeClientQuotas: [0, 1, 1],
  AlterClientQuotas: [0, 1, 1],
  OffsetDelete: [0, 0, null],
  DescribeTopicPartitions: [0, 0, 0],
  GetTelemetrySubscriptions: [0, 0, 0],
  PushTelemetry: [0, 0, 0],
  ListConfigResources: [0, 1, 0],
  DescribeQuorum: [0, 2, 0],
  CreateDelegationToken: [0, 3, 2],
  RenewDelegationToken: [0, 2, 2],
  ExpireDelegationToken: [0, 2, 2],
  DescribeDelegationToken: [0, 3, 2],
  UpdateFeatures: [0, 1, 0],
  AlterReplicaLogDirs: [0, 2, 2]
}

describe('API table', () => {
  it('serves exactly the agreed APIs and ranges, by ascending key', () => {
    const table = Object.fromEntries(
      API_TABLE.map((a) => [a.name, [a.minVersion, a.maxVersion, a.flexibleFrom]])
    )
    expect(table).toEqual(SERVED)
    const keys = API_TABLE.map((a) => a.apiKey)
    expect(keys).toEqual([...keys].sort((a, b) => a - b))
    expect(API_TABLE.find((a) => a.name === 'Fetch')?.apiKey).toBe(ApiKey.Fetch)
    expect(supportedApiVersions()).toContainEqual({ apiKey: 18, minVersion: 0, maxVersion: 4 })
  })

  it('advertises Produce from v0 as Kafka 4.0 does, while serving it from v3', () => {
    expect(supportedApiVersions()).toContainEqual({
      apiKey: ApiKey.Produce,
      minVersion: 0,
      maxVersion: 13
    })
    expect(isVersionSupported(ApiKey.Produce, 2)).toBe(false)
  })

  it('knows supported versions, and flexibility also outside the served range', () => {
    expect(isVersionSupported(ApiKey.Produce, 2)).toBe(false)
    expect(isVersionSupported(ApiKey.Produce, 3)).toBe(true)
    expect(isVersionSupported(ApiKey.Fetch, 17)).toBe(true)
    expect(isVersionSupported(ApiKey.Fetch, 18)).toBe(false)
    expect(isVersionSupported(1000, 0)).toBe(false)
    expect(isFlexibleVersion(ApiKey.ApiVersions, 7)).toBe(true)
    expect(isFlexibleVersion(ApiKey.Metadata, 8)).toBe(false)
  })
})

describe('header versions', () => {
  it('request header v2 and response header v1 exactly for flexible versions', () => {
    for (const api of API_TABLE) {
      for (let v = api.minVersion; v <= api.maxVersion; v++) {
        const flexible = api.flexibleFrom !== null && v >= api.flexibleFrom
        expect(requestHeaderVersion(api.apiKey, v, flexible)).toBe(flexible ? 2 : 1)
        const expected = api.apiKey === ApiKey.ApiVersions ? 0 : flexible ? 1 : 0
        expect(responseHeaderVersion(api.apiKey, flexible)).toBe(expected)
        // The encoded response carries a TAG_BUFFER after the correlation id only with v1.
        const frame = encodeResponse(
          { requestApiKey: api.apiKey as ServedApiKey, requestApiVersion: v, correlationId: 77 },
          {}
        )
        const r = new ByteReader(frame, 4)
        expect(r.readInt32()).toBe(77)
        if (expected === 1) expect(r.readUnsignedVarint()).toBe(0)
      }
    }
  })

  it('ControlledShutdown v0 alone used request header v0', () => {
    expect(requestHeaderVersion(7, 0, false)).toBe(0)
    expect(requestHeaderVersion(7, 1, false)).toBe(1)
  })
})
