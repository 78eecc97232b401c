// ShareFetch and ShareAcknowledge as a share group member sends them, for wire tests against a
// test cluster: records produced by kafkajs in batches, one connection per member and broker (a
// member's share sessions live on it, as a client's do), and what a response delivers.
import { Kafka, logLevel } from 'kafkajs'
import { KafkaConnection } from './kafka-request'
import type { TestCluster } from './cluster'
import {
  ApiKey,
  type ShareAcknowledgeRequest,
  type ShareFetchRequest,
  type ShareFetchResponse
} from '../../src/engine/kafka/protocol'
import { decodeBatch } from '../../src/engine/records'
import { AcknowledgeType as Ack } from '../../src/engine/share-partitions/record-states'

export interface Member {
  groupId: string
  memberId: string
  epoch: number
}

/** Acknowledgement batches by partition. */
export type Acks = Record<
  number,
  { firstOffset: bigint; lastOffset: bigint; acknowledgeTypes: number[] }[]
>

/** One acknowledgement batch per offset, all of one type (ACCEPT unless told). */
export const acknowledge = (offsets: number[], type: number = Ack.ACCEPT): Acks[number] =>
  offsets.map((o) => ({ firstOffset: BigInt(o), lastOffset: BigInt(o), acknowledgeTypes: [type] }))

/** The records a response delivers: those of its acquired ranges, with their delivery counts. */
export function delivered(res: ShareFetchResponse, partition: number) {
  const p = res.responses.flatMap((t) => t.partitions).find((x) => x.partitionIndex === partition)
  const out: { offset: number; value: string; deliveryCount: number }[] = []
  if (!p?.records) return out
  const values = new Map<number, string>()
  for (let at = 0; at < p.records.length;) {
    const b = decodeBatch(p.records, {}, at)
    for (const r of b.records) values.set(r.offset, r.value!.toString())
    at += b.header.size
  }
  for (const a of p.acquiredRecords)
    for (let o = Number(a.firstOffset); o <= Number(a.lastOffset); o++)
      out.push({ offset: o, value: values.get(o)!, deliveryCount: a.deliveryCount })
  return out
}

/** Share requests to one topic of the cluster `cluster()` gives (it may be restarted). */
export function shareRequests(cluster: () => TestCluster, topic: string) {
  const connections = new Map<string, KafkaConnection>()
  const topicId = () => cluster().engine.topic(topic)!.uuid
  const leaderOf = (partition: number) =>
    cluster().engine.topic(topic)!.partitions[partition].leader
  const portOf = (brokerId: number) =>
    cluster().listeners.find((l) => l.brokerId === brokerId)!.port
  const key = (m: Member, port: number) => `${m.groupId}/${m.memberId}@${port}`

  function connectionOf(brokerId: number, m: Member): KafkaConnection {
    const port = portOf(brokerId)
    let c = connections.get(key(m, port))
    if (!c) connections.set(key(m, port), (c = new KafkaConnection(port)))
    return c
  }

  /** Produces the values with kafkajs, in batches of `perBatch` records to the partition. */
  async function produce(partition: number, values: string[], perBatch = 25, to = topic) {
    const kafka = new Kafka({
      clientId: 'share-requests',
      brokers: cluster().bootstrap.split(','),
      logLevel: logLevel.NOTHING
    })
    const producer = kafka.producer()
    await producer.connect()
    try {
      for (let i = 0; i < values.length; i += perBatch)
        await producer.sendBatch({
          topicMessages: [
            {
              topic: to,
              messages: values.slice(i, i + perBatch).map((value) => ({ value, partition }))
            }
          ]
        })
    } finally {
      await producer.disconnect()
    }
  }

  function shareFetch(
    brokerId: number,
    m: Member,
    partitions: number[],
    acks: Acks = {},
    over: Partial<ShareFetchRequest> = {},
    version = 1
  ) {
    const body: ShareFetchRequest = {
      groupId: m.groupId,
      memberId: m.memberId,
      shareSessionEpoch: m.epoch,
      maxWaitMs: 0,
      minBytes: 1,
      maxBytes: 1 << 20,
      maxRecords: 500,
      batchSize: 500,
      shareAcquireMode: 0,
      isRenewAck: false,
      topics: [
        {
          topicId: topicId(),
          partitions: partitions.map((p) => ({
            partitionIndex: p,
            acknowledgementBatches: acks[p] ?? []
          }))
        }
      ],
      forgottenTopicsData: [],
      ...over
    }
    return connectionOf(brokerId, m).request(ApiKey.ShareFetch, version, body)
  }

  function shareAcknowledge(
    brokerId: number,
    m: Member,
    acks: Acks,
    { id = topicId(), version = 1, isRenewAck = false } = {}
  ) {
    const body: ShareAcknowledgeRequest = {
      groupId: m.groupId,
      memberId: m.memberId,
      shareSessionEpoch: m.epoch,
      isRenewAck,
      topics: [
        {
          topicId: id,
          partitions: Object.entries(acks).map(([p, batches]) => ({
            partitionIndex: Number(p),
            acknowledgementBatches: batches
          }))
        }
      ]
    }
    return connectionOf(brokerId, m).request(ApiKey.ShareAcknowledge, version, body)
  }

  /** Closes a member's connection to a broker (its share sessions there end). */
  function disconnect(brokerId: number, m: Member): void {
    const k = key(m, portOf(brokerId))
    connections.get(k)?.close()
    connections.delete(k)
  }

  function closeAll(): void {
    for (const c of connections.values()) c.close()
    connections.clear()
  }

  return {
    topicId,
    leaderOf,
    produce,
    shareFetch,
    shareAcknowledge,
    disconnect,
    closeAll
  }
}
