// Flexible-version request bodies from @platformatic/kafka's encoders decode here and re-encode
// byte for byte.
import * as plt from '@platformatic/kafka'
import { describe, expect, it } from 'vitest'
import {
  ApiKey,
  ByteReader,
  ByteWriter,
  apiSchema,
  messageCodec,
  type RequestBodies,
  type ServedApiKey
} from '../../../src/engine/kafka/protocol'
import { ZERO_UUID } from '../../../src/shared/kafka/protocol-constants'

const apis = plt as unknown as Record<
  string,
  { createRequest: (...args: unknown[]) => { buffer: Buffer } }
>

function decodeBody<K extends ServedApiKey>(
  key: K,
  version: number,
  body: Buffer
): RequestBodies[K] {
  const schema = apiSchema(key)
  if (schema === undefined) throw new Error(`no API ${key}`)
  const r = new ByteReader(body)
  const decoded = messageCodec(schema.request, version).decode(r)
  expect(r.remaining).toBe(0)
  const w = new ByteWriter()
  messageCodec(schema.request, version).encode(w, decoded)
  expect(w.toBuffer().toString('hex')).toBe(body.toString('hex'))
  return decoded as unknown as RequestBodies[K]
}

const uuid = '0f3a2b1c-4d5e-4f60-8172-8394a5b6c7d8'

