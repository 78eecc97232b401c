// The newest client versions that name topics by id, over a real socket with the generated codecs:
// Produce 13 (KIP-516), whose records kcat reads back after those kcat produced itself in
// batches; OffsetCommit 10 and OffsetFetch 10 (KIP-848), whose offsets kcat's consumer resumes
// from and whose reads find what kcat committed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { encodeBatch } from '../../../src/engine/records'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { kcat } from '../../support/external-clients'
import { KafkaConnection } from '../../support/kafka-request'

const UNKNOWN_ID = '0f0e0d0c-0b0a-4908-8706-050403020100'

let cluster: TestCluster
let conn: KafkaConnection

beforeAll(async () => {
  cluster = await startTestCluster({ brokers: 1 })
  const [host, port] = cluster.bootstrap.split(':')
  conn = new KafkaConnection(Number(port), host)
}, 60_000)
afterAll(async () => {
  conn?.close()
  await cluster?.close()
})

/** Creates a topic and answers its id, as CreateTopics 7 does. */
async function createTopic(name: string, partitions: number): Promise<string> {
  const r = await conn.request(ApiKey.CreateTopics, 7, {
    topics: [
      { name, numPartitions: partitions, replicationFactor: 1, assignments: [], configs: [] }
    ],
    timeoutMs: 5000,
    validateOnly: false
  })
  expect(r.topics[0].errorCode).toBe(ErrorCode.NONE)
  return r.topics[0].topicId
}

describe('Produce 13', () => {
  it('ApiVersions lists up to 13 (from 0, as Kafka lists it for librdkafka, KAFKA-18659)', async () => {
    const versions = await conn.request(ApiKey.ApiVersions, 3, {})
    expect(versions.apiKeys.find((k) => k.apiKey === ApiKey.Produce)).toMatchObject({
      minVersion: 0,
      maxVersion: 13
    })
  })

  it('appends batches by topic id that kcat reads after its own batched records', async () => {
    const id = await createTopic('orders-by-id', 2)
    const batched = await kcat(
      ['-b', cluster.bootstrap, '-P', '-t', 'orders-by-id', '-p', '1', '-X', 'linger.ms=100'],
      'k1\nk2\nk3\n'
    )
    expect(batched.code, batched.stderr).toBe(0)
    const r = await conn.request(ApiKey.Produce, 13, {
      transactionalId: null,
      acks: -1,
      timeoutMs: 5000,
      topicData: [
        {
          topicId: id,
          partitionData: [
            { index: 1, records: encodeBatch(['a', 'b', 'c'].map((value) => ({ value }))) },
            { index: 0, records: encodeBatch(['x', 'y'].map((value) => ({ value }))) }
          ]
        },
        {
          topicId: UNKNOWN_ID,
          partitionData: [{ index: 0, records: encodeBatch([{ value: 'u' }]) }]
        }
      ]
    })
    expect(
      r.responses.map((t) => [
        t.topicId,
        t.partitionResponses.map((p) => [p.index, p.errorCode, Number(p.baseOffset)])
      ])
    ).toEqual([
      [
        id,
        [
          [1, ErrorCode.NONE, 3],
          [0, ErrorCode.NONE, 0]
        ]
      ],
      [UNKNOWN_ID, [[0, ErrorCode.UNKNOWN_TOPIC_ID, -1]]]
    ])
    const read = async (partition: number) => {
      const c = await kcat([
        '-b',
        cluster.bootstrap,
        '-C',
        '-t',
        'orders-by-id',
        '-p',
        String(partition),
        '-o',
        'beginning',
        '-e',
        '-f',
        '%o %s\n'
      ])
      expect(c.code, c.stderr).toBe(0)
      return c.stdout.trim().split('\n')
    }
    expect(await read(1)).toEqual(['0 k1', '1 k2', '2 k3', '3 a', '4 b', '5 c'])
    expect(await read(0)).toEqual(['0 x', '1 y'])
  })
})

describe('OffsetCommit 10 and OffsetFetch 10', () => {
  it('ApiVersions lists 0-10 for both', async () => {
    const versions = await conn.request(ApiKey.ApiVersions, 3, {})
    for (const apiKey of [ApiKey.OffsetCommit, ApiKey.OffsetFetch])
      expect(versions.apiKeys.find((k) => k.apiKey === apiKey)).toMatchObject({
        minVersion: 0,
        maxVersion: 10
      })
  })

  it('commit by id where kcat resumes, and read by id what kcat committed', async () => {
    const id = await createTopic('resume-by-id', 1)
    const produced = await kcat(
      ['-b', cluster.bootstrap, '-P', '-t', 'resume-by-id', '-p', '0', '-X', 'linger.ms=100'],
      'r0\nr1\nr2\nr3\nr4\nr5\n'
    )
    expect(produced.code, produced.stderr).toBe(0)
    const committed = await conn.request(ApiKey.OffsetCommit, 10, {
      groupId: 'resume-group',
      generationIdOrMemberEpoch: -1,
      memberId: '',
      topics: [
        {
          topicId: id,
          partitions: [{ partitionIndex: 0, committedOffset: 4n, committedMetadata: 'by-id' }]
        },
        {
          topicId: UNKNOWN_ID,
          partitions: [{ partitionIndex: 0, committedOffset: 1n, committedMetadata: null }]
        }
      ]
    })
    expect(committed.topics.map((t) => [t.topicId, t.partitions.map((p) => p.errorCode)])).toEqual([
      [id, [ErrorCode.NONE]],
      [UNKNOWN_ID, [ErrorCode.UNKNOWN_TOPIC_ID]]
    ])
    // kcat's consumer starts from the group's stored offset (OffsetFetch by name) and, closing
    // at the end of the partition, commits its position (OffsetCommit by name).
    const read = await kcat([
      '-b',
      cluster.bootstrap,
      '-C',
      '-t',
      'resume-by-id',
      '-p',
      '0',
      '-o',
      'stored',
      '-X',
      'group.id=resume-group',
      '-e',
      '-f',
      '%o %s\n'
    ])
    expect(read.code, read.stderr).toBe(0)
    expect(read.stdout.trim().split('\n')).toEqual(['4 r4', '5 r5'])
    const fetch = (topics: { topicId: string; partitionIndexes: number[] }[] | null) =>
      conn.request(ApiKey.OffsetFetch, 10, {
        groups: [{ groupId: 'resume-group', memberId: null, memberEpoch: -1, topics }],
        requireStable: true
      })
    const named = await fetch([
      { topicId: id, partitionIndexes: [0] },
      { topicId: UNKNOWN_ID, partitionIndexes: [0] }
    ])
    const answers = (r: Awaited<ReturnType<typeof fetch>>) =>
      r.groups[0].topics.map((t) => [
        t.topicId,
        t.partitions.map((p) => [p.partitionIndex, Number(p.committedOffset), p.errorCode])
      ])
    expect(named.groups[0].errorCode).toBe(ErrorCode.NONE)
    expect(answers(named)).toEqual([
      [id, [[0, 6, ErrorCode.NONE]]],
      [UNKNOWN_ID, [[0, -1, ErrorCode.UNKNOWN_TOPIC_ID]]]
    ])
    expect(answers(await fetch(null))).toEqual([[id, [[0, 6, ErrorCode.NONE]]]])
  })
})
