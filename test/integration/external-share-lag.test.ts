// A share partition's lag in the console on a real cluster (here embedded clusters reached only
// over the Kafka protocol): a member acquires 40 records that kafkajs produced in batches, accepts
// the last 30 and releases the first 10, so the start offset stays at 0. A cluster that serves
// DescribeShareGroupOffsets v1 (Kafka 4.2) counts the lag itself, leaving out the 30 records
// already acknowledged: the console shows 10, as on the embedded cluster. Behind a forwarder that
// offers only v0 (Kafka 4.1), the console counts from the start offset to the high watermark: 40.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestCluster, type TestCluster } from '../support/cluster'
import { kafkaRequest } from '../support/kafka-request'
import { acknowledge, delivered, shareRequests, type Member } from '../support/share-requests'
import {
  startApiVersionsForwarder,
  type ApiVersionsForwarder
} from '../support/api-versions-forwarder'
import { ApiKey } from '../../src/engine/kafka/protocol'
import { AcknowledgeType as Ack } from '../../src/engine/share-partitions/record-states'
import { ErrorCode } from '../../src/shared/kafka/error-codes'
import type { GroupDescription } from '../../src/shared/api/groups'

const TOPIC = 'acked-ahead'
const GROUP = 'acked-ahead-queue'
const N = 40

/** One member of GROUP holding records 0-9 released and 10-39 accepted, on a 1-broker cluster. */
async function acknowledgeAhead(kafka: TestCluster): Promise<void> {
  await kafka.service.call('topics.create', { name: TOPIC, partitions: 1, replicationFactor: 1 })
  const joined = await kafkaRequest(kafka.listeners[0].port, ApiKey.ShareGroupHeartbeat, 1, {
    groupId: GROUP,
    memberId: 'a1b2c3d4-0000-4000-8000-000000000001',
    memberEpoch: 0,
    rackId: null,
    subscribedTopicNames: [TOPIC]
  })
  expect(joined.body.errorCode).toBe(ErrorCode.NONE)
  const share = shareRequests(() => kafka, TOPIC)
  const m: Member = { groupId: GROUP, memberId: 'a1b2c3d4-0000-4000-8000-000000000001', epoch: 0 }
  try {
    // The first fetch opens the share session and starts the share partition at the log end.
    expect((await share.shareFetch(0, m, [0])).errorCode).toBe(ErrorCode.NONE)
    m.epoch++
    await share.produce(
      0,
      Array.from({ length: N }, (_, i) => `job-${i}`),
      8
    )
    const got = delivered(await share.shareFetch(0, m, [0]), 0)
    m.epoch++
    expect(got.map((r) => r.offset)).toEqual(Array.from({ length: N }, (_, i) => i))
    const acked = await share.shareAcknowledge(0, m, {
      0: [
        ...acknowledge(
          Array.from({ length: 10 }, (_, i) => i),
          Ack.RELEASE
        ),
        ...acknowledge(Array.from({ length: N - 10 }, (_, i) => i + 10))
      ]
    })
    expect(acked.responses[0].partitions[0].errorCode).toBe(ErrorCode.NONE)
  } finally {
    share.closeAll()
  }
}

const lagOf = (d: GroupDescription) =>
  d.offsets.map((o) => ({ partition: o.partition, start: o.committedOffset, lag: o.lag }))

describe('a share partition’s lag on a real cluster', () => {
  let console_: TestCluster
  let kafka42: TestCluster
  let kafka41: TestCluster
  let forwarder: ApiVersionsForwarder

  beforeAll(async () => {
    console_ = await startTestCluster({ brokers: 1 })
    kafka42 = await startTestCluster({ brokers: 1 })
    forwarder = await startApiVersionsForwarder(
      [],
      new Map([[ApiKey.DescribeShareGroupOffsets, 0]])
    )
    kafka41 = await startTestCluster({
      brokers: 1,
      advertisedListeners: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: forwarder.port }]
    })
    forwarder.target = { host: kafka41.listeners[0].host, port: kafka41.listeners[0].port }
  })
  afterAll(async () => {
    await console_?.close()
    await kafka42?.close()
    await kafka41?.close()
    await forwarder?.close()
  })

  async function describeThrough(bootstrap: string, name: string): Promise<GroupDescription> {
    const { id } = (await console_.service.callByName('connections.add', {
      name,
      bootstrapServers: [bootstrap]
    })) as { id: string }
    return (await console_.service.callByName('groups.describe', {
      connection: id,
      groupId: GROUP
    })) as GroupDescription
  }

  it('takes the lag the cluster counts (DescribeShareGroupOffsets v1), as the embedded view has it', async () => {
    await acknowledgeAhead(kafka42)
    const embedded = (await kafka42.service.call('groups.describe', {
      groupId: GROUP
    })) as GroupDescription
    expect(lagOf(embedded)).toEqual([{ partition: 0, start: 0, lag: 10 }])
    const external = await describeThrough(kafka42.bootstrap, 'Kafka 4.2')
    expect(lagOf(external)).toEqual([{ partition: 0, start: 0, lag: 10 }])
    expect(external.totalLag).toBe(10)
  })

  it('counts from the start offset to the high watermark where the cluster offers only v0', async () => {
    await acknowledgeAhead(kafka41)
    const external = await describeThrough(`127.0.0.1:${forwarder.port}`, 'Kafka 4.1')
    expect(lagOf(external)).toEqual([{ partition: 0, start: 0, lag: N }])
  })
})