describe('@platformatic/kafka request bodies', () => {
  it('Metadata v12 with topic ids', () => {
    const body = apis.metadataV12.createRequest(
      [{ name: 'orders' }, { topicId: uuid }],
      false,
      true
    ).buffer
    const m = decodeBody(ApiKey.Metadata, 12, body)
    expect(m.topics).toEqual([
      { topicId: '00000000-0000-0000-0000-000000000000', name: 'orders' },
      { topicId: uuid, name: null }
    ])
    expect(m.allowAutoTopicCreation).toBe(false)
    expect(m.includeTopicAuthorizedOperations).toBe(true)
  })

  it('Fetch v12', () => {
    const topics = [
      {
        topicId: 'orders',
        partitions: [
          {
            partition: 1,
            currentLeaderEpoch: 3,
            fetchOffset: 99n,
            lastFetchedEpoch: 2,
            partitionMaxBytes: 1024
          }
        ]
      }
    ]
    const forgotten = [{ topic: 'old', partitions: [4, 5] }]
    const body = apis.fetchV12.createRequest(
      500,
      1,
      1 << 20,
      1,
      7,
      2,
      topics,
      forgotten,
      'rack-a'
    ).buffer
    const f = decodeBody(ApiKey.Fetch, 12, body)
    expect(f).toMatchObject({
      replicaId: -1,
      maxWaitMs: 500,
      sessionId: 7,
      sessionEpoch: 2,
      rackId: 'rack-a'
    })
    expect(f.topics[0].partitions[0]).toEqual({
      partition: 1,
      currentLeaderEpoch: 3,
      fetchOffset: 99n,
      lastFetchedEpoch: 2,
      logStartOffset: -1n,
      partitionMaxBytes: 1024,
      // Fetch 17's tagged directory id, which a consumer leaves out: its default.
      replicaDirectoryId: ZERO_UUID
    })
    expect(f.forgottenTopicsData).toEqual([
      { topic: 'old', topicId: ZERO_UUID, partitions: [4, 5] }
    ])
  })

  it('Fetch v16: topics and forgotten topics by id', () => {
    const id = '9b6f3e52-1c2d-4e5f-8a9b-0c1d2e3f4a5b'
    const gone = '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9'
    const body = apis.fetchV16.createRequest(
      500,
      1,
      1 << 20,
      0,
      7,
      3,
      [
        {
          topicId: id,
          partitions: [
            {
              partition: 0,
              currentLeaderEpoch: 1,
              fetchOffset: 5n,
              lastFetchedEpoch: -1,
              partitionMaxBytes: 1024
            }
          ]
        }
      ],
      [{ topicId: gone, partitions: [2] }],
      ''
    ).buffer
    const f = decodeBody(ApiKey.Fetch, 16, body)
    expect(f).toMatchObject({ sessionId: 7, sessionEpoch: 3 })
    expect(f.topics.map((t) => t.topicId)).toEqual([id])
    expect(f.forgottenTopicsData).toEqual([{ topic: '', topicId: gone, partitions: [2] }])
  })

  it("Fetch v17: a partition's replica directory id, tagged (KIP-853)", () => {
    const id = '9b6f3e52-1c2d-4e5f-8a9b-0c1d2e3f4a5b'
    const dir = '3f1b6c2a-9d4e-4f7a-8b1c-2d3e4f5a6b7c'
    const partition = {
      currentLeaderEpoch: 1,
      fetchOffset: 5n,
      lastFetchedEpoch: -1,
      partitionMaxBytes: 1024
    }
    const body = apis.fetchV17.createRequest(
      500,
      1,
      1 << 20,
      0,
      0,
      -1,
      [
        {
          topicId: id,
          partitions: [
            { partition: 0, ...partition, replicaDirectoryId: dir },
            { partition: 1, ...partition }
          ]
        }
      ],
      [],
      ''
    ).buffer
    const f = decodeBody(ApiKey.Fetch, 17, body)
    expect(f.topics[0].partitions.map((p) => [p.partition, p.replicaDirectoryId])).toEqual([
      [0, dir],
      [1, ZERO_UUID]
    ])
  })

  it('AddOffsetsToTxn v4', () => {
    const body = apis.addOffsetsToTxnV4.createRequest('tx', 42n, 3, 'g1').buffer
    expect(decodeBody(ApiKey.AddOffsetsToTxn, 4, body)).toEqual({
      transactionalId: 'tx',
      producerId: 42n,
      producerEpoch: 3,
      groupId: 'g1'
    })
  })

  it('Produce v11 with a record batch', () => {
    const messages = [
      { topic: 'orders', partition: 2, key: Buffer.from('k'), value: Buffer.from('v') }
    ]
    const body = apis.produceV11.createRequest(-1, 1000, messages, { transactionalId: 'tx' }).buffer
    const p = decodeBody(ApiKey.Produce, 11, body)
    expect(p).toMatchObject({ transactionalId: 'tx', acks: -1, timeoutMs: 1000 })
    expect(p.topicData[0].name).toBe('orders')
    expect(p.topicData[0].partitionData[0].index).toBe(2)
    expect(p.topicData[0].partitionData[0].records?.[16]).toBe(2)
  })

  it('FindCoordinator v6, JoinGroup v9, SyncGroup v5, Heartbeat v4, LeaveGroup v5', () => {
    const fc = decodeBody(
      ApiKey.FindCoordinator,
      6,
      apis.findCoordinatorV6.createRequest(0, ['g1']).buffer
    )
    expect(fc.coordinatorKeys).toEqual(['g1'])
    const protocols = [{ name: 'roundrobin', metadata: Buffer.from([1, 2]) }]
    const join = decodeBody(
      ApiKey.JoinGroup,
      9,
      apis.joinGroupV9.createRequest('g1', 30000, 60000, '', null, 'consumer', protocols, 'why')
        .buffer
    )
    expect(join).toMatchObject({ groupId: 'g1', groupInstanceId: null, reason: 'why' })
    expect(join.protocols).toEqual(protocols)
    const assignments = [{ memberId: 'm', assignment: Buffer.from('a') }]
    const sync = decodeBody(
      ApiKey.SyncGroup,
      5,
      apis.syncGroupV5.createRequest('g1', 1, 'm', null, 'consumer', 'roundrobin', assignments)
        .buffer
    )
    expect(sync).toMatchObject({
      protocolType: 'consumer',
      protocolName: 'roundrobin',
      assignments
    })
    const hb = decodeBody(
      ApiKey.Heartbeat,
      4,
      apis.heartbeatV4.createRequest('g1', 1, 'm', 'i').buffer
    )
    expect(hb).toEqual({ groupId: 'g1', generationId: 1, memberId: 'm', groupInstanceId: 'i' })
    const members = [{ memberId: 'm', groupInstanceId: null, reason: null }]
    const leave = decodeBody(
      ApiKey.LeaveGroup,
      5,
      apis.leaveGroupV5.createRequest('g1', members).buffer
    )
    expect(leave.members).toEqual(members)
  })

  it('OffsetCommit v9, OffsetFetch v9, ListOffsets v8, OffsetForLeaderEpoch v4', () => {
    const commitTopics = [
      {
        name: 'orders',
        partitions: [
          {
            partitionIndex: 0,
            committedOffset: 5n,
            committedLeaderEpoch: -1,
            committedMetadata: 'm'
          }
        ]
      }
    ]
    const c = decodeBody(
      ApiKey.OffsetCommit,
      9,
      apis.offsetCommitV9.createRequest('g', 1, 'm', null, commitTopics).buffer
    )
    // commitTimestamp exists only in v1, topicId from v10: decoding fills in their defaults.
    expect(c.topics).toEqual([
      {
        name: 'orders',
        topicId: ZERO_UUID,
        partitions: [{ ...commitTopics[0].partitions[0], commitTimestamp: -1n }]
      }
    ])
    const groups = [
      {
        groupId: 'g',
        memberId: null,
        memberEpoch: -1,
        topics: [{ name: 'orders', partitionIndexes: [0, 1] }]
      }
    ]
    const f = decodeBody(
      ApiKey.OffsetFetch,
      9,
      apis.offsetFetchV9.createRequest(groups, true).buffer
    )
    expect(f.groups).toEqual(
      groups.map((g) => ({ ...g, topics: g.topics.map((t) => ({ ...t, topicId: ZERO_UUID })) }))
    )
    expect(f.requireStable).toBe(true)
    const listTopics = [
      { name: 'orders', partitions: [{ partitionIndex: 0, currentLeaderEpoch: 1, timestamp: -2n }] }
    ]
    const l = decodeBody(
      ApiKey.ListOffsets,
      8,
      apis.listOffsetsV8.createRequest(-1, 0, listTopics).buffer
    )
    expect(l.topics).toMatchObject(listTopics)
    const epochTopics = [
      { name: 'orders', partitions: [{ partitionIndex: 0, currentLeaderEpoch: 2, leaderEpoch: 1 }] }
    ]
    const e = decodeBody(
      ApiKey.OffsetForLeaderEpoch,
      4,
      apis.offsetForLeaderEpochV4.createRequest(-1, epochTopics).buffer
    )
    // Kafka names these Topic and Partition in OffsetForLeaderEpoch.
    expect(e.topics).toEqual([
      { topic: 'orders', partitions: [{ partition: 0, currentLeaderEpoch: 2, leaderEpoch: 1 }] }
    ])
  })

  it('admin APIs at their newest served versions', () => {
    const ct = decodeBody(
      ApiKey.CreateTopics,
      7,
      apis.createTopicsV7.createRequest(
        [
          {
            name: 'orders',
            numPartitions: 3,
            replicationFactor: 1,
            assignments: [],
            configs: [{ name: 'a', value: 'b' }]
          }
        ],
        1000,
        false
      ).buffer
    )
    expect(ct.topics[0]).toMatchObject({
      name: 'orders',
      numPartitions: 3,
      configs: [{ name: 'a', value: 'b' }]
    })
    const dt = decodeBody(
      ApiKey.DeleteTopics,
      6,
      apis.deleteTopicsV6.createRequest([{ name: 'orders' }], 1000).buffer
    )
    expect(dt.topics).toEqual([{ name: 'orders', topicId: '00000000-0000-0000-0000-000000000000' }])
    const cp = decodeBody(
      ApiKey.CreatePartitions,
      3,
      apis.createPartitionsV3.createRequest(
        [{ name: 'orders', count: 4, assignments: [{ brokerIds: [1] }] }],
        1000,
        true
      ).buffer
    )
    expect(cp.topics).toEqual([{ name: 'orders', count: 4, assignments: [{ brokerIds: [1] }] }])
    const dc = decodeBody(
      ApiKey.DescribeConfigs,
      4,
      apis.describeConfigsV4.createRequest(
        [{ resourceType: 2, resourceName: 'orders', configurationKeys: null }],
        true,
        true
      ).buffer
    )
    expect(dc.resources).toEqual([
      { resourceType: 2, resourceName: 'orders', configurationKeys: null }
    ])
    const ac = decodeBody(
      ApiKey.IncrementalAlterConfigs,
      1,
      apis.incrementalAlterConfigsV1.createRequest(
        [
          {
            resourceType: 2,
            resourceName: 'orders',
            configs: [{ name: 'x', configOperation: 0, value: '1' }]
          }
        ],
        false
      ).buffer
    )
    expect(ac.resources[0].configs).toEqual([{ name: 'x', configOperation: 0, value: '1' }])
    const dr = decodeBody(
      ApiKey.DeleteRecords,
      2,
      apis.deleteRecordsV2.createRequest(
        [{ name: 'orders', partitions: [{ partitionIndex: 0, offset: 9n }] }],
        100
      ).buffer
    )
    expect(dr.topics[0].partitions[0].offset).toBe(9n)
    const ip = decodeBody(
      ApiKey.InitProducerId,
      5,
      apis.initProducerIdV5.createRequest(null, 60000).buffer
    )
    expect(ip).toEqual({
      transactionalId: null,
      transactionTimeoutMs: 60000,
      producerId: -1n,
      producerEpoch: -1
    })
    const cl = decodeBody(
      ApiKey.DescribeCluster,
      1,
      apis.describeClusterV1.createRequest(true, 1).buffer
    )
    // DescribeCluster 2's include_fenced_brokers, which version 1 does not carry: its default.
    expect(cl).toEqual({
      includeClusterAuthorizedOperations: true,
      endpointType: 1,
      includeFencedBrokers: false
    })
    const dg = decodeBody(
      ApiKey.DescribeGroups,
      5,
      apis.describeGroupsV5.createRequest(['g'], true).buffer
    )
    expect(dg.groups).toEqual(['g'])
    const lg = decodeBody(
      ApiKey.ListGroups,
      5,
      apis.listGroupsV5.createRequest(['STABLE'], ['classic']).buffer
    )
    expect(lg).toEqual({ statesFilter: ['Stable'], typesFilter: ['classic'] })
    const av = decodeBody(
      ApiKey.ApiVersions,
      4,
      apis.apiVersionsV4.createRequest('plt-kafka', '1.2.3').buffer
    )
    expect(av).toEqual({ clientSoftwareName: 'plt-kafka', clientSoftwareVersion: '1.2.3' })
  })
})
