// ListOffsets 0-11: 1-11 as Kafka 4.2 serves it (kafka-python infers a broker's version from it: 11
// is Kafka 4.2), and 0, which Kafka 4.0 dropped, for older clients (kafka-python told it speaks to
// Kafka 0.10.0 sends it). kafka-python's beginning, end and by-time offsets of records it
// produced, and over the wire the special timestamps of the newer versions, KIP-1005's latest
// tiered offset (-5, from v9) and KIP-1023's earliest pending upload (-6, from v11), which a
// broker without tiered storage answers with -1, and which an older version may not ask for
// (UNSUPPORTED_VERSION), as the max timestamp (-3) before 7 and any other negative timestamp.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiKey } from '../../../src/engine/kafka/protocol'
import { ErrorCode } from '../../../src/shared/kafka/error-codes'
import { startTestCluster, type TestCluster } from '../../support/cluster'
import { python } from '../../support/external-clients'
import { KafkaConnection } from '../../support/kafka-request'

let cluster: TestCluster

beforeAll(async () => {
  cluster = await startTestCluster({ brokers: 1, brokerConfigs: { 'num.partitions': '1' } })
}, 60_000)
afterAll(async () => {
  await cluster?.close()
})

/** kafka-python 2.0.2: five records at times 1000..5000, then the partition's offsets. */
const OFFSETS = `
import json, sys
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
bootstrap, topic = sys.argv[1:3]
p = KafkaProducer(bootstrap_servers=bootstrap, linger_ms=20)
for i in range(5):
    p.send(topic, value=b'v%d' % i, timestamp_ms=(i + 1) * 1000)
p.flush(30)
p.close()
c = KafkaConsumer(bootstrap_servers=bootstrap)
tp = TopicPartition(topic, 0)
by_time = c.offsets_for_times({tp: 2500})[tp]
print(json.dumps({'begin': c.beginning_offsets([tp])[tp], 'end': c.end_offsets([tp])[tp],
                  'byTime': [by_time.offset, by_time.timestamp]}))
c.close()
`

/** kafka-python told the broker is Kafka 0.10.0: ListOffsets 0 (its OffsetRequest[0]). */
const OFFSETS_V0 = `
import json, sys
from kafka import KafkaConsumer, TopicPartition
bootstrap, topic = sys.argv[1:3]
c = KafkaConsumer(bootstrap_servers=bootstrap, api_version=(0, 10, 0))
tp = TopicPartition(topic, 0)
print(json.dumps({'begin': c.beginning_offsets([tp])[tp], 'end': c.end_offsets([tp])[tp]}))
c.close()
`

describe('ListOffsets 0-11', () => {
  it('kafka-python reads the beginning, end and by-time offsets of what it produced', async () => {
    const r = await python(OFFSETS, [cluster.bootstrap, 'clicks'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({ begin: 0, end: 5, byTime: [2, 3000] })
  })

  it('kafka-python speaking to Kafka 0.10.0 reads them with version 0', async () => {
    const r = await python(OFFSETS_V0, [cluster.bootstrap, 'clicks'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({ begin: 0, end: 5 })
  })

  it('ApiVersions lists 0-11; v11 answers -5 and -6 with -1, older versions refuse them', async () => {
    const [host, port] = cluster.bootstrap.split(',')[0].split(':')
    const conn = new KafkaConnection(Number(port), host)
    try {
      const versions = await conn.request(ApiKey.ApiVersions, 3, {})
      expect(versions.apiKeys.find((k) => k.apiKey === ApiKey.ListOffsets)).toMatchObject({
        minVersion: 0,
        maxVersion: 11
      })
      const ask = (timestamps: bigint[]) => ({
        replicaId: -1,
        isolationLevel: 0,
        timeoutMs: 5000,
        topics: [
          {
            name: 'clicks',
            partitions: timestamps.map((timestamp) => ({ partitionIndex: 0, timestamp }))
          }
        ]
      })
      const answer = async (version: number, timestamp: bigint) => {
        const res = await conn.request(ApiKey.ListOffsets, version, ask([timestamp]))
        const p = res.topics[0].partitions[0]
        return [p.errorCode, Number(p.offset)]
      }
      // Latest, earliest, earliest local (KIP-405).
      expect(await answer(11, -1n)).toEqual([ErrorCode.NONE, 5])
      expect(await answer(11, -2n)).toEqual([ErrorCode.NONE, 0])
      expect(await answer(11, -4n)).toEqual([ErrorCode.NONE, 0])
      expect(await answer(11, -5n)).toEqual([ErrorCode.NONE, -1])
      expect(await answer(11, -6n)).toEqual([ErrorCode.NONE, -1])
      expect(await answer(9, -5n)).toEqual([ErrorCode.NONE, -1])
      expect(await answer(8, -5n)).toEqual([ErrorCode.UNSUPPORTED_VERSION, -1])
      expect(await answer(10, -6n)).toEqual([ErrorCode.UNSUPPORTED_VERSION, -1])
      expect(await answer(6, -3n)).toEqual([ErrorCode.UNSUPPORTED_VERSION, -1])
      expect(await answer(7, -4n)).toEqual([ErrorCode.UNSUPPORTED_VERSION, -1])
      expect(await answer(11, -7n)).toEqual([ErrorCode.UNSUPPORTED_VERSION, -1])
      // Version 0: old-style offsets, -1 and -2 only.
      const v0 = async (timestamp: bigint) => {
        const res = await conn.request(ApiKey.ListOffsets, 0, {
          ...ask([timestamp]),
          topics: [
            { name: 'clicks', partitions: [{ partitionIndex: 0, timestamp, maxNumOffsets: 1 }] }
          ]
        })
        const p = res.topics[0].partitions[0]
        return [p.errorCode, p.oldStyleOffsets.map(Number)]
      }
      expect(await v0(-1n)).toEqual([ErrorCode.NONE, [5]])
      expect(await v0(-2n)).toEqual([ErrorCode.NONE, [0]])
      expect(await v0(-3n)).toEqual([ErrorCode.UNSUPPORTED_VERSION, []])
    } finally {
      conn.close()
    }
  })
})
